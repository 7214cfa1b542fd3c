//! What the pages share: the choices of the profile questions, and the policies
//! and measures that apply to a profile, each with why.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::industry::tree;
use super::model::{self, Applicability, District, Profile, Scale, Subject, Theme, Why};
use super::store::{self, DOCUMENT, MEASURE};
use crate::db::Db;
use crate::web::Choice;

/// The options of the profile questions, with the current answers selected.
pub struct ProfileChoices {
    /// 门类 label → its 大类.
    pub divisions: Vec<(String, Vec<Choice>)>,
    pub districts: Vec<Choice>,
    pub scales: Vec<Choice>,
    pub subjects: Vec<Choice>,
    pub themes: Vec<Choice>,
    /// The finer code typed (小类 or 中类).
    pub industry: String,
}

impl ProfileChoices {
    /// From submitted fields (or empty).
    pub fn new(f: &crate::web::form::Fields) -> ProfileChoices {
        let t = tree();
        let division = f.get("division");
        let divisions = t
            .all
            .iter()
            .filter(|i| i.level() == 1)
            .map(|sec| {
                let opts = t
                    .all
                    .iter()
                    .filter(|i| i.parent == Some(sec.code))
                    .map(|i| {
                        Choice::new(i.code, format!("{} {}", i.code, i.name), i.code == division)
                    })
                    .collect();
                (format!("{} {}", sec.code, sec.name), opts)
            })
            .collect();
        let one = |name: &str| f.get(name);
        let themes = f.all("theme");
        ProfileChoices {
            divisions,
            districts: District::ALL
                .iter()
                .map(|d| Choice::new(d.code(), d.label(), one("district") == d.code()))
                .collect(),
            scales: Scale::ALL
                .iter()
                .map(|d| Choice::new(d.code(), d.label(), one("scale") == d.code()))
                .collect(),
            subjects: Subject::ALL
                .iter()
                .map(|d| {
                    let sel = one("subject");
                    Choice::new(
                        d.code(),
                        d.label(),
                        sel == d.code() || (sel.is_empty() && *d == Subject::Enterprise),
                    )
                })
                .collect(),
            themes: Theme::ALL
                .iter()
                .map(|d| Choice::new(d.code(), d.label(), themes.iter().any(|t| t == d.code())))
                .collect(),
            industry: f.get("industry"),
        }
    }

    /// The fields a stored profile fills in (the personal page's change form).
    pub fn fields_of(p: &Profile) -> crate::web::form::Fields {
        let t = tree();
        let held = p.industries.first().cloned().unwrap_or_default();
        let division = t
            .ancestors_or_self(&held)
            .into_iter()
            .find(|c| t.get(c).is_some_and(|i| i.level() == 2))
            .unwrap_or_default();
        let mut v = vec![
            ("division".to_string(), division.to_string()),
            ("district".into(), p.district.code().into()),
            ("scale".into(), p.scale.code().into()),
            ("subject".into(), p.subject.code().into()),
        ];
        if held != division {
            v.push(("industry".into(), held.clone()));
        }
        v.extend(
            p.themes
                .iter()
                .map(|th| ("theme".to_string(), th.code().to_string())),
        );
        crate::web::form::Fields(v)
    }
}

/// A policy (document) that applies, for display.
pub struct PolicyHit {
    pub id: i64,
    pub title: String,
    pub doc_no: String,
    pub published_on: String,
    pub why: Why,
    pub tags: Vec<(&'static str, String)>,
    pub exemptions: usize,
}

/// Every policy in force that reaches the profile, newest first.
pub async fn policies_for(db: &Db, p: &Profile, today: NaiveDate) -> sqlx::Result<Vec<PolicyHit>> {
    let tagged = store::all_tagged(db, DOCUMENT).await?;
    let ids: Vec<i64> = tagged.iter().map(|(id, _)| *id).collect();
    let docs = crate::docs::store::get_many(db, &ids).await?;
    let by_id: BTreeMap<i64, &Applicability> = tagged.iter().map(|(id, a)| (*id, a)).collect();
    let mut out = Vec::new();
    for d in docs {
        let Some(a) = by_id.get(&d.id) else { continue };
        let force = super::service::in_force(&d, today);
        if let Some(why) = model::matches(a, force, p) {
            let exemptions = store::exemptions_of(db, d.id).await?.len();
            out.push(PolicyHit {
                id: d.id,
                title: d.title.clone(),
                doc_no: d.doc_no.clone().unwrap_or_default(),
                published_on: d.published_on.map(|x| x.to_string()).unwrap_or_default(),
                why,
                tags: a.display(),
                exemptions,
            });
        }
    }
    out.sort_by(|a, b| b.published_on.cmp(&a.published_on).then(b.id.cmp(&a.id)));
    Ok(out)
}

/// A measure of a theme page, for display.
pub struct MeasureView {
    pub id: i64,
    pub title: String,
    pub gives: String,
    pub conditions: String,
    pub how_to_apply: String,
    pub contact: String,
    pub basis_id: Option<i64>,
    pub basis_title: String,
    pub basis_article: String,
    pub valid_until: String,
    pub tags: Vec<(&'static str, String)>,
    pub why: Why,
}

/// The measures of a theme that are in force: not past their own date, and their
/// basis document (when named) still a policy in force — a measure lapses with its basis.
/// With a profile, only those that apply, each with why.
pub async fn measures(
    db: &Db,
    theme_id: i64,
    p: Option<&Profile>,
    today: NaiveDate,
) -> sqlx::Result<Vec<MeasureView>> {
    let rows = store::measures_of(db, theme_id).await?;
    let basis_ids: Vec<i64> = rows.iter().filter_map(|m| m.basis_document_id).collect();
    let basis: BTreeMap<i64, crate::docs::store::DocRow> =
        crate::docs::store::get_many(db, &basis_ids)
            .await?
            .into_iter()
            .map(|d| (d.id, d))
            .collect();
    let mut out = Vec::new();
    for m in rows {
        let base_ok = match m.basis_document_id {
            Some(id) => basis
                .get(&id)
                .is_some_and(|d| super::service::in_force(d, today)),
            None => true,
        };
        let force = base_ok && m.valid_until.is_none_or(|v| v >= today);
        if !force {
            continue;
        }
        let a = store::tags_of(db, MEASURE, m.id).await?;
        let why = match p {
            Some(p) => match model::matches(&a, true, p) {
                Some(w) => w,
                None => continue,
            },
            None => Vec::new(),
        };
        out.push(MeasureView {
            id: m.id,
            title: m.title,
            gives: m.gives,
            conditions: m.conditions,
            how_to_apply: m.how_to_apply,
            contact: m.contact,
            basis_id: m.basis_document_id,
            basis_title: m
                .basis_document_id
                .and_then(|id| basis.get(&id))
                .map(|d| d.title.clone())
                .unwrap_or_default(),
            basis_article: m.basis_article,
            valid_until: m.valid_until.map(|d| d.to_string()).unwrap_or_default(),
            tags: a.display(),
            why,
        });
    }
    Ok(out)
}
