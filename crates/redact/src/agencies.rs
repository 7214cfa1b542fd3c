//! What belongs to an agency by the shape of the text around it, whatever the agency
//! is called: the abbreviation that opens a 文号 (文综执保字〔2026〕…, 郑金公（治）犬告字
//! 〔2026〕…) is the agency's, not a person's name wherever else it appears; a plate
//! named as the agency's own vehicle (我局执法车辆（…）, 警车…) or in a table row whose
//! holder is an organisation stays.

use crate::patterns::han;

/// Whether `name` opens a document number somewhere in `text`: the name, at most
/// eight more characters of the number's prefix (Chinese or a bracketed note like
/// （治）), then a bracketed four-digit year (〔2026〕, [2026], ［2026］).
/// `places` are where `name` stands in `text` (as `str::match_indices` finds them).
pub(crate) fn opens_doc_number(text: &str, name: &str, places: &[usize]) -> bool {
    if name.is_empty() {
        return false;
    }
    places.iter().any(|&i| {
        let rest = &text[i + name.len()..];
        for (taken, (k, c)) in rest.char_indices().enumerate() {
            if matches!(c, '〔' | '[' | '［') {
                let year: String = rest[k + c.len_utf8()..].chars().take(5).collect();
                // 富自然资罚〔２０２６〕: the year in full-width digits too.
                return year
                    .chars()
                    .take(4)
                    .all(|d| d.is_ascii_digit() || ('０'..='９').contains(&d))
                    && year.chars().nth(4).is_some_and(|d| "〕]］".contains(d));
            }
            if !(han(c) || matches!(c, '（' | '）' | '(' | ')')) || taken >= 8 {
                return false;
            }
        }
        false
    })
}

/// Words before a plate that make it the agency's own vehicle.
const AGENCY_VEHICLE: &[&str] = &[
    "执法车",
    "公务车",
    "警车",
    "巡逻车",
    "我局车辆",
    "本局车辆",
    "我局的",
    "单位车辆",
];

/// Whether the plate at `s..e` is an agency's vehicle (…我局执法车辆（苏H·…）) or sits
/// in a table row whose only holder is an organisation (…| 某某商贸有限公司 |).
pub(crate) fn agency_vehicle(text: &str, s: usize, _e: usize) -> bool {
    let line_start = crate::patterns::line_start(text, s);
    let before: String = text[line_start..s]
        .chars()
        .rev()
        .take_while(|c| !matches!(c, '。' | '；' | '，' | ','))
        .take(12)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if AGENCY_VEHICLE.iter().any(|w| before.contains(w))
        && !["私家", "个人"].iter().any(|w| before.contains(w))
    {
        return true;
    }
    company_note(text, s) || org_row(text, s)
}

/// Whether the bracketed note around byte `s` names the plate's holder as a company
/// (（车牌…，企业车辆）, （…，某某出租汽车有限公司）, （…，某某清运有限公司车辆）) and
/// no private person.
fn company_note(text: &str, s: usize) -> bool {
    let before = &text[..s];
    let Some(open) = before.rfind(['（', '(']) else {
        return false;
    };
    if before[open..].contains(['）', ')']) || s - open > 30 {
        return false;
    }
    let Some(close) = text[s..].find(['）', ')']).filter(|&k| k <= 90) else {
        return false;
    };
    let note = &text[open..s + close];
    let company = note.split(['，', ',', '；']).skip(1).any(|part| {
        let part = part.trim();
        ["公司", "企业车辆", "单位车辆", "公司车辆", "集团", "合作社"]
            .iter()
            .any(|w| part.ends_with(w))
    });
    company
        && !["私家", "个人", "车主", "本人"]
            .iter()
            .any(|w| note.contains(w))
}

/// Whether byte `s` sits in a table row (drawn, or aligned with spaces) whose cells name
/// an organisation and no person (…| 某某商贸有限公司 |).
pub(crate) fn org_row(text: &str, s: usize) -> bool {
    let line_start = crate::patterns::line_start(text, s);
    let line_end = crate::patterns::line_end(text, s);
    let line = &text[line_start..line_end];
    let org = |c: &str| {
        ["有限公司", "公司", "合作社", "集团", "管理局", "中心"]
            .iter()
            .any(|w| c.ends_with(w))
    };
    if !line.contains(['|', '│', '｜']) {
        // A table aligned with spaces (车牌号  车主  停放位置 …): cells split at runs of
        // two spaces. A company's name too long for its cell wraps onto a line of its
        // own below (清远市某某驾驶培训 / 有限公司): the piece completes a cell.
        let cells = crate::columns::aligned_cells(line);
        if cells.len() < 3 {
            return false;
        }
        let next = text[line_end..].strip_prefix('\n').unwrap_or("");
        let next = next.split('\n').next().unwrap_or("");
        let wrap = match crate::columns::aligned_cells(next).as_slice() {
            [(.., t)] if t.chars().count() <= 6 => *t,
            _ => "",
        };
        return cells
            .iter()
            .any(|(.., c)| org(c) || !wrap.is_empty() && org(&format!("{c}{wrap}")))
            && cells.iter().all(|(.., c)| org(c) || !has_person_mark(c));
    }
    let cells: Vec<&str> = line
        .split(['|', '│', '｜'])
        .map(|c| c.trim_matches([' ', '　']))
        .filter(|c| !c.is_empty())
        .collect();
    cells.iter().any(|c| org(c)) && cells.iter().all(|c| org(c) || !has_person_mark(c))
}

/// Whether the number at byte `s` sits in a table row of an organisation (see
/// [`org_row`]) in which no cell is a person's name (杜 伟, 王秀英).
pub(crate) fn org_phone_row(text: &str, s: usize) -> bool {
    let line_start = crate::patterns::line_start(text, s);
    let line_end = crate::patterns::line_end(text, s);
    let named = text[line_start..line_end]
        .split(['|', '│', '｜'])
        .flat_map(|c| c.split("  "))
        .map(|c| c.replace([' ', '　'], ""))
        .any(|c| !c.is_empty() && crate::names::person_name(&c).is_some_and(|p| p == c));
    !named && org_row(text, s)
}

/// A cell that speaks of a person (a name cue or the 某 of a masked name).
fn has_person_mark(cell: &str) -> bool {
    ["个人", "先生", "女士", "驾驶人", "车主"]
        .iter()
        .any(|w| cell.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opens(text: &str, name: &str) -> bool {
        let places: Vec<usize> = text.match_indices(name).map(|(i, _)| i).collect();
        opens_doc_number(text, name, &places)
    }

    #[test]
    fn a_doc_number_prefix_is_found() {
        let t = "某某局\n文综执保字〔2026〕第019号\n存放于文综执暂存库";
        assert!(opens(t, "文综执"));
        assert!(opens("郑金公（治）犬告字〔2026〕第1号", "郑金公"));
        assert!(!opens("当事人文小明于2026年", "文小明"));
    }

    #[test]
    fn an_agency_vehicle_is_found() {
        let t = "我局执法车辆（苏H·7A052）与私家车（苏H·D86K3）碰撞";
        let s = t.find("苏H·7A052").unwrap_or(0);
        assert!(agency_vehicle(t, s, s + 1));
        let s = t.find("苏H·D86K3").unwrap_or(0);
        assert!(!agency_vehicle(t, s, s + 1));
    }
}
