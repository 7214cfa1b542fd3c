//! The patterns and checks that identifiers are found with: regular expressions
//! (constants, compiled once), GB 11643 and Luhn check characters, dates, and what
//! stands around a match.

use std::sync::OnceLock;

use regex::Regex;

/// The patterns are constants, compiled once (and checked by `patterns_compile`).
/// A Han character of the basic block (what names, places and most words here are).
pub(crate) fn han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The first group that took part in a match of a pattern whose alternatives each
/// capture the value they find, or the whole match where the alternative captures none.
pub(crate) fn first_group<'t>(c: &regex::Captures<'t>) -> Option<regex::Match<'t>> {
    c.iter().skip(1).flatten().next().or_else(|| c.get(0))
}

pub(crate) fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("constant pattern"))
}

pub(crate) fn id_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    // Digits (ASCII or full-width) and the marks sources mask with (* ＊ × x X).
    re(&R, r"[0-9０-９*＊×XxＸｘ]{15,18}")
}
pub(crate) fn card_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    // Groups of four, or the bank's six-digit code apart from the rest (621700 2810…).
    re(
        &R,
        r"\d{4}(?:[ -]?\d{4}){3}(?:[ -]?\d{1,3})?|\d{6}[ -]\d{10,13}",
    )
}
pub(crate) fn mobile_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    // Any single space or dash between the 11 digits (or two spaces, a form's
    // gap), or a zero-width character pasted in from a chat; full-width digits too.
    re(
        &R,
        r"(?:(?:[+＋]|00)?[8８][6６][-－\s]?)?[1１][-－\s]?[3-9３-９](?:(?:[-－\s·•.\x{200B}-\x{200D}\x{2060}\x{FEFF}]|  )?[0-9０-９]){9}(?:转[0-9０-９]{1,6})?",
    )
}
pub(crate) fn masked_mobile_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    // Eleven places, digits or hidden marks, spaces or dashes between groups (138****6675,
    // 15*****2088, 188 9129 ****, 137-****-2217); the caller asks for a hidden mark and
    // a digit still shown after the first three.
    re(
        &R,
        r"[1１][3-9３-９][0-9０-９*＊×xXＸ](?:[ \-－]?[0-9０-９*＊×xXＸ]){8}",
    )
}
pub(crate) fn account_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r#"(?:微信号|微信|[Vv]信|薇信|威信|加我[Vv]|(?i:wechat|weixin|wx|vx|qq)(?:号码|号)?|抖音号|抖音|快手号|快手|小红书号|微博账号|微博|支付宝账号|支付宝)[（(]?(?:账号|号码|号)?(?:为|是)?[：:\s]*([0-9](?:[ 　][0-9]){4,14}|[０-９](?:[ 　]?[０-９]){4,14}|[零〇○一二三四五六七八九幺]{5,12}|[A-Za-z0-9_\-](?:[A-Za-z0-9_\-.]{3,28}[A-Za-z0-9_\-]))|(?:微信昵称|微信名|抖音昵称|抖音名|快手昵称|昵称|网名|用户名)(?:为|是)?[：:\s]*[“"「]?([^，。；;,、\s”"」（(]{1,20})|(?:网民|网友)[“"「]([^，。；;,、\s”"」（(]{1,20})[”"」]|(?:好友请搜|请搜索?|加好友搜|或者?搜索?|微信搜索?)[：:\s]*([A-Za-z][A-Za-z0-9_\-]{4,29})|(?:快手|抖音|微博|小红书|视频号)用户[“"「]([^，。；;,、\s”"」（(]{1,20})[”"」]|(?:微信|[Vv]信|(?i:qq)|抖音|快手|微博|支付宝)(?:账号|号码|号)(?:为|是)?[：:\s]*[“"「]([^，。；;,、\n”"」（(]{1,20})[”"」]"#,
    )
}
/// Numbers after a bank word, Luhn-valid or not.
pub(crate) fn account_number_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:银行卡号|银行卡|卡号|银行账号|银行账户|收款账号|收款账户|个人账户|账号|账户)(?:为|是)?[：:\s]*([0-9][0-9 ]{14,26}[0-9])",
    )
}
pub(crate) fn certificate_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:从业资格证|律师执业证|执业证|驾驶证|机动车驾驶证|护照|通行证|回乡证|台胞证|居住证|居留许可证|居留许可|居留证|签证|社会保障卡|社保卡|证件号码|证件号)(?:书编码|书编号|书号码|书号|档案编号|档案号|号码|号|编号|编码|卡号)?(?:为|是)?[，,：:\s]*(?:证件号码|号码|证号)?[：:\s]*([0-9A-Za-z０-９Ａ-Ｚ](?:[0-9A-Za-z０-９Ａ-Ｚ]| [0-9A-Za-z]){7,19})|不动产权第\s*([0-9]{5,12})\s*号|(?:低保证|低保卡|残疾证|残疾人证|特困证|救助证)[^，。；0-9\n]{0,6}?([0-9][0-9A-Za-z-]{6,24}[0-9])|(?:房产证|房屋所有权证)(?:号|编号)?[：:\s]*([0-9A-Za-z]{6,20})|(?:志愿者证|志愿者编号|志愿服务证|学生证|老年证)(?:号码|号|编号)?(?:为|是)?[：:\s]*([0-9A-Za-z][0-9A-Za-z-]{4,23}[0-9A-Za-z])|(?:建造师|监理工程师|造价工程师|注册工程师|执业药师|注册会计师|建筑师|执业医师)(?:注册)?(?:证书)?(?:编号|证号|号码|号)(?:为|是)?[：:\s]*(\p{Han}?[0-9A-Za-z][0-9A-Za-z*＊]{5,19})|(?:建造师|工程师|建筑师)[^，。；\n）)]{0,6}[，,]\s*注册(?:证书)?编号[：:\s]*(\p{Han}?[0-9A-Za-z][0-9A-Za-z*＊]{5,19})|准驾车型[^\n]{0,24}?档案编号[：:\s]*([0-9]{10,14})|档案编号[：:\s]*([0-9](?: ?[0-9]){11})(?:[^0-9]|$)|社会保障[^\n]{0,40}?卡号[：:\s]*([A-Z][0-9]{8})|(?:资格证|操作证|上岗证|作业证)(?:书)?(?:编号|证号|号码|编码|号)?(?:为|是)?[（(，,：:\s]*(?:证号|编号)?[：:\s]*(\p{Han}?[0-9A-Za-z]{8,20})",
    )
}
pub(crate) fn landline_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:(?:\([0０][0-9０-９]{2,3}\)|（[0０][0-9０-９]{2,3}）)[-－—\s]?[0-9０-９]{3,4}[-－\s]?[0-9０-９]{3,4}|[0０][0-9０-９]{2,3}[-－—\s]?[0-9０-９]{3,4}[-－\s]?[0-9０-９]{4}|[0０][0-9０-９]{2,3}(?:——|[-－—])[0-9０-９]{4}(?:[-－]|\s{1,2})[0-9０-９]{3}|[0０][0-9０-９]{2,3}(?:——|[-－— ])(?:[0-9０-９] ){6,7}[0-9０-９]|[0０][0-9０-９]{2,3}[-－—][0-9０-９]{5}[ 　][0-9０-９]{2,3})(?:(?:-|转)[0-9０-９]{1,6})?",
    )
}
pub(crate) fn bare_phone_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:电话|手机|联系方式|联系电话|手机号码|电话号码|座机|固话)(?:号码|号)?(?:为|是)?[：:\s]*([0-9０-９]{3,4}[-－\s]?[0-9０-９]{4}(?:转[0-9０-９]{1,6})?)",
    )
}
pub(crate) fn email_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"[A-Za-z0-9._%+-][A-Za-z0-9._%+*-]*@[A-Za-z0-9.-]+\.[A-Za-z]{2,}",
    )
}
pub(crate) fn plate_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼] ?[A-HJ-NP-Z](?: [A-HJ-NP-Z0-9]{3} [A-HJ-NP-Z0-9]{2}|[A-HJ-NP-Z0-9][·•][A-HJ-NP-Z0-9]{4,5}|[·•\s]?(?:[A-HJ-NP-Z0-9]{6}|[DF][A-HJ-NP-Z0-9]\d{4}|\d{5}[DF]|[A-HJ-NP-Z0-9]{5}))",
    )
}
/// A plate masked in part at the source (豫R·8K3**, 宁B·5**78): the serial with stars
/// among its letters and digits; [`Finder::plates`] keeps only those with a star and
/// a letter or digit left open.
pub(crate) fn half_plate_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·•\s]?[A-HJ-NP-Z0-9*＊]{5,6}",
    )
}
pub(crate) fn address_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:家庭住址|现住址|户籍地址|户籍所在地|户籍地|户籍|居住地址|居住地|租住地|暂住地|租住处|经常居住地|居所|家住|暂住|现住|住址|居住于|居住在|现居住|现居|送达地址|送达地点|收件地址|通讯地址|联系地址|通信地址|住宅小区内|住宅内|住所地|住所|装修房屋|房屋地址|地址|房屋坐落|(?:你|您)家?位于|住)(?:为|是|在|于)?[：:\s（(]*(?:[|｜][ 　]*)?([^，。；;,\n）)|｜]+)",
    )
}

