//! Natural persons named without a role word: in running text ("经查，张三于…"), in a
//! list of those present, after 与/和/及, in quotation marks, in a witness statement.
//!
//! Two sources, both ending in the same check ([`plausible`]): jieba's part-of-speech
//! tag `nr` (a person's name), and context cues around a surname (男/女, 身份证, 年龄,
//! 住, 电话, 签字, 称, 系 after it; 姓名, 经查 before it; a list with a known name in it).
//! Every name found is then masked wherever it appears in the document.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use jieba_rs::Jieba;

use crate::names::{PLACE_AFTER, person_name, surname_of};

fn jieba() -> &'static Jieba {
    static J: OnceLock<Jieba> = OnceLock::new();
    J.get_or_init(Jieba::new)
}

/// What follows a place or an organisation, not a person (张江路, 王家宅村, 李宁公司).
const NOT_PERSON_AFTER: &[&str] = &[
    "公司", "有限", "集团", "中心", "委员会", "办事处", "街道", "学校", "医院", "银行", "分局",
    "大队", "中队", "市场", "广场", "大厦", "小区", "花园", "新村", "公寓", "商城", "酒店", "宾馆",
    "饭店", "餐厅", "超市", "工作室", "事务所", "研究", "合作社", "居委", "村委", "大道", "公路",
    "牌", "品牌", "体", "式", "型",
];

/// What follows a person's name in a decision.
const CUE_AFTER: &[&str] = &[
    "男", "女", "（男", "（女", "(男", "(女", "，男", "，女", ",男", ",女", "，身份证", "（身份证",
    "(身份证", "，公民身份", "（公民身份", "，年龄", "，现年", "，住", "，户籍", "，家住", "，电话",
    "，手机", "，联系电话", "签字", "签名", "称", "说", "证实", "陈述", "系", "到场", "在场",
    "本人", "（系", "，系",
];

/// What precedes a person's name.
const CUE_BEFORE: &[&str] = &["姓名", "名叫", "名为", "经查，", "经查", "查明，", "查明"];

/// Separators in a list of persons.
const LIST_SEP: &[char] = &['、', '和', '与', '及', '同', '跟', '，'];

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Whether `name` at byte `start` of `text` can be a natural person's name.
fn plausible(text: &str, start: usize, name: &str, officers: &BTreeSet<String>) -> bool {
    let Some(surname) = surname_of(name) else {
        return false;
    };
    let n = chars(name);
    let s = chars(surname);
    if n <= s || n > s + 2 || name.contains('某') || officers.contains(name) {
        return false;
    }
    if !name
        .chars()
        .all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    {
        return false;
    }
    let after = &text[start + name.len()..];
    if after.chars().next().is_some_and(|c| PLACE_AFTER.contains(c))
        || NOT_PERSON_AFTER.iter().any(|w| after.starts_with(w))
    {
        return false;
    }
    true
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
        if plausible(text, t.byte_start, name, officers) {
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
        let after = &text[s + name.len()..];
        let before = &text[..s];
        let cue = CUE_AFTER.iter().any(|w| after.starts_with(w))
            || CUE_BEFORE.iter().any(|w| before.ends_with(w))
            || (before.ends_with('“') && after.starts_with('”'));
        if cue {
            found.insert(name);
        }
    }
    // 3. Lists: a name next to a known one across 、/和/与/及.
    let mut all: BTreeSet<String> = known.iter().chain(found.iter()).cloned().collect();
    loop {
        let mut added = Vec::new();
        for &s in &starts {
            let Some(name) = person_name(&text[s..]) else {
                continue;
            };
            if all.contains(&name) || !plausible(text, s, &name, officers) {
                continue;
            }
            let after = &text[s + name.len()..];
            let before = &text[..s];
            let next_known = after
                .strip_prefix(LIST_SEP)
                .is_some_and(|rest| all.iter().any(|k| rest.starts_with(k.as_str())));
            let prev_known = before
                .strip_suffix(LIST_SEP)
                .is_some_and(|rest| all.iter().any(|k| rest.ends_with(k.as_str())));
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
    fn places_and_organisations_are_not_names() {
        let n = names("黄浦区南京东路街道办事处在张江路对李宁公司门店进行检查。");
        assert!(n.is_empty(), "{n:?}");
    }
}
