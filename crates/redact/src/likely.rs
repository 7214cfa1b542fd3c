//! Full names in running text with no word around them that says "person"
//! (经查，全永吉施工…; 和她老公范志勇每晚…): a surname and two characters that are
//! each much likelier in a given name than in administrative prose, standing as words
//! of their own.
//!
//! How likely a character is in a given name comes from `data/given_chars.txt`: the
//! log of the ratio of its frequency in a large list of given names to its frequency
//! in law texts (`data/given_chars.py` makes it; `data/SOURCE.md` says from what).
//! Both given characters must be at least [`LIKELY`] likelier (a log-ratio of 0.5:
//! about 1.6 times), and jieba must cut the text so that the name starts and ends a
//! word: 张贴广告 is cut 张贴/广告, so 张贴广 is no candidate, though 贴 and 广 might pass.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use crate::cues::CUE_BEFORE;
use crate::names::surname_of;
use crate::patterns::han;
use crate::persons::{cut, dictionary_word, known_word, plausible};

/// The least log-ratio both given characters must reach.
pub(crate) const LIKELY: f32 = 0.5;

/// Characters before a name that join it to the sentence (与范志勇, 让秋生, 由全永吉).
const JOINERS: &str = "与和及同跟向由从对给被让叫请找问为据是";

/// What follows a famous person's name in a landmark (王阳明故居, 张飞庙).
pub(crate) const LANDMARKS: &[&str] = &[
    "故居",
    "旧居",
    "庙",
    "祠",
    "纪念",
    "墓",
    "陵",
    "雕像",
    "塑像",
    "铜像",
    "公园",
    "广场",
    "中学",
    "小学",
    "大学",
    "学校",
    "医院",
    "图书馆",
    "桥",
    "亭",
    "阁",
    "塔",
    "街",
    "巷",
];

/// Verbs and adverbs jieba may glue to the end of a name (邱建明领|回家, 他拿).
const GLUED: &str = "领拿来去说把在也都就又要会给到叫让带送打问找帮替陪骑开做讲以";

/// Verbs whose object is a person (赔偿林某某, 举报孙某某, 通知…).
const PERSON_VERBS: &[&str] = &[
    // 你叫上黄天明, 找司徒伟拿钥匙: whom one takes along or looks for.
    "叫上",
    "喊上",
    // 你反映的韦德光在小区绿地种菜: the person a letter is about.
    "反映的",
    "举报的",
    "投诉的",
    "赔偿",
    "举报",
    "通知",
    "告知",
    "转告",
    "委托",
    "联系",
    "交给",
    "转交",
    "嘱咐",
    "协助",
    "帮助",
    "陪同",
    "看望",
    "探望",
    "劝说",
    "提醒",
    "催促",
    "答复",
    "询问",
    "邀请",
    "殴打",
    "打伤",
    "辱骂",
    "推倒",
    "起诉",
    "控告",
    "投诉",
    "反映",
    "补偿",
    "支付给",
    "借给",
    "租给",
    "卖给",
    "转让给",
    "雇请",
    "雇佣",
    "雇用",
];

/// Sides of an agreement and the subject of a measure before a name (乙方田某某, 社区矫正
/// 对象安某某).
const PARTIES: &[&str] = &[
    "邻村",
    "同村",
    "本村",
    "尊敬的",
    "甲方",
    "乙方",
    "丙方",
    "对象",
    "来信人",
    "来电人",
    "来访人",
    "隔壁",
    "对门",
    "楼下",
    "楼上",
];

/// Whether `before` ends with a verb whose object is a person (赔偿, 举报 …).
pub(crate) fn after_person_verb(before: &str) -> bool {
    PERSON_VERBS.iter().any(|w| before.ends_with(w))
}

/// Surnames that are also words joining a sentence (但延长, 由英雄, 向社会).
pub(crate) const WORDS_TOO: &str = "与和及同跟向由从对给被让叫请找问为据是但时经于应都来";

