//! Health in everyday and medical words across the body's systems, beyond the forms
//! `sensitive`, `conditions` and `clinical` know: named conditions (脑瘫, 眼底出血, 房颤,
//! 甲亢, 白癜风 …), a sense or a limb that fails (耳朵听不见, 腿也瘸了, 脑子有时候不清楚),
//! an organ operated on (心脏做过手术), an illness that comes back (停药后病情反复,
//! 犯病), a condition after 患 (患脑瘫, 患渐冻症), and a specialist hospital (精神卫生中心,
//! 肿瘤医院, 传染病医院 …) where a person is treated — every mention of it once one is.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use regex::Regex;

use crate::conditions::in_title;
use crate::patterns::re;
use crate::{Finder, Kind};

/// Named conditions, by body system: brain and nerves, mind, eyes and ears, bones and
/// joints, heart and blood, lungs, digestion, kidneys, glands, skin, tumours,
/// infections, childbearing, and general signs of illness.
fn ailment_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        concat!(
            // Brain and nerves.
            r"脑性瘫痪|脑瘫|脑萎缩|脑积水|脑震荡|脑外伤|脑损伤|脑膜炎|脑炎|面瘫|面神经麻痹|小儿麻痹症?|偏头痛|神经衰弱|三叉神经痛|羊癫疯|羊角风|智障|弱智|智力低下|植物人|(?:高位)?截瘫|四肢瘫|",
            r"[\p{Han}]{1,6}综合征|",
            // Mind, and the capacity a condition takes away (植物状态, 无民事行为能力,
            // 不能辨认和控制自己的行为).
            r"精神失常|精神异常|神志不清|意识不清|疯病|躁狂|妄想|幻听|幻觉|自闭|失智|植物状态|",
            r"(?:无|限制)民事行为能力人?|不能(?:完全)?辨认(?:和|或者?|或)(?:不能)?控制自己的?行为|",
            // Eyes and ears.
            r"(?:眼底|视网膜|玻璃体|颅内|消化道|胃|肠道|子宫|内)出血|视网膜脱落|青光眼|弱视|斜视|色盲|夜盲|眼疾|高度近视|独眼|眼瞎|盲人|视障|耳鸣|重听|助听器|人工耳蜗|",
            // Bones, joints, limbs.
            r"瘸腿|瘸子|跛脚|跛足|跛行|拄拐杖?|拄着拐杖?|假肢|驼背|骨质疏松|骨质增生|腰肌劳损|类风湿|风湿病|肩周炎|关节炎|滑膜炎|骨刺|强直性脊柱炎|",
            // Heart and blood.
            r"心梗|心肌梗|心绞痛|心律不齐|心律失常|心动过速|心动过缓|房颤|早搏|心肌缺血|心肌炎|(?:脑)?供血不足|静脉曲张|[\p{Han}]{0,2}血栓|脉管炎|贫血|低血糖|低血压|高血脂|高血糖|血友病|紫癜|",
            // Lungs.
            r"肺心病|尘肺病?|矽肺|肺纤维化|支气管扩张|气管炎|肺炎|鼻炎|咽炎|扁桃体炎|",
            // Digestion.
            r"胃穿孔|肠梗阻|胃炎|肠炎|阑尾炎|胆囊炎|胰腺炎|脂肪肝|肝腹水|腹水|痔疮|疝气|丙肝|肝炎|",
            // Kidneys and urine.
            r"肾炎|前列腺(?:炎|增生|肥大)|(?:大小便|小便|尿)失禁|",
            // Glands.
            r"甲亢|甲减|甲状腺(?:结节|肿大|炎)|肥胖症|",
            // Skin.
            r"湿疹|牛皮癣|银屑病|白癜风|荨麻疹|带状疱疹|皮炎|",
            // Tumours.
            r"(?:淋巴|骨髓|脑|子宫肌|肌|纤维|血管|胶质|脂肪)瘤|恶性肿瘤|",
            // Infections.
            r"麻风病|手足口病|水痘|麻疹|猩红热|疟疾|",
            // Childbearing.
            r"不孕不育|不孕症?|不育症?|宫外孕|剖腹产|顺产|(?:怀孕|怀了|有孕|孕)(?:[0-9]{1,2}|[一二三四五六七八九十两]{1,2})个多?月|(?:刚)?生完孩子|产后(?:抑郁|出血)|有孕在身|身怀六甲|怀了孕|保胎|引产|试管婴儿|乳腺(?:增生|结节)|",
            // General signs of illness.
            r"发高烧|高烧不退|高烧|昏迷不醒|昏迷|晕厥|咳血|吐血|便血|尿血|呕血|浮肿|水肿|中暑|重病|大病|绝症|病危|病重|久病|体弱多病|身有残疾|身体残疾|有残疾"
        ),
    )
}

