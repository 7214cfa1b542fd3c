//! Names mentioned in informal records with no role word, shown by how they are said:
//! donors listed with their sums (爱心捐款：余晖500元、向阳300元), a person introduced
//! as 那个叫金城的, a person spoken to at the start of a transcript (高山你先把车挪开),
//! and a byname pointed at (那个“黑皮”先动的手).

use std::collections::BTreeSet;
use std::sync::OnceLock;

use regex::Regex;

use crate::names::surname_of;
use crate::patterns::han;

/// Words of a line that lists donors or those given money.
const GIVING: &[&str] = &["捐款", "捐赠", "捐助", "爱心", "善款", "认捐", "慰问金"];

/// Ends of a body's name: a donor that is a body stays.
const BODY_ENDS: &[&str] = &[
    "公司", "局", "店", "部", "厂", "中心", "单位", "社", "所", "队", "村", "组", "会", "院", "校",
    "行", "委", "办", "站",
];

fn donor_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    crate::patterns::re(&R, r"([\p{Han}]{2,3})[0-9０-９]+(?:\.[0-9]+)?(?:元|万元)")
}

/// Donors of a list of gifts: two or more names each with a sum, in a line about giving.
fn donors(text: &str, out: &mut BTreeSet<String>) {
    for line in text
        .lines()
        .filter(|l| GIVING.iter().any(|w| l.contains(w)))
    {
        // Each item stands between separators (：余晖500元、向阳300元，; 【公示】余晖500元).
        let found: Vec<&str> = donor_re()
            .captures_iter(line)
            .filter_map(|c| c.get(0).zip(c.get(1)))
            .filter(|(whole, _)| {
                line[..whole.start()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| "：:、，,；; 　\t】".contains(c))
                    && line[whole.end()..]
                        .chars()
                        .next()
                        .is_none_or(|c| "、，,；;。 　\t".contains(c))
            })
            .map(|(_, m)| m.as_str())
            .filter(|n| {
                surname_of(n).is_some_and(|s| s.len() < n.len())
                    && !BODY_ENDS.iter().any(|w| n.ends_with(w))
                    && !crate::cues::COMMON_WORDS.contains(n)
                    && !n.contains('某')
            })
            .collect();
        if found.len() >= 2 {
            out.extend(found.into_iter().map(str::to_string));
        }
    }
}

fn called_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    crate::patterns::re(
        &R,
        r"(?:那个|这个|一个|有个|个)(?:名)?叫([\p{Han}]{2,3}?)的(?:[，,]|人|男|女|他|她|小伙|老板|老头|老太|师傅|司机|租客|房客)",
    )
}

/// A person introduced by name: 我要投诉那个叫金城的，他….
fn called(text: &str, out: &mut BTreeSet<String>) {
    for c in called_re().captures_iter(text) {
        if let Some(m) = c.get(1)
            && surname_of(m.as_str()).is_some_and(|s| s.len() < m.as_str().len())
            && !m.as_str().contains('某')
        {
            out.insert(m.as_str().to_string());
        }
    }
}

/// Parts of speech of words that are never a person spoken to (明天你, 现在你, 马上你).
fn no_addressee(word: &str) -> bool {
    crate::persons::tag(word)
        .iter()
        .any(|(_, t)| ["t", "d", "r", "c", "p", "v", "m", "q", "f", "a"].contains(&t.as_str()))
}

/// A person spoken to at the start of a line of a transcript or a quotation: the name,
/// then 你 (【执法记录仪】高山你先把车挪开).
fn spoken_to(text: &str, out: &mut BTreeSet<String>) {
    for (i, _) in text.match_indices('你') {
        if text[i..].starts_with("你们") {
            continue;
        }
        let run = crate::patterns::han_run_before(&text[..i], 4);
        if !(2..=3).contains(&run.chars().count()) {
            continue;
        }
        let start = i - run.len();
        let opens = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| matches!(c, '\n' | '】' | '“' | '"' | '：' | ':'));
        if opens
            && surname_of(run).is_some_and(|s| s.len() < run.len())
            && !crate::informal::ADDRESS_FORMS.contains(&run)
            && !crate::nouned::person_noun(run)
            && !crate::cues::COMMON_WORDS.contains(&run)
            && !crate::cues::KIN.contains(&run)
            && !no_addressee(run)
        {
            out.insert(run.to_string());
        }
    }
}

