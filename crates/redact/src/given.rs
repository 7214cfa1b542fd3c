//! Given names used alone: after 名叫/叫做 (名叫晓彤), and the given name of a person
//! already named in full (张建国 …, 建国称), of a dotted name (艾尔肯·吐尔逊 → 艾尔肯)
//! and the first or family name of a Latin one; given names called or told of in a
//! quoted message (“秀梅，…”, “你跟文静说…”) and children's doubled names (孙子浩浩);
//! given names alone between 让/替 and 把 or after 叫上 (`given_alone`, read by `likely`).

use crate::patterns::han;
use std::collections::BTreeSet;

use crate::informal::NOT_GIVEN;
use crate::names::{NAME_STOP, surname_of};
use crate::{Finder, Kind};

/// Verbs a person's given name alone follows in talk (让立新替…, 去问文静。, 是高峰把…).
const GIVEN_BEFORE: &str = "让叫替帮找问是";

/// What follows a given name alone between persons' doings (…替凤英把车挪开).
const GIVEN_AFTER: &str = "把替帮去来给跟和";

/// Given names alone, two letters each likely in a given name, between a verb whose
/// object is a person and a word of what the person does (“让立新替凤英把三轮车挪开”),
/// or after 问/找 closing a sentence (不信你们去问文静。). Words for persons (朋友,
/// 师傅) and kin are none.
pub(crate) fn given_alone(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, v) in text.char_indices() {
        if !GIVEN_BEFORE.contains(v) {
            continue;
        }
        let rest = &text[i + v.len_utf8()..];
        let given: String = rest.chars().take(2).collect();
        let next = rest[given.len()..].chars().next();
        let closes = "问找".contains(v) && next.is_some_and(|c| "。！？”，".contains(c));
        if lone_given(&given)
            && surname_of(&given).is_none_or(|x| x.len() == 3)
            && (next.is_some_and(|c| GIVEN_AFTER.contains(c)) || closes)
        {
            out.insert(given);
        }
    }
    // 叫上文静，把执照带上: whom one calls along is a person; two letters, each likely
    // in a given name (or a surname and one), closed by punctuation or 和.
    for w in ["叫上", "喊上", "约上"] {
        for (i, _) in text.match_indices(w) {
            let rest = &text[i + w.len()..];
            let given: String = rest.chars().take(2).collect();
            let next = rest[given.len()..].chars().next();
            if lone_given(&given) && next.is_some_and(|c| "，。、和".contains(c)) {
                out.insert(given);
            }
        }
    }
    out
}

/// Whether `given` can be a given name standing alone: two Han letters, each likely in a
/// given name, and no word for a person (朋友, 师傅) or a relative.
fn lone_given(given: &str) -> bool {
    given.chars().count() == 2
        && given.chars().all(han)
        && crate::likely::given_like(given)
        && !crate::nouned::person_noun(given)
        && !crate::cues::KIN.contains(&given)
}

