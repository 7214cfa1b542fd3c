//! 培训记录, pure: what a session record must say (checked with Chinese messages),
//! and what a year's sessions give the annual report (count, attendance, topics,
//! the sentence of its text and the warning when the year has none).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

/// A session as entered (validated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainingInput {
    pub held_on: NaiveDate,
    pub topic: String,
    pub audience: String,
    pub attendance: i64,
    pub organiser: String,
    pub note: String,
    /// The organ (the bureau, a 区局) whose annual report counts the session.
    pub unit_id: Option<i64>,
}

/// The fields of the form, as typed.
#[derive(Debug, Clone, Default)]
pub struct Raw {
    pub held_on: String,
    pub topic: String,
    pub audience: String,
    pub attendance: String,
    pub organiser: String,
    pub note: String,
    pub unit_id: String,
}

/// Check a session record; the errors are per field, in Chinese.
pub fn parse(r: &Raw, today: NaiveDate) -> Result<TrainingInput, BTreeMap<String, String>> {
    let mut e = BTreeMap::new();
    let held_on = match NaiveDate::parse_from_str(r.held_on.trim(), "%Y-%m-%d") {
        Ok(d) if d > today => {
            e.insert("held_on".into(), "培训日期不能晚于今天".into());
            None
        }
        Ok(d) if d.year() < 2008 => {
            e.insert("held_on".into(), "培训日期不能早于2008年".into());
            None
        }
        Ok(d) => Some(d),
        Err(_) => {
            e.insert("held_on".into(), "请填写培训日期，格式 YYYY-MM-DD".into());
            None
        }
    };
    let mut text = |name: &str, v: &str, max: usize, label: &str, required: bool| {
        let v = v.trim().to_string();
        if required && v.is_empty() {
            e.insert(name.into(), format!("请填写{label}"));
        } else if v.chars().count() > max {
            e.insert(name.into(), format!("{label}不超过 {max} 字"));
        }
        v
    };
    let topic = text("topic", &r.topic, 200, "培训主题", true);
    let audience = text("audience", &r.audience, 200, "培训对象", true);
    let organiser = text("organiser", &r.organiser, 100, "组织单位", true);
    let note = text("note", &r.note, 2000, "备注", false);
    let unit_id = match r.unit_id.trim() {
        "" => None,
        v => match v.parse::<i64>() {
            Ok(id) => Some(id),
            Err(_) => {
                e.insert("unit_id".into(), "请选择所属机关".into());
                None
            }
        },
    };
    let attendance = match r.attendance.trim().parse::<i64>() {
        Ok(n) if (1..=100_000).contains(&n) => Some(n),
        _ => {
            e.insert(
                "attendance".into(),
                "参训人数应为 1 至 100000 的整数".into(),
            );
            None
        }
    };
    match (held_on, attendance) {
        (Some(held_on), Some(attendance)) if e.is_empty() => Ok(TrainingInput {
            held_on,
            topic,
            audience,
            attendance,
            organiser,
            note,
            unit_id,
        }),
        _ => Err(e),
    }
}

/// What the annual report reads of a year's sessions.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Summary {
    pub sessions: i64,
    pub attendance: i64,
    /// Distinct topics in date order.
    pub topics: Vec<String>,
}

/// Sum up sessions given as (date, topic, attendance), in any order.
pub fn summarise(sessions: &[(NaiveDate, String, i64)]) -> Summary {
    let mut s: Vec<&(NaiveDate, String, i64)> = sessions.iter().collect();
    s.sort_by_key(|x| x.0);
    let mut topics: Vec<String> = Vec::new();
    for (_, t, _) in &s {
        if !topics.contains(t) {
            topics.push(t.clone());
        }
    }
    Summary {
        sessions: s.len() as i64,
        attendance: s.iter().map(|x| x.2).sum(),
        topics,
    }
}

