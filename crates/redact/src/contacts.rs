//! An organisation's own landline, known by where it stands rather than by a word for
//! it: the footer that names the body and then its phone (…局法制科   电话：…, …局
//! 窗口电话：…), the contact line of a signature block (the body's line, perhaps a
//! signer and a date, then 联系电话：…), a note that opens with a body's name (（…公园
//! 管理所，电话…）), a call a body made (…局电话通知（…）), and a table row whose
//! party is an organisation (…有限公司 | 9141… | 0375-…). No private person may be
//! named there: a mobile is never judged here, and a landline beside a party, a home
//! or a relative stays masked.

use crate::patterns::han;

/// Endings of an organisation's name or of one of its units.
const BODY_ENDS: &[&str] = &[
    "局",
    "科",
    "股",
    "处",
    "办公室",
    "中队",
    "大队",
    "支队",
    "委员会",
    "居委会",
    "村委会",
    "办事处",
    "政府",
    "中心",
    "公司",
    "事务所",
    "所",
    "站",
    "法院",
    "检察院",
    "医院",
    "学校",
    "中学",
    "小学",
    "协会",
    "联合会",
    "集团",
    "合作社",
    "厂",
    "项目部",
    "宾馆",
    "酒店",
];

/// Words for an unnamed member of a body's staff, who calls or is reached on the body's
/// line (项目部专人, 宾馆工作人员).
const UNNAMED_STAFF: &[&str] = &["专人", "工作人员", "值班人员", "客服人员"];

/// Words that put a private person or a home beside the number.
const PRIVATE: &[&str] = &[
    // A speaker's own line (有事发邮件到…，或者打我电话…).
    "打我",
    "加我",
    "发我",
    "找我",
    "联系我",
    "我的",
    // A person's own messaging accounts on the line (微信：…；QQ：…；邮箱：…).
    "微信：",
    "微信号",
    "QQ：",
    "QQ号",
    "当事人",
    "所留",
    "本人",
    "手机",
    "住址",
    "家住",
    "居住",
    "住宅",
    "现住",
    "住在",
    "户籍",
    "申请人",
    "投诉人",
    "举报人",
    "户主",
    "委托",
    "受托",
    "代理人",
    "监护人",
    "经营者",
    "先生",
    "女士",
    "个体",
    "业主",
    "来电人",
    "联系人",
    "家属",
    "亲属",
    "身份证",
    // A person's particulars on the line (姓名：…  性别：…  工作单位：…公司  电话：…).
    "姓名",
    "性别",
    "工作单位",
    "职业",
    "出生",
    "年龄",
    "民族",
];

fn private(s: &str) -> bool {
    PRIVATE.iter().any(|w| s.contains(w))
        // 住 alone (住某路…), not 住所 (an organisation's seat).
        || s.match_indices('住').any(|(i, _)| {
            // …住房和城乡建设局, 住建局: the body's name, not a home.
            !["住所", "住建", "住房和", "住房城乡"]
                .iter()
                .any(|w| s[i..].starts_with(w))
        })
}

/// Whether `s` ends with an organisation's name (a Han character before the ending).
pub(crate) fn ends_with_body(s: &str) -> bool {
    BODY_ENDS.iter().any(|w| {
        s.strip_suffix(w)
            .is_some_and(|head| head.chars().next_back().is_some_and(han))
    })
}

/// Phone labels that may stand after a body's name (电话, 联系电话, 窗口电话 …).
fn strip_label(s: &str) -> Option<&str> {
    let s = s.trim_end_matches([' ', '　', '：', ':']);
    let s = s.strip_suffix("电话").or_else(|| s.strip_suffix("传真"))?;
    for q in ["联系", "窗口", "办公", "值班", "咨询", "服务", "受理"] {
        if let Some(r) = s.strip_suffix(q) {
            return Some(r);
        }
    }
    Some(s)
}

/// Whether the landline at byte `s` is an organisation's by where it stands.
pub(crate) fn organisation_landline(text: &str, s: usize) -> bool {
    let line_start = crate::patterns::line_start(text, s);
    let line = &text[line_start..s];
    // A note after the number (（当事人家中）) may say whose it is.
    let rest = text[s..].split('\n').next().unwrap_or("");
    if private(rest) {
        return false;
    }
    body_after(rest)
        || footer(line)
        || signature_block(text, line_start, line)
        || body_note(line)
        || called_body(line)
        || table_row(text, s)
}

