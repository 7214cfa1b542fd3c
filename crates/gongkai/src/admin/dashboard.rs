//! The dashboard's to-do counts: what waits for this user, by role, each linking to
//! the list that shows it. Every count is scoped to the units the user's grants
//! reach for the permission concerned, and each is one query (依申请公开: one query
//! for the open cases and one for their events, the deadlines being computed from
//! the event log, never stored).

use crate::auth::CurrentUser;
use crate::auth::roles::Permission;
use crate::auth::scope::Scope;
use crate::db::id_list;
use crate::error::AppError;
use crate::state::AppState;
use crate::with_db;

/// One count and where to act on it.
pub struct Todo {
    pub label: &'static str,
    pub count: i64,
    pub href: &'static str,
    /// Overdue or otherwise pressing: shown emphasised when not zero.
    pub urgent: bool,
}

/// The counts of one role.
pub struct TodoGroup {
    pub title: &'static str,
    pub items: Vec<Todo>,
}

/// ` AND <column> IN (…)` for a scope that is not global; `None` for an empty scope
/// (nothing to count).
fn unit_filter(scope: &Scope, column: &str) -> Option<String> {
    match scope.filter() {
        None => Some(String::new()),
        Some([]) => None,
        Some(ids) => Some(format!(" AND {column} IN ({})", id_list(ids))),
    }
}

/// A `SELECT COUNT(…) … WHERE …` restricted to the scope (by `column`); 0 for an
/// empty scope.
async fn count(
    state: &AppState,
    scope: &Scope,
    column: &str,
    select: &str,
    me: Option<i64>,
) -> Result<i64, AppError> {
    let Some(units) = unit_filter(scope, column) else {
        return Ok(0);
    };
    let sql = format!("{select}{units}");
    let n: i64 = with_db!(&state.db, |p| {
        let q = sqlx::query_scalar(&sql);
        let q = match me {
            Some(id) => q.bind(id),
            None => q,
        };
        q.fetch_one(p).await
    })?;
    Ok(n)
}

fn todo(label: &'static str, count: i64, href: &'static str, urgent: bool) -> Todo {
    Todo {
        label,
        count,
        href,
        urgent,
    }
}

