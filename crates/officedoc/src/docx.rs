//! The letter as WordprocessingML: the GB/T 9704 page set-up (margins, a 22 × 28
//! line and character grid), 2号小标宋 title, 3号仿宋 body; Word or WPS places the
//! lines itself.

use std::io::{Cursor, Write};

use crate::layout::{self, char_pitch, line_pitch, twips};
use crate::{Align, Error, Letter};

/// East Asian face of the title (GB/T 9704: 小标宋体).
pub const TITLE_FONT: &str = "方正小标宋简体";
/// East Asian face of the body (GB/T 9704: 仿宋体).
pub const BODY_FONT: &str = "仿宋_GB2312";

pub(crate) fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // XML 1.0 forbids most control characters.
            c if (c as u32) < 0x20 && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Width of `s` in characters of the grid (ASCII counts half).
fn grid_chars(s: &str) -> f32 {
    s.chars().map(crate::builtin::char_em).sum()
}

/// Character spacing of 3号 body runs, in twentieths of a point: 16 pt characters
/// set 0.25 pt closer fit 28 to the 156 mm line (a character grid would do the same
/// in Word, but LibreOffice gives a 16 pt character two cells of a 15.8 pt grid).
pub fn body_char_spacing() -> i32 {
    ((char_pitch() - layout::BODY_PT) * 20.0).floor() as i32
}

/// `<w:pgMar>` and the line grid of the section, from [`layout`].
pub fn section_properties() -> String {
    format!(
        r#"<w:sectPr><w:pgSz w:w="{}" w:h="{}"/><w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="851" w:footer="992" w:gutter="0"/><w:docGrid w:type="lines" w:linePitch="{}"/></w:sectPr>"#,
        twips(layout::PAGE_W_MM),
        twips(layout::PAGE_H_MM),
        twips(layout::MARGIN_TOP_MM),
        twips(layout::MARGIN_RIGHT_MM),
        twips(layout::MARGIN_BOTTOM_MM),
        twips(layout::MARGIN_LEFT_MM),
        (line_pitch() * 20.0).round() as i32,
    )
}

