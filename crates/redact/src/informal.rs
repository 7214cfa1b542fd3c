//! Persons named informally, the way letters, 12345 work orders and witness
//! statements name them: a surname alone (老板姓戴), a surname and a form of address
//! (孙师傅, 龚老太, 戴老三), a given name or a pet name after a relative (其妻小芳),
//! a transliterated name with a middle dot (丹尼尔·奥卡福), a name in Latin letters
//! after a role word (当事人：Daniel Okafor).

use std::collections::BTreeSet;

use crate::names::{NAME_STOP, surname_of};
use crate::{Finder, Kind};

/// Forms of address that follow a surname and stand for one person.
const ADDRESS_FORMS: &[&str] = &[
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
    "阿婆",
    "老汉",
    "老二",
    "老三",
    "老四",
    "老五",
    "老六",
    "先生",
    "女士",
    "小姐",
];

/// Surname characters that are far more often a word of their own before a form of
/// address (和师傅说, 向阿姨借).
const FUNCTION_SURNAMES: &str = "和向于从但都时让叫与及同";

/// Relatives and the like after which a given name or a pet name follows (其妻小芳).
const KIN: &[&str] = &[
    "其妻", "其夫", "妻子", "丈夫", "老公", "老婆", "爱人", "媳妇", "儿子", "女儿", "其子", "其女",
    "儿媳", "女婿", "孙子", "孙女", "母亲", "父亲", "哥哥", "弟弟", "姐姐", "妹妹", "其兄", "其弟",
    "其姐", "其妹", "之妻", "之夫", "之子", "之女",
];

/// Characters of a place or a number masked at the source (**路**弄**号), not a name.
const NOT_GIVEN: &str = "路街道巷弄号室楼栋幢村组区市县镇乡元年月日时分岁周某";

fn han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// A name in Latin letters at the start of `rest` (after a role word): two to four
/// words, each led by a capital, up to a bracket or punctuation.
pub(crate) fn latin_name(rest: &str) -> Option<String> {
    let run: &str = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_alphabetic() || matches!(c, ' ' | '-' | '\'' | '.')))
        .map_or(rest, |(i, _)| &rest[..i]);
    let run = run.trim_end();
    let words: Vec<&str> = run.split(' ').filter(|w| !w.is_empty()).collect();
    ((2..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(|c| c.is_ascii_uppercase())))
    .then(|| run.to_string())
}

/// Names found informally in `text`, to be masked wherever they appear: transliterated
/// names with a middle dot, given names and pet names after a relative.
pub(crate) fn informal_names(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
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
            let open = text[..s].rfind('《');
            let close = text[..s].rfind('》');
            if open.is_some_and(|o| close.is_none_or(|c| c < o)) {
                continue;
            }
            let name = text[s..e].trim_end_matches('·');
            if name.len() > i - s + '·'.len_utf8() {
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
        if KIN.iter().any(|w| text[..i].ends_with(w)) && c != '小' && c != '阿' && han(c) {
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
                    out.insert(word.clone());
                }
            }
        }
        // 其妻小芳, 老公阿四: 小/阿 and one character after a relative.
        if (c == '小' || c == '阿') && KIN.iter().any(|w| text[..i].ends_with(w)) {
            let Some(&(_, g)) = chars.get(k + 1) else {
                continue;
            };
            let next = chars.get(k + 2).map(|(_, c)| *c);
            if han(g)
                && !NAME_STOP.contains(g)
                && next.is_none_or(|n| !han(n) || NAME_STOP.contains(n) || "另也还平一".contains(n))
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
            if FUNCTION_SURNAMES.contains(c) {
                continue;
            }
            let Some(surname) = surname_of(&text[i..]) else {
                continue;
            };
            let rest = &text[i + surname.len()..];
            let Some(form) = ADDRESS_FORMS.iter().find(|f| rest.starts_with(**f)) else {
                continue;
            };
            let e = i + surname.len() + form.len();
            if crate::persons::sign_follows(text, e) {
                continue; // 王师傅面馆
            }
            // 先生/女士 after a full name (李文华先生): the surname is the name's last
            // character, not a surname used alone.
            if ["先生", "女士", "小姐"].contains(form)
                && text[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|p| han(p) && !"的位叫是向给找和与及被让请称对".contains(p))
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

    /// A given name or a pet name after 名叫/叫做 (名叫晓彤，男的叫小慧), and the given
    /// name of a person already named in full used alone (张建国 …, 建国称): masked as
    /// 某某, since a given name keeps nothing of the surname to show.
    pub(super) fn given_names(&mut self, names: &BTreeSet<String>, officers: &BTreeSet<String>) {
        let text = self.text;
        let boundary_after = |e: usize| {
            text[e..]
                .chars()
                .next()
                .is_none_or(|c| !han(c) || NAME_STOP.contains(c) || "讲告让说称也还".contains(c))
        };
        for w in ["名叫", "名字叫", "叫做", "叫"] {
            let mut from = 0;
            while let Some(k) = text[from..].find(w) {
                let s = from + k + w.len();
                from = s;
                let run: String = text[s..].chars().take_while(|c| han(*c)).take(4).collect();
                let n = run.chars().count();
                let pet = run.starts_with(['小', '阿']) && n == 2;
                // 名叫 and 叫做 name a person; 叫 alone only a pet name (叫小慧).
                let given = w != "叫" && n == 2 && surname_of(&run).is_none();
                if !(pet || given)
                    || run.chars().any(|c| NAME_STOP.contains(c) || NOT_GIVEN.contains(c))
                    || !text[s + run.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| "，,。、；;）)”\"」 \n".contains(c))
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
        for name in names {
            let Some(surname) = surname_of(name) else {
                continue;
            };
            let given = &name[surname.len()..];
            if given.chars().count() != 2
                || !given.chars().all(han)
                || officers.contains(name)
                || crate::persons::dictionary_word(given)
                || officers.iter().any(|o| o.contains(given))
            {
                continue;
            }
            let mut from = 0;
            while let Some(k) = text[from..].find(given) {
                let s = from + k;
                let e = s + given.len();
                from = e;
                let before_ok = text[..s].chars().next_back().is_none_or(|c| {
                    !han(c) || "叫称和与及跟同向给对让被找问".contains(c)
                });
                if text[..s].ends_with(surname) || !before_ok || !boundary_after(e) {
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
