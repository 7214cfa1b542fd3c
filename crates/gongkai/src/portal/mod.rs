//! The public portal: home page, the 政府信息公开 column, 政策解读 list, 网站地图,
//! robots.txt, and 政民互动 (which says plainly what exists today).

pub mod home;

use askama::Template;
use axum::extract::Path;
use axum::response::Response;

use axum::routing::get;

use crate::error::AppError;
use crate::web::routes::Routes;
use crate::web::{Layout, render};

/// The home page and the portal's columns.
pub fn routes() -> Routes {
    Routes::new()
        .public("/", get(home::home))
        .public("/sitemap", get(home::site_map))
        .public("/robots.txt", get(home::robots))
        .public("/xxgk", get(xxgk))
        .public("/xxgk/interpretations", get(home::interpretations))
        .public("/xxgk/{section}", get(xxgk_section))
        .public("/interact", get(interact))
        .public("/enforcement", get(enforcement))
}

/// The four standard sections of the 政府信息公开 column.
pub struct Section {
    pub slug: &'static str,
    pub title: &'static str,
    pub about: &'static str,
    pub pending: &'static str,
}

pub const SECTIONS: [Section; 4] = [
    Section {
        slug: "guide",
        title: "政府信息公开指南",
        about: "说明本机关主动公开和依申请公开政府信息的范围、方式、程序，以及申请的受理机构和联系方式。",
        pending: "本机关尚未发布政府信息公开指南。指南发布后（公文库中栏目为“政府信息公开指南”的文件）将在本页显示。",
    },
    Section {
        slug: "rules",
        title: "政府信息公开制度",
        about: "本机关政府信息公开工作的各项制度规定，包括主动公开、依申请公开、保密审查、政策解读等制度。",
        pending: "本机关尚未在此发布制度文件。",
    },
    Section {
        slug: "proactive",
        title: "法定主动公开内容",
        about: "依据《中华人民共和国政府信息公开条例》第二十条应当主动公开的政府信息，可按年度、主题分类、体裁、发文机构和有效性浏览。",
        pending: "本栏目暂无已发布的文件。",
    },
    Section {
        slug: "annual-reports",
        title: "政府信息公开年报",
        about: "本机关每年1月31日前公布的上一年度政府信息公开工作年度报告。",
        pending: "本栏目暂无已发布的年度报告。",
    },
];

#[derive(Template)]
#[template(path = "portal/templates/xxgk.html")]
struct XxgkPage {
    layout: Layout,
    sections: &'static [Section],
}

pub async fn xxgk(layout: Layout) -> Result<Response, AppError> {
    render(&XxgkPage {
        layout,
        sections: &SECTIONS,
    })
}

#[derive(Template)]
#[template(path = "portal/templates/section.html")]
struct SectionPage {
    layout: Layout,
    section: &'static Section,
    sections: &'static [Section],
}

pub async fn xxgk_section(layout: Layout, Path(slug): Path<String>) -> Result<Response, AppError> {
    section_page(layout, &slug)
}

/// A section of the column that has nothing published yet.
pub fn section_page(layout: Layout, slug: &str) -> Result<Response, AppError> {
    let section = SECTIONS
        .iter()
        .find(|s| s.slug == slug)
        .ok_or(AppError::NotFound)?;
    render(&SectionPage {
        layout,
        section,
        sections: &SECTIONS,
    })
}

#[derive(Template)]
#[template(path = "portal/templates/interact.html")]
struct InteractPage {
    layout: Layout,
}

/// 政民互动: what can be done online today, and what is not offered (plainly).
pub async fn interact(layout: Layout) -> Result<Response, AppError> {
    render(&InteractPage { layout })
}

#[derive(Template)]
#[template(path = "penalty/templates/portal_index.html")]
struct EnforcementPage {
    layout: Layout,
}

pub async fn enforcement(layout: Layout) -> Result<Response, AppError> {
    render(&EnforcementPage { layout })
}
