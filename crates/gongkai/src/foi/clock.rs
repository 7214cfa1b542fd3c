//! The statutory clock of an application, computed from its event log and nothing
//! else (docs/RULES.md § "Counting" and § "Periods: 补正, reply, extension,
//! consultation, fee"; 条例 Art. 30–34, 国办函〔2020〕109号).
//!
//! [`replay`] applies the events in order with the same [`apply`] that checks a new
//! event, so a stored log is always one the rules allow, and the deadline with its
//! arithmetic in words is recomputed every time it is shown.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use workday::Calendar;

use super::model::{Channel, Ground, Outcome};

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

fn wd(cal: &Calendar, from: NaiveDate, n: u32) -> Result<NaiveDate, String> {
    cal.add_workdays(from, n).map_err(|e| e.to_string())
}

/// Apply one event, refusing it when the rules do not allow it now.
pub fn apply(cal: &Calendar, c: &mut Clock, e: &Dated) -> Result<(), String> {
    use Status::*;
    if let Some(last) = c.last_on
        && e.on < last
    {
        return Err(format!(
            "日期 {} 早于上一事件的日期 {last}，事件须按时间顺序登记",
            e.on
        ));
    }
    let refuse = |what: &str| -> Result<(), String> {
        Err(format!("当前状态为“{}”，不能{what}", c.status.label()))
    };
    match &e.event {
        Event::Submitted => {
            if c.status != New || c.channel != Channel::Online {
                return Err("只有网上申请以“网上提交”开始".into());
            }
            c.arrived_on = Some(e.on);
            c.status = AwaitingConfirmation;
        }
        Event::Arrived => {
            if c.status != New || c.channel == Channel::Online {
                return Err("登记收件只能是信函、传真或当面申请的第一个事件".into());
            }
            c.arrived_on = Some(e.on);
            if c.channel.needs_confirmation() {
                c.status = AwaitingConfirmation;
            } else {
                start_clock(c, e.on);
            }
        }
        Event::ReceiptConfirmed => {
            if c.status != AwaitingConfirmation {
                return refuse("确认收到申请");
            }
            start_clock(c, e.on);
        }
        Event::CorrectionRequested { items, period_days } => {
            if c.status != InProgress || !c.consultations.is_empty() {
                return refuse("发出补正通知");
            }
            if c.correction_used {
                return Err("补正通知应一次性告知（条例第三十条），本申请已发出过补正通知".into());
            }
            if items.trim().is_empty() {
                return Err("请写明需要补正的事项".into());
            }
            if !(1..=60).contains(period_days) {
                return Err("补正期限应为 1–60 个工作日".into());
            }
            let start = c.start.ok_or("尚未收到申请")?;
            let latest = wd(cal, start, CORRECTION_NOTICE_DAYS)?;
            if e.on > latest {
                c.warnings.push(format!(
                    "补正通知于{}发出，晚于收到申请之日起{CORRECTION_NOTICE_DAYS}个工作日（应不晚于{latest}）",
                    e.on
                ));
            }
            c.correction_used = true;
            c.correction_due = Some(wd(cal, e.on, *period_days)?);
            c.status = AwaitingCorrection;
        }
        Event::CorrectionReceived => {
            if c.status != AwaitingCorrection {
                return refuse("登记补正");
            }
            // Art. 30: the period starts again from the corrected application's arrival.
            c.start = Some(e.on);
            c.restarted = true;
            c.pauses.clear();
            c.extension = None;
            c.status = InProgress;
        }
        Event::GivenUp => {
            if c.status != AwaitingCorrection {
                return refuse("视为放弃申请");
            }
            if let Some(due) = c.correction_due
                && e.on <= due
            {
                return Err(format!("补正期限到{due}为止，期满后才能视为放弃"));
            }
            conclude(c, e.on, Outcome::GivenUp, None, GivenUpStatus);
        }
        Event::ConsultationStarted { name, party } => {
            if !matches!(c.status, InProgress | Consulting) {
                return refuse("发出征求意见函");
            }
            if name.trim().is_empty() {
                return Err("请写明征求意见的对象".into());
            }
            let window_end = wd(cal, e.on, CONSULTATION_DAYS)?;
            c.consultations.push(OpenConsultation {
                seq: e.seq,
                party: *party,
                name: name.clone(),
                window_end,
            });
            c.pauses.push(Pause {
                source: e.seq,
                label: format!("征求{}（{}）意见", party.label(), name.trim()),
                from: e.on,
                to: None,
                latest: window_end,
            });
            c.status = Consulting;
        }
        Event::ConsultationAnswered {
            consultation,
            objects,
            ..
        } => {
            let open = take_consultation(c, *consultation)?;
            end_pause(c, open.seq, e.on.min(open.window_end));
            if *objects && open.party == Party::ThirdParty {
                c.objection = true;
            }
        }
        Event::ConsultationTimedOut { consultation } => {
            let open = c
                .consultations
                .iter()
                .find(|o| o.seq == *consultation)
                .cloned()
                .ok_or("没有这份待答复的征求意见函")?;
            if e.on <= open.window_end {
                return Err(format!(
                    "征求意见期限到{}为止，期满后才能登记未答复",
                    open.window_end
                ));
            }
            take_consultation(c, *consultation)?;
            end_pause(c, open.seq, open.window_end);
        }
        Event::ExtensionApproved {
            approver,
            days,
            notified_on,
            ..
        } => {
            if !matches!(c.status, InProgress | Consulting) {
                return refuse("延期");
            }
            if c.extension.is_some() {
                return Err("答复期限只能延长一次（条例第三十三条）".into());
            }
            if !(1..=MAX_EXTENSION_DAYS).contains(days) {
                return Err(format!("延长期限最多{MAX_EXTENSION_DAYS}个工作日"));
            }
            if approver.trim().is_empty() {
                return Err("请写明批准延期的政府信息公开工作机构负责人".into());
            }
            if *notified_on < e.on {
                return Err("告知申请人的日期不能早于批准日期".into());
            }
            if let Some(Ok(d)) = c.deadline(cal)
                && (e.on > d.date || *notified_on > d.date)
            {
                return Err(format!(
                    "原答复期限{}已过，不能再延期；延期须在期限内批准并告知申请人",
                    d.date
                ));
            }
            c.extension = Some((*days, approver.trim().to_string()));
        }
        Event::FeeNoticeIssued { amount, method, .. } => {
            if c.status != InProgress {
                return refuse("发出收费通知");
            }
            if *amount <= 0 {
                return Err("收费金额应大于 0；不收费时无需发出收费通知".into());
            }
            if method != "count" && method != "pages" {
                return Err("收费方式应为按件或按量（二者选一）".into());
            }
            let due = wd(cal, e.on, FEE_DAYS)?;
            c.fee_due = Some(due);
            c.pauses.push(Pause {
                source: e.seq,
                label: "收费通知至缴费期间".into(),
                from: e.on,
                to: None,
                latest: due,
            });
            c.status = AwaitingFee;
        }
        Event::FeePaid => {
            if c.status != AwaitingFee {
                return refuse("登记缴费");
            }
            if let Some(p) = c
                .pauses
                .iter_mut()
                .rev()
                .find(|p| p.to.is_none() && p.label.starts_with("收费"))
            {
                p.to = Some(e.on);
            }
            c.status = InProgress;
        }
        Event::FeeExpired => {
            if c.status != AwaitingFee {
                return refuse("登记逾期未缴费");
            }
            if let Some(due) = c.fee_due
                && e.on <= due
            {
                return Err(format!("缴费期限到{due}为止，期满后才能登记逾期未缴费"));
            }
            conclude(c, e.on, Outcome::FeeUnpaid, None, FeeExpiredStatus);
        }
        Event::Replied {
            outcome, ground, ..
        } => {
            if c.status != InProgress {
                return match c.status {
                    Consulting => Err("还有征求意见函未答复或未期满，请先登记答复或期满".into()),
                    _ => refuse("作出答复"),
                };
            }
            let o = Outcome::parse(outcome)
                .filter(|o| !matches!(o, Outcome::GivenUp | Outcome::FeeUnpaid))
                .ok_or("请选择答复类型")?;
            let g = match ground.as_deref().filter(|g| !g.is_empty()) {
                Some(code) => Some(Ground::parse(code).ok_or("不予公开的理由无效")?),
                None => None,
            };
            if o.needs_ground() && g.is_none() {
                return Err("不予公开或部分公开的，须选择法定理由".into());
            }
            c.replied_on = Some(e.on);
            conclude(c, e.on, o, g.filter(|_| o.needs_ground()), Replied);
        }
        Event::Mailed { tracking } => {
            if c.status != Replied || c.mailed {
                return refuse("登记寄出");
            }
            if tracking.trim().is_empty() {
                return Err("请填写邮件号（如 EMS 单号）".into());
            }
            c.mailed = true;
        }
        Event::Delivered => {
            if c.status != Replied {
                return refuse("登记送达");
            }
            c.status = Delivered;
        }
        Event::Closed => {
            if !matches!(
                c.status,
                Replied | Delivered | GivenUpStatus | FeeExpiredStatus
            ) {
                return refuse("办结");
            }
            c.status = Closed;
        }
        Event::Archived => {
            if c.status != Closed {
                return refuse("归档");
            }
            c.status = Archived;
        }
    }
    c.last_on = Some(e.on);
    Ok(())
}

fn start_clock(c: &mut Clock, on: NaiveDate) {
    c.received_on = Some(on);
    c.start = Some(on);
    c.status = Status::InProgress;
}

fn conclude(c: &mut Clock, on: NaiveDate, o: Outcome, g: Option<Ground>, status: Status) {
    c.outcome = Some((o, g));
    c.concluded_on = Some(on);
    c.status = status;
}

fn take_consultation(c: &mut Clock, seq: u32) -> Result<OpenConsultation, String> {
    if c.status != Status::Consulting {
        return Err(format!(
            "当前状态为“{}”，没有待答复的征求意见函",
            c.status.label()
        ));
    }
    let i = c
        .consultations
        .iter()
        .position(|o| o.seq == seq)
        .ok_or("没有这份待答复的征求意见函")?;
    let open = c.consultations.remove(i);
    if c.consultations.is_empty() {
        c.status = Status::InProgress;
    }
    Ok(open)
}

fn end_pause(c: &mut Clock, source: u32, to: NaiveDate) {
    if let Some(p) = c.pauses.iter_mut().find(|p| p.source == source) {
        p.to = Some(to);
    }
}
