//! The two phone pages a 公众号 menu links to: 便民服务 (how to apply, a deadline
//! calculator on the working-day calendar, search, 智能小城, contact) and 法规云搜索
//! (the law search, one column, big targets). Plain HTML with a small inline style
//! sheet and no script: fast on a slow phone and usable without JavaScript.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use chrono::NaiveDate;
use serde::Deserialize;

use crate::error::AppError;
use crate::state::AppState;
use crate::web::render;

/// What every phone page shows of the site.
pub struct Site {
    pub name: String,
    pub sponsor: String,
    pub contact: String,
}

impl Site {
    /// The phone pages' style sheet (its hashed name).
    pub fn css(&self) -> String {
        crate::web::assets::url("mobile.css")
    }
}

fn site(state: &AppState) -> Site {
    Site {
        name: state.site.name.clone(),
        sponsor: state.site.sponsor.clone(),
        contact: state.site.contact.clone(),
    }
}

#[derive(Deserialize, Default)]
pub struct BianminQuery {
    /// 起算日 YYYY-MM-DD
    pub from: Option<String>,
    /// 工作日数
    pub days: Option<String>,
}

/// The deadline worked out, or why not.
pub struct Deadline {
    pub date: String,
    pub weekday: &'static str,
    /// Holidays and weekends skipped on the way (count).
    pub skipped: usize,
}

#[derive(Template)]
#[template(path = "mobile/templates/bianmin.html")]
struct BianminPage {
    site: Site,
    from: String,
    days: String,
    deadline: Option<Deadline>,
    error: String,
}

impl BianminPage {
    /// The periods of the 《政府信息公开条例》 offered in the calculator.
    fn periods(&self) -> [(&'static str, &'static str); 6] {
        [
            ("20", "20个工作日（答复期限）"),
            ("40", "40个工作日（延长后的答复期限）"),
            ("15", "15个工作日（征求第三方意见）"),
            ("10", "10个工作日"),
            ("5", "5个工作日"),
            ("3", "3个工作日"),
        ]
    }

    fn selected(&self, n: &str) -> bool {
        self.days == n
    }
}

/// Read the calculator's fields: a date and 1–400 working days.
pub fn deadline_input(from: &str, days: &str) -> Result<(NaiveDate, u32), String> {
    let from = NaiveDate::parse_from_str(from.trim(), "%Y-%m-%d")
        .map_err(|_| "请选择起算日期".to_string())?;
    let days = days
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|d| (1..=400).contains(d))
        .ok_or_else(|| "工作日数应为 1 至 400 的整数".to_string())?;
    Ok((from, days))
}

pub async fn bianmin(
    State(state): State<AppState>,
    Query(q): Query<BianminQuery>,
) -> Result<Response, AppError> {
    let today = crate::clock::today();
    let mut page = BianminPage {
        site: site(&state),
        from: q.from.clone().unwrap_or_else(|| today.to_string()),
        days: q.days.clone().unwrap_or_else(|| "20".into()),
        deadline: None,
        error: String::new(),
    };
    if q.from.is_some() {
        match deadline_input(&page.from, &page.days) {
            Ok((from, days)) => {
                match crate::workdays::calendar(&state).add_workdays_excluding(from, days, |_| None)
                {
                    Ok(c) => {
                        page.deadline = Some(Deadline {
                            date: c.date.format("%Y年%-m月%-d日").to_string(),
                            weekday: workday::weekday_cn(c.date),
                            skipped: c.skipped.len(),
                        })
                    }
                    Err(e) => page.error = format!("无法计算：{e}"),
                }
            }
            Err(e) => page.error = e,
        }
    }
    render(&page)
}

#[derive(Deserialize, Default)]
pub struct FaguiQuery {
    #[serde(default)]
    pub q: String,
    /// 1: include laws no longer in force
    pub all: Option<String>,
    pub page: Option<i64>,
}

/// One result on the phone.
pub struct Hit {
    pub title: String,
    pub number: String,
    pub url: String,
    /// Escaped text with `<b>` marks (from the search engine).
    pub snippet: String,
    pub lapsed: bool,
}

#[derive(Template)]
#[template(path = "mobile/templates/fagui.html")]
struct FaguiPage {
    site: Site,
    q: String,
    all: bool,
    hits: Vec<Hit>,
    total: usize,
    page: i64,
    more: bool,
    error: String,
}

impl FaguiPage {
    fn next_link(&self) -> String {
        format!(
            "/m/fagui?q={}{}&page={}",
            crate::audit::admin::percent_encode(&self.q),
            if self.all { "&all=1" } else { "" },
            self.page + 1
        )
    }
}

/// 法规云搜索: the law search of the site search engine (laws only, one result per
/// law with its best article); when the index is not ready, law titles from the
/// database.
pub async fn fagui(
    State(state): State<AppState>,
    Query(q): Query<FaguiQuery>,
) -> Result<Response, AppError> {
    let text: String = q.q.trim().chars().take(50).collect();
    let all = q.all.as_deref() == Some("1");
    let page_no = q.page.unwrap_or(1).clamp(1, 50);
    let mut page = FaguiPage {
        site: site(&state),
        q: text.clone(),
        all,
        hits: Vec::new(),
        total: 0,
        page: page_no,
        more: false,
        error: String::new(),
    };
    if text.is_empty() {
        return render(&page);
    }
    let sq = crate::sitesearch::portal::SearchQuery {
        q: text.clone(),
        kind: Some("法规".into()),
        current: (!all).then(|| "1".into()),
        page: Some(page_no),
        ..Default::default()
    };
    match crate::sitesearch::portal::run(&state, &sq, true).await {
        Ok(r) => {
            page.total = r.groups;
            page.more = (page_no as usize) * 10 < r.groups;
            page.hits = r
                .hits
                .into_iter()
                .map(|h| Hit {
                    title: h.title,
                    number: h.number,
                    url: h.url,
                    snippet: h.snippet,
                    lapsed: h.lapsed,
                })
                .collect();
        }
        Err(AppError::Conflict(_)) => {
            // The index is starting: titles from the database.
            let f = crate::laws::store::Filter {
                level: None,
                expired: (!all).then_some(false),
                q: Some(text),
            };
            let (rows, total) = crate::laws::store::list(
                &state.db,
                &f,
                crate::db::Page::new(Some(page_no), Some(10)),
            )
            .await?;
            page.total = usize::try_from(total).unwrap_or(0);
            page.more = page_no * 10 < total;
            page.error = "全文检索正在启动，暂按法规标题查找。".into();
            page.hits = rows
                .into_iter()
                .map(|l| Hit {
                    url: format!("/laws/{}", l.id),
                    number: l.level.clone(),
                    snippet: String::new(),
                    lapsed: l.expired,
                    title: l.title,
                })
                .collect();
        }
        Err(e) => return Err(e),
    }
    render(&page)
}

#[cfg(test)]
mod tests {
    use super::deadline_input;

    #[test]
    fn calculator_input_is_checked() {
        assert!(deadline_input("2026-03-02", "20").is_ok());
        assert_eq!(
            deadline_input("2026/3/2", "20").expect_err("bad date"),
            "请选择起算日期"
        );
        assert!(deadline_input("2026-03-02", "0").is_err());
        assert!(deadline_input("2026-03-02", "401").is_err());
        assert!(deadline_input("2026-03-02", "二十").is_err());
    }
}
