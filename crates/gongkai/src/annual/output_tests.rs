//! The report's tables in the shape of the national format, and the report written
//! as DOCX and PDF (GONGKAI_ANNUAL_PNG_DIR keeps the files and, with poppler-utils,
//! the PDF's pages as PNG).

use chrono::NaiveDate;

use super::*;
use crate::foi::model::{ApplicantKind, Ground, Row};
use crate::foi::report::CaseFacts;
use model::{IssueLine, ProceedingFacts, ProceedingKind};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

/// A year like the demo's: applications of every kind of applicant and most
/// results, some carried over, three proceedings.
pub(super) fn demo() -> (Computed, Draft) {
    let kinds = ApplicantKind::ALL;
    let rows = Row::all();
    let mut cases = Vec::new();
    for i in 0..40 {
        let concluded = (i % 9 != 0).then(|| d("2025-06-20"));
        cases.push(CaseFacts {
            id: i,
            receipt_no: format!("YSQ2025{i:06}"),
            kind: kinds[(i as usize * 7) % kinds.len()],
            received_on: Some(if i < 3 {
                d("2024-12-20")
            } else {
                d("2025-03-01")
            }),
            concluded_on: concluded,
            row: concluded.map(|_| rows[(i as usize * 5) % rows.len()]),
        });
    }
    let three = crate::foi::report::table_three(2025, &cases);
    let pf = |id, kind, outcome, concluded: Option<&str>| ProceedingFacts {
        id,
        case_id: id,
        receipt_no: format!("YSQ{id}"),
        kind,
        filed_on: d("2025-05-01"),
        outcome,
        concluded_on: concluded.map(d),
    };
    let proceedings = vec![
        pf(
            1,
            ProceedingKind::Review,
            ProceedingOutcome::Upheld,
            Some("2025-07-01"),
        ),
        pf(2, ProceedingKind::Review, ProceedingOutcome::Pending, None),
        pf(
            3,
            ProceedingKind::SuitAfterReview,
            ProceedingOutcome::Corrected,
            Some("2025-10-01"),
        ),
    ];
    let mut two = model::table_two(2025, &[], &[]);
    two.rules = IssueLine {
        issued: 0,
        repealed: 0,
        in_force: 2,
        ..Default::default()
    };
    two.normative = IssueLine {
        issued: 7,
        repealed: 1,
        in_force: 31,
        ..Default::default()
    };
    two.penalties = 1234;
    let units = [crate::auth::store::UnitRow::sample(
        1,
        "上海市某某区城市管理行政执法局",
        crate::auth::roles::UnitKind::District,
        None,
    )];
    let c = Computed {
        year: 2025,
        organ: crate::annual::organ::Organ::of(&units, 1).expect("organ"),
        two,
        three,
        four: model::table_four(2025, &proceedings),
        docs: Vec::new(),
        penalties: Vec::new(),
        cases: Vec::new(),
        proceedings,
        trainings: Vec::new(),
        training: Default::default(),
    };
    let mut dr = report::default_draft(&c);
    dr.overview = "2025年，本局认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开。".into();
    dr.problems = "一是政策解读形式较为单一；二是依申请公开办理时限管理需进一步加强。".into();
    dr.licences = 56;
    dr.coercions = 3;
    dr.fees_yuan = 0;
    (c, dr)
}

fn texts(t: &Table) -> Vec<Vec<&str>> {
    t.rows
        .iter()
        .map(|r| r.iter().map(|c| c.text.as_str()).collect())
        .collect()
}

#[test]
fn table_two_has_the_items_of_article_20() {
    let (c, dr) = demo();
    let t = table_two(&c, &dr);
    let rows = texts(&t);
    assert_eq!(rows[0], ["第二十条第（一）项"]);
    assert_eq!(t.rows[0][0].cols, 4);
    assert_eq!(
        rows[1],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    );
    assert_eq!(rows[3], ["行政规范性文件", "7", "1", "31"]);
    assert!(rows.contains(&vec!["行政许可", "56"]));
    assert!(rows.contains(&vec!["行政处罚", "1234"]));
    assert!(rows.contains(&vec!["行政强制", "3"]));
    assert!(rows.contains(&vec!["信息内容", "本年收费金额（单位：万元）"]));
    assert_eq!(rows.last(), Some(&vec!["行政事业性收费", "0.0000"]));
    // Every row covers the four columns.
    assert!(
        t.rows
            .iter()
            .all(|r| r.iter().map(|c| c.cols).sum::<usize>() == 4)
    );
}

