//! Importing a document catalogue from .xlsx: a template to download, every row
//! checked, a report of each rejected row and why; nothing is imported from a file
//! with errors unless the user asked to import the valid rows. Imported rows are
//! documents like any other: created as sent for review with the importer as
//! author, issued by one of the importer's units, published only by a reviewer.

use std::collections::HashSet;

use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;

use super::model::{Column, Disclosure, DocNo, Genre, Ground, IndexNo};
use super::store::{self, DocInput, Topic};
use crate::auth::Staff;
use crate::auth::roles::Permission;
use crate::auth::scope::Scope;
use crate::db::Db;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{Layout, render};

pub const HEADERS: [&str; 11] = [
    "标题",
    "文号",
    "发文机构",
    "成文日期",
    "发布日期",
    "体裁",
    "主题分类",
    "公开属性",
    "不公开理由",
    "索引号",
    "正文",
];

/// One checked row, ready to insert.
#[derive(Debug)]
pub struct Row {
    pub line: usize,
    pub input: DocInput,
    pub index_no: Option<String>,
}

/// A rejected row and its problems.
#[derive(Debug, PartialEq)]
pub struct Rejected {
    pub line: usize,
    pub problems: Vec<String>,
}

fn date(v: &str) -> Option<NaiveDate> {
    let v = v.trim();
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(v, "%Y/%m/%d"))
        .or_else(|_| NaiveDate::parse_from_str(v, "%Y年%m月%d日"))
        .ok()
}

