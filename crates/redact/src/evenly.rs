//! Names padded evenly with spaces (韦  春  梅, 格  桑  拉  姆): where such a name ends.
//! Helpers of `layout`'s reading of padding: the second and third characters of a
//! padded name.

use crate::names::surname_of;
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

/// Whether the spaces `ws` follow the second character of a padded name (閤  立|  新,
/// 贺  平|  执法证号, and unevenly 霍  建| 新): two or more spaces stood between it and
/// a first character that starts a field or is a surname (之子鲍  文| 杰联系), and
/// `ws` is no wider than they.
pub(crate) fn second_of_padded(before: &str, ws: &str) -> bool {
    let n = ws.chars().count();
    if n == 0 || !ws.chars().all(|c| c == ' ') {
        return false;
    }
    let Some(rest) = before.strip_suffix(|c: char| han(c)) else {
        return false;
    };
    let first = rest.trim_end_matches(' ');
    let gap = rest.len() - first.len();
    if gap < 2 || n > gap {
        return false;
    }
    let Some(lead) = first.strip_suffix(|c: char| han(c)) else {
        return false;
    };
    let surname = surname_of(&first[lead.len()..]).is_some();
    if fourth_narrower(lead, n, gap) {
        return false;
    }
    lead.chars()
        .next_back()
        .is_none_or(|c| "：:（(、，, \n\u{3000}".contains(c))
        || surname
}

/// 閤  立  新, 刘  占  奎, 霍  建 新: the third character of a padded name, whatever
/// the second one is, where it ends the name (贺  平  执法证号: 执 opens a word; 鲍
/// 文 杰联系: 联系 follows a name).
pub(crate) fn third_padded(before: &str, ws: &str, after: &str) -> bool {
    let Some(third) = after.chars().next() else {
        return false;
    };
    let next = &after[third.len_utf8()..];
    // A character that ends names in running text (和, 与, 在) is still the third of
    // one where the field ends right after it (符  永  和      性别).
    let field_end = next.is_empty()
        || next.starts_with("  ")
        || next.starts_with(|c: char| "\n\r\t\u{3000}，,、（(：:；;".contains(c));
    let stop = crate::names::NAME_STOP.contains(third)
        && ("男女性身住某等的".contains(third) || !field_end);
    second_of_padded(before, ws)
        && han(third)
        && !stop
        && (next
            .chars()
            .next()
            .is_none_or(|c| !han(c) || crate::names::NAME_STOP.contains(c))
            || crate::names::stop_word_at(next)
            || evenly_third(ws, before, third, next))
}