impl Finder<'_> {
    /// Given names called or told of in a quoted message, and children's names of one
    /// letter said twice, wherever they stand as words of their own (not in a road, a
    /// place or a shop's sign): masked as 某某.
    pub(super) fn called_names(&mut self, called: &BTreeSet<String>) {
        let text = self.text;
        for name in called {
            for (s, _) in text.match_indices(name.as_str()) {
                let e = s + name.len();
                if crate::names::place_word_after(&text[e..])
                    || crate::signs::sign_follows(text, e)
                    || text[..s]
                        .chars()
                        .next_back()
                        .is_some_and(|c| han(c) && !"跟和给让叫喊找知诉".contains(c))
                        && !crate::cues::KIN.iter().any(|w| text[..s].ends_with(w))
                {
                    continue;
                }
                // Found already as if it had a surname (浩|某某): nothing of it stays.
                self.found
                    .retain(|m| !(m.kind == Kind::Name && m.start == s && m.end == e));
                self.push(
                    Kind::Name,
                    s,
                    e,
                    "某某".into(),
                    "以名字或小名称呼的自然人，隐去",
                );
            }
        }
    }

    /// A given name or a pet name after 名叫/叫做 (名叫晓彤，男的叫小慧), and the given
    /// name of a person already named in full used alone (张建国 …, 建国称): masked as
    /// 某某, since a given name keeps nothing of the surname to show.
    pub(super) fn given_names(&mut self, names: &BTreeSet<String>, officers: &BTreeSet<String>) {
        let text = self.text;
        let boundary_after = |e: usize| {
            text[e..]
                .chars()
                .next()
                .is_none_or(|c| !han(c) || NAME_STOP.contains(c) || "讲告让说称也还本".contains(c))
        };
        for w in ["名叫", "名字叫", "叫做", "叫"] {
            let mut from = 0;
            while let Some(k) = text[from..].find(w) {
                let s = from + k + w.len();
                from = s;
                let run: String = text[s..]
                    .chars()
                    .take_while(|c| han(*c) && !"的是在".contains(*c))
                    .take(4)
                    .collect();
                let n = run.chars().count();
                let pet = run.starts_with(['小', '阿']) && n == 2;
                // 名叫 and 叫做 name a person; 叫 alone only a pet name (叫小慧).
                let given = w != "叫" && n == 2 && surname_of(&run).is_none();
                if !(pet || given)
                    || run
                        .chars()
                        .any(|c| NAME_STOP.contains(c) || NOT_GIVEN.contains(c))
                    || !text[s + run.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| "，,。、；;）)”\"」 \n的".contains(c))
                {
                    continue;
                }
                self.push(
                    Kind::Name,
                    s,
                    s + run.len(),
                    "某某".into(),
                    "只写名字或小名的自然人，隐去",
                );
            }
        }
        // John Michael SMITH is called SMITH, Michael Thompson is called Michael: the
        // family or the first name of a Latin name alone.
        for name in names.iter().filter(|n| n.contains(' ') && n.is_ascii()) {
            if officers.contains(name) {
                continue;
            }
            let words: Vec<&str> = name.split(' ').filter(|w| w.len() >= 3).collect();
            for (k, f) in words
                .iter()
                .flat_map(|f| text.match_indices(*f).map(move |(k, _)| (k, *f)))
            {
                let prev = text[..k].chars().next_back();
                let next = text[k + f.len()..].chars().next();
                if prev.is_none_or(|c| !c.is_ascii_alphabetic() && c != ' ')
                    && next.is_none_or(|c| !c.is_ascii_alphabetic())
                {
                    self.push(
                        Kind::Name,
                        k,
                        k + f.len(),
                        "某某".into(),
                        "文书中已出现全名的自然人单独以姓氏指称，隐去",
                    );
                }
            }
        }
        for name in names {
            // 艾尔肯·吐尔逊 is called 艾尔肯: the part before the dot, as a given name.
            let (surname, given) = match name.split_once('·') {
                Some((first, _)) if first.chars().count() >= 2 && first.chars().all(han) => {
                    ("", first)
                }
                _ => match surname_of(name) {
                    Some(s) => (s, &name[s.len()..]),
                    // A surname outside the list (閤立新): the first of three characters.
                    None if name.chars().count() == 3 && name.chars().all(han) => {
                        name.split_at(name.chars().next().map_or(0, char::len_utf8))
                    }
                    None => continue,
                },
            };
            // A dotted name's first part may be long (阿不都热合曼·买买提 → 阿不都热合曼).
            let most = if surname.is_empty() { 8 } else { 4 };
            if !(2..=most).contains(&given.chars().count())
                || surname.is_empty() && given.chars().count() < 3
                || !surname.is_empty() && given.chars().count() != 2
                || !given.chars().all(han)
                || officers.contains(name)
                || officers.iter().any(|o| o.contains(given))
                // 黎阿婆, 王师傅: a form of address after the surname is no given name.
                || crate::informal::ADDRESS_FORMS.contains(&given)
            {
                continue;
            }
            // A given name that is also a word (国强, 建华) only where a person acts
            // right after it at the start of a clause (国强当场表示, 建华称).
            let word = crate::persons::dictionary_word(given);
            let mut from = 0;
            while let Some(k) = text[from..].find(given) {
                let s = from + k;
                let e = s + given.len();
                from = e;
                let before_ok = text[..s]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !han(c) || "叫称和与及跟同向给对让被找问".contains(c));
                if !surname.is_empty() && text[..s].ends_with(surname) || !before_ok {
                    continue;
                }
                let clause_start = text[..s].chars().next_back().is_none_or(|c| !han(c));
                let acts = clause_start
                    && [
                        "称", "说", "表示", "承认", "当场", "陈述", "提出", "认为", "回答", "拒绝",
                        "同意", "辩称", "介绍", "答", "于", "在",
                    ]
                    .iter()
                    .any(|v| text[e..].starts_with(v));
                // 那个人叫建新，: a naming verb before it names the person even when
                // the given name is also a word. A given name the dictionary does not
                // know opens a clause as its subject (“立新犯病时…).
                let named = text[..s].ends_with('叫') && boundary_after(e);
                // “建新说过…: a quotation opening with the given name as a word of its own.
                let quoted = text[..s].ends_with(['“', '"', '「'])
                    && crate::persons::cut(&text[s..].chars().take(8).collect::<String>())
                        .first()
                        .is_some_and(|w| w == given);
                // “秀芬面馆”: a shop's sign built on the given name stays.
                let sign = crate::signs::sign_follows(text, e);
                if !(acts
                    || named
                    || !sign && (quoted || !word && (boundary_after(e) || clause_start)))
                {
                    continue;
                }
                self.push(
                    Kind::Name,
                    s,
                    e,
                    "某某".into(),
                    "文书中已出现全名的自然人单独以名字指称，隐去",
                );
            }
        }
    }
}

