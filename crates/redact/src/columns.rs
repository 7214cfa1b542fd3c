//! Names in a table column headed by a person's role (姓名, 经营者, 责任人, 户主, 车主
//! …): every cell under the header that reads as a name is one, whatever the
//! dictionary makes of it (陈志刚 under 经营者 beside a shop sign 老陈烧烤).

use crate::patterns::han;
use std::collections::BTreeSet;

use crate::names::person_name;

/// Column headers that name natural persons.
pub(crate) const PERSON_HEADERS: &[&str] = &[
    "姓名",
    "经营者",
    "责任人",
    "户主",
    "申请人",
    "当事人",
    "车主",
    "养犬人",
    "业主",
    "驾驶员",
    "驾驶人",
    "被征收人",
    "救助对象",
    "受助人",
    "摊主",
    "监护人",
    "住户",
    "被执行人",
    "签收人",
    "领车人",
    "被救助人",
    // Registers of visitors and users (爱心驿站, 图斑 核查).
    "来访人",
    "来访人员",
    "来站人员",
    "使用人",
];

/// The names under a person column of a table drawn with `│`, `|` or `｜`.
pub(crate) fn column_names(text: &str, officers: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut column: Option<(usize, usize)> = None; // (index, number of cells)
    for line in text.lines() {
        if border_line(line) {
            continue;
        }
        if !line.contains(['│', '|', '｜']) {
            column = None;
            continue;
        }
        let cells: Vec<String> = line
            .split(['│', '|', '｜'])
            .map(|c| c.chars().filter(|c| !matches!(c, ' ' | '　')).collect())
            .collect();
        if let Some(i) = cells
            .iter()
            .position(|c| PERSON_HEADERS.iter().any(|h| c == h))
        {
            column = Some((i, cells.len()));
            continue;
        }
        let Some((i, n)) = column else { continue };
        if cells.len() != n {
            continue;
        }
        let cell = &cells[i];
        if name_cell(cell, officers, false) {
            out.insert(cell.clone());
        }
    }
    out.extend(aligned_column_names(text, officers));
    out
}

/// Whether a cell under a person column reads as a name.
/// `spread`: the cell's letters stand apart (其  木  格), as a form spreads a name
/// across its column; a word of the dictionary is then a name too.
fn name_cell(cell: &str, officers: &BTreeSet<String>, spread: bool) -> bool {
    let count = cell.chars().count();
    let plain = (2..=4).contains(&count)
        && cell.chars().all(han)
        && !cell.contains('某')
        // 万家超市, 老李面馆: a shop or a body in a party column, not a name.
        && !cell.ends_with([
        '店', '厂', '行', '社', '部', '馆', '所', '司', '院', '站', '场', '坊', '庄', '局',
        '队', '城', '会', '市', '铺', '吧', '屋',
        ])
        && (spread || !crate::persons::dictionary_word(cell))
        // 已注销, 见附件, 不详: what a register writes where a name is missing.
        && !["已", "见", "详", "无", "注销", "附件", "同上", "空", "暂"]
        .iter()
        .any(|w| cell.contains(w));
    let named = person_name(cell).is_some_and(|p| p == *cell);
    (named || plain || transliterated(cell)) && !officers.contains(cell)
}

/// A minority's name transliterated without its middle dot (阿德力别克): five or six
/// characters with no word of a place or a body in them.
fn transliterated(cell: &str) -> bool {
    (5..=6).contains(&cell.chars().count())
        && cell.chars().all(han)
        && !cell
            .chars()
            .any(|c| "省市县区镇乡村路街道局司所院委办队厂店部处科组会站场馆校某".contains(c))
        && !["已", "见", "详", "无", "注销", "附件", "同上", "不"]
            .iter()
            .any(|w| cell.contains(w))
}

/// The rows under a header line of a table aligned with spaces (three cells or more,
/// split at runs of two spaces), up to a blank line or a drawn table: for each row,
/// its byte span and the cell that starts nearest the header cell `header` picks,
/// within `slack` columns.
pub(crate) fn aligned_column(
    text: &str,
    header: impl Fn(&str) -> bool,
    slack: usize,
) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    let mut column: Option<(usize, usize)> = None;
    for (line_at, line) in lines_at(text) {
        if line.trim().is_empty() || line.contains(['│', '|', '｜', '\t']) {
            column = None;
            continue;
        }
        let cells = letters_merged(line, aligned_cells(line));
        if cells.len() >= 3
            && let Some(&(col, _, b, _)) = cells
                .iter()
                .find(|(.., t)| header(&t.replace([' ', '　'], "")))
        {
            column = Some((col, display_col(line, b)));
            continue;
        }
        let Some((col, wide)) = column else { continue };
        // Columns count characters or, where the writer lined up a monospace font, display
        // width (a Chinese character two): the nearer of the two readings picks the cell.
        if let Some(&(_, _, b, t)) = cells
            .iter()
            .filter(|(c, _, b, _)| {
                c.abs_diff(col) <= slack || display_col(line, *b).abs_diff(wide) <= slack
            })
            .min_by_key(|(c, _, b, _)| c.abs_diff(col).min(display_col(line, *b).abs_diff(wide)))
        {
            out.push((line_at + b, line_at + b + t.len(), t));
        }
    }
    out
}