fn table() -> &'static HashMap<char, f32> {
    static TABLE: OnceLock<HashMap<char, f32>> = OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("../data/given_chars.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (c, v) = l.split_once('\t')?;
                Some((c.chars().next()?, v.trim().parse().ok()?))
            })
            .collect()
    })
}

/// How much likelier `c` is in a given name than in prose (log ratio; 0 when not).
pub(crate) fn given_likelihood(c: char) -> f32 {
    table().get(&c).copied().unwrap_or(0.0)
}

/// Whether jieba tags `word`, taken whole, as a noun of any kind (海燕, 建军).
fn noun(word: &str) -> bool {
    let tags = crate::persons::tag(word);
    tags.len() == 1 && tags[0].1.starts_with('n')
}

/// Whether every character of `given` is likely in a given name.
pub(crate) fn given_like(given: &str) -> bool {
    !given.is_empty() && given.chars().all(|c| given_likelihood(c) >= LIKELY)
}

/// How much likelier one of two given characters must be for a name that only
/// punctuation or a joining word stands beside.
const MARKED: f32 = 1.5;

/// How much likelier one given character must be when the other is not (马春生, 孙家宝:
/// 生 and 家 are common in prose).
const STRONG: f32 = 4.0;

/// Whether two given characters read as a given name: both likely, or one strongly
/// likely and the other a character a given name may hold.
pub(crate) fn given_like_pair(given: &str) -> bool {
    let strong_beside_plain =
        |a: char, b: char| given_likelihood(a) >= STRONG && PLAIN_GIVEN.contains(b);
    let pair: Vec<char> = given.chars().collect();
    given_like(given)
        || matches!(pair[..], [a, b] if strong_beside_plain(a, b) || strong_beside_plain(b, a))
}

/// Characters common in prose that given names often hold beside a likelier one (春生,
/// 家宝, 金水).
const PLAIN_GIVEN: &str = "生水家有大国志成德子山福贵才发平安";

/// Titles of office after a public figure's name (温家宝总理): no private person.
const OFFICE_AFTER: &[&str] = &[
    "总理",
    "主席",
    "总书记",
    "委员长",
    "书记",
    "部长",
    "省长",
    "市长",
    "县长",
    "同志",
];

/// Names of three characters (or a compound surname and two) found by how name-like
/// their given characters are.
pub(crate) fn likely_names(text: &str, officers: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (s, _) in text.char_indices() {
        let rest = &text[s..];
        let Some(surname) = surname_of(rest) else {
            continue;
        };
        let given: String = rest[surname.len()..].chars().take(2).collect();
        if let Some(name) = crate::compound::compound_one(text, s, surname, officers) {
            found.insert(name);
        }
        if let Some(name) = crate::compound::compound_two(text, s, surname, officers) {
            found.insert(name);
        }
        if given.chars().count() != 2 || !given.chars().all(han) {
            continue;
        }
        // 刘新民, 鲁大成, 雷金水: characters every list of names is full of, though
        // prose is too (民, 安, 水) — a name only where the words around say so.
        let strict = given_like_pair(&given);
        if !strict && !common_pair(&given) {
            continue;
        }
        let name = format!("{surname}{given}");
        let end = s + name.len();
        // A word for a person on either side (同村人雷金水, 罗德贵家屋后).
        let left = person_before(&text[..s]);
        let right = person_after(&text[end..]);
        // Two letters only a little likelier in names (路缘石: 1.3, 1.2) need a word for a
        // person beside them; punctuation before them is not enough.
        let marked = given.chars().any(|c| given_likelihood(c) >= MARKED);
        let context = left || right || (strict && marked && left_ok(text, s));
        if !context
            // 黄南州, 兴安盟: a prefecture.
            || given.ends_with(['州', '盟', '旗'])
            // 孙子吴天宇: a relative's word before a name, not a surname.
            || crate::cues::KIN.iter().any(|k| name.starts_with(k))
            // A word of the dictionary that is no person's name (jieba knows some
            // persons' names as words: those stay candidates).
            || dictionary_word(&name)
            // 王阳明故居, 张飞庙: a famous person's landmark.
            || LANDMARKS.iter().any(|w| text[end..].starts_with(w))
            // 由英雄执法中队: a preposition before a word, not a surname before a name.
            // 请于明天, 应建立, 都希望, 由英雄执法中队 — but 于海燕, 向建军: after the two
            // that are common surnames, a noun can be a given name.
            || (WORDS_TOO.contains(surname)
                && known_word(&given)
                && !(["于", "向"].contains(&surname) && noun(&given)))
            || staff_of_body(&text[..s])
            || OFFICE_AFTER.iter().any(|w| text[end..].starts_with(w))
            || badge_after(&text[end..])
            || !plausible(text, s, &name, officers)
            || !(cut_alone(text, s, end)
                || glued_beside_person(text, s, end, left, right)
                || strict && left && ends_clean(&text[end..]))
        {
            continue;
        }
        found.insert(name);
    }
    found.extend(crate::given::given_alone(text));
    found
}

