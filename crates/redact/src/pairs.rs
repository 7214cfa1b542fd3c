//! Names listed before a word for the group they make (当天在场的还有向某、田某两人;
//! 苏和、娜仁花夫妇主动拆除…): the group word says the items are persons, whatever
//! the words are (向阳 and 田园 are words of the language too). Households (翠兰、秋生
//! 两家) and those present (在场的还有秦岭、春梅，) are listed by name too, but firms
//! and roles are listed so as well: there an item must read as a name by itself.

use std::collections::BTreeSet;

use crate::patterns::han;

/// Words for the group the listed persons make.
const GROUPS: &[&str] = &[
    "两人",
    "二人",
    "三人",
    "四人",
    "夫妇",
    "夫妻",
    "兄弟",
    "姐妹",
    "兄妹",
    "姐弟",
    "母女",
    "母子",
    "父子",
    "父女",
    "等人",
    "等二人",
    "等三人",
    "等四人",
    "等五人",
    // 向阳、春梅两家还没交照片: households named by their heads.
    "两家",
    "三家",
    "几家",
    // 汪国华、江南、程功三户主动自拆…: households again.
    "两户",
    "三户",
    "四户",
    // 签字的是金秋、白云和我: the speaker closes a list of persons.
    "和我",
    "跟我",
    "与我",
    "还有我",
];

/// What may follow the group word: no letter, or one that goes on with what the persons
/// do (两人均…, 夫妇主动…; not 等人民团体, 兄弟单位).
const AFTER: &str =
    "均都也已将于的在去来是和一共同主自先今曾还又正刚到被把从向对为因称说等，二两俩三";

/// Items that are words for persons or groups, not names (父母、子女等人).
const NOT_NAMES: &[&str] = &[
    "父母", "子女", "配偶", "亲属", "家属", "同事", "朋友", "老人", "儿童", "学生", "职工", "工人",
    "农民", "干部", "群众", "代表", "邻居", "村民", "居民", "租户", "业主", "双方", "甲乙", "夫妻",
];

/// What may stand before the list: the start, punctuation or a word that joins it to
/// the sentence (有, 是, 与, 让 …).
fn opens(before: &str) -> bool {
    before
        .chars()
        .next_back()
        .is_none_or(|c| !han(c) || "有是和与及让叫由对给找跟同把将镇乡村".contains(c))
}

/// The start of the leftmost item, ending at `end`, of a run of `run` letters: the
/// whole run, or its last two or three letters after a joining word (还有|向阳).
fn leftmost(text: &str, end: usize, run: usize) -> Option<usize> {
    let back = |k: usize| text[..end].char_indices().rev().nth(k - 1).map(|(i, _)| i);
    if (2..=3).contains(&run) {
        return back(run).filter(|&s| opens(&text[..s]));
    }
    let three = back(3).filter(|&s| {
        run > 3 && crate::names::surname_of(&text[s..]).is_some() && opens(&text[..s])
    });
    three.or_else(|| back(2).filter(|&s| run > 2 && opens(&text[..s])))
}

/// Words that say a list of those present or along follows (在场的还有秦岭、白雪，).
const PRESENT: &[&str] = &[
    // 出席：鞠长顺、冷秀芝、…: a meeting's attendance as a record's field.
    "出席：",
    "列席：",
    "参会人员：",
    "参加人员：",
    "在场的还有",
    "在场的有",
    "在场人员有",
    "在场人员还有",
    "同行的还有",
    "同行的有",
    "一起的还有",
];

/// Words of a meeting's attendance before 的有 / 的还有 (参加协调会的有…, 出席的有…).
const ATTENDING: &[&str] = &["参加", "出席", "列席", "参会", "到场", "到会"];

