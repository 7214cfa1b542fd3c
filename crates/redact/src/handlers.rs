//! A 经办人 or 承办人 who handles a matter for a company or an applicant, not for the
//! agency: 委托 before the role word (委托经办人：…), an identity number given with the
//! name, the company addressed in the same sentence (贵公司…经办人…), or a company
//! title after the name (经办人：…（行政主管））. Such a person is masked like any other.

use std::collections::BTreeSet;

/// Role words an officer and a company's or an applicant's clerk share.
const SHARED_ROLES: &[&str] = &["经办人", "承办人", "经办"];

/// Words of a sentence that addresses or speaks for a company or an applicant.
const SIDE_WORDS: &[&str] = &[
    "贵公司",
    "贵单位",
    "你公司",
    "你单位",
    "我公司",
    "本公司",
    "我单位",
    "本单位",
    "你司",
    "我司",
    "贵司",
];

/// Titles inside a company, in brackets after a name.
const COMPANY_TITLES: &[&str] = &[
    "主管", "经理", "职员", "员工", "会计", "出纳", "文员", "助理", "专员", "行政",
];

/// Whether the role word ending at byte `at` (starting at `start`) introduces a
/// company's or an applicant's clerk: see the module's note. `name_end` is where the
/// name after it ends.
pub(crate) fn private_clerk(text: &str, start: usize, at: usize, name_end: usize) -> bool {
    if text[..start].ends_with("委托") {
        return true;
    }
    let sentence_start = text[..start].rfind(['。', '\n']).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    let sentence_end = text[at..].find(['。', '\n']).map_or(text.len(), |i| at + i);
    let sentence = &text[sentence_start..sentence_end];
    if sentence.contains("执法证") {
        return false;
    }
    let after: String = text[name_end..].chars().take(12).collect();
    let id = ["身份证", "公民身份", "证件号"]
        .iter()
        .any(|w| after.contains(w));
    let side = SIDE_WORDS.iter().any(|w| sentence.contains(w));
    let titled = after.starts_with(['（', '('])
        && COMPANY_TITLES.iter().any(|w| {
            after
                .split([')', '）'])
                .next()
                .is_some_and(|n| n.contains(w))
        });
    id || side || titled
}

/// Names after a shared role word that introduce a company's or an applicant's clerk.
pub(crate) fn private_clerks(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for role in SHARED_ROLES {
        for (start, _) in text.match_indices(role) {
            let at = start + role.len();
            let rest = text[at..].trim_start_matches(['：', ':', ' ', '　']);
            let Some(name) = crate::names::person_name(rest) else {
                continue;
            };
            let name_start = text.len() - rest.len();
            if private_clerk(text, start, at, name_start + name.len()) {
                out.insert(name);
            }
        }
    }
    out
}

/// Job titles outside any agency that a form puts before a person's name, a space
/// between (见证人：物业经理 刘 建 军, 见证人：小区保安 王某). Ends of a title, so 物业经理
/// and 小区保安 are both found.
const TITLE_ENDS: &[&str] = &[
    "经理",
    "主管",
    "店长",
    "厂长",
    "会计",
    "出纳",
    "保安",
    "网格员",
    "网格长",
    "志愿者",
    "楼栋长",
    "单元长",
    "信息员",
    "管理员",
    "职员",
    "员工",
    "司机",
    "老板",
];

/// The byte length of a job title and the spaces after it at the start of `rest`, when a
/// name follows: two to eight Chinese characters ending in a title word, then a space.
pub(crate) fn title_ahead(rest: &str) -> Option<usize> {
    let run_len: usize = rest
        .chars()
        .take_while(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .map(char::len_utf8)
        .sum();
    let run = &rest[..run_len];
    let n = run.chars().count();
    if !(2..=8).contains(&n) || !TITLE_ENDS.iter().any(|w| run.ends_with(w)) {
        return None;
    }
    let after = &rest[run_len..];
    let name = after.trim_start_matches([' ', '　']);
    (name.len() < after.len()
        && name
            .chars()
            .next()
            .is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
    .then(|| rest.len() - name.len())
}
