//! 诉求工单: the vocabulary (sources, statuses, urgency, 找错 error types,
//! satisfaction), the workflow as a pure transition function, and the working-day
//! clock of each step. No I/O: unit-tested without a database.

use chrono::NaiveDate;
use workday::Calendar;

code_enum!(
    /// Where an order came from. The source number is unique per source.
    Source {
        Hotline = ("hotline", "12345热线"),
        SiteError = ("site_error", "我为政府网站找错（国家平台转办）"),
        SiteForm = ("site_form", "网站找错（本站表单）"),
        Phone = ("phone", "来电登记"),
        Open311 = ("open311", "Open311 接口"),
    }
);

impl Source {
    /// The prefix of the numbers we give orders that arrive without one.
    pub fn prefix(self) -> &'static str {
        match self {
            Source::Hotline => "RX",
            Source::SiteError => "ZC",
            Source::SiteForm => "WZ",
            Source::Phone => "DH",
            Source::Open311 => "OS",
        }
    }

    /// Whether the order names the number it has on another platform (12345, the
    /// national 找错 platform); the others are numbered by us.
    pub fn external(self) -> bool {
        matches!(self, Source::Hotline | Source::SiteError)
    }

    /// The sources staff register by hand in the back office.
    pub const STAFF: &'static [Source] = &[Source::Phone, Source::Hotline, Source::SiteError];
}

code_enum!(
    /// Where an order stands.
    Status {
        Received = ("received", "待签收"),
        Accepted = ("accepted", "办理中"),
        Returned = ("returned", "已退回"),
        Finished = ("finished", "已办结待回访"),
        Closed = ("closed", "已关闭"),
    }
);

impl Status {
    /// Still on the clock (not returned to the source, not finished).
    pub fn is_running(self) -> bool {
        matches!(self, Status::Received | Status::Accepted)
    }

    /// GeoReport v2 knows two statuses.
    pub fn open311(self) -> &'static str {
        match self {
            Status::Received | Status::Accepted | Status::Finished => "open",
            Status::Returned | Status::Closed => "closed",
        }
    }
}

code_enum!(
    Urgency {
        Normal = ("normal", "一般"),
        Urgent = ("urgent", "紧急"),
    }
);

code_enum!(
    /// 我为政府网站找错: the kinds of error a reader reports.
    ErrorType {
        Typo = ("typo", "错别字"),
        BrokenLink = ("broken_link", "链接错误"),
        Outdated = ("outdated", "内容过期"),
        Unreachable = ("unreachable", "无法访问"),
        Other = ("other", "其他"),
    }
);

code_enum!(
    /// 回访: the requester's satisfaction with the result.
    Satisfaction {
        Satisfied = ("satisfied", "满意"),
        Basic = ("basic", "基本满意"),
        Unsatisfied = ("unsatisfied", "不满意"),
    }
);

code_enum!(
    /// One step in an order's history.
    EventKind {
        Created = ("created", "受理登记"),
        Accepted = ("accepted", "签收"),
        Transferred = ("transferred", "转办"),
        Returned = ("returned", "退回"),
        Note = ("note", "办理记录"),
        Finished = ("finished", "办结答复"),
        Visited = ("visited", "回访"),
        Reopened = ("reopened", "不满意重办"),
        Closed = ("closed", "关闭"),
    }
);

/// What staff do to an order.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Accept,
    Transfer { to: i64 },
    Return { reason: String },
    Note { note: String },
    Finish { result: String, reply: String },
    Visit { satisfaction: Satisfaction },
}

impl Action {
    pub fn event(&self) -> EventKind {
        match self {
            Action::Accept => EventKind::Accepted,
            Action::Transfer { .. } => EventKind::Transferred,
            Action::Return { .. } => EventKind::Returned,
            Action::Note { .. } => EventKind::Note,
            Action::Finish { .. } => EventKind::Finished,
            Action::Visit { .. } => EventKind::Visited,
        }
    }
}

/// The outcome of an action: the new status, and whether the order is reopened
/// (an unsatisfied 回访, once).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub status: Status,
    pub reopen: bool,
}