/// Check the rows of a sheet (the first row is the header). `issuer_unit` finds
/// by its name (发文机构) the unit the importer may publish for and the issuing
/// organ's name stored for it (`issuer::resolve`); a row naming any other body is
/// rejected.
pub fn check_rows(
    cells: &[Vec<String>],
    topics: &[Topic],
    existing_index: &HashSet<String>,
    issuer_unit: impl Fn(&str) -> Option<(i64, String)>,
) -> Result<(Vec<Row>, Vec<Rejected>), String> {
    let Some(header) = cells.first() else {
        return Err("表格是空的".into());
    };
    let col = |name: &str| header.iter().position(|h| h.trim() == name);
    let idx: Vec<Option<usize>> = HEADERS.iter().map(|h| col(h)).collect();
    let missing: Vec<&str> = HEADERS
        .iter()
        .zip(&idx)
        .filter(|(h, i)| i.is_none() && ["标题", "发文机构", "成文日期", "体裁"].contains(h))
        .map(|(h, _)| *h)
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "缺少必需的列：{}（请使用下载的模板）",
            missing.join("、")
        ));
    }
    let mut seen: HashSet<String> = HashSet::new();
    let (mut ok, mut bad) = (Vec::new(), Vec::new());
    for (n, r) in cells.iter().enumerate().skip(1) {
        let get = |i: usize| {
            idx[i]
                .and_then(|c| r.get(c))
                .map(|s| s.trim().to_string())
                .unwrap_or_default()
        };
        if (0..HEADERS.len()).all(|i| get(i).is_empty()) {
            continue; // blank line
        }
        let line = n + 1;
        let mut p = Vec::new();
        let title = get(0);
        if title.is_empty() || title.chars().count() > 200 {
            p.push("标题为空或超过 200 字".to_string());
        }
        let doc_no = match get(1) {
            v if v.is_empty() => None,
            v => match DocNo::parse(&v) {
                Ok(d) => Some(d.to_string()),
                Err(m) => {
                    p.push(format!("文号“{v}”：{m}"));
                    None
                }
            },
        };
        let issuer = get(2);
        let (issuer_unit_id, issuer) = if issuer.is_empty() {
            p.push("发文机构为空".into());
            (None, issuer)
        } else {
            match issuer_unit(&issuer) {
                Some((unit, organ)) => (Some(unit), organ),
                None => {
                    p.push(format!("发文机构“{issuer}”不是您有权发布信息的本机关单位"));
                    (None, issuer)
                }
            }
        };
        let written_on = date(&get(3));
        if written_on.is_none() {
            p.push(format!("成文日期“{}”无法识别（应如 2023-04-10）", get(3)));
        }
        let published_on = match get(4) {
            v if v.is_empty() => None,
            v => match date(&v) {
                Some(d) => Some(d),
                None => {
                    p.push(format!("发布日期“{v}”无法识别"));
                    None
                }
            },
        };
        if let (Some(w), Some(pd)) = (written_on, published_on)
            && pd < w
        {
            p.push("发布日期早于成文日期".into());
        }
        let genre = Genre::from_label(&get(5));
        if genre.is_none() {
            p.push(format!("体裁“{}”不在列表中（通知、决定、意见、办法、规定、公告、通告、批复、函、报告、纪要、其他）", get(5)));
        }
        let topic_id = match get(6) {
            v if v.is_empty() => None,
            v => {
                let last = v
                    .rsplit(['\\', '/', '›'])
                    .next()
                    .unwrap_or(&v)
                    .trim()
                    .to_string();
                match topics.iter().find(|t| t.name == last) {
                    Some(t) => Some(t.id),
                    None => {
                        p.push(format!("主题分类“{v}”不存在"));
                        None
                    }
                }
            }
        };
        // An empty 公开属性 is allowed: such historic documents go to the 转化公开 queue.
        let disclosure = match get(7) {
            v if v.is_empty() => Some(String::new()),
            v => match Disclosure::from_label(&v) {
                Some(d) => Some(d.code().to_string()),
                None => {
                    p.push(format!(
                        "公开属性“{v}”应为 主动公开、依申请公开 或 不予公开"
                    ));
                    None
                }
            },
        };
        let ground = match get(8) {
            v if v.is_empty() => None,
            v => match Ground::ALL
                .iter()
                .find(|g| g.label().starts_with(&v) || g.label().contains(&v))
            {
                Some(g) => Some(g.code().to_string()),
                None => {
                    p.push(format!("不公开理由“{v}”不是法定理由"));
                    None
                }
            },
        };
        if matches!(disclosure.as_deref(), Some("on_request" | "withheld"))
            && ground.is_none()
            && !p.iter().any(|x| x.starts_with("不公开理由"))
        {
            p.push("依申请公开或不予公开须填写法定理由".into());
        }
        let index_no = match get(9) {
            v if v.is_empty() => None,
            v => match IndexNo::parse(&v) {
                Ok(i) => {
                    let s = i.to_string();
                    if existing_index.contains(&s) || !seen.insert(s.clone()) {
                        p.push(format!("索引号 {s} 已存在"));
                    }
                    Some(s)
                }
                Err(m) => {
                    p.push(format!("索引号“{v}”：{m}"));
                    None
                }
            },
        };
        if !p.is_empty() {
            bad.push(Rejected { line, problems: p });
            continue;
        }
        ok.push(Row {
            line,
            index_no,
            input: DocInput {
                title,
                issuer_unit_id,
                issuer_name: issuer,
                disclosure: disclosure.unwrap_or_default(),
                disclosure_ground: ground,
                doc_no,
                written_on,
                published_on: published_on.or(written_on),
                genre: genre.map(|g| g.code()).unwrap_or("other").to_string(),
                topic_id,
                column_kind: Column::General.code().into(),
                body: get(10),
                ..Default::default()
            },
        });
    }
    Ok((ok, bad))
}

/// The template: the header row and one example row.
pub fn template() -> anyhow::Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("公文目录")?;
    let bold = Format::new().set_bold();
    for (i, h) in HEADERS.iter().enumerate() {
        ws.write_with_format(0, i as u16, *h, &bold)?;
    }
    let example = [
        "关于印发《2023年上海市城市管理行政执法局政务公开工作要点》的通知",
        "沪城管执〔2023〕47号",
        "上海市城市管理行政执法局",
        "2023-04-10",
        "2023-07-05",
        "通知",
        "综合政务",
        "主动公开",
        "",
        "",
        "（正文，可留空）",
    ];
    for (i, v) in example.iter().enumerate() {
        ws.write(1, i as u16, *v)?;
    }
    ws.set_column_width(0, 50)?;
    Ok(wb.save_to_buffer()?)
}