/// Whether byte `at` stands in an organisation's contact block: its own line, or one
/// of the two lines right above it (no blank line between), holds a landline that is
/// an organisation's, and its own line names no private person (监督电话：0990-…
/// 电子邮箱：…; 联系电话：0438-…  地址：…路599号). An agency's mailbox and address there
/// stay.
pub(crate) fn in_contact_block(text: &str, at: usize) -> bool {
    let line_start = crate::patterns::line_start(text, at);
    let line_end = crate::patterns::line_end(text, at);
    if private(&text[line_start..line_end]) {
        return false;
    }
    let mut start = line_start;
    let mut end = line_end;
    for _ in 0..3 {
        let line = &text[start..end];
        if line.trim().is_empty() || private(line) {
            return false;
        }
        // A landline of its own (not digits inside a longer number) that is an
        // organisation's.
        let organisation = crate::patterns::landline_re().find_iter(line).any(|m| {
            !crate::patterns::digit_adjacent(text, start + m.start(), start + m.end())
                && crate::whose::agency_phone(text, start + m.start())
        });
        if organisation {
            return true;
        }
        if start == 0 {
            return false;
        }
        end = start - 1;
        start = crate::patterns::line_start(text, end);
    }
    false
}

/// …局法制科   电话：…, …城市管理局   窗口电话：…: the body's name, then the label.
fn footer(line: &str) -> bool {
    let clause_start = line.rfind(['。', '；', '，']).map_or(0, |i| {
        i + line[i..].chars().next().map_or(1, char::len_utf8)
    });
    let clause = &line[clause_start..];
    let Some(head) = strip_label(clause) else {
        return false;
    };
    let mut head = head.trim_end_matches([' ', '　', '，', ',']);
    // …办公室   联系电话：0911-…   传真：…: the body's other numbers before this one.
    for _ in 0..3 {
        let t = head.trim_end_matches(|c: char| c.is_ascii_digit() || "-－— 　".contains(c));
        if t.len() == head.len() {
            break;
        }
        let t = t.trim_end_matches(['：', ':']);
        let Some(r) = strip_label(t)
            .or_else(|| t.strip_suffix("邮编"))
            .or_else(|| t.strip_suffix("邮政编码"))
        else {
            break;
        };
        head = r.trim_end_matches([' ', '　', '，', ',']);
    }
    // 请向…局法规科反映，电话：…: the clause before names the body to turn to.
    if head.is_empty() && !private(clause) {
        let before = line[..clause_start].trim_end_matches(['，', ',']);
        let prev_start = before.rfind(['。', '；', '，']).map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
        let prev = &before[prev_start..];
        if let Some(v) = ["联系", "反映", "咨询", "举报", "投诉", "提出"]
            .iter()
            .find_map(|w| prev.strip_suffix(w))
            && ["向", "与"].iter().any(|w| v.contains(w))
            && ends_with_body(v)
            && !private(prev)
        {
            return true;
        }
    }
    // …执法局  地址：…路99号  电话：…: the body, its address, then the label.
    let body = match head.rfind("地址") {
        Some(i) => head[..i].trim_end_matches([' ', '　', '，', ',', '：', ':']),
        None => head,
    };
    ends_with_body(body) && !private(clause)
}

/// A contact line (联系电话：…) under the lines of a signature block that name an
/// organisation (…律师事务所 / 律师：… 日期, or 审核：…局法制股   日期), no blank line
/// between and no private person in the block.
fn signature_block(text: &str, line_start: usize, line: &str) -> bool {
    let label = line.trim_start_matches([' ', '　']);
    if !["联系电话", "电话", "联系方式", "办公电话"]
        .iter()
        .any(|w| label.starts_with(w))
        || line_start == 0
    {
        return false;
    }
    // The label and the number only: nothing else of a person's on this line.
    if private(label) {
        return false;
    }
    fn block_line(l: &str) -> Option<&str> {
        let l = l.trim_matches([' ', '　', '\r']);
        // A sentence (…参加。) is no line of a signature block.
        (!l.is_empty() && !l.ends_with('。')).then_some(l)
    }
    let names_body = |l: &str| {
        l.split([' ', '　', '（', '(', '：', ':'])
            .any(|part| ends_with_body(part) && part.chars().count() >= 4)
    };
    let mut found = false;
    for above in text[..line_start - 1].rsplit('\n').take(3) {
        // A private person in the block (当事人：…，住…) makes the number theirs.
        if private(above) {
            return false;
        }
        let Some(l) = block_line(above) else { break };
        found |= names_body(l);
    }
    // The body's name (and its seal) may stand under the contact line.
    let below_start = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i + 1);
    for below in text[below_start..].split('\n').take(2) {
        let Some(l) = block_line(below) else { break };
        if private(l) {
            return false;
        }
        found |= names_body(l);
    }
    found
}

