//! Find and mask personal information in Chinese administrative texts such as
//! 行政处罚决定书, and say exactly what was masked and why.
//!
//! Masked: 居民身份证号 (18 digits, and the old 15-digit form; numbers the source
//! masked in part — `*`, `x`, `X`, `×`, `＊` in the birth date or the last four — are
//! brought to the same form after an identity word: the first 6, the rest asterisks; a 残疾人证号, the ID and two
//! digits), mobile and landline numbers (+86, spaces, dashes, full-width digits,
//! Chinese numerals as dictated, 转 extensions, a last four given alone; a mobile keeps
//! its first 3 digits), bank card numbers (Luhn-valid, or grouped by fours after a
//! bank's name), vehicle plates of private persons, e-mail addresses, social accounts
//! (微信 and its spellings, QQ, 抖音, nicknames), personal certificate numbers (a
//! lawyer's 执业证号 too), natural persons' names — whatever their role (当事人,
//! 经营者, a company's 法定代表人, 委托代理人 and lawyers, 申请人, 来电人, witnesses,
//! relatives), after role words, by jieba's `nr` tag, by context (男/女, 身份证, 称, 系,
//! 姓名, a relative or an employee before it, a list with a known name, a quoted
//! statement), informally named (姓戴, 孙师傅, 龚先生, 物业经理小陆, 其妻小芳, 名叫晓彤,
//! 老包（包永年）, 外号"大胖", 邢王氏, 丹尼尔·奥卡福, Latin letters), the given name
//! alone after the full name, masked everywhere in the document and shown as the
//! surname and 某某 (a given name alone as 某某) — written-out birth dates, adults' ages with or
//! without a cue word (they give back the birth year), home addresses below road level
//! and homes written freely (同楼602, 1302室业主, 400弄2号601室 in any numerals, 西门路
//! 301弄居民; a home found once is masked wherever it or its room recurs), social
//! assistance and hardship, and sensitive personal information (个人信息保护法
//! 第二十八条): health (diagnoses, conditions in plain words, medicines taken,
//! disability, the hospital a condition was treated at), religion (belief, practice,
//! a church named alone where the sentence speaks of belief), minors' ages and
//! schools, each with its own [`Kind`] and reason.
//!
//! Left alone: 统一社会信用代码, 文号, amounts, dates, law names and article numbers,
//! organisation names and shop signs, an organisation's 住所 and a business's
//! 经营地址, 街道/镇 as bodies, road names that contain a surname (欧阳路), enforcement
//! officers acting in office with their 执法证号 (执法人员, 经办人, 承办人员 …), the
//! agency's head (局长, 中队长) and the by-lines of its staff (供稿), the agency's own
//! contact person, numbers and collection accounts, organisations' switchboards
//! (中队, 居委会, 律师事务所) and numbers after an organisation's unit (法制科 021-…),
//! an organisation's seat (住所地 after its name), officials in a table with their
//! office (局长) and officers under an officer column, estates and malls (海欣家园), and
//! company vehicles' plates (该公司自卸车…, 行驶证上是…公司的).
//!
//! [`redact`] is idempotent: masking masked text changes nothing.
//!
//! Modules: one per kind of thing recognised, each with a doc comment that says what;
//! `layout` undoes names padded with spaces and lines broken mid-sentence before
//! anything is looked for (docs/ARCHITECTURE.md lists them all). In this file: the types,
//! the masking list and the resolution of overlaps. `examples/eval.rs` measures recall
//! and keep on an annotated set.

mod addresses;
mod agencies;
mod agencycontact;
mod ailments;
mod aliases;
mod approvals;
mod births;
mod bodily;
mod bracketed;
mod care;
mod certlists;
mod clinical;
mod closing;
mod columns;
mod compound;
mod conditions;
mod contacts;
mod cued;
mod cues;
mod devotions;
mod evenly;
mod familiar;
mod fieldnames;
mod given;
mod grouped;
mod handlers;
mod hearings;
mod homes;
mod hospitals;
mod identifiers;
mod idfields;
mod idnumbers;
mod informal;
mod injuries;
mod keeps;
mod kin;
mod kind;
mod latin;
mod layout;
mod lettered;
mod likely;
mod linebreaks;
mod localplates;
mod looseness;
mod marked;
mod mentions;
mod nameparts;
mod names;
mod nicknames;
mod nouned;
mod numbers;
mod occur;
mod officers;
mod officerslot;
mod officertables;
mod orgphones;
mod pairs;
mod particulars;
mod parties;
mod partmasked;
mod patterns;
mod persons;
mod placed;
mod procedure;
mod pupils;
mod quoted;
mod records;
mod roadlevel;
mod rolevalues;
mod runon;
mod schoolbody;
mod schooling;
mod sensitive;
mod signs;
mod spaced;
mod speakers;
mod staff;
mod standing;
mod states;
mod statistics;
mod subjects;
mod surnames;
mod tabled;
mod tagged;
mod tibetan;
mod unsurnamed;
mod vehicles;
mod whose;
mod wrapped;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use officers::officer_names;

