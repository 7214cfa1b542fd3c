//! Persons named informally, the way letters, 12345 work orders and witness
//! statements name them: a surname alone (老板姓戴), a surname and a form of address
//! (孙师傅, 龚老太, 戴老三), a given name or a pet name after a relative (其妻小芳),
//! a transliterated name with a middle dot (丹尼尔·奥卡福), a name in Latin letters
//! after a role word (当事人：Daniel Okafor).

use crate::aliases::{REAL_NAME_WORDS, nick_char};
use crate::cues::KIN;
use crate::patterns::han;
use std::collections::BTreeSet;

use crate::latin::{
    latin_after_cues, latin_name_before, latin_with_nationality, named_with_particulars,
};
use crate::names::{NAME_STOP, surname_of};
use crate::{Finder, Kind};

/// A sibling's rank and a title after a surname (摊主“徐二姐”); alone (@二哥) they are
/// bynames, so they are not among the `ADDRESS_FORMS` no one is called by alone.
const RANKED_FORMS: &[&str] = &[
    "二姐", "三姐", "二哥", "三哥", "二嫂", "三嫂", "二叔", "三叔",
];

/// Forms of address that follow a surname and stand for one person.
pub(crate) const ADDRESS_FORMS: &[&str] = &[
    "老太太",
    "老爷子",
    "老板娘",
    "师傅",
    "老太",
    "老伯",
    "阿姨",
    "大爷",
    "大妈",
    "大娘",
    "大叔",
    "大姐",
    "大哥",
    "大嫂",
    "大伯",
    "大婶",
    "阿婆",
    // 走访独居老人田奶奶: a surname and a grandparent's title.
    "奶奶",
    "爷爷",
    "婆婆",
    "姥姥",
    "姥爷",
    "老汉",
    "老二",
    "老三",
    "老四",
    "老五",
    "老六",
    "先生",
    "女士",
    "姐",
    "哥",
    "小姐",
    "律师",
    // A private employer's or a company's people (调度刘经理, 老板欧阳总).
    "经理",
    "老板",
];

/// Surname characters that are far more often a word of their own before a form of
/// address (和师傅说, 向阿姨借).
pub(crate) const FUNCTION_SURNAMES: &str = "和向于从但都时让叫与及同由经师表堂";

/// Role words of the person who calls, writes or is named in a complaint, before a
/// surname and 女士/先生 (来电人向女士).
const CALLERS: &[&str] = &[
    "来电人",
    "举报人",
    "投诉人",
    "反映人",
    "来信人",
    "回访对象",
    "市民",
    "居民",
];

/// Characters of a place or a number masked at the source (**路**弄**号), not a name.
pub(crate) const NOT_GIVEN: &str = "路街道巷弄号室楼栋幢村组区市县镇乡元年月日时分岁周某";

