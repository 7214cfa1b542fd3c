//! Table 三 of the annual report (国办公开办函〔2021〕30号), computed from the cases.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::model::{ApplicantKind, Row};

/// What table 三 needs of one case.
#[derive(Debug, Clone)]
pub struct CaseFacts {
    pub id: i64,
    pub receipt_no: String,
    pub kind: ApplicantKind,
    pub received_on: Option<NaiveDate>,
    pub concluded_on: Option<NaiveDate>,
    pub row: Option<Row>,
}

/// Counts per column: the six applicant kinds and 总计.
pub type Counts = [i64; 7];

#[derive(Debug, Clone, Serialize)]
pub struct Anomaly {
    pub id: i64,
    pub receipt_no: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TableThree {
    pub year: i32,
    /// 一、本年新收
    pub new: Counts,
    /// 二、上年结转
    pub carried_in: Counts,
    /// 三、本年度办理结果, per leaf row in table order.
    pub results: Vec<(Row, Counts)>,
    /// （七）总计
    pub total: Counts,
    /// 四、结转下年度继续办理
    pub carried_out: Counts,
    /// Columns (by index) where 一 + 二 ≠ （七） + 四.
    pub violations: Vec<usize>,
    /// Cases whose facts do not fit the table, shown with a violation.
    pub anomalies: Vec<Anomaly>,
}

pub fn column(kind: ApplicantKind) -> usize {
    ApplicantKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(ApplicantKind::ALL.len() - 1)
}

pub const COLUMNS: [&str; 7] = [
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
];

fn add(c: &mut Counts, col: usize) {
    c[col] += 1;
    c[6] += 1;
}

/// Compute the table for `year`. Each line is counted independently from the case
/// facts, so the invariant 一 + 二 = （七）总计 + 四 is a real check: a case concluded
/// before it was received, concluded without an outcome, or with an outcome but no
/// conclusion date breaks it and is listed.
pub fn table_three(year: i32, cases: &[CaseFacts]) -> TableThree {
    let first = NaiveDate::from_ymd_opt(year, 1, 1);
    let last = NaiveDate::from_ymd_opt(year, 12, 31);
    let (Some(first), Some(last)) = (first, last) else {
        return empty(year);
    };
    let mut t = empty(year);
    let mut rows: BTreeMap<usize, Counts> = BTreeMap::new();
    let all_rows = Row::all();
    for c in cases {
        let col = column(c.kind);
        let Some(received) = c.received_on else {
            continue; // not yet received in law (awaiting confirmation)
        };
        if received.year() == year {
            add(&mut t.new, col);
        }
        let open_at = |day: NaiveDate| received <= day && c.concluded_on.is_none_or(|d| d > day);
        if received < first && open_at(first.pred_opt().unwrap_or(first)) {
            add(&mut t.carried_in, col);
        }
        if let Some(done) = c.concluded_on
            && done.year() == year
        {
            match c.row.and_then(|r| all_rows.iter().position(|x| *x == r)) {
                Some(i) => {
                    add(rows.entry(i).or_insert([0; 7]), col);
                    add(&mut t.total, col);
                }
                None => t.anomalies.push(Anomaly {
                    id: c.id,
                    receipt_no: c.receipt_no.clone(),
                    reason: format!("{done}办结但没有办理结果"),
                }),
            }
            if done < received {
                t.anomalies.push(Anomaly {
                    id: c.id,
                    receipt_no: c.receipt_no.clone(),
                    reason: format!("办结日期{done}早于收到申请日期{received}"),
                });
            }
        }
        if received <= last && open_at(last) {
            add(&mut t.carried_out, col);
        }
    }
    t.results = all_rows
        .iter()
        .enumerate()
        .map(|(i, r)| (*r, rows.get(&i).copied().unwrap_or([0; 7])))
        .collect();
    t.violations = (0..7)
        .filter(|&i| t.new[i] + t.carried_in[i] != t.total[i] + t.carried_out[i])
        .collect();
    t
}

fn empty(year: i32) -> TableThree {
    TableThree {
        year,
        new: [0; 7],
        carried_in: [0; 7],
        results: Vec::new(),
        total: [0; 7],
        carried_out: [0; 7],
        violations: Vec::new(),
        anomalies: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::foi::model::Ground;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn case(id: i64, kind: ApplicantKind, r: &str, c: Option<&str>, row: Option<Row>) -> CaseFacts {
        CaseFacts {
            id,
            receipt_no: format!("YSQ{id}"),
            kind,
            received_on: Some(d(r)),
            concluded_on: c.map(d),
            row,
        }
    }

    #[test]
    fn lines_and_invariant() {
        let cases = vec![
            case(
                1,
                ApplicantKind::Natural,
                "2025-12-20",
                Some("2026-01-10"),
                Some(Row::Disclosed),
            ),
            case(
                2,
                ApplicantKind::Natural,
                "2026-03-02",
                Some("2026-03-20"),
                Some(Row::Withheld(Ground::ThirdParty)),
            ),
            case(3, ApplicantKind::Commercial, "2026-12-25", None, None),
            case(
                4,
                ApplicantKind::LegalService,
                "2026-05-01",
                Some("2026-05-20"),
                Some(Row::GivenUp),
            ),
            case(
                5,
                ApplicantKind::Natural,
                "2025-03-01",
                Some("2025-03-10"),
                Some(Row::Disclosed),
            ),
        ];
        let t = table_three(2026, &cases);
        assert_eq!(t.new, [1, 1, 0, 0, 1, 0, 3]);
        assert_eq!(t.carried_in, [1, 0, 0, 0, 0, 0, 1]);
        assert_eq!(t.total, [2, 0, 0, 0, 1, 0, 3]);
        assert_eq!(t.carried_out, [0, 1, 0, 0, 0, 0, 1]);
        assert!(t.violations.is_empty());
        let withheld = t
            .results
            .iter()
            .find(|(r, _)| *r == Row::Withheld(Ground::ThirdParty))
            .expect("row");
        assert_eq!(withheld.1[0], 1);
    }

    #[test]
    fn a_case_concluded_before_receipt_breaks_the_invariant_and_is_named() {
        let cases = vec![case(
            9,
            ApplicantKind::Research,
            "2027-01-05",
            Some("2026-12-30"),
            Some(Row::Disclosed),
        )];
        let t = table_three(2026, &cases);
        assert_eq!(t.violations, vec![2, 6]);
        assert_eq!(t.anomalies[0].receipt_no, "YSQ9");
        assert!(t.anomalies[0].reason.contains("早于收到申请日期"));
    }

    proptest! {
        #[test]
        fn consistent_cases_always_satisfy_the_invariant(
            cases in proptest::collection::vec((0usize..6, 0i64..1200, proptest::option::of(0i64..200), 0usize..21), 0..200),
            year in 2024i32..2027,
        ) {
            let base = d("2023-06-01");
            let rows = Row::all();
            let facts: Vec<CaseFacts> = cases.iter().enumerate().map(|(i, (k, r, c, row))| {
                let received = base + chrono::Duration::days(*r);
                CaseFacts {
                    id: i as i64,
                            receipt_no: String::new(),
                    kind: ApplicantKind::ALL[*k],
                    received_on: Some(received),
                    concluded_on: c.map(|c| received + chrono::Duration::days(c)),
                    row: Some(rows[*row]),
                }
            }).collect();
            let t = table_three(year, &facts);
            prop_assert!(t.violations.is_empty());
            prop_assert!(t.anomalies.is_empty());
        }
    }
}
