//! Values the source masked in part. Names (马某涛, 张*明, 邬 某 某): published
//! decisions and registers often hide only one character of a name, which leaves the
//! rest to be read beside the full name elsewhere in the document; they are brought to
//! the one masked form, the surname and 某某. Mobiles (15*****2088, 188 9129 ****) still
//! show digits past the first three; they are brought to the mobile's masked form.
//! A would-be name read off such a mask, or off a first pass's (由王 before 王*海,
//! 母亲吴 before 吴某某), is none (moved here from names.rs).

use std::collections::BTreeSet;

use crate::names::{masked_name, surname_of};
use crate::patterns::{ascii_digit, han};
use crate::{Finder, Kind};

/// Marks a source uses for a hidden character.
const HIDDEN: &[char] = &['某', '*', '＊', '×'];

impl Finder<'_> {
    /// A known person's name with its middle character hidden (马文涛 → 马某涛, 马*涛);
    /// any surname with a character after a hidden mark (张*明, 李＊华); a masked name
    /// typed letter by letter (邬 某 某).
    pub(super) fn part_masked_names(
        &mut self,
        names: &BTreeSet<String>,
        officers: &BTreeSet<String>,
    ) {
        let text = self.text;
        let reason = "来源已部分遮蔽的自然人姓名，统一为姓氏加某某";
        // Each name's forms with its middle letter hidden (王*海), all found in one pass.
        let mut forms: Vec<(String, &String)> = Vec::new();
        for name in names.iter().filter(|n| !officers.contains(*n)) {
            let Some(surname) = surname_of(name) else {
                continue;
            };
            let given: Vec<char> = name[surname.len()..].chars().collect();
            if given.len() != 2 || !given.iter().all(|c| han(*c)) {
                continue;
            }
            for mark in HIDDEN {
                forms.push((format!("{surname}{mark}{}", given[1]), name));
            }
        }
        let keys: Vec<&str> = forms.iter().map(|(f, _)| f.as_str()).collect();
        for ((form, name), at) in forms.iter().zip(crate::occur::occurrences(text, &keys)) {
            for s in at {
                self.push(Kind::Name, s, s + form.len(), masked_name(name), reason);
            }
        }
        let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
        // An officer the source masked in part stays wherever the form stands (the hearing's
        // 主持人：邓*杰（执法证号…） also speaks as 邓*杰：…).
        // A name without a Han surname runs on past the shown letter (库*别克（执法证号…）).
        let officer_forms: BTreeSet<&str> = part_masked_re()
            .find_iter(text)
            .map(|m| {
                let e = if surname_of(m.as_str()).is_some() {
                    m.end()
                } else {
                    unsurnamed_tail(text, m.end())
                };
                (m.start(), e)
            })
            .filter(|&(s, e)| crate::officerslot::officer_slot(text, s, e))
            .map(|(s, e)| &text[s..e])
            .collect();
        for c in part_masked_re().captures_iter(text) {
            let (Some(all), Some(sur)) = (c.get(0), c.get(1)) else {
                continue;
            };
            let before = text[..all.start()].chars().next_back();
            let after = text[all.end()..].chars().next();
            let spaced = all.as_str().ends_with('某');
            // A star hides a letter only in a name (村委会主任高*明提供, 乙方马*龙自愿): a
            // Han letter may stand before it and after it, unless the shown letter is a
            // word's (王*称, 李*在).
            let starred = all.as_str().contains(['*', '＊']);
            let star_letter_ok = all.as_str().chars().next_back().is_some_and(|l| {
                !crate::cues::NOT_IN_NAME.contains(l) && !STAR_NOT_GIVEN.contains(l)
            });
            // A person word right before (家属张*军, 未成年人熊某杰) may be glued to it.
            let noun = crate::nouned::after_person_word(&text[..all.start()]);
            // 熊某杰: the last letter must be a given name's, and the context a person's
            // (not 于某日, 在某处).
            let middle = c.get(2).map(|g| {
                g.as_str().chars().all(|l| {
                    !crate::cues::NOT_IN_NAME.contains(l)
                        && !"某日时处地年月天种些个项次位名人单".contains(l)
                })
            });
            // 管护员拉*加巡护, 群众德*卓玛反映: a name without a Han surname masked in
            // part at the source, after a person's word or standing apart.
            let surnamed = surname_of(sur.as_str()).is_some();
            if !surnamed && starred && star_letter_ok {
                // A word for a person ends with 员, 人, 户, 工, 长, 众, 民 or 者 (护林员扎*多吉).
                let e = unsurnamed_tail(text, all.end());
                if person_stands_before(&text[..all.start()])
                    && !officer_forms.contains(&text[all.start()..e])
                {
                    self.push(Kind::Name, all.start(), e, "某某".into(), reason);
                }
                continue;
            }
            if !surnamed
                || starred && !star_letter_ok
                || before.is_some_and(han) && !noun && !starred
                || middle == Some(false)
                || middle.is_some()
                    && !noun
                    && !before.is_none_or(|b| "：:、，,（(“\"\n ".contains(b))
                || !spaced && after.is_some_and(|c| HIDDEN.contains(&c))
                || !spaced && !starred && after.is_some_and(han)
                // 承办人：邓*杰（执法证号…）: an officer the source masked in part stays
                // as the source gave it.
                || officer_forms.contains(all.as_str())
            {
                continue;
            }
            self.push(
                Kind::Name,
                all.start(),
                all.end(),
                format!("{}某某", sur.as_str()),
                reason,
            );
            if !spaced {
                seen.insert((all.as_str().to_string(), format!("{}某某", sur.as_str())));
            }
        }
        // A part-masked name found once is the person's wherever it recurs, inside a
        // sentence too (广告由熊某杰在其…张贴), and so is the full name it hides where the
        // document gives it unmasked (马*龙 … 乙方马小龙).
        for (form, rep) in &seen {
            let letters: Vec<char> = form.chars().collect();
            if let [sur, _, last] = letters[..] {
                for (s, full) in text.match_indices(sur) {
                    let rest: Vec<char> = text[s + full.len()..].chars().take(2).collect();
                    if let [mid, l] = rest[..]
                        && l == last
                        && han(mid)
                        && !HIDDEN.contains(&mid)
                        && !crate::cues::NOT_IN_NAME.contains(mid)
                    {
                        let e = s + full.len() + mid.len_utf8() + l.len_utf8();
                        // An officer who shares the shown letters is someone else.
                        if officers.contains(&text[s..e]) {
                            continue;
                        }
                        self.push(Kind::Name, s, e, rep.clone(), reason);
                    }
                }
            }
        }
        for (form, rep) in seen {
            for (s, _) in text.match_indices(form.as_str()) {
                self.push(Kind::Name, s, s + form.len(), rep.clone(), reason);
            }
        }
        self.surname_and_stars(reason);
    }

    /// A surname and one or two stars with no letter shown after them (联系人：张*,
    /// 业务员钟*处, 一、陈**违法建设案): the source hid the whole given name; brought to
    /// the one masked form. Only where a person stands: after a mark, a person's word or a
    /// cue, and not before a unit (房**号, **岁 are other values' masks).
    fn surname_and_stars(&mut self, reason: &str) {
        static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
        let re = crate::patterns::re(&R, r"(\p{Han})([*＊]{1,2})");
        let text = self.text;
        // (start, end, surname, whether a person stands right before it)
        let mut found: Vec<(usize, usize, &str, bool)> = Vec::new();
        for c in re.captures_iter(text) {
            let (Some(all), Some(sur), Some(stars)) = (c.get(0), c.get(1), c.get(2)) else {
                continue;
            };
            // 李*、罗*芬、茶*（彝族）: a letter off the surname list, among names the source
            // masked so.
            let listed = || {
                let prev = text[..all.start()].strip_suffix('、').map(|b| {
                    let from = b.rfind(['，', '：', '、', '\n', '（']).map_or(0, |i| i);
                    &b[from..]
                });
                prev.is_some_and(|p| p.contains(['*', '＊']) && p.chars().count() <= 6)
            };
            if surname_of(sur.as_str()).is_none_or(|x| x != sur.as_str()) && !listed() {
                continue;
            }
            let before = &text[..all.start()];
            let after = text[all.end()..].chars().next();
            // A third star or a digit: a longer mask of something else.
            if after.is_some_and(|a| HIDDEN.contains(&a) || a.is_ascii_alphanumeric() || a == '×')
            {
                continue;
            }
            // One star before a letter a given name may end with is 张*明's, read above.
            if stars.as_str().chars().count() == 1
                && after.is_some_and(|a| {
                    han(a) && !crate::cues::NOT_IN_NAME.contains(a) && !STAR_NOT_GIVEN.contains(a)
                })
            {
                continue;
            }
            if after.is_some_and(|a| "号栋幢室楼层村组路街岁年月日元米亩".contains(a))
            {
                continue;
            }
            if crate::officerslot::officer_slot(text, all.start(), all.end()) {
                continue;
            }
            found.push((
                all.start(),
                all.end(),
                sur.as_str(),
                person_stands_before(before),
            ));
        }
        // A form masked once where a person stands is that person's wherever it recurs
        // (物业服务中心客服主管姚* and on the signature line 在场人（签名）：杨*军  姚*).
        let stood: BTreeSet<&str> = found
            .iter()
            .filter(|f| f.3)
            .map(|&(s, e, _, _)| &text[s..e])
            .collect();
        for (s, e, sur, stands) in found {
            if stands || stood.contains(&text[s..e]) {
                self.push(Kind::Name, s, e, format!("{sur}某某"), reason);
            }
        }
    }
}

