//! Officers in the agency's internal records: those present at a case's collective
//! discussion (集体讨论记录: 参加人员、列席人员、参会人员签名), the officers who sign the
//! approval lines of a 立案审批表 or a 结案报告 (中队意见：同意。　　湖塘中队　吴海峰
//! 2026年5月19日), and the head of one of its sections (政策法规科负责人：汤海涛).

use std::sync::OnceLock;

use regex::Regex;

use crate::names::person_name;

/// Words a document of the agency's collective discussion is known by.
const DISCUSSION: &[&str] = &[
    "集体讨论",
    "案审会",
    "案件审理委员会",
    "审理委员会",
    "讨论记录",
    "会审记录",
];

/// Fields of such a record that list those present.
const PRESENT: &[&str] = &[
    "参加人员",
    "列席人员",
    "出席人员",
    "参会人员",
    "与会人员",
    "参加人",
    "列席人",
];

/// The name that ends `part` (法制审核员潘晓雯 → 潘晓雯, 白茆镇自然资源所所长汪国平 →
/// 汪国平), or `part` itself when it is a name.
fn name_at_end(part: &str) -> Option<String> {
    if let Some(n) = person_name(part).filter(|n| n == part) {
        return Some(n);
    }
    let cs: Vec<usize> = part.char_indices().map(|(i, _)| i).collect();
    for k in [3usize, 2, 4] {
        if cs.len() <= k {
            continue;
        }
        let tail = &part[cs[cs.len() - k]..];
        let before = part[..cs[cs.len() - k]].chars().next_back();
        // The word before the name is an office or a unit (所长, 审核员, 中队), not a
        // longer phrase the tail merely ends.
        if let Some(n) = person_name(tail).filter(|n| n == tail)
            && before.is_some_and(|c| "长员人任记官事所队科股室局处办站组委".contains(c))
        {
            return Some(n);
        }
    }
    None
}

/// Those present at a collective discussion of a case, in a document that is one: every
/// name of the fields that list them (brackets with their offices left out).
pub(crate) fn discussion_attendees(text: &str) -> Vec<String> {
    if !DISCUSSION.iter().any(|w| text.contains(w)) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim_start_matches([' ', '　']);
        let Some(rest) = PRESENT.iter().find_map(|w| line.strip_prefix(w)) else {
            continue;
        };
        let rest = rest.strip_prefix("签名").unwrap_or(rest);
        let Some(rest) = rest.strip_prefix(['：', ':']) else {
            continue;
        };
        // Offices and badges in brackets are no names: drop them.
        let mut plain = String::new();
        let mut depth = 0usize;
        for c in rest.chars() {
            match c {
                '（' | '(' => depth += 1,
                '）' | ')' => depth = depth.saturating_sub(1),
                _ if depth == 0 => plain.push(c),
                _ => {}
            }
        }
        for part in plain.split(['、', '，', ',', ' ', '　', '；', ';', '及', '和']) {
            let part = part.trim();
            if let Some(n) = name_at_end(part) {
                out.push(n);
            }
        }
    }
    out
}

/// An approval line: the unit's opinion, a wide gap, perhaps the unit or 签批人, the
/// officer's name, the date (法制审核意见：同意。　　法制科　潘文杰　2026年5月20日).
fn approval_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    // The titles a signer may be named after, with a colon.
    // A name masked in part at the source may stand there (法制审核员：谭*仪).
    const TITLE: &str = "[\\p{Han}]{0,4}?(?:签批人|签字|签名|负责人|科长|队长|局长|审核人|审批人|审核员)[：:][ 　]*";
    R.get_or_init(|| {
        Regex::new(&format!(
            r"(?m)^[ 　]*([\p{{Han}}]{{0,12}}?)(?:意见|审批|审核|批示)[：:][^\n]*?(?:(?:　|[ ]{{2,}}|\t)[ 　\t]*(?:[\p{{Han}}]{{2,14}}?(?:中队|大队|支队|科|股|室|局|处|所|办|站|组)[ 　]+|{TITLE})?|[。；;，,]{TITLE})([\p{{Han}}][\p{{Han}}*＊]{{1,3}})[ 　]+[0-9０-９]{{4}}年[0-9０-９]{{1,2}}月[0-9０-９]{{1,2}}日[ 　]*$"
        ))
        .expect("constant pattern")
    })
}

