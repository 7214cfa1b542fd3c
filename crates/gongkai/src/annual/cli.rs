//! `gongkai annual`: an organ's 年度报告 computed and written to a .pdf or .docx
//! file from the command line, with the invariants and what is left to fill in.

use std::path::Path;
use std::process::ExitCode;

use super::organ::{self, Organ};
use super::report;
use crate::state::AppState;

/// Write the report of `organ` (the first root unit when absent) for `year` (last
/// year when absent) to `out`; the format follows the extension.
pub async fn export(
    state: &AppState,
    year: Option<i32>,
    organ_id: Option<i64>,
    out: &Path,
) -> anyhow::Result<ExitCode> {
    let pdf = match out.extension().and_then(|e| e.to_str()) {
        Some("pdf") => true,
        Some("docx") => false,
        _ => {
            eprintln!("错误：输出文件须以 .pdf 或 .docx 结尾：{}", out.display());
            return Ok(ExitCode::FAILURE);
        }
    };
    let units = crate::auth::store::all_units(&state.db).await?;
    let ids: Vec<i64> = units.iter().map(|u| u.id).collect();
    let all = organ::choices(&units, &ids);
    let chosen: Option<Organ> = match organ_id {
        Some(id) => all.iter().find(|o| o.id == id).cloned(),
        None => organ::chosen(&all, None),
    };
    let Some(organ) = chosen else {
        let list: Vec<String> = all.iter().map(|o| format!("{} {}", o.id, o.name)).collect();
        eprintln!(
            "错误：没有编号为 {} 的行政机关。可选：{}",
            organ_id.map_or("（未指定）".into(), |i| i.to_string()),
            if list.is_empty() {
                "无（请先建立单位）".into()
            } else {
                list.join("；")
            }
        );
        return Ok(ExitCode::FAILURE);
    };
    let year = super::admin::year_or_last(year);
    let c = report::compute(state, year, &organ).await?;
    let bytes = super::output::render(state, &c, pdf)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    std::fs::write(out, &bytes)?;
    println!(
        "{}：已写入 {}（{} 字节）。处罚决定 {} 件，新收申请 {} 件，本年办结 {} 件。",
        super::service::title(&organ.name, year),
        out.display(),
        bytes.len(),
        c.two.penalties,
        c.three.new[6],
        c.three.total[6]
    );
    let d = super::admin::draft_or_default(state, &c).await?;
    for b in report::blockers(&c, &d) {
        println!("  尚需处理：{b}");
    }
    Ok(ExitCode::SUCCESS)
}
