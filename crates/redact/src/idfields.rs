//! The value of an identity-number field, whatever its shape: after 身份证号, 公民身份
//! 号码 or 证件号码 the digits that follow — grouped by spaces in any way (2102 1119
//! 7208 ××××, 532901 197009 ＊＊＊＊ 31), cut short where the source was not filled in
//! (632321 19910815 0), or blanked in part — are the person's number, even when they
//! do not make 15 or 18 characters with a valid date. The region code stays, the rest
//! goes.

use std::sync::OnceLock;

use regex::Regex;

use crate::patterns::{ascii_digit, re};
use crate::{Finder, Kind};

fn field_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(身份证号码|身份证号|身份证件号码|公民身份号码|身份号码|身份证|证件号码)[ 　]*[：:]?[ 　]*_*[ 　]*([0-9０-９](?:[ 　]?[0-9０-９*＊×XxＸｘ]){7,21})",
    )
}

impl Finder<'_> {
    /// Identity numbers of any shape as the value of an identity field.
    pub(super) fn id_field_values(&mut self) {
        for c in field_re().captures_iter(self.text) {
            if let (Some(label), Some(v)) = (c.get(1), c.get(2)) {
                if label.as_str() == "证件号码" && !self.identity_shaped(v.start(), v.end()) {
                    continue;
                }
                self.id_value(v.start(), v.end());
            }
        }
        // The cells under a table column headed by an identity word (| 身份证号 |).
        let cells = crate::columns::drawn_column(self.text, |h| ID_HEADERS.contains(&h));
        for (s, _, cell) in cells {
            if let Some(m) = cell_value_re().find(cell)
                && m.start() == 0
            {
                self.id_value(s, s + m.end());
            }
        }
        // Under the bare 证件号码 only a value shaped as an identity number.
        let cells = crate::columns::drawn_column(self.text, |h| h == "证件号码");
        for (s, _, cell) in cells {
            if let Some(m) = cell_value_re().find(cell)
                && m.start() == 0
                && self.identity_shaped(s, s + m.end())
            {
                self.id_value(s, s + m.end());
            }
        }
    }

    /// Whether the value at `s..e` of a bare 证件号码 (which may be any certificate's, a
    /// badge's 执法证号 among them) is an identity number: spaced or blanked in part, on
    /// a line that names no officer's badge, with a region and a birth year (19…, 20…)
    /// where they stand.
    fn identity_shaped(&self, s: usize, e: usize) -> bool {
        let value = &self.text[s..e];
        let line_start = crate::patterns::line_start(self.text, s);
        let line_end = crate::patterns::line_end(self.text, e);
        if ["执法", "工作证", "胸牌", "工号"]
            .iter()
            .any(|w| self.text[line_start..line_end].contains(w))
        {
            return false;
        }
        let chars: Vec<char> = value.chars().filter(|c| !matches!(c, ' ' | '　')).collect();
        let year: String = chars.iter().skip(6).take(2).collect();
        let marked = chars.iter().any(|c| !c.is_ascii_digit());
        let region = chars.iter().take(6).all(char::is_ascii_digit) && chars[0] != '0';
        chars.len() >= 8
            && region
            && (chars.len() == 15
                || year == "19"
                || year == "20"
                || year.chars().any(|c| !c.is_ascii_digit()))
            && (marked || value.contains([' ', '　']) || matches!(chars.len(), 15 | 18))
    }

    /// The identity number at `s..e` (an identity field's value, perhaps spaced, cut
    /// short or blanked): the region code stays.
    fn id_value(&mut self, s: usize, e: usize) {
        let v = &self.text[s..e];
        let value = v.trim_end_matches([' ', '　']);
        let e = e - (v.len() - value.len());
        // The value ends there: no letter or digit runs on (a code, a longer number).
        if self.text[e..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
        {
            return;
        }
        let chars: Vec<char> = value.chars().filter(|c| !matches!(c, ' ' | '　')).collect();
        // An unbroken 15- or 18-character number is the identity finders' own (and
        // the form they publish, the region and marks, stays as it is).
        let spaced = chars.len() < value.chars().count();
        // A source that blanked the middle may write more stars than it hid
        // (4113231985********26): a blanked value may run to 21 characters.
        let blanked = chars.iter().any(|c| matches!(c, '*' | '＊' | '×'));
        let longest = if blanked { 21 } else { 18 };
        if !(8..=longest).contains(&chars.len()) || (!spaced && matches!(chars.len(), 15 | 18)) {
            return;
        }
        let head: String = chars
            .iter()
            .take(6)
            .filter_map(|c| ascii_digit(*c))
            .collect();
        let rep = if head.chars().count() == 6 {
            format!("{head}{}", "*".repeat(chars.len() - 6))
        } else {
            "*".repeat(chars.len())
        };
        self.push(
            Kind::IdCard,
            s,
            e,
            rep,
            "身份证号栏内的号码（分组书写、残缺或部分遮蔽），只保留前6位",
        );
    }
}

/// Column headers of identity numbers.
const ID_HEADERS: &[&str] = &["身份证号", "身份证号码", "公民身份号码", "身份证件号码"];

/// A cell's value shaped as an identity number: digits, then digits, marks and spaces.
fn cell_value_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"[0-9０-９](?:[ 　]?[0-9０-９*＊×XxＸｘ]){7,21}")
}