/// A sense, a limb or the mind that fails, in plain words (耳朵听不见, 眼睛看不清, 腿也
/// 瘸了, 手抬不起来, 脑子有时候不清楚, 精神不太正常, 久站困难, 丧失劳动能力).
fn failing_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        concat!(
            r"(?:耳朵|双耳|左耳|右耳|一只耳朵?|两只耳朵|两耳)[也都已经早就有点一直从小基本完全]{0,4}(?:听不见|听不清|听不到|聋|背|失聪|不好使|不大好使|不太好使|不太灵|不大灵|不灵)了?|",
            r"(?:眼睛|双眼|左眼|右眼|一只眼睛?|两只眼睛?|两眼)[也都已经早就有点一直从小基本完全]{0,4}(?:看不见|看不清|看不到|瞎|失明|不好使|不大好使|不太好使|模糊)了?|",
            r"(?:腿|双腿|左腿|右腿|一条腿|两条腿|腿脚|脚|双脚|左脚|右脚|手脚|双手|手指)[也都已经早就有点一直从小又还]{0,4}(?:瘸|跛|残疾|残|断|废|变形|不利索|不灵便|不灵活|不方便|不太方便|不好使|走不了路|动不了|没知觉|没有知觉)了?|",
            r"(?:腰背|腰腿|双下肢|下肢|四肢)(?:疼痛|麻木|酸痛|无力|浮肿)|",
            // 右手腕当时就肿了: a part of the body swollen after a blow or a fall.
            r"[左右]?(?:手腕|手背|手指|胳膊|手臂|脚踝|脚背|膝盖|小腿|大腿|眼睛|脸)(?:当时就|当场就|一下就|马上就|立马就|都|就|也)?肿(?:了|起来了|得老高)|",
            // 瘸了一条腿, 怀上二胎, 血压高得厉害, 因腰伤在家, 摔过两回, 心电图异常: a body
            // said to fail, to carry a child, to be hurt, or a test read as abnormal.
            r"瘸了(?:一条|条)?腿|怀上(?:了)?(?:二胎|三胎|老二|老三|孩子|孩儿|宝宝)|",
            r"血压(?:还是|又|一直|老是|总是|有点|有些|比较)?高(?:得厉害|得很|了)|",
            r"(?:因|有|带着)[腰腿脚手膝肩颈背]伤|[腰腿脚膝肩颈]伤(?:未愈|在身|复发|发作)|",
            r"摔过(?:[一两三几]|好几)[回次]|摔倒受伤|",
            r"(?:心电图|脑电图|CT|核磁|彩超|B超|血常规|尿常规|肝功能|肾功能)(?:检查)?(?:显示|提示|结果)?异常|",
            // 多次到长子县人民医院就诊, 需要常去…医院复查: visits to a hospital for care.
            r"(?:多次|常|经常|常常|定期|每月|每周|需要常|需要定期)(?:到|去)[^，。；;\n]{1,16}?(?:医院|卫生院|诊所)(?:门诊)?(?:就诊|复查|复诊|治疗|看病|拿药)|",
            // 病假2天 on an attendance sheet: leave taken for an illness.
            r"病假[0-9０-９一二三四五六七八九十两半]+(?:天|日|周|个月)|",
            r"(?:双手|左手|右手|胳膊|左臂|右臂|手臂|一只手|手指|(?:[左右]手)?(?:食指|中指|大?拇指|无名指|小指)|左半身|右半身|半边身子)[也都已经早就有点一直从小]{0,4}(?:残|断|废|缺失|抬不起来|动不了|没知觉|没有知觉|使不上劲|不利索|不灵便|不灵活|发抖|颤抖|麻木)了?|",
            r"(?:脑子|脑袋|头脑|神志|精神)[也都已经早就有点有时候时常经常一直]{0,4}(?:不清楚|不清醒|不清|糊涂|不太正常|不大正常|不正常|失常|异常|有问题|出了问题|不好使|不灵光)|",
            // A body's function that fails (久站困难, 说话不清, 吞咽困难) or the ability
            // to work or to live alone lost (丧失劳动能力, 生活不能自理).
            r"(?:久站|久坐|站立|行走|走路|下蹲|弯腰|说话|讲话|吐字|言语|口齿|吞咽|进食)[也都已经有点一直]{0,3}(?:很|十分|非常|比较|较为)?(?:困难|吃力|含糊不清|不清楚|不清|不利索)|",
            r"丧失(?:部分|全部|大部分)?劳动能力|生活(?:不能|无法)自理|",
            // 无法长时间站立, 走几步就喘, 不能干重活: what the body no longer does.
            r"(?:无法|不能)(?:长时间|久)(?:站立|行走|走路|坐着?)|(?:走|爬)(?:几步|两步|一段)(?:路|楼梯)?就(?:喘|累|疼|痛)|(?:不能|干不了|无法|做不了)(?:干|做)?重活"
        ),
    )
}

