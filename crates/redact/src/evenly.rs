//! Names padded evenly with spaces (韦  春  梅, 格  桑  拉  姆): where such a name ends.
//! Helpers of `layout`'s reading of padding.

use crate::patterns::han;

/// The last character of `before` follows two or more spaces after another character
/// (韦  春  梅): it ends a padded name.
pub(crate) fn closes_padded(before: &str) -> bool {
    let Some(head) = before.strip_suffix(han) else {
        return false;
    };
    let t = head.trim_end_matches(' ');
    head.len() - t.len() >= 2 && t.ends_with(han)
}

/// 王  文  忠 户: the "first" character is itself the second of a padded name (spaces and
/// a character before it), so this would be a fourth, and it stands closer than the
/// others do: a word after the name, not a fourth character of it (格  桑  拉  姆 is
/// spaced evenly).
pub(crate) fn fourth_narrower(lead: &str, n: usize, gap: usize) -> bool {
    let trimmed = lead.trim_end_matches(' ');
    lead.len() - trimmed.len() >= 2 && trimmed.ends_with(han) && n < gap
}

/// 李  秀  香擅长…: a third character spaced as evenly as the second runs straight into
/// the sentence; it ends the name unless it opens a word with what follows (王  平  安排).
pub(crate) fn evenly_third(ws: &str, before: &str, third: char, next: &str) -> bool {
    let rest = before.trim_end_matches(han);
    let gap = rest.len() - rest.trim_end_matches(' ').len();
    let word = |k: usize| {
        let w: String = std::iter::once(third).chain(next.chars().take(k)).collect();
        crate::persons::known_word(&w)
    };
    ws.len() >= 2
        && ws.len() == gap
        && next.chars().next().is_some_and(han)
        && !crate::names::NAME_STOP.contains(third)
        && !word(1)
        && !word(2)
}
