//! Worked examples of 条例 Art. 30–34 on the 2026 calendar, each computed by hand
//! (the test name states the example and its result).

use chrono::NaiveDate;

use super::clock::*;
use super::model::{Channel, Outcome};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

struct Log {
    cal: workday::Calendar,
    clock: Clock,
    seq: u32,
}

impl Log {
    fn new(channel: Channel) -> Log {
        Log {
            cal: workday::builtin(),
            clock: Clock::new(channel),
            seq: 0,
        }
    }
    fn try_add(&mut self, on: &str, event: Event) -> Result<u32, String> {
        self.seq += 1;
        let e = Dated {
            seq: self.seq,
            on: d(on),
            event,
        };
        match check(&self.cal, &self.clock, &e, d("2026-12-31")) {
            Ok(c) => {
                self.clock = c;
                Ok(self.seq)
            }
            Err(m) => {
                self.seq -= 1;
                Err(m)
            }
        }
    }
    fn add(&mut self, on: &str, event: Event) -> u32 {
        self.try_add(on, event).expect("event allowed")
    }
    fn deadline(&self) -> Deadline {
        self.clock
            .deadline(&self.cal)
            .expect("started")
            .expect("calendar")
    }
}

fn received_in_person(on: &str) -> Log {
    let mut l = Log::new(Channel::InPerson);
    l.add(on, Event::Arrived);
    l
}

fn reply(outcome: Outcome) -> Event {
    Event::Replied {
        outcome: outcome.code().into(),
        ground: None,
        note: String::new(),
    }
}

#[test]
fn art33_received_in_person_monday_2026_03_02_reply_due_monday_2026_03_30() {
    let l = received_in_person("2026-03-02");
    let dl = l.deadline();
    assert_eq!(dl.date, d("2026-03-30"));
    assert_eq!(dl.explanation, "自2026-03-02起20个工作日；截止2026-03-30");
}

#[test]
fn art33_received_on_holiday_2026_02_16_day_itself_not_counted_due_2026_03_23() {
    // 02-17..02-23 rest, 02-24..02-27 (4), 02-28 Saturday worked (5), 03-02..06 (10),
    // 03-09..13 (15), 03-16..20 (20) → 2026-03-20.
    let l = received_in_person("2026-02-16");
    assert_eq!(l.deadline().date, d("2026-03-20"));
}

#[test]
fn art31_online_submitted_friday_2026_03_06_confirmed_monday_2026_03_09_counts_from_confirmation_due_2026_04_07()
 {
    let mut l = Log::new(Channel::Online);
    l.add("2026-03-06", Event::Submitted);
    assert!(
        l.clock.deadline(&l.cal).is_none(),
        "no clock before confirmation"
    );
    assert!(l.try_add("2026-03-09", reply(Outcome::Provided)).is_err());
    l.add("2026-03-09", Event::ReceiptConfirmed);
    // 03-10..13 (4), 16..20 (9), 23..27 (14), 30..04-03 (19), 04-04..06 清明, 04-07 (20).
    assert_eq!(l.deadline().date, d("2026-04-07"));
    assert_eq!(l.clock.received_on, Some(d("2026-03-09")));
}

#[test]
fn art31_registered_post_signed_for_2026_03_02_is_the_receipt_day() {
    let mut l = Log::new(Channel::RegisteredPost);
    l.add("2026-03-02", Event::Arrived);
    assert_eq!(l.clock.status, Status::InProgress);
    assert_eq!(l.deadline().date, d("2026-03-30"));
    let mut o = Log::new(Channel::OrdinaryLetter);
    o.add("2026-03-02", Event::Arrived);
    assert_eq!(o.clock.status, Status::AwaitingConfirmation);
}

#[test]
fn art30_correction_received_2026_03_16_restarts_the_clock_due_2026_04_14() {
    let mut l = received_in_person("2026-03-02");
    l.add(
        "2026-03-04",
        Event::CorrectionRequested {
            items: "请写明所需信息的文号或名称".into(),
            period_days: 10,
        },
    );
    assert!(
        l.clock.deadline(&l.cal).is_none(),
        "clock stopped while waiting"
    );
    assert_eq!(l.clock.correction_due, Some(d("2026-03-18")));
    l.add("2026-03-16", Event::CorrectionReceived);
    // 03-17..20 (4), 23..27 (9), 30..04-03 (14), 清明 04-04..06, 04-07..10 (18), 13 (19), 14 (20).
    let dl = l.deadline();
    assert_eq!(dl.date, d("2026-04-14"));
    assert_eq!(
        dl.explanation,
        "自2026-03-16起20个工作日（补正后重新起算）；截止2026-04-14"
    );
    assert!(l.clock.warnings.is_empty());
}

