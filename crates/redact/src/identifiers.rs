//! Identifiers: 居民身份证号, bank card numbers, phone numbers and vehicle plates
//! (e-mail addresses: `contacts`).

use std::collections::BTreeSet;

use crate::idnumbers::id_masking;
use crate::patterns::{
    account_number_re, account_re, ascii_digit, ascii_digits, bare_phone_re, card_re,
    certificate_re, date_ok, digit_adjacent, doc_number_at, id_check_ok, id_re, intl_phone_re,
    is_ascii_alnum_at, landline_re, luhn_ok, mobile_re, num, preceded_by, spaced_id_re,
    window_before,
};
use crate::whose::{
    agency_phone, person_holder, public_account, spaced_digits_adjacent, treasury_account,
};
use crate::{Finder, Kind};

impl Finder<'_> {
    pub(super) fn id_cards(&mut self) {
        for m in id_re().find_iter(self.text) {
            let (s, e) = (m.start(), m.end());
            let wide = |c: Option<char>| c.is_some_and(|c| ascii_digit(c).is_some() || c == '＊');
            // T511527…: a certificate numbered by one letter and the holder's identity
            // number (特种作业操作证), the number valid to its check character.
            let lettered = {
                let mut back = self.text[..s].chars().rev();
                back.next().is_some_and(|c| c.is_ascii_uppercase())
                    && back.next().is_none_or(|c| !c.is_ascii_alphanumeric())
                    && m.as_str().len() == 18
                    && id_check_ok(m.as_str())
            };
            if is_ascii_alnum_at(self.text, s, true) && !lettered
                || is_ascii_alnum_at(self.text, e, false)
                || wide(self.text[..s].chars().next_back())
                || wide(self.text[e..].chars().next())
            {
                continue;
            }
            if crate::idnumbers::nearest_label_is_other(self.text, s) {
                continue;
            }
            let chars: Vec<char> = m.as_str().chars().collect();
            if let Some((rep, reason)) = id_masking(&chars, || {
                preceded_by(
                    self.text,
                    s,
                    &["身份证", "公民身份", "证件号", "身份号码", "十五位", "15位"],
                    12,
                ) || crate::idnumbers::in_id_column(self.text, s)
                    // 问：你老身份证上的号码还记得吗？答：4328…: answered to the question.
                    || self.text[..s].ends_with("答：")
                        && preceded_by(self.text, s, &["身份证"], 24)
                    // 老身份证上，罗某的号码是 5101…: the card named earlier in the sentence.
                    || preceded_by(self.text, s, &["号码是", "号码为", "号是"], 6)
                        && preceded_by(self.text, s, &["身份证"], 30)
            }) {
                self.push(Kind::IdCard, s, e, rep, reason);
            }
        }
        // Split by spaces (330106 19821102 451X, 4201 0319 7606 1522 31): 18 characters
        // once the spaces are gone, with a valid date and check character.
        for m in spaced_id_re().find_iter(self.text) {
            let (s, e) = (m.start(), m.end());
            if digit_adjacent(self.text, s, e) || is_ascii_alnum_at(self.text, e, false) {
                continue;
            }
            // 511522-19760930-162X: grouped by dashes as by spaces.
            let plain: String = m
                .as_str()
                .chars()
                .filter(|c| !matches!(c, ' ' | '-' | '－'))
                .collect();
            // The old 15-digit form split by spaces (411402 641219 031) after an identity word.
            if plain.len() == 15 {
                let chars: Vec<char> = plain.chars().collect();
                let cued = || {
                    preceded_by(
                        self.text,
                        s,
                        &["身份证", "公民身份", "证件号", "身份号码"],
                        12,
                    ) || crate::idnumbers::in_id_column(self.text, s)
                };
                if let Some((rep, reason)) = cued().then(|| id_masking(&chars, cued)).flatten() {
                    self.push(Kind::IdCard, s, e, rep, reason);
                }
                continue;
            }
            if plain.len() != 18 {
                continue;
            }
            if !id_check_ok(&plain.to_uppercase()) {
                // Masked in part or copied by hand (a check character that does not
                // hold): after an identity word it is still the person's number.
                let chars: Vec<char> = plain.chars().collect();
                let cued = || preceded_by(self.text, s, &["身份证", "证件号", "身份号码"], 12);
                if let Some((rep, reason)) = cued().then(|| id_masking(&chars, cued)).flatten() {
                    self.push(Kind::IdCard, s, e, rep, reason);
                }
                continue;
            }
            if !date_ok(num(&plain[6..10]), num(&plain[10..12]), num(&plain[12..14])) {
                continue;
            }
            let rep = format!("{}{}", &plain[..6], "*".repeat(12));
            self.push(
                Kind::IdCard,
                s,
                e,
                rep,
                "以空格分隔的18位身份证号（校验码有效），只保留前6位",
            );
        }
    }

    /// A number after a bank word (卡号, 账户 …), Luhn-valid or not; the agency's or
    /// the 财政局's collection account stays.
    fn bank_accounts(&mut self) {
        for c in account_number_re().captures_iter(self.text) {
            let Some(m) = c.get(1) else { continue };
            let (s, e) = (m.start(), m.end());
            if digit_adjacent(self.text, s, e) {
                continue;
            }
            let digits: String = m.as_str().chars().filter(char::is_ascii_digit).collect();
            if !(12..=21).contains(&digits.len()) {
                continue;
            }
            if public_account(self.text, s) {
                continue;
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
                "个人银行账号，只保留前4位和后4位",
            );
        }
    }

    pub(super) fn bank_cards(&mut self) {
        const CARD_WORDS: &[&str] = &["银行卡", "卡号", "储蓄卡", "借记卡", "信用卡"];
        self.bank_accounts();
        for m in card_re().find_iter(self.text) {
            let (s, e) = (m.start(), m.end());
            if digit_adjacent(self.text, s, e) {
                continue;
            }
            // Part of a longer code (a 统一社会信用代码 ends in a letter, a receipt number
            // starts with one: FJ3501…): no card.
            if self.text[e..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric())
                || self.text[..s]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_ascii_alphabetic())
                || preceded_by(self.text, s, &["信用代码", "代码"], 8)
            {
                continue;
            }
            let digits: String = m.as_str().chars().filter(char::is_ascii_digit).collect();
            // A number written as a card (grouped) right after a bank or card word is a
            // card even when its check digit is off (a typo does not make it public).
            let named =
                m.as_str().contains([' ', '-']) && preceded_by(self.text, s, CARD_WORDS, 12);
            if !(16..=19).contains(&digits.len()) || !(luhn_ok(&digits) || named) {
                continue;
            }
            if digits.len() == 18 && id_check_ok(&digits) {
                continue; // an identity number, found above
            }
            // A Luhn-valid number may be the 财政局's collection account (收款人：…财政局
            // 非税收入专户，账号…): the clause says whose it is.
            if treasury_account(self.text, s) {
                continue;
            }
            if preceded_by(
                self.text,
                s,
                &[
                    "编号",
                    "案号",
                    "文号",
                    "单号",
                    "流水号",
                    "户名",
                    "缴款码",
                    "缴费码",
                    "缴款识别码",
                    // A payment slip's number (缴款书号：1310…): the treasury's, no card.
                    "缴款书号",
                    "缴款书编号",
                    "票据号",
                ],
                12,
            ) && !person_holder(window_before(self.text, s, 30))
            {
                continue; // a case number or the agency's account
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
                if luhn_ok(&digits) {
                    "银行卡号（Luhn 校验有效），只保留前4位和后4位"
                } else {
                    "银行卡号（紧随“银行卡”等字样），只保留前4位和后4位"
                },
            );
        }
    }

    pub(super) fn phones(&mut self, officers: &BTreeSet<String>) {
        let badges = crate::certlists::roster_badges(self.text);
        for m in mobile_re().find_iter(self.text) {
            let (s, e) = (m.start(), m.end());
            if digit_adjacent(self.text, s, e)
                || spaced_digits_adjacent(self.text, s, e)
                || doc_number_at(self.text, s)
            {
                continue;
            }
            // An 11-digit 执法证号 that looks like a mobile.
            // …, also the later ones of a list (执法证号14010525008、14010525019).
            let head = crate::staff::list_head(self.text, s);
            if preceded_by(
                self.text,
                head,
                &["执法证", "证号", "编号", "证件号", "证字"],
                6,
            ) || badges.binary_search(&s).is_ok()
            {
                continue;
            }
            // 站长：某某（执法证号…）  137…（工作手机）: an officer's work mobile.
            if crate::orgphones::work_mobile(self.text, s, e) {
                continue;
            }
            // 刘洋（13010220057）: an officer's number after the officer's name.
            let before = self.text[..s].trim_end_matches(['（', '(', ' ', '：', ':', '　']);
            if officers.iter().any(|o| before.ends_with(o.as_str())) {
                continue;
            }
            let (number, ext) = split_extension(m.as_str());
            let digits = ascii_digits(number);
            if digits.len() < 11 {
                continue;
            }
            let local = &digits[digits.len() - 11..];
            let prefix = if digits.len() > 11 { "+86 " } else { "" };
            let rep = format!("{prefix}{}********{}", &local[..3], ext_mask(ext));
            self.push(Kind::Phone, s, e, rep, "手机号码，只保留前3位");
        }
        // Numbers with a foreign country code (+852 6123 4578, +39 …): only the code stays.
        for m in intl_phone_re().find_iter(self.text) {
            let (s, e) = (m.start(), m.end());
            if digit_adjacent(self.text, s, e) || m.as_str().starts_with("+86") {
                continue;
            }
            let v = m.as_str();
            // 852-9123 4567 without a plus: only where a phone is named.
            if !v.starts_with('+')
                && !preceded_by(
                    self.text,
                    s,
                    &["电话", "手机", "联系", "号码", "香港", "澳门"],
                    10,
                )
            {
                continue;
            }
            let code_end = v
                .char_indices()
                .skip(1)
                .find(|(_, c)| !c.is_ascii_digit())
                .map_or(v.len().min(4), |(i, _)| i);
            let code = &v[..code_end];
            self.push(
                Kind::Phone,
                s,
                e,
                format!("{code} ********"),
                "境外电话号码，只保留国家或地区代码",
            );
        }
        self.part_masked_mobiles();
        self.part_masked_landlines();
        for m in landline_re().find_iter(self.text) {
            let (s, e) = (m.start(), m.end());
            // Part of a code (JZ-0602-20240819-0007, HP-YSQ-…): not a phone.
            let code = self.text[..s]
                .chars()
                .next_back()
                .is_some_and(|c| c == '-' || c.is_ascii_alphabetic())
                || self.text[e..].starts_with('-');
            // Seven digits split four and three (0xxx—xxxx xxx) only right after a
            // phone word: a contact line's number is often written so.
            let four_three = m
                .as_str()
                .chars()
                .rev()
                .nth(3)
                .is_some_and(|c| ascii_digit(c).is_none())
                // 0xxx-8 2 2 7 3 5 1: digit by digit is no four-three split.
                && m.as_str().chars().rev().take(3).all(|c| ascii_digit(c).is_some())
                && ascii_digits(m.as_str()).len() <= 11
                && !m.as_str().starts_with(['(', '（'])
                && !preceded_by(
                    self.text,
                    s,
                    &["电话：", "电话:", "电话为", "手机：", "座机："],
                    4,
                )
                // …a person's contact (紧急联系人：母亲 某某 0830-…), a phone column's cell.
                && !preceded_by(
                    self.text,
                    s,
                    &["电话", "手机", "座机", "固话", "联系人", "联系方式"],
                    16,
                )
                && !phone_cell(self.text, s);
            if code
                || four_three
                || digit_adjacent(self.text, s, e)
                || spaced_digits_adjacent(self.text, s, e)
                || agency_phone(self.text, s)
                || crate::whose::body_named_after(&self.text[e..])
                || officer_on_line(self.text, s, officers)
                || doc_number_at(self.text, s)
                || crate::agencies::org_phone_row(self.text, s)
            {
                continue;
            }
            let (v, ext) = split_extension(m.as_str());
            // Keep the area code as written, mask all but the last 4 digits of the number.
            let split = v
                .char_indices()
                .skip(2)
                .find(|(_, c)| matches!(c, '-' | '－' | '—' | ' ' | ')' | '）'))
                .map(|(i, c)| i + c.len_utf8())
                .unwrap_or_else(|| {
                    let d = ascii_digits(v);
                    let n = if d.starts_with("01") || d.starts_with("02") {
                        3
                    } else {
                        4
                    };
                    v.char_indices().nth(n).map(|(i, _)| i).unwrap_or(v.len())
                });
            let split = split.min(v.len());
            if !v.is_char_boundary(split) {
                continue;
            }
            let (area, number) = v.split_at(split);
            let digits: Vec<char> = ascii_digits(number).chars().collect();
            if digits.len() < 7 {
                continue;
            }
            let keep: String = digits[digits.len() - 4..].iter().collect();
            let rep = format!(
                "{area}{}{keep}{}",
                "*".repeat(digits.len() - 4),
                ext_mask(ext)
            );
            self.push(Kind::Phone, s, e, rep, "固定电话号码，保留区号和后4位");
        }
        for c in bare_phone_re().captures_iter(self.text) {
            let Some(m) = c.get(1) else { continue };
            let (s, e) = (m.start(), m.end());
            // 工作手机133 2710 5826: the first groups of a longer spaced number.
            // 0745-8231**15: the head of a number masked in part at the source.
            if digit_adjacent(self.text, s, e)
                || spaced_digits_adjacent(self.text, s, e)
                || agency_phone(self.text, s)
                || self.text[e..].starts_with(['*', '＊', '×'])
            {
                continue;
            }
            let (v, ext) = split_extension(m.as_str());
            let digits = ascii_digits(v);
            if digits.len() < 7 {
                continue;
            }
            let rep = format!(
                "{}{}{}",
                "*".repeat(digits.len() - 4),
                &digits[digits.len() - 4..],
                ext_mask(ext)
            );
            self.push(Kind::Phone, s, e, rep, "电话号码（无区号），保留后4位");
        }
    }

    /// WeChat, QQ, 抖音 … accounts, and personal certificate numbers.
    pub(super) fn accounts(&mut self) {
        for c in account_re().captures_iter(self.text) {
            let Some(m) = crate::patterns::first_group(&c) else {
                continue;
            };
            // 【12345工单 WX2026071400263】: a work order's number that opens with letters.
            let label_start = c.get(0).map_or(m.start(), |w| w.start());
            let head = self.text[..label_start].trim_end_matches([' ', '　', '【', '[', '：', ':']);
            // 案件编号：WX-ZF-2026-0318: a number's letters, joined by a dash.
            if ["工单", "编号", "单号", "流水号", "案号"]
                .iter()
                .any(|w| head.ends_with(w))
                || m.as_str().starts_with('-')
            {
                continue;
            }
            // QQ号二七四六…: read out in Chinese numerals.
            let spoken = m
                .as_str()
                .starts_with(|c: char| "零〇○一二三四五六七八九幺".contains(c));
            self.push(
                Kind::Account,
                m.start(),
                m.end(),
                "***".into(),
                if spoken {
                    "以汉字读出的个人社交账号（QQ、微信），隐去"
                } else {
                    "个人的社交账号（微信、QQ、抖音等），隐去"
                },
            );
        }
        for c in certificate_re().captures_iter(self.text) {
            let Some(m) = c.iter().skip(1).flatten().next() else {
                continue;
            };
            let v = m.as_str();
            // 志愿者编号BJ-ZY-0317: a number in the agency's own register (letters,
            // dashes, a sequence) is no certificate a person carries.
            if c.get(5).is_some()
                && c.get(0).is_some_and(|w| !w.as_str().contains('证'))
                && register_code(v)
            {
                continue;
            }
            // 不动产权第…号，权利人：某县城市管理局: a public body's or a company's land.
            if c.get(2).is_some() && body_holds(&self.text[m.end()..]) {
                continue;
            }
            let keep: String = v.chars().take(4).collect();
            let rep = format!("{keep}{}", "*".repeat(v.chars().count().saturating_sub(4)));
            self.push(
                Kind::Certificate,
                m.start(),
                m.end(),
                rep,
                "个人证件号码（从业资格证、驾驶证、护照、不动产权证等），只保留前4位",
            );
        }
    }
}

