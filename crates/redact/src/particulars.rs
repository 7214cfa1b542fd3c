//! A name found by what follows it, whatever comes before: a person's particulars
//! right after a run of characters — a sex (（男, ，女，), an identity number or a birth
//! year in brackets (（500103…）, （1951年生）), an age, a tie (（系…之妻）), an identity
//! word (，身份证号), where one comes from before a phone (（…镇人，联系电话…）) — make the characters before them a name, once the words for a
//! relative or a role in front are taken off (由其女儿彭琳（…） → 彭琳). The run may be
//! spaced (李 想（男）, 旦  增，男，). The name is then masked wherever it appears.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use regex::Regex;

use crate::names::surname_of;
use crate::patterns::{han, re};

/// The particulars that open a person's note: a sex, an identity number, a birth year
/// (1948年生, 1948.03.15生; not 生产, 生效) or an age, a tie to another person, or a birth year later in the note (（…社区居民，
/// 1963年生，…）).
fn marker_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"[（(][ 　]*(?:男|女|(?:[0-9]{17}[0-9Xx]|[0-9]{15})[）)]|(?:公民)?身份证|[0-9]{6}[0-9*＊]{11}[0-9Xx*＊][）)，,]|[0-9]{4}[ 　]*年(?:[0-9]{1,2}月)?(?:出)?生(?:[^产效活意]|$)|[0-9]{4}[.．/-][0-9]{1,2}(?:[.．/-][0-9]{1,2})?(?:出)?生(?:[^产效活意]|$)|[0-9一二三四五六七八九十]{1,3}岁|系[^）)，,]{1,10}之[妻夫子女父母兄弟姐妹]|[^（）()\n]{1,30}?[，,][ 　]*[0-9]{4}[ 　]*年(?:[0-9]{1,2}月)?(?:[0-9]{1,2}日)?(?:出)?生(?:[^产效活意]|$))|[，,][ 　]*(?:男|女)[ 　]*[，,（(。；]|[，,][ 　]*身份证|[（(][^（）()\n，,]{2,14}?[县市区镇乡村]人[，,][ 　]*(?:联系电话|电话|手机|身份证)",
    )
}

/// Words for a relative that the shared list leaves out (配偶, 长子, 次女 …).
pub(crate) const MORE_KIN: &[&str] = &[
    "配偶", "长子", "次子", "三子", "长女", "次女", "三女", "养子", "养女", "继子", "继女", "公公",
    "婆婆", "祖父", "祖母", "爷爷", "奶奶", "外公", "外婆",
];

/// Words for a relative, a role or a party in front of a name.
const FRONT: &[&str] = &[
    "其中",
    "由其",
    "楼下住户",
    "楼上住户",
    "被处罚人",
    "赔偿请求人",
    "委托经办人",
    "经办人",
    "代理人",
    "请求人",
    "当事人",
    "申请人",
    "被申请人",
    // Cousins and the other relatives are in cues::KIN, chained after these.
    "住户",
    "邻居",
    "居民",
    "户主",
    "业主",
    "司机",
    "证人",
    "见证人",
    "我叫",
    "名叫",
    "其",
    "由",
    "和",
    "与",
    "及",
];

