//! Whose a number, a plate or an account is: the agency's own (its notes, imprint and
//! contact lines), an organisation's (a company managing a place, an account held by an
//! organisation) — those stay — or a natural person's. Vehicles are `vehicles.rs`'s.

use crate::patterns::{ascii_digit, han, signature_follows};

/// A public body or its office named in brackets right after a number (…转8（市城管局
/// 值班室）, （某某街道办事处）): the body's number.
pub(crate) fn body_named_after(after: &str) -> bool {
    crate::patterns::bracket_note(after, 20).is_some_and(|note| {
        !["住", "家", "个人", "本人", "手机", "宅"]
            .iter()
            .any(|w| note.contains(w))
            && [
                "局",
                "值班室",
                "办公室",
                "中队",
                "大队",
                "办事处",
                "政府",
                "委员会",
                "服务中心",
                "热线",
            ]
            .iter()
            .any(|w| note.contains(w))
    })
}

/// A number in a run of spaced digit groups (an account number 3201 0188 0000 5026).
pub(crate) fn spaced_digits_adjacent(text: &str, s: usize, e: usize) -> bool {
    let mut b = text[..s].chars().rev();
    let mut a = text[e..].chars();
    let sp = |c: Option<char>| c.is_some_and(|c| c == ' ');
    let dg = |c: Option<char>| c.is_some_and(|c| ascii_digit(c).is_some());
    (sp(b.next()) && dg(b.next())) || (sp(a.next()) && dg(a.next()))
}

/// Whether the account number at `s` is a public collection account: its clause names
/// the 财政局, the 国库, a 非税 account, the agency or an organisation as holder (and
/// is no refund to a person, names no person as holder).
pub(crate) fn public_account(text: &str, s: usize) -> bool {
    let clause = window_clause(text, s);
    if named_public(text, s) {
        return true;
    }
    ([
        "财政",
        "国库",
        "本局",
        "本机关",
        "指定账户",
        "非税",
        "代收",
        "缴款",
    ]
    .iter()
    .any(|w| clause.contains(w))
        || organisation_holder(clause))
        && !crate::numbers::refund(clause)
        && !person_holder(clause)
}

/// 收款人：…财政局非税收入汇缴结算户；账号：…: the treasury named as payee earlier on
/// the number's line, in a clause of its own.
fn treasury_payee(text: &str, s: usize) -> bool {
    let line = &text[text[..s].rfind('\n').map_or(0, |i| i + 1)..s];
    line.rfind("收款").is_some_and(|k| {
        ["财政", "国库", "非税"]
            .iter()
            .any(|w| line[k..].contains(w))
            && !person_holder(&line[k..])
    })
}

/// 户名：…镇人民政府　账号：…: the line names a public body or a company as the holder.
pub(crate) fn body_named_holder(text: &str, s: usize) -> bool {
    let line = &text[text[..s].rfind('\n').map_or(0, |i| i + 1)..s];
    line.rfind("户名").is_some_and(|k| {
        let value = line[k + "户名".len()..].trim_start_matches(['：', ':', ' ']);
        let holder: String = value
            .chars()
            .take_while(|c| crate::patterns::han(*c) || matches!(c, '（' | '）' | '(' | ')'))
            .collect();
        // Only the account label between the holder and the number.
        let gap = value[holder.len()..].trim_matches(|c: char| " 　，,；;：:".contains(c));
        let gap = ["账号", "帐号", "账户", "卡号"]
            .iter()
            .find_map(|w| gap.strip_prefix(w))
            .unwrap_or(gap)
            .trim_matches(|c: char| " 　：:".contains(c));
        gap.is_empty()
            && [
                "政府",
                "局",
                "委员会",
                "中心",
                "公司",
                "所",
                "院",
                "站",
                "办事处",
                "专户",
                "合作社",
                "大队",
                "支队",
                "学校",
            ]
            .iter()
            .any(|w| holder.ends_with(w))
    })
}

