//! Sensitive personal information (个人信息保护法 第二十八条): health (diagnoses,
//! conditions, disability), religious belief, minors' details. Birth dates written
//! out are in `births.rs`.

use std::sync::OnceLock;

use regex::Regex;

use crate::patterns::re;

use crate::patterns::{ascii_digits, num};
use crate::{Finder, Kind};

/// What follows a health word: the condition, up to punctuation.
fn health_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:确诊患有|被诊断为|诊断为|诊断患有|确诊为|患有|罹患|身患|既往病史|既往史|病史|查出患有|查出|检查出|诊断出|可治疗|能治疗|治愈)(?:为|是|了)?[：:\s]*([^，。；;,、\n（）()“”]{1,20})",
    )
}

/// 有高血压病史, 有精神病史: the condition before 病史.
fn history_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:有|具有|存在)([^，。；;,、\n有]{1,12}?)(?:病史|疾病史)",
    )
}

/// Conditions named without a health word before them (透析, 尿毒症 …).
fn condition_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:(?:听力|视力|言语|肢体|智力|精神)障碍|(?:系|为|是)残疾人|[我他她]是?一个残疾人|(?:做过|做了|动过|接受过?)\p{Han}{0,6}?手术|精神(?:状况|状态)(?:不稳定|异常|失常|不佳)|精神(?:异常|失常)|急诊(?:就诊|抢救|救治)|因病住院|住院治疗|血液透析|腹膜透析|透析|尿毒症|化疗|放疗|癌症|白血病|艾滋病|HIV感染|乙型肝炎|乙肝|肺结核|抑郁症|精神分裂症|精神障碍|精神疾病|癫痫|脑梗死?|脑溢血|偏瘫|瘫痪|截肢|失明|聋哑|心脏病|高血压|糖尿病|阿尔茨海默病|认知障碍|智力障碍|怀孕[0-9一二三四五六七八九十]*个?月?|妊娠期?|[\p{Han}]{1,4}癌(?:症)?|(?:病历号|门诊号|住院号|病案号)(?:码)?(?:为)?[：:\s]*[0-9A-Za-z\-]{4,30})",
    )
}

/// Disability: its kind and grade, and a 残疾人证 number.
fn disability_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:肢体|视力|听力|言语|智力|精神|多重)(?:残疾(?:[一二三四1-4]级)?|[一二三四]级)|残疾(?:等级)?(?:为)?[：:\s]*[一二三四1-4]级|残疾类别[：:\s]*(?:视力|听力|言语|肢体|智力|精神|多重)(?:残疾)?|[一二三四1-4]级残疾(?:人)?|(?:残疾人证|残疾证)(?:号|号码)?(?:为)?[：:\s]*[0-9Xx]{17,22}",
    )
}

/// A 残疾人证号: 18 characters of an identity number, the category and the grade.
fn disability_number_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"[0-9]{17}[0-9Xx][1-7][1-4]")
}

/// Religion: 信仰伊斯兰教, 宗教信仰：佛教, 系基督徒, a belief a bracket calls a religion
/// (信奉布摩（本民族宗教）).
fn religion_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:信奉|信仰|皈依)[^，。；;,、\n（(]{1,6}?[（(][^）)\n]{0,10}?宗教[^）)\n]{0,4}[）)]|(?:宗教信仰|信仰|信奉|皈依)(?:为|是)?[：:\s]*((?:伊斯兰|基督|天主|东正|佛|道|犹太|印度)教|[^，。；;,、\n]{1,6}?教)|(?:基督徒|穆斯林|天主教徒|佛教徒|道教徒|伊斯兰教徒)|(?:^|[^相迷])信((?:藏传|汉传|南传)?佛教|伊斯兰教|基督教|天主教|道教)|((?:藏传|汉传|南传)?佛教|伊斯兰教|基督教|天主教|道教)(?:的)?(?:信众|信徒|教徒|徒)|(?:基督教|天主教|伊斯兰教|佛教|道教)(?:家庭)?(?:聚会|礼拜|团契|查经|法会)",
    )
}

/// The 56 ethnic groups (and 回民, as the Hui are often called), as a person's
/// particular: after 民族 or standing alone between separators (（蒙古族，…, 马福成，回民，),
/// never in a place name (宁夏回族自治区, 回民区).
fn ethnicity_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:^|[：:，,（(、\s　]|民族|是|系|的|位|名|为)((?:汉|蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺)族|回民)(?:$|[，,。；;）)、\s　]|老板|老人|男子|女子|妇女|村民|牧民|居民|小伙|姑娘|大爷|大妈|老汉|老太|摊主|店主)|((?:汉|蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺)族|回民)(?:老板|老人|男子|女子|妇女|村民|牧民|居民|小伙|姑娘|大爷|大妈|老汉|老太|摊主|店主)",
    )
}

