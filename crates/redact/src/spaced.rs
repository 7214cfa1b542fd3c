//! Names typed with a space between their characters, as scanned forms and OCR print
//! them (姓 名：刘 建 国), and phone numbers spaced digit by digit (0 3 5 1 - 6 2 3 4
//! 5 6 7 8, 1 3 9 0 …).

use std::collections::BTreeSet;

use crate::names::{masked_name, person_name};
use crate::{Finder, Kind};

impl Finder<'_> {
    /// Names typed with a space between the characters, as scans and forms print them
    /// (姓 名：刘 建 国): masked where they stand, and the joined name returned so that it
    /// is masked wherever else it appears (签名：刘建国).
    pub(super) fn spaced_names(&mut self, officers: &BTreeSet<String>) -> BTreeSet<String> {
        let mut names = BTreeSet::new();
        for label in spaced_name_re().find_iter(self.text) {
            let Some(m) = spaced_run_re().find(&self.text[label.end()..]) else {
                continue;
            };
            let (ms, me) = (label.end() + m.start(), label.end() + m.end());
            let after = self.text[me..].chars().next();
            let next2: String = self.text[me..].chars().take(2).collect();
            let ends = after.is_none_or(|c| !matches!(c, ' ' | '　'))
                || next2.chars().all(|c| matches!(c, ' ' | '　'))
                || next2.ends_with(|c: char| !('\u{4e00}'..='\u{9fff}').contains(&c))
                || ["性", "民族", "年龄", "出生", "身份", "住", "联系", "电话"]
                    .iter()
                    .any(|w| {
                        self.text[me..]
                            .trim_start_matches([' ', '　'])
                            .starts_with(w)
                    });
            if !ends {
                continue;
            }
            let joined: String = self.text[ms..me]
                .chars()
                .filter(|c| !matches!(c, ' ' | '　'))
                .collect();
            let Some(name) = person_name(&joined).filter(|n| *n == joined) else {
                continue;
            };
            if officers.contains(&name) {
                continue;
            }
            self.push(
                Kind::Name,
                ms,
                me,
                masked_name(&name),
                "以空格分隔书写的自然人姓名，保留姓氏",
            );
            names.insert(name);
        }
        names
    }
}

impl Finder<'_> {
    /// A phone number spaced digit by digit, as a form filled by hand or a dictated
    /// number is typed: a landline keeps its area code, a mobile its first 3 digits.
    pub(super) fn spaced_phones(&mut self) {
        for m in spaced_phone_re().find_iter(self.text) {
            let (s, e) = (m.start(), m.end());
            if crate::patterns::digit_adjacent(self.text, s, e) {
                continue;
            }
            let digits = crate::patterns::ascii_digits(m.as_str());
            let digits: String = digits.chars().filter(char::is_ascii_digit).collect();
            let second = digits.chars().nth(1).unwrap_or('0');
            let (rep, reason) = if digits.starts_with('1') && digits.len() == 11 && second >= '3' {
                (
                    format!("{}********", &digits[..3]),
                    "逐位以空格分隔的手机号码，只保留前3位",
                )
            } else if digits.starts_with('0') && second != '0' && (10..=12).contains(&digits.len())
            {
                let area = if digits.starts_with("01") || digits.starts_with("02") {
                    3
                } else {
                    4
                };
                (
                    format!(
                        "{}-{}{}",
                        &digits[..area],
                        "*".repeat(digits.len() - area - 4),
                        &digits[digits.len() - 4..]
                    ),
                    "逐位以空格分隔的固定电话号码，保留区号和后4位",
                )
            } else {
                continue;
            };
            self.push(Kind::Phone, s, e, rep, reason);
        }
    }
}

/// Digits spaced one by one (a dash between area code and number allowed): ten to
/// twelve of them.
fn spaced_phone_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(r"[0-9０-９](?:[ 　]?[-－][ 　]?[0-9０-９]|[ 　][0-9０-９]){9,11}")
            .expect("constant pattern")
    })
}

/// The labels after which a spaced name is looked for.
fn spaced_name_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(
            r"(?:姓\s?名|当事人|被询问人|申请人|签\s?名|负责人|联系人|代理人|证人)[：:][ 　]*",
        )
        .expect("constant pattern")
    })
}

/// Two to four Chinese characters with an ASCII space between each, at the start (a
/// full-width space separates fields: 刘 建 国　性别).
fn spaced_run_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| regex::Regex::new(r"^[\p{Han}](?: [\p{Han}]){1,3}").expect("constant pattern"))
}