#[test]
fn art30_correction_notice_on_2026_03_12_eighth_working_day_after_receipt_warns() {
    let mut l = received_in_person("2026-03-02");
    l.add(
        "2026-03-12",
        Event::CorrectionRequested {
            items: "信息描述不明确".into(),
            period_days: 10,
        },
    );
    assert_eq!(l.clock.warnings.len(), 1);
    assert!(l.clock.warnings[0].contains("应不晚于2026-03-11"));
}

#[test]
fn art30_only_one_correction_notice_and_given_up_only_after_the_period_2026_03_18() {
    let mut l = received_in_person("2026-03-02");
    l.add(
        "2026-03-04",
        Event::CorrectionRequested {
            items: "补充身份证明".into(),
            period_days: 10,
        },
    );
    let early = l
        .try_add("2026-03-18", Event::GivenUp)
        .expect_err("period not over");
    assert!(early.contains("2026-03-18"));
    l.add("2026-03-19", Event::GivenUp);
    assert_eq!(l.clock.status, Status::GivenUpStatus);
    assert_eq!(l.clock.outcome, Some((Outcome::GivenUp, None)));
    let mut m = received_in_person("2026-03-02");
    m.add(
        "2026-03-03",
        Event::CorrectionRequested {
            items: "a".into(),
            period_days: 5,
        },
    );
    m.add("2026-03-05", Event::CorrectionReceived);
    let again = m
        .try_add(
            "2026-03-06",
            Event::CorrectionRequested {
                items: "b".into(),
                period_days: 5,
            },
        )
        .expect_err("one notice");
    assert!(again.contains("一次性告知"));
}

#[test]
fn art32_third_party_consulted_2026_03_10_answered_2026_03_18_pauses_7_working_days_due_2026_04_09()
{
    let mut l = received_in_person("2026-03-02");
    let c = l.add(
        "2026-03-10",
        Event::ConsultationStarted {
            party: Party::ThirdParty,
            name: "某某餐饮有限公司".into(),
        },
    );
    assert_eq!(l.clock.status, Status::Consulting);
    assert!(l.deadline().provisional);
    l.add(
        "2026-03-18",
        Event::ConsultationAnswered {
            consultation: c,
            objects: false,
            opinion: "同意公开".into(),
        },
    );
    // 27 working days after 03-02 (20 + 7 paused): 03-03..06 (4), 09 (5), 19..20 (7),
    // 23..27 (12), 30..04-03 (17), 清明, 04-07 (18), 08 (19), 09 (20).
    let dl = l.deadline();
    assert!(!dl.provisional);
    assert_eq!(dl.date, d("2026-04-09"));
    assert_eq!(
        dl.explanation,
        "自2026-03-02起20个工作日；征求第三方（某某餐饮有限公司）意见暂停7个工作日（2026-03-10至2026-03-18）；截止2026-04-09"
    );
}

#[test]
fn art33_extension_of_20_by_the_office_head_after_that_pause_moves_the_deadline_to_2026_05_11() {
    let mut l = received_in_person("2026-03-02");
    let c = l.add(
        "2026-03-10",
        Event::ConsultationStarted {
            party: Party::ThirdParty,
            name: "某某餐饮有限公司".into(),
        },
    );
    l.add(
        "2026-03-18",
        Event::ConsultationAnswered {
            consultation: c,
            objects: false,
            opinion: String::new(),
        },
    );
    l.add(
        "2026-04-01",
        Event::ExtensionApproved {
            approver: "办公室主任王某".into(),
            days: 20,
            notified_on: d("2026-04-02"),
            reason: String::new(),
        },
    );
    // The 20th working day after 04-09: 04-10 (1), 13..17 (6), 20..24 (11),
    // 27..30 (15), 05-01..05 rest, 06..08 (18), 05-09 Saturday worked (19), 11 (20).
    let dl = l.deadline();
    assert_eq!(dl.date, d("2026-05-11"));
    assert!(
        dl.explanation
            .contains("经办公室主任王某批准延期20个工作日；截止2026-05-11")
    );
    let second = l
        .try_add(
            "2026-04-03",
            Event::ExtensionApproved {
                approver: "王某".into(),
                days: 5,
                notified_on: d("2026-04-03"),
                reason: String::new(),
            },
        )
        .expect_err("once");
    assert!(second.contains("只能延长一次"));
}