/// The characters most frequent in given names (`data/common_given.txt`).
pub(crate) fn common_given(c: char) -> bool {
    static LETTERS: OnceLock<&'static str> = OnceLock::new();
    LETTERS
        .get_or_init(|| {
            include_str!("../data/common_given.txt")
                .lines()
                .find(|l| !l.starts_with('#'))
                .unwrap_or_default()
        })
        .contains(c)
}

/// Two given characters both among the commonest in names, one of them likelier in a
/// name than in prose (新民, 大成, 金水, 平安).
fn common_pair(given: &str) -> bool {
    given.chars().all(common_given) && given.chars().any(|c| given_likelihood(c) >= LIKELY)
}

/// What follows a private person's name and no word of prose (罗德贵家屋后, 许文强的电话,
/// 付强之妻, 邓华生称).
const PERSON_AFTER: &[&str] = &[
    "之妻",
    "之夫",
    "之子",
    "之女",
    "之父",
    "之母",
    "夫妇",
    "一家",
    "一户",
    "两口子",
    "本人",
    "的电话",
    "的手机",
    "的号码",
    "的微信",
    "的媳妇",
    "的老婆",
    "的丈夫",
    "的妻子",
    "的儿子",
    "的女儿",
    "的房子",
    "的证人证言",
    "的证言",
    "的陈述",
    "称",
    "说",
    "讲",
    "都说",
    "都称",
    "均称",
    "反映",
    "承认",
    "搭建",
    "出资",
    // 毕大海同意，…弃权; 凌志强叫上侄子: what a person says in a meeting or does.
    "同意",
    "弃权",
    "叫上",
    "喊上",
    "驾驶",
    "不在家",
];

/// Words after 家 that make it a shop's or a product's (王建华家具, 张丽华家政).
const HOUSE_WORDS: &str = "具电居园纺政常乐用装私族";

/// Words that open with a verb of [`PERSON_AFTER`] and are no verb of telling (向学生说明).
const NOT_TELLING: &[&str] = &[
    "说明", "说服", "称为", "称号", "称谓", "讲解", "讲座", "讲授",
];

/// Whether `after` opens with what follows a private person's name: 家 as a home
/// (罗德贵家屋后) or a word of [`PERSON_AFTER`].
fn person_after(after: &str) -> bool {
    let mut c = after.chars();
    (c.next() == Some('家') && !c.next().is_some_and(|n| HOUSE_WORDS.contains(n)))
        || PERSON_AFTER.iter().any(|w| after.starts_with(w))
            && !NOT_TELLING.iter().any(|w| after.starts_with(w))
}

/// A public body or its unit right before, across a space or a colon (法制科 高明远,
/// 新兴社区居委会 蒙海燕): the name is of its staff.
fn staff_of_body(before: &str) -> bool {
    let head = before.trim_end_matches([' ', '　', '：', ':']);
    head.len() < before.len()
        && [
            "科", "股", "室", "队", "局", "办", "所", "站", "委会", "社区", "街道", "政府",
        ]
        .iter()
        .any(|w| head.ends_with(w))
}

