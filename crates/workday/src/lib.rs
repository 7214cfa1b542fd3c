//! The Chinese working-day calendar (工作日): Monday–Friday, minus statutory holidays
//! and 调休 rest days, plus 调休 make-up working days, as announced each year by the
//! State Council notice 《国务院办公厅关于20XX年部分节假日安排的通知》.
//!
//! The calendar is data: [`builtin`] holds every year from 2004 to 2026 (see
//! `data/cn.txt`); administrators add later years in the same text format, parsed and
//! validated by [`parse`]. A date in a year without data is an explicit
//! [`Error::NoData`], never a silent Monday–Friday guess.
//!
//! Counting follows docs/RULES.md § "Counting": "within N working days from day D" —
//! D itself is not counted and the deadline is the Nth working day after D
//! ([`Calendar::add_workdays`]); days can be excluded from the count (pauses) with
//! [`Calendar::add_workdays_excluding`].

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// The text of the built-in schedules, 2004–2026.
pub const BUILTIN: &str = include_str!("../data/cn.txt");

/// The longest a single rest range may be (the 2020 Spring Festival, extended, was 10 days).
pub const MAX_RANGE_DAYS: i64 = 15;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The calendar has no schedule for this year.
    #[error(
        "{year}年的节假日安排尚未录入，无法计算工作日（请管理员先录入国务院办公厅当年的节假日安排通知）"
    )]
    NoData { year: i32 },
    /// Counting ran past the end of the data or over a sane bound.
    #[error("工作日数 {0} 超出可计算范围")]
    TooMany(u32),
}

/// One holiday of a year's notice: its rest ranges (weekends inside included) and
/// make-up working days (调休上班).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub name: String,
    pub rest: Vec<(NaiveDate, NaiveDate)>,
    pub work: Vec<NaiveDate>,
}

/// One year's notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearSchedule {
    pub year: i32,
    /// Free-text notes (the notice's title or address), one per `#` line.
    pub notes: Vec<String>,
    pub holidays: Vec<Holiday>,
}

/// What kind of day a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayKind {
    /// Monday–Friday, no special arrangement.
    Workday,
    /// Saturday or Sunday, no special arrangement.
    Weekend,
    /// A statutory holiday or 调休 rest day.
    Holiday,
    /// A weekend day worked in exchange (调休上班).
    MakeUpWorkday,
}

/// One date with its kind and, for special days, the holiday's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day<'a> {
    pub date: NaiveDate,
    pub kind: DayKind,
    pub holiday: Option<&'a str>,
}

impl Day<'_> {
    pub fn is_workday(&self) -> bool {
        matches!(self.kind, DayKind::Workday | DayKind::MakeUpWorkday)
    }

    /// A short Chinese label: 工作日, 周末, 春节, 春节调休上班.
    pub fn label(&self) -> String {
        match (self.kind, self.holiday) {
            (DayKind::Workday, _) => "工作日".into(),
            (DayKind::Weekend, _) => "周末".into(),
            (DayKind::Holiday, Some(h)) => format!("{h}放假"),
            (DayKind::Holiday, None) => "放假".into(),
            (DayKind::MakeUpWorkday, Some(h)) => format!("{h}调休上班"),
            (DayKind::MakeUpWorkday, None) => "调休上班".into(),
        }
    }
}

/// A day skipped while counting, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub date: NaiveDate,
    pub reason: String,
}

/// The result of counting N working days with the skipped days listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted {
    pub date: NaiveDate,
    pub skipped: Vec<Skipped>,
}

#[derive(Debug, Clone, Copy)]
struct Special {
    workday: bool,
    holiday: usize,
}

/// The calendar: the years it has data for and their special days.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    years: BTreeMap<i32, YearSchedule>,
    names: Vec<String>,
    special: HashMap<NaiveDate, Special>,
}

/// The built-in calendar, 2004–2026.
pub fn builtin() -> Calendar {
    match parse(BUILTIN) {
        Ok(years) => Calendar::from_schedules(years),
        // The built-in data is checked by a unit test; an error here is a bug in
        // the data file, so fall back to an empty calendar that refuses every date.
        Err(_) => Calendar::default(),
    }
}

