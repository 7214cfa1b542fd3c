//! A name right after a noun for a person in running text (相邻住户刘德福因…, 我表哥
//! 吴建伟家…, 围观群众金美玉用手机…, 社区网格员 牛晓丽, 市民郝 晓 光（…）): the noun says
//! a person is meant, and the name is a listed surname with one or two characters (single
//! spaces may stand between them) that end where a name ends — punctuation, a bracket,
//! the line's end, or a word that follows names (因, 家, 用, 称, 投诉 …).

use std::collections::BTreeSet;

use crate::names::{stop_at, surname_of};
use crate::patterns::han;

/// Nouns for private persons after which a name follows (and the kin words of
/// `cues::KIN`: 其子梁浩正读初三).
const PERSON_NOUNS: &[&str] = &[
    "住户",
    "相邻户",
    "业主",
    "居民",
    "村民",
    "市民",
    "群众",
    "商户",
    "摊主",
    "摊贩",
    "网格员",
    "租户",
    "房东",
    // 原房主于洪江: the seller of a home.
    "房主",
    "邻居",
    "员工",
    "工人",
    "徒弟",
    "学徒",
    "帮工",
    "同事",
    "朋友",
    "表哥",
    "表姐",
    "表弟",
    "表妹",
    "堂哥",
    "堂姐",
    "堂弟",
    "堂妹",
    "姐夫",
    "妹夫",
    "嫂子",
    "弟媳",
    "小舅子",
    "大舅子",
    "保姆",
    "护工",
    "保安",
    "保洁员",
    "清洁工",
    "店员",
    "厨师",
    "服务员",
    "雇工",
    // Workers named by their trade at a site (洗车工某某正在作业, 挖机司机某某).
    "洗车工",
    "电工",
    "焊工",
    "泥工",
    "木工",
    "瓦工",
    "杂工",
    "小工",
    "操作手",
    "机手",
    "装卸工",
    "搬运工",
    "收银员",
    "司机",
    "驾驶员",
    "举报人",
    "投诉人",
    "反映人",
    "证人",
    "路人",
    "行人",
    "乘客",
    "患者",
    "病人",
    "学生",
    "老人",
    // A buyer, a seller's agent, a hobbyist who reported (业务员某某, 垂钓爱好者某某).
    "业务员",
    "销售员",
    "推销员",
    "爱好者",
    // Wardens a village hires (护渔员某某, 护林员某某).
    "护渔员",
    "护林员",
    "巡护员",
    "顾客",
    "村医",
    "家属",
    "孩子",
    "小孩",
    "男孩",
    "女孩",
    "网管",
    "雇员",
    // Neighbours, kin by marriage or by choice, partners (round 40: 同村人某某, 其连襟某某).
    "同村人",
    "本村人",
    "邻村人",
    "外村人",
    "老乡",
    "同乡",
    "连襟",
    "干爹",
    "干妈",
    "干娘",
    "亲戚",
    "合伙人",
    "承包户",
    "养殖户",
    "种植户",
    "租客",
    "实际控制人",
    "实际经营人",
    // A village's or a community's cadres (round 37: private persons).
    "村委会主任",
    "居委会主任",
    "村委会副主任",
    "居委会副主任",
    "村主任",
    "社区主任",
    "社区书记",
    "村支书",
    "村会计",
    "村民小组长",
    "党支部书记",
];

/// Whether `before` (the text up to a name) ends with a noun for a private person, a
/// kin word (其妻, 之子: `cues::KIN`) or a cue for a name (当事人, 监护人: `cues::CUE_BEFORE`;
/// 未成年人).
pub(crate) fn after_person_word(before: &str) -> bool {
    PERSON_NOUNS
        .iter()
        .chain(crate::cues::KIN)
        .chain(crate::cues::CUE_BEFORE)
        .chain(&["未成年人"])
        .any(|w| before.ends_with(w))
}

/// Whether `word` is a noun for a private person (住户, 朋友, 徒弟).
pub(crate) fn person_noun(word: &str) -> bool {
    PERSON_NOUNS.contains(&word)
}

