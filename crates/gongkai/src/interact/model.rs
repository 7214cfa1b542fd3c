//! Rules of 政民互动 (docs/RULES.md § 政民互动): the vocabulary of letters, their
//! working-day deadlines on the shared calendar, duplicate detection, the public
//! form's arithmetic question, and what the portal shows of a letter. Pure functions.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use workday::Calendar;

use crate::config::InteractSettings;

code_enum!(
    /// 留言类型
    MessageKind {
        Consult = ("consult", "咨询"),
        Complaint = ("complaint", "投诉"),
        Suggestion = ("suggestion", "建议"),
        Help = ("help", "求助"),
    }
);

code_enum!(
    /// Where a letter stands.
    MessageStatus {
        Submitted = ("submitted", "待签收"),
        Handling = ("handling", "办理中"),
        Review = ("review", "答复待审核"),
        Published = ("published", "已答复并公开"),
        Answered = ("answered", "已答复"),
        Rejected = ("rejected", "不予受理"),
        Duplicate = ("duplicate", "重复留言，已并入原留言"),
    }
);

impl MessageStatus {
    /// Still waiting for the bureau (the clock runs).
    pub fn is_open(self) -> bool {
        matches!(
            self,
            MessageStatus::Submitted | MessageStatus::Handling | MessageStatus::Review
        )
    }
}

code_enum!(
    /// A step in a letter's history, as the writer sees it.
    Step {
        Submitted = ("submitted", "提交留言"),
        Signed = ("signed", "签收"),
        Transferred = ("transferred", "转办"),
        Extended = ("extended", "延长答复期限"),
        Drafted = ("drafted", "拟写答复"),
        Returned = ("returned", "答复退回修改"),
        Published = ("published", "答复并公开"),
        Answered = ("answered", "答复（不公开）"),
        Rejected = ("rejected", "不予受理"),
        Merged = ("merged", "收到重复留言"),
        Rated = ("rated", "留言人评价"),
        Reopened = ("reopened", "留言人不满意，重新办理"),
        Unpublished = ("unpublished", "撤回公开"),
    }
);

code_enum!(
    /// The writer's rating of the reply.
    Rating {
        Satisfied = ("satisfied", "满意"),
        Fair = ("fair", "基本满意"),
        Unsatisfied = ("unsatisfied", "不满意"),
    }
);

/// What a rating does: 不满意 reopens the letter for a second reply, once.
pub fn reopens(rating: Rating, already_reopened: bool) -> bool {
    rating == Rating::Unsatisfied && !already_reopened
}

code_enum!(
    /// Why a letter is not accepted (docs/RULES.md).
    RejectReason {
        NoContent = ("no_content", "无具体诉求内容"),
        NotRemit = ("not_remit", "不属于本机关职责范围"),
        InProceedings = ("in_proceedings", "已进入行政复议、诉讼或信访程序"),
    }
);

/// The last day to 签收 a letter that arrived on `submitted`.
pub fn sign_due(
    cal: &Calendar,
    s: &InteractSettings,
    submitted: NaiveDate,
) -> Result<NaiveDate, workday::Error> {
    cal.add_workdays(submitted, s.sign_days)
}

/// Working days to reply to a letter of `kind`: its `interact.reply_days_by_kind`
/// entry, else `interact.reply_days`.
pub fn reply_days(s: &InteractSettings, kind: MessageKind) -> u32 {
    s.reply_days_by_kind
        .get(kind.label())
        .copied()
        .unwrap_or(s.reply_days)
}

/// The last day to reply to a letter of `kind`, before or after the one extension.
pub fn reply_due(
    cal: &Calendar,
    s: &InteractSettings,
    kind: MessageKind,
    submitted: NaiveDate,
    extended: bool,
) -> Result<NaiveDate, workday::Error> {
    let n = if extended {
        s.extended_days
    } else {
        reply_days(s, kind)
    };
    cal.add_workdays(submitted, n)
}

/// Working days from `today` to `due`: positive while time is left, 0 on the day,
/// negative when overdue. `None` when the calendar lacks a year in between.
pub fn days_left(cal: &Calendar, today: NaiveDate, due: NaiveDate) -> Option<i64> {
    Some(if due >= today {
        i64::from(cal.workdays_between(today, due).ok()?)
    } else {
        -i64::from(cal.workdays_between(due, today).ok()?)
    })
}

/// How a deadline reads in lists: overdue, due soon (within `soon` working days) or
/// neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Urgency {
    Overdue,
    DueSoon,
    OnTime,
}

pub fn urgency(cal: &Calendar, today: NaiveDate, due: NaiveDate, soon: i64) -> Urgency {
    match days_left(cal, today, due) {
        Some(n) if n < 0 => Urgency::Overdue,
        Some(n) if n <= soon => Urgency::DueSoon,
        _ if today > due => Urgency::Overdue,
        _ => Urgency::OnTime,
    }
}

