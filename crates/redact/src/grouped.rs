//! Homes by the way villages and compounds number them: a named village group and its
//! house (尼史村上尼史组8号, 下园村民小组16号), a row and a house of a compound (家属院3排5
//! 号), and a place a note calls someone's own dwelling (…十六号（当事人自住房屋）). The
//! village, road or compound stays; the group, row and number go.

use crate::roadlevel::below_road;
use crate::{Finder, Kind};

/// After a village: a group named by one to four characters, then a house number.
fn named_group_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    crate::patterns::re(
        &R,
        r"村((?:[\p{Han}&&[^村组镇乡的在与和]]{1,4}(?:组|村民小组))[0-9一二三四五六七八九十]{1,4}号)",
    )
}

/// A row and a house (3排5号).
fn row_house_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    crate::patterns::re(&R, r"[0-9]{1,2}排[0-9]{1,3}号")
}

/// An estate's name (up to four letters after a level word or a mark) and a flat
/// written building-entrance-flat with dashes (嘉园小区5-3-1201).
fn estate_flat_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    crate::patterns::re(
        &R,
        r"(?:^|[^\p{Han}]|街道|路|街|区|镇|村)((?:[\p{Han}&&[^的在和与及是为于]]{1,4})(?:小区|花园|家园|新村|公寓|苑)[ 　]?[0-9]{1,3}-[0-9]{1,2}-[0-9]{3,4})",
    )
}

/// A place, then a note that it is someone's own dwelling.
fn own_dwelling_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    crate::patterns::re(
        &R,
        r"([^\s：:，,。；;（()）]{4,40})[（(](?:当事人|申请人|其|本人)?(?:自住|自家|居住)(?:的)?(?:房屋|住房|住宅|宅院)?[）)]",
    )
}

impl Finder<'_> {
    /// Named village groups, rows of a compound, places noted as one's own dwelling.
    pub(super) fn grouped_homes(&mut self) {
        let text = self.text;
        let reason = "自然人住址（村民小组、排号、自住房屋的门牌），隐去";
        let mut spans = Vec::new();
        for c in named_group_re().captures_iter(text) {
            if let Some(m) = c.get(1) {
                spans.push((m.start(), m.end()));
            }
        }
        for m in row_house_re().find_iter(text) {
            // A stall in a market's rows (3排5号摊位) is a business's.
            let after: String = text[m.end()..].chars().take(2).collect();
            if crate::patterns::digit_adjacent(text, m.start(), m.end())
                || ["摊", "铺", "商", "门面", "档"]
                    .iter()
                    .any(|w| after.starts_with(w))
            {
                continue;
            }
            spans.push((m.start(), m.end()));
        }
        // 嘉园小区5-3-1201: an estate and a building, entrance and flat written with
        // dashes is a home wherever it stands; the estate's name goes with it.
        for c in estate_flat_re().captures_iter(text) {
            let Some(m) = c.get(1) else { continue };
            if crate::patterns::digit_adjacent(
                text,
                c.get(0).map_or(m.start(), |w| w.start()),
                m.end(),
            ) {
                continue;
            }
            spans.push((m.start(), m.end()));
        }
        for c in own_dwelling_re().captures_iter(text) {
            let Some(m) = c.get(1) else { continue };
            let place = m.as_str();
            if let Some(cut) = below_road(place) {
                self.mask_address(m.start() + cut, &place[cut..]);
            }
        }
        for (s, e) in spans {
            self.push(Kind::Address, s, e, "***".into(), reason);
        }
    }
}