/// Whether the account at `s` is said to be a public one where it stands: a note after it
/// (（政府非税收入专户）), a treasury as payee on its line, or a body named as its holder.
fn named_public(text: &str, s: usize) -> bool {
    public_note_after(text, s) || treasury_payee(text, s) || body_named_holder(text, s)
}

/// A Luhn-valid number in a clause naming the 财政局, the 国库 or a 非税 account (and no
/// person as holder): the treasury's collection account, not a person's card.
pub(crate) fn treasury_account(text: &str, s: usize) -> bool {
    let clause = window_clause(text, s);
    if named_public(text, s) {
        return true;
    }
    ["财政", "国库", "非税"].iter().any(|w| clause.contains(w))
        && !person_holder(clause)
        // 区财政局发放至其惠农一卡通，卡号…: paid to a person's own card.
        && !["一卡通", "社保卡", "银行卡", "储蓄卡", "其", "本人", "个人"]
            .iter()
            .any(|w| clause.contains(w))
}

/// 6228…3647（政府非税收入专户）: a note right after the number says the account is
/// a public collection account.
fn public_note_after(text: &str, s: usize) -> bool {
    let rest = text[s..].trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ' || c == '-');
    let Some(note) = rest.strip_prefix(['（', '(']) else {
        return false;
    };
    let note: String = note
        .chars()
        .take_while(|c| !matches!(c, '）' | ')' | '\n'))
        .take(20)
        .collect();
    ["非税", "财政", "国库", "专户", "罚没"]
        .iter()
        .any(|w| note.contains(w))
        && !["个人", "本人", "其"].iter().any(|w| note.contains(w))
}

fn window_clause(text: &str, s: usize) -> &str {
    let start_of = |end: usize| {
        text[..end]
            .rfind(['。', '\n', '；'])
            .map(|i| i + text[i..].chars().next().map_or(1, char::len_utf8))
            .unwrap_or(0)
    };
    let clause_start = start_of(s);
    // A line that holds only a label (账号：…) or the number itself goes on the clause
    // that ends the line above (…非税收入汇缴结算户\n账号：…; 国库（账号\n6401…).
    let own = text[clause_start..s].trim();
    if own.chars().count() <= 6 && clause_start > 0 && text[..clause_start].ends_with('\n') {
        return &text[start_of(clause_start - 1)..s];
    }
    &text[clause_start..s]
}

/// 户名：上海市财政局… — the account holder named in the clause is an organisation; a
/// person's name after 户名 (户名马秀兰) makes the account a person's.
fn organisation_holder(clause: &str) -> bool {
    holder(clause).is_some_and(|h| !is_person(h))
}

/// The clause names a natural person as the account holder (户名梁秋菊): the account
/// is theirs even when it is the 指定账户 a payment goes to.
pub(crate) fn person_holder(clause: &str) -> bool {
    holder(clause).is_some_and(is_person)
}

fn holder(clause: &str) -> Option<&str> {
    let i = clause.rfind("户名")?;
    let holder = clause[i + "户名".len()..].trim_start_matches(['：', ':', ' ', '　', '为']);
    Some(holder.split(['，', ',', '；', '。']).next().unwrap_or(""))
}

fn is_person(holder: &str) -> bool {
    crate::names::person_name(holder).is_some_and(|n| n.len() == holder.len())
}

/// The line is the agency's own note: a bracket right under the date or the agency's
/// name at the end of a letter (（地址：…，联系电话…）), the agency's name with its
/// contact in brackets (…执法局（地址：…，联系电话：…）), or the imprint of an internal
/// document (抄送/印发/共印…).
fn agency_block(text: &str, line_start: usize) -> bool {
    const BODY_ENDS: &[&str] = &[
        "局",
        "委员会",
        "政府",
        "大队",
        "支队",
        "中心",
        "办公室",
        "街道办事处",
    ];
    let line = text[line_start..].split('\n').next().unwrap_or("");
    let trimmed = line.trim_start_matches([' ', '　']);
    if ["抄送", "印发", "共印"].iter().any(|w| line.contains(w)) {
        return true;
    }
    if let Some(i) = trimmed.find(['（', '('])
        && i > 0
        && BODY_ENDS.iter().any(|w| trimmed[..i].ends_with(w))
        && !trimmed[..i].contains(['，', '：', ':', '。'])
    {
        return true;
    }
    if !trimmed.starts_with(['（', '(']) {
        return false;
    }
    let prev = text[..line_start.saturating_sub(1)]
        .lines()
        .rev()
        .map(|l| l.trim_matches([' ', '　']))
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let date = prev.ends_with('日') && prev.contains('年') && prev.chars().count() <= 12;
    date || BODY_ENDS.iter().any(|w| prev.ends_with(w))
}

