//! 公文 domain types and rules: 文号, 索引号, 体裁, 公开属性, 有效性, workflow. Pure: no I/O.

use chrono::{Months, NaiveDate};
use serde::Serialize;

/// 文号: `机关代字〔年份〕序号号` (e.g. 沪城管执〔2023〕47号), or the decree form
/// `机关代字第序号号` (e.g. 国令第707号). Brackets typed as [ ]、［ ］、【 】 or ( ) are
/// normalised to 〔 〕.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocNo {
    pub agency: String,
    pub year: Option<i32>,
    pub seq: u32,
}

impl DocNo {
    pub fn parse(input: &str) -> Result<DocNo, &'static str> {
        let s: String = input
            .trim()
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '[' | '［' | '【' | '(' | '（' | '〔' => '〔',
                ']' | '］' | '】' | ')' | '）' | '〕' => '〕',
                c => c,
            })
            .collect();
        let body = s
            .strip_suffix('号')
            .ok_or("文号应以“号”结尾，如：沪城管执〔2023〕47号")?;
        let (agency, year, seq) = if let Some((agency, rest)) = body.split_once('〔') {
            let (year, seq) = rest.split_once('〕').ok_or("文号的年份应写在〔〕中")?;
            let year: i32 = year.parse().map_err(|_| "文号中的年份应为四位数字")?;
            if !(1949..=2100).contains(&year) || !rest.starts_with(|c: char| c.is_ascii_digit()) {
                return Err("文号中的年份应为四位数字");
            }
            (agency, Some(year), seq)
        } else if let Some((agency, seq)) = body.rsplit_once('第') {
            (agency, None, seq)
        } else {
            return Err("文号格式应为：机关代字〔年份〕序号号");
        };
        if agency.is_empty()
            || agency
                .chars()
                .any(|c| c.is_ascii_digit() || c == '〔' || c == '〕')
        {
            return Err("文号缺少机关代字");
        }
        if seq.is_empty()
            || seq.len() > 6
            || !seq.chars().all(|c| c.is_ascii_digit())
            || seq.starts_with('0')
        {
            return Err("文号中的序号应为不以 0 开头的数字");
        }
        let seq: u32 = seq.parse().map_err(|_| "文号中的序号应为数字")?;
        Ok(DocNo {
            agency: agency.to_string(),
            year,
            seq,
        })
    }
}

impl std::fmt::Display for DocNo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.year {
            Some(y) => write!(f, "{}〔{y}〕{}号", self.agency, self.seq),
            None => write!(f, "{}第{}号", self.agency, self.seq),
        }
    }
}

/// 索引号: `<organisation code>/<year>-<5-digit sequence>` (e.g. MB2F300040/2023-00054).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndexNo {
    pub org_code: String,
    pub year: i32,
    pub seq: u32,
}

impl IndexNo {
    pub fn parse(input: &str) -> Result<IndexNo, &'static str> {
        const MSG: &str = "索引号格式应为：机构代码/年份-五位序号，如 MB2F300040/2023-00054";
        let (org, rest) = input.trim().split_once('/').ok_or(MSG)?;
        let (year, seq) = rest.split_once('-').ok_or(MSG)?;
        let org_ok = (4..=20).contains(&org.len())
            && org
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if !org_ok
            || year.len() != 4
            || seq.len() != 5
            || !(year.chars().chain(seq.chars())).all(|c| c.is_ascii_digit())
        {
            return Err(MSG);
        }
        let year: i32 = year.parse().map_err(|_| MSG)?;
        let seq: u32 = seq.parse().map_err(|_| MSG)?;
        if seq == 0 || !(1949..=2100).contains(&year) {
            return Err(MSG);
        }
        Ok(IndexNo {
            org_code: org.to_string(),
            year,
            seq,
        })
    }

    pub fn new(org_code: &str, year: i32, seq: u32) -> IndexNo {
        IndexNo {
            org_code: org_code.to_string(),
            year,
            seq,
        }
    }
}

