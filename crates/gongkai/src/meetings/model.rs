//! Pure rules of 会议公开: the meeting bodies, the seat categories with their
//! eligibility checks, application statuses, the adoption of opinions, and how an
//! attendee is named in public.

use crate::ids::CreditCode;

code_enum!(
    /// The deciding body.
    Body {
        Party = ("party", "局党组会"),
        Director = ("director", "局长办公会"),
    }
);

code_enum!(
    /// Seat categories (the strata of the draw).
    Category {
        Npc = ("npc", "人大代表"),
        Cppcc = ("cppcc", "政协委员"),
        Expert = ("expert", "专家学者"),
        Public = ("public", "公众代表"),
        Enterprise = ("enterprise", "小微企业/民营企业代表"),
        Media = ("media", "新闻媒体"),
    }
);

code_enum!(
    /// Where an application stands.
    AppStatus {
        Applied = ("applied", "已报名，待抽选"),
        Selected = ("selected", "抽中"),
        Waitlisted = ("waitlisted", "未抽中（候补）"),
    }
);

code_enum!(
    /// What became of an opinion.
    Adoption {
        Pending = ("pending", "待答复"),
        Adopted = ("adopted", "采纳"),
        Partial = ("partial", "部分采纳"),
        Rejected = ("rejected", "未采纳"),
    }
);

/// An applicant's eligibility details.
pub struct Eligibility<'a> {
    pub category: Category,
    pub organisation: &'a str,
    pub credit_code: &'a str,
}

/// Check the category's condition; returns the normalised 统一社会信用代码 for an
/// enterprise representative, else "".
pub fn check_eligibility(e: &Eligibility<'_>) -> Result<String, (&'static str, String)> {
    let org = e.organisation.trim();
    match e.category {
        Category::Enterprise => {
            if org.is_empty() {
                return Err(("organisation", "请填写企业名称".into()));
            }
            CreditCode::parse(e.credit_code)
                .map(|c| c.to_string())
                .map_err(|m| ("credit_code", m.to_string()))
        }
        Category::Npc | Category::Cppcc if org.is_empty() => {
            Err(("organisation", "请填写所在代表团或界别".into()))
        }
        Category::Media | Category::Expert if org.is_empty() => {
            Err(("organisation", "请填写所在单位".into()))
        }
        _ => Ok(String::new()),
    }
}

/// How an attendee is named in public: the name only with consent.
pub fn public_name(category: Category, name: &str, consent: bool) -> String {
    if consent {
        format!("{}（{}）", name, category.label())
    } else {
        format!("{}（未公开姓名）", category.label())
    }
}

/// The public number of an application in a draw record.
pub fn draw_id(application_id: i64) -> String {
    format!("A{application_id:05}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_enterprise_representative_needs_a_valid_credit_code() {
        let e = |code: &'static str| Eligibility {
            category: Category::Enterprise,
            organisation: "上海某某餐饮有限公司",
            credit_code: code,
        };
        assert_eq!(
            check_eligibility(&e("91310000MA1FL8XQ37")).as_deref(),
            Ok("91310000MA1FL8XQ37")
        );
        assert!(matches!(
            check_eligibility(&e("91310000MA1FL8XQ38")),
            Err(("credit_code", _))
        ));
        let public = Eligibility {
            category: Category::Public,
            organisation: "",
            credit_code: "",
        };
        assert_eq!(check_eligibility(&public).as_deref(), Ok(""));
        let npc = Eligibility {
            category: Category::Npc,
            organisation: "",
            credit_code: "",
        };
        assert!(check_eligibility(&npc).is_err());
    }

    #[test]
    fn names_are_public_only_with_consent() {
        assert_eq!(
            public_name(Category::Public, "王某", false),
            "公众代表（未公开姓名）"
        );
        assert_eq!(
            public_name(Category::Media, "李某", true),
            "李某（新闻媒体）"
        );
        assert_eq!(draw_id(7), "A00007");
    }
}