/// A row's cells with letters spread two spaces apart (姓  名, 其  木  格) read as the
/// one cell they make: single characters at most three columns apart, or one character
/// and a pair (其  木格, as the layout leaves a name whose first letter is no surname).
fn letters_merged<'a>(
    line: &'a str,
    cells: Vec<(usize, usize, usize, &'a str)>,
) -> Vec<(usize, usize, usize, &'a str)> {
    let mut out: Vec<(usize, usize, usize, &'a str)> = Vec::new();
    let mut letters = 0; // how many single letters the last cell holds
    for cell in cells {
        let single = cell.3.chars().count() == 1 && cell.3.chars().all(han);
        // 其  木格: the layout joined the last two letters of a name whose first letter
        // is no surname; the lone letter still opens the cell.
        let pair = letters == 1 && cell.3.chars().count() == 2 && cell.3.chars().all(han);
        if let Some(last) = out.last_mut()
            && (single && letters > 0 || pair)
            && cell.0 <= last.1 + 3
        {
            let end = cell.2 + cell.3.len();
            *last = (last.0, cell.1, last.2, &line[last.2..end]);
            letters = if pair { 0 } else { letters + 1 };
            continue;
        }
        letters = usize::from(single);
        out.push(cell);
    }
    out
}

/// The display column of byte `b` of `line`: a wide (Chinese, full-width) character
/// takes two.
fn display_col(line: &str, b: usize) -> usize {
    line[..b]
        .chars()
        .map(|c| if (c as u32) >= 0x1100 { 2 } else { 1 })
        .sum()
}

/// The names under a person column of a table aligned with spaces.
fn aligned_column_names(text: &str, officers: &BTreeSet<String>) -> BTreeSet<String> {
    aligned_column(text, |t| PERSON_HEADERS.contains(&t), 3)
        .into_iter()
        .filter_map(|(.., t)| {
            let joined = t.replace([' ', '　'], "");

            let spread = joined.len() < t.len()
                && t.split([' ', '　'])
                    .filter(|w| !w.is_empty())
                    .all(|w| w.chars().count() <= 2);
            name_cell(&joined, officers, spread).then_some(joined)
        })
        .collect()
}

/// Whether a cell holds a date alone (1996.03, 1994-11-02, 1978年10月), its year in two
/// digits (88年11月) or in Chinese numerals (一九九五年二月十四日).
fn date_cell(v: &str) -> bool {
    let digits = v.chars().take_while(char::is_ascii_digit).count();
    let numeric = (digits == 4
        && v.chars().count() >= 6
        && v.chars().nth(4).is_some_and(|c| "-./年".contains(c))
        || digits == 2 && v.chars().nth(2) == Some('年') && v.contains('月'))
        && v.chars()
            .all(|c| c.is_ascii_digit() || "-./年月日".contains(c));
    let written = v
        .chars()
        .take(5)
        .filter(|c| "〇零一二三四五六七八九".contains(*c))
        .count()
        == 4
        && v.chars().nth(4) == Some('年')
        && v.contains('月')
        && v.chars()
            .all(|c| "〇零一二三四五六七八九十廿年月日".contains(c));
    numeric || written
}

fn birth_header(c: &str) -> bool {
    (c.starts_with("出生") || c == "生日") && c.chars().count() <= 5
}

/// The cells under a column headed by a birth date (出生年月, 出生日期, 生日) that hold
/// a date alone (1996.03, 1994-11-02, 1978年10月), in drawn tables and in tables aligned
/// with spaces (where padded names shift a row's cells a little): their spans, trimmed.
pub(crate) fn birth_column_cells(text: &str) -> Vec<(usize, usize)> {
    aligned_column(text, birth_header, 6)
        .into_iter()
        .chain(drawn_column(text, birth_header))
        .filter(|(.., t)| date_cell(t))
        .map(|(s, e, _)| (s, e))
        .collect()
}

impl crate::Finder<'_> {
    /// The cells under a column headed 年龄 (aligned with spaces or drawn) that hold an
    /// age alone (67, 67岁): an adult's age gives back the birth year, a minor's is a
    /// minor's detail.
    pub(super) fn column_ages(&mut self) {
        let text = self.text;
        let header = |h: &str| ["年龄", "年龄（岁）", "年龄(岁)"].contains(&h);
        let cells: Vec<(usize, usize, &str)> = aligned_column(text, header, 3)
            .into_iter()
            .chain(drawn_column(text, header))
            .collect();
        for (s, _, cell) in cells {
            let digits = cell.trim_end_matches('岁').trim_end_matches('周');
            if !(1..=3).contains(&digits.len()) || !digits.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            let (kind, reason) = if digits.parse::<u32>().is_ok_and(|a| a < 18) {
                (
                    crate::Kind::Minor,
                    "未成年人的年龄属敏感个人信息（个人信息保护法第二十八条），隐去",
                )
            } else {
                (
                    crate::Kind::Age,
                    "自然人的年龄可推知出生年份（出生日期已隐去），隐去",
                )
            };
            self.push(kind, s, s + digits.len(), "**".into(), reason);
        }
    }
}

