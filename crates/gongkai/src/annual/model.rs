//! Tables 二 and 四 of the 政府信息公开工作年度报告 (国办公开办函〔2021〕30号),
//! computed from facts, with their invariants. Table 三 is `foi::report`. Pure.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

code_enum!(
    /// 行政复议 or 行政诉讼 brought over a disclosure matter (table 四's groups).
    ProceedingKind {
        Review = ("review", "行政复议"),
        SuitDirect = ("suit_direct", "行政诉讼（未经复议直接起诉）"),
        SuitAfterReview = ("suit_after_review", "行政诉讼（复议后起诉）"),
    }
);

code_enum!(
    /// The result columns of table 四.
    ProceedingOutcome {
        Upheld = ("upheld", "结果维持"),
        Corrected = ("corrected", "结果纠正"),
        Other = ("other", "其他结果"),
        Pending = ("pending", "尚未审结"),
    }
);

/// A drill-down target: the record a figure counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    pub id: i64,
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Anomaly {
    pub member: Member,
    pub reason: String,
}

/// One 行政复议/诉讼 as table 四 needs it.
#[derive(Debug, Clone)]
pub struct ProceedingFacts {
    pub id: i64,
    pub case_id: i64,
    pub receipt_no: String,
    pub kind: ProceedingKind,
    pub filed_on: NaiveDate,
    pub outcome: ProceedingOutcome,
    pub concluded_on: Option<NaiveDate>,
}

/// Table 四: per group (复议, 直接起诉, 复议后起诉) the four results and 总计.
#[derive(Debug, Clone, Serialize)]
pub struct TableFour {
    pub year: i32,
    pub cells: [[i64; 5]; 3],
    /// Groups where 总计 ≠ 维持 + 纠正 + 其他 + 尚未审结.
    pub violations: Vec<&'static str>,
    pub anomalies: Vec<Anomaly>,
}

/// The column a proceeding filed in `year` falls in: its result if it was
/// concluded by 31 December, else 尚未审结.
pub fn four_column(p: &ProceedingFacts, year: i32) -> usize {
    let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
    match (p.outcome, p.concluded_on) {
        (ProceedingOutcome::Pending, _) | (_, None) => 3,
        (_, Some(d)) if d > end => 3,
        (o, Some(_)) => ProceedingOutcome::ALL
            .iter()
            .position(|x| *x == o)
            .unwrap_or(2),
    }
}

fn group(kind: ProceedingKind) -> usize {
    ProceedingKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(0)
}

/// Table 四 for `year`: the proceedings filed that year. 总计 is counted on its own
/// (every proceeding filed in the year), so the invariant is a real check.
pub fn table_four(year: i32, all: &[ProceedingFacts]) -> TableFour {
    let mut t = TableFour {
        year,
        cells: [[0; 5]; 3],
        violations: Vec::new(),
        anomalies: Vec::new(),
    };
    for p in all.iter().filter(|p| p.filed_on.year() == year) {
        let g = group(p.kind);
        t.cells[g][four_column(p, year)] += 1;
        t.cells[g][4] += 1;
        let member = Member {
            id: p.case_id,
            label: p.receipt_no.clone(),
        };
        if p.outcome != ProceedingOutcome::Pending && p.concluded_on.is_none() {
            t.anomalies.push(Anomaly {
                member: member.clone(),
                reason: format!(
                    "{}已有结果“{}”但没有审结日期",
                    p.kind.label(),
                    p.outcome.label()
                ),
            });
        }
        if p.concluded_on.is_some_and(|d| d < p.filed_on) {
            t.anomalies.push(Anomaly {
                member: member.clone(),
                reason: format!("{}的审结日期早于提起日期", p.kind.label()),
            });
        }
        if p.kind == ProceedingKind::SuitAfterReview
            && !all.iter().any(|r| {
                r.case_id == p.case_id
                    && r.kind == ProceedingKind::Review
                    && r.filed_on <= p.filed_on
            })
        {
            t.anomalies.push(Anomaly {
                member,
                reason: "复议后起诉，但该申请没有登记行政复议".into(),
            });
        }
    }
    for (g, k) in ProceedingKind::ALL.iter().enumerate() {
        let c = t.cells[g];
        if c[0] + c[1] + c[2] + c[3] != c[4] {
            t.violations.push(k.label());
        }
    }
    t
}

/// How a normative document or 规章 stopped being in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Ended {
    /// 废止 (by decision)
    Repealed,
    /// 已修改 (replaced by a new version)
    Amended,
    /// 失效 (its period of validity ended)
    Lapsed,
}

/// What table 二 needs of one 规章 or 行政规范性文件.
#[derive(Debug, Clone)]
pub struct DocFacts {
    pub id: i64,
    pub title: String,
    /// 规章 (promulgated by 令) rather than 行政规范性文件.
    pub rule: bool,
    /// 制发: the 成文日期 (or, without it, the publication day).
    pub issued_on: Option<NaiveDate>,
    /// The first day it is no longer in force, and why.
    pub ended: Option<(NaiveDate, Ended)>,
}

