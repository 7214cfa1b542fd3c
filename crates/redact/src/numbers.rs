//! Numbers written the way letters and work orders write them: mobiles in Chinese
//! numerals (一三八零一六二九九五三, as dictated over the phone), the last four digits
//! of a phone given alone (手机尾号3316), a 残疾人证号 (the 身份证号 and two digits), a
//! bank card grouped by fours after a bank's name whether or not its check digit
//! holds, and a lawyer's 执业证号.

use std::sync::OnceLock;

use regex::Regex;

use crate::patterns::re;

use crate::patterns::{date_ok, digit_adjacent, id_check_ok, num, preceded_by};
use crate::{Finder, Kind};

/// Chinese numerals as digits (幺 is 1 when a number is read out).
const CN_DIGITS: &str = "零〇○一二三四五六七八九幺";

fn cn_id_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"[零〇○一二三四五六七八九幺](?:[ 　，,、]?[零〇○一二三四五六七八九幺]){16}[ 　，,、]?[零〇○一二三四五六七八九幺Xx]",
    )
}

/// The digit a Chinese numeral stands for (幺 is 一 as said on the phone); any other
/// letter (the check character x) upper-cased.
fn cn_digit(c: char) -> char {
    match c {
        '零' | '〇' | '○' => '0',
        '一' | '幺' => '1',
        '二' => '2',
        '三' => '3',
        '四' => '4',
        '五' => '5',
        '六' => '6',
        '七' => '7',
        '八' => '8',
        '九' => '9',
        other => other.to_ascii_uppercase(),
    }
}

fn cn_mobile_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"[一幺][三四五六七八九](?:[ 　\-，,、]?[零〇○一二三四五六七八九幺]){9}",
    )
}

fn phone_tail_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:尾号|后四位|末四位|后4位|末4位)(?:为|是)?[：:\s]*([0-9]{4})",
    )
}

/// The last digits of an identity number written alone (身份证号后六位为213046).
fn id_tail_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:身份证|身份证件|公民身份|证件)(?:号码|号)?的?(?:(?:后|末|最后)(?:六|6|四|4|八|8)位(?:数字|号码)?|尾号|尾数)(?:为|是)?[：:\s]*([0-9]{3,7}[0-9Xx]|[零〇一二三四五六七八九幺]{4,8}[Xx叉]?)",
    )
}

fn twenty_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"[0-9]{17}[0-9Xx][0-9]{2}")
}

/// A Hong Kong or Macao identity card (A123456(7), 1234567(8)) and a Taiwan one
/// (A123456789, after an identity word).
fn other_id_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"[A-Z]{1,2}[0-9]{6}[（(][0-9A][）)]|[157][0-9]{6}[（(][0-9][）)]|[A-Z][12][0-9]{8}",
    )
}

fn grouped_card_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"[0-9]{4}(?: [0-9]{4}){3} [0-9]{1,3}|[0-9]{4}(?: [0-9]{4}){3,4}",
    )
}

/// Words that make a clause the agency's own account, not a person's.
const AGENCY_ACCOUNT: &[&str] = &[
    "财政",
    "国库",
    "非税",
    "本局",
    "本机关",
    "指定账户",
    "公共账户",
    "代收",
    "缴款",
];

/// A refund goes back to the payer: the account it goes to is the person's own, even
/// when the clause calls it 指定账户 and gives a 户名.
pub(crate) fn refund(clause: &str) -> bool {
    ["退还", "退回", "退款", "返还", "退至"]
        .iter()
        .any(|w| clause.contains(w))
}

