//! Given names used alone: after 名叫/叫做 (名叫晓彤), and the given name of a person
//! already named in full (张建国 …, 建国称), of a dotted name (艾尔肯·吐尔逊 → 艾尔肯)
//! and the first or family name of a Latin one.

use crate::patterns::han;
use std::collections::BTreeSet;

use crate::informal::NOT_GIVEN;
use crate::names::{NAME_STOP, surname_of};
use crate::{Finder, Kind};

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
                    || crate::persons::sign_follows(text, e)
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
                let sign = crate::persons::sign_follows(text, e);
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
