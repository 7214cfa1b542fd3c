//! A home given in brackets right after a person (楼下住户王海燕（11-2-1703）, 宫长海家
//! （110号1单元102）, 投诉人：谷  振  东（楼西大街118号2楼，电话…）, 业主某某（…花园9幢1单元
//! 502室）), and a household's number (户号11-2-1803): whatever cue is missing, a
//! building, a flat or a house number in brackets after a person is where they live.
//! The district, street and road before its first number stay.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use regex::Regex;

use crate::patterns::re;

fn bracket_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"[（(]([^（()）\n，,；;]{2,40})[，,；;）)]")
}

fn household_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"户号[：:]?[ 　]*([0-9]{1,4}(?:-[0-9]{1,4}){1,3})")
}

/// A flat's number: digits with a building, flat or house word, or digits joined by
/// dashes (11-2-1703).
fn flat_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"^[^0-9]{0,12}[0-9０-９]+(?:号|栋|幢|单元|室|楼|弄|号院)|^[0-9]{1,4}(?:-[0-9]{1,4}){1,3}$",
    )
}

/// Spans of homes in brackets after a person named in `names` (or after 家, 住户).
pub(crate) fn bracketed_homes(text: &str, names: &BTreeSet<String>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for c in bracket_re().captures_iter(text) {
        let (Some(all), Some(inner)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let before = text[..all.start()].trim_end_matches([' ', '　', '\n']);
        let person = names
            .iter()
            .filter(|n| n.chars().count() >= 2)
            .any(|n| before.ends_with(n.as_str()))
            || before.ends_with("家")
            || before.ends_with("住户");
        let value = inner.as_str().trim();
        if !person || !flat_re().is_match(value) {
            continue;
        }
        // A date, an amount or an identity number in brackets is no home.
        let amount = value.replace("单元", "").contains('元');
        if amount
            || ["年", "月", "岁", "平方米", "㎡", "证"]
                .iter()
                .any(|w| value.contains(w))
        {
            continue;
        }
        // The district, street and road stay, as everywhere (RULES): the home is masked
        // from its first number on (…凌公塘路|168弄东方花园9幢1单元502室).
        let lead = inner.as_str().len() - inner.as_str().trim_start().len();
        let first = value
            .find(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
            .unwrap_or(0);
        out.push((inner.start() + lead + first, inner.end()));
    }
    for c in household_re().captures_iter(text) {
        if let Some(v) = c.get(1) {
            out.push((v.start(), v.end()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn after_a_home_word() {
        let got = bracketed_homes("业主邝德明家（27号2单元301）院落占道。", &BTreeSet::new());
        assert_eq!(got.len(), 1, "{got:?}");
    }
}