/// A badge number in brackets right after the name (郑佳佳（浙A03-021902）): a province's
/// letter and a unit's letter, not a phone or an identity number.
pub(crate) fn badge_after(after: &str) -> bool {
    let mut inner = after.strip_prefix(['（', '(']).unwrap_or("").chars();
    inner.next().is_some_and(han) && inner.next().is_some_and(|c| c.is_ascii_uppercase())
}

/// Whether `before` ends with a word for a person, not only a joining character
/// (同村人雷金水, 伙同其连襟党新民, 雇用伐木工人侯志平).
fn person_before(before: &str) -> bool {
    after_person_verb(before)
        || PARTIES.iter().any(|w| before.ends_with(w))
        || crate::cues::KIN.iter().any(|w| before.ends_with(w))
        || crate::nouned::after_person_word(before)
}

/// What stands before byte `s`: the start of a line, punctuation, a joining character,
/// a cue word (其丈夫, 老公), a relative or a noun for a person (同村人).
pub(crate) fn left_ok(text: &str, s: usize) -> bool {
    let before = &text[..s];
    match before.chars().next_back() {
        None => true,
        Some(c) if !han(c) => true,
        // 我姐夫揭永平, 同村人雷金水: a relative or a noun for a person before it.
        Some(c) => {
            JOINERS.contains(c)
                || person_before(before)
                // 管护员侯建军, 网管某某: a worker's title (but 执法人员, 队员: officers).
                || (c == '员' && !["人员", "队员", "警员"].iter().any(|w| before.ends_with(w)))
                // 养鸡户何玉兰, 商户邹美华: a household or a trader before it.
                || (c == '户'
                    && !["账户", "开户", "门户", "窗户", "户户", "落户", "过户"]
                        .iter()
                        .any(|w| before.ends_with(w)))
                || CUE_BEFORE
                    .iter()
                    .any(|w| w.chars().count() >= 2 && before.ends_with(w))
        }
    }
}

/// The length in bytes of the surname `s` opens with.
fn surname_len(s: &str) -> usize {
    surname_of(s).map_or(0, str::len)
}

/// Whether a would-be name ends as a mountain's or a water's does (对巴朗山 glued: a
/// place).
fn name_ends_in_landform(name: &str) -> bool {
    name.ends_with(['山', '岭', '峰', '河', '湖', '江', '海', '岛', '湾'])
}

/// Whether what follows a would-be name ends it cleanly: nothing, no letter of a word,
/// or a letter that follows names (大伯邝德胜种的 aside, 邝德胜的, 邝德胜说).
fn ends_clean(after: &str) -> bool {
    after
        .chars()
        .next()
        .is_none_or(|c| !han(c) || "的说称在把和与及就也都又是将被已曾还".contains(c))
}

/// Whether the characters at each edge of a would-be name make no word of the language
/// with their neighbours outside it: jieba glues a surname or a last given letter to a
/// neighbour when it guesses (同村|人贺|金水, 七组范德|贵家), so beside a word for a person
/// the dictionary decides instead (国家, 人民 are words: 王国家, 李人民 no names).
fn not_inside_words(text: &str, s: usize, end: usize) -> bool {
    let edge = |a: Option<char>, b: Option<char>| match (a, b) {
        (Some(a), Some(b)) => !dictionary_word(&format!("{a}{b}")),
        _ => true,
    };
    edge(text[..s].chars().next_back(), text[s..].chars().next())
        && edge(text[..end].chars().next_back(), text[end..].chars().next())
}

/// The text jieba cuts around `s..end`: from four letters before `s` to six after `end`.
fn window(text: &str, s: usize, end: usize) -> (usize, usize) {
    let from = text[..s]
        .char_indices()
        .rev()
        .take(4)
        .last()
        .map_or(s, |(i, _)| i);
    let to = text[end..]
        .char_indices()
        .nth(6)
        .map_or(text.len(), |(i, _)| end + i);
    (from, to)
}