/// What follows a byname pointed at with 那个: a name, or what the person did.
const DOING: &[&str] = &[
    "先",
    "又",
    "就",
    "说",
    "把",
    "跟",
    "和",
    "也",
    "天天",
    "总",
    "老是",
    "经常",
    "还",
    "动手",
    "打",
    "到现在",
    "一直",
];

fn pointed_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    crate::patterns::re(
        &R,
        r#"(?:那个|这个|看见|看到|包工头|工头|老板|隔壁的|邻居|楼上的|楼下的|对门的)[“"‘「]([\p{Han}]{2,3})[”"’」]"#,
    )
}

/// A byname asked about or told of in talk: 你和“刀疤”是什么关系, 你认识“四眼”吗, 一个叫
/// “大刘”的在场.
fn asked_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    crate::patterns::re(
        &R,
        r#"(?:你和|我和|他和|她和|你跟|认识|一个叫|有个叫|那个叫|外号叫|绰号叫)[“"‘「]([\p{Han}]{2,3})[”"’」](?:是什么关系|是谁|吗|的在场|的人|的男|的女|在场)"#,
    )
}

/// A byname asked about or told of (你认识“四眼”吗).
fn asked(text: &str, out: &mut BTreeSet<String>) {
    for c in asked_re().captures_iter(text) {
        if let Some(m) = c.get(1)
            && !crate::nouned::person_noun(m.as_str())
        {
            out.insert(m.as_str().to_string());
        }
    }
}

