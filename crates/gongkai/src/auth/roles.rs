//! Roles staff hold in an organisation unit, and what each role may do.

use serde::{Deserialize, Serialize};

/// A role held by a user in one unit. Stored by its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 系统管理员
    Admin,
    /// 信息发布员
    Publisher,
    /// 审核人
    Reviewer,
    /// 依申请办理人
    FoiHandler,
    /// 执法人员
    Enforcer,
    /// 互动办理人
    InteractHandler,
    /// 申请转递平台（一网通办、12345 等转来依申请公开申请的系统账号，仅用 API）
    FoiForwarder,
    /// 工单接入平台（12345 平台、Open311 客户端等推送诉求工单的系统账号，仅用 API）
    OrderPlatform,
}

impl Role {
    pub const ALL: [Role; 8] = [
        Role::Admin,
        Role::Publisher,
        Role::Reviewer,
        Role::FoiHandler,
        Role::Enforcer,
        Role::InteractHandler,
        Role::FoiForwarder,
        Role::OrderPlatform,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Publisher => "publisher",
            Role::Reviewer => "reviewer",
            Role::FoiHandler => "foi_handler",
            Role::Enforcer => "enforcer",
            Role::InteractHandler => "interact_handler",
            Role::FoiForwarder => "foi_forwarder",
            Role::OrderPlatform => "order_platform",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "系统管理员",
            Role::Publisher => "信息发布员",
            Role::Reviewer => "审核人",
            Role::FoiHandler => "依申请办理人",
            Role::Enforcer => "执法人员",
            Role::InteractHandler => "互动办理人",
            Role::FoiForwarder => "申请转递平台",
            Role::OrderPlatform => "工单接入平台",
        }
    }

    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// What this role allows.
    pub fn permissions(self) -> &'static [Permission] {
        use Permission::*;
        match self {
            Role::Admin => &[
                Dashboard,
                ManageUsers,
                ManageUnits,
                ViewAudit,
                ManageJobs,
                ManageTopics,
                ManageCalendar,
                ManageSearch,
                Content,
                ViewFoi,
            ],
            Role::Publisher => &[Dashboard, Content, PublishContent],
            Role::Reviewer => &[Dashboard, Content, ReviewContent],
            Role::FoiHandler => &[Dashboard, ViewFoi, HandleFoi, ManageFoiTemplates],
            Role::Enforcer => &[Dashboard, HandleEnforcement],
            Role::InteractHandler => &[Dashboard, HandleInteraction],
            Role::FoiForwarder => &[Dashboard, ForwardFoi],
            Role::OrderPlatform => &[Dashboard, SubmitOrders],
        }
    }
}

/// Something a back-office route requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    /// See the back office at all.
    Dashboard,
    ManageUsers,
    ManageUnits,
    ViewAudit,
    ManageJobs,
    /// Edit the 主题分类 tree.
    ManageTopics,
    /// Add a year's holiday schedule to the working-day calendar.
    ManageCalendar,
    /// Site search administration: synonyms, the query log, index rebuilds.
    ManageSearch,
    /// See the document library of one's units (信息发布员 and 审核人).
    Content,
    PublishContent,
    ReviewContent,
    HandleFoi,
    /// See the 依申请公开 cases of one's units (administrators read, handlers act).
    ViewFoi,
    /// Record applications forwarded by another platform (the forwarding API).
    ForwardFoi,
    /// Edit the reply letter templates all 依申请公开 handlers use.
    ManageFoiTemplates,
    HandleEnforcement,
    HandleInteraction,
    /// Push work orders in through the API (the 12345 platform, Open311 clients).
    SubmitOrders,
}

impl Permission {
    pub fn label(self) -> &'static str {
        match self {
            Permission::Dashboard => "进入后台",
            Permission::ManageUsers => "用户管理",
            Permission::ManageUnits => "机构管理",
            Permission::ViewAudit => "审计日志",
            Permission::ManageJobs => "后台任务",
            Permission::ManageTopics => "主题分类",
            Permission::ManageCalendar => "工作日日历",
            Permission::ManageSearch => "站内搜索管理",
            Permission::Content => "公文库",
            Permission::PublishContent => "信息发布",
            Permission::ReviewContent => "内容审核",
            Permission::HandleFoi => "依申请公开办理",
            Permission::ViewFoi => "依申请公开查看",
            Permission::ForwardFoi => "依申请公开转递",
            Permission::ManageFoiTemplates => "依申请公开文书模板",
            Permission::HandleEnforcement => "执法公示",
            Permission::HandleInteraction => "政民互动办理",
            Permission::SubmitOrders => "诉求工单接入",
        }
    }

    /// City-wide permissions act on what the whole city shares (the 主题分类 tree,
    /// the working-day calendar, background jobs, site search, the FOI letter
    /// templates): only a grant at a root unit (a unit without parent) gives them.
    /// A role that lists one of them holds it in a district unit in name only.
    pub fn city_wide(self) -> bool {
        matches!(
            self,
            Permission::ManageTopics
                | Permission::ManageCalendar
                | Permission::ManageJobs
                | Permission::ManageSearch
                | Permission::ManageFoiTemplates
        )
    }
}

/// The kind of an organisation unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// 市局处室
    CityDept,
    /// 区局
    District,
    /// 执法总队
    Corps,
    /// 其他
    Other,
}