impl Finder<'_> {
    pub(super) fn written_numbers(&mut self) {
        let text = self.text;
        // An identity number read out in Chinese numerals (四二零三二四一九九零…X): its
        // check character must hold, as for one written in digits.
        for m in cn_id_re().find_iter(text) {
            let (s, e) = (m.start(), m.end());
            // Part of a longer run of numerals (a card read out): no identity number.
            let b = text[..s].chars().next_back();
            let a = text[e..].chars().next();
            if b.is_some_and(|c| CN_DIGITS.contains(c)) || a.is_some_and(|c| CN_DIGITS.contains(c))
            {
                continue;
            }
            let digits: String = m
                .as_str()
                .chars()
                .filter(|c| !matches!(c, ' ' | '　' | '，' | ',' | '、'))
                .map(cn_digit)
                .collect();
            if id_check_ok(&digits)
                && date_ok(
                    num(&digits[6..10]),
                    num(&digits[10..12]),
                    num(&digits[12..14]),
                )
            {
                self.push(
                    Kind::IdCard,
                    s,
                    e,
                    format!("{}************", &digits[..6]),
                    "以汉字读出的身份证号，只保留前6位（地区码）",
                );
            }
        }
        for m in cn_mobile_re().find_iter(text) {
            let (s, e) = (m.start(), m.end());
            let b = text[..s].chars().next_back();
            let a = text[e..].chars().next();
            if b.is_some_and(|c| CN_DIGITS.contains(c)) || a.is_some_and(|c| CN_DIGITS.contains(c))
            {
                continue;
            }
            let head: String = m.as_str().chars().take(3).collect();
            self.push(
                Kind::Phone,
                s,
                e,
                format!("{head}********"),
                "以汉字书写的手机号码，只保留前3位",
            );
        }
        for c in phone_tail_re().captures_iter(text) {
            let Some(m) = c.get(1) else { continue };
            if digit_adjacent(text, m.start(), m.end()) {
                continue;
            }
            // 账号尾号6613: the last digits of an account, not of a phone.
            if ["账号", "账户"]
                .iter()
                .any(|w| text[..c.get(0).map_or(0, |w| w.start())].ends_with(w))
            {
                continue;
            }
            self.push(
                Kind::Phone,
                m.start(),
                m.end(),
                "****".into(),
                "单独写出的电话号码后四位，隐去",
            );
        }
        for c in id_tail_re().captures_iter(text) {
            let Some(m) = c.get(1) else { continue };
            if digit_adjacent(text, m.start(), m.end()) {
                continue;
            }
            self.push(
                Kind::IdCard,
                m.start(),
                m.end(),
                "*".repeat(m.as_str().len()),
                "单独写出的身份证号码末几位，隐去",
            );
        }
        // A 残疾人证号 is the holder's 身份证号 and two digits.
        for m in twenty_re().find_iter(text) {
            let (s, e) = (m.start(), m.end());
            if digit_adjacent(text, s, e) {
                continue;
            }
            let v = m.as_str();
            let id = v[..18].to_uppercase();
            if !id_check_ok(&id) || !date_ok(num(&id[6..10]), num(&id[10..12]), num(&id[12..14])) {
                continue;
            }
            self.push(
                Kind::IdCard,
                s,
                e,
                format!("{}{}", &v[..6], "*".repeat(14)),
                "含身份证号的证件号码（如残疾人证号：身份证号加2位），只保留前6位",
            );
        }
        for m in other_id_re().find_iter(text) {
            let (s, e) = (m.start(), m.end());
            let ascii_around = text[..s]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphanumeric())
                || text[e..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphanumeric());
            // The Taiwan form is plain letters and digits: only after an identity word.
            let bracketed = m.as_str().ends_with([')', '）']);
            if ascii_around
                || (!bracketed && !preceded_by(text, s, &["身份证", "身份号码", "证件号"], 12))
            {
                continue;
            }
            let head: String = m.as_str().chars().take(1).collect();
            self.push(
                Kind::IdCard,
                s,
                e,
                format!("{head}{}", "*".repeat(m.as_str().chars().count() - 1)),
                "港澳台居民身份证号码，只保留首字符",
            );
        }
        // A card grouped by fours after a bank's name or an account word: personal,
        // whatever its check digit, unless the clause names the agency's account.
        for m in grouped_card_re().find_iter(text) {
            let (s, e) = (m.start(), m.end());
            if digit_adjacent(text, s, e) {
                continue;
            }
            if !preceded_by(
                text,
                s,
                &[
                    "银行",
                    "卡号",
                    "账户",
                    "账号",
                    "信用社",
                    "行卡",
                    "储蓄卡",
                    "借记卡",
                    "信用卡",
                ],
                16,
            ) {
                continue;
            }
            let clause_start = text[..s].rfind(['。', '\n', '；']).map_or(0, |i| {
                i + text[i..].chars().next().map_or(1, char::len_utf8)
            });
            let clause = text.get(clause_start..s).unwrap_or("");
            let note: String = text[e..].chars().take(12).collect();
            if AGENCY_ACCOUNT
                .iter()
                .any(|w| clause.contains(w) || note.contains(w))
                && !refund(clause)
                || crate::whose::body_named_holder(text, s)
            {
                continue;
            }
            let digits: String = m.as_str().chars().filter(char::is_ascii_digit).collect();
            if !(16..=19).contains(&digits.len()) {
                continue;
            }
            self.push(
                Kind::BankCard,
                s,
                e,
                format!(
                    "{}{}{}",
                    &digits[..4],
                    "*".repeat(digits.len() - 8),
                    &digits[digits.len() - 4..]
                ),
                "银行名称或账户字样后的个人银行卡号，只保留前4位和后4位",
            );
        }
    }
}