pub(crate) fn intl_phone_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(
            r"\+[1-9][0-9]{0,2}[- ][0-9]{2,5}(?:[- ]?[0-9]{2,5}){1,3}|(?:00)?85[23][- ][5-9][0-9]{3}[- ]?[0-9]{4}",
        )
            .expect("constant pattern")
    })
}

pub(crate) fn spaced_id_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(r"[0-9](?: [0-9]){16} [0-9Xx]|[0-9]{2,12}(?: {1,3}[0-9*＊×Xx]{1,8}){2,8}|[0-9]{6}[-－][0-9*＊]{8}[-－][0-9*＊]{3}[0-9Xx*＊]|[0-9]{10,17} [0-9]{0,8}[0-9Xx]")
            .expect("constant pattern")
    })
}

/// Digits right after 〔2024〕 or 第 are a document's serial number (沪市监静处〔2024〕0620…号).
pub(crate) fn doc_number_at(text: &str, s: usize) -> bool {
    text[..s]
        .chars()
        .next_back()
        .is_some_and(|c| matches!(c, '〕' | ']' | '］' | '第'))
}

/// Whether the line after the number's line is the agency's signature (…管理局,
/// …委员会): a 联系电话 just above it is the agency's.
pub(crate) fn signature_follows(text: &str, s: usize) -> bool {
    let Some(nl) = text[s..].find('\n') else {
        return false;
    };
    let next = text[s + nl + 1..]
        .split('\n')
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    // A labelled line (答复单位：…局) is not a signature.
    next.chars().count() <= 30
        && !next.contains(['：', ':'])
        && [
            "局",
            "委员会",
            "大队",
            "支队",
            "执法队",
            "政府",
            "办事处",
            "中心",
        ]
        .iter()
        .any(|w| next.ends_with(w))
}

