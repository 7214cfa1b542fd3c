//! Hospitals that tell a person's condition: a patient of a hospital's department (某某
//! 医院精神科门诊患者; …医院血液净化中心透析: the unit), and a specialist hospital (脑科医院, 胸科医院, 精神卫生中心 …)
//! whose papers on the person are cited (…脑科医院出具的诊断证明).

use crate::{Finder, Kind};

fn patient_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(
            r"[\p{Han}]{2,12}?(?:医院|卫生中心)[\p{Han}]{1,4}科(?:门诊|住院)?(?:患者|病人)",
        )
        .expect("constant pattern")
    })
}

fn specialist_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(
            r"[\p{Han}]{2,10}?(?:脑科|胸科|肺科|肿瘤|精神病|精神卫生|传染病|结核病)(?:医院|中心)(?:出具|开具|的诊断|的病历|诊断证明|病历|门诊病历)",
        )
        .expect("constant pattern")
    })
}

/// A unit of a hospital that tells the condition, where a person is treated (…医院血液
/// 净化中心透析, …医院肿瘤科化疗): the unit and the treatment, the hospital's name stays.
fn telling_unit_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    crate::patterns::re(
        &R,
        r"(?:医院|卫生院)((?:血液净化中心|血液透析中心|透析中心|透析室|肿瘤科|精神科|心理科|戒毒科|感染科)(?:治疗|透析|住院|就诊|复查|化疗))",
    )
}

/// A hospital right before a stay or treatment (…医院住院治疗抑郁症).
fn treated_at_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    crate::patterns::re(&R, r"[\p{Han}]{2,12}?(?:医院|卫生院|卫生中心)(?:住院)?治疗")
}

impl Finder<'_> {
    /// A hospital's patient and a specialist hospital's papers: health data.
    pub(super) fn telling_hospitals(&mut self) {
        let text = self.text;
        // Words of the sentence before the hospital's name stay (系, 提交了 …).
        let lead = |m: &str| {
            ["提交了", "提交", "系", "是", "在", "为", "了"]
                .iter()
                .filter_map(|w| m.rfind(w).map(|i| i + w.len()))
                .filter(|&i| i < m.find("医院").or(m.find("中心")).unwrap_or(0))
                .max()
                .unwrap_or(0)
        };
        for m in patient_re().find_iter(text) {
            let s = m.start() + lead(m.as_str());
            self.push(
                Kind::Health,
                s,
                m.end(),
                "***".into(),
                "就诊的医院科室可推知健康状况，属敏感个人信息（个人信息保护法第二十八条），隐去",
            );
        }
        for c in telling_unit_re().captures_iter(text) {
            if let Some(m) = c.get(1) {
                self.push(
                    Kind::Health,
                    m.start(),
                    m.end(),
                    "***".into(),
                    "就诊的科室可推知健康状况，属敏感个人信息（个人信息保护法第二十八条），隐去",
                );
            }
        }
        // 在某市第三医院住院治疗抑郁症: the hospital where a named condition is
        // treated tells it too.
        for m in treated_at_re().find_iter(text) {
            let v = m.as_str();
            let end = ["医院", "卫生院", "卫生中心"]
                .iter()
                .filter_map(|w| v.find(w).map(|i| i + w.len()))
                .min()
                .unwrap_or(v.len());
            let treated = self
                .found
                .iter()
                .any(|f| f.kind == Kind::Health && f.start == m.end());
            if !treated {
                continue;
            }
            let s = m.start() + lead(&v[..end]);
            self.push(
                Kind::Health,
                s,
                m.start() + end,
                "***".into(),
                "治疗所患疾病的医院可推知健康状况，属敏感个人信息（个人信息保护法第二十八条），隐去",
            );
        }
        for m in specialist_re().find_iter(text) {
            let v = m.as_str();
            let end = ["医院", "中心"]
                .iter()
                .filter_map(|w| v.find(w).map(|i| i + w.len()))
                .min()
                .unwrap_or(v.len());
            let s = m.start() + lead(&v[..end]);
            self.push(
                Kind::Health,
                s,
                m.start() + end,
                "***".into(),
                "专科医院的名称可推知健康状况，属敏感个人信息（个人信息保护法第二十八条），隐去",
            );
        }
    }

    /// The hospital where a person is treated, in a sentence that names a mental
    /// condition, when it is a numbered city hospital or a specialist one (长期在某市第四
    /// 人民医院门诊治疗, 曾在某市第一专科医院住院): it tells the condition. A university's
    /// or a general hospital stays.
    pub(super) fn mind_hospitals(&mut self) {
        let text = self.text;
        for m in mind_treated_re().captures_iter(text) {
            let Some(h) = m.get(1) else { continue };
            let start = text[..h.start()].rfind(['。', '\n']).map_or(0, |i| {
                i + text[i..].chars().next().map_or(1, char::len_utf8)
            });
            let end = text[h.end()..]
                .find(['。', '\n'])
                .map_or(text.len(), |i| h.end() + i);
            let sentence = &text[start..end];
            // A general or university hospital treats everything; a numbered city
            // hospital or a specialist one is where such conditions are treated.
            let name = h.as_str();
            let numbered =
                name.contains('第') && name.chars().any(|c| "一二三四五六七八九十".contains(c));
            let special = ["专科", "精神", "心理", "康宁", "安定", "安康"]
                .iter()
                .any(|w| name.contains(w));
            if !MIND.iter().any(|w| sentence.contains(w))
                || !(numbered || special)
                || name.contains("大学")
                || name.contains("附属")
            {
                continue;
            }
            self.push(
                Kind::Health,
                h.start(),
                h.end(),
                "***".into(),
                "治疗精神疾病的医院可推知健康状况，属敏感个人信息（个人信息保护法第二十八条），隐去",
            );
        }
    }
}

/// Words of a mental condition.
const MIND: &[&str] = &[
    "精神分裂",
    "抑郁",
    "双相",
    "焦虑症",
    "躁狂",
    "精神障碍",
    "精神疾病",
    "精神病",
    "痴呆",
    "癫痫",
    "强迫症",
    "精神残疾",
    "自闭症",
    "孤独症",
];

/// A hospital right after 在/于/到 and before a visit, a stay or a treatment.
fn mind_treated_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    crate::patterns::re(
        &R,
        r"(?:在|于|到|至)([\p{Han}]{2,14}?(?:医院|卫生中心|专科医院))(?:门诊|住院|看病|就诊|治疗|复查|就医|康复|住过|）|\))",
    )
}
