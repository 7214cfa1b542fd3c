//! Natural persons named without a role word: in running text ("经查，张三于…"), in a
//! list of those present, after 与/和/及, in quotation marks, in a witness statement.
//!
//! Two sources, both ending in the same check ([`plausible`]): jieba's part-of-speech
//! tag `nr` (a person's name), and context cues around a surname (男/女, 身份证, 年龄,
//! 住, 电话, 签字, 称, 系 after it; 姓名, 经查 before it; a list with a known name in it).
//! Every name found is then masked wherever it appears in the document.

use std::collections::BTreeSet;

// The process's one dictionary (search segments with the same copy).
use cnwords::jieba;

use crate::cues::{COMMON_WORDS, CUE_BEFORE, LIST_SEP, NOT_IN_NAME, NOT_LAST, has_cue, strong_cue};
use crate::names::{PLACE_AFTER, long_name, person_name, surname_of};

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Whether `name` at byte `start` of `text` can be a natural person's name.
pub(crate) fn plausible(text: &str, start: usize, name: &str, officers: &BTreeSet<String>) -> bool {
    let Some(surname) = surname_of(name) else {
        return false;
    };
    let n = chars(name);
    let s = chars(surname);
    if n <= s
        || n > s + 2
        || name.contains('某')
        || officers.contains(name)
        || COMMON_WORDS.contains(&name)
    {
        return false;
    }
    if !name.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
        return false;
    }
    let given = &name[surname.len()..];
    // 从业人员应经培训: a modal verb after a would-be surname, no one-letter given name.
    if crate::cues::TIME_WORDS.contains(&given)
        || n == s + 1
            && given
                .chars()
                .all(|c| "经须应需将可会要已曾被把".contains(c))
        || given.chars().any(|c| NOT_IN_NAME.contains(c))
        || name
            .chars()
            .next_back()
            .is_some_and(|c| NOT_LAST.contains(c))
    {
        return false;
    }
    // 每周日由女儿陪同, 上周三: a weekday, not 周 and a given name.
    if surname == "周"
        && text[..start].ends_with(['每', '上', '下', '本', '这', '逢', '至', '到'])
        && given.starts_with(['一', '二', '三', '四', '五', '六', '日', '天', '末'])
    {
        return false;
    }
    let after = &text[start + name.len()..];
    // 渣土车鲁B·D5827: the province of a plate, not a given name.
    if after.starts_with(|c: char| c.is_ascii_uppercase()) {
        return false;
    }
    // 恩诺沙星注射液: a medicine's name before its form.
    if [
        "注射液",
        "口服液",
        "胶囊",
        "颗粒",
        "缓释片",
        "肠溶片",
        "混悬液",
        "滴眼液",
        "可溶性粉",
    ]
    .iter()
    .any(|w| after.starts_with(w))
    {
        return false;
    }
    // 挖掘机（柳工915E）, 雷沃谷神GM80型: a maker's model number, letters among its
    // digits, right after the would-be name or after a series' name of up to four letters.
    let series = after
        .chars()
        .take_while(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .take(5)
        .count();
    let after_series = if series <= 4 {
        &after[after
            .chars()
            .take(series)
            .map(char::len_utf8)
            .sum::<usize>()..]
    } else {
        after
    };
    let model: String = after_series
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    if (2..=8).contains(&model.len()) && model.chars().any(|c| c.is_ascii_alphabetic()) {
        return false;
    }
    // 均由林振华在场: a preposition that is also a surname (由, 向, 于) before a full name.
    if n == 2
        && name.starts_with(['由', '向', '于', '经'])
        && person_name(&text[start + 3..]).is_some_and(|m| chars(&m) == 3)
    {
        return false;
    }
    // 由覃 before 某某: a word before a name masked already.
    if after.starts_with('某')
        || crate::names::place_word_after(after)
        || crate::cues::NOT_PERSON_AFTER
            .iter()
            .any(|w| after.starts_with(w))
    {
        return false;
    }
    if crate::signs::sign_follows(text, start + name.len()) {
        return false;
    }
    // An estate named after the word (古龙三村, 田林十二村, 长白二村).
    let numeral = after.trim_start_matches(|c: char| "一二三四五六七八九十0123456789".contains(c));
    if numeral.len() < after.len() && numeral.starts_with(['村', '弄', '坊', '街', '号']) {
        return false;
    }
    // 井深约310米, 墙高3.5米, 尚余约2米: a thing's measure before its figure, not a given
    // name.
    if given.ends_with(['深', '高', '宽', '长', '厚', '径', '约', '余']) && {
        let figure = after.trim_start_matches(['约', '为', '达', '近', '超', '逾']);
        figure.starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
    } {
        return false;
    }
    // 擅自摆放石墩三个、安装车位锁一把: a thing counted after it, not a person.
    {
        let count = after.trim_start_matches(|c: char| {
            "一二两三四五六七八九十百".contains(c) || c.is_ascii_digit()
        });
        if count.len() < after.len() {
            let mut rest = count.chars();
            if rest
                .next()
                .is_some_and(|c| "个把根只台辆件条袋箱桶棵株间套张座".contains(c))
                && rest
                    .next()
                    .is_none_or(|c| !crate::patterns::han(c) || c == '、')
            {
                return false;
            }
        }
    }
    // 供养金六百八十元: a numeral given name that runs on into a number.
    const NUMERALS: &str = "一二三四五六七八九十两百千万亿";
    if given.chars().all(|c| NUMERALS.contains(c))
        && after.starts_with(|c: char| NUMERALS.contains(c) || "元角块点".contains(c))
    {
        return false;
    }
    // A road named after the word (华青南路, 淀山湖大道).
    let rest = after.trim_start_matches(['东', '西', '南', '北', '中']);
    if rest.len() < after.len() && rest.chars().next().is_some_and(|c| PLACE_AFTER.contains(c)) {
        return false;
    }
    // The first character closes a cue word before it (仓管杨柳: 管杨柳 is no name).
    if let Some(first) = name.chars().next() {
        let upto = &text[..start + first.len_utf8()];
        if CUE_BEFORE
            .iter()
            .any(|w| w.chars().count() >= 2 && upto.ends_with(w))
        {
            return false;
        }
    }
    // Part of an officer's longer name (朱红 in 朱红卫).
    if officers
        .iter()
        .any(|o| o.len() > name.len() && text[start..].starts_with(o.as_str()))
    {
        return false;
    }
    // 向阿布都艾尼·买买提: a joining word before a name without a surname, not a surname.
    if crate::unsurnamed::unsurnamed_at(text, start + surname.len()).is_some() {
        return false;
    }
    true
}

