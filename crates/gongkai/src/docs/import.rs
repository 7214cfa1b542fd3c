//! Importing documents: the seed work plan and the gov.cn policy documents, as demo
//! content. Read at run time from a folder; the repository holds none of it.

use crate::docs::DocAction;
use std::path::Path;

use anyhow::Context;
use chrono::NaiveDate;

use super::model::{Column, DocNo, DocState, Genre, IndexNo};
use super::store::{self, DocInput};
use crate::audit::{self, Actor};
use crate::db::Db;

/// The header table of the seed file and its body.
#[derive(Debug, PartialEq)]
pub struct SeedDoc {
    pub title: String,
    pub issuer: String,
    pub disclosure: String,
    pub index_no: String,
    pub published_on: String,
    pub doc_no: String,
    pub genre: String,
    pub written_on: Option<NaiveDate>,
    pub body: String,
}

/// Parse `标题 | … | ||` / `发文机构 | … | 公开类型 | … |` … header rows, then the body.
pub fn parse_seed(text: &str) -> anyhow::Result<SeedDoc> {
    let mut lines = text.lines();
    let mut cells: Vec<(String, String)> = Vec::new();
    for _ in 0..4 {
        let line = lines.next().context("种子文件缺少表头")?;
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        for pair in parts.chunks(2) {
            if let [k, v] = pair
                && !k.is_empty()
            {
                cells.push((k.to_string(), v.to_string()));
            }
        }
    }
    let get = |k: &str| {
        cells
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
            .with_context(|| format!("表头缺少“{k}”"))
    };
    let body: String = lines.collect::<Vec<_>>().join("\n");
    let written_on = body.lines().find_map(chinese_date);
    Ok(SeedDoc {
        title: get("标题")?,
        issuer: get("发文机构")?,
        disclosure: get("公开类型")?,
        index_no: get("索引号")?,
        published_on: get("印发日期")?,
        doc_no: get("文号")?,
        genre: get("体裁")?,
        written_on,
        body,
    })
}

/// A line that is only a date like `2023年4月10日`.
fn chinese_date(line: &str) -> Option<NaiveDate> {
    let l = line.trim();
    let (y, rest) = l.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.strip_suffix('日')?;
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// Insert a published document unless its 索引号 exists. Returns whether it was added.
async fn insert_published(db: &Db, input: &DocInput, index_no: &str) -> anyhow::Result<bool> {
    if store::find_by_index_no(db, index_no).await?.is_some() {
        return Ok(false);
    }
    let idx = IndexNo::parse(index_no).map_err(|m| anyhow::anyhow!("{m}：{index_no}"))?;
    let mut tx = db.begin().await?;
    store::note_index_no(&mut tx, &idx).await?;
    let id = store::create(&mut tx, input, index_no, None, DocState::Review).await?;
    let at = crate::clock::now();
    let day = input.published_on.unwrap_or_else(|| at.date_naive());
    crate::with_tx!(&mut tx, |c| {
        sqlx::query("UPDATE documents SET state = 'published', published_at = $1, published_on = $2 WHERE id = $3")
            .bind(at)
            .bind(day)
            .bind(id)
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected())
    })?;
    tx.commit().await?;
    Ok(true)
}

/// Import `seed/2023-work-points.txt` with its header exactly as written.
pub async fn import_seed(
    db: &Db,
    file: &Path,
    issuer_unit_id: Option<i64>,
) -> anyhow::Result<bool> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("无法读取 {}", file.display()))?;
    let s = parse_seed(&text)?;
    let genre = Genre::from_label(&s.genre).unwrap_or(Genre::Other);
    let input = DocInput {
        title: s.title,
        issuer_unit_id,
        issuer_name: s.issuer,
        disclosure: "proactive".into(),
        doc_no: Some(
            DocNo::parse(&s.doc_no)
                .map(|d| d.to_string())
                .unwrap_or(s.doc_no),
        ),
        written_on: s.written_on,
        published_on: NaiveDate::parse_from_str(&s.published_on, "%Y-%m-%d").ok(),
        genre: genre.code().into(),
        column_kind: Column::General.code().into(),
        body: s.body,
        ..Default::default()
    };
    insert_published(db, &input, &s.index_no).await
}