/// The cells under a column of a table drawn with `│`, `|` or `｜` whose header cell
/// `header` picks (rules between rows passed over; a row with another number of cells,
/// a wrapped line, skipped): each cell's span and text, trimmed of spaces.
pub(crate) fn drawn_column(text: &str, header: impl Fn(&str) -> bool) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    let mut column: Option<(usize, usize)> = None;
    for (line_at, line) in lines_at(text) {
        if border_line(line) {
            continue;
        }
        if !line.contains(['│', '|', '｜']) {
            column = None;
            continue;
        }
        let cells = cell_spans(line, line_at);
        if let Some(i) = cells
            .iter()
            .position(|&(s, e)| header(text[s..e].trim_matches([' ', '　'])))
        {
            column = Some((i, cells.len()));
            continue;
        }
        let Some((i, n)) = column else { continue };
        if cells.len() != n {
            continue;
        }
        let (s, e) = cells[i];
        let cell = &text[s..e];
        let v = cell.trim_matches([' ', '　']);
        let vs = s + (cell.len() - cell.trim_start_matches([' ', '　']).len());
        out.push((vs, vs + v.len(), v));
    }
    out
}

/// The cells of a line of a table aligned with spaces: (first column, column after the
/// end, byte offset in the line, text), split at runs of two or more spaces.
pub(crate) fn aligned_cells(line: &str) -> Vec<(usize, usize, usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None; // (column, byte)
    let mut gap = 0;
    let mut last_end = (0, 0);
    for (col, (b, c)) in line.char_indices().enumerate() {
        if c == ' ' || c == '　' {
            gap += 1;
            if gap == 2
                && let Some((sc, sb)) = start.take()
            {
                out.push((sc, last_end.0, sb, &line[sb..last_end.1]));
            }
            continue;
        }
        gap = 0;
        if start.is_none() {
            start = Some((col, b));
        }
        last_end = (col + 1, b + c.len_utf8());
    }
    if let Some((sc, sb)) = start {
        out.push((sc, last_end.0, sb, &line[sb..last_end.1]));
    }
    out
}

/// Whether `line` is a table's rule drawn between rows (+------+------+, ├──┼──┤): the
/// table goes on under it, with the same columns.
pub(crate) fn border_line(line: &str) -> bool {
    let t = line.trim_matches([' ', '　']);
    t.chars().count() >= 3
        && t.contains(['+', '─', '┼', '├', '┌', '└', '━'])
        && t.chars().all(|c| "+-=─━┼├┤┬┴┌┐└┘╋┣┫|│".contains(c))
}

/// The lines of `text` with the byte offset each starts at.
pub(crate) fn lines_at(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split('\n').scan(0, |at, line| {
        let start = *at;
        *at += line.len() + 1;
        Some((start, line))
    })
}

/// The cells of a table line with their byte spans in `text` (the line starts at
/// `at`), split at `│`, `|` and `｜`.
fn cell_spans(line: &str, at: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in line.char_indices() {
        if matches!(c, '│' | '|' | '｜') {
            out.push((at + start, at + i));
            start = i + c.len_utf8();
        }
    }
    out.push((at + start, at + line.len()));
    out
}

/// The digits (and marks) of a cell, trimmed, with their span.
fn id_part(text: &str, (s, e): (usize, usize)) -> Option<(usize, usize, &str)> {
    let cell = &text[s..e];
    let v = cell.trim_matches([' ', '　']);
    let vs = s + (cell.len() - cell.trim_start_matches([' ', '　']).len());
    let ok = !v.is_empty()
        && v.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '*' | '＊' | 'x' | 'X'));
    ok.then_some((vs, vs + v.len(), v))
}

