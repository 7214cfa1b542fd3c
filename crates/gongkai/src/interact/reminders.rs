//! 网民留言 reminders in the back office: the open ones (`store::open_reminders`,
//! raised by the daily job) of the letters of the user's units on the dashboard, a
//! page at a time, and a marker per letter in the back-office list. Deadlines are
//! dates on the working-day calendar, shown as the end of that day in Beijing time.

use chrono::NaiveDate;

use super::store::{self, ReminderRow};
use crate::auth::CurrentUser;
use crate::auth::roles::Permission;
use crate::auth::scope::Scope;
use crate::db::Page;
use crate::error::AppError;
use crate::state::AppState;

/// Reminders per dashboard page.
pub const PER_PAGE: i64 = 10;

/// One open reminder as the back office shows it.
#[derive(Debug, Clone)]
pub struct ReminderView {
    pub message_id: i64,
    pub receipt_no: String,
    pub subject: String,
    /// 签收 | 答复
    pub what: &'static str,
    /// The deadline in Beijing time, e.g. `2026-03-02 24:00（北京时间）`.
    pub due: String,
    pub overdue: bool,
    /// When the daily job raised it, Beijing time.
    pub raised: String,
}

impl ReminderView {
    pub fn of(r: &ReminderRow, today: NaiveDate) -> ReminderView {
        ReminderView {
            message_id: r.message_id,
            receipt_no: r.receipt_no.clone(),
            subject: r.subject.clone(),
            what: if r.deadline == "sign" {
                "签收"
            } else {
                "答复"
            },
            due: deadline(r.due_on),
            overdue: r.due_on < today,
            raised: crate::clock::fmt_local(&r.created_at),
        }
    }

    /// The marker of the letters list: `已超期：应于… 前签收`.
    pub fn marker(&self) -> String {
        format!(
            "{}：应于{}前{}",
            if self.overdue {
                "已超期"
            } else {
                "即将到期"
            },
            self.due,
            self.what
        )
    }
}

/// A deadline date as the end of that day in Beijing time.
pub fn deadline(due: NaiveDate) -> String {
    format!("{due} 24:00（北京时间）")
}

/// The dashboard's share: the user's open reminders, page `page`.
#[derive(Debug, Clone, Default)]
pub struct DashboardReminders {
    /// Whether the user handles letters (the section is shown, even empty).
    pub handles: bool,
    pub rows: Vec<ReminderView>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
}

impl DashboardReminders {
    pub fn prev(&self) -> Option<i64> {
        (self.page > 1).then_some(self.page - 1)
    }
    pub fn next(&self) -> Option<i64> {
        (self.page < self.pages).then_some(self.page + 1)
    }
}

pub async fn for_user(
    state: &AppState,
    user: &CurrentUser,
    page: Option<i64>,
) -> Result<DashboardReminders, AppError> {
    if !user.can(Permission::HandleInteraction) {
        return Ok(DashboardReminders::default());
    }
    let scope = Scope::of(state, user, Permission::HandleInteraction).await?;
    let page = Page::new(page, Some(PER_PAGE));
    let (rows, total) = match scope.filter() {
        Some([]) => (Vec::new(), 0),
        f => store::open_reminders(&state.db, f, page).await?,
    };
    let today = crate::clock::today();
    Ok(DashboardReminders {
        handles: true,
        rows: rows.iter().map(|r| ReminderView::of(r, today)).collect(),
        total,
        page: page.number,
        pages: page.total_pages(total),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reminder_reads_its_deadline_in_beijing_time() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        let row = ReminderRow {
            message_id: 1,
            receipt_no: "LY1".into(),
            subject: "噪声".into(),
            unit_id: 1,
            deadline: "sign".into(),
            due_on: d("2026-03-02"),
            created_at: chrono::DateTime::from_timestamp(1_772_380_800, 0).expect("time"),
        };
        let v = ReminderView::of(&row, d("2026-03-03"));
        assert!(v.overdue);
        assert_eq!(v.marker(), "已超期：应于2026-03-02 24:00（北京时间）前签收");
        // 2026-03-01T16:00Z is 2026-03-02 00:00 in Beijing.
        assert_eq!(v.raised, "2026-03-02 00:00");
        let v = ReminderView::of(&row, d("2026-03-02"));
        assert!(!v.overdue, "due today is not overdue yet");
    }
}
