//! Names in a table column headed by a person's role (姓名, 经营者, 责任人, 户主, 车主
//! …): every cell under the header that reads as a name is one, whatever the
//! dictionary makes of it (陈志刚 under 经营者 beside a shop sign 老陈烧烤).

use std::collections::BTreeSet;

use crate::names::person_name;

/// Column headers that name natural persons.
const PERSON_HEADERS: &[&str] = &[
    "姓名",
    "经营者",
    "责任人",
    "户主",
    "申请人",
    "当事人",
    "车主",
    "养犬人",
    "业主",
    "驾驶员",
    "驾驶人",
    "被征收人",
    "救助对象",
    "受助人",
    "摊主",
    "监护人",
    "住户",
    "被执行人",
    "签收人",
    "领车人",
    "被救助人",
];

fn han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The names under a person column of a table drawn with `│`, `|` or `｜`.
pub(crate) fn column_names(text: &str, officers: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut column: Option<(usize, usize)> = None; // (index, number of cells)
    for line in text.lines() {
        if !line.contains(['│', '|', '｜']) {
            column = None;
            continue;
        }
        let cells: Vec<String> = line
            .split(['│', '|', '｜'])
            .map(|c| c.chars().filter(|c| !matches!(c, ' ' | '　')).collect())
            .collect();
        if let Some(i) = cells
            .iter()
            .position(|c| PERSON_HEADERS.iter().any(|h| c == h))
        {
            column = Some((i, cells.len()));
            continue;
        }
        let Some((i, n)) = column else { continue };
        if cells.len() != n {
            continue;
        }
        let cell = &cells[i];
        let count = cell.chars().count();
        let plain = (2..=4).contains(&count)
            && cell.chars().all(han)
            && !cell.contains('某')
            && !crate::persons::dictionary_word(cell);
        let named = person_name(cell).is_some_and(|p| p == *cell);
        if (named || plain) && !officers.contains(cell) {
            out.insert(cell.clone());
        }
    }
    out
}