/// The workflow: 签收 → (转办 | 退回) → 办理 → 办结 → 回访 (不满意 reopens once) →
/// closed. An action the status does not allow is refused with the reason.
pub fn step(status: Status, reopened: bool, action: &Action) -> Result<Step, String> {
    let to = |status| {
        Ok(Step {
            status,
            reopen: false,
        })
    };
    match (status, action) {
        (Status::Received, Action::Accept) => to(Status::Accepted),
        (Status::Received | Status::Accepted, Action::Transfer { .. }) => to(Status::Received),
        (Status::Received | Status::Accepted, Action::Return { .. }) => to(Status::Returned),
        (Status::Accepted, Action::Note { .. }) => to(Status::Accepted),
        (Status::Accepted, Action::Finish { .. }) => to(Status::Finished),
        (Status::Finished, Action::Visit { satisfaction }) => {
            if *satisfaction == Satisfaction::Unsatisfied && !reopened {
                Ok(Step {
                    status: Status::Accepted,
                    reopen: true,
                })
            } else {
                to(Status::Closed)
            }
        }
        (s, a) => Err(format!("工单{}，不能{}", s.label(), a.event().label())),
    }
}

/// Working days allowed for 签收 (or 转办) and for 办结 (or 答复).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Days {
    pub accept: u32,
    pub finish: u32,
}

/// The defaults of the issue: 12345 签收 1, 办结 15; 找错 转办 1, 答复 3.
pub fn default_days(source: Source, urgency: Urgency) -> Days {
    match (source, urgency) {
        (Source::SiteError | Source::SiteForm, _) => Days {
            accept: 1,
            finish: 3,
        },
        (_, Urgency::Urgent) => Days {
            accept: 1,
            finish: 5,
        },
        (_, Urgency::Normal) => Days {
            accept: 1,
            finish: 15,
        },
    }
}

/// The deadlines of an order received (or transferred, or reopened) on `from`.
pub fn deadlines(
    cal: &Calendar,
    from: NaiveDate,
    days: Days,
) -> Result<(NaiveDate, NaiveDate), workday::Error> {
    Ok((
        cal.add_workdays(from, days.accept)?,
        cal.add_workdays(from, days.finish)?,
    ))
}

/// The deadline the order runs against now: 签收 while it waits to be signed for,
/// 办结 while it is handled; none once it left the clock.
pub fn current_due(
    status: Status,
    accept_due: NaiveDate,
    finish_due: NaiveDate,
) -> Option<NaiveDate> {
    match status {
        Status::Received => Some(accept_due),
        Status::Accepted => Some(finish_due),
        _ => None,
    }
}

/// Working days within which a running order is "due soon".
pub const DUE_SOON_DAYS: u32 = 2;

/// How a running order stands against its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timing {
    /// Working days left (0: due today).
    Left(u32),
    /// Working days late.
    Overdue(u32),
}

impl Timing {
    pub fn label(self) -> String {
        match self {
            Timing::Left(0) => "今天到期".into(),
            Timing::Left(n) if n <= DUE_SOON_DAYS => format!("{n}个工作日内到期"),
            Timing::Left(n) => format!("剩余{n}个工作日"),
            Timing::Overdue(n) => format!("已逾期{n}个工作日"),
        }
    }
    pub fn overdue(self) -> bool {
        matches!(self, Timing::Overdue(_))
    }
    pub fn due_soon(self) -> bool {
        matches!(self, Timing::Left(n) if n <= DUE_SOON_DAYS)
    }
}

pub fn timing(cal: &Calendar, due: NaiveDate, today: NaiveDate) -> Result<Timing, workday::Error> {
    if today > due {
        // A deadline on a working day passed: count the working days since.
        Ok(Timing::Overdue(cal.workdays_between(due, today)?.max(1)))
    } else {
        Ok(Timing::Left(cal.workdays_between(today, due)?))
    }
}

/// Finished on time: on or before the 办结 deadline.
pub fn on_time(finished_on: NaiveDate, finish_due: NaiveDate) -> bool {
    finished_on <= finish_due
}

/// 按期办结率 as a percentage with one decimal ("—" when nothing was finished).
pub fn rate(part: i64, whole: i64) -> String {
    if whole <= 0 {
        "—".into()
    } else {
        format!("{:.1}%", part as f64 * 100.0 / whole as f64)
    }
}

