//! Which organ a report is for. Each administrative organ — the bureau (a root
//! unit) or a district bureau (区局) — publishes its own 年度报告 (条例第五十条), so
//! a record counts in the report of the organ its unit belongs to (a department's
//! records in the bureau's or its 区局's; see `docs::issuer::organ_of`). Pure.

use crate::auth::store::UnitRow;
use crate::docs::issuer::{issuing_organs, organ_of};

#[derive(Debug, Clone)]
pub struct Organ {
    pub id: i64,
    pub name: String,
    /// A root unit (the bureau): training sessions entered before sessions named
    /// their organ count here.
    pub root: bool,
    /// The units whose records count: the organ and the departments under it, not
    /// the district bureaus under it (they report themselves).
    members: Vec<i64>,
}

impl Organ {
    /// The organ with id `organ_id`, when that unit is an organ.
    pub fn of(units: &[UnitRow], organ_id: i64) -> Option<Organ> {
        let o = units.iter().find(|u| u.id == organ_id && u.is_organ())?;
        Some(Organ {
            id: o.id,
            name: o.name.clone(),
            root: o.parent_id.is_none(),
            members: units
                .iter()
                .filter(|u| organ_of(units, u.id).map(|x| x.id) == Some(o.id))
                .map(|u| u.id)
                .collect(),
        })
    }

    /// The units whose records count.
    pub fn members(&self) -> &[i64] {
        &self.members
    }

    /// The same, for a query's `unit_id IN (…)`.
    pub fn units_sql(&self) -> String {
        crate::db::id_list(&self.members)
    }

    /// Whether a record owned by `unit` counts in this organ's report (records of
    /// outside bodies, `None`, count in none).
    pub fn counts(&self, unit: Option<i64>) -> bool {
        unit.is_some_and(|u| self.members.contains(&u))
    }

    /// A training session counts where its organ says; one without (entered before
    /// sessions named it) in the bureau's.
    pub fn counts_training(&self, unit: Option<i64>) -> bool {
        match unit {
            Some(u) => self.counts(Some(u)),
            None => self.root,
        }
    }
}

/// The organs whose reports a member of staff may see: those of the units in their
/// scope, in the order given (tree order), active ones only.
pub fn choices(units: &[UnitRow], in_scope: &[i64]) -> Vec<Organ> {
    issuing_organs(units, in_scope)
        .into_iter()
        .filter(|o| o.active)
        .filter_map(|o| Organ::of(units, o.id))
        .collect()
}

/// The organ asked for when it is among `choices`, else the first choice; `None`
/// when the member of staff may see no organ's report.
pub fn chosen(choices: &[Organ], asked: Option<i64>) -> Option<Organ> {
    asked
        .and_then(|id| choices.iter().find(|o| o.id == id))
        .or_else(|| choices.first())
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: i64, kind: &str, parent: Option<i64>) -> UnitRow {
        let kind = crate::auth::roles::UnitKind::parse(kind)
            .unwrap_or(crate::auth::roles::UnitKind::Other);
        UnitRow::sample(id, &format!("单位{id}"), kind, parent)
    }

    /// 1 bureau ─ 2 办公室, 3 区局 ─ 4 区局中队, 5 区局 (inactive).
    fn tree() -> Vec<UnitRow> {
        let mut v = vec![
            unit(1, "other", None),
            unit(2, "city_dept", Some(1)),
            unit(3, "district", Some(1)),
            unit(4, "corps", Some(3)),
            unit(5, "district", Some(1)),
        ];
        v[4].active = false;
        v
    }

    #[test]
    fn records_count_in_their_own_organ_only() {
        let t = tree();
        let bureau = Organ::of(&t, 1).expect("bureau");
        let district = Organ::of(&t, 3).expect("district");
        assert!(bureau.counts(Some(1)) && bureau.counts(Some(2)));
        assert!(!bureau.counts(Some(3)) && !bureau.counts(Some(4)));
        assert!(district.counts(Some(3)) && district.counts(Some(4)));
        assert!(!district.counts(Some(1)) && !district.counts(Some(2)));
        assert!(!bureau.counts(None) && !district.counts(None));
        assert!(bureau.counts_training(None) && !district.counts_training(None));
        assert!(Organ::of(&t, 2).is_none(), "a department is not an organ");
    }

    #[test]
    fn choices_follow_the_scope_and_skip_inactive_organs() {
        let t = tree();
        let all: Vec<i64> = t.iter().map(|u| u.id).collect();
        let ids = |v: Vec<Organ>| v.iter().map(|o| o.id).collect::<Vec<_>>();
        assert_eq!(ids(choices(&t, &all)), vec![1, 3]);
        assert_eq!(ids(choices(&t, &[4])), vec![3]);
        let c = choices(&t, &all);
        assert_eq!(chosen(&c, Some(3)).map(|o| o.id), Some(3));
        assert_eq!(chosen(&c, Some(2)).map(|o| o.id), Some(1), "not an organ");
        assert_eq!(chosen(&c, None).map(|o| o.id), Some(1));
        assert!(chosen(&[], Some(1)).is_none());
    }
}
