//! The report as .docx (GB/T 9704 page, via `officedoc`) and .pdf (with the CJK
//! font the FOI letters embed). `officedoc` lays out paragraphs, not tables: each
//! row of a table is written as one line, "row: column figure, …".

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use officedoc::{Letter, Para};

use super::admin::YearQuery;
use super::model::{self, ProceedingKind};
use super::report::{self, Computed};
use super::store::Draft;
use crate::auth::Staff;
use crate::auth::roles::Permission;
use crate::error::AppError;
use crate::state::AppState;

fn texts(out: &mut Vec<Para>, text: &str) {
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        out.push(Para::body(line));
    }
}

/// The report as paragraphs: headings, text, and one line per table row.
pub fn letter(c: &Computed, d: &Draft, organ: &str, date: &str) -> Letter {
    let title = super::service::title(organ, c.year);
    let mut p = vec![Para::title(title.clone()), Para::blank()];
    p.push(Para::left("一、总体情况"));
    texts(&mut p, &d.overview);
    p.push(Para::left("二、主动公开政府信息情况"));
    for (name, l) in [("规章", c.two.rules), ("行政规范性文件", c.two.normative)] {
        p.push(Para::body(format!(
            "第二十条第（一）项 {name}：本年制发件数{}，本年废止件数{}，现行有效件数{}。",
            l.issued, l.repealed, l.in_force
        )));
    }
    p.push(Para::body(format!(
        "第二十条第（五）项 行政许可：本年处理决定数量{}。第（六）项 行政处罚：本年处理决定数量{}；行政强制：本年处理决定数量{}。",
        d.licences, c.two.penalties, d.coercions
    )));
    p.push(Para::body(format!(
        "第二十条第（八）项 行政事业性收费：本年收费金额{}万元。",
        model::wan_yuan(d.fees_yuan * 100)
    )));
    p.push(Para::left("三、收到和处理政府信息公开申请情况"));
    let cols = crate::foi::report::COLUMNS;
    for l in crate::foi::admin_report::report_lines(&c.three) {
        let figures: Vec<String> = cols
            .iter()
            .zip(l.counts.iter())
            .map(|(name, n)| format!("{name}{n}"))
            .collect();
        let name = format!("{}{}", l.group, l.label).trim().to_string();
        p.push(Para::body(format!("{name}：{}。", figures.join("，"))));
    }
    p.push(Para::left("四、政府信息公开行政复议、行政诉讼情况"));
    let heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    for (g, k) in ProceedingKind::ALL.iter().enumerate() {
        let figures: Vec<String> = heads
            .iter()
            .zip(c.four.cells[g].iter())
            .map(|(h, n)| format!("{h}{n}"))
            .collect();
        p.push(Para::body(format!(
            "{}：{}。",
            k.label(),
            figures.join("，")
        )));
    }
    p.push(Para::left("五、存在的主要问题及改进情况"));
    texts(&mut p, &d.problems);
    p.push(Para::left("六、其他需要报告的事项"));
    texts(&mut p, &d.other_matters);
    p.extend(Para::signature(organ, date));
    Letter {
        title,
        paras: p,
        seal_mark: false,
    }
}

async fn file(
    state: &AppState,
    user: &crate::auth::CurrentUser,
    q: YearQuery,
    ext: &str,
) -> Result<Response, AppError> {
    let (_, organ) = super::admin::organs_for(state, user, Permission::ViewFoi, q.organ).await?;
    let year = super::admin::year_or_last(q.year);
    let c = report::compute(state, year, &organ).await?;
    let d = super::admin::draft_or_default(state, &c).await?;
    let today = crate::clock::today();
    let date = format!(
        "{}年{}月{}日",
        chrono::Datelike::year(&today),
        chrono::Datelike::month(&today),
        chrono::Datelike::day(&today)
    );
    let doc = letter(&c, &d, &organ.name, &date);
    let (bytes, mime) = if ext == "pdf" {
        let fonts = crate::foi::letter_doc::fonts(state).await;
        (
            officedoc::pdf(&doc, fonts.as_ref()).map_err(anyhow::Error::from)?,
            "application/pdf",
        )
    } else {
        (
            officedoc::docx(&doc).map_err(anyhow::Error::from)?,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    };
    Ok((
        [
            (header::CONTENT_TYPE, mime.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"annual-report-{year}-{}.{ext}\"",
                    organ.id
                ),
            ),
        ],
        bytes,
    )
        .into_response())
}

pub async fn docx(
    State(state): State<AppState>,
    Staff(user): Staff,
    Query(q): Query<YearQuery>,
) -> Result<Response, AppError> {
    file(&state, &user, q, "docx").await
}

pub async fn pdf(
    State(state): State<AppState>,
    Staff(user): Staff,
    Query(q): Query<YearQuery>,
) -> Result<Response, AppError> {
    file(&state, &user, q, "pdf").await
}