code_enum!(
    /// A deadline the daily job reminds of.
    Deadline {
        Accept = ("accept", "签收"),
        Finish = ("finish", "办结"),
    }
);

/// The deadlines of an order that call for a reminder today — due within
/// [`DUE_SOON_DAYS`] working days or overdue — as (deadline, overdue?, due date):
/// 签收 while the order waits to be signed for, 办结 while it is on the clock.
pub fn reminders(
    cal: &Calendar,
    today: NaiveDate,
    status: Status,
    accept_due: NaiveDate,
    finish_due: NaiveDate,
) -> Vec<(Deadline, bool, NaiveDate)> {
    let accept = (status == Status::Received).then_some(accept_due);
    let finish = status.is_running().then_some(finish_due);
    [(Deadline::Accept, accept), (Deadline::Finish, finish)]
        .into_iter()
        .filter_map(|(d, due)| {
            let due = due?;
            match timing(cal, due, today).ok()? {
                t if t.overdue() => Some((d, true, due)),
                t if t.due_soon() => Some((d, false, due)),
                _ => None,
            }
        })
        .collect()
}

/// A reminder as the list shows it: "签收逾期（2026-12-01）".
pub fn reminder_label(deadline: &str, overdue: bool, due: NaiveDate) -> String {
    let d = Deadline::parse(deadline).map(Deadline::label).unwrap_or("");
    if overdue {
        format!("{d}已逾期（{due}）")
    } else {
        format!("{d}即将到期（{due}）")
    }
}

/// The result an order's step sends back to the platform it came from: only for
/// orders that carry that platform's number (12345, the national 找错 platform),
/// and only on 办结 (the result and the reply) and 退回 (the reason).
pub fn push_back(source: Source, event: EventKind) -> bool {
    source.external() && matches!(event, EventKind::Finished | EventKind::Returned)
}

code_enum!(
    /// How a result's delivery stands.
    PushState {
        Pending = ("pending", "待推送"),
        Sending = ("sending", "推送中"),
        Sent = ("sent", "已推送"),
        Failed = ("failed", "推送失败"),
    }
);

