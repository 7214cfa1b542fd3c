//! Rules of 行政处罚 disclosure (docs/RULES.md § "行政处罚 disclosure (执法公示)"):
//! kinds, the 7-working-day publication window, the 3-working-day withdrawal window,
//! retention, restrictions, and the de-identified public text. Pure functions.

use chrono::{Months, NaiveDate};
use workday::Calendar;

code_enum!(
    /// 处罚种类 (行政处罚法 Art. 9)
    PenaltyKind {
        Warning = ("warning", "警告"),
        Criticism = ("criticism", "通报批评"),
        Fine = ("fine", "罚款"),
        Confiscation = ("confiscation", "没收违法所得、没收非法财物"),
        Suspension = ("suspension", "暂扣许可证件"),
        Downgrade = ("downgrade", "降低资质等级"),
        Revocation = ("revocation", "吊销许可证件"),
        Restriction = ("restriction", "限制开展生产经营活动"),
        Closure = ("closure", "责令停产停业、责令关闭"),
        Ban = ("ban", "限制从业"),
        Other = ("other", "其他"),
    }
);

/// The 处罚种类 of one decision: a set (a decision often imposes several, 警告 and
/// 罚款, 罚款 and 没收), kept in the order of [`PenaltyKind::ALL`]. Stored as the
/// codes joined by commas in the `penalty_kind` column (a single code, as stored
/// before sets, reads back as a set of one).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PenaltyKinds(Vec<PenaltyKind>);

/// What separates kinds typed in one cell (an import, the API).
const KIND_SEPARATORS: &[char] = &[',', '，', '、', ';', '；', '/', ' ', '　', '+', '＋'];

impl PenaltyKinds {
    /// A set from kinds in any order, without duplicates.
    pub fn new(kinds: impl IntoIterator<Item = PenaltyKind>) -> PenaltyKinds {
        let mut v: Vec<PenaltyKind> = kinds.into_iter().collect();
        v.sort_by_key(|k| PenaltyKind::ALL.iter().position(|a| a == k));
        v.dedup();
        PenaltyKinds(v)
    }

    /// Read kinds from codes or labels separated by commas, 顿号 or semicolons
    /// ("警告、罚款", "warning,fine"). Labels that contain a 顿号 themselves
    /// ("没收违法所得、没收非法财物") are matched whole first. `Err` names the part
    /// that is not a kind.
    pub fn parse(text: &str) -> Result<PenaltyKinds, String> {
        let mut rest = text.trim_start_matches(KIND_SEPARATORS);
        let mut kinds = Vec::new();
        while !rest.is_empty() {
            // Longest label or code first, so a label is never cut at its 顿号.
            let mut best: Option<(PenaltyKind, usize)> = None;
            for k in PenaltyKind::ALL {
                for word in [k.label(), k.code()] {
                    let ends = rest.strip_prefix(word).is_some_and(|after| {
                        after.is_empty() || after.starts_with(KIND_SEPARATORS)
                    });
                    if ends && best.is_none_or(|(_, n)| word.len() > n) {
                        best = Some((*k, word.len()));
                    }
                }
            }
            let Some((kind, n)) = best else {
                let part: String = rest.split(KIND_SEPARATORS).next().unwrap_or(rest).into();
                return Err(format!("“{part}”不是处罚种类"));
            };
            kinds.push(kind);
            rest = rest[n..].trim_start_matches(KIND_SEPARATORS);
        }
        Ok(PenaltyKinds::new(kinds))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(&self, k: PenaltyKind) -> bool {
        self.0.contains(&k)
    }

    pub fn iter(&self) -> impl Iterator<Item = PenaltyKind> + '_ {
        self.0.iter().copied()
    }

