//! Layout artefacts undone before anything is looked for: a name padded with spaces to
//! line up with longer ones (当事人：汪  敏, 司马  宏, 邱　实), and a line broken in the
//! middle of a sentence, as text taken from a PDF or a scan keeps it (许建业、\n甘露;
//! 后江街\n88号). The finders see the joined text; every masking is then mapped back
//! onto the original, where it covers the padding or the line break too.

use crate::names::surname_of;
use crate::patterns::han;

/// The text with layout artefacts removed, and for each byte offset of it (and its
/// end) the byte offset in the original.
pub(crate) struct Joined {
    pub text: String,
    /// Where a name padded with spaces starts in `text` (汪  敏 → 汪敏): a name.
    pub padded: Vec<usize>,
    /// `orig[i]` is the original offset of the character that starts at byte `i` of
    /// `text`; `orig[text.len()]` is the original's length.
    orig: Vec<usize>,
}

impl Joined {
    /// The original span of the joined span `start..end`.
    pub fn span(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.orig[start];
        // The end: just after the last character of the span in the original.
        let e = if end == start {
            s
        } else {
            let last = self.text[..end]
                .chars()
                .next_back()
                .map_or(0, char::len_utf8);
            self.orig[end - last] + last
        };
        (s, e)
    }
}

/// Whether the whitespace run `ws` between `before` (the text up to it) and `after`
/// (the text from its end) is a layout artefact to remove.
fn artefact(before: &str, ws: &str, after: &str) -> bool {
    let Some(a) = before.chars().next_back() else {
        return false;
    };
    let Some(b) = after.chars().next() else {
        return false;
    };
    if ws.contains('\n') {
        return crate::linebreaks::broken_line(before, ws, after);
    }
    if !han(a) || !han(b) || ws.contains('\t') {
        return false;
    }
    // 刘 建\n军: a name typed letter by letter that a line break cuts keeps its spaces.
    if ws == " " && crate::spaced::letter_before_break(before, after) {
        return false;
    }
    padded_label(before, after) || padded_name(before, ws, after)
}

/// 住　　　所：, 姓　　名：, 负 责 人：: a field label spread over the width of a longer
/// one. The characters before the spaces start the line (or follow another space) and
/// the colon comes within three characters after them.
fn padded_label(before: &str, after: &str) -> bool {
    let line = before.rsplit('\n').next().unwrap_or(before);
    let word = line.rsplit([' ', '\u{3000}']).next().unwrap_or(line);
    let lead_ok = word.chars().count() <= 2
        && line.trim_start_matches([' ', '\u{3000}']).chars().count() <= word.chars().count() + 6;
    let head: String = after.chars().take(4).collect();
    let colon = head.find(['：', ':']).is_some_and(|k| {
        head[..k]
            .chars()
            .all(|c| han(c) || matches!(c, ' ' | '\u{3000}'))
    });
    lead_ok && colon
}

/// 汪  敏, 司马  宏, 邱　实, 何 静: a surname standing alone, then spaces, then the
/// given name. Two or more spaces (or a full-width one) pad a name wherever it stands;
/// a single ASCII space only where the surname starts a field (after punctuation, a
/// colon or the line start), since running text may list names with one space
/// between them (王明 李强).
fn padded_name(before: &str, ws: &str, after: &str) -> bool {
    if crate::evenly::second_of_padded(before, ws) {
        return crate::evenly::third_padded(before, ws, after);
    }
    let n = ws.chars().count();
    let ascii = ws.chars().all(|c| c == ' ');
    let full = ws.chars().all(|c| c == '\u{3000}');
    if !(ascii && (1..=4).contains(&n) || full && n == 1) {
        return false;
    }
    // …有限公司  东门: a body's name ends on a character that is also a surname (司),
    // and the next cell of an aligned table begins.
    if ["公司", "中心", "集团", "事务所", "合作社", "委员会"]
        .iter()
        .any(|w| before.ends_with(w))
    {
        return false;
    }
    // 第一章  总则, 第三节  附则: a heading's number, not a surname, before the spaces.
    if let Some(head) = before.strip_suffix(['章', '节', '编', '条', '篇', '部'])
        && head
            .trim_end_matches(|c: char| {
                "一二三四五六七八九十百零〇".contains(c) || c.is_ascii_digit()
            })
            .ends_with('第')
    {
        return false;
    }
    // The surname: the last one or two characters before the spaces; `lead` is the
    // character before it.
    let rev: Vec<char> = before.chars().rev().take(3).collect();
    let two: String = rev.iter().take(2).rev().collect();
    let one: String = rev.iter().take(1).collect();
    let lead = match surname_of(&two) {
        Some(s) if s.chars().count() == 2 => rev.get(2).copied(),
        _ if surname_of(&one).is_some() => rev.get(1).copied(),
        // A surname outside the list (经营者：荀  建军): a lone character after a colon
        // or a bracket, padded with two or more spaces, then one or two characters.
        // A masking right after it (与  区***) counts as characters of the run, as
        // the characters it hid did: masking twice changes nothing.
        _ => {
            let given = after.chars().take_while(|c| han(*c) || *c == '*').count();
            return rev.get(1).is_some_and(|c| "：:（(".contains(*c))
                && ascii
                && n >= 2
                && (1..=2).contains(&given);
        }
    };
    // The given name: one or two characters, then something that is not a character
    // of the name (a word after it is allowed: 汪  敏在场, 汪  敏称).
    let given: usize = after.chars().take_while(|c| han(*c)).take(3).count();
    // 路  统一社会信用代码: a word that ends names (统一, 联系, 电话 …) is no given name.
    // 区  路: a place's level is no given name's first letter.
    if given == 0
        || crate::names::stop_word_at(after)
        || after
            .chars()
            .next()
            .is_some_and(|c| "区路街巷弄号室栋幢".contains(c))
    {
        return false;
    }
    let starts_field = lead.is_none_or(|c| !han(c));
    // A full-width space after a lone character that ends a field value (男　民族) is
    // a separator, not padding: only a surname that starts a field is padded so.
    if full {
        return starts_field && given <= 2;
    }
    if n >= 2 {
        return true;
    }
    // 韦  春  梅 户: the "surname" closes a name padded before it; the word one space
    // after it is no given name.
    if crate::evenly::closes_padded(before) {
        return false;
    }
    // One space: a name at the start of a field, not text spaced letter by letter
    // (岳 麓 区 望 城 坡: the character after the given name is spaced again).
    let spaced_on = after
        .chars()
        .skip(given)
        .take(2)
        .collect::<String>()
        .starts_with(' ')
        && after.chars().nth(given + 1).is_some_and(han);
    starts_field && given <= 2 && !spaced_on
}

