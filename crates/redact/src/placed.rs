//! Names with no cue of their own, whatever words they are, found by the place they
//! stand in: beside 我 as the speaker's companion (就我和杨柳，…; 我跟郑重一块儿…), as
//! a caller (钟情来电称…), as one whose home is told (向东家住在…), and as the winners
//! after a prize (二等奖夏天、易平安).

use std::collections::BTreeSet;

use crate::names::surname_of;
use crate::patterns::han;

/// Words that join the speaker to a companion.
const WITH_ME: &[&str] = &["我和", "我跟", "我与", "我同"];

/// What may follow the companion's name: punctuation, or what the two did together.
const TOGETHER: &[&str] = &[
    "一块", "一起", "一同", "俩", "两人", "两个", "都", "也", "合伙", "当时", "之间",
];

/// Words that follow a caller's or a visitor's name.
const CALLED_IN: &[&str] = &[
    "来电称",
    "来电反映",
    "来电说",
    "来电投诉",
    "来访称",
    "来访反映",
];

/// Prizes after which the winners are named.
const PRIZES: &[&str] = &[
    "特等奖",
    "一等奖",
    "二等奖",
    "三等奖",
    "优秀奖",
    "鼓励奖",
    "金奖",
    "银奖",
    "铜奖",
];

/// 等 and a count of households or persons after the last name of a list.
const COUNTED_AFTER: &[&str] = &[
    "等1", "等2", "等3", "等4", "等5", "等6", "等7", "等8", "等9", "等两", "等三", "等四", "等五",
    "等六", "等七", "等八", "等九", "等十",
];

/// What may follow a name at the end of its clause or joined to another.
const CLOSE_OR_JOIN: &[&str] = &["，", "。", "、", "和", "家", "说", "也"];

/// What follows a name at the head of a clause that only a person does (白雪一边说一边…;
/// 宋江和他媳妇; 马国福患精神分裂症多年).
const HEAD_DOES: &[&str] = &[
    "一边说",
    "说他明天",
    "说她明天",
    "和他媳妇",
    "和他老婆",
    "和她丈夫",
    "和他妻子",
    "和她老公",
    "患有",
    "患",
];

/// Words for persons that begin with a letter a surname may be (车主, 师傅), besides kin and
/// the nouns `nouned::person_noun` knows (孙子, 房东, 市民): no one's name.
const PERSON_WORDS: &[&str] = &[
    "房主",
    "车主",
    "师傅",
    "老板",
    "老师",
    "医生",
    "孩子",
    "同学",
    "对方",
    "大家",
    "家人",
    "爱人",
    "老伴",
    "有人",
    "本人",
    "家属",
    "城管",
    "物业",
    "社区",
    "民警",
    "警察",
    "司法",
    "双方",
    "当事人",
    "申请人",
    "举报人",
    "投诉人",
];

/// Whether `name` (a surname and one or two letters) may be a person's name here.
fn may_be_name(name: &str) -> bool {
    surname_of(name).is_some_and(|x| x.len() < name.len()) && plain_name(name)
}

/// Whether `name` (two or three letters) is no word for a person, kin or a form of
/// address, and has no letter a name never has.
fn plain_name(name: &str) -> bool {
    let n = name.chars().count();
    (2..=3).contains(&n)
        && name.chars().all(han)
        && !name
            .chars()
            .any(|c| crate::cues::NOT_IN_NAME.contains(c) || "你我他她某们".contains(c))
        && !PERSON_WORDS.contains(&name)
        && !crate::cues::KIN.contains(&name)
        && !crate::cues::COMMON_WORDS.contains(&name)
        && !crate::nouned::person_noun(name)
        && !crate::informal::ADDRESS_FORMS.contains(&name)
        // 向东 may be a direction, 同时 a conjunction: such a letter opens a name only
        // where jieba takes the word for one.
        && (!crate::informal::FUNCTION_SURNAMES.contains(name.chars().next().unwrap_or('和'))
            || crate::persons::tagged_person(name))
}

