//! A year's report put together: the computed tables (二 from documents and
//! penalties, 三 from `foi::report`, 四 from the proceedings), the staff's text
//! (with a first draft that carries the figures), and the report as the rich text
//! of the 年报 document the portal publishes.

use chrono::{Datelike, NaiveDate};

use super::model::{self, Member, TableFour, TableTwo};
use super::organ::Organ;
use super::store::{self, Draft};
use crate::foi::report::{CaseFacts, TableThree};
use crate::state::AppState;

/// What a member of staff must replace before the report can go out.
pub const FILL_IN: &str = "【请填写】";

pub struct Computed {
    pub year: i32,
    /// The organ whose report it is.
    pub organ: Organ,
    pub two: TableTwo,
    pub three: TableThree,
    pub four: TableFour,
    pub docs: Vec<model::DocFacts>,
    pub penalties: Vec<(i64, String, NaiveDate, i64)>,
    pub cases: Vec<CaseFacts>,
    pub proceedings: Vec<model::ProceedingFacts>,
    /// The year's 政府信息公开 training sessions (培训记录).
    pub trainings: Vec<crate::training::store::TrainingRow>,
    pub training: crate::training::model::Summary,
}

/// The tables of `organ`'s report for `year`: only the records of its own units
/// count (see `organ::Organ::counts`).
pub async fn compute(state: &AppState, year: i32, organ: &Organ) -> anyhow::Result<Computed> {
    let docs = store::doc_facts(&state.db, organ).await?;
    let penalties = store::penalty_facts(&state.db, year, organ).await?;
    let cases = crate::foi::store::report_facts(&state.db, year, Some(organ.members())).await?;
    let proceedings: Vec<model::ProceedingFacts> = store::proceedings(&state.db, organ)
        .await?
        .iter()
        .map(|p| p.facts())
        .collect();
    let trainings: Vec<_> = crate::training::store::list(&state.db, Some(year))
        .await?
        .into_iter()
        .filter(|t| organ.counts_training(t.unit_id))
        .collect();
    let training = crate::training::admin::summary_of(&trainings);
    Ok(Computed {
        organ: organ.clone(),
        trainings,
        training,
        year,
        two: model::table_two(year, &docs, &penalties),
        three: crate::foi::report::table_three(year, &cases),
        four: model::table_four(year, &proceedings),
        docs,
        penalties,
        cases,
        proceedings,
    })
}

/// The sentence of 总体情况 that carries the computed figures (the first paragraph
/// of the first draft; refreshed on request when the figures change).
pub fn figures_sentence(c: &Computed) -> String {
    let t3 = &c.three;
    let reviews = c.four.cells[0][4];
    let suits = c.four.cells[1][4] + c.four.cells[2][4];
    format!(
        "{year}年，{organ}认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外。\
本年制发行政规范性文件{n}件，现行有效{f}件；作出行政处罚决定{p}件；新收政府信息公开申请{a}件，上年结转{b}件，\
本年办结{d}件；因政府信息公开被申请行政复议{reviews}件、被提起行政诉讼{suits}件。",
        organ = c.organ.name,
        year = c.year,
        n = c.two.normative.issued,
        f = c.two.normative.in_force,
        p = c.two.penalties,
        a = t3.new[6],
        b = t3.carried_in[6],
        d = t3.total[6],
    )
}

/// Whether a saved 总体情况 still opens with the figures sentence, but with
/// figures that are no longer the computed ones (records changed after it was
/// saved). Text that staff rewrote from the start is theirs and is not flagged.
pub fn figures_stale(c: &Computed, overview: &str) -> bool {
    let fresh = figures_sentence(c);
    let lead = format!("{}年，{}认真贯彻落实", c.year, c.organ.name);
    let first = overview.lines().next().unwrap_or_default().trim();
    first.starts_with(&lead) && first != fresh
}

/// 总体情况 with its first line (the figures sentence) replaced by the computed one.
pub fn refresh_figures(c: &Computed, overview: &str) -> String {
    let rest: Vec<&str> = overview.lines().skip(1).collect();
    let mut out = figures_sentence(c);
    if !rest.is_empty() {
        out.push('\n');
        out.push_str(&rest.join("\n"));
    }
    out
}