#[test]
fn art33_extension_approved_after_the_deadline_2026_03_30_is_refused() {
    let mut l = received_in_person("2026-03-02");
    let late = l
        .try_add(
            "2026-03-31",
            Event::ExtensionApproved {
                approver: "王某".into(),
                days: 20,
                notified_on: d("2026-03-31"),
                reason: String::new(),
            },
        )
        .expect_err("too late");
    assert!(late.contains("2026-03-30"));
    assert!(
        l.try_add(
            "2026-03-20",
            Event::ExtensionApproved {
                approver: "王某".into(),
                days: 21,
                notified_on: d("2026-03-20"),
                reason: String::new()
            }
        )
        .is_err(),
        "at most 20 days"
    );
}

#[test]
fn art32_no_answer_pauses_through_the_15th_working_day_2026_03_31_due_2026_04_24() {
    let mut l = received_in_person("2026-03-02");
    let c = l.add(
        "2026-03-10",
        Event::ConsultationStarted {
            party: Party::ThirdParty,
            name: "张某".into(),
        },
    );
    // Window: 15 working days after 03-10 → 03-31.
    let early = l
        .try_add(
            "2026-03-31",
            Event::ConsultationTimedOut { consultation: c },
        )
        .expect_err("window open");
    assert!(early.contains("2026-03-31"));
    l.add(
        "2026-04-01",
        Event::ConsultationTimedOut { consultation: c },
    );
    // Paused 03-10..03-31: 16 working days. 20 + 16 = 36 working days after 03-02:
    // 03-03..06 (4), 09 (5), 04-01..03 (8), 清明, 07..10 (12), 13..17 (17),
    // 20..24 (22)? — counted days: 5 before the pause, then 15 more after it:
    // 04-01,02,03 (8), 07,08,09,10 (12), 13..17 (17), 20,21,22 (20) → 2026-04-22.
    let dl = l.deadline();
    assert_eq!(dl.date, d("2026-04-22"));
    assert!(
        dl.explanation
            .contains("暂停16个工作日（2026-03-10至2026-03-31）")
    );
}

#[test]
fn art34_two_overlapping_consultations_remove_the_union_of_their_days() {
    let mut l = received_in_person("2026-03-02");
    let a = l.add(
        "2026-03-10",
        Event::ConsultationStarted {
            party: Party::ThirdParty,
            name: "甲公司".into(),
        },
    );
    let b = l.add(
        "2026-03-12",
        Event::ConsultationStarted {
            party: Party::Agency,
            name: "市市场监管局".into(),
        },
    );
    l.add(
        "2026-03-16",
        Event::ConsultationAnswered {
            consultation: a,
            objects: false,
            opinion: String::new(),
        },
    );
    assert_eq!(l.clock.status, Status::Consulting, "one still open");
    assert!(l.try_add("2026-03-17", reply(Outcome::Provided)).is_err());
    l.add(
        "2026-03-18",
        Event::ConsultationAnswered {
            consultation: b,
            objects: false,
            opinion: String::new(),
        },
    );
    // Union 03-10..03-18 = 7 working days, as in the single-consultation example.
    assert_eq!(l.deadline().date, d("2026-04-09"));
}

#[test]
fn fee_notice_2026_03_05_paid_2026_03_11_pauses_5_working_days_due_2026_04_07() {
    let mut l = received_in_person("2026-03-02");
    l.add(
        "2026-03-05",
        Event::FeeNoticeIssued {
            method: "pages".into(),
            amount: 700,
            detail: String::new(),
        },
    );
    assert!(l.clock.status.waiting_on_applicant());
    l.add("2026-03-11", Event::FeePaid);
    // Paused 03-05,06,09,10,11 (5). 25 working days after 03-02: 03-03,04 (2),
    // 12,13 (4), 16..20 (9), 23..27 (14), 30..04-03 (19), 清明, 04-07 (20).
    assert_eq!(l.deadline().date, d("2026-04-07"));
}

