//! Homes in a table column headed 住址 (家庭住址, 现住址, 居住地址 …): every cell under
//! the header is a person's home, masked below road level like a home in running text.
//! Columns are split by tabs, `│`, `|` or `｜`; a row with another number of cells (a
//! wrapped line) is passed over. A row labelled 住址 whose value wraps onto the rows
//! under it (an empty label cell) has those rows masked as the rest of the home.

use crate::Finder;
use crate::roadlevel::below_road;

/// Headers of a column of homes; an organisation's seat (经营地址, 注册地址) is none.
const HOME_HEADERS: &[&str] = &[
    "住址",
    "家庭住址",
    "现住址",
    "居住地址",
    "家庭地址",
    "户籍地址",
    // A register of households (业主, 住户) locates each by its flat.
    "房屋位置",
    "房号",
    "门牌号",
];

const SEPARATORS: [char; 4] = ['\t', '│', '|', '｜'];

/// The cells of `line` with their byte offsets in it, trimmed of spaces.
fn cells(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    for part in line.split(SEPARATORS) {
        let lead = part.len() - part.trim_start_matches([' ', '　']).len();
        out.push((at + lead, part.trim_matches([' ', '　'])));
        at += part.len()
            + line[at + part.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
    }
    out
}

/// A header of homes, alone or shared with another item (住址 / 联系方式).
fn home_header(cell: &str) -> bool {
    other_home_header(cell)
        || HOME_HEADERS.iter().any(|h| {
            cell.strip_prefix(h).is_some_and(|rest| {
                rest.is_empty()
                    || rest
                        .trim_start_matches([' ', '　'])
                        .starts_with(['/', '／', '、', '及', '和', '与'])
            })
        })
}

/// Other headers of homes: a home word second in a shared header (小区 / 房号), one with
/// a short word before it or a note after it (原住址（危房 / 低洼）, 户籍住址), and where a
/// household lives for a while (过渡安置地点, 安置地址).
fn other_home_header(cell: &str) -> bool {
    let bare = cell.split(['（', '(']).next().unwrap_or(cell).trim();
    let shared = cell
        .split(['/', '／'])
        .skip(1)
        .any(|p| HOME_HEADERS.contains(&p.trim_matches([' ', '　'])));
    let prefixed = bare
        .strip_suffix("住址")
        .is_some_and(|head| head.chars().count() <= 2 && head.chars().all(crate::patterns::han));
    shared || prefixed || stay_header(bare)
}

/// Where a household lives for a while (过渡安置地点, 安置地址).
fn stay_header(cell: &str) -> bool {
    ["过渡安置地点", "过渡地点", "安置地址", "安置住址"].contains(&cell)
}

impl Finder<'_> {
    /// Mask the homes under a 住址 column.
    pub(super) fn column_homes(&mut self) {
        let text = self.text;
        let mut column: Option<(usize, usize)> = None; // (index, number of cells)
        // A row labelled 住址 whose value wraps onto rows with an empty label cell:
        // (index of the value, number of cells).
        let mut labelled: Option<(usize, usize)> = None;
        for (line_start, line) in crate::columns::lines_at(text) {
            if crate::columns::border_line(line) {
                continue;
            }
            if !line.contains(SEPARATORS) {
                column = None;
                labelled = None;
                continue;
            }
            let row = cells(line);
            if let Some((v, n)) = labelled {
                let label_empty = row.get(v - 1).is_some_and(|(_, c)| c.is_empty());
                match row.get(v) {
                    Some(&(off, cell)) if row.len() == n && label_empty && !cell.is_empty() => {
                        // The lines under the first hold the rest of the home: below
                        // road level unless a road starts the line again.
                        let cut = below_road(cell).unwrap_or(0);
                        self.mask_address(line_start + off + cut, &cell[cut..]);
                        continue;
                    }
                    _ => labelled = None,
                }
            }
            if let Some(i) = row.iter().position(|(_, c)| home_header(c)) {
                // A label and its value alone on the row (│住址│…│), not a header row.
                let filled = row.iter().filter(|(_, c)| !c.is_empty()).count();
                let first = row.iter().position(|(_, c)| !c.is_empty()) == Some(i);
                if first && filled == 2 && row.get(i + 1).is_some_and(|(_, c)| !c.is_empty()) {
                    labelled = Some((i + 1, row.len()));
                    column = None;
                } else {
                    column = Some((i, row.len()));
                }
                continue;
            }
            let Some((i, n)) = column else { continue };
            if row.len() != n {
                continue;
            }
            let Some(&(off, cell)) = row.get(i) else {
                continue;
            };
            // 光复路16号101房；某某手机…: the home ends where another item begins.
            let cell = cell.split(['；', ';']).next().unwrap_or(cell);
            if let Some(cut) = below_road(cell) {
                self.mask_address(line_start + off + cut, &cell[cut..]);
            }
        }
    }
}

