//! Officers named in tables: the cells under a column headed by an officer word, and
//! the cells after an officer word in a row that hold a name and a badge's number.

use crate::names::person_name;
use crate::officers::OFFICER_WORDS;

/// | 执法人员 | 吴某 35098226044 | 林某 35098226047 | 审核人 | …: in a table row, the
/// cells after an officer word that hold a name and a badge's number.
pub(crate) fn officer_row_cells(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines().filter(|l| l.contains(['|', '｜'])) {
        let cells: Vec<&str> = line.split(['|', '｜']).map(str::trim).collect();
        let mut open = false;
        for cell in cells {
            if OFFICER_WORDS.contains(&cell) {
                open = true;
                continue;
            }
            if !open {
                continue;
            }
            let Some((name, badge)) = cell.split_once([' ', '　']) else {
                open = false;
                continue;
            };
            let badge = badge.trim();
            if (8..=14).contains(&badge.len())
                && badge.chars().all(|c| c.is_ascii_digit())
                && let Some(n) = person_name(name.trim())
                && n.len() == name.trim().len()
            {
                out.push(n);
            } else {
                open = false;
            }
        }
    }
    out
}

/// Officers in a table: the cells under a column headed by an officer word
/// (序号｜单位｜检查人员, then 1｜某公司｜王平、李红) name officers acting in office.
pub(crate) fn officer_columns(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut column: Option<(usize, usize)> = None; // (index, number of cells)
    for line in text.lines() {
        if !line.contains(['｜', '|']) {
            column = None;
            continue;
        }
        let cells: Vec<&str> = line.split(['｜', '|']).map(str::trim).collect();
        // A column of 执法证号: the cell right before it names the badge's holder when
        // its header says so (| 佩戴人 | 执法证号 |, then | 莫文华 | 52270012031 |); under
        // any other header (| 当事人 | 执法证号 |) the cell is not the holder's name.
        if let Some(b) = cells
            .iter()
            .position(|c| ["执法证号", "执法证编号", "执法证件号", "执法证件号码"].contains(c))
            .filter(|&b| b > 0)
        {
            column = holder_header(cells[b - 1]).then_some((b - 1, cells.len()));
            continue;
        }
        let has_name = cells.iter().any(|c| {
            person_name(c).is_some_and(|n| n.len() == c.len())
                && !crate::persons::dictionary_word(c)
        });
        if let Some(i) = cells
            .iter()
            // 受送达人, 被询问人: the person the officers deal with heads that column.
            .position(|c| {
                !c.starts_with(['受', '被']) && OFFICER_WORDS.iter().any(|w| c.ends_with(w))
            })
            .filter(|_| !has_name)
        {
            column = Some((i, cells.len()));
            continue;
        }
        // A row whose other cell names a public office (局长, 区司法局副局长): the
        // name in it is an official's.
        let official = cells.iter().any(|c| {
            [
                "局长",
                "科长",
                "处长",
                "队长",
                "所长",
                "书记",
                "人大代表",
                "政协委员",
            ]
            .iter()
            .any(|w| c.ends_with(w))
        });
        if official {
            for c in &cells {
                if let Some(name) = person_name(c)
                    && name.len() == c.len()
                {
                    out.push(name);
                }
            }
        }
        let Some((i, n)) = column else { continue };
        if cells.len() != n {
            continue;
        }
        for part in cells[i].split(['、', '，', ',', ' ', '　', '；', ';']) {
            if let Some(name) = person_name(part.trim())
                && name.len() == part.trim().len()
            {
                out.push(name);
            }
        }
    }
    out
}

/// Whether a column header names the holder of the badge beside it: 姓名, 佩戴人,
/// 持证人 or an officer word (执法人员, 检查人员).
fn holder_header(header: &str) -> bool {
    let header: String = header.chars().filter(|c| !c.is_whitespace()).collect();
    header.contains("姓名")
        || ["佩戴人", "持证人", "持证人员", "人员"].contains(&header.as_str())
        || OFFICER_WORDS.iter().any(|w| header.ends_with(w))
}

#[cfg(test)]
mod table_tests {
    use crate::officers::officer_names;

    #[test]
    fn officials_in_tables() {
        let text = "序号｜姓名｜单位/身份｜联系方式\n1｜刘德明｜局长｜—\n2｜王秀云｜区司法局副局长｜—\n3｜陈小红｜社会监督员｜13800000000\n";
        let o = officer_names(text);
        assert!(
            o.contains(&"刘德明".to_string()) && o.contains(&"王秀云".to_string()),
            "{o:?}"
        );
        assert!(!o.contains(&"陈小红".to_string()), "{o:?}");
    }
}
