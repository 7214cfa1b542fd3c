//! Plates a city issues itself, after a plate word: an electric bike's or a tricycle's
//! number with the city's name in front (电动车号牌：某市A·07326, broken over a line
//! perhaps), masked whole. The national form (粤A·12345) is `identifiers`' work.

use std::sync::OnceLock;

use regex::Regex;

use crate::patterns::{plate_re, re};
use crate::{Finder, Kind};

fn local_plate_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:号牌|车牌号码|车牌号|车牌)(?:号码|号)?(?:为|是)?[：:\s]*(\p{Han}{2,4}[A-Z]?[·•]?\s{0,12}[0-9A-Z]{4,7})",
    )
}

impl Finder<'_> {
    /// A city's own plate after a plate word; a company's vehicle keeps it.
    pub(super) fn local_plates(&mut self) {
        let text = self.text;
        for c in local_plate_re().captures_iter(text) {
            let Some(m) = c.get(1) else { continue };
            let (s, e) = (m.start(), m.end());
            let v = m.as_str();
            if plate_re().is_match(v)
                || !v.chars().any(|ch| ch.is_ascii_digit())
                || text[e..].starts_with(|ch: char| ch.is_ascii_alphanumeric())
                || crate::vehicles::company_vehicle(text, s, e)
            {
                continue;
            }
            // All of it goes: a place name left before masked letters reads as a name
            // on a second pass (沪闵行****** → 闵行), and masking twice must change nothing.
            let n = v
                .chars()
                .filter(|ch| !ch.is_whitespace() && !matches!(ch, '·' | '•'))
                .count();
            self.push(
                Kind::Plate,
                s,
                e,
                "*".repeat(n),
                "个人车辆（电动车等）的地方号牌，整体隐去",
            );
        }
    }
}
