//! Tables in the PDF: a long table spans pages (header repeated), and the text that
//! poppler's `pdftotext` reads back has the cells in order (needs fonts-noto-cjk and
//! poppler-utils, which CI installs; elsewhere the test says why it is skipped).

use officedoc::{Cell, Font, Fonts, Letter, Para, Table};

fn font() -> Option<Font> {
    let path = std::env::var("OFFICEDOC_TEST_FONT")
        .unwrap_or_else(|_| "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc".into());
    let bytes = std::fs::read(&path).ok()?;
    Font::from_bytes(bytes, "Noto Serif CJK SC")
}

fn letter(rows: usize) -> Letter {
    let mut t = Table::new(vec![4.0, 1.5, 1.5, 1.5])
        .header(2)
        .row(vec![
            Cell::new("项目").rows(2),
            Cell::new("申请人情况").cols(3),
        ])
        .row(vec![
            Cell::new("自然人"),
            Cell::new("法人"),
            Cell::new("总计"),
        ]);
    for i in 0..rows {
        t.push(vec![
            Cell::left(format!("第{i}项")),
            Cell::new(format!("{i}")),
            Cell::new(format!("{}", 100 + i)),
            Cell::new(format!("{}", 200 + i)),
        ]);
    }
    Letter {
        title: "表格".into(),
        paras: vec![
            Para::title("政府信息公开工作年度报告"),
            Para::left("三、收到和处理政府信息公开申请情况"),
            Para::table(t),
            Para::body("表后正文。"),
        ],
        seal_mark: false,
    }
}

fn pdftotext(pdf: &[u8], name: &str, page: Option<u32>) -> Option<String> {
    let path = std::env::temp_dir().join(format!("officedoc-{name}-{}.pdf", std::process::id()));
    std::fs::write(&path, pdf).expect("write");
    let mut cmd = std::process::Command::new("pdftotext");
    cmd.arg("-layout");
    if let Some(p) = page {
        cmd.args(["-f", &p.to_string(), "-l", &p.to_string()]);
    }
    let out = cmd.arg(&path).arg("-").output().ok()?;
    let _ = std::fs::remove_file(&path);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).to_string())
}

/// OFFICEDOC_TABLE_PDF_DIR keeps the PDFs, to look at.
fn keep(bytes: &[u8], name: &str) {
    if let Ok(dir) = std::env::var("OFFICEDOC_TABLE_PDF_DIR") {
        std::fs::write(std::path::Path::new(&dir).join(name), bytes).expect("write");
    }
}

fn skip(why: &str) {
    if std::env::var("CI").is_ok() {
        panic!("CI installs fonts-noto-cjk and poppler-utils: {why}");
    }
    eprintln!("{why}: skipped");
}

#[test]
fn a_long_table_spans_pages_without_a_font() {
    let bytes = officedoc::pdf(&letter(60), None).expect("pdf");
    keep(&bytes, "table-stsong.pdf");
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.matches("/Type /Page ").count() >= 2);
    // The grid: rules stroked in 0.5 pt black.
    assert!(text.contains("q 0.50 w 0 G 0 J"));
    assert!(text.matches(" l S\n").count() > 4 * 60);
}

#[test]
fn the_cells_read_back_in_order_on_two_pages() {
    let Some(f) = font() else {
        return skip("no Noto Serif CJK font here");
    };
    let fonts = Fonts {
        body: f,
        title: None,
    };
    let bytes = officedoc::pdf(&letter(60), Some(&fonts)).expect("pdf");
    keep(&bytes, "table-embedded.pdf");
    let Some(all) = pdftotext(&bytes, "table", None) else {
        return skip("pdftotext (poppler-utils) missing");
    };
    let pages: Vec<&str> = all
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(pages.len() >= 2, "{} pages: {all}", pages.len());
    // Each row on one line, its cells left to right; the rows in order.
    let mut next = 0;
    for line in all.lines() {
        let cells: Vec<&str> = line.split_whitespace().collect();
        if cells
            .first()
            .is_some_and(|c| c.starts_with('第') && c.ends_with('项'))
        {
            let i = next;
            assert_eq!(
                cells,
                [
                    format!("第{i}项"),
                    format!("{i}"),
                    format!("{}", 100 + i),
                    format!("{}", 200 + i)
                ],
                "{line}"
            );
            next += 1;
        }
    }
    assert_eq!(next, 60, "{all}");
    // The header on both pages: 项目 … 申请人情况, then 自然人 法人 总计.
    for p in &pages[..2] {
        let heads: Vec<&str> = p
            .lines()
            .filter(|l| l.contains("申请人情况") || l.contains("自然人"))
            .collect();
        assert_eq!(heads.len(), 2, "{p}");
        let row2: Vec<&str> = heads[1].split_whitespace().collect();
        assert!(row2.ends_with(&["自然人", "法人", "总计"]), "{p}");
    }
    assert!(pages[0].contains("第0项") && !pages[1].contains("第0项"));
    assert!(all.contains("表后正文"));
}
