//! Writes sample.pdf and sample.docx to the current directory; with a font file as
//! argument (e.g. /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc) the PDF
//! embeds a subset of its Noto Serif CJK SC face.
use officedoc::{Font, Fonts, Letter, Para, docx, pdf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut paras = vec![
        Para::title("政府信息公开申请答复告知书"),
        Para::right("沪城管执依复〔2026〕12号"),
        Para::left("张某某："),
        Para::body(
            "本机关于2026年3月2日收到您提出的政府信息公开申请（申请编号：YSQ2026000007），要求公开“关于占道经营整治的通知”（沪城管执〔2023〕47号）。经审查，现答复如下：您申请获取的政府信息属于公开范围，现予以提供。ABC abc 123。",
        ),
    ];
    paras.extend(Para::signature("某某区城市管理行政执法局", "2026年3月30日"));
    let l = Letter {
        title: "政府信息公开申请答复告知书".into(),
        paras,
        seal_mark: true,
    };
    let fonts = match std::env::args().nth(1) {
        Some(path) => Some(Fonts {
            body: Font::from_bytes(std::fs::read(path)?, "Noto Serif CJK SC")
                .ok_or("no Noto Serif CJK SC face in that file")?,
            title: None,
        }),
        None => None,
    };
    std::fs::write("sample.pdf", pdf(&l, fonts.as_ref())?)?;
    std::fs::write("sample.docx", docx(&l)?)?;
    Ok(())
}
