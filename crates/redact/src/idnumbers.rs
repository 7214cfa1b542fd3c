//! The forms of a 身份证号: whole, masked in part at the source (the birth date or the
//! last four as `*`, `x`, `×`), with only the region shown (3302**************), cut
//! short at the source (51070319**), and broken over two lines by a PDF or a table
//! (4503221981060934\n    58). Split from `identifiers`.

use crate::patterns::{ascii_digit, date_ok, id_check_ok, num};

/// Province codes of GB/T 2260 (the first two digits of a 身份证号).
fn province_ok(d: &[char]) -> bool {
    let code: String = d.iter().take(2).collect();
    matches!(
        code.as_str(),
        "11" | "12"
            | "13"
            | "14"
            | "15"
            | "21"
            | "22"
            | "23"
            | "31"
            | "32"
            | "33"
            | "34"
            | "35"
            | "36"
            | "37"
            | "41"
            | "42"
            | "43"
            | "44"
            | "45"
            | "46"
            | "50"
            | "51"
            | "52"
            | "53"
            | "54"
            | "61"
            | "62"
            | "63"
            | "64"
            | "65"
            | "71"
            | "81"
            | "82"
    )
}

/// The masked form of a 身份证号 found as `chars` (18 or 15 characters of digits and
/// mask marks), with the reason; `None` when it is not one. Whole numbers and numbers
/// masked in part at the source are brought to the same form: the first 6 digits (the
/// region), the rest as asterisks.
/// `context` says whether an identity-document word stands before it.
pub(crate) fn id_masking(
    chars: &[char],
    context: impl Fn() -> bool,
) -> Option<(String, &'static str)> {
    let n = chars.len();
    if n != 18 && n != 15 {
        return None;
    }
    // A mark is a masked digit; x/X is the check character when it is last and the
    // only mark.
    let is_mark = |i: usize, c: char| match c {
        '*' | '＊' | '×' => true,
        'x' | 'X' | 'ｘ' | 'Ｘ' => !(n == 18 && i == 17),
        _ => false,
    };
    let marks: Vec<bool> = chars
        .iter()
        .enumerate()
        .map(|(i, c)| is_mark(i, *c))
        .collect();
    let any_mark = marks.iter().any(|m| *m);
    let digits: Vec<char> = chars.iter().filter_map(|c| ascii_digit(*c)).collect();
    let head: String = chars[..6]
        .iter()
        .map(|c| ascii_digit(*c).unwrap_or('*'))
        .collect();
    // Published: the region alone (the first 6 digits), the rest as asterisks. The
    // last four would give away the sex (17th digit) and, with the region, narrow the
    // person down; sources that publish them (110105********002X) are brought to this
    // form too.
    let rep = format!("{head}{}", "*".repeat(n - 6));
    if any_mark {
        // Masked in part at the source: at least the region or the birth date shows.
        let x_last = n == 18 && matches!(chars[17], 'x' | 'X' | 'ｘ' | 'Ｘ');
        let all_x = chars.iter().all(|c| matches!(c, 'x' | 'X'));
        if all_x {
            return None;
        }
        if digits.len() < 6 {
            // Only part of the region shows (3302**************, 18 characters): after
            // an identity word the rest goes too.
            let shown = digits.len();
            let prefix = chars[..shown].iter().all(|c| ascii_digit(*c).is_some());
            let rest = marks[shown..].iter().all(|m| *m);
            return (n == 18 && shown >= 2 && prefix && rest && province_ok(chars) && context())
                .then(|| {
                    (
                        "*".repeat(n),
                        "部分已遮蔽的身份证号，仅余地区码的一部分，整体隐去",
                    )
                });
        }
        // The characters other than marks must be digits (x/X last aside).
        let ok = chars
            .iter()
            .enumerate()
            .all(|(i, c)| marks[i] || ascii_digit(*c).is_some() || (x_last && i == 17));
        if !ok {
            return None;
        }
        // Plausible: a province code in front, or a birth year visible.
        let lead: Vec<char> = chars[..2].to_vec();
        let year_ok = n == 18
            && chars[6..10].iter().all(|c| ascii_digit(*c).is_some())
            && matches!(ascii_digit(chars[6]), Some('1' | '2'));
        if !(province_ok(&lead) || year_ok || context()) {
            return None;
        }
        // Masked in part already. After an identity word it is brought to the published
        // form (the region alone; a region shown only in part, 430***…, goes whole, as
        // above). Without one it may be another number masked in its own way (a bank
        // card's 4 + marks + 4): its shape stays, the middle as marks, so that masking
        // the masked text again changes nothing.
        // 350583********4026 in a table row: the region shown and the rest masked in
        // part, as sources mask an identity number (a UnionPay card's 62…
        // is left its own shape).
        // (Any 18 places with the region shown: masking twice must change nothing.)
        let id_shape =
            n == 18 && !head.contains('*') && province_ok(&lead) && !head.starts_with("62");
        let cued = context() || id_shape;
        let rep = if !cued {
            let tail_len = if n == 18 { 4 } else { 3 };
            let tail: String = chars[n - tail_len..]
                .iter()
                .enumerate()
                .map(|(j, c)| match ascii_digit(*c) {
                    Some(d) => d,
                    // The check character X stays, unless one of a run of marks (xxxx).
                    None if n == 18
                        && j == 3
                        && matches!(c, 'x' | 'X' | 'ｘ' | 'Ｘ')
                        && !matches!(chars[16], 'x' | 'X' | 'ｘ' | 'Ｘ') =>
                    {
                        'X'
                    }
                    None => '*',
                })
                .collect();
            format!("{head}{}{tail}", "*".repeat(n - 6 - tail_len))
        } else if head.contains('*') {
            "*".repeat(n)
        } else {
            rep
        };
        let reason = if cued {
            "部分已遮蔽的身份证号，统一为只保留前6位（地区码）"
        } else {
            "部分已遮蔽的号码（前无身份证字样），中间各位保持遮蔽"
        };
        return Some((rep, reason));
    }
    if digits.len() != n && !(n == 18 && digits.len() == 17) {
        return None;
    }
    let plain: String = chars
        .iter()
        .map(|c| ascii_digit(*c).unwrap_or('X'))
        .collect();
    if n == 18 {
        let date = date_ok(num(&plain[6..10]), num(&plain[10..12]), num(&plain[12..14]));
        if !date {
            return None;
        }
        if id_check_ok(&plain) {
            return Some((rep, "18位身份证号（校验码有效），只保留前6位（地区码）"));
        }
        if province_ok(chars) {
            return Some((
                rep,
                "18位身份证号（地区码与出生日期有效，校验码不符），只保留前6位（地区码）",
            ));
        }
        return None;
    }
    let date = date_ok(
        1900 + num(&plain[6..8]),
        num(&plain[8..10]),
        num(&plain[10..12]),
    );
    (date && context() && digits.len() == 15)
        .then_some((rep, "15位旧身份证号，只保留前6位（地区码）"))
}