    /// The stored form: codes joined by commas.
    pub fn code(&self) -> String {
        self.0
            .iter()
            .map(|k| k.code())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// As shown: labels joined by "；" (a label may contain a 顿号).
    pub fn label(&self) -> String {
        self.0
            .iter()
            .map(|k| k.label())
            .collect::<Vec<_>>()
            .join("；")
    }

    pub fn labels(&self) -> Vec<String> {
        self.0.iter().map(|k| k.label().to_string()).collect()
    }
}

/// What makes a set of kinds and a fine amount inconsistent, by field: at least one
/// kind; 罚款 needs an amount and an amount needs 罚款; 暂扣 and 吊销 of a licence
/// exclude each other; 其他 stands alone only with a description elsewhere, so it
/// is allowed with the rest.
pub fn kinds_problems(kinds: &PenaltyKinds, fine_cents: i64) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if kinds.is_empty() {
        out.push(("penalty_kind", "请至少选择一种处罚种类".to_string()));
        return out;
    }
    let fine = kinds.contains(PenaltyKind::Fine);
    if fine && fine_cents <= 0 {
        out.push(("fine", "处罚种类含罚款的，请填写罚款金额".to_string()));
    }
    if !fine && fine_cents > 0 {
        out.push((
            "fine",
            "填写了罚款金额，请在处罚种类中选择“罚款”，或清空金额".to_string(),
        ));
    }
    if kinds.contains(PenaltyKind::Suspension) && kinds.contains(PenaltyKind::Revocation) {
        out.push((
            "penalty_kind",
            "暂扣许可证件与吊销许可证件不能同时适用，请核对".to_string(),
        ));
    }
    out
}

// Stored as TEXT (the codes joined by commas) on both backends; an unknown code read
// back is an error, never a silent default.
impl<DB: sqlx::Database> sqlx::Type<DB> for PenaltyKinds
where
    str: sqlx::Type<DB>,
{
    fn type_info() -> DB::TypeInfo {
        <str as sqlx::Type<DB>>::type_info()
    }
    fn compatible(ty: &DB::TypeInfo) -> bool {
        <str as sqlx::Type<DB>>::compatible(ty)
    }
}

impl<'r, DB: sqlx::Database> sqlx::Decode<'r, DB> for PenaltyKinds
where
    &'r str: sqlx::Decode<'r, DB>,
{
    fn decode(
        value: <DB as sqlx::Database>::ValueRef<'r>,
    ) -> Result<Self, sqlx::error::BoxDynError> {
        let stored = <&'r str as sqlx::Decode<'r, DB>>::decode(value)?;
        stored
            .split(',')
            .map(|c| {
                PenaltyKind::parse(c.trim())
                    .ok_or_else(|| format!("PenaltyKinds: unknown code {c:?}").into())
            })
            .collect::<Result<Vec<_>, sqlx::error::BoxDynError>>()
            .map(PenaltyKinds::new)
    }
}

code_enum!(
    /// 违法类型 (city management)
    ViolationType {
        StreetVending = ("street_vending", "占道经营"),
        IllegalBuilding = ("illegal_building", "违法建筑"),
        SmallAds = ("small_ads", "非法小广告"),
        Sanitation = ("sanitation", "市容环境卫生"),
        ConstructionWaste = ("construction_waste", "建筑垃圾"),
        OutdoorAds = ("outdoor_ads", "户外广告设施"),
        Noise = ("noise", "施工噪声"),
        Other = ("other", "其他"),
    }
);

code_enum!(
    /// Why a case may not be published at all.
    Restriction {
        Minor = ("minor", "涉及未成年人"),
        StateSecret = ("state_secret", "涉及国家秘密"),
        TradeSecret = ("trade_secret", "涉及商业秘密"),
        Privacy = ("privacy", "涉及个人隐私"),
    }
);

code_enum!(
    /// Why a published case is withdrawn (行政处罚法 Art. 48).
    WithdrawKind {
        Changed = ("changed", "处罚决定被变更"),
        Revoked = ("revoked", "处罚决定被撤销"),
        Unlawful = ("unlawful", "处罚决定被确认违法或者无效"),
        Reconsideration = ("reconsideration", "行政复议决定"),
        Court = ("court", "人民法院判决、裁定"),
        Error = ("error", "公示信息有误"),
    }
);

code_enum!(
    PenaltyState {
        Pending = ("pending", "待确认去标识化"),
        Confirmed = ("confirmed", "已确认，待公开"),
        Published = ("published", "已公开"),
        Withdrawn = ("withdrawn", "已撤回"),
        Expired = ("expired", "公示期满，已下线"),
    }
);

/// Disclosure within 7 working days of the decision (国办发〔2018〕118号).
pub const PUBLISH_DAYS: u32 = 7;
/// Withdrawal within 3 working days of a change, revocation or ruling (Art. 48).
pub const WITHDRAW_DAYS: u32 = 3;

pub fn publication_deadline(
    cal: &Calendar,
    decided_on: NaiveDate,
) -> Result<NaiveDate, workday::Error> {
    cal.add_workdays(decided_on, PUBLISH_DAYS)
}

