//! Health data in the words of medicine, as records and statements copy them from a
//! doctor's note: medicines known by their stems (…唑仑, …洛芬, …曲林) and their forms
//! (混悬液, 缓释片), medicines listed after the first one (服用呋塞米、地高辛), lesions of
//! a named organ (腰椎管狭窄, 视网膜色素变性, 瘢痕挛缩), a sense lost (嗅觉基本丧失),
//! seizures, deafness, delayed development, a positive test for an infection,
//! childbirth (待产, 产检), an imaging exam a person is to have (复查胸部CT), and the
//! clinical department a person is treated in (朝阳医院产科, 经手足外科诊断, 去医院康复科做康复).

use std::sync::OnceLock;

use regex::Regex;

use crate::patterns::re;

use crate::{Finder, Kind};

/// A medicine named by the stem of its international name (the characters before the
/// stem are found by `drug_start`), a whole name, or a form of medicine alone.
fn drug_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(唑仑|西泮|洛芬|曲林|西汀|氮平|硫平|培酮|帕明|高辛|塞米|米松|尼松|噻嗪|沙星|拉唑|替丁|格列[\p{Han}])|(阿司匹林|华法林|氯吡格雷|苯妥英|丙戊酸|卡马西平|左旋多巴|多巴丝肼|西酞普兰)|(混悬液|缓释片|肠溶片|口服液|滴眼液)",
    )
}

/// The form after a medicine's name (布洛芬混悬液, 丙戊酸钠缓释片).
fn drug_form_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"^(?:磷酸钠|钠|钾|缓释片|肠溶片|分散片|混悬液|口服液|注射液|颗粒|胶囊|片)",
    )
}

/// Characters that do not begin a medicine's name: verbs and words before it (服用,
/// 靠吃, 开具, 每日).
const NOT_DRUG: &str = "用服吃在开具予给和及与的了着是为等年期靠药每日天次粒片停加换有";

/// Where the medicine whose stem starts at `at` begins: up to four characters back,
/// at least `min`; None if fewer.
fn drug_start(text: &str, at: usize, min: usize) -> Option<usize> {
    let mut start = at;
    let mut n = 0;
    for c in text[..at].chars().rev().take(4) {
        if !crate::patterns::han(c) || NOT_DRUG.contains(c) {
            break;
        }
        start -= c.len_utf8();
        n += 1;
    }
    (n >= min).then_some(start)
}

/// Words of a sentence about medicines as goods (seized, sold, stocked), not taken.
const DRUG_TRADE: &[&str] = &[
    "查获",
    "扣押",
    "销售",
    "购进",
    "进货",
    "库存",
    "批发",
    "零售",
    "经营",
    "生产",
    "标签",
    "广告",
    "假药",
    "劣药",
    "没收",
    "药品",
    "货架",
    "处方药",
    "兽药",
    "品种",
    "摆放",
    "待售",
    "出售",
    "售卖",
];