/// Whether `word` is one of the 56 ethnic groups (蒙古族).
pub(crate) fn ethnicity(word: &str) -> bool {
    ethnicity_re()
        .captures(word)
        .and_then(|c| c.get(1))
        .is_some_and(|m| m.as_str() == word)
}

/// A minor's school and class, and an age under 18: after 就读, before 学生, after 在
/// … before 读书, a kindergarten's class, or a school right before its grade (（12岁，
/// 某某小学五年级）).
fn school_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:就读于|就读|在读于|在读)([^，。；;,、\n）)]{2,20})|([^，。；;,、\n（(系为是的]{2,20}?(?:小学|中学|初中|高中|学校|幼儿园)(?:[^，。；;,、\n]{0,8}?[年班级]|初[一二三]|高[一二三])?)(?:的)?(?:在校)?学生|在([^，。；;,、\n]{2,20}?(?:小学|中学|学校|幼儿园)[^，。；;,、\n]{0,8}?)(?:读书|上学|就读|[读念上](?:小学|初中|高中|初[一二三]|高[一二三]|[一二三四五六]年级))|([^，。；;,、\n（()）在于]{2,20}?幼儿园[^，。；;,、\n]{0,3}?(?:大|中|小|托)班)|([^，。；;,、\n（()）在于系为是的]{2,20}?(?:小学|中学|初中|高中|学校)\s*(?:[一二三四五六七八九]\s*年\s*级|初[一二三]|高[一二三]))",
    )
}

/// A pupil's grade wherever it stands (读三年级, （12岁，六年级）, 正读初三): only
/// a minor has one.
fn grade_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"[一二三四五六七八九]\s*年\s*级(?:\s*[（(]?[0-9０-９一二三四五六七八九十]{1,2}[）)]?\s*班)?|(?:[读念上]|在读|就读)((?:初|高)[一二三])",
    )
}

fn age_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})(?:周)?岁(?:[0-9０-９]{1,2}个月)?",
    )
}

fn chinese_number(s: &str) -> u32 {
    let d = |c: char| "零一二三四五六七八九".find(c).map(|i| (i / 3) as u32);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        ['十'] => 10,
        ['十', b] => 10 + d(*b).unwrap_or(0),
        [a, '十'] => d(*a).unwrap_or(0) * 10,
        [a, '十', b] => d(*a).unwrap_or(0) * 10 + d(*b).unwrap_or(0),
        [a] => d(*a).unwrap_or(0),
        _ => 99,
    }
}