#[test]
fn fee_unpaid_20_working_days_after_the_notice_ends_the_case_on_2026_04_03() {
    let mut l = received_in_person("2026-03-02");
    l.add(
        "2026-03-05",
        Event::FeeNoticeIssued {
            method: "count".into(),
            amount: 100,
            detail: String::new(),
        },
    );
    // 20 working days after 03-05 → 04-02.
    assert_eq!(l.clock.fee_due, Some(d("2026-04-02")));
    assert!(l.try_add("2026-04-02", Event::FeeExpired).is_err());
    l.add("2026-04-03", Event::FeeExpired);
    assert_eq!(l.clock.outcome, Some((Outcome::FeeUnpaid, None)));
}

#[test]
fn reply_on_the_deadline_is_on_time_and_the_day_after_is_late() {
    let mut on_time = received_in_person("2026-03-02");
    on_time.add("2026-03-30", reply(Outcome::Provided));
    assert!(!on_time.clock.late(&on_time.cal, d("2026-12-31")));
    let mut late = received_in_person("2026-03-02");
    late.add("2026-03-31", reply(Outcome::Provided));
    assert!(late.clock.late(&late.cal, d("2026-12-31")));
}

#[test]
fn out_of_order_future_and_missing_ground_events_are_refused() {
    let mut l = received_in_person("2026-03-02");
    assert!(
        l.try_add("2026-03-01", reply(Outcome::Provided))
            .expect_err("order")
            .contains("时间顺序")
    );
    assert!(
        l.try_add("2027-01-05", reply(Outcome::Provided))
            .expect_err("future")
            .contains("晚于今天")
    );
    assert!(
        l.try_add("2026-03-03", reply(Outcome::Withheld))
            .expect_err("ground")
            .contains("法定理由")
    );
    assert!(
        l.try_add("2026-03-03", Event::Closed).is_err(),
        "close before reply"
    );
    l.add(
        "2026-03-03",
        Event::Replied {
            outcome: "withheld".into(),
            ground: Some("third_party".into()),
            note: String::new(),
        },
    );
    l.add(
        "2026-03-04",
        Event::Mailed {
            tracking: "EA123456789CN".into(),
        },
    );
    l.add("2026-03-06", Event::Delivered);
    l.add("2026-03-06", Event::Closed);
    l.add("2026-03-09", Event::Archived);
    assert!(l.clock.status.read_only());
    assert!(l.try_add("2026-03-10", Event::Delivered).is_err());
}

#[test]
fn a_period_running_into_a_year_without_calendar_data_is_an_error() {
    let l = received_in_person("2026-12-15");
    let r = l.clock.deadline(&l.cal).expect("started");
    assert_eq!(r, Err(workday::Error::NoData { year: 2027 }));
    // How far the count got: 12-16..18, 21..25, 28..31 are 12 working days.
    assert_eq!(l.clock.counted_through(&l.cal, d("2026-12-31")), Ok(12));
}

#[test]
fn scrubbing_keeps_what_the_clock_needs_and_drops_the_free_text() {
    let events = [
        Event::CorrectionRequested {
            items: "请补充身份证复印件（张三）".into(),
            period_days: 15,
        },
        Event::ConsultationStarted {
            party: Party::ThirdParty,
            name: "王五 13900001111".into(),
        },
        Event::ConsultationAnswered {
            consultation: 2,
            objects: true,
            opinion: "王五不同意公开".into(),
        },
        Event::ExtensionApproved {
            approver: "李局长".into(),
            days: 20,
            notified_on: d("2026-03-20"),
            reason: "涉及张三隐私".into(),
        },
        Event::FeeNoticeIssued {
            method: "pages".into(),
            amount: 100,
            detail: "张三 500页".into(),
        },
        Event::Replied {
            outcome: "granted".into(),
            ground: Some("art_27".into()),
            note: "寄往张三家".into(),
        },
        Event::Mailed {
            tracking: "SF1234567890".into(),
        },
        Event::Archived,
    ];
    for e in &events {
        let s = e.scrubbed();
        assert_eq!(s.code(), e.code());
        let json = serde_json::to_string(&s).expect("json");
        for secret in ["张三", "王五", "李局长", "1390000", "SF123"] {
            assert!(!json.contains(secret), "{json}");
        }
        let back: Event = serde_json::from_str(&json).expect("still an event");
        assert_eq!(back, s);
    }
    assert!(matches!(
        events[3].scrubbed(),
        Event::ExtensionApproved { days: 20, .. }
    ));
    assert!(matches!(
        events[5].scrubbed(),
        Event::Replied { ref outcome, ground: Some(_), .. } if outcome == "granted"
    ));
}
