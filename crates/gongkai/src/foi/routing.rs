//! Where an application lands (issue 13 §1). Citizens apply to an administrative
//! organ — the bureau or a district bureau — that accepts applications
//! (`units.accepts_foi`); each organ names its FOI office (`units.foi_office_id`),
//! whose 依申请办理人 see and assign what the organ receives. Only such organs are
//! offered or accepted, at every entry (portal, back office, API, forwarding), and
//! `case_service::route` refuses the rest; the database refuses an accepting organ without
//! an office and a case without one.

use crate::auth::scope::Scope;
use crate::auth::store::UnitRow;
use crate::error::AppError;
use crate::state::AppState;

/// An organ that accepts applications, with its FOI office.
#[derive(Debug, Clone, PartialEq)]
pub struct Organ {
    pub id: i64,
    pub name: String,
    pub office_id: i64,
}

/// The organs an application may be sent to: accepting, active, and with an
/// active FOI office. In unit order.
pub fn organs(units: &[UnitRow]) -> Vec<Organ> {
    units
        .iter()
        .filter(|u| u.accepts_foi && u.active)
        .filter_map(|u| {
            let office = u.foi_office_id?;
            units.iter().find(|o| o.id == office && o.active)?;
            Some(Organ {
                id: u.id,
                name: u.name.clone(),
                office_id: office,
            })
        })
        .collect()
}

/// The accepting organs (see [`organs`]).
pub async fn accepting(state: &AppState) -> Result<Vec<Organ>, AppError> {
    Ok(organs(&crate::auth::store::all_units(&state.db).await?))
}

/// The accepting organs a member of staff registers applications for: those whose
/// organ or FOI office is in the user's scope.
pub fn for_scope(organs: Vec<Organ>, scope: &Scope) -> Vec<Organ> {
    organs
        .into_iter()
        .filter(|o| scope.contains(o.id) || scope.contains(o.office_id))
        .collect()
}

/// Whether a case (its organ and its office) lies in a scope.
pub fn in_scope(scope: &Scope, unit_id: i64, office_id: i64) -> bool {
    scope.contains(office_id) || scope.contains(unit_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: i64, accepts: bool, office: Option<i64>, active: bool) -> UnitRow {
        UnitRow {
            id,
            name: format!("u{id}"),
            kind: "other".into(),
            parent_id: None,
            code: None,
            sort_order: 0,
            active,
            accepts_foi: accepts,
            foi_office_id: office,
        }
    }

    #[test]
    fn only_accepting_active_organs_with_an_active_office_are_offered() {
        let units = vec![
            unit(1, true, Some(2), true),  // bureau → 法制处
            unit(2, false, None, true),    // 法制处: a department, not an organ
            unit(3, true, Some(3), true),  // district bureau, its own office
            unit(4, true, Some(5), true),  // office disabled
            unit(5, false, None, false),   // disabled office
            unit(6, true, Some(6), false), // disabled organ
            unit(7, true, None, true),     // bad data: no office
        ];
        let ids: Vec<(i64, i64)> = organs(&units).iter().map(|o| (o.id, o.office_id)).collect();
        assert_eq!(ids, vec![(1, 2), (3, 3)]);
    }
}