impl std::fmt::Display for IndexNo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}-{:05}", self.org_code, self.year, self.seq)
    }
}

code_enum!(
    /// 体裁
    Genre {
        Notice = ("notice", "通知"),
        Decision = ("decision", "决定"),
        Opinion = ("opinion", "意见"),
        Measures = ("measures", "办法"),
        Provisions = ("provisions", "规定"),
        Announcement = ("announcement", "公告"),
        Circular = ("circular", "通告"),
        Reply = ("reply", "批复"),
        Letter = ("letter", "函"),
        Report = ("report", "报告"),
        Minutes = ("minutes", "纪要"),
        Other = ("other", "其他"),
    }
);

impl Genre {
    /// Guess the genre from a title's ending (for imports of historic documents).
    pub fn from_title(title: &str) -> Genre {
        let t = title.trim_end_matches(['）', ')', '》']);
        let rules: [(&str, Genre); 11] = [
            ("通知", Genre::Notice),
            ("决定", Genre::Decision),
            ("意见", Genre::Opinion),
            ("办法", Genre::Measures),
            ("规定", Genre::Provisions),
            ("通告", Genre::Circular),
            ("公告", Genre::Announcement),
            ("批复", Genre::Reply),
            ("函", Genre::Letter),
            ("报告", Genre::Report),
            ("纪要", Genre::Minutes),
        ];
        rules
            .iter()
            .find(|(suffix, _)| t.ends_with(suffix))
            .map(|(_, g)| *g)
            .unwrap_or(Genre::Other)
    }
}

code_enum!(
    /// 公开属性
    Disclosure {
        Proactive = ("proactive", "主动公开"),
        OnRequest = ("on_request", "依申请公开"),
        Withheld = ("withheld", "不予公开"),
    }
);

code_enum!(
    /// Statutory grounds for not disclosing proactively (条例 Art. 14–16).
    Ground {
        StateSecret = ("state_secret", "属于国家秘密（第十四条）"),
        ProhibitedByLaw = ("prohibited_by_law", "法律、行政法规禁止公开（第十四条）"),
        ThreeSafety = ("three_safety", "公开后可能危及国家安全、公共安全、经济安全、社会稳定（第十四条）"),
        ThirdParty = ("third_party", "涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害（第十五条）"),
        InternalAffairs = ("internal_affairs", "人事管理、后勤管理、内部工作流程等内部事务信息（第十六条）"),
        ProcessInfo = ("process_info", "讨论记录、过程稿、磋商信函、请示报告等过程性信息（第十六条）"),
        EnforcementFile = ("enforcement_file", "行政执法案卷信息（第十六条）"),
    }
);

code_enum!(
    /// Which part of the 政府信息公开 column a document belongs to.
    Column {
        General = ("general", "法定主动公开内容"),
        Guide = ("guide", "政府信息公开指南"),
        Rules = ("rules", "政府信息公开制度"),
        AnnualReport = ("annual_report", "政府信息公开年报"),
    }
);

code_enum!(
    /// 有效性 of a 行政规范性文件
    Validity {
        Valid = ("valid", "有效"),
        Expired = ("expired", "失效"),
        Repealed = ("repealed", "废止"),
        Amended = ("amended", "已修改"),
    }
);

code_enum!(
    /// Workflow state.
    DocState {
        Draft = ("draft", "草稿"),
        Review = ("review", "送审"),
        Published = ("published", "已发布"),
        Withdrawn = ("withdrawn", "已撤回"),
        Superseded = ("superseded", "已被新版本替代"),
    }
);

code_enum!(
    /// 政策解读 forms.
    InterpForm {
        Text = ("text", "文字解读"),
        Graphic = ("graphic", "图解"),
        Video = ("video", "视频"),
        Animation = ("animation", "动漫"),
        Scenario = ("scenario", "场景演示"),
        ShortVideo = ("short_video", "短视频"),
    }
);

