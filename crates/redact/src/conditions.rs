//! Sensitive information as people write it in letters, calls and statements rather
//! than as a form records it: conditions named plainly (哮喘, 肾病, 腰椎间盘突出, 心脏
//! 不好, 怀有身孕, 住过一次院), the hospital or department where it was treated,
//! belief stated with 信 (信伊斯兰教的, 信了佛教) or as a practice (去清真寺做礼拜),
//! an adult's age (现年六十岁, 今年七十三了), which gives back the birth year that
//! the masking of the birth date hides, and social assistance or hardship (享受最低
//! 生活保障, 家庭经济困难).

use std::sync::OnceLock;

use regex::Regex;

use crate::patterns::re;

use crate::{Finder, Kind};

fn plain_condition_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:咳喘|咳嗽|气喘|喘息|哮喘)(?:加重|发作|不止)|(?:轻微|剧烈|持续|反复)(?:咳嗽|咳喘|气喘)|(?:肝|肾|心|肺)功能(?:轻度|中度|重度)?异常|(?:年迈|体弱|常年)多病|多病缠身|(?:腰椎|颈椎|胸椎)?(?:椎)?间盘突出|(?:腰椎|颈椎|胸椎)间盘(?:又|老)?(?:犯了|发作了?|复发了?)|(?:腿|胳膊|手|脚|腰)是[^，。；;\n]{0,12}?(?:砸|摔|压|打|轧|撞|炸)(?:断|伤|残|瘸|坏)的|(?:长期|一直|定期|每周|每天)?在[^，。；;\n]{0,12}?(?:康复机构|康复中心|康复医院|康复站|特教机构)(?:进行|接受)?(?:康复)?(?:训练|治疗)|经[^，。；;\n]{0,14}?(?:医院|卫生院)(?:全力)?抢救(?:脱险)?后?转[^，。；;\n]{0,20}?(?:医院|中心)[^，。；;\n]{0,10}?(?:治疗|住院|救治)|(?:做|动)(?:了|过|完)?手术|[左右]?(?:手|腿|脚|胳膊|眼睛|耳朵)(?:不好使|不中用|不听使唤)|(?:后遗|遗留)?(?:左侧|右侧|双侧|左|右)?肢体活动(?:不便|受限|障碍)|正在接受(?:抗病毒|抗结核|抗肿瘤|抗凝|胰岛素)治疗|发作过[一两三四五几0-9]+次|(?:常|经常|定期|每月|每周)去[^，。；;\n院]{1,6}?(?:复查|复诊|透析|化疗)|碘-?131(?:治疗)?|(?:发烧|高烧)烧坏了?(?:脑子|脑袋|耳朵|眼睛)|被[^，。；;\n]{1,6}?(?:打|咬|啄|撞|砸|烫|抓|踢)伤(?:面部|头部|腿部|手臂|眼睛|腰部)?|建议(?:休学|住院|手术|卧床|静养)(?:治疗)?|(?:腰椎|颈椎)病|[\p{Han}]{0,4}骨折|哮喘|(?:心脏|肾脏|肝脏|肾|肝|肺|胃|冠心|心血管|脑血管|皮肤|眼)(?:疾)?病|(?:肝|肾|肺|胃|关节|支气管|鼻|咽|皮)炎|慢性[\p{Han}]{0,5}?(?:炎|病)|早产|流产|怀有身孕|身孕|(?:HIV|艾滋病)(?:抗体)?阳性|长期住院|住过(?:一次|两次|几次)?院|住院(?:[了过]|期间|治疗|观察|至今)?|孕妇|哺乳期|(?:心脏|身体|肾|肝|腰|腿|眼睛|耳朵)(?:也|一直|很|都|特别|非常)?不好|中过(?:[一两三几]次)?风|中风|(?:腰|腿|头|手|脚|背|颈|胸|腹|肩|膝|眼|脊椎|腰椎)部?受过(?:重)?伤|(?:老年)?痴呆(?:症)?|阿尔茨海默病?|脑梗(?:塞)?|脑溢血|脑出血|偏瘫|瘫痪|半身不遂|高血压|糖尿病|癫痫|抑郁症?|精神分裂症?|双目失明|失明|聋哑|哑巴|帕金森病?|痛风|持有?《?[^》，。]{0,12}残疾人?证》?|(?:肢体|视力|听力|言语|智力|精神|多重)[一二三四1-4]级残疾|(?:行动|行走|腿脚|走路)(?:很|十分|非常|有点|有些)?(?:不便|不好|不太好|不大好|不利索|不灵便)|(?:在医院)?缝了?[0-9一二三四五六七八九十几]*针|(?:把)?[左右]?(?:腿|胳膊|手臂|手腕|手|脚踝|脚|肋骨|腰|胯骨|髋骨|股骨|锁骨|尾椎骨|尾骨)摔(?:断|伤|骨折)了?|摔(?:断|伤)了?[左右]?(?:腿|胳膊|手臂|手腕|手指|手|脚踝|脚|肋骨|腰|胯骨|膝盖|肩膀|[\p{Han}]{1,2}骨)|(?:打了|装了|上了)钢(?:板|钉)|截了肢|截肢了|做了截肢(?:手术)?|(?:坐|靠|用|依靠)轮椅(?:出行)?|轮椅出行|耳朵背|耳背|失聪|[\p{Han}]{1,4}(?:坏死|衰竭)|(?:装了|放了|安了|做了)[\p{Han}]{0,3}支架|心脏支架|起搏器|[\p{Han}]{1,4}症(?:[和及、与][\p{Han}]{1,4}症)*|(?:刚)?(?:从)?[\p{Han}&&[^及和与的]]{0,14}?(?:医院|卫生中心)出院|出院|(?:急性|慢性|系统性|先天性|原发性|继发性|重度|轻度)?[\p{Han}]{0,4}?(?:梗死|梗塞|内障|狼疮|结核|溃疡|肿瘤|息肉|结石|硬化|囊肿)|(?:急性|慢性|系统性|先天性|原发性|继发性)[\p{Han}]{1,6}?(?:炎|病|衰竭|障碍)|[\p{Han}]{0,3}(?:搭桥|支架植入|关节置换|器官移植|[肝肾]移植)(?:手术|术)?|(?:心脏)?搭(?:过|了)桥|(?:空腹|餐后)?血糖(?:值)?(?:为)?[0-9]+(?:\.[0-9]+)?\s*mmol/L|(?:至今|一直|长期|已经)(?:不能|无法|下不了)(?:下床|行走|走路|自理)|(?:轻度|中度|重度|急性)(?:有机磷)?(?:农药|酒精|一氧化碳|煤气|食物|药物)?中毒|(?:做了|做过|动了|动过|接受了?|进行了?|已行)[\p{Han}]{1,8}?手术|(?:刚)?做完(?:了)?[\p{Han}]{0,6}?手术|(?:狂犬|传染|心脏|糖尿|冠心|职业|精神|皮肤|性)病(?:疫苗)?|(?:[一二三四五六七八九十]|[1-9])级伤残|工伤致?[\p{Han}]{0,4}伤残|心力衰竭|心衰|胰岛素|制氧机|(?:居家|家庭|长期)吸氧|吸氧|家用氧气|(?:电动)?轮椅(?:上|出行)?|康复治疗|(?:神经|心血管|肿瘤|精神|心理|呼吸|消化|血液|内分泌|肾|骨|心)(?:内|外)?科就诊|[\p{Han}]{1,3}虫病|[\p{Han}]{1,4}(?:感染|休克|气肿|滑脱|积液)|[腰腿头胃腹胸背膝颈肩]{1,2}痛|腹泻|感冒发烧|感冒发热|发高烧|(?:血糖|血压|血脂|尿酸)(?:升高|偏高|增高)|[\p{Han}]{1,4}(?:双胍|地平|沙坦|他汀|普利|洛尔)|(?:神经|心血管|肿瘤|精神|心理|呼吸|消化|血液|内分泌|肾|心|手|显微|烧伤|整形|泌尿|胸|肝胆|脑|骨|创伤骨)(?:内|外)科|[\p{Han}]{2,10}?(?:正骨|骨科|胸科|肺科|肿瘤|精神病|精神卫生|传染病|结核病|妇产|中医骨伤|眼科|脑科|口腔|耳鼻喉|皮肤病|心血管病|肝病|血液病|康复)(?:医院|中心|防治所)(?:[\p{Han}]{1,4}科)?(?:治疗|住院|就诊|看病|复查|复诊|确诊|诊断|手术|化疗|放疗|配药|康复|住了|住过|就医|门诊|拿药)|[左右][\p{Han}、]{1,12}?(?:离断|断裂)|[\p{Han}&&[^为是的了在和与及诊断院有患因其]]{2,8}?障碍(?:[（(][A-Z]{2,6}[）)])?|(?:扩张型|肥厚型)?心肌病|心功能[ⅠⅡⅢⅣ1-4IV]{1,3}级|(?:酒精|药物|毒品)依赖|(?:腿|手|脚|臂|胳膊|腰|肩|膝|髋|骨|体内|身上)[\p{Han}]{0,2}?(?:装有|装了|打了|植入了?|放了|有)(?:钢板|钢钉|假体|人工关节)|植入了?(?:假体|人工关节)|(?:听障|视障|智障)(?:人士|人员|者)?",
    )
}

