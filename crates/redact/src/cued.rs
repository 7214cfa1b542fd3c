//! Names known by what is done to or by the person, with no role word before them:
//! a patient a clinic treats (为罗建平治疗腰腿痛, 给王芳输液) and a worker named after a
//! trade's title (泥工师傅陈德胜带人做的, 电工师傅李强说). The name is a surname from the
//! list and one or two characters, ending right where the cue's verb or particle begins.

use std::collections::BTreeSet;

use crate::names::surname_of;

/// What a clinic does to a patient, after 为/给 and the patient's name.
const TREATED: &[&str] = &[
    "治疗",
    "诊治",
    "诊断",
    "看病",
    "开药",
    "输液",
    "针灸",
    "打针",
    "换药",
    "做手术",
    "手术",
    "拔罐",
    "推拿",
    "按摩",
    "正骨",
    "接骨",
    "缝合",
    "包扎",
    "复查",
    "体检",
];

/// What follows a worker's name after a trade's title: a verb of doing or saying, or a
/// particle or punctuation that closes the name.
const AFTER_WORKER: &[&str] = &[
    "带", "在", "说", "称", "是", "的", "和", "及", "与", "来", "去", "负责", "施工", "，", "。",
    "、", "（", "(", "；",
];

/// Titles a worker is named after (泥工师傅, 电焊工师傅, 老师傅).
const WORKER_TITLES: &[&str] = &["师傅"];

/// What only a person does at a paper or a scene (曾翠莲签收, 由其子代收, 张美玉和
/// 金素芬负责…): the act right after a name.
const PERSON_ACTS: &[&str] = &[
    "签收",
    "签字",
    "签名",
    "代收",
    "代签",
    "捺印",
    "按手印",
    "在场",
    "陪同",
    "到场",
    "见证",
    "作证",
];

/// Acts that name two persons joined by 和/与/及/、 (张美玉和金素芬负责搬音响).
const PAIR_ACTS: &[&str] = &[
    "签收", "签字", "在场", "陪同", "到场", "见证", "作证", "负责", "均", "都", "一起", "共同",
    "二人", "两人", "施工", "作业", "经营", "驾驶",
];

/// Characters before a name that hand a paper or a task to a person (由, 交给, 让).
const HANDED: &str = "由给经让请";

pub(crate) fn cued_names(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for cue in ["为", "给"] {
        names_after(text, cue, TREATED, &mut out);
    }
    for cue in WORKER_TITLES {
        names_after(text, cue, AFTER_WORKER, &mut out);
    }
    acting_names(text, &mut out);
    signed_letters(text, &mut out);
    subjects_at_a_place(text, &mut out);
    said_to_be_kin(text, &mut out);
    notice_row_parties(text, &mut out);
    out
}

/// The party's cell of a 公示 row written on one line with bars (…罚〔2026〕第0127号｜么春来｜
/// 擅自占道经营｜…): the cell right after the 文号 holds two to four letters (a star
/// among them perhaps), no organisation's word.
fn notice_row_parties(text: &str, out: &mut BTreeSet<String>) {
    for line in text.lines() {
        let cells: Vec<&str> = line.split(['｜', '|']).map(str::trim).collect();
        for pair in cells.windows(2) {
            let (number, party) = (pair[0], pair[1]);
            let is_number = number.contains(['〔', '[', '［']) && number.ends_with('号');
            let letters = party.chars().filter(|c| crate::patterns::han(*c)).count();
            if is_number
                && (2..=4).contains(&letters)
                && party
                    .chars()
                    .all(|c| crate::patterns::han(c) || matches!(c, '*' | '＊' | '×'))
                && !party.contains('某')
                // A listed surname, a star, or three letters no dictionary knows (么春来).
                && (crate::names::surname_of(party).is_some()
                    || party.contains(['*', '＊', '×'])
                    || letters == 3 && !crate::persons::known_word(party))
                && !ordinary_word(party)
                && !crate::cues::NOT_PERSON_AFTER
                    .iter()
                    .any(|w| party.contains(w))
                && ![
                    "店", "部", "厂", "行", "馆", "社", "场", "站", "所", "队", "局",
                ]
                .iter()
                .any(|w| party.ends_with(w))
            {
                out.insert(party.to_string());
            }
        }
    }
}

