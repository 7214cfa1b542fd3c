//! One function per event kind: check that the rules allow the event now, then
//! change the clock. [`super::apply`] checks the date order, calls the one for the
//! event and records the date.

use chrono::NaiveDate;
use workday::Calendar;

use super::{
    CONSULTATION_DAYS, CORRECTION_NOTICE_DAYS, Clock, FEE_DAYS, MAX_EXTENSION_DAYS,
    OpenConsultation, Party, Pause, Status,
};
use crate::foi::model::{Channel, Ground, Outcome};

type Applied = Result<(), String>;

/// The refusal of an event the current status does not allow.
fn refuse(c: &Clock, what: &str) -> Applied {
    Err(format!("当前状态为“{}”，不能{what}", c.status.label()))
}

fn wd(cal: &Calendar, from: NaiveDate, n: u32) -> Result<NaiveDate, String> {
    cal.add_workdays(from, n).map_err(|e| e.to_string())
}

pub(super) fn submitted(c: &mut Clock, on: NaiveDate) -> Applied {
    if c.status != Status::New || c.channel != Channel::Online {
        return Err("只有网上申请以“网上提交”开始".into());
    }
    c.arrived_on = Some(on);
    c.status = Status::AwaitingConfirmation;
    Ok(())
}

pub(super) fn arrived(c: &mut Clock, on: NaiveDate) -> Applied {
    if c.status != Status::New || c.channel == Channel::Online {
        return Err("登记收件只能是信函、传真或当面申请的第一个事件".into());
    }
    c.arrived_on = Some(on);
    if c.channel.needs_confirmation() {
        c.status = Status::AwaitingConfirmation;
    } else {
        start_clock(c, on);
    }
    Ok(())
}

pub(super) fn receipt_confirmed(c: &mut Clock, on: NaiveDate) -> Applied {
    if c.status != Status::AwaitingConfirmation {
        return refuse(c, "确认收到申请");
    }
    start_clock(c, on);
    Ok(())
}

pub(super) fn correction_requested(
    cal: &Calendar,
    c: &mut Clock,
    on: NaiveDate,
    items: &str,
    period_days: u32,
) -> Applied {
    if c.status != Status::InProgress || !c.consultations.is_empty() {
        return refuse(c, "发出补正通知");
    }
    if c.correction_used {
        return Err("补正通知应一次性告知（条例第三十条），本申请已发出过补正通知".into());
    }
    if items.trim().is_empty() {
        return Err("请写明需要补正的事项".into());
    }
    if !(1..=60).contains(&period_days) {
        return Err("补正期限应为 1–60 个工作日".into());
    }
    let start = c.start.ok_or("尚未收到申请")?;
    let latest = wd(cal, start, CORRECTION_NOTICE_DAYS)?;
    if on > latest {
        c.warnings.push(format!(
            "补正通知于{on}发出，晚于收到申请之日起{CORRECTION_NOTICE_DAYS}个工作日（应不晚于{latest}）"
        ));
    }
    c.correction_used = true;
    c.correction_due = Some(wd(cal, on, period_days)?);
    c.status = Status::AwaitingCorrection;
    Ok(())
}

pub(super) fn correction_received(c: &mut Clock, on: NaiveDate) -> Applied {
    if c.status != Status::AwaitingCorrection {
        return refuse(c, "登记补正");
    }
    // Art. 30: the period starts again from the corrected application's arrival.
    c.start = Some(on);
    c.restarted = true;
    c.pauses.clear();
    c.extension = None;
    c.status = Status::InProgress;
    Ok(())
}

pub(super) fn given_up(c: &mut Clock, on: NaiveDate) -> Applied {
    if c.status != Status::AwaitingCorrection {
        return refuse(c, "视为放弃申请");
    }
    if let Some(due) = c.correction_due
        && on <= due
    {
        return Err(format!("补正期限到{due}为止，期满后才能视为放弃"));
    }
    conclude(c, on, Outcome::GivenUp, None, Status::GivenUpStatus);
    Ok(())
}

pub(super) fn consultation_started(
    cal: &Calendar,
    c: &mut Clock,
    seq: u32,
    on: NaiveDate,
    party: Party,
    name: &str,
) -> Applied {
    if !matches!(c.status, Status::InProgress | Status::Consulting) {
        return refuse(c, "发出征求意见函");
    }
    if name.trim().is_empty() {
        return Err("请写明征求意见的对象".into());
    }
    let window_end = wd(cal, on, CONSULTATION_DAYS)?;
    c.consultations.push(OpenConsultation {
        seq,
        party,
        name: name.to_string(),
        window_end,
    });
    c.pauses.push(Pause {
        source: seq,
        label: format!("征求{}（{}）意见", party.label(), name.trim()),
        from: on,
        to: None,
        latest: window_end,
    });
    c.status = Status::Consulting;
    Ok(())
}

pub(super) fn consultation_answered(
    c: &mut Clock,
    on: NaiveDate,
    consultation: u32,
    objects: bool,
) -> Applied {
    let open = take_consultation(c, consultation)?;
    end_pause(c, open.seq, on.min(open.window_end));
    if objects && open.party == Party::ThirdParty {
        c.objection = true;
    }
    Ok(())
}