/// The deadlines of an open letter that call for a reminder today — due within
/// 1 working day or overdue — as (deadline, kind, due date): the 签收 deadline
/// while the letter waits to be signed, the reply deadline while it is open.
pub fn reminders(
    cal: &Calendar,
    today: NaiveDate,
    status: MessageStatus,
    sign_due: Option<NaiveDate>,
    reply_due: Option<NaiveDate>,
) -> Vec<(&'static str, &'static str, NaiveDate)> {
    let mut out = Vec::new();
    let sign = (status == MessageStatus::Submitted)
        .then_some(sign_due)
        .flatten();
    let reply = status.is_open().then_some(reply_due).flatten();
    for (deadline, due) in [("sign", sign), ("reply", reply)] {
        let Some(due) = due else { continue };
        match urgency(cal, today, due, 1) {
            Urgency::Overdue => out.push((deadline, "overdue", due)),
            Urgency::DueSoon => out.push((deadline, "due_soon", due)),
            Urgency::OnTime => {}
        }
    }
    out
}

/// A text reduced to what matters for comparing letters: letters, digits and CJK
/// characters, lower case (spaces, punctuation and line breaks dropped).
pub fn normalise(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Similarity of two texts: the Jaccard index of their character pairs (1.0 equal).
pub fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (normalise(a), normalise(b));
    if a == b {
        return 1.0;
    }
    let pairs = |v: &[char]| -> BTreeSet<(char, char)> {
        if v.len() == 1 {
            return [(v[0], v[0])].into_iter().collect();
        }
        v.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (pa, pb) = (pairs(&a), pairs(&b));
    let union = pa.union(&pb).count();
    if union == 0 {
        return 0.0;
    }
    pa.intersection(&pb).count() as f64 / union as f64
}

/// Two letters from one phone are the same letter sent twice when their subject and
/// content together are at least this similar.
pub const DUPLICATE_THRESHOLD: f64 = 0.9;

pub fn is_duplicate(subject_a: &str, content_a: &str, subject_b: &str, content_b: &str) -> bool {
    similarity(
        &format!("{subject_a}\n{content_a}"),
        &format!("{subject_b}\n{content_b}"),
    ) >= DUPLICATE_THRESHOLD
}

/// How the writer is named on the portal: never the name.
pub const PUBLIC_WRITER: &str = "网友";

/// The texts of a letter as published: personal data masked by `redact`, the
/// writer's own name masked wherever it appears.
pub fn masked(text: &str, writer_name: &str) -> redact::Redacted {
    let opts = redact::Options {
        parties: vec![writer_name.trim().to_string()]
            .into_iter()
            .filter(|n| !n.is_empty())
            .collect(),
        tagger: crate::names_model::tagger(),
        ..Default::default()
    };
    redact::redact(text, &opts)
}

const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// The arithmetic question of a public form, written in Chinese numerals so that a
/// script must read it: "三加六等于几？" for (3, 6). Both operands 2–9.
pub fn question(a: u8, b: u8) -> String {
    let n = |x: u8| DIGITS[usize::from(x % 10)];
    format!("{}加{}等于几？", n(a), n(b))
}

/// The answer as typed: ASCII or full-width digits, or a Chinese numeral up to 18.
pub fn read_answer(s: &str) -> Option<i64> {
    let t: String = s
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect();
    if let Ok(n) = t.parse::<i64>() {
        return Some(n);
    }
    let digit = |c: char| {
        DIGITS
            .iter()
            .position(|d| d.starts_with(c))
            .map(|p| p as i64)
    };
    let cs: Vec<char> = t.chars().collect();
    match cs.as_slice() {
        ['十'] => Some(10),
        [d] => digit(*d),
        ['十', d] => digit(*d).map(|d| 10 + d),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn deadlines_count_working_days_on_the_calendar() {
        let cal = workday::builtin();
        let s = InteractSettings::default();
        // Friday 2025-09-26: 签收 by Monday; 5 working days end Friday 10-10 after
        // the National Day holiday (9-28 and 10-11 are make-up working days).
        let fri = d("2025-09-26");
        assert_eq!(sign_due(&cal, &s, fri).ok(), Some(d("2025-09-28")));
        let due = reply_due(&cal, &s, MessageKind::Consult, fri, false).ok();
        assert_eq!(due, cal.add_workdays(fri, 5).ok());
        assert!(due > Some(d("2025-10-08")), "{due:?}");
        let ext = reply_due(&cal, &s, MessageKind::Consult, fri, true).ok();
        assert_eq!(ext, cal.add_workdays(fri, 15).ok());
        // A plain week: Monday + 5 working days is the next Monday.
        assert_eq!(
            reply_due(&cal, &s, MessageKind::Consult, d("2025-06-09"), false).ok(),
            Some(d("2025-06-16"))
        );
        let custom = InteractSettings {
            reply_days: 3,
            ..InteractSettings::default()
        };
        assert_eq!(
            reply_due(&cal, &custom, MessageKind::Consult, d("2025-06-09"), false).ok(),
            Some(d("2025-06-12"))
        );
    }

    #[test]
    fn reply_periods_per_letter_type() {
        let cal = workday::builtin();
        let mut s = InteractSettings::default();
        s.reply_days_by_kind.insert("投诉".into(), 3);
        let mon = d("2025-06-09");
        let complaint = reply_due(&cal, &s, MessageKind::Complaint, mon, false).ok();
        assert_eq!(complaint, Some(d("2025-06-12")));
        let consult = reply_due(&cal, &s, MessageKind::Consult, mon, false).ok();
        assert_eq!(
            consult,
            cal.add_workdays(mon, 5).ok(),
            "others keep reply_days"
        );
        let extended = reply_due(&cal, &s, MessageKind::Complaint, mon, true).ok();
        assert_eq!(extended, cal.add_workdays(mon, 15).ok());
        let labels: Vec<&str> = MessageKind::ALL.iter().map(|k| k.label()).collect();
        assert_eq!(labels, InteractSettings::KINDS, "the names settings accept");
    }

    #[test]
    fn reminders_for_the_deadlines_of_open_letters_only() {
        let cal = workday::builtin();
        let today = d("2025-06-13");
        let (soon, late, far) = (d("2025-06-16"), d("2025-06-10"), d("2025-06-30"));
        let r = reminders(
            &cal,
            today,
            MessageStatus::Submitted,
            Some(late),
            Some(soon),
        );
        assert_eq!(
            r,
            vec![("sign", "overdue", late), ("reply", "due_soon", soon)]
        );
        let r = reminders(&cal, today, MessageStatus::Handling, Some(late), Some(far));
        assert!(r.is_empty(), "signed: no 签收 reminder; reply not due yet");
        let r = reminders(
            &cal,
            today,
            MessageStatus::Published,
            Some(late),
            Some(late),
        );
        assert!(r.is_empty(), "closed letters have no clock");
    }

    #[test]
    fn urgency_counts_working_days() {
        let cal = workday::builtin();
        let due = d("2025-06-16");
        assert_eq!(days_left(&cal, d("2025-06-13"), due), Some(1));
        assert_eq!(days_left(&cal, due, due), Some(0));
        assert_eq!(days_left(&cal, d("2025-06-17"), due), Some(-1));
        assert_eq!(urgency(&cal, d("2025-06-17"), due, 2), Urgency::Overdue);
        assert_eq!(urgency(&cal, d("2025-06-13"), due, 2), Urgency::DueSoon);
        assert_eq!(urgency(&cal, d("2025-06-02"), due, 2), Urgency::OnTime);
    }

    #[test]
    fn near_identical_letters_are_duplicates_and_different_ones_are_not() {
        let a = "小区门口夜间施工噪声扰民，已经持续两周，请尽快处理。";
        assert!(is_duplicate("噪声扰民", a, "噪声扰民", a));
        assert!(is_duplicate(
            "噪声扰民",
            a,
            "噪声 扰民",
            "小区门口夜间施工噪声扰民，已经持续两周，请尽快处理！"
        ));
        assert!(!is_duplicate(
            "噪声扰民",
            a,
            "占道经营",
            "菜场门口早上有流动摊贩占道经营，影响通行。"
        ));
        assert!((similarity("", "") - 1.0).abs() < f64::EPSILON);
        assert!(similarity("abc", "") < 0.5);
    }

    #[test]
    fn questions_are_in_chinese_and_answers_read_in_any_form() {
        assert_eq!(question(3, 6), "三加六等于几？");
        assert_eq!(read_answer("9"), Some(9));
        assert_eq!(read_answer(" １２ "), Some(12));
        assert_eq!(read_answer("九"), Some(9));
        assert_eq!(read_answer("十"), Some(10));
        assert_eq!(read_answer("十七"), Some(17));
        assert_eq!(read_answer("abc"), None);
        assert_eq!(read_answer(""), None);
    }

    #[test]
    fn the_writer_name_and_phone_are_masked() {
        let r = masked(
            "我是张伟，电话13912345678，住在某某路12号3室，张伟反映的问题。",
            "张伟",
        );
        assert!(!r.text.contains("张伟"), "{}", r.text);
        assert!(!r.text.contains("13912345678"), "{}", r.text);
        assert!(!r.maskings.is_empty());
    }

    #[test]
    fn only_the_first_unsatisfied_rating_reopens() {
        assert!(reopens(Rating::Unsatisfied, false));
        assert!(!reopens(Rating::Unsatisfied, true));
        assert!(!reopens(Rating::Fair, false));
        assert!(!reopens(Rating::Satisfied, false));
    }

    #[test]
    fn codes_round_trip() {
        for k in MessageKind::ALL {
            assert_eq!(MessageKind::parse(k.code()), Some(*k));
        }
        assert!(MessageStatus::Review.is_open());
        assert!(!MessageStatus::Published.is_open());
        assert!(!MessageStatus::Duplicate.is_open());
    }
}