/// Whether `word` is a joining character and a noun for people (向学生, 对居民, 和群众):
/// the character is one a surname may be, but here it is a preposition.
pub(crate) fn preposition_before_people(word: &str) -> bool {
    let mut c = word.chars();
    c.next()
        .is_some_and(|p| crate::likely::WORDS_TOO.contains(p))
        && PERSON_NOUNS.contains(&c.as_str())
}

/// Characters that may follow a name in running text.
const AFTER: &str = "因用称说在是为家等与和及把被将向对从跟曾已正也都还又就才常今于到的了亦同会现代干要能可应陪带随看帮替负处";

/// Forms of address after a surname, found as such elsewhere (陈女士, 何婆婆).
const TITLES: &[&str] = &[
    "女士", "先生", "小姐", "婆婆", "大爷", "阿姨", "师傅", "老板", "大姐", "大哥", "大妈", "奶奶",
    "爷爷", "叔", "姨", "哥", "姐",
];

/// Characters no given name holds here.
const NOT_GIVEN: &str = "路街道巷弄号室楼栋幢村组区市县镇乡元年月日时分岁周某们等的了";

/// Where a name ends well at byte `at` of `text`.
fn ends(text: &str, at: usize) -> bool {
    let rest = &text[at..];
    rest.chars()
        .next()
        .is_none_or(|c| !han(c) || AFTER.contains(c))
        || stop_at(rest)
        || [
            "投诉", "举报", "反映", "报警", "拨打", "拍摄", "证明", "介绍", "得知", "同意", "来电",
            "来访", "来信", "致电", "到场", "签字", "表示", "要求", "承认", "陈述", "擅自", "私自",
        ]
        .iter()
        .any(|w| rest.starts_with(w))
}

/// The name (spaces taken out) and its end, at byte `at` of `text`, right after a
/// person noun.
fn name_at(text: &str, at: usize) -> Option<(String, usize)> {
    let surname = surname_of(&text[at..])?;
    let mut p = at + surname.len();
    let mut given = String::new();
    let mut best = None;
    // Spaced after the surname (郭 亮干的): the spacing shows where the name ends.
    let mut padded = false;
    for _ in 0..2 {
        // One space may stand between the characters (何 静, 郝 晓 光).
        if text[p..].starts_with(' ') && !text[p + 1..].starts_with(' ') {
            p += 1;
            padded = padded || given.is_empty();
        }
        let Some(c) = text[p..]
            .chars()
            .next()
            .filter(|c| han(*c) && !NOT_GIVEN.contains(*c))
        else {
            break;
        };
        // A given name does not open with a word of the sentence (投诉人应在…).
        if best.is_none()
            && given.is_empty()
            && "在是为把被将向对从跟曾已正也都还又就才常今于到的了用因称说等家".contains(c)
        {
            break;
        }
        // Where the name could end already, a word that follows names, or a word of
        // the sentence starting there (王丽称, 樊星使用), ends it.
        if best.is_some() {
            let word: String = text[p..].chars().take(2).collect();
            if AFTER.contains(c)
                || stop_at(&text[p..])
                || crate::persons::known_word(&word)
                || padded && !text[..p].ends_with(' ')
            {
                break;
            }
        }
        given.push(c);
        p += c.len_utf8();
        if ends(text, p) || padded && !text[p..].starts_with(' ') {
            best = Some((format!("{surname}{given}"), p));
        }
    }
    let (name, end) = best?;
    let given = &name[surname.len()..];
    (!crate::persons::dictionary_word(&name)
        && !crate::informal::FUNCTION_SURNAMES.contains(surname)
        && !given.chars().any(|c| "一二三四五六七八九十".contains(c))
        && !TITLES.contains(&given))
    .then_some((name, end))
}

