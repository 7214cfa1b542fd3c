//! Unit scopes: which units a user's grants reach for a permission, and the unit
//! tree in display order.

use crate::auth::CurrentUser;
use crate::auth::roles::{Grant, Permission, scope_for};
use crate::auth::store::{self, UnitRow};
use crate::error::AppError;
use crate::state::AppState;

/// The units an administrator may manage, and whether that is all of them.
pub struct Scope {
    pub units: Vec<UnitRow>,
    pub ids: Vec<i64>,
    pub global: bool,
}

impl Scope {
    pub async fn of(
        state: &AppState,
        user: &CurrentUser,
        perm: Permission,
    ) -> Result<Scope, AppError> {
        let units = store::all_units(&state.db).await?;
        let ids = scope_for(&user.grants, perm, &store::unit_nodes(&units));
        let global = ids.len() == units.len();
        Ok(Scope { units, ids, global })
    }

    pub fn contains(&self, unit_id: i64) -> bool {
        self.ids.contains(&unit_id)
    }

    /// The unit filter for list queries: none for a global scope.
    pub fn filter(&self) -> Option<&[i64]> {
        if self.global {
            None
        } else {
            Some(self.ids.as_slice())
        }
    }

    /// Whether something issued by `unit` (None: an outside body) is in scope;
    /// outside bodies need a global scope.
    pub fn covers_unit(&self, unit: Option<i64>) -> bool {
        unit.map_or(self.global, |u| self.contains(u))
    }

    /// A user is manageable when all their grants are in scope (a user with no
    /// grants only by a global administrator).
    pub fn covers(&self, grants: &[Grant]) -> bool {
        if grants.is_empty() {
            self.global
        } else {
            grants.iter().all(|g| self.contains(g.unit_id))
        }
    }

    /// The ids of the units in scope, parents before children (`tree_order`).
    pub fn ids_in_tree_order(&self) -> Vec<i64> {
        tree_order(&self.units)
            .into_iter()
            .map(|(u, _)| u.id)
            .filter(|id| self.contains(*id))
            .collect()
    }

    pub fn in_scope_units(&self) -> Vec<UnitRow> {
        self.units
            .iter()
            .filter(|u| self.contains(u.id))
            .cloned()
            .collect()
    }

    /// The unit a form names in `unit_id` for something new: a unit of this scope,
    /// else an error on the field (`missing` when none was chosen, `outside` when
    /// the one chosen lies outside the scope).
    pub fn chosen_unit(
        &self,
        fields: &crate::web::form::Fields,
        missing: &str,
        outside: &str,
    ) -> Result<i64, AppError> {
        let unit: i64 = fields
            .get("unit_id")
            .parse()
            .map_err(|_| AppError::field("unit_id", missing))?;
        if !self.contains(unit) {
            return Err(AppError::field("unit_id", outside));
        }
        Ok(unit)
    }

    /// The units in scope as a form's choices: (id, name).
    pub fn unit_choices(&self) -> Vec<(i64, String)> {
        self.unit_choices_where(|_| true)
    }

    /// The active units in scope as a form's choices (for what is created new).
    pub fn active_unit_choices(&self) -> Vec<(i64, String)> {
        self.unit_choices_where(|u| u.active)
    }

    fn unit_choices_where(&self, keep: impl Fn(&UnitRow) -> bool) -> Vec<(i64, String)> {
        self.units
            .iter()
            .filter(|u| self.contains(u.id) && keep(u))
            .map(|u| (u.id, u.name.clone()))
            .collect()
    }

    pub fn unit_name(&self, id: i64) -> String {
        self.units
            .iter()
            .find(|u| u.id == id)
            .map(|u| u.name.clone())
            .unwrap_or_default()
    }
}

/// Units in tree order (parents before children, siblings by sort order) with depth.
pub fn tree_order(units: &[UnitRow]) -> Vec<(&UnitRow, usize)> {
    fn walk<'a>(
        units: &'a [UnitRow],
        parent: Option<i64>,
        depth: usize,
        out: &mut Vec<(&'a UnitRow, usize)>,
    ) {
        for u in units.iter().filter(|u| u.parent_id == parent) {
            if out.iter().any(|(seen, _)| seen.id == u.id) || depth > 32 {
                continue;
            }
            out.push((u, depth));
            walk(units, Some(u.id), depth + 1, out);
        }
    }
    let mut out = Vec::with_capacity(units.len());
    walk(units, None, 0, &mut out);
    out
}