impl Calendar {
    /// Build a calendar from validated schedules. A later schedule for the same year
    /// replaces an earlier one.
    pub fn from_schedules(schedules: impl IntoIterator<Item = YearSchedule>) -> Calendar {
        let mut years = BTreeMap::new();
        for s in schedules {
            years.insert(s.year, s);
        }
        let mut cal = Calendar {
            years,
            names: Vec::new(),
            special: HashMap::new(),
        };
        let mut names = Vec::new();
        let mut special = HashMap::new();
        for s in cal.years.values() {
            for h in &s.holidays {
                let idx = names.len();
                names.push(h.name.clone());
                for &(a, b) in &h.rest {
                    let mut d = a;
                    while d <= b {
                        special.insert(
                            d,
                            Special {
                                workday: false,
                                holiday: idx,
                            },
                        );
                        d += Duration::days(1);
                    }
                }
                for &d in &h.work {
                    special.insert(
                        d,
                        Special {
                            workday: true,
                            holiday: idx,
                        },
                    );
                }
            }
        }
        cal.names = names;
        cal.special = special;
        cal
    }

    /// The years with data, ascending.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.keys().copied()
    }

    pub fn schedule(&self, year: i32) -> Option<&YearSchedule> {
        self.years.get(&year)
    }

    pub fn has_year(&self, year: i32) -> bool {
        self.years.contains_key(&year)
    }

    /// What kind of day `date` is.
    pub fn day(&self, date: NaiveDate) -> Result<Day<'_>, Error> {
        if !self.has_year(date.year()) {
            return Err(Error::NoData { year: date.year() });
        }
        Ok(match self.special.get(&date) {
            Some(s) => Day {
                date,
                kind: if s.workday {
                    DayKind::MakeUpWorkday
                } else {
                    DayKind::Holiday
                },
                holiday: self.names.get(s.holiday).map(String::as_str),
            },
            None if is_weekend(date) => Day {
                date,
                kind: DayKind::Weekend,
                holiday: None,
            },
            None => Day {
                date,
                kind: DayKind::Workday,
                holiday: None,
            },
        })
    }

    pub fn is_workday(&self, date: NaiveDate) -> Result<bool, Error> {
        Ok(self.day(date)?.is_workday())
    }

    /// Every date of a year with its kind.
    pub fn year_days(&self, year: i32) -> Result<Vec<Day<'_>>, Error> {
        let first = NaiveDate::from_ymd_opt(year, 1, 1).ok_or(Error::NoData { year })?;
        let mut out = Vec::with_capacity(366);
        let mut d = first;
        while d.year() == year {
            out.push(self.day(d)?);
            d += Duration::days(1);
        }
        Ok(out)
    }

    /// The Nth working day after `from` (`from` itself is not counted; it may be a
    /// rest day). `n == 0` gives `from`.
    pub fn add_workdays(&self, from: NaiveDate, n: u32) -> Result<NaiveDate, Error> {
        Ok(self.add_workdays_excluding(from, n, |_| None)?.date)
    }

    /// The Nth counted working day after `from`, where a working day for which
    /// `excluded` gives a reason is not counted (a pause). Every day passed over —
    /// rest days and excluded working days — is listed with its reason.
    pub fn add_workdays_excluding(
        &self,
        from: NaiveDate,
        n: u32,
        excluded: impl Fn(NaiveDate) -> Option<String>,
    ) -> Result<Counted, Error> {
        // A year has at most ~250 working days; 100 years is beyond any period.
        if n > 25_000 {
            return Err(Error::TooMany(n));
        }
        let mut d = from;
        let mut left = n;
        let mut skipped = Vec::new();
        while left > 0 {
            d = d.succ_opt().ok_or(Error::TooMany(n))?;
            let day = self.day(d)?;
            if !day.is_workday() {
                skipped.push(Skipped {
                    date: d,
                    reason: day.label(),
                });
                continue;
            }
            if let Some(reason) = excluded(d) {
                skipped.push(Skipped { date: d, reason });
                continue;
            }
            left -= 1;
        }
        Ok(Counted { date: d, skipped })
    }

    /// The number of working days in `(from, to]`: how many working days `to` is
    /// after `from`. Zero when `to <= from`.
    pub fn workdays_between(&self, from: NaiveDate, to: NaiveDate) -> Result<u32, Error> {
        let mut n = 0;
        let mut d = from;
        while d < to {
            d = d.succ_opt().ok_or(Error::TooMany(n))?;
            if self.is_workday(d)? {
                n += 1;
            }
        }
        Ok(n)
    }

    /// The working days in `[from, to]`, both included.
    pub fn workdays_in(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<NaiveDate>, Error> {
        let mut out = Vec::new();
        let mut d = from;
        while d <= to {
            if self.is_workday(d)? {
                out.push(d);
            }
            d = match d.succ_opt() {
                Some(n) => n,
                None => break,
            };
        }
        Ok(out)
    }
}