/// A 身份证号 cut short or masked at the source (51070319**, 3301061968****): the
/// region and the start of a birth year (19, 20), then marks, 10 to 17 characters in
/// all, with an identity word up to 1200 characters before it (a table's 证件号码 header).
fn short_id_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    crate::patterns::re(&R, r"[0-9]{6}(?:19|20)[0-9]{0,8}[*＊×]{1,9}[0-9]{0,4}")
}

impl crate::Finder<'_> {
    /// 身份证号 cut short at the source: the region stays, the rest goes.
    pub(super) fn short_ids(&mut self) {
        let text = self.text;
        for m in short_id_re().find_iter(text) {
            let (s, e) = (m.start(), m.end());
            let n = m.as_str().chars().count();
            let before = text[..s].chars().next_back();
            let after = text[e..].chars().next();
            let joined = |c: Option<char>| {
                c.is_some_and(|c| c.is_ascii_alphanumeric() || "*＊×-".contains(c))
            };
            if !(10..=17).contains(&n)
                || n == 15
                || joined(before)
                || joined(after)
                || !province_ok(&m.as_str().chars().collect::<Vec<_>>())
            {
                continue;
            }
            let window_start = text[..s]
                .char_indices()
                .rev()
                .nth(1200)
                .map_or(0, |(i, _)| i);
            if !["身份证", "证件号", "身份号码"]
                .iter()
                .any(|w| text[window_start..s].contains(w))
            {
                continue;
            }
            self.push(
                crate::Kind::IdCard,
                s,
                e,
                format!("{}{}", &m.as_str()[..6], "*".repeat(n - 6)),
                "来源已截短或部分遮蔽的身份证号，只保留前6位",
            );
        }
    }
}

