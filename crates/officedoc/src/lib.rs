//! Plain Chinese letters (告知书, 通知书) as `.docx` and `.pdf`.
//!
//! A [`Letter`] is a list of paragraphs with an alignment and a size. The `.docx` is
//! WordprocessingML with East Asian fonts set (宋体/仿宋), so Word and WPS render it
//! properly. The `.pdf` is written directly: it uses the predefined Adobe-GB1 CID
//! font `STSong-Light` with the `UniGB-UTF16-H` encoding, which every conforming PDF
//! reader supplies (Acrobat, pdf.js, poppler with poppler-data), so no font file is
//! shipped or embedded and a one-page letter is a few kilobytes. The trade-off: the
//! font is not embedded, so the PDF is not PDF/A.

use std::io::{Cursor, Write};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("生成文档失败：{0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("生成文档失败：{0}")]
    Io(#[from] std::io::Error),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Justified body text with a two-character first-line indent.
    Body,
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    pub text: String,
    pub align: Align,
    /// Size in points.
    pub size: f32,
    pub bold: bool,
}

impl Para {
    pub fn title(text: impl Into<String>) -> Para {
        Para {
            text: text.into(),
            align: Align::Center,
            size: 20.0,
            bold: true,
        }
    }
    pub fn body(text: impl Into<String>) -> Para {
        Para {
            text: text.into(),
            align: Align::Body,
            size: 14.0,
            bold: false,
        }
    }
    pub fn left(text: impl Into<String>) -> Para {
        Para {
            align: Align::Left,
            ..Para::body(text)
        }
    }
    pub fn right(text: impl Into<String>) -> Para {
        Para {
            align: Align::Right,
            ..Para::body(text)
        }
    }
    pub fn center(text: impl Into<String>) -> Para {
        Para {
            align: Align::Center,
            ..Para::body(text)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Letter {
    pub title: String,
    pub paras: Vec<Para>,
}

// ---------------------------------------------------------------- docx

fn xml_escape(s: &str) -> String {
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

/// The letter as a `.docx` file.
pub fn docx(letter: &Letter) -> Result<Vec<u8>, Error> {
    let mut body = String::new();
    for p in &letter.paras {
        let jc = match p.align {
            Align::Body => "both",
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
        };
        let indent = if p.align == Align::Body {
            r#"<w:ind w:firstLineChars="200" w:firstLine="560"/>"#
        } else {
            ""
        };
        let half_points = (p.size * 2.0).round() as u32;
        let font = if p.bold { "宋体" } else { "仿宋" };
        let bold = if p.bold { "<w:b/>" } else { "" };
        body.push_str(&format!(
            r#"<w:p><w:pPr><w:spacing w:line="560" w:lineRule="exact"/>{indent}<w:jc w:val="{jc}"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="{font}"/>{bold}<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
            xml_escape(&p.text)
        ));
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>"#
    );
    let core = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title></cp:coreProperties>"#,
        xml_escape(&letter.title)
    );
    let files: [(&str, &str); 5] = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#,
        ),
        (
            "word/_rels/document.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>"#,
        ),
        ("word/document.xml", &document),
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

// ---------------------------------------------------------------- pdf

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 79.0;
const MARGIN_TOP: f32 = 90.0;
const MARGIN_BOTTOM: f32 = 80.0;

/// Width of a character in em: ASCII is half-width in STSong-Light, the rest full.
fn char_em(c: char) -> f32 {
    if (' '..='~').contains(&c) { 0.5 } else { 1.0 }
}

/// Characters that must not begin a line (避头点): they hang at the end of the
/// previous line instead.
fn no_line_start(c: char) -> bool {
    "，。、；：？！）》」』】”’,.;:?!)%".contains(c)
}

/// Break a paragraph into lines of at most `width` points (hanging punctuation may
/// exceed it by one character).
fn wrap(text: &str, size: f32, first_indent: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = first_indent;
    for c in text.chars() {
        let w = char_em(c) * size;
        if used + w > width && !line.is_empty() && !no_line_start(c) {
            lines.push(std::mem::take(&mut line));
            used = 0.0;
        }
        line.push(c);
        used += w;
    }
    lines.push(line);
    lines
}

fn text_width(s: &str, size: f32) -> f32 {
    s.chars().map(char_em).sum::<f32>() * size
}

fn utf16_hex(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 4);
    for u in s.encode_utf16() {
        out.push_str(&format!("{u:04X}"));
    }
    out
}

/// The letter as a PDF (A4).
pub fn pdf(letter: &Letter) -> Vec<u8> {
    let width = PAGE_W - 2.0 * MARGIN_X;
    let mut pages: Vec<String> = Vec::new();
    let mut content = String::new();
    let mut y = PAGE_H - MARGIN_TOP;
    for p in &letter.paras {
        let lead = p.size * 1.75;
        let indent = if p.align == Align::Body {
            2.0 * p.size
        } else {
            0.0
        };
        let text: String = p.text.chars().filter(|c| !c.is_control()).collect();
        for (i, line) in wrap(&text, p.size, indent, width).into_iter().enumerate() {
            if y - lead < MARGIN_BOTTOM {
                pages.push(std::mem::take(&mut content));
                y = PAGE_H - MARGIN_TOP;
            }
            y -= lead;
            let w = text_width(&line, p.size);
            let x = match p.align {
                Align::Body if i == 0 => MARGIN_X + indent,
                Align::Body | Align::Left => MARGIN_X,
                Align::Center => MARGIN_X + ((width - w) / 2.0).max(0.0),
                Align::Right => (PAGE_W - MARGIN_X - w).max(MARGIN_X),
            };
            // Bold: fill and stroke the glyphs (the predefined font has no bold face).
            let (mode, stroke) = if p.bold { (2, 0.4) } else { (0, 0.0) };
            content.push_str(&format!(
                "BT /F1 {:.1} Tf {mode} Tr {stroke:.2} w {x:.2} {y:.2} Td <{}> Tj ET\n",
                p.size,
                utf16_hex(&line)
            ));
        }
        y -= p.size * 0.4;
    }
    pages.push(content);

    // Objects: 1 catalog, 2 pages, 3 font, 4 CID font, 5 descriptor, 6 info,
    // then a page and its content stream for each page.
    let mut objs: Vec<Vec<u8>> = Vec::new();
    let n = pages.len();
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 7 + 2 * i)).collect();
    objs.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    objs.push(format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes());
    objs.push(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UTF16-H /DescendantFonts [4 0 R] >>"
            .to_vec(),
    );
    objs.push(
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 5 0 R /DW 1000 /W [1 95 500 814 939 500 7712 7716 500] >>"
            .to_vec(),
    );
    objs.push(
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>"
            .to_vec(),
    );
    objs.push(
        format!(
            "<< /Title <FEFF{}> /Producer (gongkai) >>",
            utf16_hex(&letter.title)
        )
        .into_bytes(),
    );
    for (i, c) in pages.iter().enumerate() {
        objs.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
                8 + 2 * i
            )
            .into_bytes(),
        );
        let mut s = format!("<< /Length {} >>\nstream\n", c.len()).into_bytes();
        s.extend_from_slice(c.as_bytes());
        s.extend_from_slice(b"endstream");
        objs.push(s);
    }
    let mut out: Vec<u8> = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::with_capacity(objs.len());
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(paras: usize) -> Letter {
        let mut l = Letter {
            title: "政府信息公开申请答复告知书".into(),
            paras: vec![
                Para::title("政府信息公开申请答复告知书"),
                Para::left("张某某："),
            ],
        };
        for i in 0..paras {
            l.paras.push(Para::body(format!(
                "第{i}段：本机关于2026年3月2日收到您提出的政府信息公开申请（申请编号 YSQ-2026-0001），要求公开“关于占道经营整治的通知”（沪城管执〔2023〕47号）。经审查，答复如下 & <确认>。"
            )));
        }
        l.paras.push(Para::right("某某区城市管理行政执法局"));
        l
    }

    #[test]
    fn pdf_xref_offsets_point_at_their_objects() {
        let bytes = pdf(&sample(3));
        let text = String::from_utf8_lossy(&bytes).to_string();
        assert!(text.starts_with("%PDF-1.7"));
        let start: usize = text
            .rsplit("startxref\n")
            .next()
            .and_then(|t| t.lines().next())
            .and_then(|n| n.parse().ok())
            .expect("startxref");
        assert!(bytes[start..].starts_with(b"xref"));
        let tail = String::from_utf8_lossy(&bytes[start..]).to_string();
        let entries: Vec<usize> = tail
            .lines()
            .skip(3)
            .take_while(|l| l.ends_with(" n "))
            .map(|l| l[..10].parse().expect("offset"))
            .collect();
        assert!(entries.len() >= 8);
        for (i, off) in entries.iter().enumerate() {
            let head = format!("{} 0 obj", i + 1);
            assert!(
                bytes[*off..].starts_with(head.as_bytes()),
                "object {}",
                i + 1
            );
        }
        // The text is there, as UTF-16BE hex.
        assert!(text.contains(&utf16_hex("张某某：")));
    }

    #[test]
    fn long_letters_break_into_pages_and_lines_fit() {
        let bytes = pdf(&sample(60));
        let text = String::from_utf8_lossy(&bytes);
        let pages = text.matches("/Type /Page ").count();
        assert!(pages > 2, "{pages} pages");
        let width = PAGE_W - 2.0 * MARGIN_X;
        for line in wrap(&sample(1).paras[2].text, 14.0, 28.0, width) {
            assert!(text_width(&line, 14.0) <= width + 14.0);
            assert!(!line.starts_with('，') && !line.starts_with('。'));
        }
    }

    #[test]
    fn docx_is_a_zip_with_escaped_text() {
        let bytes = docx(&sample(2)).expect("docx");
        assert!(bytes.starts_with(b"PK"));
        let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
        let mut doc = String::new();
        std::io::Read::read_to_string(&mut z.by_name("word/document.xml").expect("part"), &mut doc)
            .expect("read");
        assert!(doc.contains("&amp; &lt;确认&gt;"));
        assert!(doc.contains("w:eastAsia=\"仿宋\""));
        assert!(z.by_name("[Content_Types].xml").is_ok());
    }
}
