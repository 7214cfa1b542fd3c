//! Letters to applicants and consulted parties, from editable templates.
//!
//! A template is a title and a body of paragraphs (one per line) with `{名称}`
//! placeholders. A line starting with `>` is right-aligned (signature, date); a line
//! ending with `：` is a salutation (left-aligned). Unknown placeholders stay as
//! typed so that a mistake in a template is visible, never silently blank.

use std::collections::BTreeMap;

use officedoc::{Letter, Para};

use super::model::{ApplicantKind, Ground, Outcome};

code_enum!(
    LetterKind {
        Reply = ("reply", "政府信息公开申请答复告知书"),
        Correction = ("correction", "补正申请通知书"),
        Extension = ("extension", "延期答复告知书"),
        Consultation = ("consultation", "征求意见函"),
        Fee = ("fee", "收费通知书"),
    }
);

impl LetterKind {
    /// The built-in body. `{称谓}` is 您 or 贵单位 by the applicant's kind; the two
    /// lines starting with `>` at the end are the signature (organ over date).
    pub fn default_body(self) -> &'static str {
        match self {
            LetterKind::Reply => {
                "{申请人}：\n本机关于{收到日期}收到{称谓}提出的政府信息公开申请（申请编号：{编号}），申请获取：{申请内容}。\n经审查，现答复如下：{答复}{说明}\n{救济}\n>{机关}\n>{日期}"
            }
            LetterKind::Correction => {
                "{申请人}：\n本机关于{收到日期}收到{称谓}提出的政府信息公开申请（申请编号：{编号}）。根据《中华人民共和国政府信息公开条例》第二十九条第三款的规定，{称谓}的申请内容不明确，请于收到本通知之日起{补正期限}个工作日内（{补正截止日}前）补正以下内容：\n{补正事项}\n答复期限自本机关收到补正后的申请之日起计算。根据该条例第三十条的规定，无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。\n>{机关}\n>{日期}"
            }
            LetterKind::Extension => {
                "{申请人}：\n本机关于{收到日期}收到{称谓}提出的政府信息公开申请（申请编号：{编号}）。因{延期理由}，本机关不能在规定期限内作出答复。根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，经{批准人}同意，答复期限延长{延期天数}个工作日，本机关将于{答复期限}前作出答复。\n期限计算：{期限说明}\n>{机关}\n>{日期}"
            }
            LetterKind::Consultation => {
                "{征求对象}：\n本机关于{收到日期}收到政府信息公开申请（申请编号：{编号}），申请获取：{申请内容}。{征求依据}现书面征求意见，请于收到本函之日起15个工作日内（{征求截止日}前）提出书面意见。逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开。\n>{机关}\n>{日期}"
            }
            LetterKind::Fee => {
                "{申请人}：\n本机关于{收到日期}收到{称谓}提出的政府信息公开申请（申请编号：{编号}）。根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，本申请应缴纳信息处理费{收费金额}元（{收费说明}）。\n请于收到本通知之日起20个工作日内（{缴费截止日}前）缴纳。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。发出收费通知至缴纳费用的时间不计算在答复期限内。\n>{机关}\n>{日期}"
            }
        }
    }
}

const TIAOLI: &str = "《中华人民共和国政府信息公开条例》";

/// How the letter addresses the applicant: 您 to a natural person, 贵单位 to a
/// legal person or other organisation.
pub fn address(kind: ApplicantKind) -> &'static str {
    if kind.is_natural() {
        "您"
    } else {
        "贵单位"
    }
}