/// A lesion of a named organ or tissue, a sense lost, seizures, deafness, delayed
/// development, a positive test for an infection, childbirth.
fn lesion_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:腰椎管|颈椎管|椎管|冠状动脉|颈动脉|动脉|视网膜|视神经|黄斑|角膜|晶状体|玻璃体|心肌|心脏瓣膜|二尖瓣|主动脉瓣|脊髓|神经|腰椎|颈椎|胸椎|椎体|股骨头|半月板|韧带|肌腱|关节|瘢痕|疤痕)[\p{Han}]{0,3}?(?:狭窄|变性|病变|萎缩|脱离|挛缩|钙化|增生|积水|穿孔|破裂|畸形|撕裂|缺损|损伤|纤维化)|(?:肝|肾|肺|脑)(?:狭窄|变性|病变|萎缩|钙化|积水|穿孔|破裂|损伤|纤维化)|(?:嗅觉|听觉|视觉|味觉|听力|视力|记忆力|自理能力|语言能力)(?:基本|完全|部分|严重|明显)?(?:丧失|减退|缺失)|(?:高烧|高热|发烧|发热)?(?:抽搐|惊厥)|(?:神经性|感音神经性|传导性|突发性|老年性|先天性|混合性)?(?:耳聋|失聪)|(?:精神|智力|语言|生长|运动)?发育(?:迟滞|迟缓|落后)|(?:梅毒|淋病|艾滋病|HIV|乙肝|丙肝|结核)[\p{Han}A-Za-z]{0,14}?阳性|(?:慢性)?(?:肾|肝|心|肺|心肺|呼吸|甲状腺|卵巢)功能(?:不全|衰竭|减退|亢进|障碍|损害)(?:[（(][A-Z]{2,5}\s?[0-9一二三四五]期[）)])?|梅毒|淋病|尖锐湿疣|待产|临产|产检|剖宫产|坐月子|[左右双]?(?:手|脚|腿|小腿|大腿|手臂|胳膊|足|手指|肩|膝|头|面部|脸|腰|背|胸|腹|眼)部?(?:被[\p{Han}]{0,3}?)?(?:压|砸|烫|烧|割|扭|摔|撞|咬|抓|夹|刺|划|碾|轧|挫)伤|被(?:狗|犬|犬只|猫)咬伤",
    )
}

/// A clinical department: where it is named, a person is treated for what it treats.
const DEPARTMENT: &str = r"(?:产|妇产|妇|儿|新生儿|康复|精神|心理|肿瘤|放疗|化疗|手足外|手外|骨|创伤骨|脊柱外|关节外|神经内|神经外|心内|心血管内|心外|消化内|呼吸内|肾内|内分泌|血液|感染|传染|皮肤|眼|耳鼻喉|泌尿外|烧伤整形|烧伤|整形外|透析|疼痛|老年病|风湿免疫|职业病)科";

/// A department after a hospital (朝阳医院产科), or after a verb of treatment (经手足外科
/// 诊断, 转入康复科, 在儿科住院).
fn department_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        &format!(r"(?:医院|卫生院|保健院|[经在去到至于]|转入|转至)({DEPARTMENT})"),
    )
}

