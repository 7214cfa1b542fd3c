//! The GB/T 9704-2012 page and the placing of lines on it (shared by both PDF
//! writers; the DOCX states the same values and lets the word processor place).

use crate::{Align, Letter};

pub const PAGE_W_MM: f32 = 210.0;
pub const PAGE_H_MM: f32 = 297.0;
/// 天头 37 mm.
pub const MARGIN_TOP_MM: f32 = 37.0;
pub const MARGIN_BOTTOM_MM: f32 = 35.0;
/// 订口 28 mm.
pub const MARGIN_LEFT_MM: f32 = 28.0;
pub const MARGIN_RIGHT_MM: f32 = 26.0;
/// 每面排 22 行，每行排 28 个字。
pub const LINES_PER_PAGE: u32 = 22;
pub const CHARS_PER_LINE: u32 = 28;
/// 2号 (title, 小标宋).
pub const TITLE_PT: f32 = 22.0;
/// 3号 (body, 仿宋).
pub const BODY_PT: f32 = 16.0;
/// 4号 (page numbers).
pub const PAGE_NO_PT: f32 = 14.0;
/// Diameter of the seal drawn as a guide (a usual organ seal is 42 mm).
pub const SEAL_MM: f32 = 42.0;

pub fn pt(mm: f32) -> f32 {
    mm * 72.0 / 25.4
}

/// Millimetres in twentieths of a point (WordprocessingML page set-up units).
pub fn twips(mm: f32) -> u32 {
    (mm * 1440.0 / 25.4).round() as u32
}

pub fn page_w() -> f32 {
    pt(PAGE_W_MM)
}
pub fn page_h() -> f32 {
    pt(PAGE_H_MM)
}
/// Width of the type area (版心): 156 mm.
pub fn type_w() -> f32 {
    pt(PAGE_W_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM)
}
/// Height of the type area (版心): 225 mm.
pub fn type_h() -> f32 {
    pt(PAGE_H_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM)
}
/// Distance between lines: 225 mm / 22.
pub fn line_pitch() -> f32 {
    type_h() / LINES_PER_PAGE as f32
}
/// Distance between characters of a 3号 line: 156 mm / 28.
pub fn char_pitch() -> f32 {
    type_w() / CHARS_PER_LINE as f32
}

/// One placed line: `x` from the left edge, `baseline` from the top edge, in points;
/// `advances[i]` is how far the i-th character moves the pen.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub page: usize,
    pub x: f32,
    pub baseline: f32,
    pub size: f32,
    pub title_face: bool,
    pub text: String,
    pub advances: Vec<f32>,
}

impl Line {
    pub fn width(&self) -> f32 {
        self.advances.iter().sum()
    }
}

/// A thin black rule (the grid of a table): from (x1, y1) to (x2, y2), points from
/// the left and top edges.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub page: usize,
    pub x1: f32,
    pub y1: f32,
    pub x2: f32,
    pub y2: f32,
}

/// Width of the rules of tables, points.
pub const RULE_PT: f32 = 0.5;

#[derive(Debug, Clone, PartialEq)]
pub struct Laid {
    pub pages: usize,
    pub lines: Vec<Line>,
    pub rules: Vec<Rule>,
    /// Seal guides: (page, centre x, centre y from the top), points.
    pub seals: Vec<(usize, f32, f32)>,
}

/// Characters that must not begin a line (避头点): they hang at the end of the
/// previous line instead.
fn no_line_start(c: char) -> bool {
    "，。、；：？！）》」』】”’,.;:?!)%".contains(c)
}

/// The advance of `c` in points at `size`: full-width characters of the body keep
/// to the 28-character grid, the rest use the font's own advance (`em`).
fn advance(size: f32, title_face: bool, em: f32) -> f32 {
    if !title_face && em >= 0.9 {
        char_pitch() * size / BODY_PT
    } else {
        em * size
    }
}

/// Characters that must not end a line (避尾点): opening brackets and quotes.
fn no_line_end(c: char) -> bool {
    "（《「『【“‘(".contains(c)
}

/// Break `text` into lines no wider than `width` (a hanging punctuation mark may
/// exceed it); each line with its advances. An opening bracket never ends a line
/// and a run of ASCII letters and digits (a number, an application code) is not
/// split unless it is longer than a line.
pub fn wrap(
    text: &str,
    width: f32,
    first_indent: f32,
    adv: &dyn Fn(char) -> f32,
) -> Vec<(String, Vec<f32>)> {
    let mut lines = Vec::new();
    let (mut line, mut advs): (Vec<char>, Vec<f32>) = (Vec::new(), Vec::new());
    let mut used = first_indent;
    for c in text.chars() {
        let w = adv(c);
        if used + w > width + 0.01 && !line.is_empty() && !no_line_start(c) {
            // Carry to the next line: a trailing opening bracket, or the ASCII word
            // that `c` continues.
            let mut keep = line.len();
            if c.is_ascii_alphanumeric() {
                while keep > 0 && line[keep - 1].is_ascii_alphanumeric() {
                    keep -= 1;
                }
                if keep == 0 {
                    keep = line.len();
                }
            }
            while keep > 1 && no_line_end(line[keep - 1]) {
                keep -= 1;
            }
            let carry: Vec<char> = line.split_off(keep);
            let carry_w: Vec<f32> = advs.split_off(keep);
            lines.push((
                std::mem::take(&mut line).into_iter().collect::<String>(),
                std::mem::take(&mut advs),
            ));
            used = carry_w.iter().sum();
            line = carry;
            advs = carry_w;
        }
        line.push(c);
        advs.push(w);
        used += w;
    }
    lines.push((line.into_iter().collect(), advs));
    lines
}