/// The specific ground of a refusal in the words of the 条例, with its article.
pub fn ground_text(g: Ground) -> (&'static str, &'static str) {
    match g {
        Ground::StateSecret => ("属于依法确定为国家秘密的政府信息", "第十四条"),
        Ground::LawProhibits => ("属于法律、行政法规禁止公开的政府信息", "第十四条"),
        Ground::Security => (
            "公开后可能危及国家安全、公共安全、经济安全、社会稳定",
            "第十四条",
        ),
        Ground::ThirdParty => (
            "涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害",
            "第十五条",
        ),
        Ground::Internal => (
            "属于行政机关的内部事务信息（人事管理、后勤管理、内部工作流程等方面的信息）",
            "第十六条第一款",
        ),
        Ground::Process => (
            "属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息",
            "第十六条第二款",
        ),
        Ground::EnforcementFile => ("属于行政执法案卷信息", "第十六条第二款"),
        Ground::AdminQuery => (
            "属于行政查询事项，应当依照有关查询规定办理，不作为政府信息公开申请处理",
            "第二条",
        ),
    }
}

/// The decision in prose with its legal basis (never the dropdown label); ends
/// with a full stop. `you` is [`address`].
pub fn decision(outcome: Outcome, ground: Option<Ground>, you: &str) -> String {
    let refusal = |g: Option<Ground>| match g {
        Some(g) => {
            let (why, art) = ground_text(g);
            format!("{why}，依据{TIAOLI}{art}")
        }
        None => "依法不予公开".to_string(),
    };
    match outcome {
        Outcome::AlreadyPublic => format!(
            "{you}申请获取的政府信息本机关已经主动公开。根据{TIAOLI}第三十六条第一项的规定，现告知获取该政府信息的方式和途径。"
        ),
        Outcome::Provided => format!(
            "{you}申请获取的政府信息属于公开范围。根据{TIAOLI}第三十六条第二项的规定，本机关向{you}提供该政府信息。"
        ),
        Outcome::Partial => format!(
            "{you}申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。根据{TIAOLI}第三十七条的规定，本机关向{you}提供可以公开的部分；其余部分{}，不予公开。",
            refusal(ground)
        ),
        Outcome::Withheld => format!(
            "{you}申请获取的政府信息{}。根据{TIAOLI}第三十六条第三项的规定，本机关决定不予公开。",
            refusal(ground)
        ),
        Outcome::NotHeld => format!(
            "经检索查找，本机关未制作或者获取{you}申请获取的政府信息，该政府信息不存在。根据{TIAOLI}第三十六条第四项的规定，特此告知。"
        ),
        Outcome::NotOurs => format!(
            "{you}申请获取的政府信息不属于本机关负责公开。根据{TIAOLI}第三十六条第五项的规定，特此告知；能够确定负责公开该政府信息的行政机关的，其名称、联系方式见下文。"
        ),
        Outcome::NeedsCreation => format!(
            "{you}申请获取的信息本机关没有现成的政府信息，需要对现有政府信息进行加工、分析才能形成。根据{TIAOLI}第三十八条的规定，本机关不予提供。"
        ),
        Outcome::StillUnclear => format!(
            "本机关已通知{you}补正申请，{you}补正后的申请内容仍不明确，本机关无法确定{you}所需的政府信息。根据{TIAOLI}第二十九条第二款、第三十条的规定，本机关不予处理。"
        ),
        Outcome::Petition => format!(
            "{you}的申请实为以政府信息公开申请的形式进行信访、投诉、举报等活动。根据{TIAOLI}第三十九条第一款的规定，本机关不作为政府信息公开申请处理，{you}可以通过相应渠道提出。"
        ),
        Outcome::Repeated => format!(
            "{you}提出的申请与此前已经本机关答复的申请相同，属于重复申请。根据{TIAOLI}第三十六条第六项的规定，本机关不予重复处理。"
        ),
        Outcome::Publication => format!(
            "{you}申请获取的是政府公报、报刊、书籍等公开出版物。根据{TIAOLI}第三十九条第二款的规定，现告知获取的途径。"
        ),
        Outcome::Excessive => format!(
            "{you}申请公开政府信息的数量、频次明显超过合理范围，且未能说明合理理由。根据{TIAOLI}第三十五条的规定，本机关不予处理。"
        ),
        Outcome::Confirmation => format!(
            "{you}的申请是要求本机关确认或者重新出具{you}已经获取的信息，不属于{TIAOLI}第二条所称获取政府信息的申请，本机关不作为政府信息公开申请处理。"
        ),
        Outcome::GivenUp => format!(
            "本机关已通知{you}补正申请，{you}无正当理由逾期未补正。根据{TIAOLI}第三十条的规定，视为放弃申请，本机关不再处理该政府信息公开申请。"
        ),
        Outcome::FeeUnpaid => format!(
            "{you}未在规定期限内缴纳信息处理费。根据{TIAOLI}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，视为放弃申请，本机关不再处理该政府信息公开申请。"
        ),
        Outcome::OtherHandling => format!(
            "{you}申请获取的信息，有关法律、行政法规对其获取有特别规定。根据{TIAOLI}第三十六条第七项的规定，请{you}依照有关法律、行政法规的规定办理。"
        ),
    }
}