/// A digit, ASCII or full-width, as an ASCII digit.
pub(crate) fn ascii_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')),
        _ => None,
    }
}

/// The digits of `s` (ASCII or full-width) as ASCII.
pub(crate) fn ascii_digits(s: &str) -> String {
    s.chars().filter_map(ascii_digit).collect()
}

pub(crate) fn is_ascii_alnum_at(text: &str, i: usize, before: bool) -> bool {
    let c = if before {
        text[..i].chars().next_back()
    } else {
        text[i..].chars().next()
    };
    c.is_some_and(|c| c.is_ascii_alphanumeric())
}

pub(crate) fn digit_adjacent(text: &str, start: usize, end: usize) -> bool {
    let b = text[..start].chars().next_back();
    let a = text[end..].chars().next();
    b.is_some_and(|c| ascii_digit(c).is_some()) || a.is_some_and(|c| ascii_digit(c).is_some())
}

/// GB 11643 check character.
pub(crate) fn id_check_ok(s: &str) -> bool {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const C: &[u8; 11] = b"10X98765432";
    let b = s.as_bytes();
    if b.len() != 18 {
        return false;
    }
    let sum: u32 = b[..17]
        .iter()
        .zip(W)
        .map(|(d, w)| u32::from(d.wrapping_sub(b'0')) * w)
        .sum();
    C[(sum % 11) as usize] == b[17].to_ascii_uppercase()
}

