//! The fallback PDF, for when no CJK font file is found: it names the predefined
//! Adobe-GB1 CID font `STSong-Light` (`UniGB-UTF16-H`), which conforming readers
//! supply (Acrobat, pdf.js, poppler with poppler-data). Nothing is embedded, so the
//! look depends on the reader and the file is not PDF/A; each character is placed
//! explicitly (TJ adjustments) so that the layout does not depend on the reader's
//! metrics.

use crate::Letter;
use crate::layout::{self, Line};

/// Width of a character in em in STSong-Light: ASCII is half-width, the rest full.
pub fn char_em(c: char) -> f32 {
    if (' '..='~').contains(&c) { 0.5 } else { 1.0 }
}

pub(crate) fn utf16_hex(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 4);
    for u in s.encode_utf16() {
        out.push_str(&format!("{u:04X}"));
    }
    out
}

fn show(line: &Line, page_h: f32) -> String {
    // TJ: each character, then the difference between its own width and the wanted
    // advance, in thousandths of an em.
    let mut tj = String::new();
    for (c, a) in line.text.chars().zip(&line.advances) {
        let adj = (char_em(c) * line.size - a) / line.size * 1000.0;
        tj.push_str(&format!("<{}> {adj:.1} ", utf16_hex(&c.to_string())));
    }
    // The title face has no bold here: fill and stroke the glyphs.
    let (mode, stroke) = if line.title_face { (2, 0.5) } else { (0, 0.0) };
    format!(
        "BT /F1 {:.1} Tf {mode} Tr {stroke:.2} w {:.2} {:.2} Td [{tj}] TJ ET\n",
        line.size,
        line.x,
        page_h - line.baseline
    )
}

/// The letter as a PDF (A4) naming, not embedding, STSong-Light.
pub fn pdf(letter: &Letter) -> Vec<u8> {
    let laid = layout::lay_out(letter, &|c, _| char_em(c));
    let (pw, ph) = (layout::page_w(), layout::page_h());
    let mut pages = vec![String::new(); laid.pages];
    for l in &laid.lines {
        pages[l.page].push_str(&show(l, ph));
    }
    for (pg, content) in pages.iter_mut().enumerate() {
        let rules: Vec<&layout::Rule> = laid.rules.iter().filter(|r| r.page == pg).collect();
        if rules.is_empty() {
            continue;
        }
        content.push_str(&format!("q {:.2} w 0 G 0 J\n", layout::RULE_PT));
        for r in rules {
            content.push_str(&format!(
                "{:.2} {:.2} m {:.2} {:.2} l S\n",
                r.x1,
                ph - r.y1,
                r.x2,
                ph - r.y2
            ));
        }
        content.push_str("Q\n");
    }
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
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {pw:.2} {ph:.2}] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
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
    use crate::Para;

    pub(crate) fn sample(paras: usize) -> Letter {
        let mut l = Letter {
            title: "政府信息公开申请答复告知书".into(),
            paras: vec![
                Para::title("政府信息公开申请答复告知书"),
                Para::right("沪城管执依复〔2026〕12号"),
                Para::left("张某某："),
            ],
            seal_mark: true,
        };
        for i in 0..paras {
            l.paras.push(Para::body(format!(
                "第{i}段：本机关于2026年3月2日收到您提出的政府信息公开申请（申请编号 YSQ-2026-0001），要求公开“关于占道经营整治的通知”（沪城管执〔2023〕47号）。经审查，答复如下 & <确认>。"
            )));
        }
        l.paras
            .extend(Para::signature("某某区城市管理行政执法局", "2026年3月9日"));
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
        // The text is there, character by character, as UTF-16BE hex.
        assert!(text.contains(&format!("<{}>", utf16_hex("张"))));
        // The title at 22 pt, the body at 16 pt.
        assert!(text.contains("/F1 22.0 Tf"));
        assert!(text.contains("/F1 16.0 Tf"));
    }

    #[test]
    fn long_letters_break_into_pages() {
        let bytes = pdf(&sample(40));
        let text = String::from_utf8_lossy(&bytes);
        let pages = text.matches("/Type /Page ").count();
        assert!(pages > 2, "{pages} pages");
    }
}
