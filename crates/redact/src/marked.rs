//! Names whose first letter is no listed surname, told by what follows them: a bracket
//! that marks a person (瓦  山（女）, 线  老  二（线某某，景颇族）: a sex, or an ethnic
//! group among its fields), and a name tag quoted after its word (名牌“多布杰”). The
//! name stands apart (a line's start, a space, a colon, a comma before it), may be
//! typed letter by letter, and is no word of the dictionary; a name that opens the
//! bracket beside the ethnic group is the same person's (线正发). Each is then masked
//! wherever it appears.

use std::collections::BTreeSet;

use crate::patterns::han;

/// Words a name tag is called by, right before its quoted name.
const TAG_WORDS: &[&str] = &["名牌", "胸牌", "工牌", "姓名牌", "名签", "姓名贴"];

/// Whether a bracket's fields mark a person: 男 or 女 alone, or an ethnic group.
fn person_marker(fields: &[&str]) -> bool {
    fields.iter().any(|f| {
        matches!(*f, "男" | "女")
            || f.ends_with('族') && (2..=5).contains(&f.chars().count()) && f.chars().all(han)
    })
}

/// Whether `run` can be a name: two or three letters, no word of the dictionary, no
/// role, group or place word.
fn name_like(run: &str) -> bool {
    let n = run.chars().count();
    (2..=3).contains(&n)
        && run.chars().all(han)
        && !run.contains('某')
        && !crate::persons::known_word(run)
        && !crate::cues::cue_inside(run)
        && !run.ends_with([
            '人', '员', '者', '方', '班', '组', '队', '会', '局', '所', '站', '户', '部', '处',
            '科', '长', '师', '工', '族', '区', '县', '市', '村', '镇', '乡', '街', '路',
        ])
        && !run
            .chars()
            .any(|c| "的了在是和与及或我你他她它第区市县省镇乡村路街巷号室楼".contains(c))
}

/// The name ending at byte `end` of `text`, typed joined (two or three letters) or one
/// letter at a time one or two spaces apart (the layout may have joined the last two:
/// 线  老二), standing apart: the joined letters.
fn run_before(text: &str, end: usize) -> Option<String> {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = R.get_or_init(|| {
        regex::Regex::new(
            r"(?:^|[ 　\t：:，,、；;])((?:\p{Han} {1,2}){1,2}\p{Han}{1,2}|\p{Han}{2,3})$",
        )
        .expect("valid regex")
    });
    let line_start = crate::patterns::line_start(text, end);
    let c = re.captures(&text[line_start..end])?;
    Some(c[1].chars().filter(|c| *c != ' ').collect())
}

/// Names told by a bracket that marks a person, or by a name tag.
pub(crate) fn marked_names(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (open, o) in text.match_indices(['（', '(']) {
        let inner = &text[open + o.len()..];
        let Some(close) = inner.find(['）', ')']) else {
            continue;
        };
        let inner = &inner[..close];
        let fields: Vec<&str> = inner.split(['，', ',', '、']).map(str::trim).collect();
        if fields.len() > 4 || !person_marker(&fields) {
            continue;
        }
        let Some(name) = run_before(text, open) else {
            continue;
        };
        if !name_like(&name) || crate::names::surname_of(&name).is_some() {
            continue;
        }
        out.insert(name);
        // (线正发，景颇族): the bracket's first field, a name, is the person's too.
        let first = fields[0];
        if fields.len() >= 2
            && !person_marker(&fields[..1])
            && (2..=3).contains(&first.chars().count())
            && first.chars().all(han)
            && !crate::cues::cue_inside(first)
            && !crate::persons::dictionary_word(first)
        {
            out.insert(first.to_string());
        }
    }
    for w in TAG_WORDS {
        for (at, _) in text.match_indices(w) {
            let rest = &text[at + w.len()..];
            let Some(rest) = rest.strip_prefix(['“', '"', '「']) else {
                continue;
            };
            let Some(close) = rest.find(['”', '"', '」']) else {
                continue;
            };
            let name = &rest[..close];
            if (2..=4).contains(&name.chars().count())
                && name.chars().all(han)
                && !crate::persons::dictionary_word(name)
                && !crate::cues::cue_inside(name)
            {
                out.insert(name.to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marked() {
        let n = marked_names("保洁班 瓦  山（女）：调岗。");
        assert!(n.contains("瓦山"), "{n:?}");
        let n = marked_names("二班 线  老  二（线正发，景颇族）：调岗。");
        assert!(n.contains("线老二") && n.contains("线正发"), "{n:?}");
        let n = marked_names("原告（女）诉称");
        assert!(n.is_empty(), "{n:?}");
        let n = marked_names("挂有名牌“次旦多吉”。");
        assert!(n.contains("次旦多吉"), "{n:?}");
    }
}
