//! The public content of each type as `search::Doc`s, read from the database: one
//! function per type, and the keyset paging a rebuild reads them with. What is
//! public is each capability's rule (`docs::store::PUBLIC`, `penalty::store::PUBLIC`,
//! `inspect::store::PUBLIC`, `interact::store::PUBLIC`), not restated here. 政民互动's
//! letters and interviews are in `sources_interact`.

use chrono::NaiveDate;

use crate::db::Db;
use crate::docs::store::{PUBLIC as PUBLIC_DOCUMENT, PUBLIC_INTERPRETATION};
use crate::inspect::store::PUBLIC as PUBLIC_INSPECTION;
use crate::penalty::store::PUBLIC as PUBLIC_PENALTY;
use crate::with_db;

pub(super) fn date_key(d: Option<NaiveDate>) -> u64 {
    d.map(|d| d.format("%Y%m%d").to_string().parse().unwrap_or(0))
        .unwrap_or(0)
}

/// Which rows an adapter reads: all, the given ids, or the next page after a row id
/// (keyset pagination, so a rebuild never holds a whole table in memory).
#[derive(Clone, Copy)]
pub enum Rows<'a> {
    All,
    Ids(&'a [i64]),
    /// Up to `limit` rows with an id above the first number, in id order.
    After(i64, i64),
}

/// Rows per page of a rebuild.
pub(super) const PAGE: i64 = 5_000;

impl Rows<'_> {
    /// The condition (and order and limit for a page) on the row id column `col`.
    pub(super) fn sql(self, col: &str) -> String {
        match self {
            Rows::All => String::new(),
            Rows::Ids(i) => format!(" AND {col} IN ({})", crate::db::id_list(i)),
            Rows::After(a, limit) => format!(" AND {col} > {a} ORDER BY {col} LIMIT {limit}"),
        }
    }
}

/// What an adapter read: the search documents and the largest row id (the next page
/// starts after it; `None` when no row was read).
pub struct Batch {
    pub docs: Vec<search::Doc>,
    pub last: Option<i64>,
}

type DocTuple = (
    i64,
    String,
    Option<String>,
    String,
    Option<NaiveDate>,
    Option<String>,
    Option<NaiveDate>,
    String,
    Option<String>,
);

/// Public documents as search documents, with their published interpretations.
pub async fn documents(db: &Db, rows: Rows<'_>) -> sqlx::Result<Batch> {
    let filter = rows.sql("d.id");
    let sql = format!(
        "SELECT d.id, d.title, d.doc_no, d.body, d.published_on, d.validity, d.valid_until,
                d.issuer_name, t.name
         FROM documents d LEFT JOIN topics t ON t.id = d.topic_id
         WHERE {PUBLIC_DOCUMENT}{filter}"
    );
    let rows: Vec<DocTuple> = with_db!(db, |p| { sqlx::query_as(&sql).fetch_all(p).await })?;
    let today = crate::clock::today();
    let mut out: Vec<search::Doc> = rows
        .iter()
        .map(
            |(id, title, doc_no, body, published, validity, until, issuer, topic)| search::Doc {
                id: format!("doc:{id}"),
                kind: "文件".into(),
                title: title.clone(),
                number: doc_no.clone().unwrap_or_default(),
                body: body.clone(),
                url: format!("/xxgk/documents/{id}"),
                date: date_key(*published),
                lapsed: validity.as_deref() == Some("repealed") || until.is_some_and(|u| u < today),
                topic: topic.clone().unwrap_or_default(),
                issuer: issuer.clone(),
                level: String::new(),
                region: String::new(),
                group: String::new(),
            },
        )
        .collect();
    let doc_ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let isql = format!(
        "SELECT id, document_id, title, body FROM interpretations WHERE {PUBLIC_INTERPRETATION} AND document_id IN ({})",
        crate::db::id_list(&doc_ids)
    );
    let interps: Vec<(i64, i64, String, String)> =
        with_db!(db, |p| { sqlx::query_as(&isql).fetch_all(p).await })?;
    let by_id: std::collections::HashMap<i64, &DocTuple> = rows.iter().map(|r| (r.0, r)).collect();
    for (iid, did, title, body) in interps {
        let parent = by_id.get(&did).copied();
        out.push(search::Doc {
            id: format!("interp:{did}"),
            kind: "解读".into(),
            title,
            number: String::new(),
            body,
            url: format!("/xxgk/interpretations/{iid}"),
            date: date_key(parent.and_then(|p| p.4)),
            lapsed: false,
            topic: parent.and_then(|p| p.8.clone()).unwrap_or_default(),
            issuer: parent.map(|p| p.7.clone()).unwrap_or_default(),
            level: String::new(),
            region: String::new(),
            group: String::new(),
        });
    }
    Ok(Batch {
        docs: out,
        last: doc_ids.iter().max().copied(),
    })
}