pub(crate) fn date_ok(y: u32, m: u32, d: u32) -> bool {
    if !(1900..=2100).contains(&y) || !(1..=12).contains(&m) || d == 0 {
        return false;
    }
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    d <= days[(m - 1) as usize]
}

pub(crate) fn num(s: &str) -> u32 {
    s.parse().unwrap_or(0)
}

pub(crate) fn luhn_ok(digits: &str) -> bool {
    let mut sum = 0;
    for (i, c) in digits.chars().rev().enumerate() {
        let Some(mut d) = c.to_digit(10) else {
            return false;
        };
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum % 10 == 0
}

pub(crate) fn preceded_by(text: &str, start: usize, words: &[&str], within_chars: usize) -> bool {
    let before = window_before(text, start, within_chars);
    words.iter().any(|w| before.contains(w))
}

/// The `chars` characters of `text` before byte `start` (fewer at the start).
pub(crate) fn window_before(text: &str, start: usize, chars: usize) -> &str {
    if chars == 0 {
        return "";
    }
    let from = text[..start]
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    &text[from..start]
}

/// The quoted text of legal provisions (…第三十条规定：“精神障碍的住院治疗实行自愿原则。”):
/// byte spans of what stands between “ and ” when the opening mark follows 规定 or a
/// numbered article (第…条：). A condition named there is the law's word, nobody's data.
pub(crate) fn quoted_provisions(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find('“') {
        let open = from + i;
        let start = open + '“'.len_utf8();
        from = start;
        let before = window_before(text, open, 14).trim_end_matches(['：', ':', '，', ',', ' ']);
        // 规定：“…”, or a numbered article (第三十条：“…”); not a count (留言一条：“…”).
        let provision = before.ends_with("规定") || numbered_article(before);
        if !provision {
            continue;
        }
        // The closing mark within one paragraph.
        let Some(len) = text[start..].find(['”', '\n']) else {
            continue;
        };
        if text[start + len..].starts_with('”') {
            out.push((start, start + len));
            from = start + len;
        }
    }
    out
}

/// Whether `s` ends with a numbered article, paragraph or item: 第三十条, 第2款.
fn numbered_article(s: &str) -> bool {
    let Some(head) = s.strip_suffix(['条', '款', '项']) else {
        return false;
    };
    let numeral: String = head
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit() || "〇零一二三四五六七八九十百".contains(*c))
        .collect();
    !numeral.is_empty() && head[..head.len() - numeral.len()].ends_with('第')
}

/// The Han letters right before the end of `before`, at most `most` of them.
pub(crate) fn han_run_before(before: &str, most: usize) -> &str {
    let from = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| han(*c))
        .take(most)
        .last()
        .map_or(before.len(), |(i, _)| i);
    &before[from..]
}

/// The Han letters at the start of `after`.
pub(crate) fn han_run_after(after: &str) -> &str {
    let end = after.find(|c: char| !han(c)).unwrap_or(after.len());
    &after[..end]
}

/// The byte where the line holding byte `at` of `text` starts.
pub(crate) fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The byte where the line holding byte `at` of `text` ends (its `\n`, or the end).
pub(crate) fn line_end(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i)
}

/// The note in brackets that `after` opens with (（店内）, （市城管局值班室）), up to
/// `max` characters, or `None` when `after` opens no bracket.
pub(crate) fn bracket_note(after: &str, max: usize) -> Option<String> {
    let inner = after.strip_prefix(['（', '('])?;
    Some(
        inner
            .chars()
            .take_while(|c| !matches!(c, '）' | ')'))
            .take(max)
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        for r in [
            id_re(),
            card_re(),
            mobile_re(),
            landline_re(),
            bare_phone_re(),
            email_re(),
            plate_re(),
            address_re(),
        ] {
            assert!(!r.as_str().is_empty());
        }
    }

    #[test]
    fn luhn() {
        assert!(luhn_ok("4111111111111111"));
        assert!(!luhn_ok("4111111111111112"));
    }
}
