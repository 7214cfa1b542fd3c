//! The PDF embeds a subset of the CJK font (needs fonts-noto-cjk, which CI installs;
//! set OFFICEDOC_TEST_FONT to use another file).

use officedoc::{Font, Fonts, Letter, Para};

fn font() -> Option<Font> {
    let path = std::env::var("OFFICEDOC_TEST_FONT")
        .unwrap_or_else(|_| "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc".into());
    let bytes = std::fs::read(&path).ok()?;
    Font::from_bytes(bytes, "Noto Serif CJK SC")
}

fn letter() -> Letter {
    let mut paras = vec![
        Para::title("政府信息公开申请答复告知书"),
        Para::right("沪城管执依复〔2026〕12号"),
        Para::left("张某某："),
        Para::body("本机关于2026年3月2日收到您提出的政府信息公开申请（申请编号：YSQ2026000007）。"),
    ];
    paras.extend(Para::signature("上海市城市管理行政执法局", "2026年3月9日"));
    Letter {
        title: "政府信息公开申请答复告知书".into(),
        paras,
        seal_mark: true,
    }
}

#[test]
fn the_pdf_embeds_a_subset_of_the_font() {
    let Some(f) = font() else {
        if std::env::var("CI").is_ok() {
            panic!("CI installs fonts-noto-cjk: the font must be found");
        }
        eprintln!("no Noto Serif CJK font here: skipped");
        return;
    };
    // The SC face of the collection, not the JP one at index 0.
    assert_ne!(f.index(), 0);
    let fonts = Fonts {
        body: f,
        title: None,
    };
    let bytes = officedoc::pdf(&letter(), Some(&fonts)).expect("pdf");
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.starts_with("%PDF-"));
    assert!(
        text.contains("/FontFile3") || text.contains("/FontFile2"),
        "a font program is embedded"
    );
    assert!(text.contains("/ToUnicode"));
    // A subset: the collection is ~25 MB, the letter a few tens of kilobytes.
    assert!(bytes.len() < 200_000, "{} bytes", bytes.len());
    // poppler, where installed, reads it as an embedded subset ("emb yes sub yes").
    let path = std::env::temp_dir().join("officedoc-embed-test.pdf");
    std::fs::write(&path, &bytes).expect("write");
    if let Ok(out) = std::process::Command::new("pdffonts").arg(&path).output() {
        let listing = String::from_utf8_lossy(&out.stdout).to_string();
        let line = listing
            .lines()
            .find(|l| l.contains("NotoSerifCJKsc"))
            .unwrap_or_else(|| panic!("{listing}"));
        let cols: Vec<&str> = line.split_whitespace().collect();
        assert!(line.contains('+'), "subset tag: {line}");
        assert!(
            cols.windows(3).any(|w| w == ["yes", "yes", "yes"]),
            "{line}"
        );
    }
}

#[test]
fn without_a_font_the_pdf_names_stsong() {
    let bytes = officedoc::pdf(&letter(), None).expect("pdf");
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("/BaseFont /STSong-Light"));
    assert!(!text.contains("/FontFile"));
}

#[test]
fn a_face_that_is_not_there_is_none() {
    assert!(Font::from_bytes(b"not a font".to_vec(), "Noto Serif CJK SC").is_none());
    if let Ok(bytes) = std::fs::read("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc") {
        assert!(Font::from_bytes(bytes, "No Such Family").is_none());
    }
}