/// The first draft of the staff's text, with the computed figures in it.
pub fn default_draft(c: &Computed) -> Draft {
    Draft {
        year: i64::from(c.year),
        organ_id: c.organ.id,
        overview: format!(
            "{}\n{FILL_IN}（主动公开、依申请公开、政府信息管理、平台建设、监督保障等方面的工作情况）",
            figures_sentence(c)
        ),
        problems: format!("{FILL_IN}（存在的主要问题，以及上一年度问题的改进情况）"),
        other_matters: format!(
            "本年度依据《政府信息公开信息处理费管理办法》收取信息处理费{}元。\n{}\n{FILL_IN}（会议公开、政府开放日、网民留言办理等情况）",
            0,
            crate::training::model::report_sentence(c.year, &c.training)
        ),
        ..Default::default()
    }
}

/// The members of the figure named by `table`/`line`/`col` (the drill-down).
pub fn members(c: &Computed, table: &str, line: &str, col: &str) -> Vec<(String, Member)> {
    let doc = |m: Member| (format!("/admin/docs/{}", m.id), m);
    let case = |m: Member| (format!("/admin/foi/{}", m.id), m);
    match table {
        "two" if line == "penalties" => c
            .penalties
            .iter()
            .map(|(id, no, _, _)| {
                (
                    format!("/admin/penalties/{id}"),
                    Member {
                        id: *id,
                        label: no.clone(),
                    },
                )
            })
            .collect(),
        "two" => model::two_members(c.year, &c.docs, line, col)
            .into_iter()
            .map(doc)
            .collect(),
        "four" => model::four_members(
            c.year,
            &c.proceedings,
            line.parse().unwrap_or(9),
            col.parse().unwrap_or(9),
        )
        .into_iter()
        .map(case)
        .collect(),
        "training" => c
            .trainings
            .iter()
            .map(|t| {
                (
                    format!("/admin/trainings/{}", t.id),
                    Member {
                        id: t.id,
                        label: format!("{} {}（{}人）", t.held_on, t.topic, t.attendance),
                    },
                )
            })
            .collect(),
        "three" => three_members(c, line, col.parse().unwrap_or(6))
            .into_iter()
            .map(case)
            .collect(),
        _ => Vec::new(),
    }
}

/// The cases behind a line of table 三 (`new`, `carried_in`, `carried_out`, `total`
/// or a result row's index) for a column (6 = 总计).
fn three_members(c: &Computed, line: &str, col: usize) -> Vec<Member> {
    let year = c.year;
    let (Some(first), Some(last)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) else {
        return Vec::new();
    };
    let rows = crate::foi::model::Row::all();
    c.cases
        .iter()
        .filter(|f| col == 6 || crate::foi::report::column(f.kind) == col)
        .filter(|f| {
            let Some(r) = f.received_on else { return false };
            let open_at = |day: NaiveDate| r <= day && f.concluded_on.is_none_or(|d| d > day);
            let done_in_year = f.concluded_on.is_some_and(|d| d.year() == year);
            match line {
                "new" => r.year() == year,
                "carried_in" => r < first && open_at(first.pred_opt().unwrap_or(first)),
                "carried_out" => r <= last && open_at(last),
                "total" => done_in_year && f.row.is_some(),
                ix => {
                    let ix: usize = ix.parse().unwrap_or(usize::MAX);
                    done_in_year && f.row.is_some_and(|row| rows.get(ix) == Some(&row))
                }
            }
        })
        .map(|f| Member {
            id: f.id,
            label: f.receipt_no.clone(),
        })
        .collect()
}

fn cell(n: i64) -> String {
    n.to_string()
}

