//! 网民留言 statistics on both backends: letters seeded through the real service
//! (submit, 签收, 拟写, 审核, 不予受理, 评价 — a first 不满意 reopens and is not kept),
//! then moved to last year's March and May (the clock is real); the back office
//! figures by month and unit, the .xlsx export, and the public monthly page. And
//! the daily job's deadline reminders, raised once per letter and deadline.

use chrono::{Datelike, NaiveDate};
use gongkai::audit::Actor;
use gongkai::auth::roles::Role;
use gongkai::interact::form::NewMessage;
use gongkai::interact::model::{MessageKind, Rating, RejectReason};
use gongkai::interact::service::{self, Action};
use gongkai::interact::store;
use gongkai::with_db;

use crate::both;
use crate::common::{Backend, TestApp, spawn};

async fn letter(app: &TestApp, unit: i64, n: u32) -> i64 {
    let m = NewMessage {
        kind: MessageKind::Suggestion,
        unit_id: unit,
        subject: format!("统计测试留言第{n}件"),
        content: format!("关于第{n}个不同问题的建议，请研究办理。编号{n}{n}{n}"),
        name: "王小明".into(),
        phone: format!("1380000000{n}"),
        email: String::new(),
        consent: true,
    };
    service::submit(&app.state, &m, &[], &Actor::system())
        .await
        .expect("submit")
        .id
}

async fn act(app: &TestApp, id: i64, a: Action, user: i64) {
    let m = store::get(&app.db, id).await.expect("get").expect("letter");
    service::act(&app.state, &m, &a, user, &Actor::system())
        .await
        .expect("act");
}

/// 签收 (first time), 拟写 by `a`, 审核 by `b`.
async fn answer(app: &TestApp, id: i64, sign: bool, a: i64, b: i64) {
    if sign {
        act(app, id, Action::Sign, a).await;
    }
    let draft = Action::Draft {
        reply: "已转相关部门研究处理。".into(),
        withhold: String::new(),
    };
    act(app, id, draft, a).await;
    let approve = Action::Approve {
        subject: "统计测试留言".into(),
        content: "建议内容".into(),
        reply: "已转相关部门研究处理。".into(),
    };
    act(app, id, approve, b).await;
}

async fn rate(app: &TestApp, id: i64, r: Rating) -> bool {
    let m = store::get(&app.db, id).await.expect("get").expect("letter");
    service::rate(&app.state, &m, r, "", &Actor::system())
        .await
        .expect("rate")
}

/// Move a letter's dates (the service dated everything today).
async fn dates(
    app: &TestApp,
    id: i64,
    submitted: NaiveDate,
    due: NaiveDate,
    replied: Option<NaiveDate>,
) {
    with_db!(&app.db, |p| {
        sqlx::query(
            "UPDATE interact_messages SET submitted_on = $1, reply_due = $2, replied_on = $3 WHERE id = $4",
        )
        .bind(submitted)
        .bind(due)
        .bind(replied)
        .bind(id)
        .execute(p)
        .await
        .map(|_| ())
    })
    .expect("dates");
}

fn cells(v: &[&str]) -> String {
    v.iter().map(|c| format!("<td>{c}</td>")).collect()
}