/// The remedy sentence (行政复议法 Art. 20: 60 days; 行政诉讼法 Art. 46: 6 months).
/// An organ without a configured 复议机关 gets a visible blank, never a guess.
pub fn remedy(you: &str, review_organ: &str) -> String {
    let organ = if review_organ.trim().is_empty() {
        "＿＿＿＿（复议机关未设置）"
    } else {
        review_organ.trim()
    };
    format!(
        "{you}如对本答复不服，可以自收到本告知书之日起六十日内向{organ}申请行政复议，或者依照《中华人民共和国行政诉讼法》第四十六条的规定，自收到本告知书之日起六个月内向人民法院提起行政诉讼。"
    )
}

/// Why a consultation letter is sent (Art. 32 to a third party, Art. 34 to another
/// organ).
pub fn consultation_basis(party_is_agency: bool) -> String {
    if party_is_agency {
        format!("该政府信息由本机关与贵机关共同制作，根据{TIAOLI}第三十四条的规定，")
    } else {
        format!("该政府信息公开可能损害第三方合法权益，根据{TIAOLI}第三十二条的规定，")
    }
}

/// No doubled or clashing punctuation ("。。", "，。", "：。"): the second mark of a
/// pair goes, except where the first is a closing bracket or quote.
pub fn tidy(text: &str) -> String {
    const MARKS: &str = "。，、；：！？";
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if MARKS.contains(c)
            && let Some(last) = out.chars().last()
            && MARKS.contains(last)
        {
            // "，。" keeps the full stop; "。。" and "：。" keep the first.
            if last == '，' || last == '、' {
                out.pop();
                out.push(c);
            }
            continue;
        }
        out.push(c);
    }
    out
}