pub fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// A problem in a schedule text, with its line (1-based; 0 for the whole text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.message)
        } else {
            write!(f, "第{}行：{}", self.line, self.message)
        }
    }
}

/// Parse schedules in the text format of `data/cn.txt`:
///
/// ```text
/// year 2026
/// # 国办发明电〔2025〕7号
/// 元旦 rest 01-01..01-03 work 01-04
/// 春节 rest 02-15..02-23 work 02-14 02-28
/// ```
///
/// Dates are `MM-DD` in the section's year or `YYYY-MM-DD` for a neighbouring year.
/// Every schedule is validated ([`validate`]); all problems are returned together.
pub fn parse(text: &str) -> Result<Vec<YearSchedule>, Vec<ParseError>> {
    let mut out: Vec<YearSchedule> = Vec::new();
    let mut errors = Vec::new();
    let mut starts: Vec<usize> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(note) = line.strip_prefix('#') {
            if let Some(cur) = out.last_mut() {
                cur.notes.push(note.trim().to_string());
            }
            continue;
        }
        let mut words = line.split_whitespace();
        let first = words.next().unwrap_or_default();
        if first == "year" {
            match words.next().and_then(|y| y.parse::<i32>().ok()) {
                Some(y) if (2000..=2100).contains(&y) && words.next().is_none() => {
                    if out.iter().any(|s| s.year == y) {
                        errors.push(err(line_no, format!("{y}年重复出现")));
                    }
                    out.push(YearSchedule {
                        year: y,
                        notes: Vec::new(),
                        holidays: Vec::new(),
                    });
                    starts.push(line_no);
                }
                _ => errors.push(err(
                    line_no,
                    "“year”后应为 2000–2100 之间的四位年份，例如 year 2027".into(),
                )),
            }
            continue;
        }
        let Some(cur) = out.last_mut() else {
            errors.push(err(line_no, "请先用“year YYYY”一行写明年份".into()));
            continue;
        };
        match parse_holiday(cur.year, first, words) {
            Ok(h) => cur.holidays.push(h),
            Err(m) => errors.push(err(line_no, m)),
        }
    }
    if out.is_empty() && errors.is_empty() {
        errors.push(err(0, "没有任何年份的安排（以“year YYYY”开始）".into()));
    }
    for (s, line) in out.iter().zip(starts) {
        for m in validate(s) {
            errors.push(err(line, m));
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn err(line: usize, message: String) -> ParseError {
    ParseError { line, message }
}

fn parse_holiday<'a>(
    year: i32,
    name: &str,
    words: impl Iterator<Item = &'a str>,
) -> Result<Holiday, String> {
    if name == "rest" || name == "work" || name.chars().count() > 30 {
        return Err("每行应以节日名开头，例如：春节 rest 02-15..02-23 work 02-14".into());
    }
    let mut h = Holiday {
        name: name.to_string(),
        rest: Vec::new(),
        work: Vec::new(),
    };
    let mut mode = None;
    for w in words {
        match w {
            "rest" => mode = Some(true),
            "work" => mode = Some(false),
            _ => match mode {
                None => return Err(format!("“{w}”前应有 rest（放假）或 work（调休上班）")),
                Some(true) => {
                    let (a, b) = match w.split_once("..") {
                        Some((a, b)) => (parse_date(year, a)?, parse_date(year, b)?),
                        None => {
                            let d = parse_date(year, w)?;
                            (d, d)
                        }
                    };
                    h.rest.push((a, b));
                }
                Some(false) => h.work.push(parse_date(year, w)?),
            },
        }
    }
    if h.rest.is_empty() && h.work.is_empty() {
        return Err(format!("“{name}”没有放假或调休上班日期"));
    }
    Ok(h)
}

fn parse_date(year: i32, s: &str) -> Result<NaiveDate, String> {
    let full = if s.len() == 5 {
        format!("{year}-{s}")
    } else {
        s.to_string()
    };
    NaiveDate::parse_from_str(&full, "%Y-%m-%d")
        .map_err(|_| format!("“{s}”不是有效日期（写 MM-DD，跨年写 YYYY-MM-DD）"))
}

/// Check one year's schedule; every problem is listed.
///
/// - a rest range runs forwards and is at most [`MAX_RANGE_DAYS`] long;
/// - every date lies in the year or after 20 December of the previous year (the
///   元旦 arrangement: the 2019 notice rests 2018-12-31 and works 2018-12-29);
/// - a make-up working day is a Saturday or Sunday;
/// - no date is both a rest day and a working day, or listed twice.
pub fn validate(s: &YearSchedule) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen: HashMap<NaiveDate, &str> = HashMap::new();
    if s.holidays.is_empty() {
        problems.push(format!("{}年没有任何节假日安排", s.year));
    }
    for h in &s.holidays {
        for &(a, b) in &h.rest {
            if b < a {
                problems.push(format!("{}：放假区间 {a}..{b} 的结束早于开始", h.name));
                continue;
            }
            if (b - a).num_days() + 1 > MAX_RANGE_DAYS {
                problems.push(format!(
                    "{}：放假区间 {a}..{b} 超过 {MAX_RANGE_DAYS} 天",
                    h.name
                ));
                continue;
            }
            let mut d = a;
            while d <= b {
                if !in_notice_span(s.year, d) {
                    problems.push(format!(
                        "{}：放假日 {d} 不在 {} 年内（只允许上一年 12 月 20 日以后的元旦安排）",
                        h.name, s.year
                    ));
                }
                if let Some(prev) = seen.insert(d, &h.name) {
                    problems.push(format!("{d} 重复出现（{prev}、{}）", h.name));
                }
                d += Duration::days(1);
            }
        }
        for &d in &h.work {
            if !in_notice_span(s.year, d) {
                problems.push(format!(
                    "{}：调休上班日 {d} 不在 {} 年内（只允许上一年 12 月 20 日以后的元旦安排）",
                    h.name, s.year
                ));
            }
            if !is_weekend(d) {
                problems.push(format!(
                    "{}：调休上班日 {d} 是{}，调休上班日必须是星期六或星期日",
                    h.name,
                    weekday_cn(d)
                ));
            }
            if let Some(prev) = seen.insert(d, &h.name) {
                problems.push(format!("{d} 重复出现（{prev}、{}）", h.name));
            }
        }
    }
    problems
}

