//! The statutory clock of an application, computed from its event log and nothing
//! else (docs/RULES.md § "Counting" and § "Periods: 补正, reply, extension,
//! consultation, fee"; 条例 Art. 30–34, 国办函〔2020〕109号).
//!
//! [`replay`] applies the events in order with the same [`apply`] that checks a new
//! event, so a stored log is always one the rules allow, and the deadline with its
//! arithmetic in words is recomputed every time it is shown. What each kind of
//! event requires and changes is one function in `clock/events.rs`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use workday::Calendar;

use super::model::{Channel, Ground, Outcome};

mod events;

/// The base period of Art. 33.
pub const REPLY_DAYS: u32 = 20;
/// Art. 30: the 补正 notice within 7 working days of receipt.
pub const CORRECTION_NOTICE_DAYS: u32 = 7;
/// Art. 32/34: the consulted party answers within 15 working days.
pub const CONSULTATION_DAYS: u32 = 15;
/// 国办函〔2020〕109号: the fee is paid within 20 working days of the notice.
pub const FEE_DAYS: u32 = 20;
/// Art. 33: one extension of at most 20 working days.
pub const MAX_EXTENSION_DAYS: u32 = 20;

/// Who is consulted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    /// 第三方 (Art. 32)
    ThirdParty,
    /// 其他机关 (Art. 34)
    Agency,
}

impl Party {
    pub fn label(self) -> &'static str {
        match self {
            Party::ThirdParty => "第三方",
            Party::Agency => "其他机关",
        }
    }
}

/// One entry of a case's event log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Event {
    /// An online application arrived (not yet received in law: Art. 31 needs confirmation).
    Submitted,
    /// Staff registered an application that arrived by letter, fax or in person.
    Arrived,
    /// Both sides confirmed receipt (online, fax, ordinary letter): the receipt date.
    ReceiptConfirmed,
    CorrectionRequested {
        items: String,
        /// The period given for the correction, in working days.
        period_days: u32,
    },
    CorrectionReceived,
    /// No correction in time without good reason: treated as given up (Art. 30).
    GivenUp,
    ConsultationStarted {
        party: Party,
        name: String,
    },
    ConsultationAnswered {
        /// `seq` of the ConsultationStarted event answered.
        consultation: u32,
        /// Whether the party objects to disclosure (Art. 32).
        objects: bool,
        #[serde(default)]
        opinion: String,
    },
    ConsultationTimedOut {
        consultation: u32,
    },
    ExtensionApproved {
        approver: String,
        days: u32,
        notified_on: NaiveDate,
        /// Why the reply needs more time (shown in the 延期告知书).
        #[serde(default)]
        reason: String,
    },
    FeeNoticeIssued {
        /// "count" (按件) or "pages" (按量).
        method: String,
        amount: i64,
        #[serde(default)]
        detail: String,
    },
    FeePaid,
    FeeExpired,
    Replied {
        outcome: String,
        #[serde(default)]
        ground: Option<String>,
        /// Where it is published, the responsible agency, or other particulars.
        #[serde(default)]
        note: String,
    },
    Mailed {
        tracking: String,
    },
    Delivered,
    Closed,
    Archived,
}

impl Event {
    /// The event with its free text removed, for erasure after the retention period:
    /// what the clock and table 三 need (the kind, periods, parties as categories,
    /// whether a party objected, days, amounts, the outcome and its ground) stays;
    /// names, opinions, reasons, notes, items and tracking numbers are emptied.
    pub fn scrubbed(&self) -> Event {
        match self.clone() {
            Event::CorrectionRequested { period_days, .. } => Event::CorrectionRequested {
                items: String::new(),
                period_days,
            },
            Event::ConsultationStarted { party, .. } => Event::ConsultationStarted {
                party,
                name: String::new(),
            },
            Event::ConsultationAnswered {
                consultation,
                objects,
                ..
            } => Event::ConsultationAnswered {
                consultation,
                objects,
                opinion: String::new(),
            },
            Event::ExtensionApproved {
                days, notified_on, ..
            } => Event::ExtensionApproved {
                approver: String::new(),
                days,
                notified_on,
                reason: String::new(),
            },
            Event::FeeNoticeIssued { method, amount, .. } => Event::FeeNoticeIssued {
                method,
                amount,
                detail: String::new(),
            },
            Event::Replied {
                outcome, ground, ..
            } => Event::Replied {
                outcome,
                ground,
                note: String::new(),
            },
            Event::Mailed { .. } => Event::Mailed {
                tracking: String::new(),
            },
            other => other,
        }
    }
}