/// Where a list of those present opens: after a word of [`PRESENT`], or after 的有 /
/// 的还有 in a clause that speaks of attending (参加协调会的有慕容雪梅、…): the byte
/// offset of the opening word and the word.
fn present_openings(text: &str) -> Vec<(usize, &'static str)> {
    let mut out: Vec<(usize, &'static str)> = PRESENT
        .iter()
        .flat_map(|w| text.match_indices(w).map(|(k, _)| (k, *w)))
        .collect();
    for w in ["的还有", "的有"] {
        for (k, _) in text.match_indices(w) {
            let clause_start = text[..k]
                .rfind(['，', '。', '；', '\n', '】', ','])
                .unwrap_or(0);
            let clause = &text[clause_start..k];
            if clause.chars().count() <= 12
                && ATTENDING.iter().any(|a| clause.contains(a))
                && !out.iter().any(|&(o, p)| o <= k && k < o + p.len())
            {
                out.push((k, w));
            }
        }
    }
    out
}

/// Whether every item of a list reads as a name: no word for persons, kin or a group,
/// nothing masked already, no word ending as a role does (…人, …员, …方).
fn plain(items: &[&str]) -> bool {
    items.iter().all(|i| {
        !NOT_NAMES.contains(i)
            && !crate::cues::KIN.contains(i)
            && !i.contains('某')
            && !i.ends_with(['人', '员', '者', '方', '长', '们', '户', '主'])
    })
}

/// Whether an item of a list that only its place says is of persons (在场的还有…,
/// …两家) reads as a name by itself: no word of the dictionary (司机, 民警, 移动, 公安)
/// unless jieba takes it for a name or both its letters are likelier in a given name
/// than in prose (春梅, 翠兰).
fn named(item: &str) -> bool {
    !crate::persons::known_word(item)
        || crate::persons::tagged_person(item)
        || crate::likely::given_like(item)
}

/// Names listed (two to four, by 、, of two or three letters each) after a word that
/// says those present follow (a colon may stand between), the list closed by
/// punctuation.
fn present_names(text: &str, out: &mut BTreeSet<String>) {
    for (k, w) in present_openings(text) {
        {
            let mut rest = text[k + w.len()..].trim_start_matches(['：', ':']);
            let mut items: Vec<&str> = Vec::new();
            loop {
                let mut letters = crate::patterns::han_run_after(rest);
                // 张海以及…: the list closes with 以及 or 等 glued to its last item.
                if !items.is_empty() {
                    for close in ["以及", "等"] {
                        if let Some(i) = letters.find(close)
                            && (2..=4).contains(&letters[..i].chars().count())
                        {
                            letters = &letters[..i];
                        }
                    }
                }
                // 慕容雪梅: four letters with a surname of two.
                // 参会人员：…洛桑丹增…: four letters in a roster under a colon.
                let most = if w.ends_with('：')
                    || crate::names::surname_of(letters).is_some_and(|x| x.chars().count() == 2)
                {
                    4
                } else {
                    3
                };
                if !(2..=most).contains(&letters.chars().count()) || items.len() == 8 {
                    items.clear();
                    break;
                }
                items.push(letters);
                rest = &rest[letters.len()..];
                if rest.starts_with("以及") || rest.starts_with('等') {
                    break;
                }
                // 红梅（代签）: a short note in brackets after an item.
                if let Some(inner) = rest.strip_prefix(['（', '('])
                    && let Some(close) = inner.find(['）', ')'])
                    && inner[..close].chars().count() <= 6
                {
                    rest = &inner[close..];
                    rest = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
                }
                match rest.chars().next() {
                    Some('、') => rest = &rest['、'.len_utf8()..],
                    // 参会人员：扎西　央金　…: a roster spaced out.
                    Some('　') if w.ends_with('：') => rest = rest.trim_start_matches('　'),
                    Some('，' | '。' | '；' | ',' | ';' | '\n') | None => break,
                    _ => {
                        items.clear();
                        break;
                    }
                }
            }
            // A roster under a colon (参会人员：扎西　央金　…): most items reading as names is
            // enough, as a roster holds names only.
            let named_items = items.iter().filter(|i| named(i)).count();
            let enough = if w.ends_with('：') && items.len() >= 3 {
                named_items * 2 > items.len()
            } else {
                named_items == items.len()
            };
            if items.len() >= 2 && plain(&items) && enough {
                out.extend(items.iter().map(|i| i.to_string()));
            }
        }
    }
}

/// Names listed (two to four, by 、) right before a group word, or after a word that
/// says those present follow.
pub(crate) fn grouped_names(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for group in GROUPS {
        for (g, _) in text.match_indices(group) {
            let after = &text[g + group.len()..];
            let next = after.chars().next();
            // 胡德兵、汪小琴两家门店: the shops of two households.
            let shops = group.ends_with('家')
                && ["门店", "店铺", "商铺", "摊位"]
                    .iter()
                    .any(|w| after.starts_with(w));
            if next.is_some_and(|c| han(c) && !AFTER.contains(c)) && !shops {
                continue;
            }
            let mut items: Vec<&str> = Vec::new();
            let mut end = g;
            let mut complete = false;
            while items.len() < 4 {
                let letters = crate::patterns::han_run_before(&text[..end], usize::MAX);
                let run = letters.chars().count();
                let start = end - letters.len();
                if (2..=3).contains(&run)
                    && let Some(head) = text[..start].strip_suffix('、')
                {
                    items.push(&text[start..end]);
                    end = head.len();
                    continue;
                }
                if let Some(s) = leftmost(text, end, run) {
                    items.push(&text[s..end]);
                    complete = true;
                }
                break;
            }
            // 移动、联通两家均…: households are named by persons, firms by words.
            let households = group.ends_with(['家', '户']);
            if complete
                && items.len() >= 2
                && plain(&items)
                && (!households || items.iter().all(|i| named(i)))
            {
                out.extend(items.iter().map(|i| i.to_string()));
            }
        }
    }
    present_names(text, &mut out);
    out
}

/// Items of a list (、 or a wide space between them) in which most items are names
/// found already: the others are names too (周全、夏侯玉兰、岩温、萨仁高娃 → 岩温;
/// 签到：金美善　令狐建华　玉香　常青 → 玉香, 常青), whatever words they are. An item
/// that ends as a place's or a body's name does (…村, …局) is none.
pub(crate) fn listed_among(
    text: &str,
    known: &BTreeSet<String>,
    officers: &BTreeSet<String>,
) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in text.lines() {
        // 1.卓玛　2.拉姆次仁　3.马晓红: a numbered list is a list too.
        let line = enumerators_re().replace_all(line, "　");
        // A sign-in sheet (会议签到表, 签到：) lists persons only: one name found is enough.
        let sign_in = ["签到", "抽签结果", "名单"]
            .iter()
            .any(|w| line.contains(w));
        for list in line.split(|c: char| !(han(c) || "、·　".contains(c))) {
            let mut items: Vec<&str> = list.split(['、', '　']).filter(|i| !i.is_empty()).collect();
            if items.len() < 3 {
                continue;
            }
            // 表现突出的德吉央金、皇甫志远、谷雨给予…: the first item ends with a name
            // found, the last opens with a word, as the sentence runs on around the list.
            if let Some(first) = items.first_mut()
                && let Some(name) = known
                    .iter()
                    .find(|n| first.len() > n.len() && first.ends_with(n.as_str()))
            {
                *first = &first[first.len() - name.len()..];
            }
            if let Some(last) = items.last_mut()
                && last.chars().count() > 4
                && !known.contains(*last)
                && !known.iter().any(|n| last.contains(n.as_str()))
                && let [(word, _), (_, then), ..] = crate::persons::tag(last).as_slice()
                && (2..=3).contains(&word.chars().count())
                && last.starts_with(word.as_str())
                // …谷雨给予通报表扬: a verb goes on after the name.
                && ["v", "d", "p"].iter().any(|t| then.starts_with(t))
            {
                *last = &last[..word.len()];
            }
            let named = items.iter().filter(|i| known.contains(**i)).count();
            if !(sign_in && named >= 1) && (named < 2 || named * 2 < items.len()) {
                continue;
            }
            for item in items {
                let n = item.chars().count();
                if (2..=4).contains(&n)
                    && !known.contains(item)
                    && !officers.contains(item)
                    && !item.ends_with(|c: char| {
                        "村镇乡区县市局队所站院校店厂司会组河湖路街桥港湾岛渠沟".contains(c)
                    })
                {
                    out.insert(item.to_string());
                }
            }
        }
    }
    out
}