type ArticleTuple = (
    i64,
    i64,
    i64,
    String,
    String,
    String,
    String,
    bool,
    Option<NaiveDate>,
    String,
    String,
    String,
);

/// Law articles as search documents (title 法规名, number 第X条), grouped by law
/// (`law:{id}`), with the law's 适用地区 (`laws::region`).
pub async fn law_articles(db: &Db, rows: Rows<'_>) -> sqlx::Result<Batch> {
    let sql = format!(
        "SELECT a.id, a.law_id, a.ordinal, a.number, a.heading, a.text, l.title, l.expired, l.publish, l.level,
                l.category, l.path
         FROM law_articles a JOIN laws l ON l.id = a.law_id WHERE 1 = 1{}",
        rows.sql("a.id")
    );
    let rows: Vec<ArticleTuple> = with_db!(db, |p| { sqlx::query_as(&sql).fetch_all(p).await })?;
    let last = rows.iter().map(|r| r.0).max();
    let docs = rows
        .into_iter()
        .map(
            |(
                _,
                law,
                ordinal,
                number,
                heading,
                text,
                title,
                expired,
                publish,
                level,
                category,
                path,
            )| {
                law_doc(
                    LawMeta {
                        id: law,
                        title: &title,
                        expired,
                        publish,
                        level: &level,
                        category: &category,
                        path: &path,
                    },
                    ordinal,
                    &number,
                    &heading,
                    text,
                )
            },
        )
        .collect();
    Ok(Batch { docs, last })
}

/// What an article's search document takes from its law.
pub struct LawMeta<'a> {
    pub id: i64,
    pub title: &'a str,
    pub expired: bool,
    pub publish: Option<NaiveDate>,
    pub level: &'a str,
    pub category: &'a str,
    pub path: &'a str,
}

/// One law article as a search document (also what `gongkai bench search` indexes).
pub fn law_doc(
    law: LawMeta<'_>,
    ordinal: i64,
    number: &str,
    heading: &str,
    text: String,
) -> search::Doc {
    search::Doc {
        id: format!("law:{}:{ordinal}", law.id),
        kind: "法规".into(),
        title: law.title.to_string(),
        number: if heading.is_empty() {
            number.to_string()
        } else {
            format!("{number} {heading}")
        },
        body: text,
        url: format!("/laws/{}#a{ordinal}", law.id),
        date: date_key(law.publish),
        lapsed: law.expired,
        level: law.level.to_string(),
        region: crate::laws::region::of(law.title, law.level, law.category, law.path),
        group: format!("law:{}", law.id),
        ..Default::default()
    }
}

type PenaltyTuple = (
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    NaiveDate,
    String,
    String,
);