#[test]
fn table_three_has_the_national_heads_and_label_columns() {
    let (c, _) = demo();
    let t = table_three(&c.three);
    assert_eq!(t.header_rows, 3);
    let rows = texts(&t);
    assert_eq!(rows[0][1], "申请人情况");
    assert_eq!((t.rows[0][0].cols, t.rows[0][0].rows), (3, 3));
    assert_eq!(rows[1], ["自然人", "法人或其他组织", "总计"]);
    assert_eq!(
        rows[2],
        [
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他"
        ]
    );
    // Each body row: label cells over three columns, then seven figures.
    let (placed, occ) = t.place();
    assert!(
        occ.iter().all(|r| r.iter().all(Option::is_some)),
        "grid full"
    );
    assert_eq!(occ[0].len(), 10);
    let at = |text: &str| {
        placed
            .iter()
            .find(|p| p.cell.text.replace('\n', "") == text)
            .unwrap_or_else(|| panic!("{text}"))
    };
    let results = at("三、本年度办理结果");
    assert_eq!((results.col, results.cols), (0, 1));
    // （一）… （七）总计: 2 + 8 + 3 + 5 + 3 + 1 rows, no 小计.
    assert_eq!(results.rows, 22);
    assert!(placed.iter().all(|p| p.cell.text != "小计"));
    let withheld = at("（三）不予公开");
    assert_eq!(
        (withheld.col, withheld.rows, withheld.row),
        (1, 8, results.row + 2)
    );
    assert_eq!(at("（七）总计").cols, 2);
    assert_eq!(at("一、本年新收政府信息公开申请数量").cols, 3);
    let last = &t.rows[t.rows.len() - 1];
    assert_eq!(last[0].text, "四、结转下年度继续办理");
    let figures: Vec<i64> = last[1..]
        .iter()
        .map(|c| c.text.parse().expect("n"))
        .collect();
    assert_eq!(figures, c.three.carried_out);
    assert_eq!(at(&Row::Withheld(Ground::ALL[0]).label()).col, 2);
}

#[test]
fn table_four_is_one_row_of_fifteen_under_the_national_heads() {
    let (c, _) = demo();
    let t = table_four(&c);
    let rows = texts(&t);
    assert_eq!(rows[0], ["行政复议", "行政诉讼"]);
    assert_eq!(rows[1][4..], ["总计", "未经复议直接起诉", "复议后起诉"]);
    assert_eq!(rows[2].len(), 10);
    let figures: Vec<&str> = rows[3].clone();
    assert_eq!(
        figures,
        [
            "1", "0", "0", "1", "2", "0", "0", "0", "0", "0", "0", "1", "0", "0", "1"
        ]
    );
    assert!(t.place().1.iter().all(|r| r.iter().all(Option::is_some)));
}

/// Writes the report; renders its pages with poppler where installed.
#[test]
fn the_report_is_written_with_real_tables() {
    let (c, dr) = demo();
    let l = letter(&c, &dr, "上海市某某区城市管理行政执法局", "2026年1月20日");
    assert_eq!(l.paras.iter().filter(|p| p.table.is_some()).count(), 3);
    let dir = std::env::var("GONGKAI_ANNUAL_PNG_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| std::env::temp_dir().join("gongkai-annual-output"));
    std::fs::create_dir_all(&dir).expect("dir");
    let docx = officedoc::docx(&l).expect("docx");
    std::fs::write(dir.join("annual-tables.docx"), &docx).expect("write");
    let fonts = crate::foi::letter_doc::load_fonts("");
    let pdf = officedoc::pdf(&l, fonts.as_ref()).expect("pdf");
    let path = dir.join("annual-tables.pdf");
    std::fs::write(&path, &pdf).expect("write");
    let Ok(out) = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(&path)
        .arg("-")
        .output()
    else {
        assert!(std::env::var("CI").is_err(), "CI installs poppler-utils");
        eprintln!("pdftotext missing: the PDF is not read back");
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    for want in [
        "申请人情况",
        "法人或其他组织",
        "未经复议直接起诉",
        "本年收费金额（单位：万元）",
        "四、结转下年度继续办理",
    ] {
        assert!(text.contains(want), "{want}: {text}");
    }
    if fonts.is_some() {
        let png = std::process::Command::new("pdftoppm")
            .args(["-png", "-r", "60"])
            .arg(&path)
            .arg(dir.join("annual-tables"))
            .output()
            .expect("pdftoppm");
        assert!(png.status.success());
    }
}