/// Every group of counts the user's roles call for, in a fixed order.
pub async fn todos(state: &AppState, user: &CurrentUser) -> Result<Vec<TodoGroup>, AppError> {
    let mut groups = Vec::new();
    if user.can(Permission::ReviewContent) {
        let s = Scope::of(state, user, Permission::ReviewContent).await?;
        let review = count(
            state,
            &s,
            "issuer_unit_id",
            "SELECT COUNT(*) FROM documents WHERE state = 'review'",
            None,
        )
        .await?;
        groups.push(TodoGroup {
            title: "内容审核",
            items: vec![todo(
                "待审核的文件",
                review,
                "/admin/docs?state=review",
                false,
            )],
        });
    }
    if user.can(Permission::PublishContent) {
        let s = Scope::of(state, user, Permission::PublishContent).await?;
        let drafts = count(
            state,
            &s,
            "issuer_unit_id",
            "SELECT COUNT(*) FROM documents WHERE state = 'draft'",
            None,
        )
        .await?;
        let returned = count(
            state,
            &s,
            "issuer_unit_id",
            "SELECT COUNT(*) FROM documents WHERE state = 'draft' AND review_note IS NOT NULL AND review_note <> ''",
            None,
        )
        .await?;
        groups.push(TodoGroup {
            title: "信息发布",
            items: vec![
                todo("草稿", drafts, "/admin/docs?state=draft", false),
                todo("被退回待修改", returned, "/admin/docs?state=draft", true),
            ],
        });
    }
    if user.can(Permission::HandleFoi) {
        groups.push(foi(state, user).await?);
    }
    if user.can(Permission::HandleInteraction) {
        groups.push(crate::orders::dashboard::todos(state, user).await?);
        let s = Scope::of(state, user, Permission::HandleInteraction).await?;
        let reminded = match s.filter() {
            Some([]) => 0,
            f => {
                let one = crate::db::Page::new(Some(1), Some(1));
                crate::interact::store::open_reminders(&state.db, f, one)
                    .await?
                    .1
            }
        };
        groups.push(TodoGroup {
            title: "网民留言",
            items: vec![todo(
                "签收或答复期限已到或将到的留言",
                reminded,
                "/admin#interact-reminders",
                true,
            )],
        });
    }
    if user.can(Permission::HandleEnforcement) {
        let s = Scope::of(state, user, Permission::HandleEnforcement).await?;
        // Four eyes: a case waits for a confirmation by someone other than its author.
        let confirm = count(
            state,
            &s,
            "unit_id",
            "SELECT COUNT(*) FROM penalty_cases WHERE state = 'pending' AND (created_by IS NULL OR created_by <> $1)",
            Some(user.id),
        )
        .await?;
        let publish = count(
            state,
            &s,
            "unit_id",
            "SELECT COUNT(*) FROM penalty_cases WHERE state = 'confirmed' AND restriction = ''",
            None,
        )
        .await?;
        let plans = count(
            state,
            &s,
            "unit_id",
            "SELECT COUNT(*) FROM inspect_plans WHERE NOT EXISTS (SELECT 1 FROM inspect_draws d WHERE d.plan_id = inspect_plans.id)",
            None,
        )
        .await?;
        let draws = count(
            state,
            &s,
            "p.unit_id",
            "SELECT COUNT(*) FROM inspect_draws d JOIN inspect_plans p ON p.id = d.plan_id WHERE d.state = 'committed'",
            None,
        )
        .await?;
        groups.push(TodoGroup {
            title: "执法公示",
            items: vec![
                todo(
                    "待我确认去标识化的处罚案件",
                    confirm,
                    "/admin/penalties?state=pending",
                    false,
                ),
                todo(
                    "已确认待公开的处罚案件",
                    publish,
                    "/admin/penalties?state=confirmed",
                    true,
                ),
                todo("尚未抽取的抽查计划", plans, "/admin/inspect/plans", false),
                todo("已承诺待揭示的抽取", draws, "/admin/inspect", false),
            ],
        });
    }
    if user.can(Permission::ManageUsers) {
        let s = Scope::of(state, user, Permission::ManageUsers).await?;
        let users = if s.global {
            crate::auth::store::count_users(&state.db).await?
        } else {
            count(
                state,
                &s,
                "unit_id",
                "SELECT COUNT(DISTINCT user_id) FROM user_roles WHERE 1=1",
                None,
            )
            .await?
        };
        let units = Scope::of(state, user, Permission::ManageUnits)
            .await?
            .ids
            .len() as i64;
        groups.push(TodoGroup {
            title: "系统管理",
            items: vec![
                todo("用户", users, "/admin/users", false),
                todo("机构", units, "/admin/units", false),
            ],
        });
    }
    Ok(groups)
}

/// 依申请公开: overdue, due within 5 working days (cases waiting on the applicant or
/// not yet confirmed as received are not running), and open cases without a handler.
async fn foi(state: &AppState, user: &CurrentUser) -> Result<TodoGroup, AppError> {
    use crate::foi::clock::Status;
    let s = Scope::of(state, user, Permission::HandleFoi).await?;
    let open = match s.filter() {
        Some([]) => Vec::new(),
        f => crate::foi::dashboard::open_clocks(state, f).await?,
    };
    let cal = crate::workdays::calendar(state);
    let today = crate::clock::today();
    let (mut overdue, mut due_soon) = (0, 0);
    for (_, clock) in &open {
        if clock.status == Status::AwaitingConfirmation || clock.status.waiting_on_applicant() {
            continue;
        }
        match clock.days_left(&cal, today) {
            Some(n) if n < 0 => overdue += 1,
            Some(n) if n <= 5 => due_soon += 1,
            _ => {}
        }
    }
    let unassigned = open.iter().filter(|(c, _)| c.handler_id.is_none()).count() as i64;
    Ok(TodoGroup {
        title: "依申请公开",
        items: vec![
            todo("已逾期", overdue, "/admin/foi#overdue-h", true),
            todo("5个工作日内到期", due_soon, "/admin/foi#due-soon-h", true),
            todo("待分配办理人", unassigned, "/admin/foi", false),
        ],
    })
}