/// Fill `{名称}` placeholders from `vars`.
pub fn fill(template: &str, vars: &BTreeMap<&str, String>) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after.find('}') {
            Some(j) if j <= 30 => {
                let key = &after[..j];
                match vars.get(key) {
                    Some(v) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(key);
                        out.push('}');
                    }
                }
                rest = &after[j + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The placeholders a template may use, for the template editor.
pub const PLACEHOLDERS: &[&str] = &[
    "申请人",
    "称谓",
    "答复",
    "救济",
    "复议机关",
    "征求依据",
    "编号",
    "收到日期",
    "申请内容",
    "机关",
    "日期",
    "答复类型",
    "理由",
    "说明",
    "补正事项",
    "补正期限",
    "补正截止日",
    "延期理由",
    "批准人",
    "延期天数",
    "答复期限",
    "期限说明",
    "征求对象",
    "征求截止日",
    "收费金额",
    "收费说明",
    "缴费截止日",
];

/// Build the letter from a title, its number (if it has one) and a filled body.
/// Lines starting with `>` are right-aligned; the last two such lines, when they
/// end the body, are the signature: the organ's name centred over the date
/// (GB/T 9704 7.3.5.1), with the seal pressing on both.
pub fn letter(title: &str, number: Option<&str>, body: &str) -> Letter {
    let mut paras = vec![Para::title(title)];
    match number {
        Some(n) => paras.push(Para::right(n)),
        None => paras.push(Para::blank()),
    }
    let lines: Vec<&str> = body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let n = lines.len();
    let signed = n >= 2 && lines[n - 1].starts_with('>') && lines[n - 2].starts_with('>');
    let upto = if signed { n - 2 } else { n };
    for l in &lines[..upto] {
        let l = tidy(l);
        paras.push(if let Some(r) = l.strip_prefix('>') {
            Para::right(r.trim())
        } else if l.ends_with('：') && l.chars().count() <= 40 {
            Para::left(l)
        } else {
            Para::body(l)
        });
    }
    if signed {
        let strip = |s: &str| s.trim_start_matches('>').trim().to_string();
        paras.extend(Para::signature(strip(lines[n - 2]), strip(lines[n - 1])));
    }
    Letter {
        title: title.to_string(),
        paras,
        seal_mark: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_fill_and_unknown_ones_stay_visible() {
        let mut v = BTreeMap::new();
        v.insert("申请人", "张某".to_string());
        assert_eq!(fill("{申请人}：{不存在}{", &v), "张某：{不存在}{");
        let l = letter(
            "告知书",
            Some("沪城管执依复〔2026〕1号"),
            "张某：\n正文。。\n>附注\n>某局\n>2026年3月9日",
        );
        let aligns: Vec<_> = l.paras.iter().map(|p| p.align).collect();
        use officedoc::Align::*;
        assert_eq!(
            aligns,
            [Center, Right, Left, Body, Right, Left, Signer, Date]
        );
        assert_eq!(l.paras[1].text, "沪城管执依复〔2026〕1号");
        assert_eq!(l.paras[3].text, "正文。");
        assert_eq!(l.paras[6].text, "某局");
    }

    #[test]
    fn every_default_template_uses_only_known_placeholders() {
        let vars: BTreeMap<&str, String> =
            PLACEHOLDERS.iter().map(|p| (*p, "X".to_string())).collect();
        for k in LetterKind::ALL {
            let out = fill(k.default_body(), &vars);
            assert!(!out.contains('{'), "{}: {out}", k.code());
            assert!(!out.contains("您（单位）"), "{}", k.code());
        }
    }

    #[test]
    fn the_applicant_is_addressed_by_kind() {
        assert_eq!(address(ApplicantKind::Natural), "您");
        for k in ApplicantKind::ALL.iter().filter(|k| !k.is_natural()) {
            assert_eq!(address(*k), "贵单位");
        }
    }

    #[test]
    fn every_decision_is_prose_with_its_article_and_never_the_label() {
        for o in Outcome::ALL {
            let g = o.needs_ground().then_some(Ground::Process);
            let t = decision(*o, g, "您");
            assert!(t.contains("条例》第"), "{}: {t}", o.code());
            assert!(!t.contains(o.label()), "{}: {t}", o.code());
            assert!(t.ends_with('。'));
            assert_eq!(tidy(&t), t, "{}", o.code());
        }
        // A refusal names the specific ground and its article.
        let t = decision(Outcome::Withheld, Some(Ground::ThirdParty), "贵单位");
        assert!(
            t.contains("商业秘密、个人隐私")
                && t.contains("第十五条")
                && t.contains("第三十六条第三项"),
            "{t}"
        );
        let t = decision(Outcome::Partial, Some(Ground::EnforcementFile), "您");
        assert!(
            t.contains("行政执法案卷") && t.contains("第十六条第二款") && t.contains("第三十七条"),
            "{t}"
        );
    }

    #[test]
    fn the_remedy_names_the_review_organ_and_both_time_limits() {
        let r = remedy("您", "上海市人民政府");
        assert!(r.contains("六十日内向上海市人民政府申请行政复议"), "{r}");
        assert!(
            r.contains("行政诉讼法》第四十六条") && r.contains("六个月内"),
            "{r}"
        );
        assert!(remedy("您", " ").contains("复议机关未设置"));
    }

    #[test]
    fn doubled_punctuation_is_removed() {
        assert_eq!(tidy("查处数量统计。。"), "查处数量统计。");
        assert_eq!(tidy("如下：。正文，。"), "如下：正文。");
        assert_eq!(tidy("（见附件）。"), "（见附件）。");
    }
}