/// A person named by a form of address or a nickname with the real name in brackets
/// after it (老包（包永年）, 钱先生（钱卫东）, "小安徽"（何安）, 倪阿大（大名倪国良）): both
/// name the person. Also the real name after 真名/大名, and the nicknames `nicknames`
/// finds.
fn bracketed_names(text: &str, out: &mut BTreeSet<String>) {
    for (i, c) in text.char_indices() {
        if c != '（' && c != '(' {
            continue;
        }
        let inner_start = i + c.len_utf8();
        let Some(close) = text[inner_start..].find(['）', ')']) else {
            continue;
        };
        let inner = &text[inner_start..inner_start + close];
        // （陆金娣，武定坊居民）: the name is the first part of the note.
        let inner = inner.split(['，', ',', '、']).next().unwrap_or(inner);
        // （户籍名王延年）, （原告称其真名为黑玉江）: the real name after a word that says
        // so, wherever it stands in the note.
        let real = REAL_NAME_WORDS
            .iter()
            .find_map(|w| inner.find(w).map(|k| &inner[k + w.len()..]));
        let closed_up = real.map(|r| r.replace([' ', '　'], ""));
        let inner = closed_up
            .as_deref()
            .or_else(|| inner.strip_prefix("即"))
            .unwrap_or(inner)
            .trim_start_matches(['：', ':', '为', '是', '叫']);
        // After 真名/户籍名 the note gives a name outright, whatever its surname.
        let outright =
            real.is_some() && (2..=4).contains(&inner.chars().count()) && inner.chars().all(han);
        let Some(name) = crate::names::person_name(inner)
            .filter(|n| n.len() == inner.len())
            .or_else(|| outright.then(|| inner.to_string()))
        else {
            continue;
        };
        if name.contains('某') {
            continue;
        }
        let surname = surname_of(&name).unwrap_or("");
        let before = &text[..i];
        // A nickname in quotation marks right before the bracket.
        if let Some(q) = before.strip_suffix(['”', '"', '」']) {
            let nick: String = q
                .chars()
                .rev()
                .take_while(|c| nick_char(*c))
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if (1..=5).contains(&nick.chars().count())
                && q[..q.len() - nick.len()].ends_with(['“', '"', '「'])
            {
                out.insert(nick);
            }
            out.insert(name);
            continue;
        }
        // Thomas Müller（中文名：穆同）: a name in Latin letters right before the bracket.
        if let Some(latin) = latin_name_before(before) {
            out.insert(latin);
            out.insert(name);
            continue;
        }
        let run: Vec<char> = crate::patterns::han_run_before(before, 5).chars().collect();
        // The reference: from the surname (or 老/小/阿 before it) to the bracket.
        let Some(pos) = run.iter().rposition(|c| surname.starts_with(*c)) else {
            // “胖哥（谷满仓）今天…: a nickname that opens a quotation, the name in
            // brackets after it, the quotation going on (not "信用中国（云南）", a
            // title quoted whole).
            let nick: String = run.iter().collect();
            let after = &text[inner_start + close..];
            let after = &after[after.chars().next().map_or(0, char::len_utf8)..];
            if (1..=4).contains(&run.len())
                && name.chars().count() >= 3
                && !after.starts_with(['”', '"', '」', '’'])
                && before[..before.len() - nick.len()].ends_with(['“', '"', '「', '‘'])
            {
                out.insert(nick);
                out.insert(name);
            }
            continue;
        };
        let mut from = pos;
        if from > 0 && crate::nicknames::ADDRESS_LEADS.contains(run[from - 1]) {
            from -= 1;
        }
        if run.last() == Some(&'氏') && from > 0 {
            from -= 1; // 邢王氏（王翠英）
        }
        let reference: String = run[from..].iter().collect();
        // 王记烧饼（王某某）: a shop's sign before its keeper's name, no form of address.
        let shop = reference.contains('记');
        if reference.chars().count() >= 2 && !shop {
            out.insert(reference);
        }
        out.insert(name);
    }
    // 真名刘建军, 大名叫倪国良: the real name named outright.
    for w in REAL_NAME_WORDS.iter().filter(|w| **w != "中文名") {
        for (i, _) in text.match_indices(w) {
            let rest =
                text[i + w.len()..].trim_start_matches(['叫', '是', '为', '：', ':', ' ', '　']);
            if let Some(name) = crate::names::person_name(rest).filter(|n| !n.contains('某')) {
                out.insert(name);
            }
        }
    }
    crate::nicknames::nicknames(text, out);
    crate::nicknames::bynames(text, out);
    crate::nicknames::old_and_marked(text, out);
    crate::nicknames::told_bynames(text, out);
}

/// The bounds of a name with a middle dot at byte `dot`, from the widest Han run
/// `s..e` around it: a relative or a role before it (妻子古丽娜尔·艾买提) and the
/// words of the sentence after it (买买提江·阿布都拉照看摊位) are not part of it.
fn dotted_bounds(text: &str, s: usize, dot: usize, e: usize) -> (usize, usize) {
    let left = &text[s..dot];
    let mut from = s;
    for w in crate::cues::CUE_BEFORE.iter().chain(KIN) {
        if let Some(k) = left.rfind(w) {
            from = from.max(s + k + w.len());
        }
    }
    for (k, c) in left.char_indices() {
        if "与和及的是由她他其为对向同跟人员主户长".contains(c) {
            from = from.max(s + k + c.len_utf8());
        }
    }
    let after = dot + '·'.len_utf8();
    // 居住房屋·货币补偿: words of the language on the left, a heading, not a name.
    let plain_words = crate::persons::cut(&text[from..dot])
        .iter()
        .any(|w| w.chars().count() >= 2 && crate::persons::dictionary_word(w));
    let mut to = after;
    for w in crate::persons::cut(&text[after..e]) {
        let n = w.chars().count();
        // The part after the dot is never empty: its first word (买买提) is the name's
        // even when the dictionary knows it.
        let first = to == after && !plain_words;
        if !first
            && (n >= 2 && crate::persons::dictionary_word(&w)
                || n == 1 && "的在是和与及称说当共等".contains(w.as_str())
                // 买买提·艾力之女, 阿依努尔·吾斯曼称其: a relation or a telling verb.
                || w.starts_with(['之', '称', '说']))
        {
            break;
        }
        to += w.len();
    }
    (from, to.max(after))
}