impl Finder<'_> {
    pub(super) fn clinical(&mut self) {
        let text = self.text;
        let mut spans: Vec<(usize, usize, &str)> = Vec::new();
        for c in drug_re().captures_iter(text) {
            let Some(m) = c.get(0) else { continue };
            let min = if c.get(1).is_some() {
                1
            } else if c.get(2).is_some() {
                0
            } else {
                2
            };
            let Some(start) = drug_start(text, m.start(), min) else {
                continue;
            };
            let end = m.end() + drug_form_re().find(&text[m.end()..]).map_or(0, |f| f.end());
            let sentence_start = text[..start].rfind(['。', '\n', '；']).map_or(0, |i| {
                i + text[i..].chars().next().map_or(1, char::len_utf8)
            });
            let sentence_end = text[end..]
                .find(['。', '\n', '；'])
                .map_or(text.len(), |i| end + i);
            if DRUG_TRADE
                .iter()
                .any(|w| text[sentence_start..sentence_end].contains(w))
            {
                continue;
            }
            // 中国农业银行长沙星沙支行: a stem inside a bank's or a place's name, whose
            // word follows at once or after one more letter.
            let rest = &text[end..];
            let one_on = rest.chars().next().map_or(rest, |c| &rest[c.len_utf8()..]);
            if text[start..end].contains("银行")
                || [rest, one_on].iter().any(|t| {
                    ["支行", "分行", "路", "街", "大道", "镇", "村"]
                        .iter()
                        .any(|w| t.starts_with(w))
                })
            {
                continue;
            }
            spans.push((start, end, "服用的药物可推知健康状况（敏感个人信息），隐去"));
        }
        for m in lesion_re().find_iter(text) {
            spans.push((
                m.start(),
                m.end(),
                "健康信息（病变、症状、检验结果、生育）属敏感个人信息（个人信息保护法第二十八条），隐去",
            ));
        }
        // An imaging exam of a part of the body a person is to have or had (复查胸部CT,
        // 做了头颅核磁共振), the verb perhaps on the line above.
        for c in imaging_re().captures_iter(text) {
            let Some(m) = c.get(1) else { continue };
            spans.push((
                m.start(),
                m.end(),
                "做过或待做的影像检查可推知健康状况（敏感个人信息），隐去",
            ));
        }
        for c in department_re().captures_iter(text) {
            // The department alone: the hospital before it is an organisation.
            let Some(m) = c.get(1) else { continue };
            if staff_after(&text[m.end()..]) || directory(text, m.start(), m.end()) {
                continue;
            }
            spans.push((
                m.start(),
                m.end(),
                "就医的科室可推知健康状况（敏感个人信息），隐去",
            ));
        }
        for (s, e, reason) in spans {
            if crate::conditions::in_title(text, s) || institution_after(&text[e..]) {
                continue;
            }
            self.push(Kind::Health, s, e, "***".into(), reason);
        }
        self.listed_medicines();
    }

    /// 服用呋塞米、地高辛: the medicines listed after one already found, up to the end of
    /// the list.
    fn listed_medicines(&mut self) {
        let text = self.text;
        let ends: Vec<usize> = self
            .found
            .iter()
            .filter(|m| m.kind == Kind::Health && m.reason.contains("药物"))
            .map(|m| m.end)
            .collect();
        for mut e in ends {
            while let Some(rest) = text[e..].strip_prefix(['、', '和', '及']) {
                let start = text.len() - rest.len();
                let item: String = rest
                    .chars()
                    .take_while(|c| crate::patterns::han(*c) || c.is_ascii_alphabetic())
                    .take(9)
                    .collect();
                let after = &rest[item.len()..];
                let n = item.chars().count();
                if !(2..=8).contains(&n)
                    || !after.starts_with(['）', ')', '，', '。', '；', '、', '等'])
                {
                    break;
                }
                e = start + item.len();
                self.push(
                    Kind::Health,
                    start,
                    e,
                    "***".into(),
                    "服用的药物可推知健康状况（敏感个人信息），隐去",
                );
            }
        }
    }
}

/// An imaging exam of a part of the body after a verb of having it (复查, 做, 拍 …),
/// whitespace or a line break between.
fn imaging_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:复查|复诊|检查|做了?|做过|拍了?|拍过|行|需做|加做)\s*((?:胸部|肺部|头部|头颅|颅脑|腹部|盆腔|腰椎|颈椎|胸椎|心脏|乳腺|甲状腺|肝胆|膝关节|胸|肺|头|腹)(?:增强|平扫|低剂量)?(?:CT|MRI|PET-CT|核磁共振|核磁|彩超|B超|X光片?|DR|钼靶))",
    )
}

/// A word after a condition or a department that makes it an institution's name
/// (肿瘤医院, 儿科门诊部, 结核病防治所), not a person's state.
pub(crate) fn institution_after(next: &str) -> bool {
    [
        "医院", "中心", "门诊", "诊所", "防治", "研究", "专科", "协会", "学会",
    ]
    .iter()
    .any(|w| next.starts_with(w))
}

/// Whether a sentence gives an institution's figures (共接诊门诊患者1.2万人次，较上年增长8%):
/// a count of many, no one's visit.
pub(crate) fn statistic(sentence: &str) -> bool {
    ["人次", "较上年", "同比", "共接诊", "全年"]
        .iter()
        .any(|w| sentence.contains(w))
        && !["我", "他", "她", "其", "本人", "当事人", "某某"]
            .iter()
            .any(|w| sentence.contains(w))
}