/// 联系电话：0578-…      丽水市…执法局: the body's name after the number on its line.
fn body_after(rest: &str) -> bool {
    let after = rest
        .trim_start_matches(|c: char| c.is_ascii_digit() || "-－—转 ".contains(c))
        .trim_start_matches([' ', '　']);
    let name = after.split([' ', '　', '（', '(']).next().unwrap_or("");
    name.chars().count() >= 4 && name.chars().all(han) && ends_with_body(name)
}

/// （平凉市柳湖公园管理所，电话…）: a note whose first part names a body; …局电话通知
/// （…）: the number of the body that called.
/// 如有异议可致电扶沟县信访局0394-…: the clause calls a body, named right before the
/// number.
fn called_body(line: &str) -> bool {
    let clause = line.rsplit(['。', '；', '，', ',']).next().unwrap_or(line);
    ["致电", "拨打", "咨询", "联系"]
        .iter()
        .any(|w| clause.contains(w))
        && ends_with_body(clause.trim_end())
        && !private(clause)
}

fn body_note(line: &str) -> bool {
    let Some(open) = line.rfind(['（', '(']) else {
        return false;
    };
    let note = &line[open + line[open..].chars().next().map_or(1, char::len_utf8)..];
    if note.contains(['）', ')']) || private(note) {
        return false;
    }
    // The note opens with the body: its name, then the label.
    if let Some((org, rest)) = note.split_once(['，', ','])
        && ends_with_body(org.trim())
        && strip_label(rest).is_some_and(|r| r.trim().is_empty())
    {
        return true;
    }
    let before = &line[..open];
    // 项目部专人（电话…）: the body, or an unnamed member of its staff, right before the
    // bracket, and a phone label alone in it.
    if strip_label(note).is_some_and(|r| r.trim().is_empty()) {
        let head = before.trim_end();
        let head = UNNAMED_STAFF
            .iter()
            .find_map(|w| head.strip_suffix(w))
            .unwrap_or(head);
        let clause = head.rsplit(['。', '；', '，']).next().unwrap_or(head);
        if ends_with_body(head) && !private(clause) {
            return true;
        }
    }
    // The body's call right before the bracket, the note holding the number alone.
    if !note.trim().is_empty() {
        return false;
    }
    let clause_start = before.rfind(['。', '；', '，', ' ', '　']).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    let clause = &before[clause_start..];
    ["电话通知", "电话告知", "来电", "致电", "电话"]
        .iter()
        .find_map(|w| clause.strip_suffix(w))
        .map(|b| {
            UNNAMED_STAFF
                .iter()
                .find_map(|w| b.strip_suffix(w))
                .unwrap_or(b)
        })
        .is_some_and(ends_with_body)
        && !private(clause)
}

/// A table row (cells between │ or |) one of whose cells is an organisation's name
/// (…有限公司, …街道办事处), with no private person in the row.
fn table_row(text: &str, s: usize) -> bool {
    let line_start = crate::patterns::line_start(text, s);
    let line_end = crate::patterns::line_end(text, s);
    let row = &text[line_start..line_end];
    if !row.contains(['|', '｜', '│']) || private(row) {
        return false;
    }
    let cells = || {
        row.split(['|', '｜', '│'])
            .map(|c| c.trim_matches([' ', '　']))
    };
    // A person in the row (张三 | 某某有限公司 | 0xxx…) may be reached at the number,
    // unless the row gives the person's post in the organisation (| 店长 |, | 经理 |):
    // a landline there is the organisation's.
    let staff = cells().any(|c| crate::familiar::TRADE_TITLES.contains(&c) || titled_staff(c));
    if !staff
        && cells().any(|c| {
            let joined: String = c.chars().filter(|ch| !ch.is_whitespace()).collect();
            crate::names::person_name(&joined).is_some_and(|n| n == joined)
        })
    {
        return false;
    }
    // A shop's row with its staff named (| …大药房 | … | 驻店药师 李敏 | 0766-… |).
    if staff && cells().any(shop_name) {
        return true;
    }
    cells().any(|c| {
        c.chars().count() >= 6
            && c.chars().all(han)
            && [
                "公司",
                "办事处",
                "委员会",
                "局",
                "中心",
                "事务所",
                "合作社",
                "集团",
            ]
            .iter()
            .any(|w| c.ends_with(w))
    })
}

/// A shop's or a small business's name in a cell (…大药房, …酒家, …超市): at least five
/// characters, ending on a word for premises.
fn shop_name(cell: &str) -> bool {
    cell.chars().count() >= 5
        && cell.chars().all(crate::patterns::han)
        && ["药房", "药店", "酒家", "超市", "饭店", "诊所", "门诊部"]
            .iter()
            .any(|w| cell.ends_with(w))
}