impl Finder<'_> {
    /// Mobiles masked in part at the source (138****6675, 15*****2088, 188 9129 ****,
    /// 137-****-2217) still show digits after the first three: brought to the first three
    /// places as shown.
    pub(super) fn part_masked_mobiles(&mut self) {
        for m in crate::patterns::masked_mobile_re().find_iter(self.text) {
            let (s, e) = (m.start(), m.end());
            let hidden = |c: char| matches!(c, '*' | '＊' | '×' | 'x' | 'X' | 'Ｘ');
            // The eleven places as ASCII digits and `*`.
            let places: Vec<char> = m
                .as_str()
                .chars()
                .filter_map(|c| if hidden(c) { Some('*') } else { ascii_digit(c) })
                .collect();
            // Digits shown after the first three: at least two, or one after a hidden
            // mark (1553******* is another rule's masked form, not a mobile's).
            let first_hidden = places.iter().position(|c| *c == '*');
            let shown_after_head = places.iter().skip(3).filter(|c| **c != '*').count() >= 2
                || first_hidden.is_some_and(|f| places[f..].iter().any(|c| *c != '*'));
            // Part of a longer run of digits, marks or letters.
            let joined = |c: Option<char>| {
                c.is_some_and(|c| {
                    c.is_ascii_alphanumeric() || hidden(c) || ascii_digit(c).is_some()
                })
            };
            if first_hidden.is_none()
                || !shown_after_head
                || joined(self.text[..s].chars().next_back())
                || joined(self.text[e..].chars().next())
            {
                continue;
            }
            // The first three places as shown (15*****2088 → 15*********).
            let head: String = places.iter().take(3).collect();
            self.push(
                Kind::Phone,
                s,
                e,
                format!("{head}********"),
                "部分已遮蔽的手机号码，统一为只保留前3位",
            );
        }
    }
}

