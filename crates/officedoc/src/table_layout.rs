//! Placing a [`Table`] on the pages of the PDF: the text of each cell is wrapped to
//! its width, each row is as tall as its tallest cell, the grid is drawn with thin
//! rules; a table that does not fit breaks between rows and repeats its header rows
//! at the top of the next page. A cell spanning rows across a page break is drawn
//! in both parts, its text in the first part tall enough to hold it.

use crate::Align;
use crate::layout::{Laid, Line, MARGIN_LEFT_MM, MARGIN_TOP_MM, Rule, pt, type_h, type_w, wrap};
use crate::table::{Placed, Table};

/// The lines of a cell's text, each with its advances.
type Wrapped = Vec<(String, Vec<f32>)>;

/// Line height of cell text, in multiples of its size.
const LEADING: f32 = 1.3;

struct Geometry {
    /// Left edge of each column, and the right edge of the last.
    xs: Vec<f32>,
    heights: Vec<f32>,
    size: f32,
    hpad: f32,
}

impl Geometry {
    fn line_h(&self) -> f32 {
        self.size * LEADING
    }
}

/// Closing punctuation: the ink sits in the left half of the em box.
fn closing(c: char) -> bool {
    "，。、；：？！）》」』】”’．".contains(c)
}

/// The width of a line up to the end of its last character's ink: a closing mark
/// at the end counts half.
fn ink_width(text: &str, advances: &[f32], size: f32) -> f32 {
    let last = text.chars().last().is_some_and(closing);
    advances.iter().sum::<f32>() - if last { size / 2.0 } else { 0.0 }
}

/// A line that a hanging punctuation mark makes wider than the cell: the closing
/// marks before the last character are set half-width (their ink is in the left
/// half) until the line fits or none is left.
fn fit(text: &str, advances: &mut [f32], width: f32, size: f32) {
    let mut excess = advances.iter().sum::<f32>() - width;
    let chars: Vec<char> = text.chars().collect();
    for (c, a) in chars.iter().zip(advances.iter_mut()).rev().skip(1) {
        if excess <= 0.01 {
            break;
        }
        if closing(*c) && *a > size * 0.6 {
            let cut = (*a - size / 2.0).min(excess);
            *a -= cut;
            excess -= cut;
        }
    }
}