/// A name said to be someone's relative (吕梁是我姐夫, 付强是她表哥) or a witness
/// speaking under their name (证人海军：…): a person, even when the name is also a word.
fn said_to_be_kin(text: &str, out: &mut BTreeSet<String>) {
    for (p, _) in text.match_indices('是') {
        let rest = &text[p + '是'.len_utf8()..];
        let rest = [
            "我的",
            "他的",
            "她的",
            "其",
            "我",
            "他",
            "她",
            "当事人的",
            "当事人",
        ]
        .iter()
        .find_map(|w| rest.strip_prefix(w));
        if !rest.is_some_and(|r| crate::cues::KIN.iter().any(|k| r.starts_with(k))) {
            continue;
        }
        if let Some(name) = name_ending_at(text, p).filter(|n| !ordinary_word(n)) {
            out.insert(name);
        }
    }
    for role in ["证人", "见证人"] {
        for (i, _) in text.match_indices(role) {
            let s = i + role.len();
            let two: String = text[s..].chars().take(2).collect();
            if two.chars().count() == 2
                && crate::names::surname_of(&two).is_some_and(|x| x.chars().count() == 1)
                && text[s + two.len()..].starts_with(['：', ':'])
                && !text[..i].ends_with(['被', '受'])
                && !ordinary_word(&two)
            {
                out.insert(two);
            }
        }
    }
}

/// A word of the language that is no person's name (房东, 应该, 陈述, 单位): jieba knows
/// it and tags it neither as a person's nor as a place's name, or it is a verb of
/// telling, or a noun for someone by role (…人, …者, …主, …东).
fn ordinary_word(w: &str) -> bool {
    let tagged = crate::persons::tag(w);
    let name_tag =
        tagged.len() == 1 && (tagged[0].1.starts_with("nr") || tagged[0].1.starts_with("ns"));
    crate::names::verb(w)
        || crate::cues::COMMON_WORDS.contains(&w)
        || w.ends_with(['人', '者', '主', '东'])
        || w.contains('某')
        || crate::persons::known_word(w) && !name_tag
}

/// The name of two or three letters that ends at byte `p`, led by a surname and
/// standing after a boundary (punctuation, 答：, 你和).
fn name_ending_at(text: &str, p: usize) -> Option<String> {
    for n in [3, 2] {
        let Some((start, _)) = text[..p].char_indices().rev().nth(n - 1) else {
            continue;
        };
        let cand = &text[start..p];
        let before = &text[..start];
        // After punctuation (答：, 。) or a word that joins two persons (你和).
        let bounded = before
            .chars()
            .next_back()
            .is_none_or(|c| !crate::patterns::han(c) || "和与跟同说".contains(c));
        if cand.chars().all(crate::patterns::han)
            && bounded
            && crate::names::surname_of(cand).is_some_and(|x| x.len() < cand.len())
            && !cand.contains('某')
        {
            return Some(cand.to_string());
        }
    }
    None
}

/// Words of a place's level, one of which a place after 在 holds (…市…街道…路).
const PLACE_LEVELS: &[&str] = &[
    "市", "县", "区", "镇", "乡", "街道", "路", "街", "村", "大道",
];