/// A hospital (and department) in brackets right after a condition. (A hospital named
/// in running text stays: it is an organisation, and the condition is masked.)
fn hospital_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"[（(]([\p{Han}]{2,12}医院(?:[\p{Han}]{1,4}科)?)[）)]")
}

fn belief_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"信(?:了|奉了)?((?:伊斯兰|基督|天主|东正|佛|道)教)|(?:去|到|在)([^，。；;\n]{0,12}?(?:清真寺|教堂|礼拜堂|天主堂|寺|庙|道观|佛堂|堂)[^，。；;\n]{0,4}?(?:做礼拜|礼拜|烧香|拜佛|念经|做弥撒|祷告|做佛事|聚礼|转经|[晨晌晡昏宵]礼|主麻))|([\p{Han}&&[^是为系的在其之了]]{1,6}(?:堂|寺|清真寺|教堂))(?:的)?(?:信徒|教友|信众|会友)|做佛事|做礼拜|做弥撒|(?:参加|望)?弥撒|主麻(?:日|礼拜)?|聚礼日|受洗|信佛|信基督|信耶稣|信主|吃斋念佛|(?:每日|每天|一天)?[五5]次礼拜|查经(?:聚会|班|会|活动)|团契(?:聚会)?|主日(?:礼拜|崇拜|学)|(?:佛教|道教)居士|吃素礼佛|礼佛|(?:设有|设了|供有|供着)(?:祈祷室|经堂|佛堂|佛龛|神龛)",
    )
}

