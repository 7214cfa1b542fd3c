//! Health in the words a caller or a party uses: bedridden (长期卧床), sleepless and
//! anxious (长期失眠、焦虑), a pregnancy by its weeks or its child (孕28周, 怀着二胎),
//! lung disease by its short name (慢阻肺) and the pills for blood pressure or sugar
//! (降压药, 降糖药).

use crate::{Finder, Kind};

fn state_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(
            r"(?:长期)?卧床(?:不起)?|(?:长期|严重|经常)?失眠|焦虑(?:症)?|孕\d{1,2}周|怀着?[一二三头]胎|慢阻肺|老慢支|降压药|降糖药",
        )
        .expect("constant pattern")
    })
}

/// Symptoms with how often they come (反复头晕恶心, 晚上咳嗽睡不着), treatment at home
/// (做理疗, 做康复训练, 用雾化器) and medicine still taken (还在吃药).
fn symptom_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    crate::patterns::re(
        &R,
        r"(?:晚上|夜里|整夜|反复|经常|一直|总是|时常)(?:头晕|恶心|咳嗽|胸闷|气喘|心慌|心悸|呕吐|头疼|头痛)(?:[、和]?(?:头晕|恶心|咳嗽|胸闷|气喘|心慌|心悸|呕吐|头疼|头痛|睡不着))*|呼吸困难|喘不上气|喘不过气|(?:头晕|咳嗽|胸闷|心慌|心悸|气喘)(?:恶心|睡不着|气喘|胸闷|心慌|心悸|头晕)|(?:出现|感到|感觉|引发|诱发)(?:头晕|胸闷|心慌|心悸|气喘|恶心|呕吐|头痛|晕厥|昏迷)|(?:做|进行)(?:理疗|康复训练|康复理疗|针灸|推拿治疗)|(?:用|使用)?雾化器|做雾化|(?:还在|仍在|一直|长期|每天)(?:吃药|服药)|(?:已经?|自行|擅自)停药",
    )
}

/// An infant's age in months (8个月大): a minor's detail.
fn infant_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    crate::patterns::re(&R, r"(?:[0-9]{1,2}|[一二三四五六七八九十两]{1,3})个月大")
}

impl Finder<'_> {
    /// Symptoms, treatment at home and an infant's age in months.
    pub(super) fn symptoms(&mut self) {
        self.sensitive_words(
            symptom_re(),
            Kind::Health,
            "健康信息（症状、治疗）属敏感个人信息（个人信息保护法第二十八条），隐去",
            |_| false,
        );
        for m in infant_re().find_iter(self.text) {
            self.push(
                Kind::Minor,
                m.start(),
                m.end(),
                "***".into(),
                "婴幼儿的月龄属未成年人信息，隐去",
            );
        }
    }

    /// 长期卧床, 失眠, 孕28周 …: a person's state of health in plain words.
    pub(super) fn plain_states(&mut self) {
        for m in state_re().find_iter(self.text) {
            self.push(
                Kind::Health,
                m.start(),
                m.end(),
                "***".into(),
                "健康信息（身体状况）属敏感个人信息（个人信息保护法第二十八条），隐去",
            );
        }
    }
}