/// An organ operated on (心脏做过手术, 腰椎刚做完手术), an illness that comes back
/// (停药后病情反复, 旧病复发, 犯病) or its course (病情加重).
fn course_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        concat!(
            r"(?:心脏|心|肝脏|肝|肺|肾脏|肾|胃|腰|腰椎|颈椎|腿|膝盖|膝关节|髋关节|眼睛|眼|头部|脑袋|脑部|脑|子宫|乳腺|甲状腺|胆囊|阑尾|肠子|肠|前列腺|脊椎|骨头)(?:上)?(?:以前|之前|去年|前年|曾经|曾|也|刚)?(?:做过|动过|做了|动了|开过|做完|动完)(?:[一两三几]次)?(?:大)?手术|",
            r"(?:停药|断药|停了药)(?:以?后|之后)?(?:病情|病)?(?:又)?(?:反复|加重|复发|发作|恶化|犯了)|",
            r"病情(?:反复|加重|恶化|复发|不稳定|稳定|好转|危重)|旧病复发|老毛病又?犯了?|犯病|发病(?:时|期间|期)?|",
            // 还要再做一次手术, 腰伤复发, 我老伴心脏受不了: an operation to come, an
            // injury that comes back, an organ that cannot bear it.
            r"(?:再|又|还要|还得|需要|得)(?:做|动)(?:[一两三几]次)?(?:大)?手术|",
            r"(?:[腰腿头手脚背膝肩颈]|旧)伤(?:又)?(?:复发|发作|犯了)|",
            r"(?:心脏|血压|腰|腿)(?:也|都|实在)?受不了"
        ),
    )
}

/// A condition after 患 (患脑瘫, 患上了渐冻症, 患先天性心脏病): a word ending like one.
fn after_huan_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"患(?:上了|上|了|过|有)?([\p{Han}]{1,8}?(?:综合征|白血病|障碍|衰竭|不全|中毒|结石|囊肿|结节|增生|出血|梗死|梗塞|痴呆|失常|病|症|癌|炎|瘤|瘫|疾|疮|癣|风))",
    )
}