/// Whether a dotted name is an estate's or a building's brand: a place word after it
/// (小区, 花园, 业主委员会 …) or a place word ending its second part (和园, 雅苑).
fn estate_brand(name: &str, after: &str) -> bool {
    const PLACE_AFTER: &[&str] = &[
        "小区", "花园", "家园", "广场", "大厦", "公寓", "社区", "业主", "物业", "项目", "楼盘",
        "商业", "中心", "一期", "二期", "三期",
    ];
    PLACE_AFTER.iter().any(|w| after.starts_with(w))
        || name
            .rsplit('·')
            .next()
            .is_some_and(|p| p.ends_with(['园', '苑', '府', '城', '湾', '庭', '邸', '墅']))
}

/// A full name with 先生/女士/同志 at the start of a line or after punctuation, as a
/// letter addresses its reader (宁小川先生：) or a note names someone (，李建国先生反映).
fn addressed_names(text: &str, out: &mut BTreeSet<String>) {
    let titles = ["先生", "女士", "同志"];
    for i in titles
        .iter()
        .flat_map(|t| text.match_indices(t).map(|(i, _)| i))
    {
        let before = &text[..i];
        let run: String = before
            .chars()
            .rev()
            .take_while(|c| han(*c))
            .take(4)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        // Daniel Kowalski 先生：a name in Latin letters.
        if run.is_empty() {
            if let Some(latin) = latin_name_before(before) {
                out.insert(latin);
            }
            continue;
        }
        // The run must be the whole name: 2–4 characters from a line start or punctuation.
        if !(2..=4).contains(&run.chars().count()) {
            continue;
        }
        let start = i - run.len();
        let opens = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !han(c) && !c.is_alphanumeric());
        if !opens {
            continue;
        }
        if let Some(name) = crate::names::person_name(&text[start..])
            .filter(|n| n.len() == run.len() && !n.contains('某'))
        {
            out.insert(name);
        }
    }
}

