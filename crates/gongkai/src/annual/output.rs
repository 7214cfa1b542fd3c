//! The report as .docx (GB/T 9704 page, via `officedoc`) and .pdf (with the CJK
//! font the FOI letters embed). Tables 二, 三 and 四 are ruled tables in the shape
//! of the national format (国办公开办函〔2021〕30号): its column heads, its spanning
//! cells, its row labels.

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use officedoc::{Cell, Letter, Para, Table};

use super::admin::YearQuery;
use super::model::{self, ProceedingOutcome};
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

fn figure(n: impl ToString) -> Cell {
    Cell::new(n.to_string())
}

/// 表二: 第二十条第（一）、（五）、（六）、（八）项, one table of four columns with a
/// spanning row for each item, as in the national format.
pub fn table_two(c: &Computed, d: &Draft) -> Table {
    let item = |n: &str| vec![Cell::new(format!("第二十条第（{n}）项")).cols(4)];
    let head = |what: &str| vec![Cell::new("信息内容"), Cell::new(what).cols(3)];
    let mut t = Table::new(vec![1.6, 1.0, 1.0, 1.0])
        .row(item("一"))
        .row(vec![
            Cell::new("信息内容"),
            Cell::new("本年制发件数"),
            Cell::new("本年废止件数"),
            Cell::new("现行有效件数"),
        ]);
    for (name, l) in [("规章", c.two.rules), ("行政规范性文件", c.two.normative)] {
        t.push(vec![
            Cell::new(name),
            figure(l.issued),
            figure(l.repealed),
            figure(l.in_force),
        ]);
    }
    t = t
        .row(item("五"))
        .row(head("本年处理决定数量"))
        .row(vec![Cell::new("行政许可"), figure(d.licences).cols(3)])
        .row(item("六"))
        .row(head("本年处理决定数量"))
        .row(vec![Cell::new("行政处罚"), figure(c.two.penalties).cols(3)])
        .row(vec![Cell::new("行政强制"), figure(d.coercions).cols(3)])
        .row(item("八"))
        .row(head("本年收费金额（单位：万元）"))
        .row(vec![
            Cell::new("行政事业性收费"),
            figure(model::wan_yuan(d.fees_yuan * 100)).cols(3),
        ]);
    t
}

const RESULTS: &str = "三、本年度办理结果";

/// 表三: three label columns (三、本年度办理结果 | （三）不予公开 | 1．属于国家秘密) and
/// the seven figure columns under 申请人情况, the three header rows of the national
/// format repeated on each page. The 小计 lines of the back-office view are not in
/// the national table and are left out.
pub fn table_three(t: &crate::foi::report::TableThree) -> Table {
    let cols = crate::foi::report::COLUMNS;
    let mut widths = vec![7.5, 18.0, 42.3];
    widths.extend([12.6; 7]);
    let mut table = Table::new(widths)
        .header(3)
        .row(vec![
            Cell::new("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
                .cols(3)
                .rows(3),
            Cell::new("申请人情况").cols(7),
        ])
        .row(vec![
            Cell::new(cols[0]).rows(2),
            Cell::new("法人或其他组织").cols(5),
            Cell::new(cols[6]).rows(2),
        ])
        .row(cols[1..6].iter().map(|c| Cell::new(*c)).collect());
    let lines = crate::foi::admin_report::report_lines(t);
    let is_sub = |l: &crate::foi::admin_report::ReportLine| l.label == "小计";
    let in_results = |l: &crate::foi::admin_report::ReportLine| {
        l.group.starts_with(RESULTS) || l.group.is_empty()
    };
    let n_results = lines.iter().filter(|l| in_results(l) && !is_sub(l)).count();
    let mut results_started = false;
    let mut group = "";
    for (i, l) in lines.iter().enumerate() {
        if !l.group.is_empty() {
            group = l.group.strip_prefix(RESULTS).unwrap_or(&l.group).trim();
        }
        if is_sub(l) {
            continue;
        }
        let mut row = Vec::new();
        if in_results(l) && !results_started {
            row.push(Cell::new(RESULTS).rows(n_results));
            results_started = true;
        }
        if l.group.is_empty() {
            // A numbered line under its group (（三）不予公开 …): the group's cell
            // spans the run of them.
            if i == 0 || !lines[i - 1].group.is_empty() {
                let k = lines[i..].iter().take_while(|x| x.group.is_empty()).count();
                // "（三）" over "不予公开" rather than broken inside the words.
                row.push(Cell::new(group.replacen('）', "）\n", 1)).rows(k));
            }
            row.push(Cell::left(l.label.as_str()));
        } else if l.group.starts_with(RESULTS) {
            row.push(Cell::left(group).cols(2));
        } else {
            row.push(Cell::left(l.group.as_str()).cols(3));
        }
        row.extend(l.counts.iter().map(|n| figure(*n)));
        table.push(row);
    }
    table
}

/// 表四: 行政复议 and 行政诉讼 (未经复议直接起诉, 复议后起诉), five figures each,
/// in one row of fifteen columns under two rows of heads, as in the national format.
pub fn table_four(c: &Computed) -> Table {
    let heads: Vec<&str> = ProceedingOutcome::ALL
        .iter()
        .map(|o| o.label())
        .chain(["总计"])
        .collect();
    let mut second: Vec<Cell> = heads.iter().map(|h| Cell::new(*h).rows(2)).collect();
    second.push(Cell::new("未经复议直接起诉").cols(5));
    second.push(Cell::new("复议后起诉").cols(5));
    Table::new(vec![1.0; 15])
        .header(3)
        .row(vec![
            Cell::new("行政复议").cols(5),
            Cell::new("行政诉讼").cols(10),
        ])
        .row(second)
        .row(
            heads
                .iter()
                .chain(heads.iter())
                .map(|h| Cell::new(*h))
                .collect(),
        )
        .row(c.four.cells.iter().flatten().map(|n| figure(*n)).collect())
}

/// The report as paragraphs and tables.
pub fn letter(c: &Computed, d: &Draft, organ: &str, date: &str) -> Letter {
    let title = super::service::title(organ, c.year);
    let mut p = vec![Para::title(title.clone()), Para::blank()];
    p.push(Para::left("一、总体情况"));
    texts(&mut p, &d.overview);
    p.push(Para::left("二、主动公开政府信息情况"));
    p.push(Para::table(table_two(c, d)));
    p.push(Para::left("三、收到和处理政府信息公开申请情况"));
    p.push(Para::table(table_three(&c.three)));
    p.push(Para::left("四、政府信息公开行政复议、行政诉讼情况"));
    p.push(Para::table(table_four(c)));
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

/// The computed report with its saved (or first) draft as .pdf or .docx.
pub async fn render(state: &AppState, c: &Computed, pdf: bool) -> Result<Vec<u8>, AppError> {
    let d = super::admin::draft_or_default(state, c).await?;
    let today = crate::clock::today();
    let date = format!(
        "{}年{}月{}日",
        chrono::Datelike::year(&today),
        chrono::Datelike::month(&today),
        chrono::Datelike::day(&today)
    );
    let doc = letter(c, &d, &c.organ.name, &date);
    Ok(if pdf {
        let fonts = crate::foi::letter_doc::fonts(state).await;
        officedoc::pdf(&doc, fonts.as_ref()).map_err(anyhow::Error::from)?
    } else {
        officedoc::docx(&doc).map_err(anyhow::Error::from)?
    })
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
    let bytes = render(state, &c, ext == "pdf").await?;
    let mime = if ext == "pdf" {
        "application/pdf"
    } else {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
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

#[cfg(test)]
#[path = "output_tests.rs"]
mod tests;