/// Published penalty cases (all, or the given ids), from the masked columns only: the
/// party as masked, the facts as masked, basis, penalty, authority, violation type.
pub async fn penalty_cases(db: &Db, rows: Rows<'_>) -> sqlx::Result<Batch> {
    let filter = rows.sql("id");
    let sql = format!(
        "SELECT id, decision_no, masked_party, masked_facts, basis, penalty_kind, penalty_content,
                decided_on, authority, violation_type
         FROM penalty_cases WHERE {PUBLIC_PENALTY}{filter}"
    );
    let rows: Vec<PenaltyTuple> = with_db!(db, |p| { sqlx::query_as(&sql).fetch_all(p).await })?;
    let last = rows.iter().map(|r| r.0).max();
    let docs = rows
        .into_iter()
        .map(
            |(id, no, party, facts, basis, kind, content, decided, authority, violation)| {
                let violation = crate::penalty::model::ViolationType::parse(&violation)
                    .map(|v| v.label().to_string())
                    .unwrap_or(violation);
                let kind = crate::penalty::model::PenaltyKinds::parse(&kind)
                    .map(|k| k.label())
                    .unwrap_or(kind);
                search::Doc {
                    id: format!("penalty:{id}"),
                    kind: "处罚".into(),
                    title: format!("{party}{violation}行政处罚"),
                    number: no,
                    body: format!(
                        "{facts}\n处罚依据：{basis}\n处罚种类：{kind}\n处罚内容：{content}"
                    ),
                    url: format!("/enforcement/penalties/{id}"),
                    date: date_key(Some(decided)),
                    lapsed: false,
                    topic: String::new(),
                    issuer: authority,
                    level: violation,
                    region: String::new(),
                    group: String::new(),
                }
            },
        )
        .collect();
    Ok(Batch { docs, last })
}

/// Published results of random inspections: the entity (an organisation, as on the
/// public results page), the item, the outcome and the date.
pub async fn inspection_results(db: &Db, rows: Rows<'_>) -> sqlx::Result<Batch> {
    let filter = rows.sql("r.id");
    let sql = format!(
        "SELECT r.id, r.credit_code, r.outcome, r.inspected_on, r.note, COALESCE(e.name, ''),
                COALESCE(e.district, ''), COALESCE(i.name, ''), COALESCE(i.basis, '')
         FROM inspect_results r
         JOIN inspect_draws d ON d.id = r.draw_id
         JOIN inspect_plans p ON p.id = d.plan_id
         JOIN inspect_items i ON i.id = p.item_id
         LEFT JOIN inspect_entities e ON e.credit_code = r.credit_code
         WHERE {PUBLIC_INSPECTION}{filter}"
    );
    type Row = (
        i64,
        String,
        String,
        NaiveDate,
        String,
        String,
        String,
        String,
        String,
    );
    let rows: Vec<Row> = with_db!(db, |p| { sqlx::query_as(&sql).fetch_all(p).await })?;
    let last = rows.iter().map(|r| r.0).max();
    let docs = rows
        .into_iter()
        .map(
            |(id, code, outcome, on, note, name, district, item, basis)| {
                let outcome = crate::inspect::service::outcome_label(&outcome).to_string();
                search::Doc {
                    id: format!("inspect:{id}"),
                    kind: "抽查".into(),
                    title: format!("{name}（{item}）"),
                    number: code,
                    body: format!(
                        "抽查结果：{outcome}。检查日期：{on}。{district}\n检查依据：{basis}\n{note}"
                    ),
                    url: "/enforcement/random/results".into(),
                    date: date_key(Some(on)),
                    lapsed: false,
                    topic: String::new(),
                    issuer: district,
                    level: outcome,
                    region: String::new(),
                    group: String::new(),
                }
            },
        )
        .collect();
    Ok(Batch { docs, last })
}

/// The kinds of public content, each read by its adapter.
#[derive(Clone, Copy)]
pub(super) enum Source {
    Documents,
    Laws,
    Penalties,
    Inspections,
    Letters,
    Interviews,
}

impl Source {
    pub(super) const ALL: [Source; 6] = [
        Source::Documents,
        Source::Laws,
        Source::Penalties,
        Source::Inspections,
        Source::Letters,
        Source::Interviews,
    ];

    pub(super) async fn read(self, db: &Db, rows: Rows<'_>) -> sqlx::Result<Batch> {
        match self {
            Source::Documents => documents(db, rows).await,
            Source::Laws => law_articles(db, rows).await,
            Source::Penalties => penalty_cases(db, rows).await,
            Source::Inspections => inspection_results(db, rows).await,
            Source::Letters => super::sources_interact::letters(db, rows).await,
            Source::Interviews => super::sources_interact::interviews(db, rows).await,
        }
    }

