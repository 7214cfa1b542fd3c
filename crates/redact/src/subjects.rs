//! The person a sensitive datum is about, named first in its sentence with no word that
//! says "person" (吴国良是基督徒，…; 项长根无儿无女，…享受特困人员分散供养): a belief, a
//! condition, a record or a benefit is said of someone, and a full name that opens the
//! sentence is that someone.

use std::collections::BTreeSet;

use crate::names::person_name;
use crate::persons::{dictionary_word, plausible};
use crate::{Kind, Masking};

/// Full names (a surname and two letters) opening a sentence that holds a health,
/// religion, criminal-record or welfare masking.
pub(crate) fn sensitive_subjects(
    text: &str,
    found: &[Masking],
    officers: &BTreeSet<String>,
) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut seen: BTreeSet<usize> = BTreeSet::new();
    for m in found.iter().filter(|m| {
        matches!(
            m.kind,
            Kind::Health | Kind::Religion | Kind::Criminal | Kind::Welfare
        )
    }) {
        let (start, _) = crate::ailments::sentence(text, m.start, m.end);
        // A list's number or a bullet before the name (1. 张三…, · 张三…).
        let head = text[start..]
            .trim_start_matches(|c: char| c.is_ascii_digit() || " 　.、．·-—（）()".contains(c));
        let at = text.len() - head.len();
        if !seen.insert(at) || at >= m.start {
            continue;
        }
        // The name stands alone before a stop (吴国良是…), or jieba cuts it as a word of
        // its own before the rest (项长根|无儿无女).
        let name = person_name(head).or_else(|| {
            let surname = crate::names::surname_of(head)?;
            let name: String = head.chars().take(surname.chars().count() + 2).collect();
            (name.chars().all(crate::patterns::han)
                && crate::likely::cut_alone(text, at, at + name.len()))
            .then_some(name)
        });
        let Some(name) = name else {
            continue;
        };
        let surname = crate::names::surname_of(&name).map_or(0, |s| s.chars().count());
        // Both given letters as names have them (not 国家对, 第五十条, 单病种).
        let given_like = name
            .chars()
            .skip(surname)
            .all(|c| crate::likely::given_likelihood(c) > 0.0 || crate::likely::common_given(c));
        if name.chars().count() != surname + 2
            || !given_like
            || officers.contains(&name)
            || dictionary_word(&name)
            || !plausible(text, at, &name, officers)
        {
            continue;
        }
        out.insert(name);
    }
    out
}