/// A medicine a person takes (长期服用多巴丝肼, 吃了安定也睡不着) gives away the condition.
fn medicine_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:服用|服食|吃了|在吃|吃着)(?:着|了)?([\p{Han}A-Za-z]{2,6}?)(?:[，。；;、）)\s]|也|都|等|来|治疗|控制|维持|后|之后|以后|导致|$)",
    )
}

/// An adult's age without a cue word (张三，男，45岁；七十多岁；约60岁).
fn bare_age_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:约|大约)?(?:[0-9０-９]{1,3}|[一二三四五六七八九十]{1,4})(?:多|来|几)?(?:周)?岁(?:左右)?",
    )
}

/// An age said without 岁 in a person's own words (我都七十多了, 他已经八十多了, 今年整六十了,
/// 老人八十一了, 我娘八十一了): tens and 多 (or a unit, or round tens after 整), then 了, after a word
/// that says how old one has become, in a clause whose subject is a person.
fn spoken_age_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:都|已经|已|也|快|今年|早就|老人|老汉|老太|[娘妈爸爹]|婆婆|公公|奶奶|爷爷|老伴|母亲|父亲|外婆|外公|姥姥|姥爷|岳母|岳父|丈母娘|老丈人)[整满]?((?:[二三四五六七八九]十|[2-9]0)多|[二三四五六七八九]十好几|[二三四五六七八九]十[一二三四五六七八九]?)了|(?:今年|年已|已经|已|年届|年近|年逾)?((?:[二三四五六七八九]十)有[一二三四五六七八九])|((?:年过|年逾|年近|已过|年届)(?:[五六七八九]旬|古稀|花甲|耄耋)|[二三四五六七八九]十(?:来岁|出头)|年近[五六七八九]十)",
    )
}

/// An age asked and answered (“你多大了？”“五十七。”, 问：你今年多大？答：62岁。).
fn asked_age_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r#"(?:多大了|多大年纪|多大岁数|今年多大|几岁了|几岁|多少岁|年龄多大)(?:了|啦|呀|呢)?[？?][”"]?\s*[“"]?(?:答[：:])?\s*([一二三四五六七八九十]{2,3}(?:岁)?|[0-9]{2,3}(?:周岁|岁)?)(?:了|啦)?[。，,”"！
]"#,
    )
}