/// A full name that opens a clause and does something at a place (…，郑国梁在某市某街道
/// 某路擅自…), or that a finding names (占道摆摊的为柳青，…).
fn subjects_at_a_place(text: &str, out: &mut BTreeSet<String>) {
    for (i, _) in text.char_indices() {
        let prev = text[..i].chars().next_back();
        let opens = prev.is_none_or(|p| "，。；：、\n ）)”".contains(p));
        let found = text[..i].ends_with("的为");
        if !(opens || found) {
            continue;
        }
        let then: &[&str] = if found {
            &["，", "。", "；"]
        } else {
            &["在"]
        };
        let Some(name) = name_before(&text[i..], then).filter(|n| full_name(n) && !holds_kin(n))
        else {
            continue;
        };
        if !found {
            // 在 and a place with a level word, before any punctuation.
            let place: String = text[i + name.len() + "在".len()..]
                .chars()
                .take_while(|c| crate::patterns::han(*c))
                .take(16)
                .collect();
            if !PLACE_LEVELS.iter().any(|l| place.contains(l)) {
                continue;
            }
        }
        out.insert(name);
    }
}

/// What says a person can bear witness, after a full name anywhere (以上情况某某可以证明).
const VOUCHES: &[&str] = &["可以证明", "能够证明", "能证明", "可以作证", "可作证"];

/// The writer of a letter, named after 此致敬礼 (…敬礼！某某　2026年7月2日), and a full
/// name before words that vouch for something.
fn signed_letters(text: &str, out: &mut BTreeSet<String>) {
    for w in ["敬礼！", "敬礼!", "敬礼 ", "敬礼\n", "敬礼　"] {
        for (i, _) in text.match_indices(w) {
            let rest = text[i + w.len()..].trim_start_matches([' ', '　', '\n']);
            let run: String = rest
                .chars()
                .take_while(|c| crate::patterns::han(*c))
                .take(5)
                .collect();
            let after = &rest[run.len()..];
            if (2..=4).contains(&run.chars().count())
                && surname_of(&run).is_some()
                && (after.is_empty() || after.starts_with([' ', '　', '\n', '2', '（', '(']))
                && !crate::persons::dictionary_word(&run)
            {
                out.insert(run);
            }
        }
    }
    for (i, _) in text.char_indices() {
        if let Some(name) = name_before(&text[i..], VOUCHES)
            && full_name(&name)
        {
            out.insert(name);
        }
    }
}

/// A name before an act only a person does, where the name opens a clause, closes a
/// note in brackets (（儿媳）曾翠莲签收) or follows a word that hands something over
/// (交由曾翠莲签收); and two full names joined by 和/与/及/、 before such an act.
fn acting_names(text: &str, out: &mut BTreeSet<String>) {
    // A letter that hands something over (由, 给 …) is no surname unless jieba reads a
    // name (由孙女代签 is no name either way: a kin word).
    let plausible = |n: &str| {
        !holds_kin(n)
            && (n.chars().next().is_none_or(|c| !HANDED.contains(c))
                || crate::persons::tagged_person(n))
    };
    for (i, _) in text.char_indices() {
        if surname_of(&text[i..]).is_none() {
            continue;
        }
        let prev = text[..i].chars().next_back();
        let opens = prev.is_none_or(|p| !crate::patterns::han(p) || HANDED.contains(p));
        if !opens {
            continue;
        }
        if let Some(name) = name_before(&text[i..], PERSON_ACTS)
            && plausible(&name)
            && no_word(&name)
        {
            out.insert(name);
        }
        // The first of two names joined by a list word.
        if let Some(first) = name_before(&text[i..], &["和", "与", "及", "、"])
            && full_name(&first)
            && plausible(&first)
        {
            let rest = &text[i + first.len()..];
            let sep = rest.chars().next().map_or(0, char::len_utf8);
            if let Some(second) = name_before(&rest[sep..], PAIR_ACTS)
                && full_name(&second)
                && plausible(&second)
            {
                out.insert(first);
                out.insert(second);
            }
        }
    }
}

/// A candidate that is no ordinary word and holds no letter a name is not made of.
fn no_word(n: &str) -> bool {
    !crate::persons::dictionary_word(n) && !n.chars().any(|c| crate::cues::NOT_IN_NAME.contains(c))
}