    /// How many rows a rebuild will read (for the progress bar; interpretations come
    /// with their documents and are not counted).
    pub(super) async fn count(self, db: &Db) -> sqlx::Result<i64> {
        let sql = match self {
            Source::Documents => format!("SELECT COUNT(*) FROM documents WHERE {PUBLIC_DOCUMENT}"),
            Source::Laws => "SELECT COUNT(*) FROM law_articles".to_string(),
            Source::Penalties => {
                format!("SELECT COUNT(*) FROM penalty_cases WHERE {PUBLIC_PENALTY}")
            }
            Source::Inspections => {
                format!("SELECT COUNT(*) FROM inspect_results WHERE {PUBLIC_INSPECTION}")
            }
            Source::Letters => format!(
                "SELECT COUNT(*) FROM interact_messages m WHERE {}",
                crate::interact::store::PUBLIC
            ),
            Source::Interviews => format!(
                "SELECT COUNT(*) FROM interact_interviews i WHERE {}",
                super::sources_interact::public_interview()
            ),
        };
        with_db!(db, |p| { sqlx::query_scalar(&sql).fetch_one(p).await })
    }

    /// Every public item of this kind, page by page, into `index` (not committed).
    pub(super) async fn add_all(
        self,
        db: &Db,
        index: &search::SearchIndex,
        mut each_page: impl FnMut(usize),
    ) -> anyhow::Result<usize> {
        let (mut after, mut n) = (0, 0);
        loop {
            let batch = self.read(db, Rows::After(after, PAGE)).await?;
            let Some(last) = batch.last else {
                return Ok(n);
            };
            n += batch.docs.len();
            index.add(batch.docs)?;
            each_page(n);
            after = last;
        }
    }
}

/// Whether `url` has the shape of an address this module gives a hit: a public page
/// of an indexed kind (`/xxgk/documents/{id}`, `/xxgk/interpretations/{id}`,
/// `/laws/{id}` with an optional `#a{ordinal}`, `/enforcement/penalties/{id}`,
/// `/enforcement/random/results`, `/interact/messages/{id}`,
/// `/interact/interviews/{id}`). `/search/go` redirects only to these.
pub fn is_hit_url(url: &str) -> bool {
    fn number(s: &str) -> bool {
        !s.is_empty() && s.len() <= 18 && s.bytes().all(|b| b.is_ascii_digit())
    }
    if url == "/enforcement/random/results" {
        return true;
    }
    if let Some(rest) = url.strip_prefix("/laws/") {
        return match rest.split_once('#') {
            Some((law, anchor)) => number(law) && anchor.strip_prefix('a').is_some_and(number),
            None => number(rest),
        };
    }
    [
        "/xxgk/documents/",
        "/xxgk/interpretations/",
        "/enforcement/penalties/",
        "/interact/messages/",
        "/interact/interviews/",
    ]
    .iter()
    .any(|prefix| url.strip_prefix(prefix).is_some_and(number))
}

#[cfg(test)]
mod hit_url_tests {
    use super::is_hit_url;

    #[test]
    fn only_addresses_of_hits() {
        for ok in [
            "/xxgk/documents/12",
            "/xxgk/interpretations/3",
            "/laws/4",
            "/laws/4#a17",
            "/enforcement/penalties/5",
            "/enforcement/random/results",
            "/interact/messages/7",
            "/interact/interviews/8",
        ] {
            assert!(is_hit_url(ok), "{ok}");
        }
        for bad in [
            "/admin/users",
            "/xxgk/documents/",
            "/xxgk/documents/1/../../admin",
            "/xxgk/documents/1?x=//evil",
            "/laws/4#b1",
            "/laws/x",
            "//evil.example",
            "/\t/evil.example",
            "/enforcement/penalties/5/edit",
            "/interact/messages/new",
            "/interact/messages/progress",
            "/interact/interviews/8/questions",
        ] {
            assert!(!is_hit_url(bad), "{bad}");
        }
    }
}
