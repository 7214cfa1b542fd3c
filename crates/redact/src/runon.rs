//! A name masked one character short (梁某某和 for 梁志和, 许某某华 for 许锦华): a
//! finder took a surname and one character, and the name's last character was left
//! after the mask. The masking is carried on over that character where the name
//! plainly goes on: every occurrence of the short name in the document is followed by
//! the same character (which is then part of it, even 和 or 平), or the character is
//! no word that follows names and the name's context ends right after it (崔成浩）,
//! 江子墨今年, 许锦华本人).

use crate::names::{NAME_STOP, stop_at, surname_of};
use crate::patterns::han;
use crate::{Kind, Masking};

/// Characters that follow a name rather than end it: particles, verbs of a
/// statement, pronouns, forms of address, kin and place words (王芳说, 都叫他, 阿水伯,
/// 李明家, 刘强处, 张伟们).
const FOLLOWS_NAMES: &str = "他她它我你伯叔姨婶哥姐嫂爷奶公婆总的了着过们也还都就又才将被把从向对给让跟同刚患因已正曾一现身于在称说是常今去前家户处方面队组院室店厂号路街巷村镇区县市省局所站楼栋幢单元门岁年月日时分名位个等之某";

/// What may come right after a name's last character: punctuation or a space, the end,
/// or a word that follows names (与, 等, 称, 本人 …).
fn ends_after(rest: &str) -> bool {
    rest.chars()
        .next()
        .is_none_or(|c| !han(c) || "与和及等之称说今才本刚已也都均在于是系".contains(c))
        || stop_at(rest)
}

/// The end of a name masked as `text[start..end]` once it is carried on over the
/// character after it, if the name goes on there (see the module's note).
pub(crate) fn runs_on(text: &str, start: usize, end: usize) -> Option<usize> {
    let name: String = text[start..end]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let surname = surname_of(&name)?;
    if name[surname.len()..].chars().count() != 1 || name.contains('某') {
        return None;
    }
    let c = text[end..].chars().next().filter(|c| han(*c))?;
    let after = end + c.len_utf8();
    // A word that follows names starts there (童  磊联系…, 朱梅负责…).
    if c == '某' || FOLLOWS_NAMES.contains(c) || crate::names::stop_word_at(&text[end..]) {
        return None;
    }
    let long = format!("{name}{c}");
    let short_n = text.matches(name.as_str()).count();
    let consistent = short_n >= 2 && text.matches(long.as_str()).count() == short_n;
    let stop = NAME_STOP.contains(c);
    let ends = ends_after(&text[after..]);
    // Consistent: a character that ends names in running text (和) must itself be
    // followed by a name's end (梁志和与…); any other goes on (俞长根遮风…, twice).
    ((consistent && (ends || !stop)) || (!stop && ends)).then_some(after)
}

/// Carry every name masked one character short (`kept`: resolved, in text order) on
/// over the character after it, where [`runs_on`] says the name goes on and no other
/// masking starts before that character's end.
pub(crate) fn carry_on(text: &str, kept: &mut [Masking]) {
    for i in 0..kept.len() {
        if kept[i].kind != Kind::Name || !kept[i].replacement.ends_with("某某") {
            continue;
        }
        let next_start = kept.get(i + 1).map_or(text.len(), |n| n.start);
        if let Some(e) = runs_on(text, kept[i].start, kept[i].end)
            && e <= next_start
        {
            let m = &mut kept[i];
            m.end = e;
            m.original = text[m.start..e].to_string();
        }
    }
}
