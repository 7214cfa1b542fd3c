//! Sensitive information as people write it in letters, calls and statements rather
//! than as a form records it: conditions named plainly (哮喘, 肾病, 腰椎间盘突出, 心脏
//! 不好, 怀有身孕, 住过一次院), the hospital or department where it was treated,
//! belief stated with 信 (信伊斯兰教的, 信了佛教) or as a practice (去清真寺做礼拜),
//! an adult's age (现年六十岁, 今年七十三了), which gives back the birth year that
//! the masking of the birth date hides, and social assistance or hardship (享受最低
//! 生活保障, 家庭经济困难).

use std::sync::OnceLock;

use regex::Regex;

use crate::{Finder, Kind};

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("constant pattern"))
}

fn plain_condition_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:腰椎|颈椎|胸椎)?(?:椎)?间盘突出|(?:腰椎|颈椎)病|[\p{Han}]{0,4}骨折|哮喘|(?:心脏|肾脏|肝脏|肾|肝|肺|胃|冠心|心血管|脑血管|皮肤|眼)(?:疾)?病|(?:肝|肾|肺|胃|关节|支气管|鼻|咽|皮)炎|慢性[\p{Han}]{1,5}?(?:炎|病)|早产|流产|怀有身孕|身孕|(?:HIV|艾滋病)(?:抗体)?阳性|长期住院|住过(?:一次|两次|几次)?院|住院(?:[了过]|期间|治疗|观察|至今)?|孕妇|哺乳期|(?:心脏|身体|肾|肝|腰|腿|眼睛|耳朵)(?:也|一直|很|都|特别|非常)?不好|中风|帕金森病?|痛风|持有?《?[^》，。]{0,12}残疾人?证》?|(?:肢体|视力|听力|言语|智力|精神|多重)[一二三四1-4]级残疾",
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
        r"信(?:了|奉了)?((?:伊斯兰|基督|天主|东正|佛|道)教)|(?:去|到|在)([^，。；;\n]{0,12}?(?:清真寺|教堂|礼拜堂|天主堂|寺|庙|道观|佛堂|堂)[^，。；;\n]{0,4}?(?:做礼拜|礼拜|烧香|拜佛|念经|做弥撒|祷告|做佛事))|([\p{Han}&&[^是为系的在其之了]]{1,6}(?:堂|寺|清真寺|教堂))(?:的)?(?:信徒|教友|信众|会友)|做佛事|做礼拜|做弥撒|受洗",
    )
}

fn welfare_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"享受[^，。；;\n]{0,6}?(?:最低生活保障|低保|特困人员救助供养)|低保户|低保对象|低保家庭|特困供养人员|(?:家庭|家里|家中)(?:经济|生活)?(?:十分|非常|较为)?困难|生活困难",
    )
}

fn stated_age_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:现年|今年|年龄|年已|已经|年仅)[：:\s]*((?:[0-9]{2,3}|[一二三四五六七八九十]{2,4})(?:周岁|岁|了))",
    )
}

/// Whether byte `s` lies inside a title (《…》): a law's name is no one's health.
fn in_title(text: &str, s: usize) -> bool {
    let open = text[..s].rfind('《');
    let close = text[..s].rfind('》');
    open.is_some_and(|o| close.is_none_or(|c| c < o))
}

impl Finder<'_> {
    pub(super) fn plain_conditions(&mut self) {
        let text = self.text;
        let mut ends = Vec::new();
        for m in plain_condition_re().find_iter(text) {
            if in_title(text, m.start()) && !m.as_str().starts_with('持') {
                continue;
            }
            // 住院部, 住院楼: a hospital's building, not a stay.
            if m.as_str().starts_with("住院") && text[m.end()..].starts_with(['部', '楼']) {
                continue;
            }
            ends.push(m.end());
            self.push(
                Kind::Health,
                m.start(),
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
            self.push(
                Kind::Health,
                m.start(),
                m.end(),
                "***".into(),
                "就医的医院、科室可推知健康状况（敏感个人信息），隐去",
            );
        }
        for c in belief_re().captures_iter(text) {
            let Some(m) = c
                .get(1)
                .or_else(|| c.get(2))
                .or_else(|| c.get(3))
                .or_else(|| c.get(0))
            else {
                continue;
            };
            self.push(
                Kind::Religion,
                m.start(),
                m.end(),
                "***".into(),
                "宗教信仰及宗教活动属敏感个人信息（个人信息保护法第二十八条），隐去",
            );
        }
        for m in welfare_re().find_iter(text) {
            // A rule, not a person's state (确有经济困难的，可以申请分期缴纳).
            let before: String = text[..m.start()].chars().rev().take(6).collect();
            if in_title(text, m.start())
                || ["有确", "如", "若", "对"]
                    .iter()
                    .any(|w| before.contains(w))
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
        for c in stated_age_re().captures_iter(text) {
            let Some(m) = c.get(1) else { continue };
            self.push(
                Kind::Age,
                m.start(),
                m.end(),
                "**岁".into(),
                "自然人的年龄可推知出生年份（出生日期已隐去），隐去",
            );
        }
    }
}