/// Characters before 患 that make it a word of its own (隐患, 祸患, 病患, 后患 …).
const NOT_HUAN_BEFORE: &str = "隐祸忧病后外内水防灾虫鼠疾";

/// Specialist hospitals, by the end of their name: what they treat is the person's
/// condition, and a hospital with its specialty in brackets (…医院（肺病专科）). (A
/// children's hospital treats an age, not a condition: a place.)
fn specialist_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"[\p{Han}]{0,16}?(?:精神卫生中心|精神病医院|精神病院|精神专科医院|心理医院|肿瘤医院|肿瘤防治中心|肿瘤中心|癌症中心|传染病医院|传染病院|胸科医院|肺科医院|结核病医院|结核病防治所|眼科医院|眼科中心|耳鼻喉医院|口腔医院|皮肤病医院|皮肤病防治所|性病防治所|妇产医院|妇产科医院|康复医院|脑科医院|骨科医院|骨伤医院|男科医院|不孕不育医院|生殖中心|透析中心|戒毒医院|安宁医院|康宁医院|医院[（(][\p{Han}]{1,6}专科(?:医院)?[）)])",
    )
}

/// Words of a sentence before a hospital's name that are no part of it (在, 到, 去 …,
/// 及 after another body: 居民委员会及…脑科医院).
const LEAD: &str = "在到去于赴往至经由被送进入系是为了从的称其曾及与会";

/// Words that make a would-be condition an institution's, a campaign's or a law's
/// (肿瘤医院, 肺炎疫情防控, 艾滋病防治条例).
const NOT_AFTER: &[&str] = &[
    "医院", "中心", "门诊", "诊所", "防治", "研究", "专科", "协会", "学会", "基金", "疫情", "防控",
    "预防", "疫苗", "筛查", "公司", "法", "条例", "办法", "规定", "标准", "指南", "科", "病房",
    "率",
];

/// Words after a hospital's name that make it a landmark (肿瘤医院门口, …以东).
const LANDMARK_AFTER: &[&str] = &[
    "门口",
    "东侧",
    "西侧",
    "南侧",
    "北侧",
    "东门",
    "西门",
    "南门",
    "北门",
    "大门",
    "附近",
    "对面",
    "旁边",
    "旁",
    "周边",
    "周围",
    "路口",
    "站",
    "以东",
    "以西",
    "以南",
    "以北",
    "东面",
    "西面",
    "南面",
    "北面",
    "停车场",
    "围墙",
    "外墙",
    "路段",
    "有限公司",
    "公司",
    "院内道路",
    "门前",
    "后门",
];

/// Words of treatment or illness in a hospital's sentence: the person is treated there.
/// (送往 alone may send a sample; 检查 is an officer's inspection.)
const TREATED: &[&str] = &[
    "治疗", "住院", "就诊", "看病", "复查", "复诊", "确诊", "诊断", "手术", "化疗", "放疗", "门诊",
    "就医", "拿药", "配药", "出院", "入院", "转院", "收治", "病历", "鉴定", "康复", "治病", "医治",
    "患", "住进",
];

/// The sentence around `s..e`: from the last 。！？； (or a line's start) before it to the
/// next one after it.
pub(crate) fn sentence(text: &str, s: usize, e: usize) -> (usize, usize) {
    let start = text[..s]
        .rfind(['。', '！', '？', '；', '\n'])
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
    let end = text[e..]
        .find(['。', '！', '？', '；', '\n'])
        .map_or(text.len(), |i| e + i);
    (start.min(s), end)
}