impl Finder<'_> {
    /// Homes under a 住址 column of a table aligned with spaces (序号  姓名  住址 …):
    /// the cell nearest under the header, masked below road level.
    pub(super) fn aligned_column_homes(&mut self) {
        // A second column of homes to the right of the first (原住址 … 过渡安置地点).
        let cells = crate::columns::aligned_column(self.text, home_header, 3)
            .into_iter()
            .chain(crate::columns::aligned_column(self.text, stay_header, 3));
        for (s, _, cell) in cells {
            if organisation_row(self.text, s) {
                continue;
            }
            if let Some(cut) = below_road(cell) {
                self.mask_address(s + cut, &cell[cut..]);
            }
        }
    }
}

/// A row of an organisation (…物流有限公司 in a list of parties): its address is a seat.
pub(crate) fn organisation_row(text: &str, at: usize) -> bool {
    let start = crate::patterns::line_start(text, at);
    let end = crate::patterns::line_end(text, at);
    ["公司", "集团", "经营场所"]
        .iter()
        .any(|w| text[start..end].contains(w))
}

/// The entry after a list number that opens a cell (3. …, 3、…), if one does.
fn list_entry(cell: &str) -> Option<&str> {
    let rest = cell.trim_start_matches(|c: char| c.is_ascii_digit());
    if rest.len() == cell.len() {
        return None;
    }
    rest.strip_prefix(['.', '、', '．'])
        .map(|r| r.trim_start_matches([' ', '　']))
        .filter(|r| !r.is_empty())
}

/// A row of a person: an identity number (perhaps masked in part) in it.
fn person_row(line: &str) -> bool {
    let mut run = 0;
    for c in line.chars() {
        if c.is_ascii_digit() || "＊*xX".contains(c) {
            run += 1;
            if run >= 14 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

impl Finder<'_> {
    /// A home in a table aligned with spaces (a 公告送达 list) whose cell wraps: under a
    /// person's row, the piece right below a cell that ends on a road (…园林路 /
    /// 五号楼2单元8层东) is the part below road level.
    pub(super) fn aligned_wraps(&mut self) {
        let text = self.text;
        let mut prev: Option<(usize, &str)> = None;
        for (line_at, line) in crate::columns::lines_at(text) {
            let Some((_, above)) = prev.replace((line_at, line)) else {
                continue;
            };
            if line.contains(SEPARATORS) || above.contains(SEPARATORS) || !person_row(above) {
                continue;
            }
            let roads: Vec<(usize, usize)> = crate::columns::aligned_cells(above)
                .into_iter()
                .filter(|(_, _, _, t)| t.ends_with(['路', '街', '巷', '道', '村', '弄']))
                .map(|(s, e, _, _)| (s, e))
                .collect();
            for (col, _, b, cell) in crate::columns::aligned_cells(line) {
                // 3. 营根社区红卫路二十九号: a new entry of a numbered list, not a wrapped
                // cell; its home is cut below its own road.
                let entry = list_entry(cell);
                let digits = entry
                    .unwrap_or(cell)
                    .chars()
                    .any(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
                let flat = ["号", "楼", "栋", "幢", "单元", "层", "室", "户"]
                    .iter()
                    .any(|w| cell.contains(w));
                if digits
                    && flat
                    && !cell.contains(['〔', '年', '：', ':'])
                    // Padding taken out of a name in the row shifts its columns a little.
                    && roads.iter().any(|&(s, e)| col + 6 >= s && col <= e + 6)
                {
                    if let Some(body) = entry {
                        let at = line_at + b + (cell.len() - body.len());
                        if let Some(cut) = below_road(body) {
                            self.mask_address(at + cut, &body[cut..]);
                        }
                        continue;
                    }
                    self.push(
                        crate::Kind::Address,
                        line_at + b,
                        line_at + b + cell.len(),
                        "***".into(),
                        "自然人住址（表格中折行的门牌部分），隐去",
                    );
                }
            }
        }
    }
}
