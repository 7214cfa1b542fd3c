//! Writes sample.pdf and sample.docx to the current directory.
use officedoc::{Letter, Para, docx, pdf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let l = Letter {
        title: "政府信息公开申请答复告知书".into(),
        paras: vec![
            Para::title("政府信息公开申请答复告知书"),
            Para::right("〔2026〕第0001号"),
            Para::left("张某某："),
            Para::body(
                "本机关于2026年3月2日收到您提出的政府信息公开申请（申请编号 YSQ-2026-0001），要求公开“关于占道经营整治的通知”（沪城管执〔2023〕47号）。经审查，现答复如下：您申请获取的政府信息属于公开范围，现予以提供。ABC abc 123。",
            ),
            Para::right("某某区城市管理行政执法局"),
            Para::right("2026年3月30日"),
        ],
    };
    std::fs::write("sample.pdf", pdf(&l))?;
    std::fs::write("sample.docx", docx(&l)?)?;
    Ok(())
}