/// Names right after a noun for a person.
pub(crate) fn nouned_names(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for noun in PERSON_NOUNS.iter().chain(crate::cues::KIN) {
        for (i, _) in text.match_indices(noun) {
            let mut at = i + noun.len();
            // The noun inside a longer word (林业主管部门, 汽车司机 is fine, 机动车驾驶员 too).
            if inside_word(text, i, noun) {
                continue;
            }
            if text[at..].starts_with(' ') {
                at += 1;
            }
            // 请证人陈述, 证人证实: a verb of telling after the noun is what the person
            // does, not their name.
            if let Some((name, _)) = name_at(text, at).filter(|(n, _)| !crate::names::verb(n)) {
                out.insert(name);
            }
            // 你儿子小军那辆…: a relative called by 小 and one letter.
            if crate::cues::KIN.contains(noun)
                && let Some(pet) = pet_name_at(text, at)
            {
                out.insert(pet);
            }
        }
    }
    out
}

/// 小 and one letter at byte `at`, standing as a name (小军那辆, 小军，): not a word
/// that begins with 小 (小孩, 小时, 小区 …).
fn pet_name_at(text: &str, at: usize) -> Option<String> {
    let mut chars = text[at..].chars();
    let (Some('小'), Some(c)) = (chars.next(), chars.next()) else {
        return None;
    };
    let next = chars.next();
    let ok = han(c)
        && !"孩时区学姐妹弟哥伙朋店摊卖吃便心事组说时候儿的".contains(c)
        && !NOT_GIVEN.contains(c)
        && next.is_none_or(|n| !han(n) || AFTER.contains(n) || "那这".contains(n));
    ok.then(|| format!("小{c}"))
}

/// Whether the noun at byte `i` is the middle of other words (林业|主管, 企业主).
pub(crate) fn inside_word(text: &str, i: usize, noun: &str) -> bool {
    *noun == *"业主"
        && (text[..i]
            .chars()
            .next_back()
            .is_some_and(|c| "林农商工企物行专就职副产创营事实".contains(c))
            || text[i + noun.len()..].starts_with(['管', '体', '导', '要']))
}

/// Words that follow a name after a relative (其妻蔺小燕刚做完手术, 其夫邓国华患…).
const AFTER_KIN_NAME: &str = "刚患因已正曾也都一现身于在称说和与是还又才就将被把从常长今去前替帮陪带领接送找拿一二三四五六七八九十";

/// A full name right after a relative that jieba does not cut as one: a listed surname,
/// two given-name characters, then a word that follows a name (刚, 患, 因 …) or no
/// character of a name.
pub(crate) fn kin_full_name(rest: &str) -> Option<String> {
    let plain = |c: char| {
        crate::patterns::han(c)
            && !crate::names::NAME_STOP.contains(c)
            && !crate::informal::NOT_GIVEN.contains(c)
    };
    let Some(surname) = crate::names::surname_of(rest).filter(|x| x.chars().count() == 1) else {
        // A surname off the list (其女儿字春华（未成年…）): three characters closed by a
        // bracket whose note gives the person's particulars.
        let run: String = rest
            .chars()
            .take_while(|c| crate::patterns::han(*c))
            .collect();
        // The note opens with a person's particulars (其子读高三（…）: no name).
        let note: String = rest[run.len()..].chars().skip(1).take(12).collect();
        let ok = run.chars().count() == 3
            && run.chars().all(plain)
            && rest[run.len()..].starts_with(['（', '('])
            && ["男", "女", "岁", "年生", "出生", "未成年", "身份证", "学生"]
                .iter()
                .any(|w| note.contains(w))
            && !crate::persons::dictionary_word(&run);
        return ok.then_some(run);
    };
    let given: String = rest[surname.len()..].chars().take(2).collect();
    let next = rest[surname.len() + given.len()..].chars().next();
    let ok = given.chars().count() == 2
        && given.chars().all(plain)
        && next.is_none_or(|c| !crate::patterns::han(c) || AFTER_KIN_NAME.contains(c))
        && !crate::persons::dictionary_word(&given)
        && !crate::persons::dictionary_word(&format!("{surname}{given}"));
    ok.then(|| format!("{surname}{given}"))
}