/// Names found informally in `text`, to be masked wherever they appear: transliterated
/// names with a middle dot, given names and pet names after a relative.
pub(crate) fn informal_names(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    crate::standing::related_names(text, &mut out);
    bracketed_names(text, &mut out);
    crate::nicknames::titled_speakers(text, &mut out);
    addressed_names(text, &mut out);
    latin_after_cues(text, &mut out);
    latin_with_nationality(text, &mut out);
    named_with_particulars(text, &mut out);
    out.extend(crate::aliases::alias_names(text));
    crate::mentions::mentioned_names(text, &mut out);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        // 邢王氏, 倪杨氏杨梅芳: a married woman named by both surnames and 氏, and the
        // full name right after it.
        if c == '氏'
            && k >= 2
            && surname_of(&text[chars[k - 2].0..])
                .is_some_and(|x| x.len() == chars[k - 2].1.len_utf8())
            && surname_of(&text[chars[k - 1].0..])
                .is_some_and(|x| x.len() == chars[k - 1].1.len_utf8())
            && chars
                .get(k + 1)
                .is_none_or(|(_, n)| !"宗族家集企".contains(*n))
        {
            out.insert(text[chars[k - 2].0..i + c.len_utf8()].to_string());
            let rest = &text[i + c.len_utf8()..];
            if let Some(n) = crate::names::person_name(rest)
                && n.starts_with(chars[k - 1].1)
            {
                out.insert(n);
            }
        }
        // 丹尼尔·奥卡福: Han characters on both sides of a middle dot, outside a title.
        if c == '·' {
            let start = chars[..k]
                .iter()
                .rev()
                .take_while(|(_, c)| han(*c))
                .take(6)
                .last()
                .map(|(j, _)| *j);
            let end = chars[k + 1..]
                .iter()
                .take_while(|(_, c)| han(*c) || *c == '·')
                .take(10)
                .last()
                .map(|(j, c)| j + c.len_utf8());
            let (Some(s), Some(e)) = (start, end) else {
                continue;
            };
            if crate::conditions::in_title(text, s) {
                continue;
            }
            let (s, e) = dotted_bounds(text, s, i, e);
            let name = text[s..e].trim_end_matches('·');
            // 光谷·和园小区, 万科·城市花园: an estate's or a building's brand, not a name.
            if estate_brand(name, &text[e..]) {
                continue;
            }
            // 【12345工单·天台县】: a source and its county, not a transliterated name.
            if name
                .rsplit('·')
                .next()
                .is_some_and(|last| last.ends_with(['县', '市', '区', '旗', '镇', '乡', '州']))
            {
                continue;
            }
            if name.len() > i - s + '·'.len_utf8() && i - s >= 2 * '·'.len_utf8() {
                out.insert(name.to_string());
            }
            continue;
        }
        // **豪, ＊晓彤: a name the source masked but for part of the given name, after a
        // colon, a list separator or a bracket.
        if (c == '*' || c == '＊')
            && text[..i].chars().next_back().is_none_or(|p| {
                "：:、，,（(\n “\"「".contains(p) || KIN.iter().any(|w| text[..i].ends_with(w))
            })
        {
            let stars = chars[k..]
                .iter()
                .take_while(|(_, c)| *c == '*' || *c == '＊')
                .count();
            let given: String = chars[k + stars..]
                .iter()
                .take_while(|(_, c)| han(*c))
                .take(3)
                .map(|(_, c)| *c)
                .collect();
            let n = given.chars().count();
            if (1..=2).contains(&stars)
                && (1..=2).contains(&n)
                && !given
                    .chars()
                    .any(|c| NAME_STOP.contains(c) || NOT_GIVEN.contains(c))
            {
                let e = chars.get(k + stars + n).map_or(text.len(), |(j, _)| *j);
                out.insert(text[i..e].to_string());
            }
        }
        // 其妻昭君, 其兄李杜: after a relative, the first word if it is a name (tagged
        // nr, or unknown to the dictionary, or led by a surname).
        // A relative's word that goes on (老伴|儿, 外孙|女) ends after this character.
        // So does one that overlaps it (其妻|子: 妻子).
        let kin_goes_on = KIN.iter().any(|w| {
            text[..i].ends_with(w)
                && KIN.iter().any(|w2| {
                    w2.len() > w.len() && text[i - w.len()..].starts_with(w2)
                        || text[..i + c.len_utf8()].ends_with(w2)
                })
        });
        if KIN.iter().any(|w| text[..i].ends_with(w))
            && !kin_goes_on
            && c != '小'
            && c != '阿'
            && han(c)
        {
            let window: String = text[i..].chars().take(8).collect();
            let tags = crate::persons::tag(&window);
            if let Some((word, tag)) = tags.first() {
                let n = word.chars().count();
                let named = tag.starts_with("nr") || surname_of(word).is_some();
                if (2..=3).contains(&n)
                    && word.chars().all(han)
                    && !word.chars().any(|c| NAME_STOP.contains(c))
                    && (named || !crate::persons::known_word(word))
                    && !crate::persons::dictionary_word(word)
                    && surname_of(word).is_none_or(|x| x.len() < word.len())
                    && !window[word.len()..].starts_with('某')
                {
                    out.insert(third_letter(text, i, word.len()).to_string());
                } else if let Some(name) = crate::nouned::kin_full_name(&text[i..]) {
                    out.insert(name);
                }
            }
        }
        // 其妻小芳, 老公阿四: 小/阿 and one character after a relative; 徒弟小熊一起,
        // 看护人老周负责: 小/老 and a surname after a workmate or a relative.
        if (c == '小' || c == '阿' || c == '老')
            && KIN
                .iter()
                .chain(crate::cues::WORKMATES)
                .any(|w| text[..i].ends_with(w))
        {
            let Some(&(_, g)) = chars.get(k + 1) else {
                continue;
            };
            let next = chars.get(k + 2).map(|(_, c)| *c);
            // 小熊一起 is cut 小熊/一起; 小时候 is one word, no one's name.
            let surnamed =
                surname_of(&text[i + c.len_utf8()..]).is_some_and(|x| x.chars().count() == 1) && {
                    let window: String = text[i..].chars().take(6).collect();
                    // 侄孙小彭每天送饭: an adverb after the surname ends the pet name too.
                    crate::persons::cut(&window)
                        .first()
                        .is_some_and(|w| w.chars().count() == 2)
                        || next.is_none_or(|n| {
                            !han(n) || NAME_STOP.contains(n) || "每都也还又一代替帮陪".contains(n)
                        })
                };
            let kin = KIN.iter().any(|w| text[..i].ends_with(w));
            if han(g)
                && !NAME_STOP.contains(g)
                && (surnamed || c != '老' && kin)
                && (surnamed
                    || next.is_none_or(|n| {
                        !han(n) || NAME_STOP.contains(n) || "另也还平一".contains(n)
                    }))
            {
                out.insert(format!("{c}{g}"));
            }
        }
    }
    out
}