/// The first two and the first three letters of `rest`, as far as it goes.
fn prefixes(rest: &str) -> impl Iterator<Item = &str> {
    rest.char_indices()
        .map(|(k, _)| k)
        .chain([rest.len()])
        .skip(2)
        .take(2)
        .map(move |k| &rest[..k])
}

/// The name of two or three letters at the start of `rest` that `ends` accepts what
/// follows it; two letters are tried first.
fn name_before(rest: &str, ends: impl Fn(&str) -> bool) -> Option<&str> {
    prefixes(rest).find(|name| ends(&rest[name.len()..]) && may_be_name(name))
}

fn closes(after: &str) -> bool {
    after.is_empty() || after.starts_with(['，', ',', '、', '。', '；', ';', '！', '？'])
}

/// Names with no cue, found by where they stand (see the module's note).
pub(crate) fn placed_names(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for w in WITH_ME {
        for (i, _) in text.match_indices(w) {
            let rest = &text[i + w.len()..];
            if let Some(name) = name_before(rest, |after| {
                closes(after) || TOGETHER.iter().any(|t| after.starts_with(t))
            }) {
                out.insert(name.to_string());
            }
        }
    }
    for w in CALLED_IN {
        for (i, _) in text.match_indices(w) {
            // The caller opens the clause (21:40　钟情来电称…).
            let head = text[..i].rfind(|c: char| !han(c)).map_or(0, |k| {
                k + text[k..].chars().next().map_or(1, char::len_utf8)
            });
            let name = &text[head..i];
            if may_be_name(name) {
                out.insert(name.to_string());
            }
        }
    }
    // A name at the head of a clause (after punctuation, a quote or a speaker's colon)
    // before what only a person does.
    for w in HEAD_DOES {
        for (i, _) in text.match_indices(w) {
            let head = text[..i].rfind(|c: char| !han(c)).map_or(0, |k| {
                k + text[k..].chars().next().map_or(1, char::len_utf8)
            });
            let name = &text[head..i];
            // 患者, 安全隐患: no one falls ill there.
            if w.starts_with('患')
                && (text[i + w.len()..].starts_with('者') || name.ends_with('隐'))
            {
                continue;
            }
            if text[..head].ends_with(['，', '。', '；', '\n', '：', '”', '"'])
                && (may_be_name(name) || plain_name(name) && crate::likely::given_like(name))
            {
                out.insert(name.to_string());
            }
        }
    }
    for (i, _) in text.match_indices("家住在") {
        let head = text[..i].rfind(|c: char| !han(c)).map_or(0, |k| {
            k + text[k..].chars().next().map_or(1, char::len_utf8)
        });
        let name = &text[head..i];
        if (head == 0 || text[..head].ends_with(['，', '。', '；', '\n', '：']))
            && may_be_name(name)
        {
            out.insert(name.to_string());
        }
    }
    // 交给了红梅，红梅又给了…; 告知钟华，由钟华转告其父: the one handed to or told opens
    // the next clause.
    for w in ["给了", "交给", "转给", "递给", "借给", "告知", "通知"] {
        for (i, _) in text.match_indices(w) {
            let rest = text[i + w.len()..].trim_start_matches('了');
            let twice = prefixes(rest).find(|name| {
                let after = &rest[name.len()..];
                (may_be_name(name) || plain_name(name) && crate::likely::given_like(name))
                    && after
                        .strip_prefix(['，', ','])
                        .map(|r| r.strip_prefix('由').unwrap_or(r))
                        .and_then(|r| r.strip_prefix(*name))
                        .is_some_and(|r| {
                            r.starts_with(['又', '就', '再', '也', '便'])
                                || ["转告", "转交", "通知"].iter().any(|t| r.starts_with(t))
                        })
            });
            if let Some(name) = twice {
                out.insert(name.to_string());
            }
        }
    }
    // 与杨柳发生口角, 登记在丁香名下, 将黄金凤纳入农村低保, 隔壁的牛大力, 由高峰填写,
    // 请通知江山明天…: what only a person does, has or is.
    for (w, ends) in [
        ("隔壁的", CLOSE_OR_JOIN),
        ("对门的", CLOSE_OR_JOIN),
        ("由", &["填写", "代签", "转告", "签字确认", "驾驶"][..]),
        // 周春雨诉孙秋实民间借贷纠纷一案: the parties of a lawsuit.
        (
            "诉",
            &[
                "民间借贷",
                "买卖合同",
                "合同纠纷",
                "侵权",
                "离婚",
                "赡养",
                "劳动争议",
                "财产损害",
                "排除妨害",
                "相邻",
            ][..],
        ),
        (
            "打到",
            &["个人卡", "的卡", "卡上", "的银行卡", "的账户", "的微信"][..],
        ),
        (
            "打入",
            &[
                "的建行卡",
                "的银行卡",
                "的工行卡",
                "的农行卡",
                "的账户",
                "的微信",
            ][..],
        ),
        (
            "通知",
            &["明天", "今天", "后天", "明早", "马上", "尽快", "立即"][..],
        ),
        ("镇的", &["把", "将", "主动", "自愿", "为特困", "系"][..]),
        ("乡的", &["把", "将", "主动", "自愿", "为特困", "系"][..]),
        // …以及本县某镇的李春兰等11户: the last of the buyers counted.
        ("镇的", COUNTED_AFTER),
        ("乡的", COUNTED_AFTER),
        ("村的", COUNTED_AFTER),
        (
            "与",
            &["发生口角", "发生纠纷", "发生争执", "发生冲突", "发生矛盾"][..],
        ),
        ("和", &["发生口角", "发生纠纷", "发生争执"][..]),
        ("在", &["名下"][..]),
        (
            "将",
            &["纳入农村", "纳入城市", "纳入低保", "纳入最低", "纳入特困"][..],
        ),
    ] {
        for (i, _) in text.match_indices(w) {
            let rest = &text[i + w.len()..];
            if let Some(name) = name_before(rest, |after| ends.iter().any(|e| after.starts_with(e)))
            {
                out.insert(name.to_string());
            }
        }
    }
    for prize in PRIZES {
        for (i, _) in text.match_indices(prize) {
            let mut rest = text[i + prize.len()..].trim_start_matches(['：', ':']);
            let mut items = Vec::new();
            loop {
                let run: usize = rest
                    .chars()
                    .take_while(|c| han(*c))
                    .map(char::len_utf8)
                    .sum();
                let item = &rest[..run];
                // 慕容雪梅: four letters with a surname of two.
                let compound = item.chars().count() == 4
                    && surname_of(item).is_some_and(|x| x.chars().count() == 2);
                if !(may_be_name(item) || compound) {
                    items.clear();
                    break;
                }
                items.push(item);
                rest = &rest[run..];
                match rest.chars().next() {
                    Some('、') => rest = &rest['、'.len_utf8()..],
                    _ if closes(rest) || rest.starts_with('\n') => break,
                    _ => {
                        items.clear();
                        break;
                    }
                }
            }
            out.extend(items.into_iter().map(str::to_string));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::placed_names;

    #[test]
    fn names_where_only_a_person_stands() {
        let got = placed_names("答：就我和杨柳，还有她弟弟。“这片地是我跟郑重一块儿开出来的。”");
        assert!(got.contains("杨柳") && got.contains("郑重"), "{got:?}");
        let got = placed_names("21:40　钟情来电称其轿车被剐蹭。");
        assert!(got.contains("钟情"), "{got:?}");
        let got = placed_names("还有他表哥，向东家住在闸口那边。");
        assert!(got.contains("向东"), "{got:?}");
        let got = placed_names("获奖名单：一等奖谌志刚，二等奖夏天、易平安。");
        for n in ["谌志刚", "夏天", "易平安"] {
            assert!(got.contains(n), "{n}: {got:?}");
        }
    }

    #[test]
    fn words_for_persons_and_things_in_those_places_are_not() {
        assert!(placed_names("我和房东说好了，我跟孙子一起去。").is_empty());
        assert!(placed_names("市民来电称路灯不亮。有人来电反映噪声。").is_empty());
        assert!(placed_names("我们家住在三楼。").is_empty());
        assert!(placed_names("设一等奖1名、二等奖2名，一等奖奖金5000元。").is_empty());
        assert!(placed_names("我和城管说过。").is_empty());
    }
}