/// Whether byte `s` lies inside a quoted statement (证人王丽称：“…”).
fn in_statement(text: &str, s: usize) -> bool {
    let before: String = text[..s].chars().rev().take(80).collect();
    let Some(open) = before.find(['“', '"', '「']) else {
        return false;
    };
    // No closing quote between the opening one and the name.
    if before[..open].contains(['”', '」']) {
        return false;
    }
    let ahead: String = before[open..].chars().skip(1).take(4).collect();
    [
        "：称",
        ":称",
        "称",
        "：说",
        "说",
        "：述陈",
        "：实证",
        "述陈",
        "：道",
    ]
    .iter()
    .any(|w| ahead.starts_with(w))
}

/// The words of `s` with their part-of-speech tags.
pub(crate) fn tag(s: &str) -> Vec<(String, String)> {
    jieba()
        .tag(s, true)
        .into_iter()
        .map(|t| (t.word.to_string(), t.tag.to_string()))
        .collect()
}

/// The words of `s` as jieba cuts them.
pub(crate) fn cut(s: &str) -> Vec<String> {
    jieba()
        .cut(s, true)
        .into_iter()
        .map(|w| w.word.to_string())
        .collect()
}

/// Whether jieba's dictionary knows `word`.
pub(crate) fn known_word(word: &str) -> bool {
    jieba().has_word(word)
}

