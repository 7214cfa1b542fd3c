//! Every rest day and make-up working day of 2023–2026, typed in independently from
//! the State Council notices (docs/RULES.md § "Notices 2023–2026"), checked against
//! the calendar; every other day of those years must be a working day exactly when it
//! is Monday–Friday.

use chrono::{Datelike, Duration, NaiveDate};
use proptest::prelude::*;
use std::collections::HashSet;
use workday::{builtin, is_weekend};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

/// (rest ranges, make-up working days) per year, as printed in the notices.
type Notice = (
    i32,
    &'static [(&'static str, &'static str)],
    &'static [&'static str],
);
const NOTICES: &[Notice] = &[
    (
        2023,
        &[
            ("2022-12-31", "2023-01-02"),
            ("2023-01-21", "2023-01-27"),
            ("2023-04-05", "2023-04-05"),
            ("2023-04-29", "2023-05-03"),
            ("2023-06-22", "2023-06-24"),
            ("2023-09-29", "2023-10-06"),
        ],
        &[
            "2023-01-28",
            "2023-01-29",
            "2023-04-23",
            "2023-05-06",
            "2023-06-25",
            "2023-10-07",
            "2023-10-08",
        ],
    ),
    (
        2024,
        &[
            ("2024-01-01", "2024-01-01"),
            ("2024-02-10", "2024-02-17"),
            ("2024-04-04", "2024-04-06"),
            ("2024-05-01", "2024-05-05"),
            ("2024-06-08", "2024-06-10"),
            ("2024-09-15", "2024-09-17"),
            ("2024-10-01", "2024-10-07"),
        ],
        &[
            "2024-02-04",
            "2024-02-18",
            "2024-04-07",
            "2024-04-28",
            "2024-05-11",
            "2024-09-14",
            "2024-09-29",
            "2024-10-12",
        ],
    ),
    (
        2025,
        &[
            ("2025-01-01", "2025-01-01"),
            ("2025-01-28", "2025-02-04"),
            ("2025-04-04", "2025-04-06"),
            ("2025-05-01", "2025-05-05"),
            ("2025-05-31", "2025-06-02"),
            ("2025-10-01", "2025-10-08"),
        ],
        &[
            "2025-01-26",
            "2025-02-08",
            "2025-04-27",
            "2025-09-28",
            "2025-10-11",
        ],
    ),
    (
        2026,
        &[
            ("2026-01-01", "2026-01-03"),
            ("2026-02-15", "2026-02-23"),
            ("2026-04-04", "2026-04-06"),
            ("2026-05-01", "2026-05-05"),
            ("2026-06-19", "2026-06-21"),
            ("2026-09-25", "2026-09-27"),
            ("2026-10-01", "2026-10-07"),
        ],
        &[
            "2026-01-04",
            "2026-02-14",
            "2026-02-28",
            "2026-05-09",
            "2026-09-20",
            "2026-10-10",
        ],
    ),
];

#[test]
fn every_rest_and_make_up_day_of_2023_to_2026_matches_the_notices() {
    let cal = builtin();
    for &(year, rests, works) in NOTICES {
        let mut rest_days = HashSet::new();
        for &(a, b) in rests {
            let (mut x, b) = (d(a), d(b));
            while x <= b {
                assert_eq!(cal.is_workday(x), Ok(false), "{x} is a rest day ({year})");
                rest_days.insert(x);
                x += Duration::days(1);
            }
        }
        let work_days: HashSet<NaiveDate> = works.iter().map(|s| d(s)).collect();
        for &w in &work_days {
            assert!(is_weekend(w), "{w} is a weekend day worked");
            assert_eq!(cal.is_workday(w), Ok(true), "{w} is a make-up working day");
        }
        let mut x = d(&format!("{year}-01-01"));
        while x.year() == year {
            if !rest_days.contains(&x) && !work_days.contains(&x) {
                assert_eq!(
                    cal.is_workday(x),
                    Ok(!is_weekend(x)),
                    "{x} has no special arrangement"
                );
            }
            x += Duration::days(1);
        }
    }
}

#[test]
fn holiday_names_label_the_days() {
    let cal = builtin();
    assert_eq!(cal.day(d("2026-02-16")).expect("data").label(), "春节放假");
    assert_eq!(
        cal.day(d("2026-10-10")).expect("data").label(),
        "国庆节调休上班"
    );
    assert_eq!(cal.day(d("2026-03-07")).expect("data").label(), "周末");
    assert_eq!(cal.year_days(2024).expect("data").len(), 366);
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (0i64..(365 * 22)).prop_map(|o| d("2004-01-01") + Duration::days(o))
}

proptest! {
    #[test]
    fn adding_n_working_days_lands_on_a_working_day_n_working_days_later(
        from in any_date(), n in 1u32..60
    ) {
        let cal = builtin();
        let to = cal.add_workdays(from, n).expect("inside the data");
        prop_assert!(to > from);
        prop_assert_eq!(cal.is_workday(to), Ok(true));
        prop_assert_eq!(cal.workdays_between(from, to), Ok(n));
        // The day before the deadline is n-1 working days after `from`.
        prop_assert_eq!(cal.workdays_between(from, to - Duration::days(1)), Ok(n - 1));
    }

    #[test]
    fn adding_is_associative(from in any_date(), a in 0u32..40, b in 0u32..40) {
        let cal = builtin();
        let step = cal.add_workdays(cal.add_workdays(from, a).expect("data"), b).expect("data");
        prop_assert_eq!(cal.add_workdays(from, a + b).expect("data"), step);
    }

    #[test]
    fn excluding_days_only_moves_the_deadline_later(from in any_date(), n in 1u32..40, k in 0i64..30) {
        let cal = builtin();
        let plain = cal.add_workdays(from, n).expect("data");
        let pause_from = from + Duration::days(k);
        let pause_to = pause_from + Duration::days(7);
        let paused = cal.add_workdays_excluding(from, n, |x| {
            (x >= pause_from && x <= pause_to).then(|| "暂停".to_string())
        }).expect("data");
        prop_assert!(paused.date >= plain);
        let excluded = cal.workdays_in(pause_from, pause_to).expect("data")
            .into_iter().filter(|x| *x > from && *x <= paused.date).count() as u32;
        prop_assert_eq!(cal.workdays_between(from, paused.date), Ok(n + excluded));
    }
}