/// A criminal record as people tell it: a sentence passed or served (因为酒驾被判过拘役
/// 四个月, 判处有期徒刑一年, 刑满释放, 在外地服刑). An administrative penalty is not one.
fn criminal_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:(?:因为?|由于)[^，。；;\n]{1,8}?)?(?:被判(?:过|处)?|判处|判了|判过|获刑)(?:[^，。；;\n]{0,4}?(?:拘役|有期徒刑|无期徒刑|徒刑|缓刑|管制)(?:[一二三四五六七八九十两0-9]+(?:年|个月|月))*(?:[，,、]?(?:缓刑|缓期执行|缓期)(?:[一二三四五六七八九十两0-9]+(?:年|个月|月))*)?|[一二三四五六七八九十两半0-9]+(?:年|个月)(?:[一二三四五六七八九十两半0-9]+个?月)?)|刑满释放|(?:经(?:法院)?|被)裁定假释|(?:处以|给予)行政拘留[一二三四五六七八九十0-9]+日(?:[（(][^）)\n]{1,10}[）)])?|假释出狱|被假释|社区矫正对象|(?:对其|对他|对她)(?:实施|进行|依法实行|实行)?社区矫正|正在接受社区矫正|在(?:看守所|监狱|拘留所)里?关着|(?:正在|在外地|在)?服刑|坐过[一二三四五六七八九十两几半0-9]*年?牢|坐牢|蹲过[一二三四五六七八九十两几半0-9]*年?(?:牢|监狱)|(?:从|在)\s*(?:强制隔离)?(?:戒毒所|看守所|监狱|劳改队)(?:里)?(?:出来|放出来|释放|回来)|(?:进过|蹲过|关过|去过)(?:戒毒所|看守所|监狱)|(?:被)?劳改过|(?:被)?劳教过|(?:因为?|由于)[^，。；;\n]{1,8}?被(?:行政)?拘留过|被[^，。；;\n]{0,8}?(?:公安局|派出所|公安机关)(?:行政)?拘留过(?:[一二三四五六七八九十两0-9]+(?:日|天))?",
    )
}

fn welfare_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:享受|(?:家庭|其家|其|一户|全户|该户)(?:[0-9０-９一二三四五六七八九两]口?人)?(?:[（(][^）)\n]{1,8}[）)])?(?:已)?纳入|已纳入)[^，。；;\n]{0,6}?(?:最低生活保障|低保|特困人员救助供养|(?:城市|农村|城乡)?特困(?:人员)?供养|五保供养|五保)|(?:城市|农村)?最低生活保障户|低保户|低保对象|低保家庭|(?:城镇|城市|农村)?最低生活保障家庭|特困供养户|最低生活保障对象|独居老人|孤寡老人|(?:城市|农村|城乡)?特困(?:人员)?供养(?:人员|对象)|特困人员|(?:建档立卡)?贫困户|脱贫(?:不稳定)?(?:监测)?户|(?:每月|月)(?:领(?:取)?)?(?:低保金|保障金|救助金|供养金|低保)[0-9０-９.]+元|防止?返贫监测(?:对象|户)|监测帮扶对象|边缘易致贫户|(?:家庭|家里|家中)(?:经济|生活)?(?:十分|非常|较为)?困难|生活困难|低收入(?:户|家庭|人群)|五保户|五保(?:供养)?对象|(?:孤老)?优抚对象|临时救助|(?:重度|困难)?残疾人(?:两项补贴|护理补贴|生活补贴)|特困户|低保边缘(?:户|家庭)|(?:家庭|家里|家中)?(?:无|没有)(?:其他|任何|固定)?(?:经济)?收入来源|(?:每月)?领取?(?:特困)?供养金|(?:领取|享受|领着)[^，。；;\n]{0,14}?(?:生活补助|生活补贴|救助金|补助金|困难补助|抚养补贴)|低保",
    )
}

