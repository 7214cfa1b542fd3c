//! The vocabulary of 依申请公开: channels, applicants, delivery, and the reply
//! outcomes, each mapped to its row of table 三 of the annual report.

use serde::Serialize;

code_enum!(
    /// How the application arrived (条例 Art. 31 fixes the receipt date per channel).
    Channel {
        Online = ("online", "网上申请"),
        InPerson = ("in_person", "当面提交"),
        RegisteredPost = ("registered_post", "挂号信/EMS 邮寄"),
        OrdinaryLetter = ("ordinary_letter", "平信邮寄"),
        Fax = ("fax", "传真"),
    }
);

impl Channel {
    /// Whether the receipt date is the day both sides confirm (Art. 31: online, fax,
    /// ordinary letter) rather than the day of arrival (in person, registered post).
    pub fn needs_confirmation(self) -> bool {
        matches!(
            self,
            Channel::Online | Channel::Fax | Channel::OrdinaryLetter
        )
    }

    /// The Art. 31 rule, in words, shown where the date is entered.
    pub fn receipt_rule(self) -> &'static str {
        match self {
            Channel::InPerson => "当面提交的，以提交之日为收到申请之日",
            Channel::RegisteredPost => "以邮寄方式提交的，以本机关签收之日为收到申请之日",
            Channel::OrdinaryLetter => {
                "以平常信函等无需签收的邮寄方式提交的，以本机关与申请人确认之日为收到申请之日"
            }
            Channel::Online | Channel::Fax => {
                "通过互联网渠道或者政府信息公开工作机构的传真提交的，以双方确认之日为收到申请之日"
            }
        }
    }
}

code_enum!(
    /// The columns of table 三: 自然人 and the five kinds of 法人或其他组织.
    ApplicantKind {
        Natural = ("natural", "自然人"),
        Commercial = ("commercial", "商业企业"),
        Research = ("research", "科研机构"),
        PublicInterest = ("public_interest", "社会公益组织"),
        LegalService = ("legal_service", "法律服务机构"),
        OtherOrg = ("other", "其他"),
    }
);

impl ApplicantKind {
    pub fn is_natural(self) -> bool {
        self == ApplicantKind::Natural
    }
}

code_enum!(
    IdKind {
        IdCard = ("id_card", "居民身份证"),
        CreditCode = ("credit_code", "统一社会信用代码"),
        Other = ("other", "其他有效证件"),
    }
);

code_enum!(
    /// 获取信息的载体形式
    DeliveryForm {
        Paper = ("paper", "纸质"),
        Email = ("email", "电子邮件"),
        Electronic = ("electronic", "电子数据（光盘、U盘等）"),
    }
);

code_enum!(
    /// 获取信息的方式
    DeliveryMethod {
        Post = ("post", "邮寄"),
        Email = ("email", "电子邮件"),
        InPerson = ("in_person", "当面领取"),
    }
);

code_enum!(
    /// A withholding ground: rows 1–8 of （三）不予公开 (条例 Art. 14–16).
    Ground {
        StateSecret = ("state_secret", "属于国家秘密"),
        LawProhibits = ("law_prohibits", "其他法律行政法规禁止公开"),
        Security = ("security", "危及“三安全一稳定”"),
        ThirdParty = ("third_party", "保护第三方合法权益"),
        Internal = ("internal", "属于三类内部事务信息"),
        Process = ("process", "属于四类过程性信息"),
        EnforcementFile = ("enforcement_file", "属于行政执法案卷"),
        AdminQuery = ("admin_query", "属于行政查询事项"),
    }
);

impl Ground {
    /// The statutory basis named in the reply letter.
    pub fn basis(self) -> &'static str {
        match self {
            Ground::StateSecret | Ground::LawProhibits | Ground::Security => {
                "《中华人民共和国政府信息公开条例》第十四条"
            }
            Ground::ThirdParty => "《中华人民共和国政府信息公开条例》第十五条",
            Ground::Internal | Ground::Process | Ground::EnforcementFile => {
                "《中华人民共和国政府信息公开条例》第十六条"
            }
            Ground::AdminQuery => "《中华人民共和国政府信息公开条例》第二条及有关查询规定",
        }
    }
}

code_enum!(
    /// The reply given under Art. 36/37 (or the ending recorded by an event); each
    /// maps to exactly one row of table 三.
    Outcome {
        AlreadyPublic = ("already_public", "已主动公开，告知获取方式和途径（第三十六条第一项）"),
        Provided = ("provided", "予以公开并提供（第三十六条第二项）"),
        Partial = ("partial", "部分公开（区分处理，第三十七条）"),
        Withheld = ("withheld", "不予公开（第三十六条第三项）"),
        NotHeld = ("not_held", "本机关不掌握该信息（第三十六条第四项）"),
        NotOurs = ("not_ours", "不属于本机关负责公开（第三十六条第五项）"),
        NeedsCreation = ("needs_creation", "没有现成信息，需要另行制作"),
        StillUnclear = ("still_unclear", "补正后申请内容仍不明确"),
        Petition = ("petition", "属于信访举报投诉类申请，不予处理"),
        Repeated = ("repeated", "重复申请，不予重复处理（第三十六条第六项）"),
        Publication = ("publication", "要求提供公开出版物，不予处理"),
        Excessive = ("excessive", "无正当理由大量反复申请，不予处理（第三十五条）"),
        Confirmation = ("confirmation", "要求确认或重新出具已获取信息，不予处理"),
        GivenUp = ("given_up", "申请人无正当理由逾期不补正，视为放弃申请"),
        FeeUnpaid = ("fee_unpaid", "申请人逾期未缴纳信息处理费，不再处理"),
        OtherHandling = ("other", "其他处理（如第三十六条第七项：登记资料等另有规定）"),
    }
);