pub use kind::Kind;

/// One masking: where in the original text (byte offsets), what it was, what it
/// became and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Masking {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub original: String,
    pub replacement: String,
    pub reason: String,
}

/// The masked text and every masking, in text order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Redacted {
    pub text: String,
    pub maskings: Vec<Masking>,
}

/// What the caller knows about the text.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Names of natural persons who are parties: masked wherever they appear.
    pub parties: Vec<String>,
    /// Names of enforcement officers acting in office: never masked.
    pub officers: Vec<String>,
    /// Other text a reviewer marked as personal: masked whole (`***`) wherever it
    /// appears. A name given here belongs in `parties`.
    pub extra: Vec<String>,
    /// A statistical reader of persons' names (LAC's model in the application), when
    /// installed: what it reads as a name, and the rules do not keep, is masked too.
    pub tagger: Option<Arc<dyn PersonTagger>>,
}

/// Reads persons' names in running text: the byte ranges of the names in `text`.
pub trait PersonTagger: Send + Sync + std::fmt::Debug {
    fn persons(&self, text: &str) -> Vec<std::ops::Range<usize>>;
}

/// The masking list: every finding, overlapping ones included, before the overlaps
/// are resolved in [`redact`].
struct Finder<'a> {
    text: &'a str,
    found: Vec<Masking>,
}

impl Finder<'_> {
    fn push(&mut self, kind: Kind, start: usize, end: usize, replacement: String, reason: &str) {
        let original = self.text[start..end].to_string();
        if original == replacement
            || kind == Kind::Health
                && (statistics::general_statement(self.text, start)
                    || statistics::counted(self.text, end)
                    || statistics::class_advised(self.text, end))
            || kind == Kind::Criminal && statistics::class_served(self.text, end)
            || kind == Kind::Welfare && statistics::scheme_named(self.text, end)
            || kind == Kind::Minor && statistics::grade_in_notice(self.text, end)
        {
            return;
        }
        self.found.push(Masking {
            kind,
            start,
            end,
            original,
            replacement,
            reason: reason.to_string(),
        });
    }

    /// Every match of `re` that is a sensitive word of one kind, masked whole with
    /// `***`: all but those inside a law's title (《艾滋病防治条例》 is no one's
    /// health) and those `skip` leaves out.
    fn sensitive_words(
        &mut self,
        re: &regex::Regex,
        kind: Kind,
        reason: &str,
        skip: impl Fn(&regex::Match<'_>) -> bool,
    ) {
        let text = self.text;
        for m in re.find_iter(text) {
            if !conditions::in_title(text, m.start()) && !skip(&m) {
                self.push(kind, m.start(), m.end(), "***".into(), reason);
            }
        }
    }
}

