//! A case's letter, ready to send: the template filled from the case (the decision
//! in prose, the applicant addressed by kind, the remedy naming the organ's 复议机关),
//! signed and numbered by the organ, and the CJK font its PDF embeds.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;

use super::clock::{self, Event, Party};
use super::letter_service;
use super::letter_settings::{self, LetterSettings};
use super::letters::{self, LetterKind};
use super::model::{Ground, Outcome};
use super::service::{Loaded, cn_date, deadline_view, request_text};
use super::store;
use crate::audit::Actor;
use crate::error::AppError;
use crate::state::AppState;

/// A letter's text and number.
pub struct Prepared {
    pub title: String,
    /// The number, or a visible note why there is none yet.
    pub number: String,
    pub body: String,
}

/// Whether the case has the event the letter of `kind` reports (a reply letter
/// needs the reply, a 补正 notice the 补正 request, …): only then is it numbered.
pub fn is_due(kind: LetterKind, l: &Loaded) -> bool {
    l.log.iter().any(|d| {
        matches!(
            (kind, &d.event),
            (LetterKind::Reply, Event::Replied { .. })
                | (LetterKind::Correction, Event::CorrectionRequested { .. })
                | (LetterKind::Extension, Event::ExtensionApproved { .. })
                | (LetterKind::Consultation, Event::ConsultationStarted { .. })
                | (LetterKind::Fee, Event::FeeNoticeIssued { .. })
        )
    })
}

/// Fill and number the letter of `kind` for the case. The first download of a due
/// letter gives it the organ's next number (audited); later ones show the same.
pub async fn prepare(
    state: &AppState,
    l: &Loaded,
    kind: LetterKind,
    actor: &Actor,
) -> Result<Prepared, AppError> {
    let stored = store::templates(&state.db).await?;
    let (title, body) = stored
        .get(kind.code())
        .cloned()
        .unwrap_or_else(|| (kind.label().to_string(), kind.default_body().to_string()));
    let units = crate::auth::store::all_units(&state.db).await?;
    let settings = letter_settings::all(&state.db).await?;
    let organ_id = letter_settings::organ_of(l.case.unit_id, &units, &settings);
    let organ: Option<&LetterSettings> = organ_id.and_then(|id| settings.get(&id));
    let signer = organ.map(|o| o.signer.clone()).unwrap_or_else(|| {
        organ_id
            .and_then(|id| units.iter().find(|u| u.id == id))
            .map(|u| u.name.clone())
            .unwrap_or_else(|| state.site.sponsor.clone())
    });
    let today = crate::clock::today();
    let (number, date) = match (organ, is_due(kind, l)) {
        (Some(o), true) => {
            let (n, on) =
                letter_service::issue(&state.db, l.case.id, kind.code(), o, today, actor).await?;
            (n, on)
        }
        (None, true) => (
            "（文号格式未设置，请管理员在“文书署名与文号”中设置）".into(),
            today,
        ),
        (_, false) => ("（草稿，未编号）".into(), today),
    };
    let review = organ.map(|o| o.review_organ.as_str()).unwrap_or("");
    let vars = variables(state, l, &signer, review, date);
    Ok(Prepared {
        title,
        number,
        body: letters::fill(&body, &vars),
    })
}

fn sentence(s: &str) -> String {
    let s = s.trim();
    if s.is_empty() || s.ends_with(['。', '！', '？', '）', '”']) {
        s.to_string()
    } else {
        format!("{s}。")
    }
}