impl YearSchedule {
    /// The schedule in the text format [`parse`] reads.
    pub fn to_text(&self) -> String {
        let mut out = format!("year {}\n", self.year);
        for n in &self.notes {
            out.push_str(&format!("# {n}\n"));
        }
        let fmt = |d: NaiveDate| {
            if d.year() == self.year {
                d.format("%m-%d").to_string()
            } else {
                d.to_string()
            }
        };
        for h in &self.holidays {
            out.push_str(&h.name);
            if !h.rest.is_empty() {
                out.push_str(" rest");
                for &(a, b) in &h.rest {
                    if a == b {
                        out.push_str(&format!(" {}", fmt(a)));
                    } else {
                        out.push_str(&format!(" {}..{}", fmt(a), fmt(b)));
                    }
                }
            }
            if !h.work.is_empty() {
                out.push_str(" work");
                for &d in &h.work {
                    out.push_str(&format!(" {}", fmt(d)));
                }
            }
            out.push('\n');
        }
        out
    }
}

/// A notice for `year` covers the year and the end of the previous December (the
/// 元旦 arrangement: the 2019 notice rests 2018-12-31 and works 2018-12-29).
fn in_notice_span(year: i32, d: NaiveDate) -> bool {
    d.year() == year || (d.year() == year - 1 && d.month() == 12 && d.day() >= 20)
}