/// The number before an item of a numbered list (1. 2、 3）, 1号), where a space, a
/// comma or a colon stood before it.
fn enumerators_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(r"(?:^|[　 ，,：:])[0-9０-９]{1,2}[.．、)）号]\s*")
            .expect("constant pattern")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_before_a_group_word_is_of_persons() {
        let got = grouped_names("当天在场的还有向阳、田园两人，均看见了。");
        assert!(got.contains("向阳") && got.contains("田园"), "{got:?}");
        let got = grouped_names("联名写信的是春雨、晓光和我。");
        assert!(got.contains("春雨") && got.contains("晓光"), "{got:?}");
        let got = grouped_names("近日，苏和、娜仁花夫妇主动拆除了违建棚。");
        assert!(got.contains("苏和") && got.contains("娜仁花"), "{got:?}");
    }

    #[test]
    fn words_for_persons_and_longer_runs_are_not() {
        assert!(grouped_names("由父母、子女等人共同承担。").is_empty());
        assert!(grouped_names("当事人、委托代理人两人到场。").is_empty());
        assert!(grouped_names("执法人员张某、李某两人").is_empty());
        assert!(grouped_names("工会、共青团、妇联等人民团体").is_empty());
        assert!(grouped_names("水泥、沙子和我们的车都在路口。").is_empty());
    }
}