/// The names that were padded with spaces (`Joined::padded`), read off the joined
/// text: the surname and the given name up to where the name ends (周一鸣一同到 →
/// 周一鸣: jieba's first word after the surname when the characters run on).
pub(crate) fn padded_names(joined: &Joined) -> Vec<String> {
    let mut out = Vec::new();
    for &p in &joined.padded {
        let rest = &joined.text[p..];
        let surname = surname_of(rest)
            .map(str::len)
            .unwrap_or_else(|| rest.chars().next().map_or(0, char::len_utf8));
        let after = &rest[surname..];
        let run: String = after.chars().take_while(|c| han(*c)).take(3).collect();
        // 赵  强及班长…, 何  平将其…: a word of the sentence right after one given-name
        // character (a name rarely ends in 及, 将, 把 …) ends the name.
        let second = run.chars().nth(1);
        let given = match run.chars().count() {
            0 => continue,
            2 | 3 if second.is_some_and(|c| "及将把被向从均也都已称说的是等".contains(c)) => {
                run.chars().take(1).collect()
            }
            1 | 2 => run,
            _ => {
                let words = crate::persons::cut(&after.chars().take(8).collect::<String>());
                match words.first() {
                    Some(w) if (1..=2).contains(&w.chars().count()) && w.chars().all(han) => {
                        w.clone()
                    }
                    _ => run.chars().take(1).collect(),
                }
            }
        };
        out.push(format!("{}{given}", &rest[..surname]));
    }
    out
}