pub(crate) fn particular_names(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for m in marker_re().find_iter(text) {
        let before = &text[..m.start()];
        // The characters before, with at most two spaces between any two of them.
        let mut start = before.len();
        let mut spaces = 0;
        for (i, c) in before.char_indices().rev() {
            if han(c) {
                spaces = 0;
                start = i;
            } else if matches!(c, ' ' | '　') && spaces < 2 && start < before.len() {
                spaces += 1;
            } else {
                break;
            }
            if before.len() - i > 40 {
                break;
            }
        }
        let run = &before[start..];
        if run.is_empty() {
            continue;
        }
        let clean_start = before[..start]
            .chars()
            .next_back()
            .is_none_or(|c| "：:，,、；;。\n.．）)_".contains(c) || c.is_ascii_digit());
        let spaced = run.contains([' ', '　']);
        // 李九 和电，女: a full name with a one-character surname, then a space and more
        // characters, is two names side by side, not one name typed apart (a name is
        // spaced letter by letter, or after a compound surname: 欧阳 明华).
        let groups: Vec<&str> = run.split([' ', '　']).filter(|g| !g.is_empty()).collect();
        if let [first, rest @ ..] = groups.as_slice()
            && !rest.is_empty()
            && (2..=3).contains(&first.chars().count())
            && surname_of(first).is_some_and(|x| x.chars().count() == 1)
            && rest.iter().map(|g| g.chars().count()).sum::<usize>() >= 2
        {
            continue;
        }
        let mut joined: String = run.chars().filter(|c| han(*c)).collect();
        let mut stripped = false;
        let mut kin = false;
        while joined.chars().count() > 3 {
            match FRONT
                .iter()
                .chain(crate::cues::KIN)
                .chain(MORE_KIN)
                .find(|w| joined.starts_with(**w))
            {
                Some(w) => {
                    joined = joined[w.len()..].to_string();
                    // 其女|儿字春华: the kin word goes on over the next character (女儿).
                    if let (Some(last), Some(next)) = (w.chars().next_back(), joined.chars().next())
                        && crate::cues::KIN.contains(w)
                        && crate::cues::KIN.contains(&format!("{last}{next}").as_str())
                    {
                        joined = joined[next.len_utf8()..].to_string();
                    }
                    stripped = true;
                    kin |= crate::cues::KIN.contains(w) || MORE_KIN.contains(w);
                }
                None => break,
            }
        }
        // A word for a role before the name (教师邵丽萍, 网格员牛晓丽): the name is what
        // follows the word.
        let chars: Vec<char> = joined.chars().collect();
        if chars.len() >= 4 {
            for k in [3, 2] {
                let (front, name): (String, String) = (
                    chars[..chars.len() - k].iter().collect(),
                    chars[chars.len() - k..].iter().collect(),
                );
                if surname_of(&name).is_some() && crate::persons::dictionary_word(&front) {
                    joined = name;
                    stripped = true;
                    break;
                }
            }
        }
        // 石匠何永平（通渭县马营镇人，联系电话：…）: where a person comes from and how to
        // reach them; the name is the last three or two letters of the run, after a surname.
        let from_place = m.as_str().starts_with(['（', '('])
            && (m.as_str().contains("人，") || m.as_str().contains("人,"));
        if from_place && joined.chars().count() > 3 {
            let chars: Vec<char> = joined.chars().collect();
            let tail = [3, 2].into_iter().find_map(|k| {
                let name: String = chars[chars.len() - k..].iter().collect();
                (surname_of(&name).is_some_and(|x| x.chars().count() == 1)
                    && !crate::persons::dictionary_word(&name))
                .then_some(name)
            });
            match tail {
                Some(name) => {
                    joined = name;
                    stripped = true;
                }
                None => continue,
            }
        }
        let n = joined.chars().count();
        // A sex or a tie to another person (（系…之妻）) is a person's own.
        let sex = m.as_str().contains(['男', '女', '系']);
        let surnamed = surname_of(&joined).is_some();
        // A name with a listed surname (2–3 characters), or after a clean start and
        // before a sex any name of two to five (旦增, 才让东智).
        // A run whose shape, not its characters, makes it a name (旦增, 其其格).
        let free_form = clean_start && (!stripped && sex || kin && !surnamed);
        let ok = (surnamed && (2..=3).contains(&n))
            || (sex && clean_start && !stripped && (2..=5).contains(&n) && (spaced || n >= 3))
            // 配偶其其格（身份证号…）: a relative's word makes what follows a person's.
            || (kin && clean_start && (3..=5).contains(&n));
        if !ok
            || joined.contains('某')
            || (!free_form && joined.chars().any(|c| crate::cues::NOT_IN_NAME.contains(c)))
            || crate::persons::dictionary_word(&joined)
            || crate::cues::COMMON_WORDS.contains(&joined.as_str())
        {
            continue;
        }
        out.insert(joined);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_before_particulars_is_found_after_the_words_in_front() {
        let got = particular_names("由其女儿彭琳（500103198509261828）持授权委托书");
        assert!(got.contains("彭琳"), "{got:?}");
        let got = particular_names("赔偿请求人：其其格（系巴图孟和之妻），女，手机");
        assert!(got.contains("其其格"), "{got:?}");
        let got = particular_names("数学课上，教师邵丽萍（女，1971年生）");
        assert!(
            got.contains("邵丽萍") && !got.contains("教师邵丽萍"),
            "{got:?}"
        );
    }
}