/// A name jieba glued to a neighbour (同村|人贺|金水) stands beside a noun for a person
/// (`left`: before it, where jieba must still end a word where the name ends; `right`:
/// after it) — not after a verb that may take a body too (委托呼伦贝尔市测绘院) — and
/// makes no word of the dictionary across its edges.
fn glued_beside_person(text: &str, s: usize, end: usize, left: bool, right: bool) -> bool {
    let noun_left = left && !after_person_verb(&text[..s]) && word_ends_at(text, end);
    // A word for a person right before the name (隔壁|上官婉清家) ends there, though its
    // last letter and the surname make a word too (壁上).
    (right || noun_left)
        && (if left && !after_person_verb(&text[..s]) {
            not_inside_words(text, end, end)
        } else {
            not_inside_words(text, s, end)
        })
}

/// Whether jieba, cutting the text from four letters before `end` to six after it, ends
/// a word at `end`.
fn word_ends_at(text: &str, end: usize) -> bool {
    let (from, to) = window(text, end, end);
    let mut at = from;
    cut(&text[from..to]).iter().any(|w| {
        at += w.len();
        at == end
    })
}

/// Whether jieba, cutting the clause around it, starts a word at `s` and at `end`.
pub(crate) fn cut_alone(text: &str, s: usize, end: usize) -> bool {
    let (from, to) = window(text, s, end);
    // A joining character before the name may be cut into one word with the surname
    // (由楼|建伟): the name starts after it, unless the two are a word of the language
    // (和解|协议, 给付|金钱).
    let joined_at = text[..s]
        .chars()
        .next_back()
        .filter(|c| {
            (JOINERS.contains(*c) || *c == '员')
                && !dictionary_word(&format!("{c}{}", &text[s..s + surname_len(&text[s..])]))
        })
        .map(|c| s - c.len_utf8());
    let mut at = from;
    let mut starts = false;
    let mut ends = false;
    for w in cut(&text[from..to]) {
        let glued = Some(at) == joined_at;
        // A joining character or a worker's title glued to the surname (由冀秀兰,
        // 员侯|建军): the name starts after it.
        if at == s
            || glued
                && (at + w.len() == s + surname_len(&text[s..])
                    || at + w.len() == end && !name_ends_in_landform(&text[s..end]))
        {
            starts = true;
        }
        if at == end {
            ends = true;
        }
        // A verb glued to the name's end (邱建明领|回家): a word of jieba's guessing,
        // the name and one character no given name is likely to hold.
        if (at == s || glued) && at + w.len() > end && !ends {
            let extra = &text[end..at + w.len()];
            ends = extra.chars().count() == 1
                && extra
                    .chars()
                    .all(|c| given_likelihood(c) < LIKELY && GLUED.contains(c))
                && !dictionary_word(&w);
        }
        at += w.len();
    }
    starts && (ends || at == end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> BTreeSet<String> {
        likely_names(text, &BTreeSet::new())
    }

    #[test]
    fn a_full_name_in_running_text_is_found_by_its_characters() {
        assert!(names("被处罚人称牛舍由其雇请的崔东日、全永吉施工。").contains("全永吉"));
        assert!(names("楼下开麻将馆的和她老公范志勇每晚吵到凌晨。").contains("范志勇"));
    }

    #[test]
    fn words_of_prose_that_begin_with_a_surname_are_not() {
        for t in [
            "当事人在张贴广告时被发现。",
            "由城市管理部门负责实施。",
            "向社会公布处罚结果。",
            "经查，该单位未按规定设置围挡。",
        ] {
            assert!(names(t).is_empty(), "{t}: {:?}", names(t));
        }
    }

    #[test]
    fn the_table_reads() {
        assert!(given_likelihood('伟') > 5.0);
        assert!(given_likelihood('法') < LIKELY);
    }
}