/// The report as the rich text of the 年报 document (headings, the tables as
/// `| … |` rows).
pub fn body(c: &Computed, d: &Draft) -> String {
    let mut out: Vec<String> = vec![
        "## 一、总体情况".into(),
        d.overview.trim().to_string(),
        "## 二、主动公开政府信息情况".into(),
        "| 第二十条第（一）项 | 本年制发件数 | 本年废止件数 | 现行有效件数 |".into(),
        "| --- | --- | --- | --- |".into(),
    ];
    for (name, l) in [("规章", c.two.rules), ("行政规范性文件", c.two.normative)] {
        out.push(format!(
            "| {name} | {} | {} | {} |",
            l.issued, l.repealed, l.in_force
        ));
    }
    out.push(String::new());
    out.push("| 第二十条第（五）项、第（六）项 | 本年处理决定数量 |".into());
    out.push("| --- | --- |".into());
    out.push(format!("| 行政许可 | {} |", d.licences));
    out.push(format!("| 行政处罚 | {} |", c.two.penalties));
    out.push(format!("| 行政强制 | {} |", d.coercions));
    out.push(String::new());
    out.push("| 第二十条第（八）项 | 本年收费金额（万元） |".into());
    out.push("| --- | --- |".into());
    out.push(format!(
        "| 行政事业性收费 | {} |",
        model::wan_yuan(d.fees_yuan * 100)
    ));
    out.push("## 三、收到和处理政府信息公开申请情况".to_string());
    let cols = crate::foi::report::COLUMNS;
    out.push(format!("| 项目 | | {} |", cols.join(" | ")));
    out.push(format!("| --- | --- |{}", " --- |".repeat(cols.len())));
    for l in crate::foi::admin_report::report_lines(&c.three) {
        let nums: Vec<String> = l.counts.iter().map(|n| cell(*n)).collect();
        out.push(format!(
            "| {} | {} | {} |",
            l.group,
            l.label,
            nums.join(" | ")
        ));
    }
    out.push("## 四、政府信息公开行政复议、行政诉讼情况".to_string());
    out.push("| 类别 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |".into());
    out.push("| --- | --- | --- | --- | --- | --- |".into());
    for (g, k) in model::ProceedingKind::ALL.iter().enumerate() {
        let nums: Vec<String> = c.four.cells[g].iter().map(|n| cell(*n)).collect();
        out.push(format!("| {} | {} |", k.label(), nums.join(" | ")));
    }
    out.push("## 五、存在的主要问题及改进情况".to_string());
    out.push(d.problems.trim().to_string());
    out.push("## 六、其他需要报告的事项".to_string());
    out.push(d.other_matters.trim().to_string());
    out.join("\n")
}

/// What staff should look at without it stopping the report: a year without any
/// 政府信息公开 training session.
pub fn warnings(c: &Computed) -> Vec<String> {
    crate::training::model::warning(c.year, &c.training)
        .into_iter()
        .collect()
}

/// Why the report cannot go out yet (an invariant broken, text left to fill in).
pub fn blockers(c: &Computed, d: &Draft) -> Vec<String> {
    let mut v = Vec::new();
    if !c.three.violations.is_empty() {
        v.push("表三不满足“一 + 二 = （七）总计 + 四”".to_string());
    }
    for g in &c.four.violations {
        v.push(format!("表四“{g}”的总计与各项之和不等"));
    }
    for g in &c.two.violations {
        v.push(format!(
            "表二“{g}”：上年现行有效 + 本年制发 − 本年废止 − 本年失效或修改 ≠ 本年现行有效"
        ));
    }
    for (name, text) in [
        ("总体情况", &d.overview),
        ("存在的主要问题及改进情况", &d.problems),
        ("其他需要报告的事项", &d.other_matters),
    ] {
        if text.contains(FILL_IN) {
            v.push(format!("“{name}”中还有{FILL_IN}的内容"));
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn computed(penalties: usize) -> Computed {
        let units = vec![crate::auth::store::UnitRow::sample(
            1,
            "某市城管执法局",
            crate::auth::roles::UnitKind::Other,
            None,
        )];
        let day = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap_or_default();
        let penalties: Vec<(i64, String, NaiveDate, i64)> = (0..penalties)
            .map(|i| (i as i64, format!("罚{i}"), day, 100))
            .collect();
        Computed {
            year: 2025,
            organ: Organ::of(&units, 1).expect("organ"),
            two: model::table_two(2025, &[], &penalties),
            three: crate::foi::report::table_three(2025, &[]),
            four: model::table_four(2025, &[]),
            docs: Vec::new(),
            penalties,
            cases: Vec::new(),
            proceedings: Vec::new(),
            trainings: Vec::new(),
            training: Default::default(),
        }
    }

    #[test]
    fn a_saved_overview_with_old_figures_is_flagged_and_refreshed() {
        let then = computed(2);
        let draft = default_draft(&then);
        assert!(draft.overview.contains("作出行政处罚决定2件"));
        assert!(!figures_stale(&then, &draft.overview), "fresh draft");
        let now = computed(3);
        assert!(figures_stale(&now, &draft.overview));
        let refreshed = refresh_figures(&now, &draft.overview);
        assert!(refreshed.contains("作出行政处罚决定3件"));
        assert!(refreshed.ends_with(draft.overview.lines().nth(1).unwrap_or("?")));
        assert!(!figures_stale(&now, &refreshed));
        // Text rewritten by staff from the start is left alone.
        assert!(!figures_stale(&now, "本局全年主动公开……"));
    }
}