/// 由大连昆明街市场服务有限公司统一管理，联系电话…: a company's number, named by the
/// company just before it (no person in between).
fn managed_by_company(clause: &str) -> bool {
    let Some(i) = clause.rfind("公司") else {
        return false;
    };
    let between = &clause[i + "公司".len()..];
    between.chars().count() <= 12
        && ![
            "员工",
            "经理",
            "负责人",
            "联系人",
            "代表",
            "职工",
            "老板",
            "店长",
            "主管",
        ]
        .iter()
        .any(|w| between.contains(w))
}

/// The agency's own numbers (本机关, 本局联系人, 咨询电话, 监督电话, 热线): they stay.
/// A part of a clause that gives a person's home (住…, 住址：…, 家住…, 户籍地…).
fn home_segment(part: &str) -> bool {
    let p = part.trim_start_matches([' ', '　', '（', '(']);
    ["住", "家住", "户籍地", "居住地", "现住"]
        .iter()
        .any(|w| p.starts_with(w))
        && !p.starts_with("住所")
}

/// Words that make a phone line the agency's own: the agency speaking of itself, or a
/// line's label (举报电话, 热线, 值班电话 …).
const AGENCY_LINES: &[&str] = &[
    "本机关",
    "本局",
    "我局",
    "本委",
    "我委",
    "咨询电话",
    "监督电话",
    "举报电话",
    "投诉电话",
    "热线",
    "服务电话",
    "公示单位",
    "办公电话",
    "值班电话",
    "预约电话",
    "挂号电话",
    "社区电话",
];

/// An organisation's switchboard: the 中队, a 居委会, a law firm.
const SWITCHBOARDS: &[&str] = &["中队", "大队", "居委会", "村委会", "事务所"];