impl Finder<'_> {
    /// Landlines masked in part at the source (0745-82****15, 0745-8231**15) that still
    /// show digits before the last four places: brought to the form the engine gives a
    /// landline (021-****5678), the last four places as shown. A business's number
    /// (（店内）) stays as the source shows it.
    pub(super) fn part_masked_landlines(&mut self) {
        static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
        let re = crate::patterns::re(
            &R,
            r"[0０][1-9１-９][0-9０-９]{1,2}[-－—]?([0-9０-９*＊×]{7,8})",
        );
        let hidden = |c: char| matches!(c, '*' | '＊' | '×');
        for c in re.captures_iter(self.text) {
            let (Some(all), Some(m)) = (c.get(0), c.get(1)) else {
                continue;
            };
            let number = m.as_str();
            let joined = |c: Option<char>| {
                c.is_some_and(|c| {
                    c.is_ascii_alphanumeric() || hidden(c) || ascii_digit(c).is_some()
                })
            };
            if !number.chars().any(hidden)
                || !number.chars().any(|c| ascii_digit(c).is_some())
                || joined(self.text[..all.start()].chars().next_back())
                || joined(self.text[m.end()..].chars().next())
                || business_note(&self.text[m.end()..])
                // A body's line masked in part at the source stays as its whole form
                // would (…有限公司，…，法定代表人：赵*平，联系电话：029-86****21).
                || crate::whose::agency_phone(self.text, all.start())
            {
                continue;
            }
            self.push(
                Kind::Phone,
                m.start(),
                m.end(),
                landline_form(number),
                "部分已遮蔽的固定电话号码，统一为只保留后4位",
            );
        }
    }
}