/// Where a text message's words start: after a header that says so (【短信】,
/// 【短信·光山县城管】).
fn message_heads(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.match_indices('】')
        .filter_map(|(i, w)| {
            let open = text[..i].rfind('【')?;
            let han = crate::patterns::han;
            let head = &text[open..i];
            let message = ["短信", "微信", "群", "聊天"]
                .iter()
                .any(|m| head.contains(m));
            // 【短信·靖安县】【靖安县城市管理局】晓丽您好: the sender's tag after the header.
            let mut at = i + w.len();
            if message
                && text[at..].starts_with('【')
                && let Some(close) = text[at..].find('】')
            {
                at += close + '】'.len_utf8();
            }
            // 【…短信】通知卫东：您…: the message turns to its reader after 通知 or 致.
            if let Some(w) = ["通知", "致", "尊敬的"]
                .iter()
                .find(|w| text[at..].starts_with(**w))
            {
                at += w.len();
            }
            // 【微信聊天记录】二舅：小军，你…: a chat's line opens with its speaker, then the
            // words, which may call their reader.
            let label: String = text[at..].chars().take_while(|c| han(*c)).take(5).collect();
            let spoken = (1..=4).contains(&label.chars().count())
                && text[at + label.len()..].starts_with(['：', ':']);
            let after_label = spoken.then(|| {
                let colon = text[at + label.len()..]
                    .chars()
                    .next()
                    .map_or(1, char::len_utf8);
                at + label.len() + colon
            });
            // 【信访事项受理告知书】志勇：你于…: a letter to a person opens by calling them.
            let letter = ["告知书", "答复", "回复", "复函"]
                .iter()
                .any(|m| head.contains(m))
                && spoken
                && text[at + label.len()..]
                    .trim_start_matches(['：', ':'])
                    .starts_with(['你', '您']);
            let heads = if message {
                [Some(at), after_label]
            } else {
                [letter.then_some(at), None]
            };
            Some(heads.into_iter().flatten())
        })
        .flatten()
}

