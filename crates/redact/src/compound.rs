//! Full names with a compound surname (欧阳, 慕容, 宇文 …) in running text: such a
//! surname says "person" more plainly than a single one, so one likely given letter, or
//! two as names have them, is enough where the name stands as a word of its own.

use std::collections::BTreeSet;

use crate::likely::{
    LANDMARKS, LIKELY, badge_after, common_given, cut_alone, given_likelihood, left_ok,
};
use crate::patterns::han;
use crate::persons::plausible;

/// Compound surnames that are also words of prose (东方, 百里, 第五 …): none opens a
/// name of one given letter here.
const COMPOUND_WORDS: &[&str] = &[
    "东方", "西门", "百里", "第五", "单于", "司空", "太史", "长孙", "南宫", "宗政", "濮阳", "闻人",
    "轩辕", "呼延",
];

/// A compound surname of two letters that no word of prose shares.
fn wordless(surname: &str) -> bool {
    surname.chars().count() == 2 && !COMPOUND_WORDS.contains(&surname)
}

/// A would-be name ending at `end` that is no officer's, has no badge number after it and
/// opens no landmark (王阳明故居).
fn stands_apart(text: &str, end: usize, name: &str, officers: &BTreeSet<String>) -> bool {
    let after = &text[end..];
    !officers.contains(name)
        && !badge_after(after)
        && !LANDMARKS.iter().any(|w| after.starts_with(w))
}

/// A compound surname and one given letter likely in a given name, cut by jieba as a
/// name of its own (会上，欧阳某某、上官敏提出…).
pub(crate) fn compound_one(
    text: &str,
    s: usize,
    surname: &str,
    officers: &BTreeSet<String>,
) -> Option<String> {
    if !wordless(surname) {
        return None;
    }
    let given = text[s + surname.len()..]
        .chars()
        .next()
        .filter(|c| han(*c))?;
    let name = format!("{surname}{given}");
    let end = s + name.len();
    let ok = given_likelihood(given) >= LIKELY
        && left_ok(text, s)
        && stands_apart(text, end, &name, officers)
        && cut_alone(text, s, end);
    ok.then_some(name)
}

/// A compound surname no word shares and two given letters as names have them, ending
/// where the name would end (生二子：长宇文志远，次宇文志诚): such a surname says "person"
/// wherever it stands.
pub(crate) fn compound_two(
    text: &str,
    s: usize,
    surname: &str,
    officers: &BTreeSet<String>,
) -> Option<String> {
    if !wordless(surname) {
        return None;
    }
    let given: String = text[s + surname.len()..].chars().take(2).collect();
    if given.chars().count() != 2
        || !given.chars().all(han)
        || !given
            .chars()
            .all(|c| given_likelihood(c) >= 0.0 || common_given(c))
    {
        return None;
    }
    let name = format!("{surname}{given}");
    let end = s + name.len();
    let after = &text[end..];
    let ends = after
        .chars()
        .next()
        .is_none_or(|c| !han(c) || crate::names::NAME_STOP.contains(c) || "说讲称".contains(c))
        || crate::names::stop_word_at(after);
    let ok =
        ends && stands_apart(text, end, &name, officers) && plausible(text, s, &name, officers);
    ok.then_some(name)
}