impl Finder<'_> {
    /// Conditions in everyday and medical words, a failing sense or limb, an illness's
    /// course, a condition after 患, and specialist hospitals where a person is treated.
    pub(super) fn ailments(&mut self) {
        let text = self.text;
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for m in ailment_re()
            .find_iter(text)
            .chain(failing_re().find_iter(text))
            .chain(course_re().find_iter(text))
        {
            // 因公致残的军人…旧伤复发的，依法享受…: a rule's condition, no one's course.
            if text[m.end()..].starts_with("的，") || text[m.end()..].starts_with("的,") {
                continue;
            }
            spans.push((m.start(), m.end()));
        }
        for c in after_huan_re().captures_iter(text) {
            let (Some(whole), Some(m)) = (c.get(0), c.get(1)) else {
                continue;
            };
            let before = text[..whole.start()].chars().next_back();
            if before.is_some_and(|p| NOT_HUAN_BEFORE.contains(p))
                || m.as_str().starts_with(['者', '难', '病', '处'])
                || m.as_str().contains(['的', '者', '和', '是'])
            {
                continue;
            }
            spans.push((m.start(), m.end()));
        }
        for (s, mut e) in spans {
            // 小儿麻痹后遗症, 糖尿病并发症: the sequel goes with the condition.
            if let Some(w) = ["后遗症", "并发症"]
                .iter()
                .find(|w| text[e..].starts_with(**w))
            {
                e += w.len();
            }
            let next = &text[e..];
            if in_title(text, s) || NOT_AFTER.iter().any(|w| next.starts_with(w)) {
                continue;
            }
            self.push(
                Kind::Health,
                s,
                e,
                "***".into(),
                "健康信息（疾病、症状、身体机能、病程）属敏感个人信息（个人信息保护法第二十八条），隐去",
            );
        }
        self.specialist_hospitals();
    }

    /// A specialist hospital whose sentence speaks of treatment or illness: its name,
    /// and every other mention of the same hospital in the document.
    fn specialist_hospitals(&mut self) {
        let text = self.text;
        let landmark = |e: usize| {
            let next = text[e..].trim_start_matches([' ', '　', '│', '|']);
            LANDMARK_AFTER.iter().any(|w| next.starts_with(w))
        };
        let mut all: Vec<(usize, usize, String)> = Vec::new();
        let mut treated: BTreeSet<String> = BTreeSet::new();
        let names: Vec<(usize, usize)> = specialist_re()
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect();
        for m in specialist_re().find_iter(text) {
            let v = m.as_str();
            // The name starts after the sentence's words before it (长期在, 正在).
            let lead = v
                .char_indices()
                .filter(|(_, c)| LEAD.contains(*c))
                .map(|(i, c)| i + c.len_utf8())
                .next_back()
                .unwrap_or(0);
            let s = m.start() + lead;
            let e = m.end();
            if in_title(text, s) || landmark(e) {
                continue;
            }
            let name = text[s..e].to_string();
            let (ss, se) = sentence(text, s, e);
            // The table's borders and the name itself are no words of treatment.
            let around = format!("{}{}", &text[ss..s], &text[e..se]);
            // A condition found in the sentence outside any hospital's name counts too.
            let ill = self.found.iter().any(|f| {
                f.kind == Kind::Health
                    && ss <= f.start
                    && f.end <= se
                    && !names.iter().any(|&(a, b)| f.start < b && a < f.end)
            });
            if ill || TREATED.iter().any(|w| around.contains(w)) {
                treated.insert(name.clone());
            }
            all.push((s, e, name));
        }
        for (s, e, name) in all {
            let (ss, se) = sentence(text, s, e);
            if !treated.contains(&name)
                || crate::clinical::directory(text, s, e)
                || crate::clinical::statistic(&text[ss..se])
            {
                continue;
            }
            self.push(
                Kind::Health,
                s,
                e,
                "***".into(),
                "就诊的专科医院可推知健康状况，属敏感个人信息（个人信息保护法第二十八条），隐去",
            );
        }
    }
}