/// Whether `s..e` is the name that signs an approval line of the agency's side, masked in
/// part at the source or not (审核意见：同意结案。  法制审核员：谭*仪  2026年8月17日).
pub(crate) fn signs_approval_line(text: &str, s: usize, e: usize) -> bool {
    let start = crate::patterns::line_start(text, s);
    let end = text[e..].find('\n').map_or(text.len(), |i| e + i);
    approval_re().captures(&text[start..end]).is_some_and(|c| {
        agency_side(c.get(1).map_or("", |m| m.as_str()))
            && c.get(2)
                .is_some_and(|m| start + m.start() == s && start + m.end() == e)
    })
}

/// Who opines on the agency's side: a unit, a head, the legal review, the officer in
/// charge; not the party, a witness or a relative asked for their view.
const OPINING: &[&str] = &[
    "中队",
    "大队",
    "支队",
    "科",
    "股",
    "室",
    "局",
    "处",
    "所",
    "负责人",
    "审核",
    "审批",
    "机构",
    "领导",
    "分管",
    "主管",
    "承办",
    "法制",
    "部门",
    "办公",
];

/// Whether `who` (the words before 意见) is the agency's side.
fn agency_side(who: &str) -> bool {
    let private = [
        "当事人",
        "被",
        "申请人",
        "证人",
        "见证",
        "家属",
        "户主",
        "陈述",
        "申辩",
    ]
    .iter()
    .any(|w| who.contains(w));
    !private && (who.is_empty() || OPINING.iter().any(|w| who.contains(w)))
}

/// A signature line of its own under an opinion (签名：谭国栋　　2026年4月4日).
fn signature_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    crate::patterns::re(
        &R,
        r"^[ 　]*(?:签名|签字|签批人|签发人)[：:][ 　]*([\p{Han}]{2,4})(?:[ 　]+[0-9０-９]{4}年[0-9０-９]{1,2}月[0-9０-９]{1,2}日)?[ 　]*$",
    )
}

/// Whether byte `at` lies on a signature line (签字：…) right under an opinion of the
/// agency's side (分管领导意见：同意立案。).
pub(crate) fn signs_for_agency(text: &str, at: usize) -> bool {
    let start = crate::patterns::line_start(text, at);
    let line = text[start..].split('\n').next().unwrap_or("");
    let head = line.trim_start_matches([' ', '　']);
    if !["签名", "签字", "签批人", "签发人"]
        .iter()
        .any(|w| head.starts_with(w) && head[w.len()..].starts_with(['：', ':']))
    {
        return false;
    }
    text[..start]
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .and_then(opinion_of)
        .is_some_and(agency_side)
}

/// The words before 意见： that open a line of opinion (分管领导意见：… → 分管领导).
fn opinion_of(line: &str) -> Option<&str> {
    line.trim_start_matches([' ', '　'])
        .split_once("意见")
        .filter(|(who, rest)| rest.starts_with(['：', ':']) && who.chars().count() <= 12)
        .map(|(who, _)| who)
}

/// Officers who sign the approval lines of the agency's internal forms.
pub(crate) fn approval_signers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    // 分管领导审批意见：同意立案。 and on the next line 签名：曾凡军　　2026年4月4日: the
    // name on the line under an opinion of the agency's side.
    let mut opinion = None;
    for line in text.lines() {
        if line.trim().is_empty() {
            continue;
        }
        if let Some(c) = signature_re().captures(line)
            && opinion.is_some_and(agency_side)
            && let Some(m) = c.get(1)
            && let Some(n) = person_name(m.as_str()).filter(|n| n == m.as_str())
        {
            out.push(n);
        }
        opinion = opinion_of(line);
    }
    for c in approval_re().captures_iter(text) {
        let who = c.get(1).map_or("", |m| m.as_str());
        if !agency_side(who) {
            continue;
        }
        if let Some(m) = c.get(2)
            && let Some(n) = person_name(m.as_str()).filter(|n| n == m.as_str())
        {
            out.push(n);
        }
    }
    out
}

