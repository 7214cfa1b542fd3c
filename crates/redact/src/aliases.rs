//! A person's name in another form, given after a word that says so: a former name
//! (曾用名), an alias (别名, 又名), a name in another script or language (朝鲜语名
//! 김성철, 蒙古文名, 汉文译名"琪琪格"), a name in Hangul opening a note (（박성철，男）). The
//! form is as personal as the name beside it.

use std::collections::BTreeSet;

use crate::patterns::han;

/// Words that introduce another form of a name; a place or a tree may have one too
/// (又名华林山), so the form after them must read as a person's name.
const ALIAS_WORDS: &[&str] = &["曾用名", "别名", "又名", "汉名"];

/// Another form of a name after an alias word or a language's 译名/语名/文名.
pub(crate) fn alias_names(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    // (where the form starts, whether it is a name in another language)
    let mut starts: Vec<(usize, bool)> = ALIAS_WORDS
        .iter()
        .flat_map(|w| {
            text.match_indices(w)
                .map(move |(i, _)| (i + w.len(), false))
        })
        .collect();
    // 汉文译名, 朝鲜语名, 蒙古文名, 维吾尔语名: a language's word and 译名/语名/文名.
    for (i, w) in text
        .match_indices("语名")
        .chain(text.match_indices("文名"))
        .chain(text.match_indices("译名"))
    {
        if text[..i].chars().next_back().is_some_and(han) {
            starts.push((i + w.len(), true));
        }
    }
    // 朴成哲（박성철，男…）: a name in Hangul opening the note after a name.
    for (i, c) in text.char_indices() {
        if matches!(c, '（' | '(') {
            let run: String = text[i + c.len_utf8()..]
                .chars()
                .take_while(|c| hangul(*c))
                .collect();
            let next = text[i + c.len_utf8() + run.len()..].chars().next();
            if (2..=4).contains(&run.chars().count())
                && next.is_some_and(|c| matches!(c, '，' | ',' | '）' | ')' | '、' | ' '))
            {
                out.insert(run);
            }
        }
    }
    for (s, language) in starts {
        let rest = text[s..].trim_start_matches(['叫', '是', '为', '：', ':', ' ', '　']);
        let quoted = rest.strip_prefix(['“', '"', '「']);
        let rest = quoted.unwrap_or(rest);
        let value: String = rest
            .chars()
            .take_while(|c| han(*c) || hangul(*c))
            .take(7)
            .collect();
        let closed = rest[value.len()..]
            .chars()
            .next()
            .is_none_or(|c| !(han(c) || hangul(c) || c.is_ascii_alphanumeric()));
        let n = value.chars().count();
        let body = ["公司", "店", "厂", "局", "中心", "单位", "称"]
            .iter()
            .any(|w| value.contains(w));
        // A place's other name (又名华林山, 又名“夫妻树”) ends with a word for a place.
        let place = value
            .chars()
            .next_back()
            .is_some_and(|c| "山河湖江海树寺庙塔洞峰岭园村路街桥岛湾城".contains(c));
        let person = language
            || value.chars().any(hangul)
            || quoted.is_some()
            || crate::names::person_name(&value).is_some_and(|p| p == value);
        if (2..=6).contains(&n) && closed && person && !place && !body && !value.contains('某') {
            out.insert(value);
        }
    }
    out
}

/// Words that introduce a nickname in quotation marks (外号"大胖").
pub(crate) const NICKNAME_WORDS: &[&str] = &[
    "外号",
    "绰号",
    "小名",
    "诨名",
    "人称",
    "叫他",
    "叫她",
    "喊他",
    "喊她",
    "称他",
    "称她",
    "叫我",
    "喊我",
    "叫什么",
];

/// Words that give a person's real name beside a nickname or another form (大名, 真名,
/// 户籍名 …).
pub(crate) const REAL_NAME_WORDS: &[&str] = &[
    "大名",
    "实名",
    "真名",
    "本名",
    "原名",
    "全名",
    "户籍名",
    "户口名",
    "身份证名",
    "中文名",
];

/// A character of a nickname: Chinese, or Latin letters (阿May).
pub(crate) fn nick_char(c: char) -> bool {
    han(c) || c.is_ascii_alphabetic()
}

/// A letter of the Korean alphabet (조선글).
fn hangul(c: char) -> bool {
    ('\u{ac00}'..='\u{d7a3}').contains(&c)
}