/// A landline's number in the engine's form: hidden but for its last four places.
fn landline_form(number: &str) -> String {
    let places: Vec<char> = number
        .chars()
        .map(|c| {
            if matches!(c, '*' | '＊' | '×') {
                '*'
            } else {
                ascii_digit(c).unwrap_or(c)
            }
        })
        .collect();
    let keep = places.len().saturating_sub(4);
    "*".repeat(keep) + &places[keep..].iter().collect::<String>()
}

/// A note in brackets that makes a number a business's (（店内）, （公司前台）).
fn business_note(after: &str) -> bool {
    crate::patterns::bracket_note(after, 8).is_some_and(|note| {
        ["店", "公司", "单位", "办公", "门市", "前台", "商行"]
            .iter()
            .any(|w| note.contains(w))
    })
}

/// Where a part-masked name without a Han surname ends: one more letter after the one
/// shown (德*卓|玛, 次*平|措), unless that letter opens a word with the next (拉*加|巡护).
fn unsurnamed_tail(text: &str, end: usize) -> usize {
    let next: Vec<char> = text[end..].chars().take(2).collect();
    match next[..] {
        [a, ..] if !han(a) || crate::names::NAME_STOP.contains(a) => end,
        [a, b] if crate::persons::dictionary_word(&format!("{a}{b}")) => end,
        [a, ..] => end + a.len_utf8(),
        [] => end,
    }
}

/// Whether a name masked at the source may stand right after `before`: at the start, after
/// a mark, after a letter that ends a word for a person (员, 人, 户, 子, 女, 众, 民, 者 …:
/// 护林员扎*多吉, 其子周*) or after a person's word or a cue (`nouned::after_person_word`).
fn person_stands_before(before: &str) -> bool {
    before
        .chars()
        .next_back()
        .is_none_or(|b| !han(b) || "员人主子女户工长众民者".contains(b))
        || crate::nouned::after_person_word(before)
}

/// Letters that after a star are a word's, not a given name's (王*称, 李*说).
const STAR_NOT_GIVEN: &str = "称说讲问答诉等为系将把被给对向从自已未均也都即于处在代";

/// A surname, then a hidden mark and one character (张*明, 熊某杰: group 2 the last
/// letter), or a masked name spaced out (邬 某 某).
fn part_masked_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    crate::patterns::re(
        &R,
        r"(\p{Han})(?:[*＊]\p{Han}|某(\p{Han})|[ 　]+某[ 　]+某)",
    )
}

/// A star between two Han letters (王*海, 张*兰): the source's mask of one letter.
fn star_inside(s: &str) -> bool {
    s.char_indices()
        .any(|(i, c)| matches!(c, '*' | '＊') && star_between(s, i))
}

/// Whether a star stands at byte `at` of `text` between two Han letters.
pub(crate) fn star_between(text: &str, at: usize) -> bool {
    let mut after = text[at..].chars();
    after.next().is_some_and(|c| matches!(c, '*' | '＊'))
        && after.next().is_some_and(crate::patterns::han)
        && text[..at]
            .chars()
            .next_back()
            .is_some_and(crate::patterns::han)
}

/// Whether a would-be name is read into a mask: it holds a star that hides a letter
/// (符*强二), every place it stands runs into a star between letters (由王 before 王*海;
/// 兰反映 after 张*: `partmasked` brings those forms to one), or every place runs
/// straight into a masked name's 某 or a masked span (母亲吴某某 holds 吴某某, not the
/// name 母亲吴): masking twice changes nothing.
/// `places` are where `name` stands in `text` (as `str::match_indices` finds them).
pub(crate) fn read_into_masks(text: &str, name: &str, places: &[usize]) -> bool {
    star_inside(name)
        || every_place(places, |i| {
            star_between(text, i + name.len())
                || text[..i]
                    .char_indices()
                    .next_back()
                    .is_some_and(|(k, _)| star_between(text, k))
        })
        || every_place(places, |i| into_mask(&text[i + name.len()..]))
}

/// Whether the name stands at least once, and every place it stands at (`places`, byte
/// offsets) passes `at`.
fn every_place(places: &[usize], at: impl Fn(usize) -> bool) -> bool {
    !places.is_empty() && places.iter().all(|&i| at(i))
}

/// Whether `after` opens with a mask: a masked name's 某 or a masked span (***).
pub(crate) fn into_mask(after: &str) -> bool {
    after.starts_with('某') || after.starts_with("***")
}
