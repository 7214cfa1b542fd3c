//! Names outside the usual Chinese form: in Latin letters (after a role word, after a
//! relative or an employee, before 先生 or a bracket) and names told after 叫/姓名为
//! with a person's particulars, surname or not.

use crate::patterns::han;
use std::collections::BTreeSet;

/// A name in Latin letters at the start of `rest` (after a role word): two to four
/// words, each led by a capital, up to a bracket or punctuation.
pub(crate) fn latin_name(rest: &str) -> Option<String> {
    let run: &str = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_alphabetic() || matches!(c, ' ' | '-' | '\'' | '.')))
        .map_or(rest, |(i, _)| &rest[..i]);
    let run = run.trim_end();
    let words: Vec<&str> = run.split(' ').filter(|w| !w.is_empty()).collect();
    ((2..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(|c| c.is_ascii_uppercase())))
    .then(|| run.to_string())
}

/// A name told after 叫/姓名为 with a person's particulars after it (一名叫其其格，女，
/// 40岁左右; 经核实姓名为敖其尔，系…的外甥): any two to four characters, surname or not.
pub(crate) fn named_with_particulars(text: &str, out: &mut BTreeSet<String>) {
    for w in ["名叫", "叫做", "姓名为", "姓名是", "名字叫", "名为", "叫"] {
        for (i, _) in text.match_indices(w) {
            let rest = &text[i + w.len()..];
            let run: String = rest.chars().take_while(|c| han(*c)).take(5).collect();
            let after = &rest[run.len()..];
            if (2..=4).contains(&run.chars().count())
                && !run.contains('某')
                && [
                    "，男",
                    "，女",
                    ",男",
                    ",女",
                    "（男",
                    "（女",
                    "，系",
                    "，今年",
                    "，现年",
                    "，年龄",
                ]
                .iter()
                .any(|c| after.starts_with(c))
            {
                out.insert(run);
            }
        }
    }
}

/// A name in Latin letters after a relative, an employee or a role (家政服务员Maria
/// SANTOS, 其妻Anna Kowalska); and the family name of every Latin name found, where it
/// stands alone (SMITH在询问中称).
pub(crate) fn latin_after_cues(text: &str, out: &mut BTreeSet<String>) {
    for (i, _) in text.match_indices(|c: char| c.is_ascii_uppercase()) {
        let before = text[..i].trim_end_matches([' ', '：', ':']);
        if before.ends_with(|c: char| c.is_ascii_alphabetic())
            || !crate::cues::CUE_BEFORE
                .iter()
                .chain(crate::cues::KIN)
                .any(|w| before.ends_with(w))
        {
            continue;
        }
        if let Some(n) = latin_name(&text[i..]) {
            out.insert(n);
        }
    }
}

/// A name in Latin letters (two or more capitalised words) right before a position:
/// Thomas Müller（中文名：穆同）, Daniel Kowalski 先生.
pub(crate) fn latin_name_before(before: &str) -> Option<String> {
    let latin: String = before
        .trim_end_matches(' ')
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic() && !han(*c) || *c == ' ' || *c == '-' || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let latin = latin.trim();
    let words = latin.split_whitespace();
    (words.clone().count() >= 2
        && words
            .clone()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase)))
    .then(|| latin.to_string())
}

/// A name in Latin letters with a note on the person in brackets right after it: a
/// nationality or a passport (Anna Kowalska（波兰籍，护照号…）, John Brown（英国籍租户）),
/// as lists of residents and parties write foreigners.
pub(crate) fn latin_with_nationality(text: &str, out: &mut BTreeSet<String>) {
    for (i, _) in text.match_indices(['（', '(']) {
        let note: String = text[i..]
            .chars()
            .skip(1)
            .take_while(|c| !matches!(c, '）' | ')'))
            .take(30)
            .collect();
        if !["籍", "护照", "外籍", "国人"]
            .iter()
            .any(|w| note.contains(w))
        {
            continue;
        }
        if let Some(latin) = latin_name_before(&text[..i]) {
            out.insert(latin);
            continue;
        }
        // 其妻佐藤美咲（日本籍）, 金敏浩（韩国籍）: the Han characters before the bracket,
        // after a relative or a role word, whatever the surname.
        let run: String = text[..i]
            .chars()
            .rev()
            .take_while(|c| han(*c))
            .take(8)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let from = crate::cues::CUE_BEFORE
            .iter()
            .chain(crate::cues::KIN)
            .filter_map(|w| run.rfind(w).map(|k| k + w.len()))
            .max()
            .unwrap_or(0);
        let name = &run[from..];
        let n = name.chars().count();
        if (from > 0 || n == run.chars().count() && n <= 5)
            && (2..=5).contains(&n)
            && !["公司", "店", "厂", "所", "中心", "集团", "学校", "医院"]
                .iter()
                .any(|w| name.contains(w))
            && !name.contains('某')
            // 外国人（含外籍华人）: with no cue word before it, an ordinary word is no name.
            && (from > 0
                || !(crate::persons::dictionary_word(name) || name.ends_with(['人', '侨', '民'])))
        {
            out.insert(name.to_string());
        }
    }
}

/// The same person's name in Latin letters in a bracket right after a known name
/// (买买提·吐尔逊（MAIMAITI TUERXUN）, 李秉浩（Lee Byung-ho，韩国籍）).
pub(crate) fn bracketed_latin(text: &str, names: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let keys: Vec<&String> = names.iter().filter(|n| n.chars().count() >= 2).collect();
    for (name, at) in keys.iter().zip(crate::occur::occurrences(text, &keys)) {
        for i in at {
            let rest = &text[i + name.len()..];
            // 姓名：张晓敏　ZHANG XIAOMIN: the name spelt out after a wide space, as a
            // passport prints it.
            if let Some(spelt) = rest.strip_prefix('　')
                && let Some(latin) = latin_name(spelt)
                && latin.chars().all(|c| !c.is_ascii_lowercase())
            {
                out.insert(latin);
            }
            let Some(inner) = rest.strip_prefix(['（', '(']) else {
                continue;
            };
            if let Some(latin) = latin_name(inner.trim_start()) {
                out.insert(latin);
            }
        }
    }
    out
}
