//! A number that belongs to an organisation by the structure of its line, whatever
//! the organisation is called: the contact line under an officer's badge (…（执法证号
//! …）；\n联系电话：…), a number given with an officer's 证号 in the same clause, an
//! invitation to call (请拨打…), a line whose subject is an organisation (a 统一社会信用
//! 代码 before the number on the line; 我公司…, 机关联系电话; an organisation named and
//! then its 地址 and 电话), and a note after the number that names a body (（所）). No
//! private person may be named between the organisation and the number.

use crate::whose::PRIVATE_PERSON;

/// Organisations' words that end their names.
const BODIES: &[&str] = &[
    "局",
    "公司",
    "厂",
    "事务所",
    "中心",
    "委员会",
    "办事处",
    "残联",
    "联合会",
    "协会",
    "中队",
    "大队",
    "支队",
    "政府",
    "医院",
    "学校",
    "委",
    "妇联",
    "办公室",
];

fn private_between(between: &str) -> bool {
    PRIVATE_PERSON.iter().any(|w| between.contains(w))
}

/// Whether a form's line opens with an organisation, as its first field's value or
/// alone (接收单位：…救助管理站（签章）   联系电话：…; …城市管理局人事科   2026年12月2日
/// 联系电话：…), and names no private person: the number on it is the organisation's.
fn organisation_first(line: &str) -> bool {
    let first = line.trim_start().split("  ").next().unwrap_or("");
    if first.len() == line.trim_start().len() || private_between(line) {
        return false; // one field only: the number's own label opens the line
    }
    let value = first.rsplit(['：', ':']).next().unwrap_or(first);
    let value = ["（签章）", "（盖章）", "（印）", "(签章)", "(盖章)"]
        .iter()
        .find_map(|w| value.strip_suffix(w))
        .unwrap_or(value);
    value.chars().count() >= 5
        && value.chars().all(crate::patterns::han)
        && [
            "局",
            "站",
            "中心",
            "科",
            "办公室",
            "大队",
            "中队",
            "委员会",
            "办事处",
            "公司",
        ]
        .iter()
        .any(|w| value.ends_with(w))
}

pub(crate) fn organisation_phone(text: &str, s: usize) -> bool {
    let line_start = crate::patterns::line_start(text, s);
    let line = &text[line_start..s];
    let clause_start = line.rfind(['。', '；']).map_or(0, |i| i + '。'.len_utf8());
    let clause = &line[clause_start..];
    // An officer's 证号 earlier in the clause (承办人员某某，证号…，联系电话…).
    if let Some(i) = clause.rfind("证号")
        && !clause[..i].ends_with("身份")
        && !clause[..i].ends_with("身份证")
        && !private_between(&clause[i..])
        && clause[i..].chars().count() <= 40
    {
        return true;
    }
    // The contact line right under a line that ends on an officer's badge.
    let label = line.trim_start();
    if ["联系电话", "联系方式", "联系地址", "办公地址"]
        .iter()
        .any(|w| label.starts_with(w))
        && line_start > 0
    {
        let prev_start = crate::patterns::line_start(text, line_start - 1);
        let prev = text[prev_start..line_start - 1].trim_end();
        if prev.contains("执法证号") && !prev.ends_with('。') && !private_between(prev) {
            return true;
        }
        // 联系人：叶晨阳、徐可欣\n联系电话：…: the number of the agency's contact above.
        if let Some(k) = prev.find("联系人")
            && prev[..k].trim_start_matches([' ', '　']).is_empty()
            && crate::agencycontact::agency_contact(text, prev_start + k)
            && !private_between(prev)
        {
            return true;
        }
    }
    if organisation_first(line) {
        return true;
    }
    // …可拨打供热服务热线0469-…: a line named as a service's hotline.
    if [
        "热线",
        "服务电话",
        "值班电话",
        "监督电话",
        "举报电话",
        "投诉电话",
        "客服电话",
    ]
    .iter()
    .any(|w| clause.trim_end().ends_with(w))
        && !private_between(clause.rsplit(['，', ',']).next().unwrap_or(clause))
    {
        return true;
    }
    // 有限公司：\n统一社会信用代码：…\n法定代表人：…　联系电话：0744-…: a landline on the
    // legal representative's line under a company's code is the company's.
    if label.starts_with("法定代表人")
        && text[s..].starts_with('0')
        && text[..line_start]
            .lines()
            .rev()
            .take(3)
            .any(|l| l.contains("信用代码"))
    {
        return true;
    }
    // 请拨打…, 可致电…: the number offered to the public.
    let rest = text[s..].split(['。', '\n']).next().unwrap_or("");
    if ["请拨打", "可拨打", "请致电", "可致电", "拨打本"]
        .iter()
        .any(|w| clause.trim_end().ends_with(w) || clause.contains(w) && clause.len() < 60)
        && !private_between(rest)
    {
        return true;
    }
    // The line's subject is an organisation.
    if let Some(i) = line.find("信用代码")
        && !private_between(&line[i..])
    {
        return true;
    }
    if [
        "我公司",
        "本公司",
        "我单位",
        "本单位",
        "机关联系电话",
        "机关电话",
    ]
    .iter()
    .any(|w| clause.contains(w))
        && !private_between(clause)
    {
        return true;
    }
    if let Some(addr) = clause.find("地址")
        && BODIES.iter().any(|b| {
            clause[..addr]
                .trim_end_matches(['，', ',', '（', '('])
                .ends_with(b)
        })
        && !private_between(&clause[addr..])
    {
        return true;
    }
    // 区残联（朝阳区…路8号，联系电话…）: the number in a bracket right after a body.
    if let Some(open) = clause.rfind(['（', '('])
        && !clause[open..].contains(['）', ')'])
        && BODIES.iter().any(|b| {
            // The bracket may open a line: the body ends the line above.
            let head = clause[..open].trim_start();
            let above = text[..line_start].trim_end_matches(['\n', '\r']);
            head.ends_with(b) || head.is_empty() && clause_start == 0 && above.ends_with(b)
        })
        && !private_between(&clause[open..])
        // （联系人：屠明，电话…）: a person the body names is reached at the number.
        && !["联系人", "经办人", "负责人", "代表人", "委托", "先生", "女士"]
            .iter()
            .any(|w| clause[open..].contains(w))
    {
        return true;
    }
    // A row of a form that holds an agency's opinion (推荐意见, 审核意见 …), its label
    // on this line or on the lines of the same row above.
    if opinion_row(text, line_start) && !private_between(clause) {
        return true;
    }
    // 0597-…（所）: a note after the number names a body.
    let after: String = text[s..]
        .chars()
        .skip_while(|c| c.is_ascii_digit() || "-－— ".contains(*c))
        .take(5)
        .collect();
    [
        "（所）",
        "(所)",
        "（律所）",
        "(律所)",
        "（单位）",
        "（公司）",
        "（办公室）",
    ]
    .iter()
    .any(|w| after.starts_with(w))
}

