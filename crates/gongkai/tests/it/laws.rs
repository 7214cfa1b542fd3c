//! 法规库: import a folder (idempotent, updates changed files), law pages with an
//! outline and article anchors, filters by level and validity — on both backends.

use crate::both;
use crate::common::{Backend, spawn};

const LAW_A: &str = "# 上海市市容环境卫生管理条例\n\n2001年11月14日 通过\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 为了加强本市市容环境卫生管理，制定本条例。\n\n第二条 本条例适用于本市行政区域内的市容环境卫生管理。\n\n## 第二章 市容管理\n\n第二十一条 任何单位和个人不得擅自占用道路、桥梁、人行天桥、地下通道及其他公共场所设摊经营、兜售物品。\n";
const LAW_B: &str = "# 城市市容和环境卫生管理条例（旧）\n\n<!-- INFO END -->\n\n第一条 旧条例。\n";

both!(laws_import_pages_and_filters);

async fn laws_import_pages_and_filters(b: Backend) {
    let app = spawn(b).await;
    let root = tempfile::tempdir().expect("dir");
    let dir = root.path().join("laws");
    std::fs::create_dir_all(dir.join("地方性法规")).expect("dir");
    std::fs::create_dir_all(dir.join("行政法规")).expect("dir");
    std::fs::write(dir.join("地方性法规/市容条例.md"), LAW_A).expect("write");
    std::fs::write(dir.join("行政法规/旧条例.md"), LAW_B).expect("write");
    std::fs::write(dir.join("README.md"), "# not a law").expect("write");
    std::fs::write(
        root.path().join("laws-index.csv"),
        "# SOURCE: test\npath,title,level,publish,valid_from,expired\n地方性法规/市容条例.md,上海市市容环境卫生管理条例,地方性法规,2022-09-22,2022-11-01,0\n行政法规/旧条例.md,城市市容和环境卫生管理条例（旧）,行政法规,1992-06-28,1992-08-01,1\n",
    )
    .expect("index");
    let s = gongkai::laws::import_dir(&app.db, &dir, None, false)
        .await
        .expect("import");
    assert_eq!((s.added, s.updated, s.unchanged, s.articles), (2, 0, 0, 4));
    let again = gongkai::laws::import_dir(&app.db, &dir, None, false)
        .await
        .expect("again");
    assert_eq!(
        (again.added, again.updated, again.unchanged),
        (0, 0, 2),
        "a re-run changes nothing"
    );
    std::fs::write(
        dir.join("地方性法规/市容条例.md"),
        format!("{LAW_A}\n第二十二条 新增条文。\n"),
    )
    .expect("write");
    let changed = gongkai::laws::import_dir(&app.db, &dir, None, false)
        .await
        .expect("changed");
    assert_eq!(
        (changed.added, changed.updated, changed.unchanged),
        (0, 1, 1)
    );

    let (s, list) = app.get_text("/laws").await;
    assert_eq!(s, 200);
    assert!(
        list.contains("上海市市容环境卫生管理条例") && !list.contains("（旧）"),
        "current law only by default"
    );
    let (_, lapsed) = app.get_text("/laws?validity=expired").await;
    assert!(lapsed.contains("（旧）") && lapsed.contains("已失效"));
    let (_, by_level) = app
        .get_text(&format!(
            "/laws?validity=all&level={}",
            "%E8%A1%8C%E6%94%BF%E6%B3%95%E8%A7%84"
        ))
        .await;
    assert!(by_level.contains("（旧）") && !by_level.contains("上海市市容环境卫生管理条例"));
    let id: i64 = list
        .split("href=\"/laws/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .and_then(|s| s.parse().ok())
        .expect("law link");
    let (_, page) = app.get_text(&format!("/laws/{id}")).await;
    assert!(
        page.contains("id=\"a3\"") && page.contains("第二十一条") && page.contains("擅自占用道路")
    );
    assert!(
        page.contains("href=\"#a3\">第二章 市容管理"),
        "outline links to the chapter's first article"
    );
    assert!(
        page.contains("第二十二条 ") || page.contains("第二十二条</a>"),
        "the updated file's new article"
    );
    assert!(page.contains("2022-11-01"));
    assert_eq!(app.get("/laws/999999").await.status().as_u16(), 404);
}
