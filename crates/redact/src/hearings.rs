//! A hearing's staff named before the roles they take (本次听证由吴振国担任主持人，苏雅琴
//! 担任听证员): the agency's officers, whose names stay.

use crate::names::person_name;
use crate::patterns::han;

/// The roles of a hearing the agency staffs (听证主持人, 听证员, 记录员, 书记员).
const HEARING_ROLES: &[&str] = &["听证主持人", "主持人", "听证员", "记录员", "书记员"];

/// Names of a hearing's staff given before the role they take (本次听证由吴振国担任主持人，
/// 苏雅琴担任听证员): the agency's officers, whose names stay.
pub(crate) fn hearing_officers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("担任") {
        let role = &text[i + "担任".len()..];
        if !HEARING_ROLES.iter().any(|r| role.starts_with(r)) {
            continue;
        }
        let before = &text[..i];
        let found = (2..=4).find_map(|n| {
            let s = before.char_indices().rev().nth(n - 1)?.0;
            let name = person_name(&before[s..]).filter(|p| p.as_str() == &before[s..])?;
            let opens = before[..s]
                .chars()
                .next_back()
                .is_none_or(|c| !han(c) || "由，、".contains(c));
            opens.then_some(name)
        });
        out.extend(found);
    }
    out
}