impl UnitKind {
    pub const ALL: [UnitKind; 4] = [
        UnitKind::CityDept,
        UnitKind::District,
        UnitKind::Corps,
        UnitKind::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            UnitKind::CityDept => "city_dept",
            UnitKind::District => "district",
            UnitKind::Corps => "corps",
            UnitKind::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            UnitKind::CityDept => "市局处室",
            UnitKind::District => "区局",
            UnitKind::Corps => "执法总队",
            UnitKind::Other => "其他",
        }
    }

    pub fn parse(code: &str) -> Option<UnitKind> {
        UnitKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// One role a user holds in one unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub unit_id: i64,
    pub role: Role,
}

/// A unit and its parent, enough to compute scopes.
#[derive(Debug, Clone)]
pub struct UnitNode {
    pub id: i64,
    pub parent_id: Option<i64>,
}

/// Whether `grant` gives `perm`: its role lists the permission and, for a city-wide
/// permission, the grant is held at a root unit (`is_root`).
pub fn grant_allows(grant: &Grant, perm: Permission, is_root: impl Fn(i64) -> bool) -> bool {
    grant.role.permissions().contains(&perm) && (!perm.city_wide() || is_root(grant.unit_id))
}

/// The units in which `grants` allow `perm`, with every unit below them.
/// A grant in a unit covers that unit's whole subtree; a city-wide permission
/// counts only grants at root units.
pub fn scope_for(grants: &[Grant], perm: Permission, units: &[UnitNode]) -> Vec<i64> {
    let is_root = |id: i64| units.iter().any(|u| u.id == id && u.parent_id.is_none());
    let roots: Vec<i64> = grants
        .iter()
        .filter(|g| grant_allows(g, perm, is_root))
        .map(|g| g.unit_id)
        .collect();
    let mut out: Vec<i64> = Vec::new();
    for u in units {
        // Walk up from u; it is in scope if any ancestor (or itself) is a root.
        let mut cur = Some(u.id);
        let mut steps = 0;
        while let Some(id) = cur {
            if roots.contains(&id) {
                out.push(u.id);
                break;
            }
            cur = units.iter().find(|n| n.id == id).and_then(|n| n.parent_id);
            steps += 1;
            if steps > units.len() {
                break; // a cycle in bad data: stop rather than loop
            }
        }
    }
    out.sort_unstable();
    out
}

/// Whether any grant gives `perm` (`root_units`: the root units among the grants'
/// units, which city-wide permissions require).
pub fn has_permission(grants: &[Grant], perm: Permission, root_units: &[i64]) -> bool {
    grants
        .iter()
        .any(|g| grant_allows(g, perm, |id| root_units.contains(&id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_codes_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.code()), Some(r));
        }
        assert_eq!(Role::parse("root"), None);
        for k in UnitKind::ALL {
            assert_eq!(UnitKind::parse(k.code()), Some(k));
        }
    }

    #[test]
    fn every_role_reaches_the_dashboard_only_admin_manages_users() {
        for r in Role::ALL {
            assert!(r.permissions().contains(&Permission::Dashboard));
            assert_eq!(
                r.permissions().contains(&Permission::ManageUsers),
                r == Role::Admin
            );
        }
    }

    #[test]
    fn scope_covers_subtree() {
        let units = vec![
            UnitNode {
                id: 1,
                parent_id: None,
            },
            UnitNode {
                id: 2,
                parent_id: Some(1),
            },
            UnitNode {
                id: 3,
                parent_id: Some(2),
            },
            UnitNode {
                id: 4,
                parent_id: None,
            },
        ];
        let g = vec![
            Grant {
                unit_id: 2,
                role: Role::Admin,
            },
            Grant {
                unit_id: 4,
                role: Role::Publisher,
            },
        ];
        assert_eq!(scope_for(&g, Permission::ManageUsers, &units), vec![2, 3]);
        assert_eq!(scope_for(&g, Permission::PublishContent, &units), vec![4]);
        assert_eq!(scope_for(&g, Permission::Dashboard, &units), vec![2, 3, 4]);
        assert!(scope_for(&[], Permission::Dashboard, &units).is_empty());
    }

    #[test]
    fn city_wide_permissions_need_a_grant_at_a_root_unit() {
        let units = vec![
            UnitNode {
                id: 1,
                parent_id: None,
            },
            UnitNode {
                id: 2,
                parent_id: Some(1),
            },
        ];
        let district = vec![Grant {
            unit_id: 2,
            role: Role::Admin,
        }];
        let root = vec![Grant {
            unit_id: 1,
            role: Role::Admin,
        }];
        for perm in [
            Permission::ManageTopics,
            Permission::ManageCalendar,
            Permission::ManageJobs,
            Permission::ManageSearch,
        ] {
            assert!(perm.city_wide());
            assert!(!has_permission(&district, perm, &[]), "{perm:?}");
            assert!(scope_for(&district, perm, &units).is_empty(), "{perm:?}");
            assert!(has_permission(&root, perm, &[1]), "{perm:?}");
            assert_eq!(scope_for(&root, perm, &units), vec![1, 2]);
        }
        // Audit and user management stay per unit: a district admin has them for its subtree.
        for perm in [Permission::ViewAudit, Permission::ManageUsers] {
            assert!(!perm.city_wide());
            assert!(has_permission(&district, perm, &[]));
            assert_eq!(scope_for(&district, perm, &units), vec![2]);
        }
        let foi = vec![Grant {
            unit_id: 2,
            role: Role::FoiHandler,
        }];
        assert!(has_permission(&foi, Permission::HandleFoi, &[]));
        assert!(!has_permission(&foi, Permission::ManageFoiTemplates, &[]));
    }
}