/// A byname pointed at: 那个“黑皮”先动的手, 那个“刺头”李二毛.
fn pointed(text: &str, out: &mut BTreeSet<String>) {
    for c in pointed_re().captures_iter(text) {
        let (Some(whole), Some(m)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let after = &text[whole.end()..];
        let named = crate::names::person_name(after).is_some();
        if (named || DOING.iter().any(|w| after.starts_with(w)))
            && !crate::nouned::person_noun(m.as_str())
        {
            out.insert(m.as_str().to_string());
        }
    }
}

/// Where a person stands in a sentence: a word before and what may follow (an empty
/// string: the clause ends). 去问高峰。, 让海燕直接去…, 由黎明一次性赔偿…, 是高峰把渣土….
const SLOTS: &[(&str, &[&str])] = &[
    ("问", &["", "到了", "一下"]),
    ("找了", &["三次", "两次", "几次", "好几次"]),
    ("找", &["", "谈话", "商量"]),
    ("让", &["去", "来", "直接", "帮", "先"]),
    ("叫上", &["", "一起"]),
    ("告诉", &[""]),
    ("交给", &["", "转交", "由"]),
    ("交给了", &["", "转交", "由"]),
    ("去接", &[""]),
    ("认识", &[""]),
    ("推了", &["一下"]),
    ("向", &["借", "讨要"]),
    ("和", &["一起"]),
    ("与", &["一起"]),
    ("跟", &["一起"]),
    ("我和", &["", "一起"]),
    ("由", &["一次性", "赔偿", "支付"]),
    ("是", &["把", "开的", "让我", "叫我", "搭的"]),
    ("返还", &["垫付"]),
    ("转给", &["", "办理"]),
    ("第一名", &[""]),
    ("第二名", &[""]),
    ("第三名", &[""]),
];

/// What a person does right after the name at the head of a clause (和平说, 高峰来信反映).
const SAYS: &[&str] = &["说", "来信", "一边", "本人", "同意", "常挂", "一个人"];

/// Words of two letters that open with a surname but are no one's name in a slot.
const NOT_SLOTTED: &[&str] = &[
    "明天", "今天", "后天", "昨天", "前天", "大家", "别人", "人家",
];

/// Whether `w` (two letters) may be a given name used alone or a name that is also a
/// word (高峰, 建国, 夏天): it opens with a surname and its second letter is likelier in
/// names than in prose, or both its letters read as a given name's.
fn name_like(w: &str) -> bool {
    let mut cs = w.chars();
    let (Some(_), Some(second), None) = (cs.next(), cs.next(), cs.next()) else {
        return false;
    };
    // A given name used alone (建国, 永红, 春花) need not open with a surname.
    w.chars().all(han)
        && (surname_of(w).is_some_and(|s| s.chars().count() == 1)
            && (crate::likely::given_likelihood(second) >= 0.5
                || crate::likely::common_given(second))
            || crate::likely::given_like_pair(w))
        && !NOT_SLOTTED.contains(&w)
        // 由其本人…, 向该…, 和姐说过: a pronoun or a kin title after a preposition that is
        // also a surname.
        && !"其之此该这那某各本姐哥叔婶姨嫂爷奶伯舅妈爸".contains(second)
        && !crate::informal::ADDRESS_FORMS.contains(&w)
        && !crate::nouned::person_noun(w)
        && !crate::cues::KIN.contains(&w)
        && !crate::cues::COMMON_WORDS.contains(&w)
}

/// Names of two letters that stand where a person does (去问高峰。, 高山和夏天一起来).
fn slotted(text: &str, out: &mut BTreeSet<String>) {
    let idx: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    for (k, &i) in idx.iter().enumerate() {
        let e = match idx.get(k + 2) {
            Some(&e) => e,
            None if k + 2 == idx.len() => text.len(),
            None => continue,
        };
        let w = &text[i..e];
        let before = &text[..i];
        let after = &text[e..];
        let ends = after.chars().next().is_none_or(|c| !han(c));
        let in_slot = SLOTS.iter().any(|(b, afters)| {
            before.ends_with(b)
                && afters.iter().any(|a| {
                    if a.is_empty() {
                        ends
                    } else {
                        after.starts_with(a)
                    }
                })
        });
        // At the head of a clause: 和平说…, 高峰来信反映…, 高山和夏天一起来….
        let head = before
            .chars()
            .next_back()
            .is_none_or(|c| "\n】：:“\"，,。；;".contains(c))
            || [
                "会后", "后来", "当时", "随后", "上午", "下午", "晚上", "今天", "昨天",
            ]
            .iter()
            .any(|t| before.ends_with(t));
        let pair = after
            .strip_prefix('和')
            .filter(|r| {
                r.char_indices()
                    .nth(2)
                    .is_some_and(|(j, _)| name_like(&r[..j]) && r[j..].starts_with("一起"))
            })
            .is_some();
        // 和金秋、海燕去新邱区吃了烧烤: two after 和 or 跟, then where they went.
        let second = after
            .strip_prefix('、')
            .and_then(|r| r.char_indices().nth(2).map(|(j, _)| (&r[..j], &r[j..])))
            .filter(|(second, rest)| {
                name_like(second)
                    && ["去", "来", "一起", "到"]
                        .iter()
                        .any(|w| rest.starts_with(w))
            });
        if let Some((second, _)) = second
            && ["和", "跟"].iter().any(|b| before.ends_with(b))
            && name_like(w)
        {
            out.insert(w.to_string());
            out.insert(second.to_string());
        }
        // The slot is asked first: far fewer places stand in one than open with a surname.
        if (in_slot || pair || head && SAYS.iter().any(|s| after.starts_with(s))) && name_like(w) {
            out.insert(w.to_string());
        }
    }
}

/// Words that open a spoken sentence before a comma and 你 and name no one (那么，你…).
const OPENERS: &[&str] = &[
    "那么", "同时", "所以", "于是", "然后", "但是", "而且", "因此", "其实", "现在", "今天", "明天",
    "后来", "当时", "另外", "首先", "其次", "最后", "总之", "如果", "虽然", "不过", "好的", "是的",
    "对了", "行了", "算了", "好了", "你好", "您好", "同志", "领导", "老乡", "各位", "大家", "朋友",
    "谢谢", "喂喂", "哎呀", "没事", "不是", "这样", "那样", "这个", "那个", "还有", "还是", "要是",
    "万一", "记住", "注意", "听着", "放心", "别急", "别怕", "快点", "小心", "警官", "同学", "老师",
    "医生", "师父", "老弟", "老兄", "兄弟", "姐妹", "美女", "帅哥", "小伙", "姑娘", "孩子", "宝贝",
];

/// A person spoken to at the head of what is said (“黑皮，你叫上…”, “黑子，你妈呢？”):
/// two letters at the start of a quotation or a line, a comma, then 你 or 您.
/// They are called names (`Finder::called_names`): masked only where they stand as words
/// of their own (“文静，你过来。” but 她性格文静).
pub(crate) fn vocatives(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in text.match_indices("，你").chain(text.match_indices("，您")) {
        let Some((k, _)) = text[..i].char_indices().rev().nth(1) else {
            continue;
        };
        let w = &text[k..i];
        let opens = text[..k]
            .chars()
            .next_back()
            .is_none_or(|c| matches!(c, '\n' | '“' | '"' | '「' | '：' | ':' | '】'));
        if opens
            && w.chars().all(han)
            && !OPENERS.contains(&w)
            && !crate::informal::ADDRESS_FORMS.contains(&w)
            && !crate::nouned::person_noun(w)
            && !crate::cues::KIN.contains(&w)
            && !crate::cues::COMMON_WORDS.contains(&w)
        {
            out.insert(w.to_string());
        }
    }
    out
}

/// A relative named by a byname, what is theirs after it (这摊子是我表哥胖子的，…).
fn kin_byname_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    crate::patterns::re(
        &R,
        r#"(?:表哥|表弟|表姐|表妹|堂哥|堂弟|堂姐|堂妹|哥哥|弟弟|姐夫|妹夫|大哥|二哥|三哥|小舅子|舅舅|叔叔|侄子|外甥)([\p{Han}]{2})的[，,。；;”"]"#,
    )
}

