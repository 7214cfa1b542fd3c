//! Names set apart by spaces wherever they stand, whatever word comes before them: a
//! character standing alone between spaces does not occur in running Chinese prose,
//! so a surname standing so, with one or two characters after it up to a space or a
//! mark (干部 龚 红梅 称, 其子杞 俊 当面, 于 海 涛    职务, 经办人陆  佳  琪，), is a name
//! typed apart; and three or more characters each standing alone after a field's colon
//! (来信人：阿 苏 木 呷（彝族）) are a name without a listed surname. The joined name is
//! then masked wherever it appears (杞俊, 其木格).

use std::collections::BTreeSet;
use std::sync::OnceLock;

use regex::Regex;

use crate::names::surname_of;
use crate::patterns::{han, re};

/// A character standing alone: nothing of a word right before it, spaces right after.
fn single_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"(?:^|[^\p{Han}])(\p{Han})[ 　]{1,4}\p{Han}")
}

/// A character with spaces after it, whatever stands before it (read only after a
/// word for a relative or a person: 其子杞 俊, 证人黎 阿 婆).
fn any_single_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"(\p{Han})[ 　]{1,4}\p{Han}")
}

/// Words for a person right before a name: a relative, a role, 证人.
fn person_word_before(before: &str) -> bool {
    crate::cues::KIN
        .iter()
        .chain(crate::cues::CUE_BEFORE)
        .chain(&[
            "证人", "其孙", "其母", "其父", "之子", "之女", "内弟", "其兄", "其弟", "其姐", "其妹",
        ])
        .any(|w| before.ends_with(w))
}

/// Padded words that are no names: field labels and their values.
const LABELS: &[&str] = &[
    "姓名", "性别", "民族", "住址", "地址", "电话", "职务", "职业", "年龄", "备注", "签名", "日期",
    "单位", "籍贯", "案由", "事由", "联系", "住所", "手机", "男", "女", "汉族", "身份",
];

/// The groups of characters separated by spaces from `at` on the same line: each
/// with its end.
fn groups(text: &str, at: usize) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut i = at;
    while out.len() < 5 {
        let ws = text[i..].len() - text[i..].trim_start_matches([' ', '　']).len();
        if (i > at && ws == 0) || ws > 12 {
            break;
        }
        let g: String = text[i + ws..].chars().take_while(|c| han(*c)).collect();
        if g.is_empty() {
            break;
        }
        i += ws + g.len();
        out.push((g, i));
    }
    out
}

pub(crate) fn loose_spaced_names(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let apart = single_re().captures_iter(text).filter_map(|c| c.get(1));
    let cued = any_single_re()
        .captures_iter(text)
        .filter_map(|c| c.get(1))
        .filter(|m| person_word_before(&text[..m.start()]));
    for first in apart.chain(cued) {
        let before = &text[..first.start()];
        // 其母亲 王 秀 梅, 其女儿 余 小 燕: the character ends the word for the person
        // (母亲, 女儿); the name is the run after it.
        if person_word_before(&text[..first.end()]) {
            continue;
        }
        // Inside text spaced letter by letter (岳 麓 区 望 城 坡): the run began earlier.
        let prev = before.trim_end_matches([' ', '　']);
        if prev.len() < before.len() && prev.chars().rev().take_while(|c| han(*c)).count() == 1 {
            continue;
        }
        let gs = groups(text, first.start());
        // A surname alone, then groups up to two characters in all (龚 红梅, 于 海 涛,
        // 杞 俊 | 当面); or three to five single characters after a colon (阿 苏 木 呷).
        // After a word for a person any character may be the surname (其子杞 俊).
        let surnamed = surname_of(first.as_str()).is_some_and(|s| s.chars().count() == 1)
            || person_word_before(before);
        let mut name = String::new();
        let mut end = first.end();
        // A word that ends names standing alone (黄 卫 东 等4人) is no letter of the name.
        let singles = gs
            .iter()
            .take_while(|(g, _)| {
                g.chars().count() == 1 && !g.chars().all(|c| crate::names::NAME_STOP.contains(c))
            })
            .count();
        let colon = before.trim_end_matches([' ', '　']).ends_with(['：', ':'])
            || person_word_before(before);
        if singles > 5 || (singles == gs.len() && gs.len() == 5 && !colon) {
            // A heading or a slogan spaced out (行 政 处 罚 决 定 书).
            continue;
        }
        if singles >= 4 || (singles == 3 && !surnamed && colon) {
            // 阿 苏 木 呷, 乌 云 其 木 格: a name of four or five characters each apart.
            for (g, e) in gs.iter().take(singles) {
                name.push_str(g);
                end = *e;
            }
        } else if surnamed {
            let mut given = 0;
            for (g, e) in gs.iter().skip(1) {
                let n = g.chars().count();
                if given + n > 2 {
                    break;
                }
                given += n;
                end = *e;
            }
            if given == 0 || gs.iter().skip(1).take_while(|(_, e)| *e <= end).count() == 0 {
                continue;
            }
            name = gs
                .iter()
                .take_while(|(_, e)| *e <= end)
                .map(|(g, _)| g.as_str())
                .collect();
        } else {
            continue;
        }
        let after = &text[end..];
        // The name ends where it ends: a space, a mark or the end after it (not 亮干的).
        if after.chars().next().is_some_and(han) {
            continue;
        }
        // A field's label (姓  名：, 住    址) or a heading on a line of its own.
        let rest = after.trim_start_matches([' ', '　']);
        if rest.starts_with(['：', ':']) || LABELS.iter().any(|w| name.starts_with(w)) {
            continue;
        }
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line_end = after.find('\n').unwrap_or(after.len());
        if before[line_start..].trim().is_empty() && after[..line_end].trim().is_empty() {
            continue;
        }
        if crate::persons::dictionary_word(&name)
            || crate::cues::COMMON_WORDS.contains(&name.as_str())
        {
            continue;
        }
        out.insert(name);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose() {
        let got = loose_spaced_names("来信人：阿 苏 木 呷（彝族）     身份证：5111");
        assert!(got.contains("阿苏木呷"), "{got:?}");
    }
}