code_enum!(
    /// Interpretation state: approved means ready to go out with its policy.
    InterpState {
        Draft = ("draft", "草稿"),
        Approved = ("approved", "已审定"),
        Published = ("published", "已发布"),
        Withdrawn = ("withdrawn", "已撤回"),
    }
);

/// The longest validity allowed (沪府令第26号 Art. 26): 通告 1 year, 暂行/试行 2, otherwise 5.
pub fn max_validity_years(genre: Genre, provisional: bool) -> u32 {
    if genre == Genre::Circular {
        1
    } else if provisional {
        2
    } else {
        5
    }
}

/// The last valid day of a period of `years` starting on `effective` (inclusive):
/// 2023-05-01 + 5 years → 2028-04-30.
pub fn period_end(effective: NaiveDate, years: u32) -> NaiveDate {
    effective
        .checked_add_months(Months::new(12 * years))
        .and_then(|d| d.pred_opt())
        .unwrap_or(NaiveDate::MAX)
}

/// Decide 有效期至: the default when none is given; an explicit one longer than the
/// maximum needs a recorded reason.
pub fn valid_until(
    effective: NaiveDate,
    explicit: Option<NaiveDate>,
    genre: Genre,
    provisional: bool,
    reason: &str,
) -> Result<NaiveDate, &'static str> {
    let max = period_end(effective, max_validity_years(genre, provisional));
    match explicit {
        None => Ok(max),
        Some(d) if d < effective => Err("有效期至不能早于施行日期"),
        Some(d) if d > max && reason.trim().is_empty() => {
            Err("有效期超过规定上限（通告1年、暂行或试行2年、其他5年），须填写理由")
        }
        Some(d) => Ok(d),
    }
}

/// The validity shown on a given day: a recorded 废止/已修改 stands; otherwise
/// 失效 from the day after 有效期至.
pub fn validity_on(
    recorded: Option<Validity>,
    valid_until: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<Validity> {
    match recorded {
        Some(Validity::Repealed) | Some(Validity::Amended) => recorded,
        _ => match valid_until {
            Some(end) if today > end => Some(Validity::Expired),
            Some(_) => Some(Validity::Valid),
            None => recorded,
        },
    }
}

/// Review of a normative document starts 6 months before it expires.
pub fn expires_soon(valid_until: NaiveDate, today: NaiveDate) -> bool {
    today <= valid_until
        && today
            .checked_add_months(Months::new(6))
            .is_some_and(|d| valid_until <= d)
}

/// Art. 26: proactive information is published within 20 working days of being formed.
///
/// Art. 26: proactive disclosure within 20 working days of the information being
/// formed; a year without calendar data is an error, never a guess.
pub fn publication_deadline(
    cal: &workday::Calendar,
    written_on: NaiveDate,
) -> Result<NaiveDate, workday::Error> {
    cal.add_workdays(written_on, 20)
}

/// Why a document may not be published by this reviewer now, if it may not.
/// Four eyes: neither its author nor whoever changed it last (who may be another
/// publisher holding the 审核人 role too) may publish it.
pub fn publish_blocker(
    state: DocState,
    author_id: Option<i64>,
    last_editor_id: Option<i64>,
    reviewer_id: i64,
    needs_interpretation: bool,
    interpretation: Option<InterpState>,
) -> Option<&'static str> {
    if state != DocState::Review {
        return Some("只有送审中的文件可以发布");
    }
    if author_id == Some(reviewer_id) {
        return Some("发布须由起草人以外的审核人审核");
    }
    if last_editor_id == Some(reviewer_id) {
        return Some("发布须由起草人和最后修改人以外的审核人审核");
    }
    if needs_interpretation && interpretation != Some(InterpState::Approved) {
        return Some("该文件需要政策解读：解读材料审定后才能与文件同步发布");
    }
    None
}