/// Find and mask personal information in `text`.
///
/// The finders run on the text with its layout artefacts undone (names padded with
/// spaces, lines broken mid-sentence: see `layout`); the maskings are mapped back onto
/// `text`, where they cover the padding or the line break too.
pub fn redact(text: &str, opts: &Options) -> Redacted {
    let joined = layout::join(text);
    let mut kept = find(&joined.text, opts, &layout::padded_names(&joined));
    for m in &mut kept {
        let (s, e) = joined.span(m.start, m.end);
        m.start = s;
        m.end = e;
        m.original = text[s..e].to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for m in &kept {
        out.push_str(&text[at..m.start]);
        out.push_str(&m.replacement);
        at = m.end;
    }
    out.push_str(&text[at..]);
    Redacted {
        text: out,
        maskings: kept,
    }
}

/// Every masking of `text`, overlaps resolved, in text order.
fn find(text: &str, opts: &Options, padded: &[String]) -> Vec<Masking> {
    // A company's or an applicant's 经办人 is no officer (委托经办人：…, 贵公司…经办人…).
    let clerks = handlers::private_clerks(text);
    let officers: BTreeSet<String> = opts
        .officers
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .chain(
            officer_names(text)
                .into_iter()
                .filter(|n| !clerks.contains(n)),
        )
        .chain(staff::staff_names(text))
        .chain(certlists::listed_badge_holders(text))
        .chain(unsurnamed::unsurnamed_officers(text))
        .collect();
    let mut f = Finder {
        text,
        found: Vec::new(),
    };
    f.id_cards();
    f.wrapped_cell_ids();
    f.short_ids();
    f.id_field_values();
    f.bank_cards();
    f.emails();
    f.phones(&officers);
    f.spaced_phones();
    f.wrapped_cell_phones();
    f.plates();
    f.local_plates();
    f.written_numbers();
    f.accounts();
    f.addresses();
    f.grouped_homes();
    f.birth_dates();
    f.health();
    f.disability_numbers();
    f.religion();
    f.devotions();
    f.ethnicity();
    f.minors();
    f.pupils();
    f.coming_exams();
    f.plain_conditions();
    f.care_needs();
    f.column_homes();
    f.aligned_column_homes();
    // Homes found in a table recur in the notes under it (…下洋村37号房屋).
    f.spread_homes();
    f.column_ages();
    f.aligned_wraps();
    f.clinical();
    f.plain_states();
    f.criminal_records();
    f.proceedings();
    f.bodily();
    f.symptoms();
    f.telling_hospitals();
    f.mind_hospitals();
    f.ailments();
    f.injuries();
    f.tibetan_names(&officers);
    f.unsurnamed_names(&officers);
    f.spaced_unsurnamed();
    f.lettered_names(&officers);
    let mut names = f.role_names(&officers);
    names.extend(f.spaced_names(&officers));
    names.extend(columns::column_names(text, &officers));
    // Names padded with spaces to line up with longer ones: only names are padded so.
    names.extend(
        padded
            .iter()
            .filter(|n| n.chars().count() >= 2 && !officers.contains(*n))
            .cloned(),
    );
    names.extend(
        opts.parties
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
    );
    names.extend(
        informal::informal_names(text)
            .into_iter()
            .filter(|n| !officers.contains(n)),
    );
    names.extend(clerks.iter().filter(|n| !officers.contains(*n)).cloned());
    names.extend(
        nouned::nouned_names(text)
            .into_iter()
            .filter(|n| !officers.contains(n)),
    );
    names.extend(
        cued::cued_names(text)
            .into_iter()
            .filter(|n| !officers.contains(n)),
    );
    names.extend(
        spaced::running_spaced_names(text)
            .into_iter()
            .filter(|n| !officers.contains(n)),
    );
    names.extend(
        looseness::loose_spaced_names(text)
            .into_iter()
            .filter(|n| !officers.contains(n)),
    );
    names.extend(
        marked::marked_names(text)
            .into_iter()
            .filter(|n| !officers.contains(n)),
    );
    names.extend(
        particulars::particular_names(text)
            .into_iter()
            .filter(|n| !officers.contains(n)),
    );
    names.extend(likely::likely_names(text, &officers));
    names.extend(
        speakers::chat_speakers(text)
            .into_iter()
            .filter(|n| !officers.contains(n)),
    );
    names.extend(
        pairs::grouped_names(text)
            .into_iter()
            .chain(placed::placed_names(text))
            .filter(|n| !officers.contains(n)),
    );
    names.extend(subjects::sensitive_subjects(text, &f.found, &officers));
    if let Some(t) = &opts.tagger {
        names.extend(tagged::tagged_names(text, t.as_ref(), &officers));
    }
    let called: BTreeSet<String> = given::called_given_names(text)
        .into_iter()
        .chain(mentions::vocatives(text))
        .filter(|n| !officers.contains(n))
        .collect();
    // Called names are masked by `Finder::called_names` only where they stand as words
    // of their own; as `names` they would be masked inside words too (性格文静).
    names.extend(persons::context_names(text, &names, &officers));
    let listed = pairs::listed_among(text, &names, &officers);
    names.extend(listed);
    // The abbreviation that opens a 文号 is the agency's (文综执保字〔2026〕…); a form of
    // address alone (阿婆, 师傅) is no one's name.
    // A "name" read into a mask (母亲吴某某 → 母亲吴, 由王*海 → 由王) is none.
    let districts = keeps::district_stems(text);
    // Where each name stands, found in one pass for all of them.
    let listed: Vec<String> = names.iter().cloned().collect();
    let found_at = occur::occurrences(text, &listed);
    let places: BTreeMap<String, Vec<usize>> = listed.into_iter().zip(found_at).collect();
    let no_places: Vec<usize> = Vec::new();
    // 和金秋 where 金秋 is a name too: the joining word and the name (和金秋、海燕去…).
    let joined: BTreeSet<String> = names
        .iter()
        .filter(|n| {
            n.chars().count() == 3
                && n.starts_with(['和', '跟', '与', '同', '及'])
                && n.char_indices()
                    .nth(1)
                    .is_some_and(|(i, _)| names.contains(&n[i..]))
        })
        .cloned()
        .collect();
    names.retain(|n| {
        let at = places.get(n).unwrap_or(&no_places);
        !joined.contains(n)
            && !agencies::opens_doc_number(text, n, at)
            && (n.chars().count() != 2 || !districts.contains(n.as_str()))
            && !informal::ADDRESS_FORMS.contains(&n.as_str())
            && !partmasked::read_into_masks(text, n, at)
            && !names::place_inside(n)
            // 我又不是雷锋, 袁隆平杂交水稻科普展: a public figure where it stands, no
            // party (a person may bear the name of one: 其表弟李白).
            && !tagged::public_figure_everywhere(text, n)
    });
    f.informal_references();
    f.familiar_names(&names, &officers);
    names.extend(f.bracketed_full_names(&officers));
    for (s, e) in bracketed::bracketed_homes(text, &names) {
        f.push(
            Kind::Address,
            s,
            e,
            "***".into(),
            "自然人姓名后括号内的住址（楼栋、门牌、房号），隐去",
        );
    }
    let latin = latin::bracketed_latin(text, &names);
    names.extend(latin);
    f.called_names(&called);
    f.given_names(&names, &officers);
    f.known_names(&names, &officers);
    f.part_masked_names(&names, &officers);
    f.spaced_known_names(&names, &officers);
    for x in opts
        .extra
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
    {
        let mut from = 0;
        while let Some(i) = text[from..].find(x) {
            let s = from + i;
            from = s + x.len();
            f.push(
                Kind::Manual,
                s,
                s + x.len(),
                "***".into(),
                "审核人员补充遮蔽的个人信息",
            );
        }
    }
    // A condition or a place whose start runs into a name before it (黄美玉双眼白内障:
    // 玉双眼白内障) starts after the name instead of losing to it.
    let mut found = f.found;
    // A condition inside a quoted provision is the law's word (精神障碍的住院治疗…).
    let provisions = patterns::quoted_provisions(text);
    // A hospital's unit in its news or a directory (…血液透析中心新增透析机) is no one's.
    found.retain(|m| {
        m.kind != Kind::Health
            || !(provisions.iter().any(|&(s, e)| s <= m.start && m.end <= e)
                || clinical::hospital_unit(text, m.start, m.end)
                || clinical::awareness_day(text, m.start, m.end))
    });
    // A would-be name inside a place, a road, a shop sign or an officer's name stays.
    let tails = signs::given_tails(&names);
    found.retain(|m| {
        m.kind != Kind::Name
            || !(keeps::not_a_person(text, m.start, m.end)
                || tagged::public_figure_at(text, m.start, m.end)
                || keeps::inside_officer(text, m.start, m.end, &officers)
                || signs::given_in_sign(text, m.start, m.end, &tails)
                || signs::in_quoted_sign(text, m.start, m.end, &names))
    });
    let name_spans: Vec<(usize, usize)> = found
        .iter()
        .filter(|m| m.kind == Kind::Name)
        .map(|m| (m.start, m.end))
        .collect();
    for m in found.iter_mut().filter(|m| m.kind.trimmable()) {
        if let Some(&(_, ne)) = name_spans
            .iter()
            .find(|(ns, ne)| *ns < m.start && m.start < *ne && *ne < m.end)
            && text[ne..m.end].chars().count() >= 2
        {
            // Words of the sentence between the name and the condition (因, 患 …) stay.
            let rest =
                text[ne..m.end].trim_start_matches(|c: char| "因患系为是有在和及与的".contains(c));
            if rest.chars().count() >= 2 {
                m.start = m.end - rest.len();
                m.original = rest.to_string();
            }
        }
    }
    // Resolve overlaps: earlier start first, then priority, then longer.
    found.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(a.kind.priority().cmp(&b.kind.priority()))
            .then(b.end.cmp(&a.end))
    });
    let mut kept: Vec<Masking> = Vec::new();
    let mut tails: Vec<Masking> = Vec::new();
    for m in found {
        match kept.last() {
            Some(last) if m.start < last.end => {
                // Overlap: a masking that covers the other hides it too; otherwise the
                // higher-priority kind wins.
                let m_covers = m.start <= last.start && m.end >= last.end;
                let last_covers = last.start <= m.start && last.end >= m.end;
                // A home that runs on past a name inside it keeps its part after the
                // name, as it does once the name is masked (masking twice changes
                // nothing).
                if !last_covers && (m_covers || m.kind.priority() < last.kind.priority()) {
                    let end = m.end;
                    if let Some(lost) = kept.pop() {
                        tails.extend(addresses::address_after(text, lost, end));
                    }
                    kept.push(m);
                } else {
                    tails.extend(addresses::address_after(text, m, last.end));
                }
            }
            _ => kept.push(m),
        }
    }
    for a in tails {
        if !kept.iter().any(|k| k.start < a.end && a.start < k.end) {
            kept.push(a);
        }
    }
    kept.sort_by_key(|m| m.start);
    runon::carry_on(text, &mut kept);
    kept
}