/// The sentence of the report's 其他需要报告的事项 about training.
pub fn report_sentence(year: i32, s: &Summary) -> String {
    if s.sessions == 0 {
        return format!("{year}年未组织政府信息公开工作培训。");
    }
    let shown: Vec<String> = s.topics.iter().take(5).map(|t| format!("“{t}”")).collect();
    let more = if s.topics.len() > 5 { "等" } else { "" };
    format!(
        "{year}年组织政府信息公开工作培训{}次，参训{}人次，主题包括{}{more}。",
        s.sessions,
        s.attendance,
        shown.join("、")
    )
}

/// The warning when a year has no session (the seed asks for at least one a year).
pub fn warning(year: i32, s: &Summary) -> Option<String> {
    (s.sessions == 0).then(|| {
        format!(
            "{year}年没有政府信息公开工作培训记录：每年应至少组织一次培训，请在“培训记录”中登记"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn raw() -> Raw {
        Raw {
            held_on: "2026-03-02".into(),
            topic: "新修订条例解读".into(),
            audience: "各处室信息公开联络员".into(),
            attendance: "35".into(),
            organiser: "办公室".into(),
            note: String::new(),
            unit_id: "3".into(),
        }
    }

    #[test]
    fn a_good_record_parses() {
        let t = parse(&raw(), d("2026-12-03")).expect("ok");
        assert_eq!(t.attendance, 35);
        assert_eq!(t.held_on, d("2026-03-02"));
        assert_eq!(t.unit_id, Some(3));
        let none = parse(
            &Raw {
                unit_id: String::new(),
                ..raw()
            },
            d("2026-12-03"),
        )
        .expect("ok");
        assert_eq!(none.unit_id, None);
        let bad = parse(
            &Raw {
                unit_id: "x".into(),
                ..raw()
            },
            d("2026-12-03"),
        );
        assert!(bad.expect_err("bad unit").contains_key("unit_id"));
    }

    #[test]
    fn bad_fields_are_each_named() {
        let r = Raw {
            held_on: "2026-12-04".into(),
            topic: " ".into(),
            attendance: "0".into(),
            ..raw()
        };
        let e = parse(&r, d("2026-12-03")).expect_err("bad");
        assert_eq!(
            e.keys().map(String::as_str).collect::<Vec<_>>(),
            ["attendance", "held_on", "topic"]
        );
        assert_eq!(e["held_on"], "培训日期不能晚于今天");
        let e = parse(
            &Raw {
                held_on: "2026/3/2".into(),
                attendance: "三十".into(),
                ..raw()
            },
            d("2026-12-03"),
        )
        .expect_err("bad");
        assert!(e["held_on"].contains("YYYY-MM-DD") && e.contains_key("attendance"));
    }

    #[test]
    fn a_year_sums_up_in_date_order() {
        let s = summarise(&[
            (d("2026-09-01"), "依申请公开办理".into(), 20),
            (d("2026-03-02"), "条例解读".into(), 35),
            (d("2026-10-10"), "条例解读".into(), 12),
        ]);
        assert_eq!(s.sessions, 3);
        assert_eq!(s.attendance, 67);
        assert_eq!(s.topics, ["条例解读", "依申请公开办理"]);
        assert_eq!(
            report_sentence(2026, &s),
            "2026年组织政府信息公开工作培训3次，参训67人次，主题包括“条例解读”、“依申请公开办理”。"
        );
        assert_eq!(warning(2026, &s), None);
    }

    #[test]
    fn an_empty_year_warns() {
        let s = summarise(&[]);
        assert_eq!(
            report_sentence(2025, &s),
            "2025年未组织政府信息公开工作培训。"
        );
        assert!(warning(2025, &s).is_some_and(|w| w.contains("至少组织一次")));
    }

    #[test]
    fn many_topics_are_shortened() {
        let rows: Vec<_> = (1..=7)
            .map(|i| {
                (
                    d("2026-01-01") + chrono::Days::new(i),
                    format!("主题{i}"),
                    1,
                )
            })
            .collect();
        let s = report_sentence(2026, &summarise(&rows));
        assert!(s.contains("“主题5”等。") && !s.contains("主题6"), "{s}");
    }
}