/// Given names called or told of inside a quoted message (“秀梅，…”, “你跟文静说…”):
/// masked as 某某, since nothing of a given name is a surname to keep.
pub(crate) fn called_given_names(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    called_in_quotes(text, &mut out);
    told_in_quotes(text, &mut out);
    doubled_pet_names(text, &mut out);
    told_given_names(text, &mut out);
    // “师傅，您贵姓？”: a form of address called out is no one's name.
    out.retain(|n| !crate::informal::ADDRESS_FORMS.contains(&n.as_str()));
    out
}

/// Words after which a person's name is told (后来才知道叫冬生，…; 他叫长城。).
const TOLD_NAME: &[&str] = &[
    "名叫",
    "叫做",
    "知道叫",
    "他叫",
    "她叫",
    "人叫",
    "个叫",
    "的叫",
];

/// A given name of two letters told after [`TOLD_NAME`] and closed by punctuation:
/// even a word of the dictionary is the person's name there. Relatives and words
/// asking or calling (叫什么, 叫救命) are none (forms of address are dropped for every
/// called name in [`called_given_names`]).
fn told_given_names(text: &str, out: &mut BTreeSet<String>) {
    for w in TOLD_NAME {
        for (i, _) in text.match_indices(w) {
            let rest = &text[i + w.len()..];
            let pair: String = rest.chars().take(2).collect();
            let closed = rest[pair.len()..]
                .chars()
                .next()
                .is_some_and(|c| "，。；、！？,;".contains(c));
            if pair.chars().count() == 2
                && pair.chars().all(crate::patterns::han)
                && closed
                && !pair
                    .chars()
                    .any(|c| "什么啥谁们声喊救命我你他她某".contains(c))
                && !crate::cues::KIN.contains(&pair.as_str())
                && !crate::particulars::MORE_KIN.contains(&pair.as_str())
            {
                out.insert(pair);
            }
        }
    }
}

/// A child's or a pet name of one letter said twice (浩浩, 甜甜) after a relative
/// (孙子浩浩（8岁）) or after 叫 (自称叫豆豆，11岁).
fn doubled_pet_names(text: &str, out: &mut BTreeSet<String>) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for k in 0..chars.len().saturating_sub(1) {
        let (i, a) = chars[k];
        let (_, b) = chars[k + 1];
        if a != b
            || !crate::patterns::han(a)
            || "某一二三四五六七八九十个天年月日人家常".contains(a)
        {
            continue;
        }
        let before = &text[..i];
        let after = chars.get(k + 2).map(|(_, c)| *c);
        let named = crate::cues::KIN.iter().any(|w| before.ends_with(w)) || before.ends_with('叫');
        if !named || !after.is_none_or(|c| !crate::patterns::han(c) || "在的是也还和跟".contains(c))
        {
            continue;
        }
        let pair = format!("{a}{b}");
        // 哥哥姐姐, 叫叔叔, 儿子刚刚…: relatives, forms of address and adverbs.
        let tag = crate::persons::tag(&pair);
        let plain = crate::cues::KIN.contains(&pair.as_str())
            || crate::particulars::MORE_KIN.contains(&pair.as_str())
            || crate::informal::ADDRESS_FORMS.contains(&pair.as_str())
            || ["爸爸", "妈妈", "爷爷", "奶奶", "宝宝", "姥姥"].contains(&pair.as_str())
            || [
                "慢慢", "渐渐", "好好", "早早", "悄悄", "默默", "快快", "偷偷", "乖乖",
            ]
            .contains(&pair.as_str())
            || tag.len() == 1 && ["d", "t", "v", "m", "q"].contains(&tag[0].1.as_str());
        if !plain {
            out.insert(pair);
        }
    }
}