fn stated_age_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:虚岁|实岁)((?:[0-9]{2,3}|[一二三四五六七八九]?十[一二三四五六七八九]?)(?:周岁|岁)?)|(?:今年|现年)([一二三四五六七八九]十有[一二三四五六七八九])|[（(]((?:[一二三四五六七八九]?十[一二三四五六七八九]?)岁)[，,、）)]|(?:现年|今年|年龄|年已|已经|年仅|我都|我)(?:已满|已经|已)?[：:\s]*((?:[0-9]{2,3}|[一二三四五六七八九]?十[一二三四五六七八九]?)(?:周岁|岁|了))|(?:现年|今年)((?:[0-9]{2,3}|[一二三四五六七八九十]{2,4}))[，,。；;]|(?:[，,]|都|[\p{Han}&&[^达到有共计约近第是为了]])((?:[五六七八九]十多|[五六七八九]十[一二三四五六七八九])了)[，,。；;]|(?:今年|现年)(周岁(?:[0-9]{2,3}|[一二三四五六七八九]?十[一二三四五六七八九]?))|年\s*龄[：:\s]*([0-9]{1,3})(?:[^0-9岁周年月日个]|$)",
    )
}

/// A church named alone after 去/到/上 (周日去沐恩堂) where the sentence speaks of belief.
fn worship_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:去|到|上|在)([\p{Han}]{1,4}(?:堂|教堂|礼拜堂|清真寺))",
    )
}

/// The end of the last place-level word (区, 县, 市, 街道, 镇, 乡) in `v`, if any.
fn place_level_end(v: &str) -> Option<usize> {
    ["区", "县", "市", "街道", "镇", "乡"]
        .iter()
        .filter_map(|w| v.rfind(w).map(|i| i + w.len()))
        .max()
}

/// Halls that are not places of worship.
const NOT_WORSHIP: &[&str] = &[
    "食堂", "礼堂", "课堂", "澡堂", "学堂", "祠堂", "会堂", "天堂", "殿堂", "讲堂", "大堂", "厅堂",
    "弄堂", "草堂", "书堂", "茶堂",
];

/// Why an age is masked.
const AGE_REASON: &str = "自然人的年龄可推知出生年份（出生日期已隐去），隐去";

impl Finder<'_> {
    fn places_of_worship(&mut self) {
        let text = self.text;
        for c in worship_re().captures_iter(text) {
            let Some(m) = c.get(1) else { continue };
            let v = m.as_str();
            if NOT_WORSHIP.iter().any(|w| v.ends_with(w)) || in_title(text, m.start()) {
                continue;
            }
            let sentence_start = text[..m.start()]
                .rfind(['。', '\n', '！', '？'])
                .map_or(0, |i| {
                    i + text[i..].chars().next().map_or(1, char::len_utf8)
                });
            let window: String = text[sentence_start.min(m.start())..m.start()]
                .chars()
                .rev()
                .take(40)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let belief = [
                "基督",
                "天主",
                "教徒",
                "信徒",
                "礼拜",
                "弥撒",
                "教会",
                "主日",
                "周日",
                "星期天",
                "星期日",
                "礼拜天",
                "信主",
                "牧师",
                "神父",
                "穆斯林",
                "伊斯兰",
            ]
            .iter()
            .any(|w| window.contains(w));
            if !(belief || v.ends_with("教堂") || v.ends_with("礼拜堂") || v.ends_with("清真寺"))
            {
                continue;
            }
            // 到城关街道清真寺, 到县城福音堂: a place of worship named with its county, town
            // or street office is a public place and stays; the belief and the practice
            // around it (做礼拜, 信仰…) are masked as such.
            if place_level_end(v).is_some() {
                continue;
            }
            self.push(
                Kind::Religion,
                m.start(),
                m.end(),
                "***".into(),
                "个人参加宗教活动的场所可推知宗教信仰（敏感个人信息），隐去",
            );
        }
    }
}