/// Whether a line break falls inside a 身份证号 or a mobile number (…1990\n05163218,
/// 5107031977\n    ****3536, 电话182\n    8161 0745): the characters on both sides
/// make one number with a valid form.
/// 证件号码：411303 1983 1106\n        2647: an identity number written in spaced
/// groups whose last group went onto the next line; the groups make a valid ID.
fn spaced_id_broken(before: &str, after: &str) -> bool {
    let id_char = |c: char| c.is_ascii_digit() || "*＊×xX".contains(c);
    let line = before.rsplit('\n').next().unwrap_or(before);
    let tail: String = line
        .chars()
        .rev()
        .take_while(|c| id_char(*c) || *c == ' ')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let tail = tail.trim_start();
    if !tail.contains(' ') || tail.contains("  ") {
        return false;
    }
    let lead = line[..line.len() - tail.len()].chars().next_back();
    if lead.is_some_and(|c| c.is_ascii_alphanumeric()) {
        return false;
    }
    let head: String = after
        .chars()
        .take_while(|c| id_char(*c) || *c == ' ')
        .collect();
    let head = head.trim_end();
    let next = after[head.len()..].chars().next();
    if head.is_empty() || head.contains("  ") || next.is_some_and(|c| c.is_ascii_alphanumeric()) {
        return false;
    }
    let chars: Vec<char> = tail
        .chars()
        .chain(head.chars())
        .filter(|c| *c != ' ')
        .collect();
    chars.len() == 18 && id_masking(&chars, || true).is_some()
}

pub(crate) fn number_broken(before: &str, after: &str) -> bool {
    let id_char = |c: char| c.is_ascii_digit() || "*＊×xX".contains(c);
    let tail: String = before
        .chars()
        .rev()
        .take_while(|c| id_char(*c))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if spaced_id_broken(before, after) {
        return true;
    }
    let lead = before[..before.len() - tail.len()].chars().next_back();
    if tail.chars().count() < 3 || lead.is_some_and(|c| c.is_ascii_alphanumeric()) {
        return false;
    }
    let head: String = after.chars().take_while(|c| id_char(*c)).collect();
    if head.is_empty() {
        return false;
    }
    let next = after[head.len()..].chars().next();
    if !next.is_some_and(|c| c.is_ascii_alphanumeric()) {
        let chars: Vec<char> = tail.chars().chain(head.chars()).collect();
        if chars.len() == 18 && tail.chars().count() >= 6 && id_masking(&chars, || true).is_some() {
            return true;
        }
    }
    // A mobile: 1[3-9] and 11 digits once the spaces are gone, after a phone word.
    let spaced: String = after
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ' ')
        .collect();
    let digits: String = tail
        .chars()
        .chain(spaced.chars().filter(|c| *c != ' '))
        .collect();
    let phone_word = ["电话", "手机", "联系方式"]
        .iter()
        .any(|w| before[..before.len() - tail.len()].ends_with(w));
    phone_word
        && digits.len() == 11
        && digits.chars().all(|c| c.is_ascii_digit())
        && digits.starts_with('1')
        && digits[1..2].chars().all(|c| ('3'..='9').contains(&c))
        && !after[spaced.len()..].starts_with(|c: char| c.is_ascii_digit())
}

/// Whether byte `at` lies in a row of a pipe or box table (| or │ on its line) with an
/// identity word (证件号码, 身份证号) in a header up to 1200 characters before it.
pub(crate) fn in_id_column(text: &str, at: usize) -> bool {
    let line_start = crate::patterns::line_start(text, at);
    let line_end = crate::patterns::line_end(text, at);
    if !text[line_start..line_end].contains(['|', '│', '｜']) {
        return false;
    }
    let before = crate::patterns::window_before(text, line_start, 1200);
    ["身份证", "证件号", "身份号码"].iter().any(|w| {
        before
            .lines()
            .any(|l| l.contains(w) && l.contains(['|', '│', '｜']))
    })
}

/// Whether the label nearest before a would-be identity number at byte `s` names
/// another number (信用代码, 注册号, 执法证, 执业证) within 14 characters: an identity
/// word closer to it (…执业证书的李娜（身份证号：…) makes it the person's.
pub(crate) fn nearest_label_is_other(text: &str, s: usize) -> bool {
    let before = crate::patterns::window_before(text, s, 14);
    let last = |words: &[&str]| words.iter().filter_map(|w| before.rfind(w)).max();
    match (
        // 施工许可证编号：3101…: a permit's number, 18 digits that may pass as an ID's.
        last(&[
            "信用代码",
            "注册号",
            "执法证",
            "执业证",
            "许可证编号",
            "许可证号",
        ]),
        last(&["身份证", "公民身份", "身份号码"]),
    ) {
        (Some(other), Some(id)) => other > id,
        (Some(_), None) => true,
        _ => false,
    }
}