async fn figures(b: Backend) {
    let app = spawn(b).await;
    let root = app.root_unit;
    let second = app.unit("统计测试二局", Some(root)).await;
    let a = app.user("stats_a", &[Role::InteractHandler]).await;
    let bb = app.user("stats_b", &[Role::InteractHandler]).await;
    let year = gongkai::clock::today().year() - 1;
    let d = |m: u32, day: u32| NaiveDate::from_ymd_opt(year, m, day).expect("date");

    // March: three letters answered (3 and 7 days on time, 11 days late); May: one
    // rejected the next day, one still open. April: nothing.
    let l1 = letter(&app, root, 1).await;
    answer(&app, l1, true, a, bb).await;
    assert!(!rate(&app, l1, Rating::Satisfied).await);
    let l2 = letter(&app, root, 2).await;
    answer(&app, l2, true, a, bb).await;
    assert!(!rate(&app, l2, Rating::Fair).await);
    let l3 = letter(&app, second, 3).await;
    answer(&app, l3, true, a, bb).await;
    // The first 不满意 reopens (not kept); the second reply's 不满意 is kept.
    assert!(rate(&app, l3, Rating::Unsatisfied).await);
    answer(&app, l3, false, a, bb).await;
    assert!(!rate(&app, l3, Rating::Unsatisfied).await);
    let l4 = letter(&app, second, 4).await;
    let l5 = letter(&app, root, 5).await;
    act(
        &app,
        l5,
        Action::Reject {
            reason: RejectReason::NoContent,
            note: String::new(),
        },
        a,
    )
    .await;
    dates(&app, l1, d(3, 3), d(3, 10), Some(d(3, 6))).await;
    dates(&app, l2, d(3, 10), d(3, 17), Some(d(3, 17))).await;
    dates(&app, l3, d(3, 20), d(3, 27), Some(d(3, 31))).await;
    dates(&app, l4, d(5, 6), d(5, 13), None).await;
    dates(&app, l5, d(5, 8), d(5, 15), Some(d(5, 9))).await;

    let march = cells(&[
        "3", "3", "100.0%", "2", "66.7%", "7.0", "1", "1", "1", "66.7%",
    ]);
    let april = cells(&["0", "0", "—", "0", "—", "—", "0", "0", "0", "—"]);
    let may = cells(&["2", "1", "50.0%", "1", "100.0%", "1.0", "0", "0", "0", "—"]);
    let all = cells(&[
        "5", "4", "80.0%", "3", "75.0%", "5.5", "1", "1", "1", "66.7%",
    ]);
    let second_line = cells(&[
        "2", "1", "50.0%", "0", "0.0%", "11.0", "0", "0", "1", "0.0%",
    ]);

    // The back office page needs the permission.
    let (s, _) = app
        .get_text(&format!("/admin/interact/stats?year={year}"))
        .await;
    assert!(s == 303 || s == 401 || s == 403, "{s}");
    app.user("stats_admin", &[Role::InteractHandler]).await;
    app.login_ok("stats_admin").await;
    let (s, html) = app
        .get_text(&format!("/admin/interact/stats?year={year}"))
        .await;
    assert_eq!(s, 200, "{html}");
    for (label, line) in [
        ("3月", &march),
        ("4月", &april),
        ("5月", &may),
        ("合计", &all),
        ("统计测试二局", &second_line),
    ] {
        let row = format!("<th scope=\"row\">{label}</th>{line}");
        assert!(html.contains(&row), "{label}: {row}\n{html}");
    }
    assert!(html.contains("12月"), "a past year shows twelve months");
    assert!(html.contains("/admin/interact/stats.xlsx?year="));
    let (_, nav) = app.get_text("/admin/interact").await;
    assert!(
        nav.contains("/admin/interact/stats"),
        "linked from the list"
    );

    // One unit; another year is empty; a bad year is refused.
    let (_, one) = app
        .get_text(&format!("/admin/interact/stats?year={year}&unit={second}"))
        .await;
    assert!(
        one.contains(&format!("<th scope=\"row\">合计</th>{second_line}")),
        "{one}"
    );
    assert!(!one.contains(&format!("<th scope=\"row\">合计</th>{all}")));
    let (_, empty) = app
        .get_text(&format!("/admin/interact/stats?year={}", year - 1))
        .await;
    assert!(empty.contains(&format!(
        "<th scope=\"row\">合计</th>{}",
        cells(&["0", "0", "—", "0", "—", "—", "0", "0", "0", "—"])
    )));
    let (s, _) = app.get_text("/admin/interact/stats?year=abc").await;
    assert_eq!(s, 400);

    // The .xlsx export: the same figures.
    let r = app
        .get(&format!("/admin/interact/stats.xlsx?year={year}"))
        .await;
    assert_eq!(r.status().as_u16(), 200);
    let bytes = r.bytes().await.expect("bytes");
    use calamine::Reader;
    let mut wb = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("xlsx");
    let sheet = |wb: &mut calamine::Xlsx<_>, name: &str| -> Vec<Vec<String>> {
        wb.worksheet_range(name)
            .expect("sheet")
            .rows()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    };
    let months = sheet(&mut wb, "按月");
    assert_eq!(months[1][6], "平均办理天数（自然日）");
    assert_eq!(months.len(), 2 + 12 + 1, "title, head, 12 months, total");
    fn strs(r: &[String]) -> Vec<&str> {
        r.iter().map(String::as_str).collect()
    }
    assert_eq!(
        strs(&months[4]),
        [
            "3月", "3", "3", "100.0%", "2", "66.7%", "7.0", "1", "1", "1", "3", "66.7%"
        ]
    );
    assert_eq!(strs(&months[5])[1..3], ["0", "0"]);
    assert_eq!(
        strs(&months[14]),
        [
            "合计", "5", "4", "80.0%", "3", "75.0%", "5.5", "1", "1", "1", "3", "66.7%"
        ]
    );
    let units = sheet(&mut wb, "按单位");
    let second_row = units
        .iter()
        .find(|r| r[0] == "统计测试二局")
        .expect("unit row");
    assert_eq!(
        strs(second_row),
        [
            "统计测试二局",
            "2",
            "1",
            "50.0%",
            "0",
            "0.0%",
            "11.0",
            "0",
            "0",
            "1",
            "1",
            "0.0%"
        ]
    );

    // The public page: counts per month, nothing about the writers.
    let (s, public) = app
        .get_text(&format!("/interact/messages/stats?year={year}"))
        .await;
    assert_eq!(s, 200);
    for (label, line) in [
        ("3月", cells(&["3", "3", "100.0%"])),
        ("4月", cells(&["0", "0", "—"])),
        ("5月", cells(&["2", "1", "50.0%"])),
        ("合计", cells(&["5", "4", "80.0%"])),
    ] {
        let row = format!("<th scope=\"row\">{label}</th>{line}");
        assert!(public.contains(&row), "{label}: {row}\n{public}");
    }
    for private in ["王小明", "1380000000", "统计测试留言", "满意率"] {
        assert!(!public.contains(private), "{private} on the public page");
    }
    let (_, list) = app.get_text("/interact/messages").await;
    assert!(
        list.contains("/interact/messages/stats"),
        "linked from the list"
    );
    let (s, _) = app.get_text("/interact/messages/stats?year=1").await;
    assert_eq!(s, 400);
}