/// Whether the age at `s..e` is an adult's own (张三，45岁；七十多岁) rather than a
/// rule about ages (年满六十周岁的, 70岁以上老人) or a minor's (masked as such).
fn person_age(text: &str, s: usize, e: usize) -> bool {
    let v = &text[s..e];
    let number: String = v
        .chars()
        .skip_while(|c| "约大".contains(*c))
        .take_while(|c| !"多来几周岁".contains(*c))
        .collect();
    let digits = crate::patterns::ascii_digits(&number);
    let age = if digits.chars().count() == number.chars().count() {
        crate::patterns::num(&digits)
    } else {
        let d = |c: char| "零一二三四五六七八九".find(c).map(|i| (i / 3) as u32);
        match number.chars().collect::<Vec<_>>().as_slice() {
            ['十'] => 10,
            ['十', b] => 10 + d(*b).unwrap_or(0),
            [a, '十'] => d(*a).unwrap_or(0) * 10,
            [a, '十', b] => d(*a).unwrap_or(0) * 10 + d(*b).unwrap_or(0),
            [a] => d(*a).unwrap_or(0),
            _ => 0,
        }
    };
    if !(18..=120).contains(&age) || in_title(text, s) {
        return false;
    }
    let prefix: String = text[..s].chars().rev().take(3).collect();
    let before = text[..s].chars().next_back();
    let after = &text[e..];
    !(before.is_some_and(|c| c.is_ascii_digit() || "第-—~～至到".contains(c))
        || ["满", "超过", "逾", "高于", "低于", "不足"]
            .iter()
            .any(|w| prefix.contains(&w.chars().rev().collect::<String>()))
        || [
            "以上",
            "以下",
            "以内",
            "及以上",
            "至",
            "到",
            "-",
            "—",
            "~",
            "～",
            "的人",
            "的未成年",
            "月",
            "生日",
        ]
        .iter()
        .any(|w| after.starts_with(w))
        // 70岁老人 is a rule's class (70岁以上老人免费乘车); a person said to be one
        // (钟某系七十多岁老人) is told by age.
        || ["老人", "的老人"].iter().any(|w| after.starts_with(w))
            && !["系", "是", "为"].iter().any(|w| text[..s].ends_with(w)))
}

/// Where a condition found at `s..e` starts once the words of the sentence it swallowed
/// are given back: a relative's word (丈夫尿毒症 → 尿毒症, 其|子患自闭症 → 自闭症) and 患/因.
fn condition_start(text: &str, mut s: usize, e: usize) -> usize {
    loop {
        let rest = &text[s..e];
        let Some(c) = rest.chars().next() else { break };
        if rest.chars().count() <= 3 {
            break;
        }
        let prev = text[..s].chars().next_back();
        if let Some(w) = crate::cues::KIN.iter().find(|w| rest.starts_with(**w)) {
            s += w.len();
        } else if prev.is_some_and(|p| crate::cues::KIN.contains(&format!("{p}{c}").as_str()))
            || matches!(c, '患' | '因')
        {
            s += c.len_utf8();
        } else {
            break;
        }
    }
    s
}

/// Whether the age at byte `s` is a group's average (平均年龄81岁), no one's age.
fn group_average(text: &str, s: usize) -> bool {
    text[..s]
        .trim_end_matches(['：', ':', ' '])
        .ends_with("平均年龄")
}

/// Whether byte `s` lies inside a title (《…》): a law's name is no one's health,
/// home or name.
pub(crate) fn in_title(text: &str, s: usize) -> bool {
    let open = text[..s].rfind('《');
    let close = text[..s].rfind('》');
    open.is_some_and(|o| close.is_none_or(|c| c < o))
}