impl Finder<'_> {
    /// 姓戴 (a surname alone) and 孙师傅, 龚老太, 戴老三 (a surname and a form of
    /// address): the person is as identifiable as by a name.
    pub(super) fn informal_references(&mut self) {
        let text = self.text;
        let mut from = 0;
        while let Some(i) = text[from..].find('姓') {
            let at = from + i + '姓'.len_utf8();
            from = at;
            if text[..at - '姓'.len_utf8()].ends_with(['百', '同', '贵']) {
                continue; // 百姓, 同姓, 贵姓
            }
            let Some(surname) = surname_of(&text[at..]) else {
                continue;
            };
            let after = text[at + surname.len()..].chars().next();
            if after.is_none_or(|c| !han(c) || "的，是".contains(c)) {
                self.push(
                    Kind::Name,
                    at,
                    at + surname.len(),
                    "某".into(),
                    "只写姓氏的自然人（来信、来电中的当事人或第三人），隐去姓氏",
                );
            }
        }
        for (i, c) in text.char_indices() {
            // 来电人向女士称: after a caller's or a party's role word the character is the
            // surname, not a preposition.
            if FUNCTION_SURNAMES.contains(c)
                && !(CALLERS.iter().any(|w| text[..i].ends_with(w))
                    && ["女士", "先生"]
                        .iter()
                        .any(|f| text[i + c.len_utf8()..].starts_with(f)))
            {
                continue;
            }
            let Some(surname) = surname_of(&text[i..]) else {
                continue;
            };
            let rest = &text[i + surname.len()..];
            let Some(form) = RANKED_FORMS
                .iter()
                .chain(ADDRESS_FORMS)
                .find(|f| rest.starts_with(**f))
            else {
                continue;
            };
            let e = i + surname.len() + form.len();
            if crate::signs::sign_follows(text, e) {
                continue; // 王师傅面馆
            }
            // 他是我干哥, 认的干妈: kin by choice, no surname.
            if surname == "干"
                && ["哥", "姐", "爹", "妈", "弟", "妹", "爷", "奶", "娘"]
                    .iter()
                    .any(|k| form.starts_with(k))
            {
                continue;
            }
            // 公司经理, 担任经理: the surname closes a word before it.
            if ["经理", "老板"].contains(form)
                && text[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|p| han(p) && crate::persons::known_word(&format!("{p}{surname}")))
            {
                continue;
            }
            // 先生/女士 after a full name (李文华先生): the surname is the name's last
            // character, not a surname used alone.
            if ["先生", "女士", "小姐", "律师"].contains(form)
                && text[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|p| han(p) && !"的位叫是向给找和与及被让请称对".contains(p))
                && !crate::keeps::PUBLIC_ROLES
                    .iter()
                    .chain(CALLERS)
                    .any(|w| text[..i].ends_with(w))
            {
                continue;
            }
            self.push(
                Kind::Name,
                i,
                e,
                format!("{surname}某某"),
                "姓氏加称谓指称的自然人（如“某师傅”“某老太”），保留姓氏",
            );
        }
    }
}

/// A two-letter name jieba cut short before its third letter (赵子/恒运/至): where that
/// letter is much likelier in a given name than in prose and the one after it is not (or
/// opens a word with it), the name takes it (赵子恒).
fn third_letter(text: &str, start: usize, len: usize) -> &str {
    let end = start + len;
    let name = &text[start..end];
    let mut next = text[end..].chars();
    let (Some(c), Some(d)) = (next.next(), next.next()) else {
        return name;
    };
    let single = surname_of(name).is_some_and(|x| x.chars().count() == 1);
    if name.chars().count() == 2
        && single
        && han(c)
        && han(d)
        && !NAME_STOP.contains(c)
        && crate::likely::given_likelihood(c) >= 1.0
        && (cnwords::jieba().has_word(&format!("{c}{d}"))
            || crate::likely::given_likelihood(d) < 0.5)
        && !crate::persons::dictionary_word(&text[start..end + c.len_utf8()])
    {
        &text[start..end + c.len_utf8()]
    } else {
        name
    }
}