pub fn withdrawal_deadline(
    cal: &Calendar,
    event_on: NaiveDate,
) -> Result<NaiveDate, workday::Error> {
    cal.add_workdays(event_on, WITHDRAW_DAYS)
}

/// How long a case stays on the portal (总局令第45号 Art. 13 as the model).
#[derive(Debug, Clone, Copy)]
pub struct Retention {
    pub small_fine_yuan: i64,
    /// Months for 通报批评, 警告 or a small fine (default 3).
    pub short_months: u32,
    /// Months otherwise (default 36).
    pub long_months: u32,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            small_fine_yuan: 1000,
            short_months: 3,
            long_months: 36,
        }
    }
}

impl From<&crate::config::PenaltySettings> for Retention {
    fn from(p: &crate::config::PenaltySettings) -> Self {
        Retention {
            small_fine_yuan: p.small_fine_yuan,
            short_months: p.short_months,
            long_months: p.long_months,
        }
    }
}

/// The last day on the portal: short when every kind is 通报批评, 警告 or a fine of
/// at most the small-fine amount, long otherwise (one heavier kind makes it long).
pub fn retention_until(
    published_on: NaiveDate,
    kinds: &PenaltyKinds,
    fine_cents: i64,
    r: Retention,
) -> NaiveDate {
    let light = !kinds.is_empty()
        && kinds.iter().all(|kind| match kind {
            PenaltyKind::Criticism | PenaltyKind::Warning => true,
            PenaltyKind::Fine => fine_cents <= r.small_fine_yuan * 100,
            _ => false,
        });
    let months = if light { r.short_months } else { r.long_months };
    published_on
        .checked_add_months(Months::new(months))
        .unwrap_or(published_on)
}

/// The de-identified public texts of a case: the party as shown, the facts and the
/// full decision text, and every masking.
pub struct Masked {
    pub party: String,
    pub facts: String,
    pub text: String,
    pub maskings: Vec<redact::Masking>,
}

/// What a reviewer added by hand, as `redact` options: a person's name (2–4 Chinese
/// characters) becomes a known party, anything else is masked whole.
pub fn options_with(
    natural: bool,
    party_name: &str,
    legal_rep: &str,
    extra: &[String],
) -> redact::Options {
    let mut parties = Vec::new();
    if natural {
        parties.push(party_name.trim().to_string());
    }
    if !legal_rep.trim().is_empty() {
        parties.push(legal_rep.trim().to_string());
    }
    let mut rest = Vec::new();
    for x in extra.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        let n = x.chars().count();
        if (2..=4).contains(&n) && x.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
            parties.push(x.to_string());
        } else {
            rest.push(x.to_string());
        }
    }
    redact::Options {
        parties,
        officers: Vec::new(),
        extra: rest,
        tagger: crate::names_model::tagger(),
    }
}

/// Mask a case: a natural person's name as surname + 某某 everywhere, the rest by
/// `redact`; an organisation's name and 统一社会信用代码 stay. `extra` holds the texts a
/// reviewer added (known parties of this document).
pub fn mask_with(
    natural: bool,
    party_name: &str,
    legal_rep: &str,
    extra: &[String],
    facts: &str,
    full_text: &str,
) -> Masked {
    let opts = options_with(natural, party_name, legal_rep, extra);
    let party = if natural {
        redact::redact(party_name, &opts).text
    } else {
        party_name.trim().to_string()
    };
    let f = redact::redact(facts, &opts);
    let t = redact::redact(full_text, &opts);
    let mut maskings = f.maskings;
    maskings.extend(t.maskings);
    Masked {
        party,
        facts: f.text,
        text: t.text,
        maskings,
    }
}

/// A piece of a text on the comparison page: masked pieces carry their kind.
pub struct Segment {
    pub text: String,
    pub kind: Option<&'static str>,
}

/// The original and the masked text cut at every masking, for highlighting both
/// columns of the comparison page.
pub fn segments(r: &redact::Redacted, original: &str) -> (Vec<Segment>, Vec<Segment>) {
    let (mut orig, mut masked) = (Vec::new(), Vec::new());
    let mut at = 0;
    for m in &r.maskings {
        if m.start < at || m.end > original.len() {
            continue;
        }
        let plain = &original[at..m.start];
        if !plain.is_empty() {
            orig.push(Segment {
                text: plain.into(),
                kind: None,
            });
            masked.push(Segment {
                text: plain.into(),
                kind: None,
            });
        }
        orig.push(Segment {
            text: m.original.clone(),
            kind: Some(m.kind.label()),
        });
        masked.push(Segment {
            text: m.replacement.clone(),
            kind: Some(m.kind.label()),
        });
        at = m.end;
    }
    if at < original.len() {
        orig.push(Segment {
            text: original[at..].into(),
            kind: None,
        });
        masked.push(Segment {
            text: original[at..].into(),
            kind: None,
        });
    }
    (orig, masked)
}

