//! Names typed with a space between their characters, as scanned forms and OCR print
//! them (姓 名：刘 建 国), and phone numbers spaced digit by digit (0 3 5 1 - 6 2 3 4
//! 5 6 7 8, 1 3 9 0 …).

use std::collections::BTreeSet;

use crate::cues::NOT_IN_NAME;
use crate::names::{NAME_STOP, masked_name, person_name, stop_at, surname_of};
use crate::patterns::han;
use crate::{Finder, Kind};

impl Finder<'_> {
    /// Names typed with a space between the characters, as scans and forms print them
    /// (姓 名：刘 建 国): masked where they stand, and the joined name returned so that it
    /// is masked wherever else it appears (签名：刘建国).
    pub(super) fn spaced_names(&mut self, officers: &BTreeSet<String>) -> BTreeSet<String> {
        let mut names = BTreeSet::new();
        for label in spaced_name_re().find_iter(self.text) {
            let Some(m) = spaced_run_re().find(&self.text[label.end()..]) else {
                continue;
            };
            let (ms, me) = (label.end() + m.start(), label.end() + m.end());
            let after = self.text[me..].chars().next();
            let next2: String = self.text[me..].chars().take(2).collect();
            let ends = after.is_none_or(|c| !matches!(c, ' ' | '　'))
                || next2.chars().all(|c| matches!(c, ' ' | '　'))
                || next2.ends_with(|c: char| !('\u{4e00}'..='\u{9fff}').contains(&c))
                || ["性", "民族", "年龄", "出生", "身份", "住", "联系", "电话"]
                    .iter()
                    .any(|w| {
                        self.text[me..]
                            .trim_start_matches([' ', '　'])
                            .starts_with(w)
                    });
            if !ends {
                continue;
            }
            let joined: String = self.text[ms..me]
                .chars()
                .filter(|c| !matches!(c, ' ' | '　'))
                .collect();
            let Some(name) = person_name(&joined).filter(|n| *n == joined) else {
                continue;
            };
            // 严 文斌（执法证号…）: the run may stop short of an officer's name.
            let rest: String = self.text[me..]
                .chars()
                .take_while(|c| han(*c))
                .take(2)
                .collect();
            if officers.contains(&name) || officers.contains(&format!("{joined}{rest}")) {
                continue;
            }
            self.push(
                Kind::Name,
                ms,
                me,
                masked_name(&name),
                "以空格分隔书写的自然人姓名，保留姓氏",
            );
            names.insert(name);
        }
        names
    }
}

impl Finder<'_> {
    /// Every spelling of a known name with spaces between its characters (文 志 刚,
    /// 蒋秀 英, 韦  丽): a scan or a PDF spaces the same name differently in one document.
    pub(super) fn spaced_known_names(
        &mut self,
        names: &BTreeSet<String>,
        officers: &BTreeSet<String>,
    ) {
        for name in names {
            let n = name.chars().count();
            if !(2..=4).contains(&n)
                || !name.chars().all(han)
                || name.contains('某')
                || officers.contains(name)
            {
                continue;
            }
            let pattern: Vec<String> = name
                .chars()
                .map(|c| regex::escape(&c.to_string()))
                .collect();
            let Ok(re) = regex::Regex::new(&pattern.join("[ 　]{0,3}")) else {
                continue;
            };
            for m in re.find_iter(self.text) {
                if !m.as_str().contains([' ', '　']) {
                    continue;
                }
                self.push(
                    Kind::Name,
                    m.start(),
                    m.end(),
                    masked_name(name),
                    "以空格分隔书写的自然人姓名，保留姓氏",
                );
            }
        }
    }
}

