//! 发文机构: the organ that issues a document — the bureau (the root unit) or a
//! district bureau (区局) — never a department such as 办公室. A publisher chooses
//! among the organs of the units they may publish for; the document stays owned by
//! a unit in their scope (which decides who may see and change it), and shows the
//! organ's name on the portal and in the export. Pure functions.

use crate::auth::store::UnitRow;

fn find(units: &[UnitRow], id: i64) -> Option<&UnitRow> {
    units.iter().find(|u| u.id == id)
}

/// The organ a unit belongs to: itself when it is one, else its nearest organ
/// ancestor (办公室 → the bureau; a 区局's department → that 区局).
pub fn organ_of(units: &[UnitRow], id: i64) -> Option<&UnitRow> {
    let mut at = find(units, id)?;
    for _ in 0..32 {
        if at.is_organ() {
            return Some(at);
        }
        at = find(units, at.parent_id?)?;
    }
    None
}

/// The organs a user may issue for, given the units in their scope (in the order
/// given, without repeats).
pub fn issuing_organs<'a>(units: &'a [UnitRow], in_scope: &[i64]) -> Vec<&'a UnitRow> {
    let mut out: Vec<&UnitRow> = Vec::new();
    for id in in_scope {
        if let Some(o) = organ_of(units, *id)
            && !out.iter().any(|x| x.id == o.id)
        {
            out.push(o);
        }
    }
    out
}

/// What a chosen 发文机构 (an organ, or — from the API and old forms — a unit in
/// scope) stores: the owning unit in the user's scope and the organ's name. The
/// owner is the unit chosen when it is a department in scope; for an organ, the
/// document's `current` unit when it belongs to that organ, else the organ itself
/// when in scope, else the first unit in scope that belongs to it. `None` when the
/// user may not issue for it.
pub fn resolve(
    units: &[UnitRow],
    in_scope: &[i64],
    chosen: i64,
    current: Option<i64>,
) -> Option<(i64, String)> {
    let unit = find(units, chosen)?;
    let organ = organ_of(units, chosen)?;
    let belongs =
        |id: i64| in_scope.contains(&id) && organ_of(units, id).map(|o| o.id) == Some(organ.id);
    let owner = if !unit.is_organ() {
        in_scope.contains(&chosen).then_some(chosen)
    } else if let Some(c) = current.filter(|c| belongs(*c)) {
        Some(c)
    } else if in_scope.contains(&chosen) {
        Some(chosen)
    } else {
        in_scope.iter().copied().find(|id| belongs(*id))
    }?;
    Some((owner, organ.name.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::roles::UnitKind;

    fn u(id: i64, name: &str, kind: UnitKind, parent: Option<i64>) -> UnitRow {
        UnitRow::sample(id, name, kind, parent)
    }

    fn tree() -> Vec<UnitRow> {
        vec![
            u(1, "上海市城市管理行政执法局", UnitKind::Other, None),
            u(2, "办公室", UnitKind::CityDept, Some(1)),
            u(3, "执法总队", UnitKind::Corps, Some(1)),
            u(4, "黄浦区城管执法局", UnitKind::District, Some(1)),
            u(5, "黄浦区局办公室", UnitKind::CityDept, Some(4)),
        ]
    }

    #[test]
    fn departments_issue_in_their_organs_name() {
        let t = tree();
        let name = |id| organ_of(&t, id).map(|o| o.name.as_str());
        assert_eq!(name(2), Some("上海市城市管理行政执法局"));
        assert_eq!(name(3), Some("上海市城市管理行政执法局"));
        assert_eq!(name(4), Some("黄浦区城管执法局"));
        assert_eq!(name(5), Some("黄浦区城管执法局"));
        assert_eq!(name(9), None);
    }

    #[test]
    fn organs_offered_follow_the_scope() {
        let t = tree();
        let ids = |scope: &[i64]| -> Vec<i64> {
            issuing_organs(&t, scope).iter().map(|o| o.id).collect()
        };
        // A publisher of 办公室: the bureau only, not 办公室.
        assert_eq!(ids(&[2]), [1]);
        // At the root: the bureau and the 区局.
        assert_eq!(ids(&[1, 2, 3, 4, 5]), [1, 4]);
        assert_eq!(ids(&[4, 5]), [4]);
    }

    #[test]
    fn the_document_stays_in_the_publishers_scope() {
        let t = tree();
        let bureau = "上海市城市管理行政执法局".to_string();
        // 办公室 publisher chooses the bureau: owned by 办公室, issued by the bureau.
        assert_eq!(resolve(&t, &[2], 1, None), Some((2, bureau.clone())));
        // A root publisher: owned by the bureau; editing keeps the current owner.
        assert_eq!(
            resolve(&t, &[1, 2, 3, 4, 5], 1, None),
            Some((1, bureau.clone()))
        );
        assert_eq!(
            resolve(&t, &[1, 2, 3, 4, 5], 1, Some(3)),
            Some((3, bureau.clone()))
        );
        // A current owner of another organ is not kept.
        assert_eq!(
            resolve(&t, &[1, 2, 3, 4, 5], 4, Some(3)),
            Some((4, "黄浦区城管执法局".into()))
        );
        // A department chosen (API): owned by it, named after its organ.
        assert_eq!(resolve(&t, &[2], 2, None), Some((2, bureau)));
        // Outside the scope: refused.
        assert_eq!(resolve(&t, &[2], 4, None), None);
        assert_eq!(resolve(&t, &[4, 5], 1, None), None);
        assert_eq!(resolve(&t, &[2], 9, None), None);
    }
}