pub async fn template_download() -> Result<Response, AppError> {
    let bytes = tokio::task::spawn_blocking(template)
        .await
        .map_err(anyhow::Error::from)??;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"catalogue.xlsx\"; filename*=UTF-8''{}",
                    crate::audit::admin::percent_encode("公文目录导入模板.xlsx")
                ),
            ),
        ],
        bytes,
    )
        .into_response())
}

pub struct RejectedView {
    pub line: usize,
    pub problems: String,
}

#[derive(Template)]
#[template(path = "docs/templates/admin_import.html")]
struct ImportPage {
    layout: Layout,
    error: String,
    checked: bool,
    imported: usize,
    valid: usize,
    rejected: Vec<RejectedView>,
}

pub async fn form(layout: Layout) -> Result<Response, AppError> {
    render(&ImportPage {
        layout,
        error: String::new(),
        checked: false,
        imported: 0,
        valid: 0,
        rejected: Vec::new(),
    })
}

async fn existing_index_numbers(db: &Db) -> sqlx::Result<HashSet<String>> {
    let v: Vec<String> =
        crate::with_db!(db, |p| sqlx::query_scalar("SELECT index_no FROM documents")
            .fetch_all(p)
            .await)?;
    Ok(v.into_iter().collect())
}

/// Check the uploaded file; import when it has no errors, or when the user chose
/// to import the valid rows.
pub async fn upload(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let (mut bytes, mut valid_only) = (None, false);
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::PayloadTooLarge)?
    {
        match field.name() {
            Some("file") => {
                bytes = Some(field.bytes().await.map_err(|_| AppError::PayloadTooLarge)?)
            }
            Some("valid_only") => {
                valid_only = field.text().await.map(|t| t == "on").unwrap_or(false)
            }
            _ => {}
        }
    }
    let fail = |layout: Layout, msg: String| -> Result<Response, AppError> {
        let page = ImportPage {
            layout,
            error: msg,
            checked: false,
            imported: 0,
            valid: 0,
            rejected: Vec::new(),
        };
        Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
    };
    let Some(bytes) = bytes.filter(|b| !b.is_empty()) else {
        return fail(layout, "请选择要导入的 .xlsx 文件".into());
    };
    let cells = match tokio::task::spawn_blocking(move || crate::table::read_xlsx(&bytes))
        .await
        .map_err(anyhow::Error::from)?
    {
        Ok(c) => c,
        Err(m) => return fail(layout, m),
    };
    let topics = store::topics(&state.db).await?;
    let existing = existing_index_numbers(&state.db).await?;
    let scope = Scope::of(&state, &user, Permission::PublishContent).await?;
    // 发文机构 by name: an organ the importer may issue for (the bureau, a 区局), or
    // one of their units (stored under its organ's name).
    let resolve = super::admin::issuer(&scope, None);
    let issuer_unit = |name: &str| {
        scope
            .units
            .iter()
            .filter(|u| u.name == name)
            .find_map(|u| resolve(u.id))
    };
    let (rows, rejected) = match check_rows(&cells, &topics, &existing, issuer_unit) {
        Ok(v) => v,
        Err(m) => return fail(layout, m),
    };
    let valid = rows.len();
    let mut imported = 0;
    if rejected.is_empty() || valid_only {
        let mut docs = Vec::with_capacity(rows.len());
        for r in rows {
            let index = match &r.index_no {
                Some(i) => Some(IndexNo::parse(i).map_err(|m| AppError::BadRequest(m.into()))?),
                None => None,
            };
            docs.push((r.input, index));
        }
        imported = super::workflow::import_catalogue(
            &state.db,
            &state.site.org_code,
            &docs,
            rejected.len(),
            &user,
        )
        .await?;
    }
    let status = if rejected.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let rejected = rejected
        .into_iter()
        .map(|r| RejectedView {
            line: r.line,
            problems: r.problems.join("；"),
        })
        .collect();
    let page = ImportPage {
        layout,
        error: String::new(),
        checked: true,
        imported,
        valid,
        rejected,
    };
    Ok((status, render(&page)?).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn rows_are_checked_one_by_one() {
        let topics = vec![Topic {
            id: 1,
            parent_id: None,
            name: "综合政务".into(),
        }];
        let mut existing = HashSet::new();
        existing.insert("MB2F300040/2023-00054".to_string());
        let cells = sheet(&[
            &HEADERS,
            &[
                "好的文件",
                "沪城管执〔2023〕1号",
                "上海市城市管理行政执法局",
                "2023-04-10",
                "2023-04-12",
                "通知",
                "综合政务",
                "主动公开",
                "",
                "",
                "正文",
            ],
            &[
                "",
                "47号",
                "",
                "昨天",
                "",
                "通知书",
                "不存在的分类",
                "公开",
                "",
                "MB2F300040/2023-00054",
                "",
            ],
            &["", "", "", "", "", "", "", "", "", "", ""],
            &[
                "依申请公开的纪要",
                "",
                "某处",
                "2023/05/01",
                "",
                "纪要",
                "",
                "依申请公开",
                "",
                "",
                "",
            ],
            &[
                "历史文件",
                "",
                "某处",
                "2010年3月1日",
                "",
                "其他",
                "",
                "",
                "",
                "",
                "",
            ],
        ]);
        let ours = |name: &str| {
            (name == "上海市城市管理行政执法局" || name == "某处")
                .then(|| (1, "上海市城市管理行政执法局".to_string()))
        };
        let (ok, bad) = check_rows(&cells, &topics, &existing, ours).expect("checked");
        assert_eq!(ok.len(), 2);
        assert_eq!(ok[0].input.doc_no.as_deref(), Some("沪城管执〔2023〕1号"));
        assert_eq!(
            ok[1].input.disclosure, "",
            "an empty 公开属性 is allowed (转化公开 queue)"
        );
        assert_eq!(bad.len(), 2);
        assert_eq!(bad[0].line, 3);
        for needle in [
            "标题",
            "文号",
            "发文机构",
            "成文日期",
            "体裁",
            "主题分类",
            "公开属性",
            "已存在",
        ] {
            assert!(
                bad[0].problems.iter().any(|p| p.contains(needle)),
                "{needle}: {:?}",
                bad[0].problems
            );
        }
        assert_eq!(bad[1].line, 5);
        assert!(bad[1].problems.iter().any(|p| p.contains("法定理由")));
        assert!(
            check_rows(&sheet(&[&["名称"]]), &topics, &existing, ours).is_err(),
            "missing columns"
        );
        let outside: &[&str] = &[
            "外单位文件",
            "",
            "上海市人民政府",
            "2023-04-10",
            "",
            "通知",
            "",
            "主动公开",
            "",
            "",
            "",
        ];
        let (ok, bad) =
            check_rows(&sheet(&[&HEADERS, outside]), &topics, &existing, ours).expect("checked");
        assert!(ok.is_empty(), "an issuer outside the importer's units");
        assert!(bad[0].problems.iter().any(|p| p.contains("上海市人民政府")));
    }

    #[test]
    fn template_reads_back() {
        let bytes = template().expect("template");
        let cells = crate::table::read_xlsx(&bytes).expect("read");
        assert_eq!(
            cells[0],
            HEADERS.iter().map(|s| s.to_string()).collect::<Vec<_>>()
        );
        assert!(crate::table::read_xlsx(b"not an xlsx").is_err());
    }
}