/// A cell that names a member of staff by post and name (驻店药师 李  敏, 店长 陈某).
fn titled_staff(cell: &str) -> bool {
    let joined: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    crate::familiar::TRADE_TITLES
        .iter()
        .chain(["药师", "执业药师", "值班经理", "前台"].iter())
        .any(|t| {
            joined.find(t).is_some_and(|i| {
                let rest = &joined[i + t.len()..];
                i <= 6 && crate::names::person_name(rest).is_some_and(|n| n == rest)
            })
        })
}

/// Whether byte `at` lies on the line of the agency's contact person: a 联系人 before it
/// on the line who is the agency's, or who carries an 执法证号 (联系人：…（执法证号…），
/// 电话：…，邮箱：…).
pub(crate) fn agency_contact_line(text: &str, at: usize) -> bool {
    let start = crate::patterns::line_start(text, at);
    let Some(k) = text[start..at].rfind("联系人") else {
        return false;
    };
    text[start + k..at].contains("执法证") || crate::agencycontact::agency_contact(text, start + k)
}

impl crate::Finder<'_> {
    /// E-mail addresses: the first letter and the domain stay; a public body's mailbox
    /// stays whole (moved here from identifiers.rs).
    pub(super) fn emails(&mut self) {
        for m in crate::patterns::email_re().find_iter(self.text) {
            let v = m.as_str();
            let Some((user, domain)) = v.split_once('@') else {
                continue;
            };
            // A government body's mailbox stays.
            if domain.ends_with(".gov.cn") || domain.ends_with(".gov") {
                continue;
            }
            // …and so does an agency's mailbox in its contact block (监督电话…  电子邮箱…)
            // or on its contact person's line (联系人：…（执法证号…），电话…，邮箱…).
            if in_contact_block(self.text, m.start())
                || agency_contact_line(self.text, m.start())
                || crate::patterns::preceded_by(
                    self.text,
                    m.start(),
                    &[
                        "监督邮箱",
                        "举报邮箱",
                        "投诉邮箱",
                        "公开邮箱",
                        "本局邮箱",
                        "我局邮箱",
                        "本局电子邮箱",
                        "我局电子邮箱",
                        "机关邮箱",
                        "监督电子邮箱",
                        "举报电子邮箱",
                    ],
                    8,
                )
            {
                continue;
            }
            let first: String = user.chars().take(1).collect();
            let rep = format!("{first}***@{domain}");
            self.push(
                crate::Kind::Email,
                m.start(),
                m.end(),
                rep,
                "电子邮箱，只保留首字符和域名",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, number: &str) -> bool {
        let s = text.find(number).unwrap_or(0);
        organisation_landline(text, s)
    }

    #[test]
    fn footers_and_blocks() {
        assert!(at("某市某区城市管理局法制科   电话：0455-8356127", "0455"));
        assert!(at("某市某区城市管理局   窗口电话：0375-2901236", "0375"));
        assert!(!at("当事人住某路5号   电话：0375-2901236", "0375"));
        assert!(at(
            "某区城市管理局  地址：某市某路568号  电话：0795-3218860",
            "0795"
        ));
        assert!(!at(
            "受托人：王某  地址：某市某路568号  电话：0795-3218860",
            "0795"
        ));
        assert!(at(
            "某某律师事务所（舟山）\n律师：郑远   2026年8月19日\n联系电话：0580-2021876",
            "0580"
        ));
        assert!(!at(
            "委托人：郑远，某某公司职员\n联系电话：0580-2021876",
            "0580"
        ));
        assert!(at("某区应急管理局电话通知（0875-2121870）：明日", "0875"));
        assert!(!at("市民黄某来电（0875-2121870）：明日", "0875"));
        assert!(!at(
            "某区执法局三中队（中队长王涛）参加。\n电话0752-2238865（当事人家中）",
            "0752"
        ));
        assert!(at(
            "| 1 | 某某建设工程有限公司 | 91410402MA00000000 | 0375-4961207 |",
            "0375"
        ));
        assert!(!at(
            "| 1 | 孙  立  群 | 某某建设工程有限公司 | 0375-4961207 |",
            "0375"
        ));
        assert!(in_contact_block(
            "受理部门：局法制科\n联系电话：0438-6232180   地址：某市某路599号\n电子邮箱：abc@163.com",
            101
        ));
        assert!(at("（平凉市柳湖公园管理所，电话0933-8213650）确认", "0933"));
    }
}
