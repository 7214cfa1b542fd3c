//! A [`Table`] as a WordprocessingML `w:tbl`: fixed layout over the type area, thin
//! black borders, `w:gridSpan` and `w:vMerge` for spans, header rows marked
//! `w:tblHeader` so that Word and WPS repeat them on each page.

use crate::Align;
use crate::docx::{BODY_FONT, xml_escape};
use crate::layout::{self, twips};
use crate::table::Table;

/// Border width in eighths of a point (0.5 pt).
const BORDER: u32 = 4;
/// Left and right cell margins in twips (1 mm); top and bottom are a quarter of
/// the type size, as in the PDF.
const CELL_MARGIN: u32 = 57;

fn borders() -> String {
    let mut s = String::from("<w:tblBorders>");
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        s.push_str(&format!(
            r#"<w:{side} w:val="single" w:sz="{BORDER}" w:space="0" w:color="000000"/>"#
        ));
    }
    s.push_str("</w:tblBorders>");
    s
}

/// The paragraph of a cell: exact line height of 1.3 lines of the cell's type.
fn cell_para(text: &str, align: Align, size: f32) -> String {
    let jc = match align {
        Align::Center => "center",
        Align::Right => "right",
        _ => "left",
    };
    let half_points = (size * 2.0).round() as u32;
    let line = (size * 1.3 * 20.0).round() as u32;
    let run = if text.is_empty() {
        String::new()
    } else {
        format!(
            r#"<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="{BODY_FONT}"/><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
            text.lines()
                .map(xml_escape)
                .collect::<Vec<_>>()
                .join(r#"</w:t><w:br/><w:t xml:space="preserve">"#)
        )
    };
    format!(
        r#"<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="{line}" w:lineRule="exact"/><w:jc w:val="{jc}"/><w:rPr><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr></w:pPr>{run}</w:p>"#
    )
}

/// The table as a `w:tbl` element.
pub fn table_xml(t: &Table) -> String {
    let total = twips(layout::PAGE_W_MM - layout::MARGIN_LEFT_MM - layout::MARGIN_RIGHT_MM);
    let fr = t.fractions();
    // Column widths in twips, the last taking the rounding so they add up.
    let mut cols: Vec<u32> = fr
        .iter()
        .map(|f| (f * total as f32).round() as u32)
        .collect();
    let others: u32 = cols.iter().take(cols.len().saturating_sub(1)).sum();
    if let Some(last) = cols.last_mut() {
        *last = total.saturating_sub(others);
    }
    let mut s = format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/>{}<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="{v}" w:type="dxa"/><w:left w:w="{CELL_MARGIN}" w:type="dxa"/><w:bottom w:w="{v}" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>"#,
        borders(),
        v = (t.size * 0.25 * 20.0).round() as u32,
    );
    for w in &cols {
        s.push_str(&format!(r#"<w:gridCol w:w="{w}"/>"#));
    }
    s.push_str("</w:tblGrid>");
    let (placed, occ) = t.place();
    for (r, row) in occ.iter().enumerate() {
        s.push_str("<w:tr><w:trPr><w:cantSplit/>");
        if r < t.header_rows {
            s.push_str("<w:tblHeader/>");
        }
        s.push_str("</w:trPr>");
        let mut c = 0;
        while c < row.len() {
            let (span, merge, text, align) = match row[c] {
                Some(i) => {
                    let p = &placed[i];
                    let merge = match (p.rows > 1, p.row == r) {
                        (false, _) => "",
                        (true, true) => r#"<w:vMerge w:val="restart"/>"#,
                        (true, false) => "<w:vMerge/>",
                    };
                    let text = if p.row == r { p.cell.text.as_str() } else { "" };
                    (p.cols, merge, text, p.cell.align)
                }
                None => (1, "", "", Align::Center),
            };
            let width: u32 = cols.iter().skip(c).take(span).sum();
            let grid_span = if span > 1 {
                format!(r#"<w:gridSpan w:val="{span}"/>"#)
            } else {
                String::new()
            };
            s.push_str(&format!(
                r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid_span}{merge}<w:vAlign w:val="center"/></w:tcPr>{}</w:tc>"#,
                cell_para(text, align, t.size)
            ));
            c += span.max(1);
        }
        s.push_str("</w:tr>");
    }
    s.push_str("</w:tbl>");
    s
}

#[cfg(test)]
mod tests {
    use crate::table::{Cell, Table};
    use crate::{Letter, Para};
    use std::io::Cursor;

    fn document(l: &Letter) -> String {
        let bytes = crate::docx(l).expect("docx");
        let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
        let mut s = String::new();
        std::io::Read::read_to_string(&mut z.by_name("word/document.xml").expect("part"), &mut s)
            .expect("read");
        s
    }

    #[test]
    fn the_table_is_a_ruled_w_tbl_with_spans_and_repeated_header_rows() {
        let t = Table::new(vec![2.0, 1.0, 1.0])
            .header(2)
            .row(vec![Cell::new("项目").rows(2), Cell::new("数量").cols(2)])
            .row(vec![Cell::new("甲"), Cell::new("乙 &\n丙")])
            .row(vec![Cell::left("规章"), Cell::new("1"), Cell::new("2")]);
        let l = Letter {
            title: "t".into(),
            paras: vec![Para::left("二、主动公开"), Para::table(t)],
            seal_mark: false,
        };
        let doc = document(&l);
        let tbl = &doc[doc.find("<w:tbl>").expect("tbl")..doc.find("</w:tbl>").expect("end")];
        // Fixed layout over the 156 mm type area (8844 twips), columns 2 : 1 : 1.
        assert!(
            tbl.contains(r#"<w:tblW w:w="8844" w:type="dxa"/>"#),
            "{tbl}"
        );
        assert!(tbl.contains(
            r#"<w:tblGrid><w:gridCol w:w="4422"/><w:gridCol w:w="2211"/><w:gridCol w:w="2211"/></w:tblGrid>"#
        ));
        // Thin black borders all round and inside.
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            assert!(tbl.contains(&format!(
                r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#
            )));
        }
        // Two header rows, repeated on each page; three rows in all.
        assert_eq!(tbl.matches("<w:tblHeader/>").count(), 2);
        assert_eq!(tbl.matches("<w:tr>").count(), 3);
        // 项目 spans two rows (restart, then a continuing empty cell), 数量 two columns.
        assert!(tbl.contains(r#"<w:tcW w:w="4422" w:type="dxa"/><w:vMerge w:val="restart"/>"#));
        assert!(tbl.contains(r#"<w:tcW w:w="4422" w:type="dxa"/><w:vMerge/>"#));
        assert!(tbl.contains(r#"<w:tcW w:w="4422" w:type="dxa"/><w:gridSpan w:val="2"/>"#));
        // Each row has its grid's worth of cells: 1 + 1(span 2), 1 + 2, 3.
        assert_eq!(tbl.matches("<w:tc>").count(), 2 + 3 + 3);
        // The cells in order, in 五号 (21 half-points), escaped.
        let texts: Vec<&str> = tbl
            .split(r#"<w:t xml:space="preserve">"#)
            .skip(1)
            .filter_map(|s| s.split("</w:t>").next())
            .collect();
        assert_eq!(
            texts,
            ["项目", "数量", "甲", "乙 &amp;", "丙", "规章", "1", "2"]
        );
        assert!(tbl.contains(r#"乙 &amp;</w:t><w:br/><w:t xml:space="preserve">丙"#));
        assert!(tbl.contains(r#"<w:sz w:val="21"/>"#));
        assert!(!tbl.contains(r#"<w:sz w:val="32"/>"#));
        // Figures centred, the label from the left.
        assert!(tbl.contains(r#"<w:jc w:val="left"/><w:rPr><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr></w:pPr><w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋_GB2312"/><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr><w:t xml:space="preserve">规章"#));
        // The body does not end in the table: a paragraph follows before sectPr.
        assert!(doc.contains("</w:tbl><w:p/><w:sectPr>"));
        // The heading before the table is kept with it.
        assert!(doc.contains(r#"<w:p><w:pPr><w:keepNext/>"#));
        assert_eq!(doc.matches("<w:keepNext/>").count(), 1);
    }
}