impl Event {
    pub fn code(&self) -> &'static str {
        match self {
            Event::Submitted => "submitted",
            Event::Arrived => "arrived",
            Event::ReceiptConfirmed => "receipt_confirmed",
            Event::CorrectionRequested { .. } => "correction_requested",
            Event::CorrectionReceived => "correction_received",
            Event::GivenUp => "given_up",
            Event::ConsultationStarted { .. } => "consultation_started",
            Event::ConsultationAnswered { .. } => "consultation_answered",
            Event::ConsultationTimedOut { .. } => "consultation_timed_out",
            Event::ExtensionApproved { .. } => "extension_approved",
            Event::FeeNoticeIssued { .. } => "fee_notice_issued",
            Event::FeePaid => "fee_paid",
            Event::FeeExpired => "fee_expired",
            Event::Replied { .. } => "replied",
            Event::Mailed { .. } => "mailed",
            Event::Delivered => "delivered",
            Event::Closed => "closed",
            Event::Archived => "archived",
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            Event::Submitted => "网上提交",
            Event::Arrived => "登记收件",
            Event::ReceiptConfirmed => "确认收到申请",
            Event::CorrectionRequested { .. } => "发出补正通知",
            Event::CorrectionReceived => "收到补正后的申请",
            Event::GivenUp => "逾期未补正，视为放弃",
            Event::ConsultationStarted { .. } => "发出征求意见函",
            Event::ConsultationAnswered { .. } => "收到征求意见答复",
            Event::ConsultationTimedOut { .. } => "征求意见期满未答复",
            Event::ExtensionApproved { .. } => "批准延期答复",
            Event::FeeNoticeIssued { .. } => "发出收费通知",
            Event::FeePaid => "申请人缴费",
            Event::FeeExpired => "逾期未缴费",
            Event::Replied { .. } => "作出答复",
            Event::Mailed { .. } => "寄出答复",
            Event::Delivered => "答复送达",
            Event::Closed => "办结",
            Event::Archived => "归档",
        }
    }
}

/// An event with its date and place in the log (1-based).
#[derive(Debug, Clone, PartialEq)]
pub struct Dated {
    pub seq: u32,
    pub on: NaiveDate,
    pub event: Event,
}

code_enum!(
    /// Where a case stands, derived from its events.
    Status {
        New = ("new", "新建"),
        AwaitingConfirmation = ("awaiting_confirmation", "待确认收到"),
        InProgress = ("in_progress", "办理中"),
        AwaitingCorrection = ("awaiting_correction", "待申请人补正"),
        Consulting = ("consulting", "征求意见中"),
        AwaitingFee = ("awaiting_fee", "待申请人缴费"),
        Replied = ("replied", "已答复"),
        Delivered = ("delivered", "已送达"),
        GivenUpStatus = ("given_up", "视为放弃申请"),
        FeeExpiredStatus = ("fee_expired", "逾期未缴费，不再处理"),
        Closed = ("closed", "已办结"),
        Archived = ("archived", "已归档"),
    }
);

impl Status {
    /// The reply period is running (possibly paused by a consultation).
    pub fn clock_running(self) -> bool {
        matches!(self, Status::InProgress | Status::Consulting)
    }

    /// Not yet replied or otherwise concluded.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Status::New
                | Status::AwaitingConfirmation
                | Status::InProgress
                | Status::AwaitingCorrection
                | Status::Consulting
                | Status::AwaitingFee
        )
    }

    /// Waiting for the applicant (补正 or fee).
    pub fn waiting_on_applicant(self) -> bool {
        matches!(self, Status::AwaitingCorrection | Status::AwaitingFee)
    }

    /// Closed or archived: the case is read-only.
    pub fn read_only(self) -> bool {
        matches!(self, Status::Closed | Status::Archived)
    }
}

/// A span of days not counted.
#[derive(Debug, Clone, PartialEq)]
pub struct Pause {
    /// `seq` of the event that opened it.
    pub source: u32,
    pub label: String,
    pub from: NaiveDate,
    /// The last day of the pause; `None` while it is open.
    pub to: Option<NaiveDate>,
    /// Where an open pause ends at the latest (window end).
    pub latest: NaiveDate,
}