fn kin_byname(text: &str, out: &mut BTreeSet<String>) {
    for c in kin_byname_re().captures_iter(text) {
        let Some(m) = c.get(1) else { continue };
        let w = m.as_str();
        if !w.contains(['家', '里', '那', '这', '边', '们'])
            && !crate::nouned::person_noun(w)
            && !crate::cues::KIN.contains(&w)
            && !crate::cues::COMMON_WORDS.contains(&w)
            && ![
                "朋友", "同学", "同事", "媳妇", "老婆", "孩子", "东西", "车子", "房子",
            ]
            .contains(&w)
        {
            out.insert(w.to_string());
        }
    }
}

/// Names mentioned in informal records without a role word.
pub(crate) fn mentioned_names(text: &str, out: &mut BTreeSet<String>) {
    kin_byname(text, out);
    asked(text, out);
    donors(text, out);
    called(text, out);
    spoken_to(text, out);
    pointed(text, out);
    slotted(text, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn got(text: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        mentioned_names(text, &mut out);
        out
    }

    #[test]
    fn donors_with_sums() {
        let g = got("爱心捐款名单：林晓500元、白雪200元、区城管局3000元");
        assert!(g.contains("林晓") && g.contains("白雪"), "{g:?}");
        assert!(!g.iter().any(|n| n.contains('局')), "{g:?}");
        // One sum is no list; a line about no gift is none.
        assert!(got("罚款：王明500元。").is_empty());
    }

    #[test]
    fn called_by_name() {
        assert!(got("我要投诉那个叫金城的，他不交租。").contains("金城"));
    }

    #[test]
    fn spoken_to_at_a_line_start() {
        assert!(got("【录音】高山你先把车挪开。").contains("高山"));
        assert!(got("明天你再来一趟。").is_empty());
        assert!(got("师傅你好。").is_empty());
    }

    #[test]
    fn names_that_are_words_where_a_person_stands() {
        let g =
            got("找不到就去问高峰。今天上午高山和夏天一起来窗口交了罚款。会后和平说要再核一遍。");
        for n in ["高峰", "高山", "夏天", "和平"] {
            assert!(g.contains(n), "{n} {g:?}");
        }
        // No slot, or a word whose second letter no name has: none.
        assert!(got("高峰期车流量大。").is_empty());
        assert!(got("文书交给了公司。").is_empty());
        assert!(got("明天说好了再来。").is_empty());
    }

    #[test]
    fn a_byname_pointed_at() {
        assert!(got("是那个“黑皮”先动的手。").contains("黑皮"));
        assert!(got("那个“违建”已经拆了。").is_empty());
        assert!(got("包工头“大胡子”到现在还躲着。").contains("大胡子"));
        assert!(got("隔壁的“愣头青”又在楼道烧纸。").contains("愣头青"));
        assert!(got("楼上那个‘瘦猴’又在阳台烧纸。").contains("瘦猴"));
    }
}
