//! The kinds of personal information a masking hides, their names in JSON and on the
//! comparison page, and which wins when two findings overlap.

use serde::{Deserialize, Serialize};

/// What kind of personal information a masking hides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    IdCard,
    BankCard,
    Phone,
    Email,
    Plate,
    Address,
    Name,
    /// A social account (微信号, QQ, 抖音号 …).
    Account,
    /// A personal certificate number (从业资格证, 驾驶证, 护照 …).
    Certificate,
    /// Text a reviewer marked by hand as personal (not a name).
    Manual,
    /// A written-out birth date (1985年3月12日出生).
    BirthDate,
    /// Health: diagnoses, conditions, disability (PIPL 第二十八条, sensitive).
    Health,
    /// Religious belief (PIPL 第二十八条, sensitive).
    Religion,
    /// Ethnic group (民族：汉族), personal data published decisions do not need.
    Ethnicity,
    /// Details of a minor: age under 14/18, school, class (PIPL 第二十八条, sensitive).
    Minor,
    /// An adult's age (现年六十岁), which gives back the masked birth year.
    Age,
    /// Social assistance or hardship (享受最低生活保障, 家庭经济困难).
    Welfare,
    /// A criminal record: a sentence served or passed (被判过拘役四个月, 刑满释放).
    Criminal,
}

impl Kind {
    /// Every kind, for reports and evaluations.
    pub const ALL: [Kind; 18] = [
        Kind::IdCard,
        Kind::BankCard,
        Kind::Phone,
        Kind::Email,
        Kind::Plate,
        Kind::Address,
        Kind::Name,
        Kind::BirthDate,
        Kind::Health,
        Kind::Religion,
        Kind::Ethnicity,
        Kind::Minor,
        Kind::Age,
        Kind::Welfare,
        Kind::Criminal,
        Kind::Account,
        Kind::Certificate,
        Kind::Manual,
    ];

    /// The snake_case name used in JSON (`id_card`, `birth_date` …).
    pub fn key(self) -> &'static str {
        match self {
            Kind::IdCard => "id_card",
            Kind::BankCard => "bank_card",
            Kind::Phone => "phone",
            Kind::Email => "email",
            Kind::Plate => "plate",
            Kind::Address => "address",
            Kind::Name => "name",
            Kind::BirthDate => "birth_date",
            Kind::Health => "health",
            Kind::Religion => "religion",
            Kind::Ethnicity => "ethnicity",
            Kind::Minor => "minor",
            Kind::Age => "age",
            Kind::Welfare => "welfare",
            Kind::Criminal => "criminal",
            Kind::Account => "account",
            Kind::Certificate => "certificate",
            Kind::Manual => "manual",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::IdCard => "身份证号",
            Kind::BankCard => "银行卡号",
            Kind::Phone => "电话号码",
            Kind::Email => "电子邮箱",
            Kind::Plate => "车牌号",
            Kind::Address => "住址",
            Kind::Name => "自然人姓名",
            Kind::BirthDate => "出生日期",
            Kind::Health => "健康信息（敏感个人信息）",
            Kind::Religion => "宗教信仰（敏感个人信息）",
            Kind::Ethnicity => "民族",
            Kind::Minor => "未成年人信息（敏感个人信息）",
            Kind::Age => "年龄",
            Kind::Welfare => "社会救助、经济困难情况",
            Kind::Criminal => "犯罪记录（敏感个人信息）",
            Kind::Account => "社交账号",
            Kind::Certificate => "证件号码",
            Kind::Manual => "人工补充遮蔽",
        }
    }

    /// Kinds masked whole as `***`, whose span may be trimmed where it runs into a
    /// name before it.
    pub(crate) fn trimmable(self) -> bool {
        matches!(
            self,
            Kind::Health | Kind::Religion | Kind::Welfare | Kind::Criminal
        )
    }

    /// Which wins when two findings overlap (lower first).
    pub(crate) fn priority(self) -> u8 {
        match self {
            Kind::IdCard => 0,
            Kind::BankCard => 1,
            Kind::Email => 2,
            Kind::Phone => 3,
            Kind::Plate => 4,
            Kind::BirthDate => 5,
            Kind::Name => 6,
            Kind::Health => 7,
            Kind::Religion => 8,
            Kind::Ethnicity => 5,
            Kind::Minor => 9,
            Kind::Age => 9,
            Kind::Welfare => 9,
            Kind::Criminal => 9,
            Kind::Account => 3,
            Kind::Certificate => 1,
            Kind::Manual => 0,
            Kind::Address => 10,
        }
    }
}