/// One line of table 二's 第二十条第（一）项.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct IssueLine {
    /// 本年制发件数
    pub issued: i64,
    /// 本年废止件数 (by decision; 失效 and 已修改 are shown beside the table)
    pub repealed: i64,
    /// 现行有效件数 on 31 December
    pub in_force: i64,
    /// Lapsed or replaced this year (not a column of the national table).
    pub lapsed_or_amended: i64,
    /// 现行有效 on 31 December of the year before.
    pub in_force_before: i64,
}

impl IssueLine {
    /// 上年现行有效 + 本年制发 − 本年废止 − 本年失效或修改 = 本年现行有效.
    pub fn balanced(&self) -> bool {
        self.in_force_before + self.issued - self.repealed - self.lapsed_or_amended == self.in_force
    }
}

/// The figures of table 二 the platform computes (规章, 规范性文件, 行政处罚) and
/// the ones staff enter (许可, 强制, 收费).
#[derive(Debug, Clone, Serialize)]
pub struct TableTwo {
    pub year: i32,
    pub rules: IssueLine,
    pub normative: IssueLine,
    pub penalties: i64,
    pub fines_cents: i64,
    pub anomalies: Vec<Anomaly>,
    pub violations: Vec<&'static str>,
}

fn in_force_on(d: &DocFacts, day: NaiveDate) -> bool {
    d.issued_on.is_some_and(|i| i <= day) && d.ended.is_none_or(|(e, _)| e > day)
}

/// The line of table 二 for the documents `docs` (one kind) in `year`.
pub fn issue_line(year: i32, docs: &[&DocFacts]) -> IssueLine {
    let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
    let before = NaiveDate::from_ymd_opt(year - 1, 12, 31).unwrap_or(NaiveDate::MIN);
    let mut l = IssueLine::default();
    for d in docs {
        if d.issued_on.is_some_and(|i| i.year() == year) {
            l.issued += 1;
        }
        match d.ended {
            Some((e, Ended::Repealed)) if e.year() == year => l.repealed += 1,
            Some((e, _)) if e.year() == year => l.lapsed_or_amended += 1,
            _ => {}
        }
        l.in_force += i64::from(in_force_on(d, end));
        l.in_force_before += i64::from(in_force_on(d, before));
    }
    l
}

/// Table 二 from the documents and the penalty decisions `(id, decision_no,
/// decided_on, fine_cents)`.
pub fn table_two(
    year: i32,
    docs: &[DocFacts],
    penalties: &[(i64, String, NaiveDate, i64)],
) -> TableTwo {
    let rules: Vec<&DocFacts> = docs.iter().filter(|d| d.rule).collect();
    let normative: Vec<&DocFacts> = docs.iter().filter(|d| !d.rule).collect();
    let mut t = TableTwo {
        year,
        rules: issue_line(year, &rules),
        normative: issue_line(year, &normative),
        penalties: 0,
        fines_cents: 0,
        anomalies: Vec::new(),
        violations: Vec::new(),
    };
    for (_, _, on, fine) in penalties.iter().filter(|p| p.2.year() == year) {
        let _ = on;
        t.penalties += 1;
        t.fines_cents += fine;
    }
    for d in docs {
        let member = Member {
            id: d.id,
            label: d.title.clone(),
        };
        match (d.issued_on, d.ended) {
            (None, _) => t.anomalies.push(Anomaly {
                member,
                reason: "没有成文日期或发布日期，无法计入制发件数".into(),
            }),
            (Some(i), Some((e, _))) if e < i => t.anomalies.push(Anomaly {
                member,
                reason: format!("废止或失效日期{e}早于成文日期{i}"),
            }),
            _ => {}
        }
    }
    if !t.rules.balanced() {
        t.violations.push("规章");
    }
    if !t.normative.balanced() {
        t.violations.push("行政规范性文件");
    }
    t
}

/// The members of a figure of table 二 (`line`: rules / normative; `col`: issued,
/// repealed, in_force).
pub fn two_members(year: i32, docs: &[DocFacts], line: &str, col: &str) -> Vec<Member> {
    let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
    docs.iter()
        .filter(|d| d.rule == (line == "rules"))
        .filter(|d| match col {
            "issued" => d.issued_on.is_some_and(|i| i.year() == year),
            "repealed" => matches!(d.ended, Some((e, Ended::Repealed)) if e.year() == year),
            "in_force" => in_force_on(d, end),
            _ => false,
        })
        .map(|d| Member {
            id: d.id,
            label: d.title.clone(),
        })
        .collect()
}

/// The members of a cell of table 四 (`group`, `col` as indexes; col 4 = 总计).
pub fn four_members(
    year: i32,
    all: &[ProceedingFacts],
    group_ix: usize,
    col: usize,
) -> Vec<Member> {
    all.iter()
        .filter(|p| p.filed_on.year() == year && group(p.kind) == group_ix)
        .filter(|p| col == 4 || four_column(p, year) == col)
        .map(|p| Member {
            id: p.case_id,
            label: p.receipt_no.clone(),
        })
        .collect()
}

/// 元 in cents as 万元 with four decimals, as the table writes amounts.
pub fn wan_yuan(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let c = cents.unsigned_abs();
    // 1 万元 = 1 000 000 cents; four decimals = units of 100 cents (1 元).
    let whole = c / 1_000_000;
    let frac = (c % 1_000_000) / 100;
    format!("{sign}{whole}.{frac:04}")
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;
