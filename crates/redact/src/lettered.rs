//! A name typed letter by letter in a person column of a table aligned with spaces, whose
//! first character is no surname (泽  旺  甲, 热  孜  亚 under 户主 or 来站人员): the column
//! gives one character, and the characters after it, each alone between spaces, are
//! the rest of the name. Masked whole as 某某, and wherever the name recurs unspaced.

use std::collections::BTreeSet;

use crate::patterns::han;
use crate::{Finder, Kind};

/// The end of the letters that follow a one-character cell ending at `e`, and the name.
fn lettered(text: &str, e: usize, first: &str) -> Option<(usize, String)> {
    let mut name = first.to_string();
    let mut end = e;
    while name.chars().count() < 4 {
        let rest = &text[end..];
        let gap = rest.len() - rest.trim_start_matches(' ').len();
        if !(1..=3).contains(&gap) {
            break;
        }
        // One character, or two where the padding of the last two was taken out
        // (泽  旺甲 as the joined text reads 泽  旺  甲).
        let run: String = rest[gap..].chars().take_while(|c| han(*c)).collect();
        let after = rest[gap + run.len()..].chars().next();
        let n = run.chars().count();
        if !(1..=2).contains(&n)
            || name.chars().count() + n > 4
            || after.is_some_and(|c| c != ' ' && c != '\n')
        {
            break;
        }
        name.push_str(&run);
        end += gap + run.len();
    }
    (name.chars().count() >= 2).then_some((end, name))
}

impl Finder<'_> {
    /// Names typed letter by letter under a person column.
    pub(super) fn lettered_names(&mut self, officers: &BTreeSet<String>) {
        let text = self.text;
        let header = |h: &str| crate::columns::PERSON_HEADERS.contains(&h);
        let mut names = BTreeSet::new();
        for (s, e, t) in crate::columns::aligned_column(text, header, 3) {
            if t.chars().count() != 1 || !t.chars().all(han) {
                continue;
            }
            let Some((end, name)) = lettered(text, e, t) else {
                continue;
            };
            if officers.contains(&name) || crate::persons::dictionary_word(&name) {
                continue;
            }
            self.push(
                Kind::Name,
                s,
                end,
                "某某".into(),
                "以空格逐字分隔书写的自然人姓名，隐去",
            );
            names.insert(name);
        }
        for name in names {
            let spans: Vec<usize> = text.match_indices(name.as_str()).map(|(i, _)| i).collect();
            for s in spans {
                self.push(
                    Kind::Name,
                    s,
                    s + name.len(),
                    "某某".into(),
                    "以空格逐字分隔书写的自然人姓名，隐去",
                );
            }
        }
    }
}