pub(crate) fn agency_phone(text: &str, s: usize) -> bool {
    // A bracket of the applicant's particulars (…申请（通讯地址：…；联系电话：…）): the
    // agency named before it sent nothing.
    if crate::closing::particulars_bracket(text, s) {
        return false;
    }
    // 处罚机关：都兰县自然资源局⏎联系电话：…: the line above names the agency.
    let line_start = crate::patterns::line_start(text, s);
    // 某县农牧局（印）⏎2026年4月7日⏎联系地址：…　电话：…: the agency's address line
    // under its signature or seal, or right above it.
    let label = text[line_start..s].trim_start_matches([' ', '　']);
    if label.starts_with("地址") || label.starts_with("联系地址") {
        use crate::agencycontact::{agency_signature, next_line};
        let above = text[..line_start]
            .lines()
            .rev()
            .filter(|l| !l.trim().is_empty())
            .take(3)
            .any(agency_signature);
        let below = next_line(text, s).is_some_and(agency_signature);
        if above || below {
            return true;
        }
    }
    if line_start > 0 {
        let above_start = crate::patterns::line_start(text, line_start - 1);
        let above = text[above_start..line_start - 1].trim_start_matches([' ', '　']);
        if [
            "处罚机关",
            "执法机关",
            "决定机关",
            "作出决定的机关",
            "公示机关",
            "实施机关",
        ]
        .iter()
        .any(|w| above.starts_with(w))
            && text[line_start..s]
                .trim_start_matches([' ', '　'])
                .starts_with("联系电话")
        {
            return true;
        }
    }
    // The words right before the number, back to the last mark, name a private person
    // and no line of the agency's (【举报电话记录】举报人座机…; not 举报人可拨打举报电话…).
    let near = text[..s]
        .rfind([
            '，', '。', '】', '\n', ',', '）', ')', '（', '(', ' ', '　', '；', '：', ':',
        ])
        .map_or(&text[..s], |i| &text[i..s]);
    if [
        "举报人",
        "投诉人",
        "来电人",
        "当事人",
        "本人",
        "家里",
        "家中",
        "家庭",
        "住宅",
    ]
    .iter()
    .any(|w| near.contains(w))
        && !AGENCY_LINES.iter().any(|w| near.contains(w))
    {
        return false;
    }
    let clause_start = text[..s]
        .rfind(['。', '\n'])
        .map(|i| i + text[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    let clause = text.get(clause_start..s).unwrap_or("");
    let line_start = crate::patterns::line_start(text, s);
    // A home address before the phone (住…村委会…组23号，电话：…) names no body
    // whose number it is.
    let unhomed: String = clause
        .split_inclusive(['，', '；', ','])
        .filter(|part| !home_segment(part))
        .collect();
    let clause = unhomed.as_str();
    // 本局…按你…留存的…备用电话（…）: the agency is the subject of the sentence, the
    // number the party's.
    let parties_after_agency = ["本机关", "本局", "我局"]
        .iter()
        .filter_map(|w| clause.rfind(w).map(|i| &clause[i..]))
        .any(|rest| {
            ["你", "您", "当事人", "留存", "本人"]
                .iter()
                .any(|p| rest.contains(p))
        });
    (!parties_after_agency
        && AGENCY_LINES
            .iter()
            .chain(SWITCHBOARDS)
            .any(|w| clause.contains(w)))
        || (clause
            .trim_start_matches([' ', '　', '（', '('])
            .starts_with("联系人")
            && !crate::agencycontact::party_relative(clause))
        // …｜联系人：何佳　0838-…: the number of the agency's contact on the same line.
        || clause.rfind("联系人").is_some_and(|k| {
            let at = clause_start + k;
            text[at..s].chars().count() <= 12 && crate::agencycontact::agency_contact(text, at)
        })
        || body_before(clause)
        || shop_line(clause)
        || organisation_note(clause)
        // A unit of an organisation right before it (法制科 021-…), or the agency
        // named in a note after it (021-…（本局法制科）).
        || ["科", "处", "股", "办公室", "办", "中心"]
            .iter()
            .any(|w| clause.trim_end_matches([' ', '　', '：', ':']).ends_with(w))
        || agency_note_after(text, s)
        || crate::staff::public_phone(text, s)
        || agency_block(text, line_start)
        || crate::parties::agency_party_line(text, line_start)
        || managed_by_company(clause)
        || officer_contact(clause)
        || crate::orgphones::organisation_phone(text, s)
        || crate::contacts::organisation_landline(text, s)
        || crate::closing::closing_landline(text, s)
        || (signature_follows(text, s)
            && !["当事人", "经营者", "你的", "您的", "本人", "住址", "手机"]
                .iter()
                .any(|w| text[line_start..s].contains(w)))
}

/// Words that name a private person or a home: a phone near them is not an office's.
pub(crate) const PRIVATE_PERSON: [&str; 10] = [
    "当事人",
    "本人",
    "手机",
    "住",
    "宅",
    "家",
    "申请人",
    "投诉人",
    "举报人",
    "户主",
];

/// 承办人：某某（执法证号…），电话…: the number given right after an officer's
/// 执法证号 is the office's, unless a private person is named in between.
fn officer_contact(clause: &str) -> bool {
    let Some(i) = clause.rfind("执法证") else {
        return false;
    };
    let between = &clause[i..];
    between.chars().count() <= 40 && !PRIVATE_PERSON.iter().any(|w| between.contains(w))
}

/// …人民调解委员会（地址：…，电话022-…）: the number in a note on an organisation's
/// address and phone, right after its name, that names no person.
fn organisation_note(clause: &str) -> bool {
    let Some(open) = clause.rfind(['（', '(']) else {
        return false;
    };
    let note = &clause[open..];
    let org = clause[..open].trim_end();
    [
        "局",
        "委员会",
        "政府",
        "公司",
        "中心",
        "站",
        "所",
        "院",
        "处",
        "街道",
        "社区",
        "办事处",
        "大队",
        "中队",
        "支队",
        "协会",
    ]
    .iter()
    .any(|w| org.ends_with(w))
        && !note.contains(['）', ')'])
        && (note.contains("地址") || note.contains("电话"))
        && !["联系人", "经营者", "负责人", "代表人", "手机", "本人", "住"]
            .iter()
            .any(|w| note.contains(w))
}

/// 店内电话0532-…, 其经营的…五金店电话0597-…: a shop's own landline, named by the shop
/// right before the word for the phone.
fn shop_line(clause: &str) -> bool {
    let c = clause.trim_end_matches([' ', '　', '：', ':']);
    // 订餐电话为（店内）0755-…: the note before the number.
    if ["（店内）", "(店内)", "（门店）", "（店）"]
        .iter()
        .any(|w| c.ends_with(w))
    {
        return true;
    }
    ["电话", "座机", "固话"].iter().any(|w| {
        c.strip_suffix(w).is_some_and(|shop| {
            ["店内", "店里", "店面", "门店", "店铺", "铺面"]
                .iter()
                .any(|s| shop.ends_with(s))
                || ["店", "部", "铺", "馆", "厂", "商行"]
                    .iter()
                    .any(|s| shop.ends_with(s))
                    && shop.chars().rev().take(6).filter(|c| han(*c)).count() >= 3
        })
    })
}

/// 社区电话010-…, …新时代文明实践站，电话0532-…: a body named right before the
/// number (its 电话), in a clause that speaks of no one's home.
fn body_before(clause: &str) -> bool {
    let mut c = clause.trim_end_matches([' ', '　', '：', ':']);
    for w in ["联系电话", "咨询电话", "电话"] {
        if let Some(r) = c.strip_suffix(w) {
            c = r;
            break;
        }
    }
    if c.len() == clause.trim_end_matches([' ', '　', '：', ':']).len() {
        return false; // no 电话 right before the number
    }
    let c = c.trim_end_matches(['，', ',', ' ', '　']);
    [
        "社区",
        "街道",
        "站",
        // A place the agency runs (疏导点联系电话, 便民服务点电话).
        "点",
        "办事处",
        "服务中心",
        "委员会",
        "居委会",
        "村委会",
    ]
    .iter()
    .any(|w| c.ends_with(w))
        && !["住", "家", "本人", "其"]
            .iter()
            .any(|w| clause.contains(w))
}

/// Whether a note in brackets right after the number at `s` names the agency
/// (021-52562340（本局法制科）).
fn agency_note_after(text: &str, s: usize) -> bool {
    let note: String = text[s..]
        .chars()
        .skip_while(|c| !matches!(c, '（' | '(' | '，' | '。' | '\n'))
        .take(8)
        .collect();
    if !note.starts_with(['（', '(']) {
        return false;
    }
    // (区城管局法制科), (街道城管中队): a body's unit names the number as its own.
    let inner: String = text[s..]
        .chars()
        .skip_while(|c| !matches!(c, '（' | '('))
        .skip(1)
        .take_while(|c| !matches!(c, '）' | ')'))
        .take(20)
        .collect();
    ["本局", "我局", "本机关"].iter().any(|w| note.contains(w))
        // (店内座机), (门店电话), (店内): the shop's own line, not the person's.
        || (["店内", "店里", "店铺", "门店", "铺面"].iter().any(|w| inner.starts_with(w))
            && ["座机", "电话", "固话"].iter().any(|w| inner.ends_with(w)))
        // (店内) alone after a landline: the shop's line as well.
        || ["店内", "店里", "店铺", "门店"].contains(&inner.as_str())
        || (["局", "科", "中队", "大队", "委员会", "办事处", "中心", "站"]
            .iter()
            .any(|w| inner.ends_with(w))
            && !["先生", "女士", "本人", "手机", "家", "住"]
                .iter()
                .any(|w| inner.contains(w)))
}