impl Finder<'_> {
    /// An adult's age said in words (都六十三了, “五十七。”): masked as **.
    fn push_age(&mut self, start: usize, end: usize) {
        self.push(Kind::Age, start, end, "**".into(), AGE_REASON);
    }

    /// An age written with 岁, masked as `**岁`.
    fn push_years(&mut self, start: usize, end: usize) {
        self.push(Kind::Age, start, end, "**岁".into(), AGE_REASON);
    }

    pub(super) fn plain_conditions(&mut self) {
        let text = self.text;
        let mut ends = Vec::new();
        for m in plain_condition_re().find_iter(text) {
            if in_title(text, m.start()) && !m.as_str().starts_with('持') {
                continue;
            }
            // 住院部, 住院楼: a hospital's building, not a stay; 轮椅通道, 症状: not a
            // person's condition.
            let v = m.as_str();
            let next = &text[m.end()..];
            // 有涞源县医院出院记录为证: a hospital's paper; the hospital that wrote it
            // stays, the stay there goes.
            let paper = v.ends_with("出院")
                && v.contains("医院")
                && ["记录", "证明", "小结"].iter().any(|w| next.starts_with(w));
            if (v.starts_with("住院") && next.starts_with(['部', '楼']))
                || (v.contains("轮椅")
                    && ["通道", "坡道", "车位", "租借", "借用", "、", "等", "出售", "销售"]
                        .iter()
                        .any(|w| next.starts_with(w)))
                || (v.ends_with('症') && next.starts_with(['状', '下']))
                || v.starts_with("对症")
                // 无障碍通道, 清除障碍物: access and obstacles, not a condition.
                || (v.contains("障碍")
                    && (v.contains("无障碍")
                        || text[..m.start()].ends_with('无')
                        || ["排除", "清除", "设置", "扫除", "消除"].iter().any(|w| v.starts_with(w))
                        || ["物", "设施", "通道", "坡道"].iter().any(|w| next.starts_with(w))))
                // 肿瘤医院, 结核病防治所, 传染病科: an institution named after a condition;
                // 新冠肺炎疫情: an epidemic, no one's illness.
                || ["医院", "科", "研究", "防治", "中心", "专科", "门诊", "诊所", "防控", "疫情", "疫苗"]
                    .iter()
                    .any(|w| next.trim_start_matches('病').starts_with(w))
            {
                continue;
            }
            ends.push(m.end());
            let start = if paper {
                m.end() - "出院".len()
            } else {
                condition_start(text, m.start(), m.end())
            };
            self.push(
                Kind::Health,
                start,
                m.end(),
                "***".into(),
                "健康信息（疾病、身体状况、就医）属敏感个人信息（个人信息保护法第二十八条），隐去",
            );
        }
        ends.extend(
            self.found
                .iter()
                .filter(|m| m.kind == Kind::Health)
                .map(|m| m.end),
        );
        for c in hospital_re().captures_iter(text) {
            let (Some(whole), Some(m)) = (c.get(0), c.get(1)) else {
                continue;
            };
            // In brackets: only right after a condition (…早产风险（长海医院产科）).
            if !ends
                .iter()
                .any(|e| *e <= whole.start() && text[*e..whole.start()].chars().count() <= 4)
            {
                continue;
            }
            // 住院期间（某市人民医院）: a general hospital after a mere stay, no
            // department and no condition named, is a place.
            let stay = ["住院期间", "住院时", "住院", "出院"]
                .iter()
                .any(|w| text[..whole.start()].ends_with(w));
            if stay && !m.as_str().contains('科') {
                continue;
            }
            self.push(
                Kind::Health,
                m.start(),
                m.end(),
                "***".into(),
                "就医的医院、科室可推知健康状况（敏感个人信息），隐去",
            );
        }
        for c in belief_re().captures_iter(text) {
            let Some(m) = crate::patterns::first_group(&c) else {
                continue;
            };
            // 在城厢区基督教堂参加礼拜: a place of worship named with its district is a
            // public place; the person's worship there goes.
            let v = m.as_str();
            let start = match [
                "清真寺",
                "教堂",
                "礼拜堂",
                "天主堂",
                "寺",
                "庙",
                "道观",
                "堂",
            ]
            .iter()
            .filter_map(|w| v.find(w).map(|i| i + w.len()))
            .min()
            {
                // …到城关街道清真寺礼拜: a street office's or a town's too.
                Some(k) if c.get(2).is_some() && place_level_end(&v[..k]).is_some() => {
                    m.start() + k
                }
                _ => m.start(),
            };
            self.push(
                Kind::Religion,
                start,
                m.end(),
                "***".into(),
                "宗教信仰及宗教活动属敏感个人信息（个人信息保护法第二十八条），隐去",
            );
        }
        self.places_of_worship();
        self.sensitive_words(
            criminal_re(),
            Kind::Criminal,
            "个人的犯罪记录属敏感个人信息，隐去",
            |_| false,
        );
        for m in welfare_re().find_iter(text) {
            // A rule, not a person's state (确有经济困难的，可以申请分期缴纳).
            let before: String = text[..m.start()].chars().rev().take(6).collect();
            // (Reversed: 象对 is 对象, a noun, not the preposition 对.)
            let before = before.replace("象对", "");
            // 对五保户赖老汉…: a person named right after it is in that state.
            let person_after = crate::names::surname_of(&text[m.end()..]).is_some();
            if in_title(text, m.start())
                || crate::statistics::counted(text, m.end())
                || ["有确", "如", "若", "可"].iter().any(|w| before.contains(w))
                // 最低生活保障家庭成员参加…: the scheme's members as a class, unless one is
                // said to be one (系低保家庭成员).
                || (text[m.end()..].starts_with("成员") || text[m.end()..].starts_with("财产"))
                    && !before.contains(['系', '是', '为', '属'])
                // 符合…条件的农村最低生活保障家庭: a class a rule speaks of.
                || m.as_str().ends_with("最低生活保障家庭")
                    && (before.starts_with('的') || before.contains("合符"))
                    && !before.contains(['系', '是', '为', '属'])
                || before.contains('对') && !person_after
                // 本县农村低保标准为…: the scheme's figures, no one's state.
                // 残疾人两项补贴按时足额发放: the scheme paid out, no one's state.
                || [
                    "标准", "资金", "政策", "工作", "范围", "水平", "按时", "按月", "足额", "发放",
                    "基本生活",
                ]
                    .iter()
                    .any(|w| text[m.end()..].starts_with(w))
                // 县民政局特困人员供养服务中心: a body's name.
                || ["供养服务中心", "服务中心", "供养中心", "中心"]
                    .iter()
                    .any(|w| text[m.end()..].starts_with(w))
            {
                continue;
            }
            self.push(
                Kind::Welfare,
                m.start(),
                m.end(),
                "***".into(),
                "享受社会救助或家庭经济困难属个人的财产与身份状况，隐去",
            );
        }
        for c in medicine_re().captures_iter(text) {
            let (Some(whole), Some(m)) = (c.get(0), c.get(1)) else {
                continue;
            };
            // 服用 is taking medicine; 吃 only where a condition is spoken of just before.
            let window: String = text[..whole.start()].chars().rev().take(30).collect();
            let health = ["病", "症", "失眠", "抑郁", "焦虑", "医", "药", "痛", "炎"]
                .iter()
                .any(|w| window.contains(&w.chars().rev().collect::<String>()));
            // 吃了安定也睡不着: after 吃 the medicine is followed by 也/都/还/才.
            let eaten_medicine = health
                && ["也", "都", "还", "才"]
                    .iter()
                    .any(|w| text[m.end()..].starts_with(w));
            if !(whole.as_str().starts_with("服") || eaten_medicine) || in_title(text, m.start()) {
                continue;
            }
            self.push(
                Kind::Health,
                m.start(),
                m.end(),
                "***".into(),
                "服用的药物可推知健康状况（敏感个人信息），隐去",
            );
        }
        for c in spoken_age_re().captures_iter(text) {
            let Some(m) = crate::patterns::first_group(&c) else {
                continue;
            };
            // A person is the subject of the clause (我都七十多了, 王某某都七十了), not a
            // thing; or a person word opens the sentence (我爸属虎的，今年都六十三了). A name
            // masked as 某 counts only in the clause, so that masking twice changes nothing.
            const PERSON: &[&str] = &[
                "我",
                "他",
                "她",
                "老伴",
                "本人",
                "当事人",
                "其",
                "父",
                "母",
                "老人",
            ];
            let start_of = |marks: &[char]| text[..m.start()].rfind(marks).unwrap_or(0);
            let clause = &text[start_of(&['，', '。', '“', '；', '\n'])..m.start()];
            let sentence = &text[start_of(&['。', '“', '；', '\n'])..m.start()];
            // 年过七旬, 年近八十: only a person's years are told so.
            let years = c.get(3).is_some_and(|g| g.as_str().starts_with('年'));
            if !years
                && !PERSON.iter().any(|w| clause.contains(w))
                && !clause.contains('某')
                && !PERSON.iter().any(|w| sentence.contains(w))
            {
                continue;
            }
            self.push_age(m.start(), m.end());
        }
        // 快七十岁的人了, 都六十多岁的人了: the speaker's or another's own years.
        static OLD: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
        let old = crate::patterns::re(&OLD, r"([一二三四五六七八九十两0-9０-９]{1,3}多?岁)的人了");
        for c in old.captures_iter(text) {
            if let Some(m) = c.get(1) {
                self.push_years(m.start(), m.end());
            }
        }
        // “你多大了？”“五十七。”: an age given as the answer to its question.
        for c in asked_age_re().captures_iter(text) {
            let Some(m) = c.get(1) else { continue };
            self.push_age(m.start(), m.end());
        }
        for m in bare_age_re().find_iter(text) {
            if !person_age(text, m.start(), m.end()) || group_average(text, m.start()) {
                continue;
            }
            self.push_years(m.start(), m.end());
        }
        for c in stated_age_re().captures_iter(text) {
            let Some(m) = c.iter().skip(1).flatten().next() else {
                continue;
            };
            // 已满七十周岁的老年人: a rule about ages, no one's age.
            if ["的", "以上", "以下"]
                .iter()
                .any(|w| text[m.end()..].starts_with(w))
                || group_average(text, m.start())
            {
                continue;
            }
            // 年龄：47 in a form: the number alone, masked as a number.
            if c.get(6).is_some() {
                self.push_age(m.start(), m.end());
            } else {
                self.push_years(m.start(), m.end());
            }
        }
    }
}