/// Whether the table row around the line at `line_start` is labelled as an agency's
/// opinion (│推荐意见│…, │审核意见│…): the first cell of this line or of a line above
/// in the same row (no rule line between) ends with 意见.
fn opinion_row(text: &str, line_start: usize) -> bool {
    let mut end = crate::patterns::line_end(text, line_start);
    let mut start = line_start;
    for _ in 0..4 {
        let line = &text[start..end];
        if !line.contains(['│', '|', '｜']) || line.contains(['─', '┼', '├']) {
            return false;
        }
        let first = line
            .split(['│', '|', '｜'])
            .map(|c| c.trim_matches([' ', '　']))
            .find(|c| !c.is_empty());
        match first {
            Some(c) if c.ends_with("意见") && c.chars().count() <= 8 => return true,
            Some(c) if line.trim_start().starts_with(['│', '|', '｜']) && !c.is_empty() => {
                // The label cell is blank on a continued row only.
                let label_blank = line
                    .trim_start()
                    .trim_start_matches(['│', '|', '｜'])
                    .starts_with([' ', '　']);
                if !label_blank {
                    return false;
                }
            }
            _ => {}
        }
        if start == 0 {
            return false;
        }
        end = start - 1;
        start = crate::patterns::line_start(text, end);
    }
    false
}

/// Whether the mobile at `s..e` is called a work phone (（工作手机）, （办公手机）) on a
/// line that names an officer by the badge: the agency's line, not the person's.
pub(crate) fn work_mobile(text: &str, s: usize, e: usize) -> bool {
    let after = text[e..].trim_start_matches([' ', '　']);
    let line_start = crate::patterns::line_start(text, s);
    // …（执法证号…，工作手机137…）: the word before the number.
    let before = text[line_start..s].trim_end_matches([' ', '　', '：', ':']);
    let called_before = ["工作手机", "办公手机", "工作电话"]
        .iter()
        .any(|w| before.ends_with(w));
    (called_before
        || [
            "（工作手机）",
            "(工作手机)",
            "（办公手机）",
            "(办公手机)",
            "（工作电话）",
        ]
        .iter()
        .any(|w| after.starts_with(w)))
        && text[line_start..s].contains("执法证")
}
