//! Import of the daily 12345 work-order list (.xlsx, or .csv): every row checked;
//! any bad row (or a number already registered, or repeated in the file) imports
//! nothing and every such row is listed with its problems.

use std::collections::HashSet;

use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::form::{self, FIELDS, NewOrder};
use super::model::Source;
use super::service;
use super::store;
use crate::auth::Staff;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{Layout, render};

#[derive(Template)]
#[template(path = "orders/templates/admin_import.html")]
struct ImportPage {
    layout: Layout,
    columns: String,
    imported: usize,
    rejected: Vec<(usize, String)>,
    error: String,
    done: bool,
}

impl ImportPage {
    fn new(layout: Layout, done: bool) -> ImportPage {
        ImportPage {
            layout,
            columns: crate::table::labels(FIELDS),
            imported: 0,
            rejected: Vec::new(),
            error: String::new(),
            done,
        }
    }
}

pub async fn import_form(layout: Layout, Staff(_): Staff) -> Result<Response, AppError> {
    render(&ImportPage::new(layout, false))
}

/// The rows of a table as checked orders, or the problems of each bad row
/// (1-based line numbers, the header being line 1).
pub async fn check_rows(
    state: &AppState,
    cells: &[Vec<String>],
) -> Result<Result<Vec<NewOrder>, Vec<(usize, String)>>, AppError> {
    let Some(header) = cells.first() else {
        return Ok(Err(vec![(1, "表格是空的".into())]));
    };
    let required = ["source_no", "service", "description"];
    let col = match crate::table::labelled_columns(header, FIELDS, &required) {
        Ok(col) => col,
        Err(label) => return Ok(Err(vec![(1, format!("缺少必需的列“{label}”"))])),
    };
    let services = store::service_names(&state.db).await?;
    let today = crate::clock::today();
    let (mut ok, mut bad, mut seen) = (Vec::new(), Vec::new(), HashSet::new());
    for (i, row) in cells.iter().enumerate().skip(1) {
        let get = |k: &str| {
            col.get(k)
                .and_then(|c| row.get(*c))
                .cloned()
                .unwrap_or_default()
        };
        match form::check(&get, Source::Hotline, &services, today) {
            Ok(o) => {
                let no = o.source_no.clone().unwrap_or_default();
                if !seen.insert(no.clone()) {
                    bad.push((i + 1, format!("工单编号 {no} 在表中重复")));
                } else if let Some(old) =
                    store::by_source_no(&state.db, Source::Hotline, &no).await?
                {
                    bad.push((i + 1, service::duplicate_message(&old)));
                } else {
                    ok.push(o);
                }
            }
            Err(e) => bad.push((i + 1, e.into_values().collect::<Vec<_>>().join("；"))),
        }
    }
    Ok(if bad.is_empty() { Ok(ok) } else { Err(bad) })
}

pub async fn import(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let up = crate::web::form::Upload::read(&mut multipart).await?;
    let mut page = ImportPage::new(layout, true);
    let fail = |mut page: ImportPage, m: String| -> Result<Response, AppError> {
        page.error = m;
        Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
    };
    let Some((name, bytes)) = up.file() else {
        return fail(page, "请选择 .xlsx 或 .csv 文件".into());
    };
    let cells = match crate::table::read_upload(&name, bytes).await {
        Ok(c) => c,
        Err(m) => return fail(page, m),
    };
    match check_rows(&state, &cells).await? {
        Err(bad) => {
            page.rejected = bad;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Ok(orders) => {
            let mut tx = state.db.begin().await?;
            for o in &orders {
                service::create_in(&state, &mut tx, o, None, None, &user.actor()).await?;
            }
            tx.commit().await?;
            page.imported = orders.len();
            render(&page)
        }
    }
}