/// Whether jieba tags `word`, taken whole, as a person's name (nr…).
pub(crate) fn tagged_person(word: &str) -> bool {
    let tags = jieba().tag(word, false);
    tags.len() == 1 && tags[0].tag.starts_with("nr")
}

/// Whether jieba's dictionary has `word` as an ordinary word, not a person's name
/// (平方米, 方案, 房屋, 安排): a weak cue (系, 称, a phone after it) is not enough.
pub(crate) fn dictionary_word(word: &str) -> bool {
    if !jieba().has_word(word) {
        return false;
    }
    let tags = jieba().tag(word, false);
    tags.len() == 1 && !tags[0].tag.starts_with("nr")
}

/// Names of natural persons found by part of speech and by context; `known` are the
/// names already found (by role words or given by the caller).
pub(crate) fn context_names(
    text: &str,
    known: &BTreeSet<String>,
    officers: &BTreeSet<String>,
) -> BTreeSet<String> {
    let mut found: BTreeSet<String> = BTreeSet::new();
    // 1. jieba: words tagged nr.
    let tags = jieba().tag(text, true);
    // Whether each two-letter name opens a sign somewhere in the text.
    let mut signs: std::collections::HashMap<&str, bool> = std::collections::HashMap::new();
    for (i, t) in tags.iter().enumerate() {
        if !(t.tag == "nr" || t.tag == "nrfg") {
            continue;
        }
        let mut end = t.byte_end;
        // 周/nr 大伟/nr: a surname on its own joins the word after it.
        if surname_of(t.word).is_some_and(|s| s.len() == t.word.len())
            && let Some(next) = tags.get(i + 1)
            && (1..=2).contains(&chars(next.word))
            && next
                .word
                .chars()
                .all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        {
            end = next.byte_end;
        }
        let mut name = &text[t.byte_start..end];
        // 刘芳称 → 刘芳.
        if chars(name) > 2
            && let Some(c) = name.chars().next_back()
            && "称说等".contains(c)
        {
            name = &name[..name.len() - c.len_utf8()];
        }
        // 赵六于 → 赵六: a stop character ends the name.
        if let Some(n) = person_name(&text[t.byte_start..])
            && name.starts_with(n.as_str())
        {
            name = &name[..n.len()];
        }
        let oov = !jieba().has_word(name);
        // 梅溪家电商行, 秦韵苗木专业合作社: a business's name, not a person's (two letters
        // that open a sign anywhere in the text, each looked up once; a full name may be
        // the operator's, so only where it stands).
        let at_sign = if chars(name) == 2 {
            *signs.entry(name).or_insert_with(|| {
                text.match_indices(name)
                    .any(|(i, _)| crate::signs::sign_follows(text, i + name.len()))
            })
        } else {
            crate::signs::sign_follows(text, t.byte_start + name.len())
        };
        if plausible(text, t.byte_start, name, officers)
            && !at_sign
            && !crate::names::verb(name)
            && (oov
                || has_cue(text, t.byte_start, t.byte_start + name.len())
                || in_statement(text, t.byte_start))
        {
            found.insert(name.to_string());
        }
    }
    // 2. Context cues around a surname.
    let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    for &s in &starts {
        let Some(name) = person_name(&text[s..]) else {
            continue;
        };
        if !plausible(text, s, &name, officers) {
            continue;
        }
        // 平方米: the character before makes a word with the candidate.
        let cue_before = CUE_BEFORE
            .iter()
            .any(|w| text[..s].trim_end_matches(['：', ':']).ends_with(w));
        let word_before = !cue_before
            && text[..s]
                .chars()
                .next_back()
                .is_some_and(|c| jieba().has_word(&format!("{c}{name}")));
        // 消纳场所: the surname closes a word before it and the given name is a word.
        let split_words = !cue_before
            && text[..s].chars().next_back().is_some_and(|c| {
                surname_of(&name).is_some_and(|x| {
                    jieba().has_word(&format!("{c}{x}")) && dictionary_word(&name[x.len()..])
                })
            });
        if has_cue(text, s, s + name.len())
            && !word_before
            && !split_words
            // 车主陈述, 乙方陈述: a verb after the cue is what the person does.
            && !crate::names::verb(&name)
            // 向学生说明: a preposition before people, no surname.
            && !crate::nouned::preposition_before_people(&name)
            && (!dictionary_word(&name) || strong_cue(text, s, s + name.len()))
        {
            found.insert(name);
        }
    }
    // 2a. A compound surname that is seldom anything else and two letters after it,
    //     whatever follows (后来欧阳晓红也过来了), unless a place's word does.
    for c in crate::surnames::NAME_ONLY_COMPOUNDS {
        for (s, _) in text.match_indices(c) {
            let run: Vec<char> = text[s + c.len()..]
                .chars()
                .take_while(|ch| {
                    crate::patterns::han(*ch) && !crate::names::NAME_STOP.contains(*ch)
                })
                .take(3)
                .collect();
            // One letter when the second opens a word with the third (司马光砸缸).
            let take = if run.len() == 3 && dictionary_word(&run[1..].iter().collect::<String>()) {
                1
            } else {
                2
            };
            let given: String = run.iter().take(take).collect();
            let name = format!("{c}{given}");
            let after = &text[s + name.len()..];
            if !given.is_empty()
                // 欧阳记米粉店, 司马记甜品: a shop's sign.
                && !given.chars().any(|ch| PLACE_AFTER.contains(ch) || ch == '记')
                && !crate::signs::sign_follows(text, s + name.len())
                && !dictionary_word(&name)
                && !crate::names::place_word_after(after)
                && !crate::names::place_follows(after)
                && !officers.contains(&name)
            {
                found.insert(name);
            }
        }
    }
    // 2b. After a cue word (其丈夫, 其兄, 商户代表) a name may run straight into a
    //     verb (龙金患…, 李杜分户): the first word jieba cuts there is the name.
    for &s in &starts {
        let before = text[..s].trim_end_matches(['：', ':']);
        if !CUE_BEFORE.iter().any(|w| before.ends_with(w)) {
            continue;
        }
        // A name outside the surname list with particulars after it (患者帕提古丽（维吾尔族…）).
        if surname_of(&text[s..]).is_none() {
            // 经单位负责人批准，出示证件: a verb the dictionary knows is no name, though
            // 证件 follows it.
            if let Some(name) = crate::names::particulars_name(&text[s..])
                && !officers.contains(&name)
                && !dictionary_word(&name)
            {
                found.insert(name);
            }
            continue;
        }
        let window: String = text[s..].chars().take(10).collect();
        let words = jieba().cut(&window, true);
        let Some(first) = words.first() else { continue };
        let mut name = first.word.to_string();
        if surname_of(&name).is_some_and(|x| x.len() == name.len())
            && let Some(next) = words.get(1)
            && (1..=2).contains(&chars(next.word))
        {
            name.push_str(next.word);
        }
        // 陈静称 → 陈静: a verb of telling ends the name.
        if chars(&name) > 2
            && let Some(c) = name.chars().next_back()
            && "称说等".contains(c)
        {
            name.pop();
        }
        if (2..=4).contains(&chars(&name))
            && plausible(text, s, &name, officers)
            && !dictionary_word(&name)
            && !crate::names::verb(&name)
        {
            found.insert(name);
        }
    }
    // 3. Names masked in part at the source that still show part of the given name
    //    (庞*霞): brought to surname + 某某.
    for &s in &starts {
        let rest = &text[s..];
        let Some(surname) = surname_of(rest) else {
            continue;
        };
        let after = &rest[surname.len()..];
        let stars = after.len() - after.trim_start_matches(['*', '＊', '×']).len();
        if stars == 0 {
            continue;
        }
        let tail = &after[stars..];
        let given: String = tail
            .chars()
            .take_while(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
            .take(2)
            .collect();
        let given = match person_name(&format!("{surname}{given}")) {
            Some(n) if given.starts_with(&n[surname.len()..]) => n[surname.len()..].to_string(),
            _ => String::new(),
        };
        let before_ok = text[..s].chars().next_back().is_none_or(|c| {
            !('\u{4e00}'..='\u{9fff}').contains(&c)
                || CUE_BEFORE.iter().any(|w| text[..s].ends_with(w))
                || "人：:".contains(c)
        });
        if !given.is_empty() && before_ok {
            found.insert(format!("{surname}{}{given}", &after[..stars]));
        }
    }
    // 4. Lists: a name next to a known one across 、/和/与/及.
    let mut all: BTreeSet<String> = known.iter().chain(found.iter()).cloned().collect();
    loop {
        let mut added = Vec::new();
        for &s in &starts {
            let Some(name) = person_name(&text[s..])
                .filter(|n| plausible(text, s, n, officers))
                .or_else(|| long_name(text, s))
            else {
                continue;
            };
            if all.contains(&name) {
                continue;
            }
            let after = &text[s + name.len()..];
            let before = &text[..s];
            let next_known = after
                .strip_prefix(LIST_SEP)
                .is_some_and(|rest| all.iter().any(|k| rest.starts_with(k.as_str())));
            // A note in brackets may stand between (覃某（网格员，电话…）、李某).
            let prev_known = before.strip_suffix(LIST_SEP).is_some_and(|rest| {
                let rest = match rest.strip_suffix(['）', ')']) {
                    Some(r) => r.rfind(['（', '(']).map_or(rest, |o| &r[..o]),
                    None => rest,
                };
                all.iter().any(|k| rest.ends_with(k.as_str()))
            });
            if next_known || prev_known {
                added.push(name);
            }
        }
        if added.is_empty() {
            break;
        }
        for n in added {
            all.insert(n.clone());
            found.insert(n);
        }
    }
    // 文斌 found inside 柯文斌: only the whole name.
    let whole: Vec<String> = found.iter().chain(known.iter()).cloned().collect();
    found.retain(|n| {
        !whole
            .iter()
            .any(|w| w.len() > n.len() && w.ends_with(n.as_str()))
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> BTreeSet<String> {
        context_names(text, &BTreeSet::new(), &BTreeSet::new())
    }

    #[test]
    fn names_in_running_text_lists_and_statements() {
        let n = names("经查，张建国于2023年5月6日在黄浦区河南中路占道经营。");
        assert!(n.contains("张建国"), "{n:?}");
        let n = names("在场人员有王小明、李红和赵刚。");
        for x in ["王小明", "李红", "赵刚"] {
            assert!(n.contains(x), "{x} in {n:?}");
        }
        let n = names("证人刘芳称：“我看见陈志强把垃圾倒在路边。”");
        assert!(n.contains("刘芳") && n.contains("陈志强"), "{n:?}");
    }

    #[test]
    fn a_verb_before_particulars_words_is_no_name() {
        // 证件 follows 批准, but 批准 is a verb of the dictionary.
        assert!(names("经单位负责人批准，出示证件。").is_empty());
        assert!(names("经设区的市级以上国家安全机关负责人批准，出示工作证件。").is_empty());
    }

    #[test]
    fn places_and_organisations_are_not_names() {
        let n = names("黄浦区南京东路街道办事处在张江路对李宁公司门店进行检查。");
        assert!(n.is_empty(), "{n:?}");
    }
}
