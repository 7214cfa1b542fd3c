//! Identifiers: 居民身份证号, bank card numbers, phone numbers, e-mail addresses and
//! vehicle plates.

use crate::patterns::{
    bare_phone_re, card_re, date_ok, digit_adjacent, email_re, id_check_ok, id_re,
    is_ascii_alnum_at, landline_re, luhn_ok, mobile_re, num, plate_re, preceded_by,
};
use crate::{Finder, Kind};

impl Finder<'_> {
    pub(super) fn id_cards(&mut self) {
        for m in id_re().find_iter(self.text) {
            let (s, e) = (m.start(), m.end());
            if is_ascii_alnum_at(self.text, s, true) || is_ascii_alnum_at(self.text, e, false) {
                continue;
            }
            let v = m.as_str();
            if preceded_by(self.text, s, &["信用代码", "注册号", "执法证"], 14) {
                continue;
            }
            if v.len() == 18 {
                let ok =
                    id_check_ok(v) && date_ok(num(&v[6..10]), num(&v[10..12]), num(&v[12..14]));
                if ok {
                    let rep = format!("{}********{}", &v[..6], &v[14..]);
                    self.push(
                        Kind::IdCard,
                        s,
                        e,
                        rep,
                        "18位身份证号（校验码有效），隐去出生日期（第7–14位）",
                    );
                }
            } else if date_ok(1900 + num(&v[6..8]), num(&v[8..10]), num(&v[10..12]))
                && preceded_by(self.text, s, &["身份证", "公民身份号码", "证件号"], 12)
            {
                let rep = format!("{}******{}", &v[..6], &v[12..]);
                self.push(
                    Kind::IdCard,
                    s,
                    e,
                    rep,
                    "15位旧身份证号，隐去出生日期（第7–12位）",
                );
            }
        }
    }

    pub(super) fn bank_cards(&mut self) {
        for m in card_re().find_iter(self.text) {
            let (s, e) = (m.start(), m.end());
            if digit_adjacent(self.text, s, e) {
                continue;
            }
            let digits: String = m.as_str().chars().filter(char::is_ascii_digit).collect();
            if !(16..=19).contains(&digits.len()) || !luhn_ok(&digits) {
                continue;
            }
            if digits.len() == 18 && id_check_ok(&digits) {
                continue; // an identity number, found above
            }
            let rep = format!(
                "{}{}{}",
                &digits[..4],
                "*".repeat(digits.len() - 8),
                &digits[digits.len() - 4..]
            );
            self.push(
                Kind::BankCard,
                s,
                e,
                rep,
                "银行卡号（Luhn 校验有效），只保留前4位和后4位",
            );
        }
    }

    pub(super) fn phones(&mut self) {
        for m in mobile_re().find_iter(self.text) {
            let (s, e) = (m.start(), m.end());
            if digit_adjacent(self.text, s, e) {
                continue;
            }
            let digits: String = m.as_str().chars().filter(char::is_ascii_digit).collect();
            let local = &digits[digits.len() - 11..];
            let prefix = if digits.len() > 11 { "+86 " } else { "" };
            let rep = format!("{prefix}{}****{}", &local[..3], &local[7..]);
            self.push(Kind::Phone, s, e, rep, "手机号码，隐去中间4位");
        }
        for m in landline_re().find_iter(self.text) {
            let (s, e) = (m.start(), m.end());
            if digit_adjacent(self.text, s, e) {
                continue;
            }
            let v = m.as_str();
            // Keep the area code as written, mask all but the last 4 digits of the number.
            let split = v
                .char_indices()
                .find(|(i, c)| *i > 2 && (*c == '-' || *c == ' ' || *c == ')' || *c == '）'))
                .map(|(i, c)| i + c.len_utf8())
                .unwrap_or_else(|| {
                    if v.starts_with("01") || v.starts_with("02") {
                        3
                    } else {
                        4
                    }
                });
            let (area, number) = v.split_at(split.min(v.len()));
            let digits: Vec<char> = number.chars().filter(char::is_ascii_digit).collect();
            if digits.len() < 7 {
                continue;
            }
            let keep: String = digits[digits.len() - 4..].iter().collect();
            let rep = format!("{area}{}{keep}", "*".repeat(digits.len() - 4));
            self.push(Kind::Phone, s, e, rep, "固定电话号码，保留区号和后4位");
        }
        for c in bare_phone_re().captures_iter(self.text) {
            let Some(m) = c.get(1) else { continue };
            let (s, e) = (m.start(), m.end());
            if digit_adjacent(self.text, s, e) {
                continue;
            }
            let v = m.as_str();
            let rep = format!("{}{}", "*".repeat(v.len() - 4), &v[v.len() - 4..]);
            self.push(Kind::Phone, s, e, rep, "电话号码（无区号），保留后4位");
        }
    }

    pub(super) fn emails(&mut self) {
        for m in email_re().find_iter(self.text) {
            let v = m.as_str();
            let Some((user, domain)) = v.split_once('@') else {
                continue;
            };
            let first: String = user.chars().take(1).collect();
            let rep = format!("{first}***@{domain}");
            self.push(
                Kind::Email,
                m.start(),
                m.end(),
                rep,
                "电子邮箱，只保留首字符和域名",
            );
        }
    }

    pub(super) fn plates(&mut self) {
        for m in plate_re().find_iter(self.text) {
            let (s, e) = (m.start(), m.end());
            if is_ascii_alnum_at(self.text, e, false) {
                continue;
            }
            let head: String = m.as_str().chars().take(2).collect();
            let rest = m
                .as_str()
                .chars()
                .skip(2)
                .filter(|c| c.is_ascii_alphanumeric())
                .count();
            let rep = format!("{head}{}", "*".repeat(rest));
            self.push(
                Kind::Plate,
                s,
                e,
                rep,
                "机动车号牌，只保留省份简称和发牌机关代号",
            );
        }
    }
}