/// The digits of a phone cut by a cell's wrap: the trailing run of digits and spaces
/// of the cell `a` (after a phone cue in the cell) and the leading run of `b`.
fn wrapped_phone_parts(
    text: &str,
    (a_s, a_e): (usize, usize),
    (b_s, b_e): (usize, usize),
) -> Option<[(usize, usize); 2]> {
    let a = text[a_s..a_e].trim_end_matches([' ', '　']);
    let head = a.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
    let a_digits = &a[head.len()..];
    let a_digits_start = a_s + head.len() + (a_digits.len() - a_digits.trim_start().len());
    let a_digits = a_digits.trim_start();
    if a_digits.is_empty() || !["电话", "手机", "联系"].iter().any(|w| head.contains(w)) {
        return None;
    }
    let b = &text[b_s..b_e];
    let b_lead = b.len() - b.trim_start_matches([' ', '　']).len();
    let b = &b[b_lead..];
    let run = b
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == ' '))
        .map_or(b, |(i, _)| &b[..i])
        .trim_end();
    let digits: String = a_digits
        .chars()
        .chain(run.chars())
        .filter(char::is_ascii_digit)
        .collect();
    let mobile = digits.len() == 11
        && digits.starts_with('1')
        && digits[1..2].chars().all(|c| ('3'..='9').contains(&c));
    (mobile && !run.is_empty()).then_some([
        (a_digits_start, a_digits_start + a_digits.len()),
        (b_s + b_lead, b_s + b_lead + run.len()),
    ])
}

impl crate::Finder<'_> {
    /// A mobile number cut by a table cell's wrap (│…电话：187    │ then
    /// │        │8843 0279）…│): both parts go, the first 3 digits stay.
    pub(super) fn wrapped_cell_phones(&mut self) {
        let text = self.text;
        for (x, y) in stacked_cells(text) {
            let Some(parts) = wrapped_phone_parts(text, x, y) else {
                continue;
            };
            let mut kept = 0;
            for (s, e) in parts {
                let rep: String = text[s..e]
                    .chars()
                    .map(|c| match c {
                        d if d.is_ascii_digit() && kept < 3 => {
                            kept += 1;
                            d
                        }
                        d if d.is_ascii_digit() => '*',
                        other => other,
                    })
                    .collect();
                self.push(
                    crate::Kind::Phone,
                    s,
                    e,
                    rep,
                    "在表格单元格内折行的手机号码，只保留前3位",
                );
            }
        }
    }

    /// An identity number that wraps inside its table cell (│3205081946│ then
    /// │****2029  │ on the next line): the two parts make 18 (or 15) characters that
    /// read as an ID; both are masked.
    pub(super) fn wrapped_cell_ids(&mut self) {
        let text = self.text;
        for (x, y) in stacked_cells(text) {
            let (Some((s1, e1, p1)), Some((s2, e2, p2))) = (id_part(text, x), id_part(text, y))
            else {
                continue;
            };
            if p1.len() < 6 || p2.is_empty() {
                continue;
            }
            let chars: Vec<char> = p1.chars().chain(p2.chars()).collect();
            let Some((rep, _)) = crate::idnumbers::id_masking(&chars, || true) else {
                continue;
            };
            let n1 = p1.chars().count();
            let (r1, r2): (String, String) = (
                rep.chars().take(n1).collect(),
                rep.chars().skip(n1).collect(),
            );
            let reason = "在表格单元格内折行的身份证号，按身份证号隐去";
            self.push(crate::Kind::IdCard, s1, e1, r1, reason);
            self.push(crate::Kind::IdCard, s2, e2, r2, reason);
        }
    }
}

/// The cells of a table that stand one above the other on two lines next to each
/// other (a cell's text wrapped onto the next line), as (upper, lower) byte spans:
/// both lines drawn with │ or |, with as many cells.
fn stacked_cells(text: &str) -> Vec<((usize, usize), (usize, usize))> {
    let lines: Vec<(usize, &str)> = lines_at(text).collect();
    let mut out = Vec::new();
    for pair in lines.windows(2) {
        let [(a_at, a), (b_at, b)] = pair else {
            continue;
        };
        if !a.contains(['│', '|', '｜']) || !b.contains(['│', '|', '｜']) {
            continue;
        }
        let (ca, cb) = (cell_spans(a, *a_at), cell_spans(b, *b_at));
        if ca.len() == cb.len() {
            out.extend(ca.into_iter().zip(cb));
        }
    }
    out
}