#[derive(serde::Deserialize)]
struct GovDoc {
    title: String,
    index_number: String,
    issuing_body: String,
    doc_number: String,
    topic_category: String,
    written_date: String,
    publish_date: String,
    text: String,
}

/// Import `govcn_policy_docs.jsonl`; returns (added, skipped).
pub async fn import_govcn(db: &Db, file: &Path) -> anyhow::Result<(usize, usize)> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("无法读取 {}", file.display()))?;
    let (mut added, mut skipped) = (0, 0);
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let g: GovDoc = serde_json::from_str(line)
            .with_context(|| format!("第 {} 行不是有效的 JSON", n + 1))?;
        let mut tx = db.begin().await?;
        let topic_id = store::topic_by_path(&mut tx, &g.topic_category).await?;
        tx.commit().await?;
        let input = DocInput {
            title: g.title.clone(),
            issuer_name: g.issuing_body,
            disclosure: "proactive".into(),
            doc_no: Some(
                DocNo::parse(&g.doc_number)
                    .map(|d| d.to_string())
                    .unwrap_or(g.doc_number),
            ),
            written_on: NaiveDate::parse_from_str(&g.written_date, "%Y-%m-%d").ok(),
            published_on: NaiveDate::parse_from_str(&g.publish_date, "%Y-%m-%d").ok(),
            genre: Genre::from_title(&g.title).code().into(),
            topic_id,
            column_kind: Column::General.code().into(),
            body: g.text,
            ..Default::default()
        };
        if insert_published(db, &input, &g.index_number).await? {
            added += 1;
        } else {
            skipped += 1;
        }
    }
    Ok((added, skipped))
}

/// The demo documents from `data_dir` (the shared folder with seed/ and data/).
pub async fn demo(db: &Db, shared: &Path, issuer_unit_id: Option<i64>) -> anyhow::Result<String> {
    store::seed_topics(db).await?;
    let mut parts = Vec::new();
    let seed = shared.join("seed/2023-work-points.txt");
    if seed.exists() {
        import_seed(db, &seed, issuer_unit_id).await?;
        parts.push("种子文件 1 件".to_string());
    }
    let gov = shared.join("data/govcn_policy_docs.jsonl");
    if gov.exists() {
        let (a, _) = import_govcn(db, &gov).await?;
        parts.push(format!("国务院政策文件 {a} 件"));
    }
    let summary = if parts.is_empty() {
        format!("{} 中没有找到演示文件", shared.display())
    } else {
        parts.join("，")
    };
    audit::append_now(
        db,
        &Actor::system(),
        DocAction::Import,
        "document",
        None,
        format!("导入演示公文：{summary}"),
    )
    .await?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_seed_header() {
        let text = "标题 | 关于印发《2023年上海市城市管理行政 执法局政务公开工作要点》的通知 | ||\n\
                    发文机构 | 上海市城市管理行政执法局 | 公开类型 | 主动公开 |\n\
                    索引号 | MB2F300040/2023-00054 | 印发日期 | 2023-07-05 |\n\
                    文号 | 沪城管执〔2023〕47号 | 体裁 | 通知 |\n\
                    正文第一段\n2023年4月10日\n";
        let s = parse_seed(text).expect("parses");
        assert_eq!(
            s.title,
            "关于印发《2023年上海市城市管理行政 执法局政务公开工作要点》的通知"
        );
        assert_eq!(s.index_no, "MB2F300040/2023-00054");
        assert_eq!(s.published_on, "2023-07-05");
        assert_eq!(s.doc_no, "沪城管执〔2023〕47号");
        assert_eq!(s.genre, "通知");
        assert_eq!(s.disclosure, "主动公开");
        assert_eq!(s.written_on, NaiveDate::from_ymd_opt(2023, 4, 10));
        assert!(parse_seed("标题 | x").is_err());
    }
}