/// Attempts before a result is given up as failed (then listed on the order page).
pub const PUSH_ATTEMPTS: i64 = 8;

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn the_workflow_runs_to_closure_and_reopens_once() {
        let s = step(Status::Received, false, &Action::Accept).expect("accept");
        assert_eq!(s.status, Status::Accepted);
        let fin = Action::Finish {
            result: "已整改".into(),
            reply: "已处理".into(),
        };
        assert_eq!(
            step(Status::Accepted, false, &fin).map(|s| s.status),
            Ok(Status::Finished)
        );
        let bad = Action::Visit {
            satisfaction: Satisfaction::Unsatisfied,
        };
        assert_eq!(
            step(Status::Finished, false, &bad),
            Ok(Step {
                status: Status::Accepted,
                reopen: true
            })
        );
        // The second 不满意 closes the order.
        assert_eq!(
            step(Status::Finished, true, &bad).map(|s| s.status),
            Ok(Status::Closed)
        );
        let good = Action::Visit {
            satisfaction: Satisfaction::Satisfied,
        };
        assert_eq!(
            step(Status::Finished, false, &good).map(|s| s.status),
            Ok(Status::Closed)
        );
    }

    #[test]
    fn steps_out_of_order_are_refused_with_the_reason() {
        let fin = Action::Finish {
            result: "x".into(),
            reply: "y".into(),
        };
        assert_eq!(
            step(Status::Received, false, &fin),
            Err("工单待签收，不能办结答复".to_string())
        );
        assert!(step(Status::Closed, false, &Action::Accept).is_err());
        assert!(step(Status::Returned, false, &Action::Transfer { to: 2 }).is_err());
        assert!(
            step(
                Status::Finished,
                false,
                &Action::Return { reason: "r".into() }
            )
            .is_err()
        );
        assert_eq!(
            step(Status::Accepted, false, &Action::Transfer { to: 2 }).map(|s| s.status),
            Ok(Status::Received)
        );
    }

    #[test]
    fn the_defaults_of_the_issue() {
        assert_eq!(
            default_days(Source::Hotline, Urgency::Normal),
            Days {
                accept: 1,
                finish: 15
            }
        );
        assert_eq!(
            default_days(Source::SiteForm, Urgency::Normal),
            Days {
                accept: 1,
                finish: 3
            }
        );
        assert_eq!(
            default_days(Source::SiteError, Urgency::Urgent),
            Days {
                accept: 1,
                finish: 3
            }
        );
    }

    #[test]
    fn a_hotline_order_before_national_day_crosses_the_holiday() {
        let cal = workday::builtin();
        // 2026-09-30 (Wednesday): 国庆节 1–7 October, 10 October (Saturday) is a working day.
        let (accept, finish) = deadlines(
            &cal,
            d(2026, 9, 30),
            default_days(Source::Hotline, Urgency::Normal),
        )
        .expect("in calendar");
        assert!(
            accept > d(2026, 10, 7),
            "签收 after the holiday, got {accept}"
        );
        assert_eq!(
            cal.workdays_between(d(2026, 9, 30), finish).expect("count"),
            15
        );
        assert!(
            finish > d(2026, 10, 21),
            "15 working days skip the holiday week, got {finish}"
        );
        // A 找错 report on the Friday before: 答复 within 3 working days.
        let (_, reply) = deadlines(
            &cal,
            d(2026, 9, 25),
            default_days(Source::SiteForm, Urgency::Normal),
        )
        .expect("in calendar");
        assert_eq!(
            cal.workdays_between(d(2026, 9, 25), reply).expect("count"),
            3
        );
        assert!(reply <= d(2026, 9, 30));
    }

    #[test]
    fn timing_counts_working_days() {
        let cal = workday::builtin();
        // Friday 2026-11-27 due; on Monday 30 November it is one working day late.
        assert_eq!(
            timing(&cal, d(2026, 11, 27), d(2026, 11, 30)),
            Ok(Timing::Overdue(1))
        );
        assert_eq!(
            timing(&cal, d(2026, 11, 30), d(2026, 11, 27)),
            Ok(Timing::Left(1))
        );
        assert!(Timing::Left(2).due_soon());
        assert!(!Timing::Left(3).due_soon());
        assert_eq!(Timing::Left(0).label(), "今天到期");
        assert!(on_time(d(2026, 1, 5), d(2026, 1, 5)));
        assert!(!on_time(d(2026, 1, 6), d(2026, 1, 5)));
        assert_eq!(rate(1, 3), "33.3%");
        assert_eq!(rate(0, 0), "—");
    }

    #[test]
    fn open311_knows_open_and_closed() {
        assert_eq!(Status::Finished.open311(), "open");
        assert_eq!(Status::Returned.open311(), "closed");
        assert!(Source::Hotline.external() && !Source::SiteForm.external());
    }
    #[test]
    fn reminders_only_for_running_deadlines_near_or_past() {
        let cal = workday::builtin();
        let today = d(2026, 11, 30);
        let r = reminders(
            &cal,
            today,
            Status::Received,
            d(2026, 11, 27),
            d(2026, 12, 1),
        );
        assert_eq!(
            r,
            vec![
                (Deadline::Accept, true, d(2026, 11, 27)),
                (Deadline::Finish, false, d(2026, 12, 1))
            ]
        );
        let r = reminders(
            &cal,
            today,
            Status::Accepted,
            d(2026, 11, 27),
            d(2026, 12, 31),
        );
        assert!(r.is_empty(), "signed: no 签收 reminder; 办结 not due yet");
        assert!(reminders(&cal, today, Status::Finished, today, today).is_empty());
        assert_eq!(
            reminder_label("accept", true, d(2026, 11, 27)),
            "签收已逾期（2026-11-27）"
        );
    }

    #[test]
    fn results_go_back_to_external_platforms_only() {
        assert!(push_back(Source::Hotline, EventKind::Finished));
        assert!(push_back(Source::SiteError, EventKind::Returned));
        assert!(!push_back(Source::Hotline, EventKind::Accepted));
        assert!(!push_back(Source::SiteForm, EventKind::Finished));
    }
}
