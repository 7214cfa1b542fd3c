//! Per-organ letter settings (the name the organ signs with, its 复议机关, the pattern
//! of its letter numbers) and the numbering of letters: one sequence per organ and
//! year, a number given once per case and letter kind. The rules and the SQL; the
//! audited changes are in `letter_service`.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::auth::store::UnitRow;
use crate::db::{Db, Tx};
use crate::{with_db, with_tx};

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct LetterSettings {
    pub unit_id: i64,
    pub signer: String,
    pub review_organ: String,
    pub number_pattern: String,
}

/// Check a number pattern: it must contain `{n}` (the sequence), may contain
/// `{year}`, and nothing else in braces.
pub fn check_pattern(p: &str) -> Result<(), &'static str> {
    let p = p.trim();
    if p.is_empty() || p.chars().count() > 60 {
        return Err("文号格式应为 1–60 字");
    }
    if !p.contains("{n}") {
        return Err("文号格式须含序号 {n}，如 沪城管执依复〔{year}〕{n}号");
    }
    let rest = p.replace("{n}", "").replace("{year}", "");
    if rest.contains('{') || rest.contains('}') {
        return Err("文号格式只能使用 {year} 和 {n} 两个占位符");
    }
    Ok(())
}

/// The number from the pattern.
pub fn format_number(pattern: &str, year: i32, n: i64) -> String {
    pattern
        .replace("{year}", &year.to_string())
        .replace("{n}", &n.to_string())
}

/// The organ a unit belongs to: the nearest unit, itself or above, that has letter
/// settings, else the nearest organ.
pub fn organ_of(
    unit_id: i64,
    units: &[UnitRow],
    settings: &HashMap<i64, LetterSettings>,
) -> Option<i64> {
    let by_id: HashMap<i64, &UnitRow> = units.iter().map(|u| (u.id, u)).collect();
    let chain = || {
        let mut seen = Vec::new();
        let mut cur = by_id.get(&unit_id).copied();
        while let Some(u) = cur {
            if seen.contains(&u.id) {
                break;
            }
            seen.push(u.id);
            cur = u.parent_id.and_then(|p| by_id.get(&p).copied());
        }
        seen
    };
    let ids = chain();
    ids.iter()
        .copied()
        .find(|id| settings.contains_key(id))
        .or_else(|| {
            ids.iter()
                .copied()
                .find(|id| by_id.get(id).is_some_and(|u| u.is_organ()))
        })
}

pub async fn all(db: &Db) -> sqlx::Result<HashMap<i64, LetterSettings>> {
    let rows: Vec<LetterSettings> = with_db!(db, |p| {
        sqlx::query_as(
            "SELECT unit_id, signer, review_organ, number_pattern FROM foi_letter_settings",
        )
        .fetch_all(p)
        .await
    })?;
    Ok(rows.into_iter().map(|r| (r.unit_id, r)).collect())
}

/// Insert or replace an organ's settings.
pub async fn upsert(tx: &mut Tx, s: &LetterSettings, by: &str) -> sqlx::Result<()> {
    with_tx!(tx, |x| {
        sqlx::query(
            "INSERT INTO foi_letter_settings (unit_id, signer, review_organ, number_pattern, updated_at, updated_by)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (unit_id) DO UPDATE SET signer = excluded.signer,
               review_organ = excluded.review_organ, number_pattern = excluded.number_pattern,
               updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        )
        .bind(s.unit_id)
        .bind(&s.signer)
        .bind(&s.review_organ)
        .bind(&s.number_pattern)
        .bind(crate::clock::now())
        .bind(by)
        .execute(&mut **x)
        .await
        .map(|_| ())
    })
}

/// The number (and date) already given to this case's letter of this kind.
pub async fn issued(
    db: &Db,
    case_id: i64,
    kind: &str,
) -> sqlx::Result<Option<(String, NaiveDate)>> {
    with_db!(db, |p| {
        sqlx::query_as("SELECT number, issued_on FROM foi_letters WHERE case_id = $1 AND kind = $2")
            .bind(case_id)
            .bind(kind)
            .fetch_optional(p)
            .await
    })
}

/// The next number of an organ's sequence for `year`.
pub async fn next_number(tx: &mut Tx, unit_id: i64, year: i32) -> sqlx::Result<i64> {
    with_tx!(tx, |x| {
        sqlx::query_scalar(
            "INSERT INTO foi_letter_sequences (unit_id, year, last_n) VALUES ($1, $2, 1)
             ON CONFLICT (unit_id, year) DO UPDATE SET last_n = foi_letter_sequences.last_n + 1
             RETURNING last_n",
        )
        .bind(unit_id)
        .bind(i64::from(year))
        .fetch_one(&mut **x)
        .await
    })
}

/// A numbered letter of a case.
pub struct NewLetter<'a> {
    pub case_id: i64,
    pub kind: &'a str,
    pub unit_id: i64,
    pub year: i32,
    pub n: i64,
    pub number: &'a str,
    pub on: NaiveDate,
    pub by: &'a str,
}

/// Record a letter's number; a unique violation means the case's letter of this
/// kind was numbered meanwhile.
pub async fn insert_letter(tx: &mut Tx, l: &NewLetter<'_>) -> sqlx::Result<()> {
    with_tx!(tx, |x| {
        sqlx::query(
            "INSERT INTO foi_letters (case_id, kind, unit_id, year, n, number, issued_on, issued_at, issued_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(l.case_id)
        .bind(l.kind)
        .bind(l.unit_id)
        .bind(i64::from(l.year))
        .bind(l.n)
        .bind(l.number)
        .bind(l.on)
        .bind(crate::clock::now())
        .bind(l.by)
        .execute(&mut **x)
        .await
        .map(|_| ())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::roles::UnitKind;

    fn unit(id: i64, parent: Option<i64>, kind: &str) -> UnitRow {
        let kind = UnitKind::parse(kind).unwrap_or(UnitKind::Other);
        UnitRow::sample(id, &format!("u{id}"), kind, parent)
    }

    #[test]
    fn patterns_need_the_sequence_and_only_known_placeholders() {
        assert!(check_pattern("沪城管执依复〔{year}〕{n}号").is_ok());
        assert!(check_pattern("依复{n}").is_ok());
        assert!(check_pattern("沪城管执依复〔{year}〕号").is_err());
        assert!(check_pattern("〔{年}〕{n}号").is_err());
        assert!(check_pattern("").is_err());
        assert_eq!(
            format_number("沪城管执依复〔{year}〕{n}号", 2026, 12),
            "沪城管执依复〔2026〕12号"
        );
    }

    #[test]
    fn a_department_letters_in_the_name_of_its_organ() {
        let district = UnitKind::District.code();
        let dept = UnitKind::CityDept.code();
        let units = vec![
            unit(1, None, UnitKind::Other.code()),
            unit(2, Some(1), dept),
            unit(3, Some(1), district),
            unit(4, Some(3), dept),
        ];
        let none = HashMap::new();
        assert_eq!(organ_of(2, &units, &none), Some(1));
        assert_eq!(organ_of(4, &units, &none), Some(3));
        assert_eq!(organ_of(1, &units, &none), Some(1));
        // Settings on a unit make it the organ for the units below it.
        let mut s = HashMap::new();
        s.insert(
            2,
            LetterSettings {
                unit_id: 2,
                signer: "x".into(),
                review_organ: "y".into(),
                number_pattern: "{n}".into(),
            },
        );
        assert_eq!(organ_of(2, &units, &s), Some(2));
        assert_eq!(organ_of(4, &units, &s), Some(3));
        assert_eq!(organ_of(99, &units, &s), None);
    }
}