/// Whether the sentence around `s..e` tells where a place is or how to reach it (…
/// 肿瘤科、…产科均位于…以北; …精神科门诊位于住院部三楼) and speaks of no one: a
/// directory, no one's visit.
pub(crate) fn directory(text: &str, s: usize, e: usize) -> bool {
    let (ss, se) = crate::ailments::sentence(text, s, e);
    // 住院部二楼 is a building, no one's stay.
    let sentence = text[ss..se].replace("住院部", "").replace("住院楼", "");
    let sentence = sentence.as_str();
    [
        "位于",
        "均在",
        "设在",
        "预约电话",
        "挂号电话",
        "地址：",
        "地址:",
        "门诊时间",
        "开诊时间",
        "咨询电话",
        "乘坐",
        "公交",
        "请到",
        "请前往",
        // 精神科、康复科周六上午照常开诊: a hospital's opening hours.
        "开诊",
        "全天开放",
    ]
    .iter()
    .any(|w| sentence.contains(w))
        && of_no_one(sentence)
}

/// Whether a sentence speaks of no person and of no one's treatment.
fn of_no_one(sentence: &str) -> bool {
    ![
        "我",
        "他",
        "她",
        "其",
        "本人",
        "患",
        "住院",
        "就诊",
        "看病",
        "治疗",
        "某某",
        "家属",
        "当事人",
        "申请人",
        "老人",
        "孩子",
    ]
    .iter()
    .any(|w| sentence.contains(w))
}

/// Whether the health datum at `s..e` names a day or a week of public awareness
/// (世界艾滋病日, 全国高血压日, 世界精神卫生日宣传周): a campaign, no one's condition.
pub(crate) fn awareness_day(text: &str, s: usize, e: usize) -> bool {
    let before = crate::patterns::han_run_before(&text[..s], 2);
    let after: String = text[e..].chars().take(6).collect();
    ["世界", "国际", "全国", "中国"].contains(&before)
        && ["日", "宣传日", "宣传周", "宣传月", "防治日", "主题日"]
            .iter()
            .any(|w| after.starts_with(w))
}

/// Whether the health datum at `s..e` is a hospital's unit or runs into one (…血液透析中心,
/// …内分泌科, 糖尿病专病门诊, 艾滋病自愿咨询检测门诊) in the hospital's news or a
/// directory: no one's treatment.
pub(crate) fn hospital_unit(text: &str, s: usize, e: usize) -> bool {
    const UNITS: &[&str] = &["中心", "门诊", "病区", "科", "室"];
    let run: String = text[e..]
        .chars()
        .take_while(|c| crate::patterns::han(*c))
        .take(10)
        .collect();
    let runs_into = UNITS
        .iter()
        .filter_map(|w| run.find(w).map(|k| k + w.len()))
        .min()
        .is_some_and(|k| run[..k].chars().count() <= 8);
    let own = UNITS.iter().any(|w| text[s..e].ends_with(w));
    (runs_into || own) && (hospital_news(text, s, e) || directory(text, s, e))
}

/// Whether the sentence around `s..e` is the hospital's news (…新增透析机8台, …每周一至
/// 周五开放) and speaks of no one.
pub(crate) fn hospital_news(text: &str, s: usize, e: usize) -> bool {
    let (ss, se) = crate::ailments::sentence(text, s, e);
    let sentence = &text[ss..se];
    [
        "新增",
        "开放",
        "开诊",
        "延长",
        "启用",
        "开设",
        "坐诊",
        "设立",
        "挂牌",
        "揭牌",
        "投入使用",
        "投入运行",
    ]
    .iter()
    .any(|w| sentence.contains(w))
        && of_no_one(sentence)
}

/// Whether a hospital department is followed by its staff (…医院精神科护士): where one
/// works, not where one is treated.
pub(crate) fn staff_after(after: &str) -> bool {
    [
        "护士",
        "医生",
        "医师",
        "大夫",
        "主任",
        "工作人员",
        "职工",
        "员工",
        "护工",
    ]
    .iter()
    .any(|w| after.starts_with(w))
}