impl Pause {
    fn end(&self) -> NaiveDate {
        self.to.unwrap_or(self.latest)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct OpenConsultation {
    pub seq: u32,
    pub party: Party,
    pub name: String,
    pub window_end: NaiveDate,
}

/// Everything the event log implies, recomputed on every read.
#[derive(Debug, Clone, PartialEq)]
pub struct Clock {
    pub channel: Channel,
    pub status: Status,
    /// The first receipt date (counts the case as 新收 in its year).
    pub received_on: Option<NaiveDate>,
    pub arrived_on: Option<NaiveDate>,
    /// The current day D the period runs from (moved by a 补正).
    pub start: Option<NaiveDate>,
    pub restarted: bool,
    pub correction_used: bool,
    pub correction_due: Option<NaiveDate>,
    pub extension: Option<(u32, String)>,
    pub pauses: Vec<Pause>,
    pub consultations: Vec<OpenConsultation>,
    pub objection: bool,
    pub fee_due: Option<NaiveDate>,
    pub outcome: Option<(Outcome, Option<Ground>)>,
    pub concluded_on: Option<NaiveDate>,
    pub replied_on: Option<NaiveDate>,
    pub mailed: bool,
    pub last_on: Option<NaiveDate>,
    pub warnings: Vec<String>,
}

/// The deadline and how it was reached.
#[derive(Debug, Clone, PartialEq)]
pub struct Deadline {
    pub date: NaiveDate,
    /// True while a pause is open and assumed to run to its window end.
    pub provisional: bool,
    /// The arithmetic in words: "自2026-03-02起20个工作日；…；截止2026-04-29".
    pub explanation: String,
}

impl Clock {
    pub fn new(channel: Channel) -> Clock {
        Clock {
            channel,
            status: Status::New,
            received_on: None,
            arrived_on: None,
            start: None,
            restarted: false,
            correction_used: false,
            correction_due: None,
            extension: None,
            pauses: Vec::new(),
            consultations: Vec::new(),
            objection: false,
            fee_due: None,
            outcome: None,
            concluded_on: None,
            replied_on: None,
            mailed: false,
            last_on: None,
            warnings: Vec::new(),
        }
    }

    /// The reply deadline, when the clock has started. `Err` when the calendar
    /// lacks a year the count runs through.
    pub fn deadline(&self, cal: &Calendar) -> Option<Result<Deadline, workday::Error>> {
        let start = self.start?;
        if matches!(self.status, Status::AwaitingCorrection) {
            return None;
        }
        Some(self.compute_deadline(cal, start))
    }

    fn compute_deadline(
        &self,
        cal: &Calendar,
        start: NaiveDate,
    ) -> Result<Deadline, workday::Error> {
        let n = self.period();
        let counted = cal.add_workdays_excluding(start, n, |d| {
            self.pauses
                .iter()
                .find(|p| p.from <= d && d <= p.end())
                .map(|p| format!("{}暂停", p.label))
        })?;
        let mut parts = vec![format!(
            "自{start}起{REPLY_DAYS}个工作日{}",
            if self.restarted {
                "（补正后重新起算）"
            } else {
                ""
            }
        )];
        let mut provisional = false;
        for p in &self.pauses {
            let from = p.from.max(start.succ_opt().unwrap_or(start));
            let k = cal.workdays_in(from, p.end())?.len();
            if p.to.is_none() {
                provisional = true;
                parts.push(format!(
                    "{}自{}起暂停，至迟到{}，暂按{k}个工作日计",
                    p.label, p.from, p.latest
                ));
            } else {
                parts.push(format!(
                    "{}暂停{k}个工作日（{}至{}）",
                    p.label,
                    p.from,
                    p.end()
                ));
            }
        }
        if let Some((days, approver)) = &self.extension {
            parts.push(format!("经{approver}批准延期{days}个工作日"));
        }
        parts.push(format!("截止{}", counted.date));
        Ok(Deadline {
            date: counted.date,
            provisional,
            explanation: parts.join("；"),
        })
    }

    /// The last day for the one 补正 notice (Art. 30: within 7 working days of
    /// receipt), shown from receipt until the notice is sent or the reply is given.
    /// `Err` when the calendar lacks the year.
    pub fn correction_notice_due(
        &self,
        cal: &Calendar,
    ) -> Option<Result<NaiveDate, workday::Error>> {
        if self.correction_used || self.replied_on.is_some() || !self.status.is_open() {
            return None;
        }
        let start = self.start?;
        Some(cal.add_workdays(start, CORRECTION_NOTICE_DAYS))
    }

    /// The period in working days (20, plus an extension).
    pub fn period(&self) -> u32 {
        REPLY_DAYS + self.extension.as_ref().map(|e| e.0).unwrap_or(0)
    }

    /// Counted working days (pauses excluded) after the start, up to and including
    /// `end`: how far the count got when a later year has no calendar.
    pub fn counted_through(&self, cal: &Calendar, end: NaiveDate) -> Result<u32, workday::Error> {
        let Some(start) = self.start else {
            return Ok(0);
        };
        let from = start.succ_opt().unwrap_or(start);
        Ok(cal
            .workdays_in(from, end)?
            .into_iter()
            .filter(|d| !self.pauses.iter().any(|p| p.from <= *d && *d <= p.end()))
            .count() as u32)
    }

    /// Working days from `today` to the deadline: positive while time is left, 0
    /// on the day, negative when overdue.
    pub fn days_left(&self, cal: &Calendar, today: NaiveDate) -> Option<i64> {
        let d = self.deadline(cal)?.ok()?.date;
        Some(if d >= today {
            i64::from(cal.workdays_between(today, d).ok()?)
        } else {
            -i64::from(cal.workdays_between(d, today).ok()?)
        })
    }

    /// Whether the reply came (or, while open, would come today) after the deadline.
    pub fn late(&self, cal: &Calendar, today: NaiveDate) -> bool {
        let Some(Ok(d)) = self.deadline(cal) else {
            return false;
        };
        match self.replied_on {
            Some(r) => r > d.date,
            None => self.status.clock_running() && today > d.date,
        }
    }
}

/// Replay a stored log.
pub fn replay(cal: &Calendar, channel: Channel, events: &[Dated]) -> Result<Clock, String> {
    let mut c = Clock::new(channel);
    for e in events {
        apply(cal, &mut c, e)?;
    }
    Ok(c)
}

/// Check a new event against the log and today's date, and apply it.
pub fn check(cal: &Calendar, clock: &Clock, e: &Dated, today: NaiveDate) -> Result<Clock, String> {
    if e.on > today {
        return Err(format!("日期 {} 晚于今天，不能登记将来的事件", e.on));
    }
    if let Event::ExtensionApproved { notified_on, .. } = &e.event
        && *notified_on > today
    {
        return Err("告知申请人的日期不能晚于今天".into());
    }
    let mut c = clock.clone();
    apply(cal, &mut c, e)?;
    Ok(c)
}

/// Apply one event, refusing it when the rules do not allow it now.
pub fn apply(cal: &Calendar, c: &mut Clock, e: &Dated) -> Result<(), String> {
    if let Some(last) = c.last_on
        && e.on < last
    {
        return Err(format!(
            "日期 {} 早于上一事件的日期 {last}，事件须按时间顺序登记",
            e.on
        ));
    }
    let (seq, on) = (e.seq, e.on);
    match &e.event {
        Event::Submitted => events::submitted(c, on),
        Event::Arrived => events::arrived(c, on),
        Event::ReceiptConfirmed => events::receipt_confirmed(c, on),
        Event::CorrectionRequested { items, period_days } => {
            events::correction_requested(cal, c, on, items, *period_days)
        }
        Event::CorrectionReceived => events::correction_received(c, on),
        Event::GivenUp => events::given_up(c, on),
        Event::ConsultationStarted { party, name } => {
            events::consultation_started(cal, c, seq, on, *party, name)
        }
        Event::ConsultationAnswered {
            consultation,
            objects,
            ..
        } => events::consultation_answered(c, on, *consultation, *objects),
        Event::ConsultationTimedOut { consultation } => {
            events::consultation_timed_out(c, on, *consultation)
        }
        Event::ExtensionApproved {
            approver,
            days,
            notified_on,
            ..
        } => events::extension_approved(cal, c, on, approver, *days, *notified_on),
        Event::FeeNoticeIssued { method, amount, .. } => {
            events::fee_notice_issued(cal, c, seq, on, method, *amount)
        }
        Event::FeePaid => events::fee_paid(c, on),
        Event::FeeExpired => events::fee_expired(c, on),
        Event::Replied {
            outcome, ground, ..
        } => events::replied(c, on, outcome, ground.as_deref()),
        Event::Mailed { tracking } => events::mailed(c, tracking),
        Event::Delivered => events::delivered(c),
        Event::Closed => events::closed(c),
        Event::Archived => events::archived(c),
    }?;
    c.last_on = Some(e.on);
    Ok(())
}