impl Finder<'_> {
    pub(super) fn health(&mut self) {
        for r in [health_re(), history_re()] {
            for c in r.captures_iter(self.text) {
                let Some(m) = c.get(1) else { continue };
                let v = m.as_str().trim();
                if v.is_empty() || v.chars().all(|c| c == '*') {
                    continue;
                }
                // Stop at a clause word: 患有糖尿病的当事人 → 糖尿病.
                let cut = ["的", "等", "，", "并", "且", "而", "但", "后", "多年", "史"]
                    .iter()
                    .filter_map(|w| v.find(w))
                    .filter(|i| *i > 0)
                    .min()
                    .unwrap_or(v.len());
                let v = &v[..cut];
                let s = m.start() + (m.as_str().len() - m.as_str().trim_start().len());
                self.push(
                    Kind::Health,
                    s,
                    s + v.len(),
                    "***".into(),
                    "健康信息（疾病、诊断）属敏感个人信息（个人信息保护法第二十八条），隐去",
                );
            }
        }
        let text = self.text;
        self.sensitive_words(
            condition_re(),
            Kind::Health,
            "健康信息（疾病、治疗）属敏感个人信息（个人信息保护法第二十八条），隐去",
            // 县人民医院血液透析中心位于门诊楼三楼: a unit's name in a directory.
            |m| {
                let next = &text[m.end()..];
                (crate::clinical::institution_after(next) || next.starts_with(['室', '科']))
                    && crate::clinical::directory(text, m.start(), m.end())
                    // 新增透析机20台: a machine, not a treatment.
                    || ["机", "设备", "仪"].iter().any(|w| next.starts_with(w))
            },
        );
        for m in disability_re().find_iter(self.text) {
            // 其中视力残疾人512人: a count of persons, no one's disability.
            if crate::statistics::counted(self.text, m.end()) {
                continue;
            }
            self.push(
                Kind::Health,
                m.start(),
                m.end(),
                "***".into(),
                "残疾情况或残疾人证号属敏感个人信息（个人信息保护法第二十八条），隐去",
            );
        }
    }

    /// A 残疾人证号 standing alone (a table column): an identity number and two digits
    /// (category 1–7, grade 1–4); it gives the ID away whole.
    pub(super) fn disability_numbers(&mut self) {
        for m in disability_number_re().find_iter(self.text) {
            let (s, e) = (m.start(), m.end());
            if crate::patterns::is_ascii_alnum_at(self.text, s, true)
                || crate::patterns::is_ascii_alnum_at(self.text, e, false)
            {
                continue;
            }
            let id = m.as_str()[..18].to_uppercase();
            if !crate::patterns::id_check_ok(&id)
                || !crate::patterns::date_ok(num(&id[6..10]), num(&id[10..12]), num(&id[12..14]))
            {
                continue;
            }
            self.push(
                Kind::IdCard,
                s,
                e,
                format!("{}{}", &id[..6], "*".repeat(14)),
                "残疾人证号（内含身份证号），只保留前6位",
            );
        }
    }

    pub(super) fn religion(&mut self) {
        // A person's own words on where and how they worship (“我每周都去教堂做礼拜”).
        const WORSHIP: &[&str] = &[
            "清真寺",
            "主麻",
            "礼拜",
            "教堂",
            "弥撒",
            "念经",
            "封斋",
            "斋月",
            "受洗",
            "拜佛",
        ];
        let text = self.text;
        for (q, _) in text.match_indices('“') {
            let s = q + '“'.len_utf8();
            let Some(len) = text[s..].find('”') else {
                continue;
            };
            let quote = &text[s..s + len];
            if quote.starts_with('我')
                && quote.chars().count() <= 60
                && !quote.contains('\n')
                && WORSHIP.iter().any(|w| quote.contains(w))
            {
                self.push(
                    Kind::Religion,
                    s,
                    s + len,
                    "***".into(),
                    "本人所述的宗教活动可推知宗教信仰，属敏感个人信息（个人信息保护法第二十八条），隐去",
                );
            }
        }
        for c in religion_re().captures_iter(self.text) {
            let Some(m) = crate::patterns::first_group(&c) else {
                continue;
            };
            // 穆斯林餐厅, 穆斯林拉面: a shop sign, not a person's belief.
            if ["餐", "饭", "面", "食", "超市", "店", "馆", "牛肉", "烧烤"]
                .iter()
                .any(|w| self.text[m.end()..].starts_with(w))
            {
                continue;
            }
            self.push(
                Kind::Religion,
                m.start(),
                m.end(),
                "***".into(),
                "宗教信仰属敏感个人信息（个人信息保护法第二十八条），隐去",
            );
        }
    }

    pub(super) fn ethnicity(&mut self) {
        // Or before a noun for a person wherever it stands (走访哈萨克族牧民…).
        for c in ethnicity_re().captures_iter(self.text) {
            let Some(m) = c.get(1).or(c.get(2)) else {
                continue;
            };
            self.push(
                Kind::Ethnicity,
                m.start(),
                m.end(),
                "**".into(),
                "民族属个人信息，公开文书无需载明，隐去",
            );
        }
    }

    pub(super) fn minors(&mut self) {
        // The school (a university is no minor's) and, wherever it stands, the grade.
        let schools = school_re()
            .captures_iter(self.text)
            .filter_map(|c| crate::patterns::first_group(&c))
            .filter(|m| !m.as_str().contains("大学") && !m.as_str().contains("学院"));
        let grades = grade_re()
            .captures_iter(self.text)
            .filter_map(|c| crate::patterns::first_group(&c));
        // A child wearing a school's uniform (穿着…小学校服): the school is the child's.
        let uniforms = uniform_re()
            .captures_iter(self.text)
            .filter_map(|c| c.get(1));
        let found: Vec<(usize, usize)> = schools
            .chain(grades)
            .chain(uniforms)
            .map(|m| (m.start(), m.end()))
            .collect();
        for (s, e) in found {
            self.push(
                Kind::Minor,
                s,
                e,
                "***".into(),
                "未成年人的就读学校、年级、班级属敏感个人信息（个人信息保护法第二十八条），隐去",
            );
        }
        // A person said to be under eighteen (当事人未满十八周岁（…出生）, 其女（不满18
        // 周岁）): the person's age told by the threshold. The statute's bracket (已满十四
        // 周岁不满十八周岁) and a rule (未满18周岁的未成年工) are no one's age.
        for (at, w) in ["未满十八周岁", "不满十八周岁", "未满18周岁", "不满18周岁"]
            .iter()
            .flat_map(|w| self.text.match_indices(w))
        {
            let before = &self.text[..at];
            let after = &self.text[at + w.len()..];
            let person = ["当事人", "其", "本人", "（", "("]
                .iter()
                .any(|p| before.ends_with(p));
            if !person || before.ends_with("周岁") || after.starts_with('的') {
                continue;
            }
            self.push(
                Kind::Minor,
                at,
                at + w.len(),
                "***".into(),
                "未成年人的年龄（未满十八周岁）属敏感个人信息（个人信息保护法第二十八条），隐去",
            );
        }
        // An infant's age in months (5个月大的婴儿, 十个月的女婴).
        for m in infant_re().find_iter(self.text) {
            if self.text[..m.start()]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_digit() || c == '第')
            {
                continue;
            }
            self.push(
                Kind::Minor,
                m.start(),
                m.end(),
                "***".into(),
                "未成年人（婴儿）的月龄属敏感个人信息（个人信息保护法第二十八条），隐去",
            );
        }
        // A child's months or years said after the child (两个孩子，小的才八个月).
        for c in child_age_re().captures_iter(self.text) {
            let Some(m) = c.get(1) else { continue };
            let number: String = m
                .as_str()
                .chars()
                .take_while(|c| !"个岁周".contains(*c))
                .collect();
            let years = number_value(&number);
            if !m.as_str().contains('月') && years >= 18 {
                continue;
            }
            self.push(
                Kind::Minor,
                m.start(),
                m.end(),
                "***".into(),
                "未成年人的年龄属敏感个人信息（个人信息保护法第二十八条），隐去",
            );
        }
        for m in age_re().find_iter(self.text) {
            let v = m.as_str();
            let number: String = v.chars().take_while(|c| *c != '周' && *c != '岁').collect();
            let age = number_value(&number);
            // A digit before (2023岁 is not an age) or an adult age: left alone.
            let before = self.text[..m.start()].chars().next_back();
            if age >= 18 || before.is_some_and(|c| c.is_ascii_digit() || c == '第') {
                continue;
            }
            // A rule about ages (不满十四周岁的, 已满十四周岁不满十八周岁), not a person's age.
            let prefix: String = self.text[..m.start()].chars().rev().take(3).collect();
            let after = &self.text[m.end()..];
            if prefix.contains('满')
                || prefix.contains('至')
                || prefix.contains('到')
                || ["以下", "以上", "以内", "不满", "的未成年人", "至", "到"]
                    .iter()
                    .any(|w| after.starts_with(w))
            {
                continue;
            }
            self.push(
                Kind::Minor,
                m.start(),
                m.end(),
                "**岁".into(),
                "未成年人的年龄属敏感个人信息（个人信息保护法第二十八条），隐去",
            );
        }
    }
}