/// 星期一 … 星期日.
pub fn weekday_cn(d: NaiveDate) -> &'static str {
    match d.weekday() {
        Weekday::Mon => "星期一",
        Weekday::Tue => "星期二",
        Weekday::Wed => "星期三",
        Weekday::Thu => "星期四",
        Weekday::Fri => "星期五",
        Weekday::Sat => "星期六",
        Weekday::Sun => "星期日",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn builtin_data_parses_and_covers_2004_to_2026() {
        let years = parse(BUILTIN).expect("built-in data is valid");
        let ys: Vec<i32> = years.iter().map(|s| s.year).collect();
        assert_eq!(ys, (2004..=2026).collect::<Vec<_>>());
        let cal = builtin();
        assert_eq!(cal.years().count(), 23);
    }

    #[test]
    fn a_year_without_data_is_an_error_not_a_guess() {
        let cal = builtin();
        assert_eq!(
            cal.is_workday(d("2027-03-01")),
            Err(Error::NoData { year: 2027 })
        );
        assert_eq!(
            cal.add_workdays(d("2026-12-20"), 20),
            Err(Error::NoData { year: 2027 })
        );
        assert!(cal.is_workday(d("2003-06-02")).is_err());
    }

    #[test]
    fn one_off_days_are_in_the_data() {
        let cal = builtin();
        // 2015-09-03 抗战胜利70周年纪念日 rest, Sunday 09-06 worked.
        assert!(!cal.is_workday(d("2015-09-03")).expect("data"));
        assert!(!cal.is_workday(d("2015-09-04")).expect("data"));
        assert!(cal.is_workday(d("2015-09-06")).expect("data"));
        // 2020 Spring Festival extended to 02-02.
        assert!(!cal.is_workday(d("2020-01-31")).expect("data"));
        assert!(cal.is_workday(d("2020-02-03")).expect("data"));
    }

    #[test]
    fn day_d_is_not_counted_and_may_be_a_rest_day() {
        let cal = builtin();
        // Thursday 2026-01-01 (元旦) + 1 working day: 01-02 and 01-03 rest, 01-04 (Sunday) worked.
        assert_eq!(cal.add_workdays(d("2026-01-01"), 1), Ok(d("2026-01-04")));
        assert_eq!(cal.add_workdays(d("2026-03-02"), 0), Ok(d("2026-03-02")));
        assert_eq!(cal.add_workdays(d("2026-03-02"), 1), Ok(d("2026-03-03")));
        // Monday 2026-03-02 + 20 → 2026-03-30 (four plain weeks).
        assert_eq!(cal.add_workdays(d("2026-03-02"), 20), Ok(d("2026-03-30")));
    }

    #[test]
    fn skipped_days_are_listed_with_reasons() {
        let cal = builtin();
        let c = cal
            .add_workdays_excluding(d("2026-02-13"), 2, |_| None)
            .expect("data");
        // 02-14 is a make-up Saturday (counted), 02-15..02-23 春节, 02-24 counted.
        assert_eq!(c.date, d("2026-02-24"));
        assert_eq!(c.skipped.len(), 9);
        assert_eq!(c.skipped[0].reason, "春节放假");
    }

    #[test]
    fn validation_refuses_a_weekday_make_up_day_and_out_of_year_ranges() {
        let e = parse("year 2027\n春节 rest 02-06..02-12 work 02-03\n").expect_err("weekday");
        assert!(e[0].message.contains("必须是星期六或星期日"), "{e:?}");
        let e = parse("year 2027\n元旦 rest 2026-11-30 01-01\n").expect_err("range");
        assert!(
            e.iter().any(|e| e.message.contains("不在 2027 年内")),
            "{e:?}"
        );
        let e = parse("year 2027\n元旦 rest 01-03..01-01\n").expect_err("backwards");
        assert!(e[0].message.contains("结束早于开始"));
        let e = parse("year 2027\n元旦 rest 01-01 work 01-01\n").expect_err("dup");
        assert!(e.iter().any(|e| e.message.contains("重复出现")));
        let e = parse("春节 rest 02-06\n").expect_err("no year");
        assert_eq!(e[0].line, 1);
        let e = parse("year 27\n").expect_err("year");
        assert!(e[0].message.contains("四位年份"));
        assert!(parse("").is_err());
    }

    #[test]
    fn text_round_trips() {
        for s in parse(BUILTIN).expect("valid") {
            let again = parse(&s.to_text()).expect("round trip");
            assert_eq!(again.len(), 1);
            assert_eq!(again[0].holidays, s.holidays);
        }
    }
}
