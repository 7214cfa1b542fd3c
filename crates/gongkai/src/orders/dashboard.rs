//! The dashboard's 诉求工单 counts: overdue, due soon, waiting to be signed for,
//! returned — scoped to the units the user handles orders for.

use crate::admin::dashboard::{Todo, TodoGroup};
use crate::auth::CurrentUser;
use crate::db::Page;
use crate::error::AppError;
use crate::state::AppState;

use super::model::{DUE_SOON_DAYS, Status};
use super::store::{self, Filter};

async fn count(state: &AppState, f: &Filter) -> Result<i64, AppError> {
    Ok(store::list(&state.db, f, Page::new(Some(1), Some(1)))
        .await?
        .1)
}

pub async fn todos(state: &AppState, user: &CurrentUser) -> Result<TodoGroup, AppError> {
    let scope = super::admin::scope(state, user).await?;
    let today = crate::clock::today();
    let cal = crate::workdays::calendar(state);
    let base = Filter {
        units: scope.filter().map(<[i64]>::to_vec),
        today: Some(today),
        soon_until: cal.add_workdays(today, DUE_SOON_DAYS).ok(),
        ..Default::default()
    };
    let view = |v: &str| Filter {
        view: Some(v.to_string()),
        ..base.clone()
    };
    let overdue = count(state, &view("overdue")).await?;
    let soon = count(state, &view("due_soon")).await?;
    let returned = count(state, &view("returned")).await?;
    let waiting = count(
        state,
        &Filter {
            status: Some(Status::Received),
            ..base.clone()
        },
    )
    .await?;
    Ok(TodoGroup {
        title: "诉求工单",
        items: vec![
            Todo {
                label: "已逾期的工单",
                count: overdue,
                href: "/admin/orders?view=overdue",
                urgent: true,
            },
            Todo {
                label: "2个工作日内到期的工单",
                count: soon,
                href: "/admin/orders?view=due_soon",
                urgent: true,
            },
            Todo {
                label: "待签收的工单",
                count: waiting,
                href: "/admin/orders?status=received",
                urgent: false,
            },
            Todo {
                label: "已退回的工单",
                count: returned,
                href: "/admin/orders?view=returned",
                urgent: false,
            },
        ],
    })
}
