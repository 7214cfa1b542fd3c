//! Test fixtures shared by the modules' tests.

use crate::{Doc, Query, Results, SearchIndex};

fn d(id: &str, kind: &str, title: &str, number: &str, body: &str, lapsed: bool) -> Doc {
    Doc {
        id: id.into(),
        kind: kind.into(),
        title: title.into(),
        number: number.into(),
        body: body.into(),
        url: format!("/x/{id}"),
        date: 20260101,
        lapsed,
        ..Default::default()
    }
}

pub(crate) fn index() -> SearchIndex {
    let i = SearchIndex::in_memory().expect("index");
    i.upsert([
        d(
            "1",
            "文件",
            "关于开展占道经营行为专项整治的通知",
            "沪城管执〔2023〕47号",
            "各区城管执法局要依法查处占道经营行为。",
            false,
        ),
        d(
            "2",
            "文件",
            "2023年双随机一公开抽查计划",
            "沪城管执〔2023〕12号",
            "随机抽取检查对象，随机选派执法检查人员。",
            false,
        ),
        d(
            "3",
            "法规",
            "上海市市容环境卫生管理条例",
            "第二十一条",
            "任何单位和个人不得擅自占用道路设摊经营。",
            false,
        ),
        d(
            "4",
            "法规",
            "城市市容和环境卫生管理条例（旧）",
            "第十四条",
            "不得擅自占用道路设摊经营。",
            true,
        ),
        d(
            "5",
            "文件",
            "关于清理非法小广告的通知",
            "",
            "清理乱张贴的非法小广告。",
            false,
        ),
    ])
    .expect("add");
    i.commit().expect("commit");
    i
}

pub(crate) fn q(text: &str) -> Query {
    Query {
        text: text.into(),
        limit: 10,
        ..Default::default()
    }
}

pub(crate) fn ids(r: &Results) -> Vec<String> {
    r.hits.iter().map(|h| h.id.clone()).collect()
}
