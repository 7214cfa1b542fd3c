//! The home page (latest documents and interpretations, entries to every column),
//! the 政策解读 list, the 网站地图 page and robots.txt.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::db::Page;
use crate::docs::store::{self, PublicFilter, PublicInterpItem};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{Layout, Pager, render};

/// How many of the newest documents and interpretations the home page lists.
const HOME_DOCS: i64 = 8;
const HOME_INTERPS: i64 = 5;

/// A line of a list on the home page.
pub struct Latest {
    pub href: String,
    pub title: String,
    pub date: String,
}

#[derive(Template)]
#[template(path = "portal/templates/home.html")]
struct HomePage {
    layout: Layout,
    docs: Vec<Latest>,
    interps: Vec<Latest>,
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn interp_line(i: &PublicInterpItem) -> Latest {
    Latest {
        href: format!("/xxgk/interpretations/{}", i.id),
        title: i.title.clone(),
        date: date(i.published_on),
    }
}

pub async fn home(State(state): State<AppState>, layout: Layout) -> Result<Response, AppError> {
    let (docs, _) = store::list_public(
        &state.db,
        &PublicFilter::default(),
        &[],
        Page::new(Some(1), Some(HOME_DOCS)),
        crate::clock::today(),
    )
    .await?;
    let (interps, _) =
        store::list_public_interpretations(&state.db, Page::new(Some(1), Some(HOME_INTERPS)))
            .await?;
    render(&HomePage {
        layout,
        docs: docs
            .iter()
            .map(|d| Latest {
                href: format!("/xxgk/documents/{}", d.id),
                title: d.title.clone(),
                date: date(d.published_on),
            })
            .collect(),
        interps: interps.iter().map(interp_line).collect(),
    })
}

#[derive(Template)]
#[template(path = "portal/templates/interpretations.html")]
struct InterpListPage {
    layout: Layout,
    items: Vec<PublicInterpItem>,
    pager: Pager,
}

#[derive(serde::Deserialize)]
pub struct PageOnly {
    page: Option<i64>,
}

/// 政策解读: every published interpretation with the document it explains.
pub async fn interpretations(
    State(state): State<AppState>,
    layout: Layout,
    Query(q): Query<PageOnly>,
) -> Result<Response, AppError> {
    let page = Page::new(q.page, None);
    let (items, total) = store::list_public_interpretations(&state.db, page).await?;
    let pager = Pager::checked(page, total, String::new())?;
    render(&InterpListPage {
        layout,
        items,
        pager,
    })
}

/// A group of links on the 网站地图 page.
pub struct MapGroup {
    pub title: &'static str,
    pub href: &'static str,
    pub links: &'static [(&'static str, &'static str)],
}

/// Every public page a person can reach from the navigation, grouped as the
/// navigation groups them.
pub const SITE_MAP: &[MapGroup] = &[
    MapGroup {
        title: "政府信息公开",
        href: "/xxgk",
        links: &[
            ("/xxgk/guide", "政府信息公开指南"),
            ("/xxgk/rules", "政府信息公开制度"),
            ("/xxgk/proactive", "法定主动公开内容"),
            ("/xxgk/annual-reports", "政府信息公开年报"),
            ("/xxgk/interpretations", "政策解读"),
            ("/laws", "法规库"),
        ],
    },
    MapGroup {
        title: "依申请公开",
        href: "/ysqgk",
        links: &[
            ("/ysqgk/apply", "在线申请"),
            ("/ysqgk/progress", "办理进度查询"),
            ("/ysqgk/deadline", "答复期限计算"),
        ],
    },
    MapGroup {
        title: "执法公示",
        href: "/enforcement",
        links: &[
            ("/enforcement/penalties", "行政处罚案件公开"),
            ("/enforcement/suspended-numbers", "暂停通讯工具号码"),
            ("/enforcement/random", "“双随机、一公开”"),
            ("/enforcement/random/results", "抽查结果"),
            ("/enforcement/random/verify", "验证抽取结果"),
            ("/enforcement/random/algorithm", "抽取算法说明"),
        ],
    },
    MapGroup {
        title: "政民互动",
        href: "/interact",
        links: &[
            ("/interact/messages", "网民留言"),
            ("/interact/messages/new", "我要留言"),
            ("/interact/consultations", "意见征集"),
            ("/qa", "智能小城问答"),
            ("/zhaocuo", "我为政府网站找错"),
            ("/gongdan/stats", "诉求工单办理统计"),
        ],
    },
    MapGroup {
        title: "政策服务",
        href: "/push/check",
        links: &[
            ("/push/check", "政策自查"),
            ("/push/subscribe", "政策订阅"),
            ("/themes", "集成式发布"),
        ],
    },
    MapGroup {
        title: "站内搜索与订阅",
        href: "/search",
        links: &[
            ("/search", "站内搜索"),
            ("/xxgk/feed.atom", "最新公开文件订阅（Atom）"),
            ("/sitemap.xml", "供搜索引擎读取的站点地图（XML）"),
            ("/audit/anchors", "审计日志锚点（每日链头）"),
        ],
    },
];

#[derive(Template)]
#[template(path = "portal/templates/site_map.html")]
struct SiteMapPage {
    layout: Layout,
    groups: &'static [MapGroup],
}

/// 网站地图: one page listing every column and page of the portal.
pub async fn site_map(layout: Layout) -> Result<Response, AppError> {
    render(&SiteMapPage {
        layout,
        groups: SITE_MAP,
    })
}

/// The text of `/robots.txt`: the portal is open to crawlers, the back office and
/// the API are not, and the XML sitemap is named with the site's public address.
pub fn robots_txt(public_url: &str) -> String {
    let base = public_url.trim_end_matches('/');
    format!(
        "User-agent: *\nAllow: /\nDisallow: /admin\nDisallow: /api/\nDisallow: /search/go\n\nSitemap: {base}/sitemap.xml\n"
    )
}

pub async fn robots(State(state): State<AppState>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        robots_txt(&state.settings.server.public_url),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn robots_names_the_sitemap_and_keeps_out_of_the_back_office() {
        let t = robots_txt("https://gk.example.gov.cn/");
        assert!(
            t.contains("Sitemap: https://gk.example.gov.cn/sitemap.xml\n"),
            "{t}"
        );
        assert!(t.contains("Disallow: /admin\n"));
        assert!(t.starts_with("User-agent: *\n"));
    }

    #[test]
    fn site_map_links_are_unique_local_paths() {
        let mut seen = std::collections::BTreeSet::new();
        for g in SITE_MAP {
            assert!(g.href.starts_with('/'));
            for (href, label) in g.links {
                assert!(href.starts_with('/') && !label.is_empty());
                assert!(seen.insert(*href), "{href} listed twice");
            }
        }
    }
}