/// Names typed with one space between their characters in running text (其爱人 温 雅
/// 琪 怀孕, 长子刘 磊 在部队, 当事人郜 丽及其邻居, 邱 振 东家住…): a surname, then one or
/// two given-name characters each after a single space, where the spaced run is no
/// longer than a name (岳 麓 区 望 城 坡 is text spaced letter by letter) and the name
/// ends at a space, punctuation or a word that ends a name.
pub(crate) fn running_spaced_names(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for m in spaced_letters_re().find_iter(text) {
        let all: Vec<char> = m.as_str().chars().filter(|c| *c != ' ').collect();
        // The run may start with the last character of a word (其爱人 温 雅 琪): the
        // surname is then the second letter.
        let ends_word = text[..m.start()].chars().next_back().is_some_and(han);
        let skip = usize::from(ends_word && surname_of(&all[0].to_string()).is_none());
        let letters = &all[skip..];
        if letters.len() < 2 {
            continue;
        }
        let n = letters.len() - 1;
        if letters.len() >= 5 || surname_of(&letters[0].to_string()).is_none() {
            continue;
        }
        let after = &text[m.end()..];
        // A heading spaced out on a line of its own (申 请 书) is no name.
        let line_start = text[..m.start()].rfind('\n').map_or(0, |i| i + 1);
        let line_end = after.find('\n').map_or(text.len(), |i| m.end() + i);
        if text[line_start..m.start()].trim().is_empty()
            && text[m.end()..line_end].trim().is_empty()
        {
            continue;
        }
        let last_single = !after.starts_with(|c: char| han(c) || c.is_ascii_alphanumeric());
        // The surname closes a word (长子刘 磊, 货车 吉A): only after a word for a
        // person (当事人郜 丽及), or where a space closes the given name too.
        let closes_word = !ends_word || skip == 1;
        let before = &text[..m.start() + all[0].len_utf8()];
        let before = before.strip_suffix(all[0]).unwrap_or(before);
        let cued = crate::cues::CUE_BEFORE
            .iter()
            .chain(crate::cues::KIN)
            .chain(&["当事人", "长子", "次子", "长女", "次女"])
            .any(|w| before.ends_with(w));
        let whole: String = letters.iter().collect();
        if crate::persons::dictionary_word(&whole) {
            continue;
        }
        for g in [2, 1] {
            if g > n {
                continue;
            }
            let given = &letters[1..=g];
            if given
                .iter()
                .any(|c| NAME_STOP.contains(*c) || NOT_IN_NAME.contains(*c) || *c == '某')
            {
                continue;
            }
            let ends = if g < n {
                // The next letter is a word ending a name, or opens a word (怀孕).
                NAME_STOP.contains(letters[g + 1]) || (g + 1 == n && !last_single)
            } else {
                last_single || stop_at(after) || after.starts_with("家住")
            };
            if !ends {
                continue;
            }
            if !closes_word && !cued && g == n {
                continue;
            }
            let name: String = letters[..=g].iter().collect();
            if !crate::persons::dictionary_word(&name)
                && !crate::cues::COMMON_WORDS.contains(&name.as_str())
            {
                out.insert(name);
            }
            break;
        }
    }
    out
}

/// `text` with letters typed one space apart (李 湘 云) closed up into the word they
/// spell: a single ASCII space goes where it stands between a Chinese character that is
/// a word of its own (no Chinese character on its other side) and one or two characters
/// that end their run (张 海 龙, or 张 海龙 once a padded pair is joined by `layout`).
/// Words spaced apart (股长 符 永 康 → 股长 符永康) keep their space.
pub(crate) fn close_letters(text: &str) -> String {
    let cs: Vec<char> = text.chars().collect();
    let is_han = |j: usize| j < cs.len() && han(cs[j]);
    // The run of characters from `i` going `step` ways is 1..=most long.
    let run_within = |i: usize, forward: bool, most: usize| {
        let mut n = 0;
        let mut j = i;
        while is_han(j) {
            n += 1;
            if n > most {
                return false;
            }
            match (forward, j.checked_sub(1)) {
                (true, _) => j += 1,
                (false, Some(k)) => j = k,
                (false, None) => break,
            }
        }
        n >= 1
    };
    let mut closes: Vec<bool> = (0..cs.len())
        .map(|i| {
            cs[i] == ' '
                && i > 0
                && is_han(i - 1)
                && is_han(i + 1)
                && (run_within(i - 1, false, 1) && run_within(i + 1, true, 2)
                    || run_within(i - 1, false, 2) && run_within(i + 1, true, 1))
        })
        .collect();
    keep_names_apart(&cs, &mut closes);
    cs.iter()
        .zip(&closes)
        .filter(|(_, closed)| !**closed)
        .map(|(c, _)| *c)
        .collect()
}

/// Two names typed letter by letter one after the other (张 海 李 红, 王 建 国 李 红)
/// are two names, not one: in a run of closed-up letters longer than a name, the space
/// before a surname that starts a second name of two or three letters stays.
fn keep_names_apart(cs: &[char], closes: &mut [bool]) {
    let mut i = 0;
    while i < cs.len() {
        if !closes[i] {
            i += 1;
            continue;
        }
        // The chain: the letters from the run before the first closed space to the
        // run after the last, and the spaces between them.
        let mut start = i;
        while start > 0 && han(cs[start - 1]) {
            start -= 1;
        }
        let mut end = i;
        while end < cs.len() && (han(cs[end]) || (cs[end] == ' ' && closes[end])) {
            end += 1;
        }
        let spaces: Vec<usize> = (start..end).filter(|&j| cs[j] == ' ').collect();
        let letters = |a: usize, b: usize| (a..b).filter(|&j| han(cs[j])).count();
        let surname = |j: usize| surname_of(&cs[j].to_string()).is_some();
        let compound = |j: usize| {
            let two: String = cs[j..end].iter().filter(|c| han(**c)).take(2).collect();
            crate::names::COMPOUND_SURNAMES.contains(&two.as_str())
        };
        let mut from = start;
        while letters(from, end) > 3 && !(letters(from, end) == 4 && compound(from)) {
            // A second name starts after three letters, or else after two.
            let split = [3, 2].into_iter().find_map(|n| {
                spaces.iter().copied().find(|&sp| {
                    sp > from && letters(from, sp) == n && letters(sp, end) >= 2 && surname(sp + 1)
                })
            });
            let Some(sp) = split else { break };
            closes[sp] = false;
            from = sp + 1;
        }
        i = end.max(i + 1);
    }
}

