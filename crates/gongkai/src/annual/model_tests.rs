use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn p(
    id: i64,
    case_id: i64,
    kind: ProceedingKind,
    filed: &str,
    outcome: ProceedingOutcome,
    concluded: Option<&str>,
) -> ProceedingFacts {
    ProceedingFacts {
        id,
        case_id,
        receipt_no: format!("YSQ{case_id}"),
        kind,
        filed_on: d(filed),
        outcome,
        concluded_on: concluded.map(d),
    }
}

#[test]
fn table_four_counts_by_filing_year_and_result_at_year_end() {
    use ProceedingKind::*;
    use ProceedingOutcome::*;
    let all = vec![
        p(1, 10, Review, "2026-02-01", Upheld, Some("2026-04-01")),
        p(2, 11, Review, "2026-05-01", Corrected, Some("2026-07-01")),
        // Concluded after the year's end: still 尚未审结 in 2026.
        p(3, 12, Review, "2026-11-01", Upheld, Some("2027-01-20")),
        p(
            4,
            10,
            SuitAfterReview,
            "2026-05-01",
            Other,
            Some("2026-09-01"),
        ),
        p(5, 13, SuitDirect, "2026-06-01", Pending, None),
        // Filed the year before: not in 2026.
        p(6, 14, Review, "2025-12-30", Upheld, Some("2026-01-10")),
    ];
    let t = table_four(2026, &all);
    assert_eq!(t.cells[0], [1, 1, 0, 1, 3]);
    assert_eq!(t.cells[1], [0, 0, 0, 1, 1]);
    assert_eq!(t.cells[2], [0, 0, 1, 0, 1]);
    assert!(t.violations.is_empty());
    assert!(t.anomalies.is_empty(), "{:?}", t.anomalies);
    assert_eq!(t.year, 2026);
    let pending = four_members(2026, &all, 0, 3);
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].label, "YSQ12");
    assert_eq!(four_members(2026, &all, 0, 4).len(), 3);
    // In 2027 the 2025 review is gone and nothing is filed.
    assert_eq!(table_four(2027, &all).cells, [[0; 5]; 3]);
}

#[test]
fn table_four_names_inconsistent_records() {
    use ProceedingKind::*;
    use ProceedingOutcome::*;
    let all = vec![
        p(
            1,
            20,
            SuitAfterReview,
            "2026-03-01",
            Upheld,
            Some("2026-06-01"),
        ),
        p(2, 21, Review, "2026-03-01", Corrected, None),
        p(3, 22, Review, "2026-03-01", Upheld, Some("2026-02-01")),
    ];
    let t = table_four(2026, &all);
    let reasons: Vec<&str> = t.anomalies.iter().map(|a| a.reason.as_str()).collect();
    assert_eq!(t.anomalies.len(), 3, "{reasons:?}");
    assert!(reasons[0].contains("没有登记行政复议"));
    assert!(reasons[1].contains("没有审结日期"));
    assert!(reasons[2].contains("早于提起日期"));
    // The record without a conclusion date counts as 尚未审结.
    assert_eq!(t.cells[0], [1, 0, 0, 1, 2]);
}

fn doc(id: i64, rule: bool, issued: Option<&str>, ended: Option<(&str, Ended)>) -> DocFacts {
    DocFacts {
        id,
        title: format!("文件{id}"),
        rule,
        issued_on: issued.map(d),
        ended: ended.map(|(e, k)| (d(e), k)),
    }
}

#[test]
fn table_two_issued_repealed_in_force_and_balance() {
    let docs = vec![
        doc(1, false, Some("2024-03-01"), None),
        doc(2, false, Some("2026-03-01"), None),
        doc(
            3,
            false,
            Some("2023-01-01"),
            Some(("2026-06-01", Ended::Repealed)),
        ),
        doc(
            4,
            false,
            Some("2021-01-01"),
            Some(("2026-01-01", Ended::Lapsed)),
        ),
        doc(
            5,
            false,
            Some("2026-02-01"),
            Some(("2026-10-01", Ended::Amended)),
        ),
        doc(6, true, Some("2026-04-01"), None),
        doc(7, false, Some("2027-01-05"), None),
    ];
    let pens = vec![
        (1, "A".into(), d("2026-03-02"), 50_000),
        (2, "B".into(), d("2026-12-31"), 1_234_500),
        (3, "C".into(), d("2025-12-31"), 99_900),
    ];
    let t = table_two(2026, &docs, &pens);
    assert_eq!(t.normative.issued, 2, "docs 2 and 5");
    assert_eq!(t.normative.repealed, 1);
    assert_eq!(t.normative.lapsed_or_amended, 2);
    assert_eq!(t.normative.in_force, 2, "docs 1 and 2");
    assert_eq!(t.normative.in_force_before, 3, "docs 1, 3, 4");
    assert!(t.normative.balanced());
    assert_eq!(t.rules.issued, 1);
    assert_eq!(t.rules.in_force, 1);
    assert_eq!(t.penalties, 2);
    assert_eq!(t.fines_cents, 1_284_500);
    assert_eq!(wan_yuan(t.fines_cents), "1.2845");
    assert!(t.violations.is_empty());
    assert!(t.anomalies.is_empty());
    let ids: Vec<i64> = two_members(2026, &docs, "normative", "in_force")
        .iter()
        .map(|m| m.id)
        .collect();
    assert_eq!(ids, vec![1, 2]);
    assert_eq!(two_members(2026, &docs, "normative", "repealed")[0].id, 3);
    assert_eq!(two_members(2026, &docs, "rules", "issued")[0].id, 6);
}

#[test]
fn table_two_flags_documents_that_cannot_be_placed() {
    let docs = vec![
        doc(1, false, None, None),
        doc(
            2,
            false,
            Some("2026-05-01"),
            Some(("2025-06-01", Ended::Repealed)),
        ),
    ];
    let t = table_two(2026, &docs, &[]);
    assert_eq!(t.anomalies.len(), 2);
    // Document 2 is issued in 2026 but repealed in 2025: never in force at either
    // year end, so the balance does not hold and says so.
    assert_eq!(t.violations, vec!["行政规范性文件"]);
}

#[test]
fn wan_yuan_formats() {
    assert_eq!(wan_yuan(0), "0.0000");
    assert_eq!(wan_yuan(1_000_000), "1.0000");
    assert_eq!(wan_yuan(50_000), "0.0500");
    assert_eq!(wan_yuan(-200), "-0.0002");
}
