//! Rules of 意见征集 (docs/RULES.md § 政民互动): consultation kinds and their least
//! periods, the draft cut into articles (第X条) for comments on one article or a
//! passage of it, adoption decisions and the published counts. Pure functions.

use chrono::{NaiveDate, TimeDelta};
use workday::Calendar;

use crate::config::InteractSettings;

code_enum!(
    /// 征集类型
    ConsultKind {
        MajorDecision = ("major_decision", "重大行政决策"),
        Normative = ("normative", "行政规范性文件"),
        Other = ("other", "其他"),
    }
);

code_enum!(
    /// 采纳情况
    Decision {
        Adopted = ("adopted", "采纳"),
        Partly = ("partly", "部分采纳"),
        NotAdopted = ("not_adopted", "未采纳"),
    }
);

/// Where a consultation stands on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    NotYet,
    Open,
    Closed,
}

impl Phase {
    pub fn of(opens: NaiveDate, closes: NaiveDate, today: NaiveDate) -> Phase {
        if today < opens {
            Phase::NotYet
        } else if today <= closes {
            Phase::Open
        } else {
            Phase::Closed
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Phase::NotYet => "尚未开始",
            Phase::Open => "征集中",
            Phase::Closed => "已结束",
        }
    }
}

/// The earliest closing date the kind allows for a consultation opening on
/// `opens`: 重大行政决策 a number of calendar days (default 30), 行政规范性文件 a
/// number of working days (default 7) on the calendar, 其他 none.
pub fn least_close(
    cal: &Calendar,
    s: &InteractSettings,
    kind: ConsultKind,
    opens: NaiveDate,
) -> Result<Option<NaiveDate>, workday::Error> {
    Ok(match kind {
        ConsultKind::MajorDecision => {
            Some(opens + TimeDelta::days(i64::from(s.major_decision_days.max(1)) - 1))
        }
        ConsultKind::Normative => {
            Some(cal.add_workdays(opens, s.normative_workdays.saturating_sub(1))?)
        }
        ConsultKind::Other => None,
    })
}

/// Why the dates are refused, if they are: the end before the start, or a period
/// shorter than the least one without a reason given.
pub fn period_problem(
    cal: &Calendar,
    s: &InteractSettings,
    kind: ConsultKind,
    opens: NaiveDate,
    closes: NaiveDate,
    short_reason: &str,
) -> Option<String> {
    if closes < opens {
        return Some("截止日期不能早于开始日期".into());
    }
    match least_close(cal, s, kind, opens) {
        Err(e) => Some(e.to_string()),
        Ok(Some(least)) if closes < least && short_reason.trim().is_empty() => Some(format!(
            "{}征集期限应至少至{least}（{}）；确需缩短的，请填写缩短理由（将向公众显示）",
            kind.label(),
            match kind {
                ConsultKind::MajorDecision => format!("{}日", s.major_decision_days),
                _ => format!("{}个工作日", s.normative_workdays),
            }
        )),
        _ => None,
    }
}

/// One block of a draft: an article (第X条, with its number) or a line outside
/// articles (title, 章/节 headings, preamble).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub article: Option<u32>,
    pub label: String,
    pub text: String,
}

/// A Chinese number up to 999 (一, 十二, 二十, 一百零五) or ASCII digits.
pub fn cn_number(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse() {
        return Some(n);
    }
    let digit = |c: char| "零一二三四五六七八九".chars().position(|d| d == c);
    let (mut total, mut cur) = (0u32, None::<u32>);
    for c in s.chars() {
        match c {
            '百' => {
                total += cur.unwrap_or(1) * 100;
                cur = None;
            }
            '十' => {
                total += cur.unwrap_or(1) * 10;
                cur = None;
            }
            '两' => cur = Some(2),
            _ => cur = Some(u32::try_from(digit(c)?).ok()?),
        }
    }
    let n = total + cur.unwrap_or(0);
    (n > 0).then_some(n)
}

/// The article number a line starts with ("第三条　…" → 3), if any.
fn article_start(line: &str) -> Option<(u32, String)> {
    let rest = line.trim_start().strip_prefix('第')?;
    let end = rest.find('条')?;
    let num = &rest[..end];
    if num.is_empty() || num.chars().count() > 6 {
        return None;
    }
    Some((cn_number(num)?, format!("第{num}条")))
}