/// The letter as a `.docx` file.
pub fn docx(letter: &Letter) -> Result<Vec<u8>, Error> {
    let c = (char_pitch() * 20.0).round() as i32; // one character, twips
    let line = (line_pitch() * 20.0).round() as i32;
    let mut body = String::new();
    for (i, p) in letter.paras.iter().enumerate() {
        if let Some(t) = &p.table {
            body.push_str(&crate::table_docx::table_xml(t));
            // Two tables in a row would merge, and the body must not end in one.
            if letter.paras.get(i + 1).is_none_or(|q| q.table.is_some()) {
                body.push_str("<w:p/>");
            }
            continue;
        }
        let (jc, ind) = match p.align {
            Align::Body => (
                "both",
                r#"<w:ind w:firstLineChars="200" w:firstLine="632"/>"#.to_string(),
            ),
            Align::Left => ("left", String::new()),
            Align::Center => ("center", String::new()),
            Align::Right => ("right", String::new()),
            Align::Date => ("right", format!(r#"<w:ind w:right="{}"/>"#, 4 * c)),
            Align::Signer => {
                let date = letter.paras[i + 1..]
                    .iter()
                    .find(|q| q.align == Align::Date)
                    .map(|q| grid_chars(&q.text))
                    .unwrap_or(0.0);
                let extra = ((date - grid_chars(&p.text)) / 2.0 * c as f32).round() as i32;
                (
                    "right",
                    format!(r#"<w:ind w:right="{}"/>"#, (4 * c + extra).max(0)),
                )
            }
        };
        let half_points = (p.size * 2.0).round() as u32;
        let font = if p.title_face { TITLE_FONT } else { BODY_FONT };
        let tight = if p.title_face {
            String::new()
        } else {
            format!(r#"<w:spacing w:val="{}"/>"#, body_char_spacing())
        };
        // A heading stays on the page of the table it introduces.
        let keep = if letter.paras.get(i + 1).is_some_and(|q| q.table.is_some()) {
            "<w:keepNext/>"
        } else {
            ""
        };
        body.push_str(&format!(
            r#"<w:p><w:pPr>{keep}<w:spacing w:line="{line}" w:lineRule="exact"/>{ind}<w:jc w:val="{jc}"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="{font}"/>{tight}<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
            xml_escape(&p.text)
        ));
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}{}</w:body></w:document>"#,
        section_properties()
    );
    // The default run is 3号仿宋, so that the character grid is counted in 3号.
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="{BODY_FONT}"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:snapToGrid w:val="0"/></w:pPr></w:pPrDefault></w:docDefaults></w:styles>"#
    );
    let core = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title></cp:coreProperties>"#,
        xml_escape(&letter.title)
    );
    let files: [(&str, &str); 6] = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#,
        ),
        (
            "word/_rels/document.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#,
        ),
        ("word/document.xml", &document),
        ("word/styles.xml", &styles),
        ("docProps/core.xml", &core),
    ];
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in files {
        zip.start_file(name, opts)?;
        zip.write_all(content.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Para;

    fn part(bytes: &[u8], name: &str) -> String {
        let mut z = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).expect("zip");
        let mut s = String::new();
        std::io::Read::read_to_string(&mut z.by_name(name).expect("part"), &mut s).expect("read");
        s
    }

    fn sample() -> Letter {
        let mut paras = vec![
            Para::title("政府信息公开申请答复告知书"),
            Para::left("张某某："),
            Para::body("正文 & <确认>。"),
        ];
        paras.extend(Para::signature("上海市城市管理行政执法局", "2026年3月9日"));
        Letter {
            title: "告知书".into(),
            paras,
            seal_mark: true,
        }
    }

    #[test]
    fn docx_has_the_gb_t_9704_page_grid_and_sizes() {
        let bytes = docx(&sample()).expect("docx");
        assert!(bytes.starts_with(b"PK"));
        let doc = part(&bytes, "word/document.xml");
        // Margins 37/26/35/28 mm, A4.
        assert!(
            doc.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#),
            "{doc}"
        );
        assert!(doc.contains(r#"w:top="2098" w:right="1474" w:bottom="1984" w:left="1587""#));
        // 22 lines of 28 characters: 225 mm / 22 = 580 twips a line; 3号 characters
        // 0.25 pt closer, so 28 × 15.75 pt fit the 156 mm (442.2 pt) line.
        assert!(doc.contains(r#"<w:docGrid w:type="lines" w:linePitch="580"/>"#));
        assert!(doc.contains(r#"<w:spacing w:line="580" w:lineRule="exact"/>"#));
        assert_eq!(body_char_spacing(), -5);
        assert!(28.0 * (16.0 + body_char_spacing() as f32 / 20.0) <= layout::pt(156.0));
        assert!(28.0 * (16.0 + body_char_spacing() as f32 / 20.0) > layout::pt(156.0) - 16.0);
        // Title 2号 (44 half-points) 小标宋; body 3号 (32) 仿宋.
        assert!(doc.contains(&format!(r#"w:eastAsia="{TITLE_FONT}"/><w:sz w:val="44"/>"#)));
        assert!(doc.contains(&format!(
            r#"w:eastAsia="{BODY_FONT}"/><w:spacing w:val="-5"/><w:sz w:val="32"/>"#
        )));
        assert!(!doc.contains(r#"w:val="28"/>"#), "no 14 pt text");
        assert!(doc.contains("&amp; &lt;确认&gt;"));
        // Date four characters (4 × 316 twips) from the right; the signer, two
        // characters longer than the date, centred on it.
        assert!(doc.contains(r#"<w:ind w:right="1264"/><w:jc w:val="right"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋_GB2312"/><w:spacing w:val="-5"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr><w:t xml:space="preserve">2026年3月9日"#));
        let styles = part(&bytes, "word/styles.xml");
        assert!(styles.contains(r#"<w:sz w:val="32"/>"#));
    }
}