/// A given name called at the head of a quoted message (“秀梅，城管下午三点来…”): two
/// letters, then a comma, that jieba reads as a name or does not know as a word.
fn called_in_quotes(text: &str, out: &mut BTreeSet<String>) {
    // 【短信】建波：你在…: a text message opens by calling its reader too.
    let messages: BTreeSet<usize> = message_heads(text).collect();
    let quotes = text.match_indices(['“', '"']).map(|(i, q)| i + q.len());
    for at in quotes.chain(messages.iter().copied()) {
        let rest = &text[at..];
        let sms = messages.contains(&at);
        let two: String = rest.chars().take(2).collect();
        if two.chars().count() == 2
            && two.chars().all(crate::patterns::han)
            && (rest[two.len()..].starts_with(['，', ','])
                || sms
                    && (rest[two.len()..].starts_with(['：', ':'])
                        || rest[two.len()..].starts_with("您好")
                        || rest[two.len()..].starts_with("你好"))
                    && crate::likely::given_like(&two))
            && !two
                .chars()
                .any(|c| crate::cues::NOT_IN_NAME.contains(c) || "你我他她某".contains(c))
            && !crate::cues::KIN.contains(&two.as_str())
            && (crate::persons::tagged_person(&two)
                || !crate::persons::known_word(&two)
                // “建华，…: a noun of the dictionary whose letters are a given name's.
                || nounlike_given(&two))
        {
            out.insert(two);
        }
    }
}

/// Inside a quoted message, a given name between a word that turns to someone (跟, 让,
/// 叫, 通知) and what they are to say or do (说, 把, 去): “你跟文静说一声”, “让建军把车开走”.
/// Both letters must be likely in a given name, or jieba must not know the word.
fn told_in_quotes(text: &str, out: &mut BTreeSet<String>) {
    const TO: &[&str] = &["跟", "和", "给", "让", "叫", "喊", "找", "通知", "告诉"];
    const THEN: &[&str] = &[
        "说", "讲", "把", "将", "去", "来", "打", "联系", "商量", "赶紧", "马上", "替", "帮",
    ];
    for (i, _) in text.char_indices() {
        let Some(w) = TO.iter().find(|w| text[..i].ends_with(**w)) else {
            continue;
        };
        let two: String = text[i..].chars().take(2).collect();
        if two.chars().count() != 2
            || !two.chars().all(crate::patterns::han)
            || !THEN.iter().any(|t| text[i + two.len()..].starts_with(t))
            || two
                .chars()
                .any(|c| crate::cues::NOT_IN_NAME.contains(c) || "你我他她某大家人们".contains(c))
            || crate::cues::KIN.contains(&two.as_str())
            || crate::informal::ADDRESS_FORMS.contains(&two.as_str())
            || !(inside_quotes(&text[..i - w.len()]) || in_message(text, i))
        {
            continue;
        }
        if nounlike_given(&two)
            || !crate::persons::known_word(&two) && crate::persons::tagged_person(&two)
        {
            out.insert(two);
        }
    }
}

/// Whether both letters of `two` are likely in a given name and jieba reads it, if at
/// all, as a noun (建华, 文静), not as a word of time or an adverb (明天, 马上).
fn nounlike_given(two: &str) -> bool {
    /// Nouns for people by relation or role whose letters are also a given name's.
    const PEOPLE: &[&str] = &[
        "朋友", "太太", "战友", "小弟", "娃娃", "英雄", "海军", "兄弟", "姐妹", "宝贝", "美女",
        "帅哥", "姑娘", "小伙", "老乡", "同学", "同事", "邻居", "师傅", "老师", "领导", "老板",
        "亲爱",
    ];
    !PEOPLE.contains(&two)
        && crate::likely::given_like(two)
        && crate::persons::tag(two)
            .first()
            .is_some_and(|(w, t)| w != two || t.starts_with('n'))
}

/// Whether byte `at` lies on a line that a text message's header opens (【短信…】).
fn in_message(text: &str, at: usize) -> bool {
    let start = crate::patterns::line_start(text, at);
    message_heads(&text[start..at]).next().is_some() && text[start..].starts_with('【')
}

/// Whether the end of `before` lies inside an open quotation (“… with no ” after it).
fn inside_quotes(before: &str) -> bool {
    // Only the last 240 bytes are looked at: a quotation opened further back is too far.
    let mut from = before.len().saturating_sub(240);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let near = &before[from..];
    let open = near.rfind(['“', '「', '"']);
    let close = near.rfind(['”', '」']);
    open.is_some_and(|o| close.is_none_or(|c| c < o))
}