/// Join the text: remove every layout artefact.
pub(crate) fn join(text: &str) -> Joined {
    let mut out = String::with_capacity(text.len());
    let mut orig = Vec::with_capacity(text.len() + 1);
    let mut padded = Vec::new();
    let mut i = 0;
    let bytes = text.len();
    while i < bytes {
        let rest = &text[i..];
        let ws_len = rest
            .char_indices()
            .find(|(_, c)| !matches!(c, ' ' | '\u{3000}' | '\n' | '\r' | '\t'))
            .map_or(rest.len(), |(k, _)| k);
        if ws_len > 0 && artefact(&text[..i], &rest[..ws_len], &rest[ws_len..]) {
            if !rest[..ws_len].contains('\n')
                && rest[..ws_len].chars().count() >= 2
                && !crate::evenly::second_of_padded(&text[..i], &rest[..ws_len])
                && padded_name(&text[..i], &rest[..ws_len], &rest[ws_len..])
            {
                // The surname: the one or two characters before the spaces.
                let two: String = out
                    .chars()
                    .rev()
                    .take(2)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                let back = match surname_of(&two) {
                    Some(s) if s.chars().count() == 2 => s.len(),
                    _ => out.chars().next_back().map_or(0, char::len_utf8),
                };
                padded.push(out.len() - back);
            }
            // 刘 建\n军: the name typed letter by letter goes on, one space apart.
            if rest[..ws_len].contains('\n')
                && crate::spaced::spaced_name_broken(&text[..i], &rest[ws_len..])
            {
                let at = out.len();
                out.push(' ');
                orig.resize(out.len(), usize::MAX);
                orig[at] = i;
            }
            i += ws_len;
            continue;
        }
        let step = if ws_len > 0 {
            ws_len
        } else {
            rest.chars().next().map_or(1, char::len_utf8)
        };
        for (k, c) in text[i..i + step].char_indices() {
            let at = out.len();
            out.push(c);
            orig.resize(out.len(), usize::MAX);
            orig[at] = i + k;
        }
        i += step;
    }
    orig.push(bytes);
    Joined {
        text: out,
        padded,
        orig,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(s: &str) -> String {
        join(s).text
    }

    #[test]
    fn padded_names_are_joined() {
        assert_eq!(joined("当事人：汪  敏　性别：男"), "当事人：汪敏　性别：男");
        assert_eq!(joined("车间主任汪  敏在场"), "车间主任汪敏在场");
        assert_eq!(joined("被询问人：司马  宏"), "被询问人：司马宏");
        assert_eq!(joined("（覃  勇、杨  春燕）"), "（覃勇、杨春燕）");
        assert_eq!(
            joined("执法人员：邱\u{3000}实（12010311852）"),
            "执法人员：邱实（12010311852）"
        );
    }

    #[test]
    fn padded_names_are_known_as_names() {
        let j = join("与同学顾晨阳、周  一鸣一同到平江路，住的是江  南一家。当事人：汪  敏　性别");
        assert_eq!(padded_names(&j), ["周一鸣", "江南", "汪敏"]);
    }

    #[test]
    fn hanging_indents_of_a_field_are_joined_paragraphs_are_not() {
        let t = "住址：昆明市五华区篆塘路绿荫小区\n\u{3000}\u{3000}\u{3000}\u{3000}\u{3000}3幢2单元501号\n联系电话：1";
        assert_eq!(
            joined(t),
            "住址：昆明市五华区篆塘路绿荫小区3幢2单元501号\n联系电话：1"
        );
        let t = "当事人：某某建材有限公司\n\u{3000}\u{3000}经查，当事人";
        assert_eq!(joined(t), t);
    }

    #[test]
    fn three_characters_padded_evenly_are_one_name() {
        assert_eq!(joined("当事人：闫  立  诚\n性别"), "当事人：闫立诚\n性别");
        // The surname is outside the list: the third character joins all the same.
        let j = join("当事人：仉  书  勤          性别：男");
        assert!(j.text.starts_with("当事人：仉书勤"), "{}", j.text);
        assert_eq!(padded_names(&j), ["仉书勤"]);
        // An officer before 执法证号: one name, not a second one starting at 平.
        let j = join("执法人员：聂  平  执法证号1234");
        assert_eq!(j.text, "执法人员：聂平  执法证号1234");
        assert_eq!(padded_names(&j), ["聂平"]);
        // A flat, then a name padded once: 室 starts no name.
        assert_eq!(joined("501室  钱  秋月（签字）"), "501室  钱秋月（签字）");
    }

    #[test]
    fn padded_labels_are_joined() {
        assert_eq!(
            joined("住\u{3000}\u{3000}\u{3000}所：某区某路1号"),
            "住所：某区某路1号"
        );
        assert_eq!(joined("负 责 人：某某"), "负责人：某某");
        // A value before a label on the same line is not a label.
        assert_eq!(
            joined("性别：男\u{3000}\u{3000}年龄：47"),
            "性别：男\u{3000}\u{3000}年龄：47"
        );
    }

    #[test]
    fn separators_stay() {
        // Names listed with one space, fields separated by full-width spaces.
        assert_eq!(joined("执法人员王明 李强到场"), "执法人员王明 李强到场");
        assert_eq!(joined("性别：男　民族：汉族"), "性别：男　民族：汉族");
        assert_eq!(joined("姓名\t雷春生\t性别"), "姓名\t雷春生\t性别");
        assert_eq!(joined("2栋 18C"), "2栋 18C");
    }

    #[test]
    fn broken_lines_are_joined_and_fields_are_not() {
        let t = "当日值班员工包括许建业、\n甘露、沈一鸣三人，均称未接到停产通知。";
        assert_eq!(joined(t), t.replace('\n', ""));
        let t = "你反映：居住在思明区中华街道镇邦路\n36号之2的邻居长期在楼顶加盖铁皮屋";
        assert_eq!(joined(t), t.replace('\n', ""));
        let form = "出生日期：1979年11月4日\n身份证号码：310101197911042831\n住址：上海市";
        assert_eq!(joined(form), form);
        let head = "上海市黄浦区城市管理行政执法局\n行政处罚决定书\n第2103202412000371号";
        assert_eq!(joined(head), head);
        let para = "违法事实清楚。\n\u{3000}\u{3000}二、依据";
        assert_eq!(joined(para), para);
    }

    #[test]
    fn spans_map_back_over_the_removed_whitespace() {
        let t = "当事人：汪  敏称";
        let j = join(t);
        let s = j.text.find("汪敏").expect("joined");
        let (a, b) = j.span(s, s + "汪敏".len());
        assert_eq!(&t[a..b], "汪  敏");
        let (a, b) = j.span(0, j.text.len());
        assert_eq!(&t[a..b], t);
    }
}
