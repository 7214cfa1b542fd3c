//! Who speaks in a chat written out line by line (【微信聊天】国庆：下午三点集合…;
//! 【业主群】丽萍：明早八点拆棚子): the label before the colon is a person's name or
//! nickname as the chat shows it, whatever word it is, unless it names a role or a body
//! (物业：, 城管队员：, 群主：). A label counts when its letters after any surname are
//! each likelier in a given name than in prose or among the commonest in names, one at least
//! likelier.

use std::collections::BTreeSet;

use crate::likely::given_likelihood;
use crate::patterns::han;

/// Words in a line's heading that say the line is a chat.
const CHATS: &[&str] = &[
    "微信",
    "聊天",
    "群聊",
    "业主群",
    "住户群",
    "工作群",
    "钉钉",
    "QQ",
    "群消息",
];

/// Last letters of a label that name a role or a body, not a person (队员, 网格员,
/// 群主, 物业, 社区, 城管局).
const ROLE_ENDS: &str = "员长人主业区局队委司处科所站会组部办师管方户家者工友";

/// How likely a letter must be in a given name (a log-ratio; see `likely`).
const LIKELY: f32 = 0.5;

/// Names and nicknames that label lines of a chat.
pub(crate) fn chat_speakers(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in text.lines() {
        bracketed_turns(line, &mut out);
        let Some(close) = line.find('】') else {
            continue;
        };
        let heading = &line[..close];
        if !heading.starts_with('【') || !CHATS.iter().any(|w| heading.contains(w)) {
            continue;
        }
        let rest = &line[close + '】'.len_utf8()..];
        mentioned(rest, &mut out);
        // 建国：东门那堆砖谁家的？　春燕：应该是…: more turns on one line, after wide spaces.
        let turns = std::iter::once(rest).chain(
            rest.match_indices('　')
                .map(|(k, w)| &rest[k + w.len()..])
                .filter(|t| t.find(['：', ':']).is_some_and(|c| c <= 12)),
        );
        out.extend(turns.filter_map(speaker));
    }
    out
}

/// Whether `w` may name a person in a chat: two to four letters, not a role's or a
/// body's, no form of address or noun for a person.
fn chat_person(w: &str) -> bool {
    (2..=4).contains(&w.chars().count())
        && w.chars().all(han)
        && w.chars()
            .next_back()
            .is_some_and(|c| !ROLE_ENDS.contains(c))
        && !crate::informal::ADDRESS_FORMS.contains(&w)
        && !crate::nouned::person_noun(w)
}

/// Turns of a chat copied with the speaker in brackets after the line's label
/// (微信群聊记录：【周一鸣】明天谁去？【春燕】我去吧): each bracketed speaker.
fn bracketed_turns(line: &str, out: &mut BTreeSet<String>) {
    let Some(colon) = line.find(['：', ':']) else {
        return;
    };
    let label = &line[..colon];
    if label.chars().count() > 12 || !CHATS.iter().any(|w| label.contains(w)) {
        return;
    }
    let rest = &line[colon..];
    for (i, _) in rest.match_indices('【') {
        let inner = &rest[i + '【'.len_utf8()..];
        let Some(end) = inner.find('】') else {
            continue;
        };
        let w = &inner[..end];
        if chat_person(w) && !crate::cues::KIN.contains(&w) {
            out.insert(w.to_string());
        }
    }
}

/// The name or nickname before the colon of a chat's turn, if the label is one.
fn speaker(rest: &str) -> Option<String> {
    let colon = rest.find(['：', ':'])?;
    let label = rest[..colon].trim();
    let n = label.chars().count();
    // 老K：, 小Y：, 老鬼：: 老/小 and a Latin letter or a letter, as a chat shows a
    // nickname.
    let mut cs = label.chars();
    if n == 2
        && cs.next().is_some_and(|c| "老小阿".contains(c))
        && cs
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || han(c) && !ROLE_ENDS.contains(c))
        && !crate::informal::ADDRESS_FORMS.contains(&label)
        && !crate::nouned::person_noun(label)
    {
        return Some(label.to_string());
    }
    if !(2..=3).contains(&n) || !label.chars().all(han) {
        return None;
    }
    let last = label.chars().next_back()?;
    if ROLE_ENDS.contains(last) || crate::informal::ADDRESS_FORMS.contains(&label) {
        return None;
    }
    // 胖哥：, 黑姐：: a look and a kin title, as neighbours call one another.
    let mut cs = label.chars();
    if n == 2
        && cs.next().is_some_and(|c| "胖瘦黑矮高".contains(c))
        && cs.next().is_some_and(|c| "哥姐叔嫂姨婶".contains(c))
    {
        return Some(label.to_string());
    }
    let given: String = match crate::names::surname_of(label) {
        Some(s) if n == 3 || s.len() < label.len() => label[s.len()..].to_string(),
        _ => label.to_string(),
    };
    // 春生: 生 is no likelier in names than in prose, but among the commonest in names.
    (given.chars().any(|c| given_likelihood(c) >= LIKELY)
        && given
            .chars()
            .all(|c| given_likelihood(c) >= LIKELY || crate::likely::common_given(c)))
    .then(|| label.to_string())
}

/// Who a chat's line calls with @ (@老疙瘩 你家的牛…) and who signs it at its end
/// (…记得提前接水。——秦岭): two to four letters, not a role's or a body's.
fn mentioned(line: &str, out: &mut BTreeSet<String>) {
    let person = chat_person;
    for (i, at) in line.match_indices(['@', '＠']) {
        let rest = &line[i + at.len()..];
        let w: String = rest.chars().take_while(|c| han(*c)).take(5).collect();
        if rest[w.len()..].starts_with([' ', '　']) && person(&w) {
            out.insert(w);
        }
    }
    if let Some(k) = line.rfind("——") {
        let w = line[k + "——".len()..].trim_end();
        if person(w) {
            out.insert(w.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chat_labels_are_names_and_roles_are_not() {
        let t = "【微信聊天】国庆：下午三点集合，喊上晓军。\n【业主群聊】物业：周五前挪走电动车。\n【微信群聊】城管队员：收到。\n【工作动态】国庆：不是聊天。";
        let found = chat_speakers(t);
        assert!(found.contains("国庆"), "{found:?}");
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn bracketed_speakers_of_a_copied_chat() {
        let found = chat_speakers("群聊记录：【孟一凡】谁去送材料？【物业】我们去。【秋菊】好的");
        assert!(
            found.contains("孟一凡") && found.contains("秋菊"),
            "{found:?}"
        );
        assert!(!found.contains("物业"), "{found:?}");
        // A bracketed word outside a chat is a heading, not a speaker.
        assert!(chat_speakers("工作动态：【秋菊】好的").is_empty());
    }
}