/// Whether a line break falls inside a name typed letter by letter (经理 刘 建\n军到场):
/// the line ends with a surname and one letter each after a single space, and the next
/// line opens with one letter that ends the name.
pub(crate) fn spaced_name_broken(before: &str, after: &str) -> bool {
    let line = before.rsplit('\n').next().unwrap_or(before);
    let cs: Vec<char> = line.chars().collect();
    let n = cs.len();
    // …X Y: two letters one space apart, the first standing alone.
    if n < 3 || !han(cs[n - 1]) || cs[n - 2] != ' ' || !han(cs[n - 3]) {
        return false;
    }
    if n > 3 && han(cs[n - 4]) {
        return false;
    }
    let mut a = after.chars();
    let next_ends = a.next().is_some_and(han)
        && a.next().is_none_or(|c| {
            !han(c) || stop_at(&after[after.chars().next().map_or(0, char::len_utf8)..])
        });
    next_ends && surname_of(&cs[n - 3].to_string()).is_some() && !NAME_STOP.contains(cs[n - 1])
}

/// Whether the letter `after` opens, one space after `before`, is the last on its line
/// of a name typed letter by letter that the line break cuts (刘 |建\n军).
pub(crate) fn letter_before_break(before: &str, after: &str) -> bool {
    let Some(b) = after.chars().next() else {
        return false;
    };
    let rest = &after[b.len_utf8()..];
    let next = rest.trim_start_matches([' ', '\u{3000}', '\n', '\r']);
    rest[..rest.len() - next.len()].contains('\n')
        && spaced_name_broken(&format!("{before} {b}"), next)
}

/// Chinese characters with one ASCII space between each.
fn spaced_letters_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    crate::patterns::re(&R, r"\p{Han}(?: \p{Han})+")
}

impl Finder<'_> {
    /// A phone number spaced digit by digit, as a form filled by hand or a dictated
    /// number is typed: a landline keeps its area code, a mobile its first 3 digits.
    pub(super) fn spaced_phones(&mut self) {
        for m in spaced_phone_re().find_iter(self.text) {
            let (s, e) = (m.start(), m.end());
            if crate::patterns::digit_adjacent(self.text, s, e) {
                continue;
            }
            let digits = crate::patterns::ascii_digits(m.as_str());
            let digits: String = digits.chars().filter(char::is_ascii_digit).collect();
            // An organisation's landline (服务电话：0908-4 2 3 1 1 0 0) stays, as written
            // whole it does.
            if digits.starts_with('0')
                && (crate::whose::agency_phone(self.text, s)
                    || crate::tabled::organisation_row(self.text, s))
            {
                continue;
            }
            let second = digits.chars().nth(1).unwrap_or('0');
            let (rep, reason) = if digits.starts_with('1') && digits.len() == 11 && second >= '3' {
                (
                    format!("{}********", &digits[..3]),
                    "逐位以空格分隔的手机号码，只保留前3位",
                )
            } else if digits.starts_with('0') && second != '0' && (10..=12).contains(&digits.len())
            {
                let area = if digits.starts_with("01") || digits.starts_with("02") {
                    3
                } else {
                    4
                };
                (
                    format!(
                        "{}-{}{}",
                        &digits[..area],
                        "*".repeat(digits.len() - area - 4),
                        &digits[digits.len() - 4..]
                    ),
                    "逐位以空格分隔的固定电话号码，保留区号和后4位",
                )
            } else {
                continue;
            };
            // An area code in brackets stays as written: the number after it is masked.
            let (s, rep) = match m.as_str().find(['）', ')']) {
                Some(i) if m.as_str().starts_with(['（', '(']) => {
                    let close = m.as_str()[i..].chars().next().map_or(1, char::len_utf8);
                    let cut = rep.find('-').map_or(0, |j| j + 1);
                    (s + i + close, rep[cut..].to_string())
                }
                _ => (s, rep),
            };
            self.push(Kind::Phone, s, e, rep, reason);
        }
    }
}

/// Digits spaced one by one (a dash between area code and number allowed): ten to
/// twelve of them; or an area code written whole and the number after its dash spaced
/// (0728－5 2 6 4 1 8 3) or in brackets before it ((0728)5 2 6 4 1 8 3).
fn spaced_phone_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(r"(?:0[1-9][0-9]{1,2}[ 　]?[-－]|[（(]0[1-9][0-9]{1,2}[）)])[ 　]?[0-9０-９](?:[ 　][0-9０-９]){6,7}|[0-9０-９](?:[ 　]?[-－][ 　]?[0-9０-９]|[ 　][0-9０-９]){9,11}")
            .expect("constant pattern")
    })
}

/// The labels after which a spaced name is looked for.
fn spaced_name_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(
            r"(?:姓\s?名|当事人|被询问人|申请人|签\s?名|负责人|联系人|代理人|证人)[：:][ 　]*",
        )
        .expect("constant pattern")
    })
}

/// Two to four Chinese characters with an ASCII space between each, at the start (a
/// full-width space separates fields: 刘 建 国　性别).
fn spaced_run_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| regex::Regex::new(r"^[\p{Han}](?: [\p{Han}]){1,3}").expect("constant pattern"))
}