/// The draft cut into blocks: each article runs from its 第X条 line to the next
/// article or heading; other non-empty lines are blocks of their own.
pub fn blocks(draft: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut in_article = false;
    for line in draft.lines() {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if let Some((n, label)) = article_start(t) {
            out.push(Block {
                article: Some(n),
                label,
                text: t.to_string(),
            });
            in_article = true;
        } else if in_article && !is_heading(t) {
            if let Some(last) = out.last_mut() {
                last.text.push('\n');
                last.text.push_str(t);
            }
        } else {
            in_article = false;
            out.push(Block {
                article: None,
                label: String::new(),
                text: t.to_string(),
            });
        }
    }
    out
}

/// A 章 or 节 heading ("第二章　管理职责").
fn is_heading(line: &str) -> bool {
    line.strip_prefix('第').is_some_and(|r| {
        r.char_indices()
            .take(6)
            .any(|(_, c)| c == '章' || c == '节' || c == '编')
    })
}

/// Counts of decisions over the comments of a consultation: (采纳, 部分采纳, 未采纳,
/// 未处理).
pub fn tally(decisions: &[Option<Decision>]) -> (usize, usize, usize, usize) {
    let n = |d: Option<Decision>| decisions.iter().filter(|x| **x == d).count();
    (
        n(Some(Decision::Adopted)),
        n(Some(Decision::Partly)),
        n(Some(Decision::NotAdopted)),
        n(None),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    const DRAFT: &str = "上海市城市管理行政执法局关于规范夜间施工管理的规定（征求意见稿）\n\
        第一章　总则\n\
        第一条　为了规范夜间施工管理，制定本规定。\n\
        第二条　本规定适用于本市行政区域。\n\
        第二章　管理\n\
        第三条　夜间施工应当取得许可。\n\
        施工单位应当公示许可内容。\n\
        第十二条　本规定自发布之日起施行。\n";

    #[test]
    fn the_draft_is_cut_into_articles_with_their_paragraphs() {
        let b = blocks(DRAFT);
        let arts: Vec<(u32, &str)> = b
            .iter()
            .filter_map(|x| x.article.map(|n| (n, x.label.as_str())))
            .collect();
        assert_eq!(
            arts,
            vec![
                (1, "第一条"),
                (2, "第二条"),
                (3, "第三条"),
                (12, "第十二条")
            ]
        );
        let third = b.iter().find(|x| x.article == Some(3)).expect("article 3");
        assert!(third.text.contains("公示许可内容"), "{third:?}");
        assert!(
            b.iter()
                .any(|x| x.article.is_none() && x.text.starts_with("第二章"))
        );
        assert_eq!(b[0].article, None);
    }

    #[test]
    fn chinese_numbers_read() {
        assert_eq!(cn_number("三"), Some(3));
        assert_eq!(cn_number("十"), Some(10));
        assert_eq!(cn_number("十二"), Some(12));
        assert_eq!(cn_number("二十"), Some(20));
        assert_eq!(cn_number("二十五"), Some(25));
        assert_eq!(cn_number("一百零五"), Some(105));
        assert_eq!(cn_number("7"), Some(7));
        assert_eq!(cn_number("甲"), None);
    }

    #[test]
    fn periods_are_checked_per_kind() {
        let cal = workday::builtin();
        let s = InteractSettings::default();
        let opens = d("2025-06-02");
        let major = ConsultKind::MajorDecision;
        assert!(period_problem(&cal, &s, major, opens, d("2025-07-01"), "").is_none());
        let short = period_problem(&cal, &s, major, opens, d("2025-06-20"), "");
        assert!(short.is_some_and(|m| m.contains("30日")));
        assert!(period_problem(&cal, &s, major, opens, d("2025-06-20"), "紧急情况").is_none());
        let norm = ConsultKind::Normative;
        // 7 working days from Monday 06-02 end on Tuesday 06-10.
        assert!(period_problem(&cal, &s, norm, opens, d("2025-06-10"), "").is_none());
        assert!(period_problem(&cal, &s, norm, opens, d("2025-06-09"), "").is_some());
        assert!(period_problem(&cal, &s, ConsultKind::Other, opens, opens, "").is_none());
        assert!(
            period_problem(&cal, &s, ConsultKind::Other, opens, d("2025-06-01"), "")
                .is_some_and(|m| m.contains("早于"))
        );
    }

    #[test]
    fn phases_and_tally() {
        let (o, c) = (d("2025-06-02"), d("2025-06-10"));
        assert_eq!(Phase::of(o, c, d("2025-06-01")), Phase::NotYet);
        assert_eq!(Phase::of(o, c, c), Phase::Open);
        assert_eq!(Phase::of(o, c, d("2025-06-11")), Phase::Closed);
        let t = tally(&[
            Some(Decision::Adopted),
            Some(Decision::NotAdopted),
            None,
            Some(Decision::Adopted),
        ]);
        assert_eq!(t, (2, 0, 1, 1));
    }
}