/// A full name of three letters (surname and two) that is no ordinary word.
fn full_name(n: &str) -> bool {
    n.chars().count() == 3 && no_word(n)
}

/// Whether a candidate holds a word for a relative (由孙女, 其儿子): no name.
fn holds_kin(n: &str) -> bool {
    let given: String = n.chars().skip(1).collect();
    crate::cues::KIN
        .iter()
        .chain(crate::particulars::MORE_KIN)
        .any(|k| n.contains(k) || *k == given)
}

/// Characters that make 为 part of a word (作为, 因为, 认为, 成为, 行为, 称为, 以为).
const WORD_BEFORE_WEI: &str = "作因认成行称以更较最视被";

/// Characters no given name is made of here: words of the sentence (们, 后, 时, 明 …).
const SENTENCE_CHARS: &str =
    "们我你他她它了后时就说看明过着的地得在和与及是也都这那些个查安来去把被让对向从于";

/// Surname characters far more often a word of the sentence (和, 都, 查 …): a name
/// with one of them must be tagged a person's name by jieba.
const WORDLIKE_SURNAME: &str = "和都查来向于从把被让对安时明";

/// Each `cue`, then a name, then one of `then`: the name.
fn names_after(text: &str, cue: &str, then: &[&str], out: &mut BTreeSet<String>) {
    let mut from = 0;
    while let Some(i) = text[from..].find(cue) {
        let at = from + i + cue.len();
        from = at;
        if cue == "为"
            && text[..at - cue.len()]
                .chars()
                .next_back()
                .is_some_and(|c| WORD_BEFORE_WEI.contains(c))
        {
            continue;
        }
        // 为方便治疗, 给予治疗: an ordinary word is no name.
        if let Some(name) = name_before(&text[at..], then)
            && !crate::persons::dictionary_word(&name)
        {
            out.insert(name);
        }
    }
}

/// A surname and one or two characters at the start of `s`, followed by one of `then`
/// (the longer name first: 罗建平治疗 before 罗建).
fn name_before(s: &str, then: &[&str]) -> Option<String> {
    let surname = surname_of(s)?;
    let rest = &s[surname.len()..];
    let given: Vec<(usize, char)> = rest.char_indices().take(2).collect();
    for n in (1..=given.len()).rev() {
        let chars = &given[..n];
        if !chars.iter().all(|(_, c)| crate::patterns::han(*c)) {
            continue;
        }
        if chars.iter().any(|(_, c)| SENTENCE_CHARS.contains(*c)) {
            continue;
        }
        let end = chars[n - 1].0 + chars[n - 1].1.len_utf8();
        let after = &rest[end..];
        let name = format!("{surname}{}", &rest[..end]);
        if WORDLIKE_SURNAME.contains(surname) && !crate::persons::tagged_person(&name) {
            continue;
        }
        if then.iter().any(|w| after.starts_with(w)) {
            return Some(name);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patients_and_workers() {
        let got = cued_names("医生为罗建平治疗腰腿痛，给王芳输液；请的是泥工师傅陈德胜带人做的。");
        assert!(
            got.contains("罗建平") && got.contains("王芳") && got.contains("陈德胜"),
            "{got:?}"
        );
        // Not after the cue: 为人民服务, 为民办实事 have no name and no treatment after.
        assert!(cued_names("坚持为人民服务，为民办实事。").is_empty());
        assert!(cued_names("为方便治疗，医院为何种手术备血。").is_empty());
        for s in [
            "维修师傅查明的原因是线路老化。",
            "师傅和我们说，明天再来。",
            "师傅查看后，认为需要更换。",
            "师傅安装时说不用另外收费。",
            "该房屋作为康复治疗用房。",
        ] {
            assert!(cued_names(s).is_empty(), "{s}: {:?}", cued_names(s));
        }
    }
}
