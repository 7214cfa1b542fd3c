//! 政务新媒体: pages a 微信公众号 menu links to — 便民服务 (`/m/bianmin`: how to
//! apply, a deadline calculator on the working-day calendar, search, 智能小城,
//! contact) and 法规云搜索 (`/m/fagui`: the law search on a phone screen) — both
//! single-column, no framework, no script, well under 100 kB; and the feed of new
//! documents and interpretations the 公众号 editor pulls (`/m/feed.atom`,
//! `/m/feed.json`).

pub mod feed;
pub mod pages;

use axum::routing::get;

use crate::web::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .public("/m/bianmin", get(pages::bianmin))
        .public("/m/fagui", get(pages::fagui))
        .public("/m/feed.atom", get(feed::atom_feed))
        .public("/m/feed.json", get(feed::json_feed))
}
