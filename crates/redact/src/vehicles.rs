//! Whose vehicle a plate is, read off the bracket it stands in: 出租车司机（新Q·T1188，
//! …出租汽车公司） names the company that keeps the car, as a note after the plate does.

/// The plate at `s..e` opens a bracket (…（plate，…）) whose words, to its close (a
/// bracket inside it passed over, a line break allowed where a table's cell wraps), name
/// a company and no private owner.
pub(crate) fn company_in_bracket(text: &str, s: usize, e: usize) -> bool {
    if !text[..s].ends_with(['（', '(']) || !text[e..].starts_with(['，', ',', '、', ' ']) {
        return false;
    }
    let mut depth = 0;
    let mut inner = String::new();
    for c in text[e..].chars().take(120) {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' if depth == 0 => break,
            '）' | ')' => depth -= 1,
            _ if depth == 0 => inner.push(c),
            _ => {}
        }
    }
    ["公司", "集团"].iter().any(|w| inner.contains(w))
        && !["个人", "私家", "自有", "本人"]
            .iter()
            .any(|w| inner.contains(w))
}