impl Outcome {
    /// Outcomes a handler may choose as a reply (the two endings come from events).
    pub fn replies() -> impl Iterator<Item = Outcome> {
        Outcome::ALL
            .iter()
            .copied()
            .filter(|o| !matches!(o, Outcome::GivenUp | Outcome::FeeUnpaid))
    }

    /// Whether the reply must name a withholding ground.
    pub fn needs_ground(self) -> bool {
        matches!(self, Outcome::Withheld | Outcome::Partial)
    }

    /// The row of table 三 (for withheld/partial the ground picks the sub-row).
    pub fn row(self, ground: Option<Ground>) -> Row {
        match self {
            Outcome::AlreadyPublic | Outcome::Provided => Row::Disclosed,
            Outcome::Partial => Row::Partial,
            Outcome::Withheld => Row::Withheld(ground.unwrap_or(Ground::LawProhibits)),
            Outcome::NotHeld | Outcome::NotOurs => Row::NotHeld,
            Outcome::NeedsCreation => Row::NeedsCreation,
            Outcome::StillUnclear => Row::StillUnclear,
            Outcome::Petition => Row::Petition,
            Outcome::Repeated => Row::Repeated,
            Outcome::Publication => Row::Publication,
            Outcome::Excessive => Row::Excessive,
            Outcome::Confirmation => Row::Confirmation,
            Outcome::GivenUp => Row::GivenUp,
            Outcome::FeeUnpaid => Row::FeeUnpaid,
            Outcome::OtherHandling => Row::Other,
        }
    }
}

/// A leaf row of 三、本年度办理结果 in table 三.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Row {
    Disclosed,
    Partial,
    Withheld(Ground),
    NotHeld,
    NeedsCreation,
    StillUnclear,
    Petition,
    Repeated,
    Publication,
    Excessive,
    Confirmation,
    GivenUp,
    FeeUnpaid,
    Other,
}

impl Row {
    /// Every leaf row in the order of the table.
    pub fn all() -> Vec<Row> {
        let mut v = vec![Row::Disclosed, Row::Partial];
        v.extend(Ground::ALL.iter().map(|g| Row::Withheld(*g)));
        v.extend([
            Row::NotHeld,
            Row::NeedsCreation,
            Row::StillUnclear,
            Row::Petition,
            Row::Repeated,
            Row::Publication,
            Row::Excessive,
            Row::Confirmation,
            Row::GivenUp,
            Row::FeeUnpaid,
            Row::Other,
        ]);
        v
    }

    /// （一）…（六）: the group the row belongs to.
    pub fn group(self) -> (&'static str, &'static str) {
        match self {
            Row::Disclosed => ("（一）", "予以公开"),
            Row::Partial => (
                "（二）",
                "部分公开（区分处理的，只计这一情形，不计其他情形）",
            ),
            Row::Withheld(_) => ("（三）", "不予公开"),
            Row::NotHeld | Row::NeedsCreation | Row::StillUnclear => ("（四）", "无法提供"),
            Row::Petition
            | Row::Repeated
            | Row::Publication
            | Row::Excessive
            | Row::Confirmation => ("（五）", "不予处理"),
            Row::GivenUp | Row::FeeUnpaid | Row::Other => ("（六）", "其他处理"),
        }
    }

    /// The numbered sub-row label, or "" for the single-row groups.
    pub fn label(self) -> String {
        let (n, text) = match self {
            Row::Disclosed | Row::Partial => return String::new(),
            Row::Withheld(g) => (
                Ground::ALL.iter().position(|x| *x == g).unwrap_or(0) + 1,
                g.label(),
            ),
            Row::NotHeld => (1, "本机关不掌握相关政府信息"),
            Row::NeedsCreation => (2, "没有现成信息需要另行制作"),
            Row::StillUnclear => (3, "补正后申请内容仍不明确"),
            Row::Petition => (1, "信访举报投诉类申请"),
            Row::Repeated => (2, "重复申请"),
            Row::Publication => (3, "要求提供公开出版物"),
            Row::Excessive => (4, "无正当理由大量反复申请"),
            Row::Confirmation => (5, "要求行政机关确认或重新出具已获取信息"),
            Row::GivenUp => (
                1,
                "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            ),
            Row::FeeUnpaid => (
                2,
                "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            ),
            Row::Other => (3, "其他"),
        };
        format!("{n}．{text}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_row_of_table_three_is_reachable_and_labelled_once() {
        let mut reached = HashSet::new();
        for o in Outcome::ALL {
            if o.needs_ground() && *o == Outcome::Withheld {
                for g in Ground::ALL {
                    reached.insert(o.row(Some(*g)));
                }
            } else {
                reached.insert(o.row(None));
            }
        }
        let all = Row::all();
        assert_eq!(all.len(), 21, "2 + 8 + 3 + 5 + 3 leaf rows");
        assert_eq!(reached, all.iter().copied().collect());
        let labels: HashSet<String> = all
            .iter()
            .map(|r| format!("{}{}", r.group().0, r.label()))
            .collect();
        assert_eq!(labels.len(), all.len());
    }

    #[test]
    fn receipt_rules_follow_article_31() {
        assert!(!Channel::InPerson.needs_confirmation());
        assert!(!Channel::RegisteredPost.needs_confirmation());
        assert!(Channel::OrdinaryLetter.needs_confirmation());
        assert!(Channel::Online.needs_confirmation());
        assert!(Channel::Fax.needs_confirmation());
    }
}
