//! A school acting as a body: the school or one of its offices opening a clause and
//! reporting (…第二中学保卫科来电，称…, …小学德育处反映…, …中学来电). The school is then the caller, not a
//! child's detail, even where the sentence goes on to speak of a pupil; the pupil's
//! grade and age stay masked. A school named after a child's word in the same clause
//! (其子就读的…中学保卫科来电) stays the child's.

/// Offices of a school that speak for it.
const OFFICES: &[&str] = &[
    "保卫科",
    "保卫处",
    "政教处",
    "德育处",
    "教务处",
    "总务处",
    "后勤处",
    "校长室",
    "校办",
    "办公室",
    "安全办",
    "团委",
];

/// What an office does when it reports to the agency.
const REPORTS: &[&str] = &[
    "来电", "致电", "打来", "反映", "报告", "报称", "通报", "来函", "函告", "称",
];

/// Whether the school at `s..e` of `sentence` opens its clause and reports through one
/// of its offices.
pub(crate) fn school_reports(sentence: &str, s: usize, e: usize) -> bool {
    let mut after = &sentence[e..];
    // The school's pattern may stop at …二中 before 学.
    if sentence[..e].ends_with('中') {
        after = after.strip_prefix('学').unwrap_or(after);
    }
    // The office may be left out (…中学来电，称…), but not for a bare 称: …中学称 may
    // open a pupil's statement.
    let rest = OFFICES
        .iter()
        .find_map(|o| after.strip_prefix(o))
        .unwrap_or(after);
    let office = rest.len() < after.len();
    if !REPORTS
        .iter()
        .any(|r| rest.starts_with(r) && (office || *r != "称"))
    {
        return false;
    }
    // Nothing but a time, spaces or punctuation before it in the clause.
    let clause_start = sentence[..s]
        .rfind(['，', ',', '。', '；', '：', '\n'])
        .map_or(0, |i| {
            i + sentence[i..].chars().next().map_or(1, char::len_utf8)
        });
    sentence[clause_start..s]
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_whitespace() || ":：.、时分".contains(c))
}