/// The head of one of the agency's sections signing its form (政策法规科负责人：汤海涛).
fn section_head_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    crate::patterns::re(
        &R,
        r"(?:科|股|室|中队|大队|支队)负责人[：:][ 　]*([\p{Han}]{2,4})",
    )
}

/// Heads of the agency's sections named after their office.
pub(crate) fn section_heads(text: &str) -> Vec<String> {
    section_head_re()
        .captures_iter(text)
        .filter_map(|c| c.get(1).and_then(|m| person_name(m.as_str())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attendees_of_a_collective_discussion() {
        let t = "案件集体讨论记录\n主 持 人：唐正国（分局局长）\n参加人员：许文斌、邢丽、葛长春、法制审核员潘晓雯\n列席人员：白茆镇自然资源所所长汪国平\n参加人员签名：宋建伟　周德胜　韩晓东\n当事人：吴某某";
        let got = discussion_attendees(t);
        for n in [
            "许文斌",
            "邢丽",
            "葛长春",
            "潘晓雯",
            "汪国平",
            "宋建伟",
            "周德胜",
            "韩晓东",
        ] {
            assert!(got.contains(&n.to_string()), "{n} in {got:?}");
        }
        // Offices in brackets read no names.
        let t = "集体讨论\n参加人员：周德胜（法制股股长）、程志刚（承办人，执法证号17071102019）";
        assert_eq!(discussion_attendees(t), vec!["周德胜", "程志刚"]);
    }

    #[test]
    fn attendees_only_in_a_discussion() {
        // A hearing's or a meeting's list outside a collective discussion is no officer list.
        assert!(discussion_attendees("听证笔录\n参加人员：李大海、王小红").is_empty());
    }

    #[test]
    fn approval_lines() {
        assert_eq!(
            approval_signers("执法监察大队意见：同意结案。  负责人：鲁文涛        2026年7月20日"),
            vec!["鲁文涛"]
        );
        assert_eq!(
            approval_signers("中队意见：同意。负责人：柏文涛  2026年7月24日"),
            vec!["柏文涛"]
        );
        let t = "中队意见：同意立案，由邹建平承办。　　湖塘中队　吴海峰　2026年5月19日\n法制审核意见：案件来源清楚，同意。　　法制科　潘文杰　2026年5月20日\n执法监察大队意见：同意结案。　　卢光华　2026年2月21日\n负责人审批意见：同意，按程序告知。  签批人：陈建明  2026年4月15日";
        assert_eq!(
            approval_signers(t),
            vec!["吴海峰", "潘文杰", "卢光华", "陈建明"]
        );
        // The party's own opinion on a notice is theirs, not the agency's.
        let t = "当事人意见：无异议。　　张大伟　2026年5月19日";
        assert!(approval_signers(t).is_empty());
        // A signature line under an opinion of the agency, not under the party's.
        let t = "分管领导审批意见：同意立案。\n签名：鲍志远　　2026年4月4日\n当事人意见：无异议。\n签名：龚海生　　2026年4月5日";
        assert_eq!(approval_signers(t), vec!["鲍志远"]);
        // No wide gap: running text, no signature.
        assert!(approval_signers("中队意见：同意 王小明 2026年5月19日").is_empty());
    }

    #[test]
    fn heads_of_sections() {
        assert_eq!(
            section_heads("政策法规科负责人：汤海涛　　2026年5月15日\n公司负责人：王大海"),
            vec!["汤海涛"]
        );
    }
}