async fn set_due(app: &TestApp, id: i64, sign: NaiveDate, reply: NaiveDate) {
    with_db!(&app.db, |p| {
        sqlx::query("UPDATE interact_messages SET sign_due = $1, reply_due = $2 WHERE id = $3")
            .bind(sign)
            .bind(reply)
            .bind(id)
            .execute(p)
            .await
            .map(|_| ())
    })
    .expect("due dates");
}

async fn daily_job_raises_deadline_reminders_once(b: Backend) {
    let app = spawn(b).await;
    let root = app.root_unit;
    let second = app.unit("提醒测试二局", Some(root)).await;
    let a = app.user("remind_a", &[Role::InteractHandler]).await;
    let bb = app.user("remind_b", &[Role::InteractHandler]).await;
    let today = gongkai::clock::today();
    let days = |n: i64| today + chrono::Duration::days(n);
    // Not signed, 签收 deadline ten days ago: overdue.
    let late = letter(&app, root, 1).await;
    set_due(&app, late, days(-10), days(30)).await;
    // Signed in the second unit, reply due today: due within 1 working day.
    let soon = letter(&app, second, 2).await;
    act(&app, soon, Action::Sign, a).await;
    set_due(&app, soon, days(-10), today).await;
    // Not due yet; and a published letter whose old deadlines no longer count.
    let calm = letter(&app, root, 3).await;
    set_due(&app, calm, days(30), days(30)).await;
    let done = letter(&app, root, 4).await;
    answer(&app, done, true, a, bb).await;
    set_due(&app, done, days(-10), days(-5)).await;

    gongkai::interact::daily(&app.state).await.expect("daily");
    gongkai::interact::daily(&app.state)
        .await
        .expect("daily again");
    let rows: Vec<(i64, i64, String, String)> = with_db!(&app.db, |p| sqlx::query_as(
        "SELECT message_id, unit_id, deadline, kind FROM interact_reminders ORDER BY message_id"
    )
    .fetch_all(p)
    .await)
    .expect("reminders");
    let row = |id: i64, unit: i64, d: &str, k: &str| (id, unit, d.to_string(), k.to_string());
    assert_eq!(
        rows,
        vec![
            row(late, root, "sign", "overdue"),
            row(soon, second, "reply", "due_soon"),
        ],
        "one reminder per letter and deadline, for the receiving unit"
    );
}

both!(figures, daily_job_raises_deadline_reminders_once);