/// The placeholder values of a case's letters.
pub fn variables(
    state: &AppState,
    l: &Loaded,
    signer: &str,
    review_organ: &str,
    date: NaiveDate,
) -> BTreeMap<&'static str, String> {
    let cal = crate::workdays::calendar(state);
    let you = letters::address(l.case.applicant_kind);
    let mut v: BTreeMap<&str, String> = BTreeMap::new();
    v.insert("申请人", l.case.applicant_name.clone());
    v.insert("称谓", you.into());
    v.insert("编号", l.case.receipt_no.clone());
    v.insert(
        "收到日期",
        l.clock
            .received_on
            .map(cn_date)
            .unwrap_or_else(|| "（尚未确认收到）".into()),
    );
    v.insert(
        "申请内容",
        request_text(&l.case).trim_end_matches('。').to_string(),
    );
    v.insert("机关", signer.to_string());
    v.insert("日期", cn_date(date));
    v.insert("复议机关", review_organ.to_string());
    v.insert("救济", letters::remedy(you, review_organ));
    let dl = deadline_view(state, &l.clock);
    v.insert("答复期限", dl.date.map(cn_date).unwrap_or_default());
    v.insert("期限说明", sentence(&dl.explanation));
    for d in &l.log {
        match &d.event {
            Event::CorrectionRequested { items, period_days } => {
                v.insert("补正事项", items.clone());
                v.insert("补正期限", period_days.to_string());
                v.insert(
                    "补正截止日",
                    l.clock.correction_due.map(cn_date).unwrap_or_default(),
                );
            }
            Event::ExtensionApproved {
                approver,
                days,
                reason,
                ..
            } => {
                v.insert("批准人", approver.clone());
                v.insert("延期天数", days.to_string());
                let reason = reason.trim().trim_end_matches('。');
                v.insert(
                    "延期理由",
                    if reason.is_empty() {
                        "情况复杂".into()
                    } else {
                        reason.to_string()
                    },
                );
            }
            Event::ConsultationStarted { name, party } => {
                v.insert("征求对象", name.clone());
                v.insert(
                    "征求依据",
                    letters::consultation_basis(*party == Party::Agency),
                );
                v.insert(
                    "征求截止日",
                    cal.add_workdays(d.on, clock::CONSULTATION_DAYS)
                        .map(cn_date)
                        .unwrap_or_default(),
                );
            }
            Event::FeeNoticeIssued { amount, detail, .. } => {
                v.insert("收费金额", amount.to_string());
                v.insert("收费说明", detail.trim_end_matches('。').to_string());
                v.insert(
                    "缴费截止日",
                    l.clock.fee_due.map(cn_date).unwrap_or_default(),
                );
            }
            Event::Replied {
                outcome,
                ground,
                note,
            } => {
                let g = ground.as_deref().and_then(Ground::parse);
                let text = Outcome::parse(outcome)
                    .map(|o| letters::decision(o, g, you))
                    .unwrap_or_default();
                // Old templates write "{答复类型}。{理由}": both now carry the prose.
                v.insert("答复", text.clone());
                v.insert("答复类型", text);
                v.insert("理由", String::new());
                v.insert("说明", sentence(note));
            }
            _ => {}
        }
    }
    for p in letters::PLACEHOLDERS {
        v.entry(p).or_insert_with(|| "＿＿＿＿".into());
    }
    v
}

/// The fonts letter PDFs embed, loaded once per process.
#[derive(Default)]
struct FontCell(OnceLock<Option<officedoc::Fonts>>);

/// Where Debian's fonts-noto-cjk puts Noto Serif CJK (a collection whose SC face
/// is picked by name).
const DEFAULT_FONTS: &[&str] = &[
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSerifCJK-Regular.ttc",
];
const FAMILY: &str = "Noto Serif CJK SC";

fn load_font(path: &str) -> Option<officedoc::Font> {
    let bytes = std::fs::read(path).ok()?;
    officedoc::Font::from_bytes(bytes.clone(), FAMILY)
        .or_else(|| officedoc::Font::from_bytes(bytes, ""))
}

/// Load the body face from `configured` (or the default places) and, beside a
/// `-Regular` file, its `-Bold` sibling for the title.
pub fn load_fonts(configured: &str) -> Option<officedoc::Fonts> {
    let paths: Vec<&str> = if configured.trim().is_empty() {
        DEFAULT_FONTS.to_vec()
    } else {
        vec![configured.trim()]
    };
    for p in &paths {
        if let Some(body) = load_font(p) {
            let title = p
                .contains("-Regular")
                .then(|| p.replace("-Regular", "-Bold"))
                .and_then(|b| load_font(&b));
            tracing::info!(font = %p, bold = title.is_some(), "文书 PDF 嵌入字体子集");
            return Some(officedoc::Fonts { body, title });
        }
    }
    tracing::warn!(
        tried = ?paths,
        "没有找到中文字体（foi.letter_font）：文书 PDF 不嵌入字体，改用阅读器自带的 STSong-Light"
    );
    None
}

pub async fn fonts(state: &AppState) -> Option<officedoc::Fonts> {
    let cell: Arc<FontCell> = state.part::<FontCell>();
    if let Some(f) = cell.0.get() {
        return f.clone();
    }
    let configured = state.settings.foi.letter_font.clone();
    let loaded = tokio::task::spawn_blocking(move || load_fonts(&configured))
        .await
        .ok()
        .flatten();
    let _ = cell.0.set(loaded);
    cell.0.get().cloned().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_font_file_means_the_non_embedded_fallback() {
        assert!(load_fonts("/nonexistent/font.ttc").is_none());
    }

    #[test]
    fn the_debian_noto_serif_cjk_sc_face_is_found_with_its_bold_title_face() {
        if !std::path::Path::new(DEFAULT_FONTS[0]).exists() {
            assert!(std::env::var("CI").is_err(), "CI installs fonts-noto-cjk");
            return;
        }
        let f = load_fonts("").expect("fonts-noto-cjk");
        assert_ne!(f.body.index(), 0, "the SC face, not the JP one");
        assert!(
            f.title.is_some(),
            "NotoSerifCJK-Bold.ttc beside the regular file"
        );
    }

    #[test]
    fn sentences_end_once() {
        assert_eq!(sentence("见附件"), "见附件。");
        assert_eq!(sentence("见附件。"), "见附件。");
        assert_eq!(sentence("  "), "");
    }
}