/// An infant's age in months and the word for the child.
fn infant_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    crate::patterns::re(
        &R,
        r"(?:[0-9０-９]{1,2}|[一二三四五六七八九十两]{1,2})个多?月大?的(?:婴儿|女婴|男婴|宝宝|孩子|儿子|女儿|小孩)|(?:刚|才)出生(?:才|不到|没几)?(?:[0-9０-９]{1,2}|[一二三四五六七八九十两]{1,3})(?:天|个多?月)",
    )
}

/// The value of a number written in digits (full or half width) or in Chinese words.
fn number_value(number: &str) -> u32 {
    if ascii_digits(number).len() == number.chars().count() {
        num(&ascii_digits(number))
    } else {
        chinese_number(number)
    }
}

/// A child, then its months or years (小的才八个月, 孙女刚满两岁): group 1 the age.
fn child_age_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    crate::patterns::re(
        &R,
        r"(?:孩子|儿子|女儿|小的|老大|老二|老三|孙子|孙女|外孙|外孙女|宝宝|闺女)(?:才|刚|刚满|还不到|不到|只有)((?:[0-9０-９]{1,2}|[一二三四五六七八九十两]{1,3})(?:个多?月|岁半?|周岁))",
    )
}

/// A primary or secondary school named before 校服 after a verb of wearing.
fn uniform_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    crate::patterns::re(
        &R,
        r"(?:穿着|穿|身穿)([^，。；;,、\n（()）穿]{2,20}?(?:小学|中学|初级中学|高级中学|学校))的?校服",
    )
}