/// The wrapped lines of each placed cell and the height of each row.
fn measure(t: &Table, placed: &[Placed<'_>], em: &dyn Fn(char) -> f32) -> (Geometry, Vec<Wrapped>) {
    let size = t.size;
    let (hpad, vpad) = (size * 0.3, size * 0.25);
    let mut xs = vec![pt(MARGIN_LEFT_MM)];
    for f in t.fractions() {
        let last = xs.last().copied().unwrap_or_default();
        xs.push(last + f * type_w());
    }
    let mut g = Geometry {
        xs,
        heights: vec![size * LEADING + 2.0 * vpad; t.rows.len()],
        size,
        hpad,
    };
    let adv = |c: char| em(c) * size;
    let wrapped: Vec<Wrapped> = placed
        .iter()
        .map(|p| {
            if p.cell.text.trim().is_empty() {
                return Vec::new();
            }
            let width = g.xs[p.col + p.cols] - g.xs[p.col] - 2.0 * hpad;
            // A line break in the text is kept.
            p.cell
                .text
                .lines()
                .flat_map(|part| {
                    let part: String = part.chars().filter(|c| !c.is_control()).collect();
                    let mut lines = wrap(&part, width, 0.0, &adv);
                    for (text, advances) in &mut lines {
                        fit(text, advances, width, size);
                    }
                    lines
                })
                .collect()
        })
        .collect();
    let line_h = g.line_h();
    let need = |i: usize| wrapped[i].len() as f32 * line_h + 2.0 * vpad;
    for (i, p) in placed.iter().enumerate().filter(|(_, p)| p.rows == 1) {
        g.heights[p.row] = g.heights[p.row].max(need(i));
    }
    // A cell spanning rows that are together too short for it: the rows share the
    // difference.
    for (i, p) in placed.iter().enumerate().filter(|(_, p)| p.rows > 1) {
        let have: f32 = g.heights[p.row..p.row + p.rows].iter().sum();
        if need(i) > have {
            let more = (need(i) - have) / p.rows as f32;
            for h in &mut g.heights[p.row..p.row + p.rows] {
                *h += more;
            }
        }
    }
    (g, wrapped)
}

/// Draw the cell `p` over `segs` (page, top, bottom): a box for each part and its
/// text, vertically centred, in the first part that holds it (else the tallest).
fn draw(
    out: &mut Laid,
    g: &Geometry,
    p: &Placed<'_>,
    lines: &[(String, Vec<f32>)],
    segs: &[(usize, f32, f32)],
) {
    let (x1, x2) = (g.xs[p.col], g.xs[p.col + p.cols]);
    for &(page, top, bottom) in segs {
        for (a, b, c, d) in [
            (x1, top, x2, top),
            (x1, bottom, x2, bottom),
            (x1, top, x1, bottom),
            (x2, top, x2, bottom),
        ] {
            out.rules.push(Rule {
                page,
                x1: a,
                y1: b,
                x2: c,
                y2: d,
            });
        }
    }
    let text_h = lines.len() as f32 * g.line_h();
    let Some(&(page, top, bottom)) = segs.iter().find(|s| s.2 - s.1 >= text_h).or_else(|| {
        segs.iter()
            .max_by(|a, b| (a.2 - a.1).total_cmp(&(b.2 - b.1)))
    }) else {
        return;
    };
    let y0 = top + ((bottom - top) - text_h) / 2.0;
    for (i, (text, advances)) in lines.iter().enumerate() {
        let w = ink_width(text, advances, g.size);
        let x = match p.cell.align {
            Align::Center => x1 + ((x2 - x1) - w) / 2.0,
            Align::Right => x2 - g.hpad - w,
            _ => x1 + g.hpad,
        };
        out.lines.push(Line {
            page,
            x: x.max(x1 + 0.5),
            baseline: y0 + (i as f32 + 0.5) * g.line_h() + 0.38 * g.size,
            size: g.size,
            title_face: false,
            text: text.clone(),
            advances: advances.clone(),
        });
    }
}

/// Height of the header rows and the first row after them: what must fit below a
/// heading for the heading to stay on its page.
pub fn first_height(t: &Table, em: &dyn Fn(char) -> f32) -> f32 {
    let (placed, _) = t.place();
    let (g, _) = measure(t, &placed, em);
    let hn = t.header_rows.min(t.rows.len());
    g.heights.iter().take(hn + 1).sum()
}

/// Place `t` from `top` (points from the page's top edge) on `*page`; moves `*page`
/// on as the table breaks and returns where the table ends on the last page.
pub fn place(
    t: &Table,
    em: &dyn Fn(char) -> f32,
    out: &mut Laid,
    page: &mut usize,
    top: f32,
) -> f32 {
    let (placed, _) = t.place();
    if placed.is_empty() {
        return top;
    }
    let (g, wrapped) = measure(t, &placed, em);
    let n = t.rows.len();
    let hn = t.header_rows.min(n);
    let header_h: f32 = g.heights[..hn].iter().sum();
    let (page_top, bottom) = (pt(MARGIN_TOP_MM), pt(MARGIN_TOP_MM) + type_h());
    let mut y = top;
    // The header is not left alone at the foot of a page.
    let first = header_h + g.heights.get(hn).copied().unwrap_or(0.0);
    if y + first > bottom + 0.01 && y > page_top + 0.01 {
        *page += 1;
        y = page_top;
    }
    // Where each row goes, and the pages that repeat the header.
    let mut pos: Vec<(usize, f32)> = Vec::with_capacity(n);
    let mut repeats: Vec<(usize, f32)> = Vec::new();
    let mut body_on_page = 0;
    for (r, h) in g.heights.iter().enumerate() {
        if r >= hn && body_on_page > 0 && y + h > bottom + 0.01 {
            *page += 1;
            y = page_top;
            body_on_page = 0;
            if hn > 0 {
                repeats.push((*page, y));
                y += header_h;
            }
        }
        pos.push((*page, y));
        y += h;
        if r >= hn {
            body_on_page += 1;
        }
    }
    for (p, lines) in placed.iter().zip(&wrapped) {
        // The parts of the cell, one per page it is on.
        let mut segs: Vec<(usize, f32, f32)> = Vec::new();
        let rows = p.row..p.row + p.rows;
        for (&(pg, y), h) in pos[rows.clone()].iter().zip(&g.heights[rows]) {
            let y2 = y + h;
            match segs.last_mut() {
                Some(s) if s.0 == pg => s.2 = y2,
                _ => segs.push((pg, y, y2)),
            }
        }
        draw(out, &g, p, lines, &segs);
        if p.row < hn {
            let off: f32 = g.heights[..p.row].iter().sum();
            let h: f32 = g.heights[p.row..(p.row + p.rows).min(hn)].iter().sum();
            for &(pg, y0) in &repeats {
                draw(out, &g, p, lines, &[(pg, y0 + off, y0 + off + h)]);
            }
        }
    }
    y
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{LINES_PER_PAGE, lay_out, line_pitch};
    use crate::table::Cell;
    use crate::{Letter, Para};

    fn em(c: char, _: bool) -> f32 {
        if c.is_ascii() { 0.5 } else { 1.0 }
    }

    fn long_table(rows: usize) -> Table {
        let mut t = Table::new(vec![3.0, 1.0, 1.0])
            .header(2)
            .row(vec![Cell::new("项目").rows(2), Cell::new("数量").cols(2)])
            .row(vec![Cell::new("甲"), Cell::new("乙")]);
        for i in 0..rows {
            t.push(vec![
                Cell::left(format!("第{i}行")),
                Cell::new(i.to_string()),
                Cell::new((2 * i).to_string()),
            ]);
        }
        t
    }

    #[test]
    fn a_long_table_breaks_between_rows_and_repeats_its_header() {
        let l = Letter {
            title: "t".into(),
            paras: vec![
                Para::body("前文。"),
                Para::table(long_table(60)),
                Para::body("后文。"),
            ],
            seal_mark: false,
        };
        let laid = lay_out(&l, &em);
        assert!(laid.pages >= 2, "{} pages", laid.pages);
        // The header on each page the table is on, above the body rows.
        let heads: Vec<&Line> = laid.lines.iter().filter(|l| l.text == "项目").collect();
        assert_eq!(heads.len(), laid.pages);
        let first_on_2 = laid
            .lines
            .iter()
            .filter(|l| l.page == 1 && l.text.starts_with('第'))
            .map(|l| l.baseline)
            .fold(f32::MAX, f32::min);
        assert!(heads[1].page == 1 && heads[1].baseline < first_on_2);
        // Every row once, in order, none below the type area.
        let rows: Vec<&Line> = laid
            .lines
            .iter()
            .filter(|l| l.text.starts_with('第'))
            .collect();
        assert_eq!(rows.len(), 60);
        assert!(
            rows.windows(2)
                .all(|w| (w[0].page, w[0].baseline) < (w[1].page, w[1].baseline))
        );
        let bottom = pt(MARGIN_TOP_MM) + type_h();
        assert!(
            laid.rules
                .iter()
                .all(|r| r.y1 <= bottom + 0.1 && r.y2 <= bottom + 0.1)
        );
        assert!(laid.rules.iter().all(|r| r.y1 >= pt(MARGIN_TOP_MM) - 0.1));
        // Figures centred in their column, labels from its left.
        let fig = laid.lines.iter().find(|l| l.text == "7").expect("7");
        let col = (
            pt(MARGIN_LEFT_MM) + type_w() * 0.6,
            pt(MARGIN_LEFT_MM) + type_w() * 0.8,
        );
        assert!(((fig.x + fig.width() / 2.0) - (col.0 + col.1) / 2.0).abs() < 0.1);
        // The paragraph after the table is back on the grid, below the table.
        let after = laid
            .lines
            .iter()
            .find(|l| l.text == "后文。")
            .expect("after");
        let last_rule = laid
            .rules
            .iter()
            .filter(|r| r.page == after.page)
            .map(|r| r.y2)
            .fold(0.0, f32::max);
        assert!(after.baseline > last_rule);
        let rows = (after.baseline - laid.lines[0].baseline) / line_pitch();
        assert!((rows - rows.round()).abs() < 0.01, "{rows}");
        assert!(rows.round() < LINES_PER_PAGE as f32);
    }

    #[test]
    fn long_cell_text_wraps_and_the_row_grows() {
        let t = Table::new(vec![1.0, 4.0]).row(vec![Cell::left("国".repeat(30)), Cell::new("1")]);
        let l = Letter {
            title: "t".into(),
            paras: vec![Para::table(t)],
            seal_mark: false,
        };
        let laid = lay_out(&l, &em);
        let cells: Vec<&Line> = laid
            .lines
            .iter()
            .filter(|l| l.text.starts_with('国'))
            .collect();
        // 156 mm / 5 less the padding holds 5 characters of 10.5 pt.
        assert!(cells.len() >= 5, "{}", cells.len());
        let right = pt(MARGIN_LEFT_MM) + type_w() / 5.0;
        assert!(cells.iter().all(|l| l.x + l.width() <= right));
        let one = laid.lines.iter().find(|l| l.text == "1").expect("1");
        // The figure is centred vertically on the tall row.
        let mid = (cells[0].baseline + cells[cells.len() - 1].baseline) / 2.0;
        assert!((one.baseline - mid).abs() < 1.0);
    }

    #[test]
    fn a_heading_goes_to_the_next_page_with_its_table_and_breaks_are_kept() {
        // 20 lines of text, a heading on line 21: the table's header and first row
        // do not fit in the one line left, so the heading moves with them.
        let mut paras: Vec<Para> = (0..20)
            .map(|i| Para::left(format!("第{i}行文字")))
            .collect();
        paras.push(Para::left("三、标题"));
        let mut t = long_table(3);
        t.rows[2][0].text = "分\n行".into();
        paras.push(Para::table(t));
        let l = Letter {
            title: "t".into(),
            paras,
            seal_mark: false,
        };
        let laid = lay_out(&l, &em);
        let heading = laid.lines.iter().find(|l| l.text == "三、标题").expect("h");
        assert_eq!(heading.page, 1);
        assert!((heading.baseline - laid.lines[0].baseline).abs() < 0.01);
        assert!(laid.rules.iter().all(|r| r.page == 1));
        // The explicit break: two lines in the cell.
        let a = laid.lines.iter().find(|l| l.text == "分").expect("分");
        let b = laid.lines.iter().find(|l| l.text == "行").expect("行");
        assert!((b.baseline - a.baseline - 10.5 * LEADING).abs() < 0.01);
    }

    #[test]
    fn a_hanging_mark_is_pulled_in_by_setting_closing_marks_half_width() {
        let size = 10.0;
        // "1．" + eight characters + "”": 10.5 em in a cell 9.5 em wide.
        let text = "1．危及三安全一稳定”";
        let mut adv: Vec<f32> = text
            .chars()
            .map(|c| if c == '1' { 5.0 } else { 10.0 })
            .collect();
        fit(text, &mut adv, 95.0, size);
        assert_eq!(adv[1], 5.0, "{adv:?}");
        assert!(adv.iter().sum::<f32>() - 5.0 <= 95.01);
        // A line that fits is left alone.
        let mut adv2 = vec![10.0; 3];
        fit("国，国", &mut adv2, 100.0, size);
        assert_eq!(adv2, [10.0; 3]);
    }
}