/// Why a document's content (its fields, text and attachments) may not be changed
/// directly, if it may not. Only drafts change: a document in review is what the
/// reviewer reviews (and may already have approved for a set time), so changing it
/// means returning it first, which cancels any approval; a published document
/// changes only through a revision that a reviewer approves.
pub fn content_change_blocker(state: DocState) -> Option<&'static str> {
    match state {
        DocState::Draft => None,
        DocState::Review => Some(
            "送审中的文件不能修改或增删附件；如需修改，请审核人退回后再改（已审核通过的定时发布随之取消）",
        ),
        DocState::Published => Some("已发布的文件只能通过修订修改，修订经审核后生效"),
        DocState::Withdrawn | DocState::Superseded => Some("已撤回或已被替代的文件不能修改"),
    }
}

/// Why this reviewer may not approve a pending revision of a published document:
/// not by the document's author, nor by whoever wrote the revision.
pub fn revision_blocker(
    state: DocState,
    author_id: Option<i64>,
    reviser_id: Option<i64>,
    reviewer_id: i64,
) -> Option<&'static str> {
    if state != DocState::Published {
        return Some("只有已发布文件的修订需要审核");
    }
    if author_id == Some(reviewer_id) || reviser_id == Some(reviewer_id) {
        return Some("修订须由起草人和修订人以外的审核人审核");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn doc_numbers() {
        let n = DocNo::parse("沪城管执〔2023〕47号").expect("valid");
        assert_eq!(
            (n.agency.as_str(), n.year, n.seq),
            ("沪城管执", Some(2023), 47)
        );
        assert_eq!(n.to_string(), "沪城管执〔2023〕47号");
        assert_eq!(
            DocNo::parse(" 国办发[2019] 6号")
                .expect("normalised")
                .to_string(),
            "国办发〔2019〕6号"
        );
        assert_eq!(
            DocNo::parse("国办发明电（2018）15号")
                .expect("valid")
                .agency,
            "国办发明电"
        );
        assert_eq!(
            DocNo::parse("国令第707号").expect("decree").to_string(),
            "国令第707号"
        );
        for bad in [
            "",
            "沪城管执2023年47号",
            "〔2023〕47号",
            "沪城管执〔23〕47号",
            "沪城管执〔2023〕047号",
            "沪城管执〔2023〕号",
            "沪城管执〔2023〕47",
            "沪城管执〔1800〕4号",
        ] {
            assert!(DocNo::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn index_numbers() {
        let i = IndexNo::parse("MB2F300040/2023-00054").expect("valid");
        assert_eq!(i, IndexNo::new("MB2F300040", 2023, 54));
        assert_eq!(i.to_string(), "MB2F300040/2023-00054");
        assert!(IndexNo::parse("000014349/2019-00007").is_ok());
        for bad in [
            "MB2F300040/2023-54",
            "mb2f/2023-00054",
            "MB2F300040-2023-00054",
            "MB2F300040/2023-00000",
            "X/2023-00001",
        ] {
            assert!(IndexNo::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn genres_from_titles() {
        assert_eq!(
            Genre::from_title("关于印发《工作要点》的通知"),
            Genre::Notice
        );
        assert_eq!(
            Genre::from_title("国务院关于同意设立某某的批复"),
            Genre::Reply
        );
        assert_eq!(
            Genre::from_title("国务院办公厅关于某事的复函"),
            Genre::Letter
        );
        assert_eq!(Genre::from_title("某某条例"), Genre::Other);
        for g in Genre::ALL {
            assert_eq!(Genre::parse(g.code()), Some(*g));
            assert_eq!(Genre::from_label(g.label()), Some(*g));
        }
    }

    #[test]
    fn validity_periods() {
        assert_eq!(period_end(d("2023-05-01"), 5), d("2028-04-30"));
        assert_eq!(period_end(d("2024-02-29"), 1), d("2025-02-27"));
        assert_eq!(
            valid_until(d("2023-05-01"), None, Genre::Measures, false, ""),
            Ok(d("2028-04-30"))
        );
        assert_eq!(
            valid_until(d("2023-05-01"), None, Genre::Circular, false, ""),
            Ok(d("2024-04-30"))
        );
        assert_eq!(
            valid_until(d("2023-05-01"), None, Genre::Measures, true, ""),
            Ok(d("2025-04-30"))
        );
        assert!(
            valid_until(
                d("2023-05-01"),
                Some(d("2026-01-01")),
                Genre::Measures,
                true,
                ""
            )
            .is_err()
        );
        assert_eq!(
            valid_until(
                d("2023-05-01"),
                Some(d("2026-01-01")),
                Genre::Measures,
                true,
                "上位法要求"
            ),
            Ok(d("2026-01-01"))
        );
        assert_eq!(
            valid_until(
                d("2023-05-01"),
                Some(d("2024-01-01")),
                Genre::Measures,
                false,
                ""
            ),
            Ok(d("2024-01-01"))
        );
        assert!(
            valid_until(
                d("2023-05-01"),
                Some(d("2023-04-01")),
                Genre::Measures,
                false,
                "理由"
            )
            .is_err()
        );
    }

    #[test]
    fn validity_over_time() {
        let end = Some(d("2028-04-30"));
        assert_eq!(
            validity_on(Some(Validity::Valid), end, d("2028-04-30")),
            Some(Validity::Valid)
        );
        assert_eq!(
            validity_on(Some(Validity::Valid), end, d("2028-05-01")),
            Some(Validity::Expired)
        );
        assert_eq!(
            validity_on(Some(Validity::Repealed), end, d("2024-01-01")),
            Some(Validity::Repealed)
        );
        assert_eq!(validity_on(None, None, d("2024-01-01")), None);
        assert!(expires_soon(d("2028-04-30"), d("2027-11-01")));
        assert!(!expires_soon(d("2028-04-30"), d("2027-10-29")));
        assert!(!expires_soon(d("2028-04-30"), d("2028-05-01")));
    }

    #[test]
    fn publication_deadline_counts_working_days() {
        let cal = workday::builtin();
        // Monday 2023-04-10: Sunday 04-23 and Saturday 05-06 are worked, 04-29..05-03
        // is the 劳动节 break, so the 20th working day is 2023-05-09 (not 05-08).
        assert_eq!(
            publication_deadline(&cal, d("2023-04-10")),
            Ok(d("2023-05-09"))
        );
        assert!(publication_deadline(&cal, d("2026-12-20")).is_err());
    }

    #[test]
    fn publishing_rules() {
        use DocState::*;
        assert_eq!(
            publish_blocker(Review, Some(1), Some(1), 2, false, None),
            None
        );
        assert_eq!(publish_blocker(Review, None, None, 2, false, None), None);
        assert!(
            publish_blocker(Review, Some(2), Some(2), 2, false, None).is_some(),
            "not the author"
        );
        assert!(
            publish_blocker(Review, Some(1), Some(2), 2, false, None).is_some(),
            "not the last editor"
        );
        assert!(publish_blocker(Draft, Some(1), Some(1), 2, false, None).is_some());
        assert!(
            publish_blocker(Review, Some(1), Some(1), 2, true, None).is_some(),
            "needs its interpretation"
        );
        assert!(
            publish_blocker(Review, Some(1), Some(1), 2, true, Some(InterpState::Draft)).is_some()
        );
        assert_eq!(
            publish_blocker(
                Review,
                Some(1),
                Some(1),
                2,
                true,
                Some(InterpState::Approved)
            ),
            None
        );
    }

    #[test]
    fn only_drafts_change_directly() {
        use DocState::*;
        assert_eq!(content_change_blocker(Draft), None);
        for s in [Review, Published, Withdrawn, Superseded] {
            assert!(content_change_blocker(s).is_some(), "{s:?}");
        }
    }

    #[test]
    fn revision_rules() {
        use DocState::*;
        assert_eq!(revision_blocker(Published, Some(1), Some(2), 3), None);
        assert!(
            revision_blocker(Published, Some(1), Some(2), 2).is_some(),
            "reviser"
        );
        assert!(
            revision_blocker(Published, Some(1), Some(2), 1).is_some(),
            "author"
        );
        assert!(revision_blocker(Withdrawn, Some(1), Some(2), 3).is_some());
    }
}
