//! Whether a name the source masked in part (邓*杰, 顾*) stands where an officer's does
//! (split from officers.rs): before a badge, after an officer word, in a list of the
//! agency's officers, on an approval or signature line, as the agency's head or staff.

use crate::names::person_name;
use crate::officers::{BADGES, OFFICER_WORDS, agency_party_re};

/// Whether a name masked in part at the source (邓*杰, 顾*) at `s..e` stands where an
/// officer's name does: before a badge (（执法证号…）, 　执法证号：…), right after an
/// officer word and its colon (承办人：, 法制审核人：, 科长：, 记录人：), in a list after one
/// (执法人员：陆*峰、顾*), or on a signature line under an opinion of the agency.
pub(crate) fn officer_slot(text: &str, s: usize, e: usize) -> bool {
    let after = text[e..].trim_start_matches([' ', '　', '（', '(']);
    if BADGES.iter().any(|w| after.starts_with(w)) || after.starts_with("证号") {
        return true;
    }
    // 郭*（科长）: an office in brackets right after the name; 杨*（房地产市场监管科）
    // after 联系人 of the agency: its unit.
    if text[e..].starts_with(['（', '('])
        && let Some(close) = after.find(['）', ')'])
    {
        let inner = &after[..close];
        if OFFICES.iter().any(|w| inner.ends_with(w)) {
            return true;
        }
        let label = text[..s].trim_end_matches(['：', ':', ' ', '　']);
        if ["科", "股", "室", "中队", "大队"]
            .iter()
            .any(|w| inner.ends_with(w))
            && label.ends_with("联系人")
            && crate::agencycontact::agency_contact(text, label.len() - "联系人".len())
        {
            return true;
        }
    }
    // 记 录 人：唐*雯: a label spaced out to line up with longer ones.
    let tail: String = text[..s]
        .chars()
        .rev()
        .take(16)
        .filter(|c| !matches!(c, ' ' | '　'))
        .collect::<Vec<char>>()
        .into_iter()
        .rev()
        .collect();
    let before = tail.trim_end_matches(['：', ':', '\t']);
    let colon = tail.ends_with(['：', ':']);
    // 执法人员签名：陆*峰: the officer word, then where the officer signs.
    let officer_word = |b: &str| {
        let b = ["签名", "签字"]
            .iter()
            .find_map(|w| b.strip_suffix(w))
            .unwrap_or(b);
        OFFICER_WORDS
            .iter()
            .any(|w| b.ends_with(w) && !b[..b.len() - w.len()].ends_with(['被', '受']))
    };
    // After the word and its colon (承办人：邓*杰), not in running text (审核人于*和…:
    // a company's checker).
    if officer_word(before) && colon {
        return true;
    }
    // 经本局执法人员欧阳*、郭*文调查: an officer word of the agency's own in running text,
    // then names only (each of four letters at most) up to this one.
    // Only the last 30 letters are looked back on: the names between are short, and a
    // search of the whole text before each name would cost the square of its length.
    let window = text[..s].char_indices().rev().nth(29).map_or(0, |(i, _)| i);
    if let Some((k, w)) = ["执法人员", "执法队员", "办案人员", "案件调查人员"]
        .iter()
        .filter_map(|w| text[window..s].rfind(w).map(|k| (window + k, *w)))
        .max()
        && !text[..k].ends_with(['被', '受'])
        && names_only(text[k + w.len()..s].trim_start_matches(['：', ':']))
        && text[k + w.len()..s].chars().count() <= 24
    {
        return true;
    }
    let line_start = crate::patterns::line_start(text, s);
    let line = &text[line_start..s];
    // 列席：薛家镇人民政府 王*清: an official after the body and a space; 监督人：哈巴河县
    // 农业农村局法规股　杨*: after a section of a government body and a space.
    let body = line.trim_end_matches([' ', '　']);
    if body.len() < line.len()
        && (BODIES_BEFORE.iter().any(|w| body.ends_with(w))
            || ["科", "股", "室", "中队", "大队", "所"]
                .iter()
                .any(|w| body.ends_with(w))
                && ["局", "人民政府", "办事处"]
                    .iter()
                    .any(|w| body.contains(w)))
    {
        return true;
    }
    // 执法人员：陆*峰、顾*: the officer word opens the clause the name ends.
    if let Some(k) = line.rfind(['：', ':'])
        && officer_word(&line[..k])
        && names_only(line[k..].trim_start_matches(['：', ':']))
    {
        return true;
    }
    // 法定代表人：张*平　　职务：局长, 委托代理人：马*，…执法监察大队工作人员: the agency
    // as a party, its head and its staff.
    let line_end = text[e..].find('\n').map_or(text.len(), |i| e + i);
    if agency_party_re()
        .captures_iter(&text[line_start..line_end])
        .any(|c| {
            c.get(1)
                .is_some_and(|m| line_start + m.start() == s && line_start + m.end() == e)
        })
    {
        return true;
    }
    crate::approvals::signs_for_agency(text, s) || crate::approvals::signs_approval_line(text, s, e)
}

/// Offices in brackets right after a name (郭*（科长）).
const OFFICES: &[&str] = &[
    "科长",
    "局长",
    "队长",
    "所长",
    "主任",
    "股长",
    "站长",
    "中队长",
    "大队长",
];

/// Bodies whose official is named after them and a space (…人民政府 王*清).
const BODIES_BEFORE: &[&str] = &[
    "人民政府",
    "办事处",
    "管理局",
    "执法局",
    "执法大队",
    "中队",
    "监管科",
    "派出所",
];

/// Whether `between` (what stands between an officer word and a name) is a list of names
/// only: each part of four letters at most, masked in part or a name (欧阳*、郭*文、).
fn names_only(between: &str) -> bool {
    between.split(['、', '，', ' ', '　']).all(|p| {
        p.is_empty()
            || p.chars().count() <= 4
                && (p.contains(['*', '＊']) || person_name(p).is_some_and(|n| n == p))
    })
}