/// What is still personal in a text a reviewer edited: the maskings `redact` would
/// add to it (empty when it is clean).
pub fn leftover(text: &str, natural: bool, party_name: &str) -> Vec<redact::Masking> {
    let parties = if natural {
        vec![party_name.trim().to_string()]
    } else {
        Vec::new()
    };
    redact::redact(
        text,
        &redact::Options {
            parties,
            officers: Vec::new(),
            extra: Vec::new(),
            tagger: crate::names_model::tagger(),
        },
    )
    .maskings
}

/// A suspended number as shown publicly: the middle hidden (138****5678).
pub fn mask_number(number: &str) -> String {
    let digits: Vec<char> = number.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 7 {
        return "*".repeat(digits.len());
    }
    let head: String = digits[..3].iter().collect();
    let tail: String = digits[digits.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(digits.len() - 7))
}

/// Money in 元 with two decimals, from cents.
pub fn yuan(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// Parse 元 (e.g. "500", "1,200.50", "3万") into cents.
pub fn parse_yuan(s: &str) -> Option<i64> {
    let t: String = s
        .trim()
        .trim_end_matches('元')
        .chars()
        .filter(|c| *c != ',' && *c != '，')
        .collect();
    if t.is_empty() {
        return Some(0);
    }
    if let Some(w) = t.strip_suffix('万') {
        let v: f64 = w.parse().ok()?;
        return (v >= 0.0).then(|| (v * 1_000_000.0).round() as i64);
    }
    let v: f64 = t.parse().ok()?;
    (0.0..1e12).contains(&v).then(|| (v * 100.0).round() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn windows_count_working_days() {
        let cal = workday::builtin();
        // Decided Wed 2026-09-30: 10-01..07 rest, 10-08, 09, 10 (Sat worked), 12, 13, 14, 15 → 10-15.
        assert_eq!(
            publication_deadline(&cal, d("2026-09-30")),
            Ok(d("2026-10-15"))
        );
        // Revoked Fri 2026-04-03: 04-04..06 rest → 04-07, 08, 09.
        assert_eq!(
            withdrawal_deadline(&cal, d("2026-04-03")),
            Ok(d("2026-04-09"))
        );
    }

    fn one(k: PenaltyKind) -> PenaltyKinds {
        PenaltyKinds::new([k])
    }

    #[test]
    fn several_kinds_parse_from_codes_or_labels() {
        use PenaltyKind::*;
        let both = PenaltyKinds::new([Fine, Warning]);
        assert_eq!(both.code(), "warning,fine", "kept in the order of the law");
        assert_eq!(both.label(), "警告；罚款");
        assert_eq!(PenaltyKinds::parse("fine,warning"), Ok(both.clone()));
        assert_eq!(PenaltyKinds::parse("警告、罚款"), Ok(both.clone()));
        assert_eq!(PenaltyKinds::parse(" 罚款；警告；罚款 "), Ok(both));
        // A label with its own 顿号 is matched whole.
        assert_eq!(
            PenaltyKinds::parse("罚款、没收违法所得、没收非法财物"),
            Ok(PenaltyKinds::new([Fine, Confiscation]))
        );
        assert_eq!(PenaltyKinds::parse("fine"), Ok(one(Fine)));
        assert_eq!(PenaltyKinds::parse(""), Ok(PenaltyKinds::default()));
        assert_eq!(
            PenaltyKinds::parse("警告、拘留"),
            Err("“拘留”不是处罚种类".to_string())
        );
        // "罚款金" is not 罚款 followed by something.
        assert!(PenaltyKinds::parse("罚款金").is_err());
    }

    #[test]
    fn kinds_and_fine_must_agree() {
        use PenaltyKind::*;
        let fields = |k: &PenaltyKinds, f: i64| -> Vec<&str> {
            kinds_problems(k, f).into_iter().map(|(f, _)| f).collect()
        };
        assert_eq!(fields(&PenaltyKinds::default(), 0), ["penalty_kind"]);
        assert_eq!(fields(&PenaltyKinds::new([Warning, Fine]), 0), ["fine"]);
        assert_eq!(fields(&one(Warning), 20_000), ["fine"]);
        assert!(fields(&PenaltyKinds::new([Warning, Fine]), 20_000).is_empty());
        assert!(fields(&PenaltyKinds::new([Fine, Confiscation]), 1).is_empty());
        assert_eq!(
            fields(&PenaltyKinds::new([Suspension, Revocation]), 0),
            ["penalty_kind"]
        );
    }

    #[test]
    fn retention_of_several_kinds_follows_the_heaviest() {
        use PenaltyKind::*;
        let p = d("2026-03-02");
        let r = Retention::default();
        assert_eq!(
            retention_until(p, &PenaltyKinds::new([Warning, Fine]), 50_000, r),
            d("2026-06-02")
        );
        assert_eq!(
            retention_until(p, &PenaltyKinds::new([Warning, Confiscation]), 0, r),
            d("2029-03-02")
        );
    }

    #[test]
    fn retention_is_short_for_light_penalties() {
        let p = d("2026-03-02");
        let r = Retention::default();
        assert_eq!(
            retention_until(p, &one(PenaltyKind::Criticism), 0, r),
            d("2026-06-02")
        );
        assert_eq!(
            retention_until(p, &one(PenaltyKind::Fine), 50_000, r),
            d("2026-06-02")
        );
        assert_eq!(
            retention_until(p, &one(PenaltyKind::Fine), 100_001, r),
            d("2029-03-02")
        );
        assert_eq!(
            retention_until(p, &one(PenaltyKind::Revocation), 0, r),
            d("2029-03-02")
        );
        let six = Retention {
            short_months: 6,
            ..r
        };
        assert_eq!(
            retention_until(p, &one(PenaltyKind::Warning), 0, six),
            d("2026-09-02")
        );
    }

    #[test]
    fn masking_a_natural_persons_case() {
        let m = mask_with(
            true,
            "张三",
            "",
            &[],
            "当事人张三于2026年3月2日在南京东路占道经营，手机13812345678。",
            "",
        );
        assert_eq!(m.party, "张某某");
        assert_eq!(
            m.facts,
            "当事人张某某于2026年3月2日在南京东路占道经营，手机138********。"
        );
        assert_eq!(m.maskings.len(), 2);
        let org = mask_with(
            false,
            "上海某某餐饮有限公司",
            "李四",
            &[],
            "法定代表人李四。",
            "",
        );
        assert_eq!(org.party, "上海某某餐饮有限公司");
        assert_eq!(org.facts, "法定代表人李某某。");
        assert!(leftover("当事人张某某。", true, "张三").is_empty());
        assert_eq!(leftover("联系张三", true, "张三").len(), 1);
    }

    #[test]
    fn hand_added_text_and_highlight_segments() {
        let extra = vec!["大刀哥".to_string(), "A-17".to_string()];
        let o = options_with(true, "张三", "", &extra);
        assert_eq!(o.parties, vec!["张三".to_string(), "大刀哥".to_string()]);
        assert_eq!(o.extra, vec!["A-17".to_string()]);
        let text = "张三与大刀哥在A-17号摊位，手机13812345678。";
        let r = redact::redact(text, &o);
        let (orig, masked) = segments(&r, text);
        let joined = |v: &[Segment]| v.iter().map(|s| s.text.as_str()).collect::<String>();
        assert_eq!(joined(&orig), text);
        assert_eq!(joined(&masked), r.text);
        let marked: Vec<&str> = orig
            .iter()
            .filter(|s| s.kind.is_some())
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(marked, vec!["张三", "大刀哥", "A-17", "13812345678"]);
        assert!(
            !r.text.contains("大刀哥") && !r.text.contains("A-17"),
            "{}",
            r.text
        );
    }

    #[test]
    fn numbers_and_money() {
        assert_eq!(mask_number("13812345678"), "138****5678");
        assert_eq!(mask_number("021-6321 5678"), "021****5678");
        assert_eq!(parse_yuan("1,200.50"), Some(120_050));
        assert_eq!(parse_yuan("3万"), Some(3_000_000));
        assert_eq!(parse_yuan("500元"), Some(50_000));
        assert_eq!(parse_yuan("-5"), None);
        assert_eq!(yuan(120_050), "1200.50");
    }
}