/// Place every line of `letter`; `em(c, title_face)` is the font's advance of `c`.
pub fn lay_out(letter: &Letter, em: &dyn Fn(char, bool) -> f32) -> Laid {
    let (left, right) = (pt(MARGIN_LEFT_MM), page_w() - pt(MARGIN_RIGHT_MM));
    let width = type_w();
    let pitch = line_pitch();
    let mut out = Laid {
        pages: 1,
        lines: Vec::new(),
        rules: Vec::new(),
        seals: Vec::new(),
    };
    let mut row: u32 = 0;
    let mut page = 0usize;
    for (pi, p) in letter.paras.iter().enumerate() {
        if let Some(t) = &p.table {
            if row >= LINES_PER_PAGE {
                page += 1;
                row = 0;
            }
            let top = pt(MARGIN_TOP_MM) + row as f32 * pitch;
            let end = crate::table_layout::place(t, &|c| em(c, false), &mut out, &mut page, top);
            // The text after the table goes back onto the line grid.
            row = ((end - pt(MARGIN_TOP_MM)) / pitch - 0.01).ceil().max(0.0) as u32;
            continue;
        }
        let text: String = p.text.chars().filter(|c| !c.is_control()).collect();
        let adv = |c: char| advance(p.size, p.title_face, em(c, p.title_face));
        let indent = if p.align == Align::Body {
            2.0 * char_pitch() * p.size / BODY_PT
        } else {
            0.0
        };
        // A signature stays on one page with its date.
        if p.align == Align::Signer && row + 2 > LINES_PER_PAGE {
            row = LINES_PER_PAGE;
        }
        let wrapped = wrap(&text, width, indent, &adv);
        let n = wrapped.len();
        // A heading stays with the table that follows it (its header rows and
        // first row): it goes to the next page with it.
        if let Some(t) = letter.paras.get(pi + 1).and_then(|q| q.table.as_ref())
            && p.align != Align::Body
            && row > 0
            && row + (n as u32) < LINES_PER_PAGE
        {
            let below = pt(MARGIN_TOP_MM) + (row + n as u32) as f32 * pitch;
            let need = crate::table_layout::first_height(t, &|c| em(c, false));
            if below + need > pt(MARGIN_TOP_MM) + type_h() + 0.01 {
                row = LINES_PER_PAGE;
            }
        }
        for (i, (line, mut advs)) in wrapped.into_iter().enumerate() {
            if row >= LINES_PER_PAGE {
                page += 1;
                row = 0;
            }
            let top = pt(MARGIN_TOP_MM) + row as f32 * pitch;
            let baseline = top + pitch / 2.0 + 0.38 * p.size;
            let w: f32 = advs.iter().sum();
            let x = match p.align {
                Align::Body if i == 0 => left + indent,
                Align::Body | Align::Left => left,
                Align::Center => left + ((width - w) / 2.0).max(0.0),
                Align::Right => (right - w).max(left),
                Align::Date => (right - 4.0 * char_pitch() - w).max(left),
                Align::Signer => {
                    // Centre on the date that follows.
                    let date_w = letter.paras[pi + 1..]
                        .iter()
                        .find(|q| q.align == Align::Date)
                        .map(|q| {
                            q.text
                                .chars()
                                .map(|c| advance(q.size, q.title_face, em(c, q.title_face)))
                                .sum::<f32>()
                        })
                        .unwrap_or(w);
                    let cx = right - 4.0 * char_pitch() - date_w / 2.0;
                    // The seal's centre a little above the date: the signature and the date
                    // sit just below it (居印章中心偏下).
                    out.seals.push((page, cx, top + pitch * 0.8));
                    (cx - w / 2.0).min(right - w).max(left)
                }
            };
            // Justify full body lines (not the last of a paragraph).
            if p.align == Align::Body && i + 1 < n && advs.len() > 1 {
                let room = right - x - w;
                if room > 0.0 && room < 2.5 * p.size {
                    let k = advs.len() - 1;
                    for a in advs.iter_mut().take(k) {
                        *a += room / k as f32;
                    }
                }
            }
            out.lines.push(Line {
                page,
                x,
                baseline,
                size: p.size,
                title_face: p.title_face,
                text: line,
                advances: advs,
            });
            row += 1;
        }
    }
    out.pages = page + 1;
    if out.pages > 1 {
        // 页码：4号半角阿拉伯数字，左右各一条一字线，上距版心下边缘 7 mm；单页码居右空一字，
        // 双页码居左空一字.
        for pg in 0..out.pages {
            let text = format!("— {} —", pg + 1);
            let advs: Vec<f32> = text.chars().map(|c| em(c, false) * PAGE_NO_PT).collect();
            let w: f32 = advs.iter().sum();
            let x = if pg % 2 == 0 {
                right - PAGE_NO_PT - w
            } else {
                left + PAGE_NO_PT
            };
            out.lines.push(Line {
                page: pg,
                x,
                baseline: page_h() - pt(MARGIN_BOTTOM_MM) + pt(7.0) + PAGE_NO_PT * 0.88,
                size: PAGE_NO_PT,
                title_face: false,
                text,
                advances: advs,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Para;

    fn close(a: f32, b: f32) -> bool {
        (a - b).abs() < 0.05
    }

    #[test]
    fn the_page_is_the_gb_t_9704_page() {
        // 版心 156 mm × 225 mm on A4.
        assert!(close(type_w(), pt(156.0)));
        assert!(close(type_h(), pt(225.0)));
        // 22 lines × 28 characters: 28.99 pt between lines, 15.79 pt between characters.
        assert!(close(line_pitch(), 28.99), "{}", line_pitch());
        assert!(close(char_pitch(), 15.79), "{}", char_pitch());
        assert_eq!(
            (twips(37.0), twips(35.0), twips(28.0), twips(26.0)),
            (2098, 1984, 1587, 1474)
        );
        assert_eq!((TITLE_PT, BODY_PT), (22.0, 16.0));
    }

    fn cjk(_: char, _: bool) -> f32 {
        1.0
    }

    #[test]
    fn a_full_body_line_holds_28_characters_and_a_page_22_lines() {
        let text = "国".repeat(28 * 30);
        let l = Letter {
            title: "t".into(),
            paras: vec![Para::body(text)],
            seal_mark: false,
        };
        let laid = lay_out(&l, &cjk);
        // First line: 26 characters after the two-character indent, then 28 each.
        assert_eq!(laid.lines[0].text.chars().count(), 26);
        assert_eq!(laid.lines[1].text.chars().count(), 28);
        assert!(close(laid.lines[1].width(), type_w()));
        let on_first = laid
            .lines
            .iter()
            .filter(|l| l.page == 0 && l.size == BODY_PT)
            .count();
        assert_eq!(on_first, 22);
        assert!(laid.pages >= 2);
        // Lines of the first page sit on the grid, 225 mm / 22 apart.
        assert!(close(
            laid.lines[1].baseline - laid.lines[0].baseline,
            line_pitch()
        ));
        // The first line lies inside the top margin's end.
        assert!(laid.lines[0].baseline > pt(MARGIN_TOP_MM));
        // Page numbers on both pages, odd right and even left.
        let nos: Vec<_> = laid
            .lines
            .iter()
            .filter(|l| l.text.starts_with('—'))
            .collect();
        assert_eq!(nos.len(), laid.pages);
        assert!(nos[0].x > nos[1].x);
    }

    #[test]
    fn the_signer_is_centred_on_the_date_four_characters_from_the_right() {
        let mut paras = vec![Para::body("正文。")];
        paras.extend(Para::signature("上海市城市管理行政执法局", "2026年3月2日"));
        let l = Letter {
            title: "t".into(),
            paras,
            seal_mark: true,
        };
        let laid = lay_out(&l, &|c, _| if c.is_ascii() { 0.5 } else { 1.0 });
        let (signer, date) = (&laid.lines[2], &laid.lines[3]);
        let right = page_w() - pt(MARGIN_RIGHT_MM);
        assert!(close(date.x + date.width(), right - 4.0 * char_pitch()));
        let centre = |l: &Line| l.x + l.width() / 2.0;
        assert!(close(centre(signer), centre(date)));
        assert!(close(date.baseline - signer.baseline, line_pitch()));
        assert_eq!(laid.seals.len(), 1);
        assert!(close(laid.seals[0].1, centre(date)));
    }

    #[test]
    fn punctuation_never_starts_a_line() {
        let text = format!("{}，后文", "国".repeat(28));
        let lines = wrap(&text, type_w(), 0.0, &|_| char_pitch());
        assert!(lines.iter().all(|(l, _)| !l.starts_with('，')));
        assert!(lines[0].0.ends_with('，'));
        // An opening bracket moves to the next line, a number is not split.
        let text = format!("{}（后文", "国".repeat(27));
        let lines = wrap(&text, type_w(), 0.0, &|_| char_pitch());
        assert_eq!(lines[0].0.chars().count(), 27);
        assert!(lines[1].0.starts_with('（'));
        let text = format!("{}YSQ2026000007号", "国".repeat(24));
        let lines = wrap(&text, type_w(), 0.0, &|c| {
            if c.is_ascii() { 8.0 } else { char_pitch() }
        });
        assert!(lines[1].0.starts_with("YSQ2026000007"), "{lines:?}");
        assert_eq!(lines[1].0.chars().count(), lines[1].1.len());
    }
}
