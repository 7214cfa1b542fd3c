//! Health by its families rather than by lists of diseases: an injury (any body part
//! and any kind of wound — 左小腿两处贯通伤, 视神经挫伤, 划伤右腿, 受轻伤, 脑子受了伤),
//! an inflammation or a lesion of a body part (右手腱鞘炎, 鼻部红肿化脓),
//! a treatment or procedure on a person (急诊清创缝合（3针）, 右膝置换术后, 乳腺手术后
//! 康复期, 做高压氧, 骨髓移植, 送急诊, 等病理结果), a pregnancy's course (孕期, 早孕反应,
//! 预产期2026年6月), and any ward or clinical department named after a hospital (结核科,
//! 精神卫生科, 安宁疗护病区) — administrative offices (医务科, 保卫科) aside.

use std::sync::OnceLock;

use regex::Regex;

use crate::patterns::re;
use crate::{Finder, Kind};

const BODY: &str = r"(?:头部?|脸部?|面部|眼部?|眼眶|视神经|鼻部?|耳部?|颈部?|颈椎|胸部?|肋骨|腰部?|腰椎|背部?|腹部?|手部?|手指|手腕|手臂|胳膊|肩部?|腿部?|小腿|大腿|膝盖?|膝部|脚部?|脚踝|足部?|颅脑|脑部?|脑子|牙齿?|嘴唇?|皮肤|软组织|脊椎|骨盆|髋部?|胳臂)";

fn injury_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        &format!(
            r"(?:[左右双])?{BODY}(?:[\p{{Han}}]{{0,2}}?(?:两处|多处|一处))?(?:贯通伤|挫裂伤|撕裂伤|挫伤|擦伤|划伤|裂伤|刺伤|割伤|烫伤|烧伤|咬伤|扭伤|压伤|冻伤|损伤|外伤|骨折)|(?:[左右双])?{BODY}(?:[\p{{Han}}]{{1,3}}?炎|(?:红肿|肿胀|化脓|溃烂|感染|出血|淤青)+)|{BODY}受(?:了)?(?:点|轻|重)?伤|(?:撞|划|摔|烫|砸|碰|踢|抓|扭|压|刺|割|咬|烧|冻)伤(?:了)?(?:[左右双]?{BODY})?|受(?:了)?(?:轻|重)伤|(?:轻|重)度?颅脑损伤|[\p{{Han}}]{{1,4}}性[\p{{Han}}]{{1,4}}损伤"
        ),
    )
}

fn procedure_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        &format!(
            r"(?:急诊)?清创(?:缝合)?(?:[（(]?[0-9一二三四五六七八九十]+针[）)]?)?|缝合[0-9一二三四五六七八九十]+针|(?:[左右双])?(?:{BODY}|乳腺|甲状腺|肝部?|肾|心脏|胃|肺|子宫|卵巢|髋|膝|关节|阑尾|胆囊)(?:[\p{{Han}}]{{0,2}}置换)?(?:手术|切除术|置换术)后?(?:康复期)?|(?:做|去做|在做)(?:高压氧|透析|康复|理疗|穿刺|化疗|放疗)|骨髓移植|[肝肾心肺]移植|截肢|截趾|[左右]?[手脚足]?已截[趾指肢]|送急诊|急诊抢救|病理(?:结果|报告)"
        ),
    )
}

fn pregnancy_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"早孕反应|孕吐(?:反应)?|孕早期|孕中期|孕晚期|孕期|预产期(?:[为是在：:]?\s*[0-9０-９]{4}\s*年\s*[0-9０-９]{1,2}\s*月(?:[0-9０-９]{1,2}\s*日)?)?",
    )
}

/// A ward or department after a hospital, a clinic or a care home.
fn ward_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:医院|卫生院|保健院|福利院|养老院|疗养院)\s*([\p{Han}]{1,6}?(?:科|病区|病房))",
    )
}

/// Offices of a hospital that treat no one, and the departments every patient passes
/// through (急诊科, 门诊部), which name no condition.
const OFFICES: &[&str] = &[
    "医务", "保卫", "财务", "总务", "后勤", "信息", "宣传", "人事", "办公", "院办", "设备", "采购",
    "质控", "科教", "基建", "党办", "纪检", "审计", "法务", "医保", "急诊", "门诊",
];

impl Finder<'_> {
    /// Injuries, treatments, a pregnancy's course and wards, by their families.
    pub(super) fn injuries(&mut self) {
        let text = self.text;
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for m in injury_re()
            .find_iter(text)
            .chain(procedure_re().find_iter(text))
            .chain(pregnancy_re().find_iter(text))
        {
            // A question or a denial (有没有受伤, 无人受轻伤) tells nothing of a person.
            let before: String = text[..m.start()].chars().rev().take(4).collect();
            let before: String = before.chars().rev().collect();
            if ["没有", "有无", "无人", "未", "是否", "防止", "避免", "人员"]
                .iter()
                .any(|w| before.ends_with(w))
            {
                continue;
            }
            spans.push((m.start(), m.end()));
        }
        for c in ward_re().captures_iter(text) {
            let Some(w) = c.get(1) else { continue };
            if OFFICES.iter().any(|o| w.as_str().starts_with(o))
                || crate::clinical::staff_after(&text[w.end()..])
                || crate::clinical::directory(text, w.start(), w.end())
            {
                continue;
            }
            spans.push((w.start(), w.end()));
        }
        for (s, e) in spans {
            // Inside a title (《…损伤…标准》) the words are the law's.
            let head = &text[..s];
            if head.matches('《').count() > head.matches('》').count() {
                continue;
            }
            self.push(
                Kind::Health,
                s,
                e,
                "***".into(),
                "伤情、诊疗经过、孕期情况或就诊科室属健康信息（敏感个人信息，个人信息保护法第二十八条），隐去",
            );
        }
    }
}