/// A number that opens a table cell (`|`, `│`, `｜`) in a row naming no organisation
/// before it (a row of …合作社（93…） | — | 0354-… is the organisation's).
fn phone_cell(text: &str, s: usize) -> bool {
    let row = &text[crate::patterns::line_start(text, s)..s];
    row.trim_end_matches([' ', '　'])
        .ends_with(['|', '│', '｜'])
        && ![
            "公司",
            "合作社",
            "厂",
            "商行",
            "协会",
            "中心",
            "学校",
            "医院",
        ]
        .iter()
        .any(|w| row.contains(w))
}

/// A number and its 转 extension (the extension may be empty).
fn split_extension(v: &str) -> (&str, &str) {
    match v.find('转') {
        Some(i) => (&v[..i], &v[i + '转'.len_utf8()..]),
        None => (v, ""),
    }
}

/// An extension is masked whole: 转****.
fn ext_mask(ext: &str) -> String {
    if ext.is_empty() {
        String::new()
    } else {
        format!("转{}", "*".repeat(ext.chars().count()))
    }
}

/// 台账负责人：某某（an officer found elsewhere）  联系电话：0759-…: a landline on the
/// line of an officer in office, no private person or home named on it, is the office's.
fn officer_on_line(text: &str, s: usize, officers: &BTreeSet<String>) -> bool {
    let line_start = crate::patterns::line_start(text, s);
    let line = &text[line_start..s];
    // Not in a table row: another column may hold a private person.
    !line.contains(['|', '│', '｜', '\t'])
        && officers
            .iter()
            .any(|o| o.chars().count() >= 2 && line.contains(o.as_str()))
        // Nor a list of several persons (、).
        && !line.contains('、')
        && !crate::whose::PRIVATE_PERSON
            .iter()
            .any(|w| line.contains(w))
}

/// A number in an agency's own register (BJ-ZY-0317): segments of capital letters (the
/// place, the register) joined by dashes, then a short sequence number.
fn register_code(v: &str) -> bool {
    let parts: Vec<&str> = v.split('-').collect();
    let Some((last, head)) = parts.split_last() else {
        return false;
    };
    head.len() >= 2
        && head
            .iter()
            .all(|p| (1..=4).contains(&p.len()) && p.chars().all(|c| c.is_ascii_uppercase()))
        && (2..=5).contains(&last.len())
        && last.chars().all(|c| c.is_ascii_digit())
}

/// Whether the holder named right after a property certificate (权利人：…) is a body:
/// a name ending as a public body's or a company's does.
fn body_holds(after: &str) -> bool {
    let head: String = after.chars().take(12).collect();
    let Some(i) = head.find("权利人") else {
        return false;
    };
    let holder: String = after[i + "权利人".len()..]
        .trim_start_matches(['：', ':', ' ', '　', '为', '是'])
        .chars()
        .take_while(|c| crate::patterns::han(*c) || matches!(c, '（' | '）'))
        .take(30)
        .collect();
    crate::contacts::ends_with_body(&holder)
}