pub(super) fn consultation_timed_out(c: &mut Clock, on: NaiveDate, consultation: u32) -> Applied {
    let open = c
        .consultations
        .iter()
        .find(|o| o.seq == consultation)
        .cloned()
        .ok_or("没有这份待答复的征求意见函")?;
    if on <= open.window_end {
        return Err(format!(
            "征求意见期限到{}为止，期满后才能登记未答复",
            open.window_end
        ));
    }
    take_consultation(c, consultation)?;
    end_pause(c, open.seq, open.window_end);
    Ok(())
}

pub(super) fn extension_approved(
    cal: &Calendar,
    c: &mut Clock,
    on: NaiveDate,
    approver: &str,
    days: u32,
    notified_on: NaiveDate,
) -> Applied {
    if !matches!(c.status, Status::InProgress | Status::Consulting) {
        return refuse(c, "延期");
    }
    if c.extension.is_some() {
        return Err("答复期限只能延长一次（条例第三十三条）".into());
    }
    if !(1..=MAX_EXTENSION_DAYS).contains(&days) {
        return Err(format!("延长期限最多{MAX_EXTENSION_DAYS}个工作日"));
    }
    if approver.trim().is_empty() {
        return Err("请写明批准延期的政府信息公开工作机构负责人".into());
    }
    if notified_on < on {
        return Err("告知申请人的日期不能早于批准日期".into());
    }
    if let Some(Ok(d)) = c.deadline(cal)
        && (on > d.date || notified_on > d.date)
    {
        return Err(format!(
            "原答复期限{}已过，不能再延期；延期须在期限内批准并告知申请人",
            d.date
        ));
    }
    c.extension = Some((days, approver.trim().to_string()));
    Ok(())
}

pub(super) fn fee_notice_issued(
    cal: &Calendar,
    c: &mut Clock,
    seq: u32,
    on: NaiveDate,
    method: &str,
    amount: i64,
) -> Applied {
    if c.status != Status::InProgress {
        return refuse(c, "发出收费通知");
    }
    if amount <= 0 {
        return Err("收费金额应大于 0；不收费时无需发出收费通知".into());
    }
    if method != "count" && method != "pages" {
        return Err("收费方式应为按件或按量（二者选一）".into());
    }
    let due = wd(cal, on, FEE_DAYS)?;
    c.fee_due = Some(due);
    c.pauses.push(Pause {
        source: seq,
        label: "收费通知至缴费期间".into(),
        from: on,
        to: None,
        latest: due,
    });
    c.status = Status::AwaitingFee;
    Ok(())
}

pub(super) fn fee_paid(c: &mut Clock, on: NaiveDate) -> Applied {
    if c.status != Status::AwaitingFee {
        return refuse(c, "登记缴费");
    }
    if let Some(p) = c
        .pauses
        .iter_mut()
        .rev()
        .find(|p| p.to.is_none() && p.label.starts_with("收费"))
    {
        p.to = Some(on);
    }
    c.status = Status::InProgress;
    Ok(())
}

pub(super) fn fee_expired(c: &mut Clock, on: NaiveDate) -> Applied {
    if c.status != Status::AwaitingFee {
        return refuse(c, "登记逾期未缴费");
    }
    if let Some(due) = c.fee_due
        && on <= due
    {
        return Err(format!("缴费期限到{due}为止，期满后才能登记逾期未缴费"));
    }
    conclude(c, on, Outcome::FeeUnpaid, None, Status::FeeExpiredStatus);
    Ok(())
}

pub(super) fn replied(
    c: &mut Clock,
    on: NaiveDate,
    outcome: &str,
    ground: Option<&str>,
) -> Applied {
    if c.status != Status::InProgress {
        return match c.status {
            Status::Consulting => Err("还有征求意见函未答复或未期满，请先登记答复或期满".into()),
            _ => refuse(c, "作出答复"),
        };
    }
    let o = Outcome::parse(outcome)
        .filter(|o| !matches!(o, Outcome::GivenUp | Outcome::FeeUnpaid))
        .ok_or("请选择答复类型")?;
    let g = match ground.filter(|g| !g.is_empty()) {
        Some(code) => Some(Ground::parse(code).ok_or("不予公开的理由无效")?),
        None => None,
    };
    if o.needs_ground() && g.is_none() {
        return Err("不予公开或部分公开的，须选择法定理由".into());
    }
    c.replied_on = Some(on);
    conclude(c, on, o, g.filter(|_| o.needs_ground()), Status::Replied);
    Ok(())
}

pub(super) fn mailed(c: &mut Clock, tracking: &str) -> Applied {
    if c.status != Status::Replied || c.mailed {
        return refuse(c, "登记寄出");
    }
    if tracking.trim().is_empty() {
        return Err("请填写邮件号（如 EMS 单号）".into());
    }
    c.mailed = true;
    Ok(())
}

pub(super) fn delivered(c: &mut Clock) -> Applied {
    if c.status != Status::Replied {
        return refuse(c, "登记送达");
    }
    c.status = Status::Delivered;
    Ok(())
}

pub(super) fn closed(c: &mut Clock) -> Applied {
    if !matches!(
        c.status,
        Status::Replied | Status::Delivered | Status::GivenUpStatus | Status::FeeExpiredStatus
    ) {
        return refuse(c, "办结");
    }
    c.status = Status::Closed;
    Ok(())
}

pub(super) fn archived(c: &mut Clock) -> Applied {
    if c.status != Status::Closed {
        return refuse(c, "归档");
    }
    c.status = Status::Archived;
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
