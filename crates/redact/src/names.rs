//! Natural persons' names: after role words, and every other occurrence of a known
//! party's name, shown as surname + 某某; officers acting in office are left alone.

pub(crate) use crate::surnames::{COMPOUND_SURNAMES, surname_of};
use std::collections::BTreeSet;

use crate::agencycontact::agency_contact;
use crate::officers::OFFICER_WORDS;
pub(crate) use crate::rolevalues::{long_name, particulars_name};
use crate::rolevalues::{runs_on_as_word, tagged_name_ahead, unlisted_name};
use crate::{Finder, Kind};

/// Words after which a natural person's name follows.
const ROLE_WORDS: &[&str] = &[
    // A 行政处罚 公示 (信用中国 columns): 行政相对人名称 of a natural person.
    "行政相对人名称",
    "被处罚人",
    "当事人",
    "该男子",
    "该女子",
    "法定代表人",
    "负责人",
    "委托代理人",
    "代理人",
    "联系人",
    "证人",
    "经营者",
    "投诉人",
    "举报人",
    "户主",
    "业主",
    "监护人",
    "驾驶人",
    "驾驶员",
    "实际经营人",
    "被检查人",
    "被询问人",
    "被调查人",
    "受送达人",
    "见证人",
    "收件人",
    "代收人",
    "签收人",
    "缴款人",
    "收款人",
    "交款人",
    "翻译人员",
    "翻译",
    "申请人",
    "被申请人",
    "来电人",
    "留言人",
    "反映人",
    "被执行人",
    "第三人",
    // Who holds or rents a dwelling, and who committed the act.
    "房屋权利人",
    "权利人",
    "产权人",
    "房屋所有人",
    "承租人",
    "出租人",
    "违法行为人",
    "行为人",
    // An account's holder (退至本人农行卡：…（户名：…）); a body after it reads as no name.
    "户名",
];

/// Fields of a person's particulars that may follow a role word (当事人民族为回族).
const PARTICULAR_FIELDS: &[&str] = &[
    "民族", "性别", "年龄", "身份", "住址", "户籍", "职业", "文化", "联系", "电话", "出生",
];

/// Characters that end a given name (they follow names in decisions, and are rarely
/// part of one).
pub(crate) const NAME_STOP: &str = "男女性身住系于在因等及和与的是为某驾在经店厂称说持";

/// Words that end a given name when they follow it (律师 in 王五律师).
const NAME_STOP_WORDS: &[&str] = &[
    "律师",
    "先生",
    "女士",
    "同志",
    "出生",
    "民族",
    "汉族",
    "个体",
    "工商",
    "已经",
    "现住",
    "户籍",
    "家庭",
    "地址",
    "电话",
    "手机",
    "号码",
    "联系",
    "营业",
    "执照",
    "统一",
    "社会",
    "信用",
    "负责",
    "法定",
    "代表",
    "委托",
    "代理",
    "证号",
    "执法",
    "公司",
    "对其",
    "未按",
    "擅自",
    "违反",
    "违法",
    "签字",
    "签名",
    "陈述",
    "证实",
    "表示",
    "承认",
    "供述",
    "到场",
    "在场",
    "年龄",
    "现年",
    "今年",
    "出具",
    "提供",
    "确认",
    "同意",
    "驾驶",
    "经营",
    "所有",
    "名下",
    "承租",
    "租赁",
    "使用",
    "共同",
    "一起",
    "协助",
    "代为",
    "发现",
    "报告",
    "提交",
    "负责",
    "均在",
    "二人",
    "均",
    "以及",
    // 黄志明家中, 黄志明家里: at the person's home.
    "家中",
    "家里",
    "家门",
    // Verbs of a statement and words for a pair of persons (刘汉和刘江山兄弟).
    "申辩",
    "辩称",
    "声称",
    "自称",
    "反映",
    "要求",
    "请求",
    "兄弟",
    "姐妹",
    "夫妇",
    "夫妻",
    "父子",
    "母女",
    "母子",
    "父女",
    "两人",
    "三人",
    "一家",
    "一户",
    "信仰",
    // 张永强曾于2018年…: what a person did once.
    "曾于",
    "曾因",
    "曾在",
    "曾经",
    // 孟某出庭应诉, 带队检查: what a person in office does.
    "出庭",
    "应诉",
    "出席",
    "参加",
    "带队",
    "陪同",
    "会同",
    // 科长某某审核, 局长某某签发: what an official does with a decision.
    "审核",
    "审批",
    "签发",
    "批准",
    "核准",
    "审定",
    // 承办人许文斌汇报案情, 官方兽医农海鹏对现场进行了检查: what an officer does next.
    "汇报",
    "对现场",
    "对当事",
    "对涉案",
    "对该",
    // 冯立华之子: a kin named through the person.
    "之子",
    "之女",
    "之妻",
    "之夫",
    "之父",
    "之母",
];

/// Whether a word that ends a name (证实, 申辩, 律师) stands at the start of `s`.
pub(crate) fn stop_word_at(s: &str) -> bool {
    NAME_STOP_WORDS.iter().any(|w| s.starts_with(w))
}

pub(crate) fn stop_at(s: &str) -> bool {
    s.chars().next().is_some_and(|c| NAME_STOP.contains(c))
        || NAME_STOP_WORDS.iter().any(|w| s.starts_with(w))
}

/// Place words that end a name found by a known party's name (张三路 is a road).
pub(crate) const PLACE_AFTER: &str = "路街道巷桥村镇乡弄区县市省湾港园";

/// Whether `after` opens with a place word that would make the word before it a road,
/// a village or a district (张三路, 王家村), not with a verb or a noun that only starts
/// with one (冯淑珍路过时, 某某村民).
pub(crate) fn place_word_after(after: &str) -> bool {
    after
        .chars()
        .next()
        .is_some_and(|c| PLACE_AFTER.contains(c))
        && !["路过", "路经", "村民", "区域"]
            .iter()
            .any(|w| after.starts_with(w))
}

/// Whether a place's name goes on after a would-be name (王顶|堤菜市场, 李庄|屯农贸市场):
/// a character of place names, then within two more characters a place or facility
/// word. 张三路过 is no place: 过 is none of those words.
pub(crate) fn place_follows(after: &str) -> bool {
    const PLACE_CHAR: &str = "堤湖山岭坡塘庄屯营寨沟河湾港桥园村路街";
    const FACILITY: &[&str] = &[
        "菜市场",
        "市场",
        "农贸",
        "集市",
        "街道",
        "社区",
        "小区",
        "公园",
        "广场",
        "商场",
        "大街",
        "路",
        "村",
        "站",
        "码头",
        "东门",
        "西门",
        "南门",
        "北门",
        "地铁",
        "公交",
    ];
    let mut chars = after.chars();
    if !chars.next().is_some_and(|c| PLACE_CHAR.contains(c)) {
        return false;
    }
    let rest = chars.as_str();
    // 王芳沟通…, 刘强营业的…: the place character begins an ordinary word.
    let two: String = after.chars().take(2).collect();
    // (山路, 河街 are words and still a road after a name: 薛刚山路.)
    if two.chars().count() == 2
        && crate::persons::known_word(&two)
        && !two.ends_with(['路', '街', '村'])
    {
        return false;
    }
    (0..3).any(|skip| {
        rest.char_indices()
            .nth(skip)
            .map(|(i, _)| &rest[i..])
            .is_some_and(|r| FACILITY.iter().any(|w| r.starts_with(w)))
    })
}

impl Finder<'_> {
    /// Names after role words; returns the names found.
    pub(super) fn role_names(&mut self, officers: &BTreeSet<String>) -> BTreeSet<String> {
        let mut names = BTreeSet::new();
        for role in ROLE_WORDS {
            let mut from = 0;
            while let Some(i) = self.text[from..].find(role) {
                let at = from + i + role.len();
                from = at;
                if *role == "联系人" && agency_contact(self.text, at - role.len()) {
                    continue;
                }
                // 户名：郑州市⏎财政局非税收入汇缴结算户: a body's account, across a break.
                if *role == "户名" {
                    let value: String = self.text[at..]
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .take_while(|c| !matches!(c, '，' | '。' | '；' | '）' | ')'))
                        .take(30)
                        .collect();
                    if [
                        "局",
                        "政府",
                        "公司",
                        "专户",
                        "结算户",
                        "中心",
                        "银行",
                        "委员会",
                        "所",
                    ]
                    .iter()
                    .any(|w| value.contains(w))
                    {
                        continue;
                    }
                }
                // 林业主管部门, 企业主: a role word that is the middle of other words.
                if crate::nouned::inside_word(self.text, at - role.len(), role) {
                    continue;
                }
                // A longer role word may contain this one (委托代理人 ⊃ 代理人): skip when the
                // word is itself preceded by the rest of a longer role.
                let rest = &self.text[at..];
                let rest = rest.trim_start_matches(['：', ':', ' ', '　', '\t', '为', '是']);
                // A tab is a table's cell border: the label's colon.
                let colon = self.text[at..].starts_with(['：', ':', '\t']);
                // 见证人：物业经理 刘某: the job title is no name; the name follows it.
                let rest = &rest[colon
                    .then(|| crate::handlers::title_ahead(rest))
                    .flatten()
                    .unwrap_or(0)..];
                let offset = self.text.len() - rest.len();
                // After a colon the whole value of the field is the name (符永和，男).
                if let Some(name) = colon
                    .then(|| crate::fieldnames::field_name(rest))
                    .flatten()
                    .or_else(|| person_name(rest))
                    .or_else(|| particulars_name(rest))
                    .or_else(|| crate::latin::latin_name(rest))
                    .or_else(|| colon.then(|| unlisted_name(rest)).flatten())
                    .or_else(|| tagged_name_ahead(rest))
                    && !officers.contains(&name)
                    && !name.contains('某')
                    // 当事人民族为回族: a field of the person's particulars, not a name.
                    && !PARTICULAR_FIELDS.iter().any(|w| name.starts_with(w))
                    // 当事人母亲吴某某: words before a masked name, not a name.
                    && !(rest.starts_with(name.as_str()) && crate::partmasked::into_mask(&rest[name.len()..]))
                    && !(rest.starts_with(name.as_str()) && place_follows(&rest[name.len()..]))
                    // 车主陈述：…, 居民反映…: a verb right after the role word is what
                    // the person does, not their name.
                    && !(rest.starts_with(name.as_str()) && verb(&name))
                    // 当事人陈述的…: a word jieba knows, right after the role word and
                    // running on into the sentence, is what the party does.
                    && (colon || !runs_on_as_word(&name, &rest[name.len()..]))
                    // 申请人应当在…: an ordinary word running on into the sentence.
                    && !(crate::persons::dictionary_word(&name)
                        && rest[name.len()..]
                            .chars()
                            .next()
                            .is_some_and(|c| {
                                ('\u{4e00}'..='\u{9fff}').contains(&c) || c == '*' || c == '＊'
                            }))
                    // 申请人信息（公民）: an ordinary word glued to the role word is a
                    // heading, unless a person's particulars follow it.
                    && !(offset == at
                        && crate::persons::dictionary_word(&name)
                        && !crate::cues::CUE_AFTER
                            .iter()
                            .any(|w| rest[name.len()..].starts_with(w)))
                {
                    let rep = masked_name(&name);
                    self.push(
                        Kind::Name,
                        offset,
                        offset + name.len(),
                        rep,
                        &format!("“{role}”后的自然人姓名，保留姓氏"),
                    );
                    names.insert(name);
                }
            }
        }
        // A notice addressed to a person: the line opens with the name and the
        // particulars in brackets (巴特尔（蒙古族，一九七四年…出生…）).
        let mut at = 0;
        for line in self.text.split_inclusive('\n') {
            let s = at;
            at += line.len();
            let rest = line.trim_start_matches([' ', '　']);
            let offset = s + line.len() - rest.len();
            let Some(name) = particulars_name(rest) else {
                continue;
            };
            // 乙方（被征收人）：…: a label with its note and a colon, not a name.
            let note_then_colon =
                rest[name.len()..]
                    .split_once(['）', ')'])
                    .is_some_and(|(note, after)| {
                        after.starts_with(['：', ':'])
                            && ["人", "部门", "单位", "方"]
                                .iter()
                                .any(|w| note.contains(w))
                    });
            if name.contains('人')
                || note_then_colon
                || ["甲方", "乙方", "丙方", "丁方"].contains(&name.as_str())
                || ROLE_WORDS
                    .iter()
                    .chain(OFFICER_WORDS)
                    .any(|w| name.contains(w))
                || !rest[name.len()..].starts_with(['（', '('])
                || officers.contains(&name)
            {
                continue;
            }
            self.push(
                Kind::Name,
                offset,
                offset + name.len(),
                masked_name(&name),
                "行首后随身份事项的自然人姓名，保留首字",
            );
            names.insert(name);
        }
        names
    }

    /// Every other occurrence of a known person's name.
    pub(super) fn known_names(&mut self, names: &BTreeSet<String>, officers: &BTreeSet<String>) {
        let keys: Vec<&String> = names
            .iter()
            .filter(|n| n.chars().count() >= 2 && !officers.contains(*n) && !n.contains('某'))
            .collect();
        let places = crate::occur::occurrences(self.text, &keys);
        let all: Vec<&String> = names.iter().collect();
        let name_starts = crate::occur::starts(self.text, &all);
        for (name, at) in keys.into_iter().zip(places) {
            let rep = masked_name(name);
            for s in at {
                let e = s + name.len();
                // Another person's name right after it (赵二强区月称, 赵二强区某某称), or
                // the same name again (区和区和, masked 区和区某某), is no road or district.
                let name_follows = name_starts.contains(&e)
                    || surname_of(&self.text[e..])
                        .is_some_and(|x| self.text[e + x.len()..].starts_with("某某"));
                if !name_follows
                    && (place_word_after(&self.text[e..]) || place_follows(&self.text[e..]))
                {
                    continue; // 张三路 is a road, 王顶堤菜市场 a market
                }
                if officers
                    .iter()
                    .any(|o| o.len() > name.len() && self.text[s..].starts_with(o.as_str()))
                {
                    continue; // 朱红 inside the officer 朱红卫
                }
                // 文斌 in 厦门文斌建材有限公司: a company's registered name stays. A shop sign
                // that repeats an operator's full name (张小妹面馆) would name the person
                // the masking hides: the name goes, the rest of the sign stays.
                // 龙晓鹏称设置审批由公司…: a verb after the name ends it; no sign follows.
                let said =
                    self.text[e..].starts_with(['称', '说']) || stop_word_at(&self.text[e..]);
                if !said
                    && crate::signs::sign_follows(self.text, e)
                    && (name.chars().count() < 3 || company_follows(self.text, e))
                {
                    continue;
                }
                self.push(
                    Kind::Name,
                    s,
                    e,
                    rep.clone(),
                    "当事人（自然人）姓名，保留姓氏",
                );
            }
        }
    }
}

/// Whether a company's name goes on after byte `end` (…建材有限公司, …集团).
fn company_follows(text: &str, end: usize) -> bool {
    let clause: String = text[end..]
        .chars()
        .take_while(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .take(12)
        .collect();
    ["公司", "集团", "有限", "合作社", "事务所"]
        .iter()
        .any(|w| clause.contains(w))
}

/// Surname + 某某 (张某某, 欧阳某某), whatever the length of the given name, so the
/// length is not revealed (docs/RULES.md § "De-identification (去标识化)").
pub(crate) fn masked_name(name: &str) -> String {
    if name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '*' || c == '＊') {
        return "某某".into(); // a name in Latin letters: nothing of it stays
    }
    // A given name used alone (建国) or a byname (黑皮) keeps nothing: its first letter is
    // no surname, and would tell part of the name.
    match surname_of(name) {
        Some(surname) => format!("{surname}某某"),
        None => "某某".into(),
    }
}

/// A natural person's name at the start of `s`: a surname and one or two given-name
/// characters, ended by a stop character, punctuation or a non-Chinese character.
/// An organisation name (longer, or ending in 公司/店/厂…) is not a person's name.
pub(crate) fn person_name(s: &str) -> Option<String> {
    let surname = surname_of(s)?;
    let rest = &s[surname.len()..];
    let mut given = String::new();
    for (i, c) in rest.char_indices() {
        let cjk = ('\u{4e00}'..='\u{9fff}').contains(&c);
        if !cjk || stop_at(&rest[i..]) {
            break;
        }
        given.push(c);
        if given.chars().count() > 2 {
            return None; // 3+ characters after the surname: an organisation or a phrase
        }
    }
    // 执法人员于当日送达: a preposition that is also a surname before a time word.
    if given.is_empty() || crate::cues::TIME_WORDS.contains(&given.as_str()) {
        return None;
    }
    let after = &rest[given.len()..];
    // A name ends at punctuation, a bracket, a space, a digit, the end, or a stop word.
    let ends_well = after
        .chars()
        .next()
        .is_none_or(|c| !('\u{4e00}'..='\u{9fff}').contains(&c) || stop_at(after));
    ends_well.then(|| format!("{surname}{given}"))
}

/// Whether a would-be name of three letters holds a place's word in the middle
/// (后李村金小红 read as 李村金): no given name has one.
pub(crate) fn place_inside(name: &str) -> bool {
    name.chars().count() == 3
        && name
            .chars()
            .nth(1)
            .is_some_and(|c| "村路街巷弄区县省".contains(c))
}

/// Whether `word` is one word of the dictionary tagged as a verb (陈述, 反映, 表示).
pub(crate) fn verb(word: &str) -> bool {
    // Verbs of telling that follow a person and begin with a surname's character.
    const TELLING: &[&str] = &[
        "陈述", "陈诉", "陈情", "介绍", "表示", "回忆", "承认", "解释", "辩称", "声称", "反映",
        "举报", "投诉", "证实", "说明", "回答", "确认", "述称", "诉称", "反馈", "请求",
    ];
    if TELLING.contains(&word) {
        return true;
    }
    let tags = crate::persons::tag(word);
    crate::persons::dictionary_word(word)
        && tags.len() == 1
        && tags.first().is_some_and(|(_, t)| t.starts_with('v'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_after_role_words() {
        assert_eq!(person_name("张三，男"), Some("张三".into()));
        assert_eq!(person_name("欧阳娜娜（身份证"), Some("欧阳娜娜".into()));
        assert_eq!(person_name("上海某某餐饮有限公司"), None);
        assert_eq!(person_name("王五律师"), Some("王五".into()));
        assert_eq!(person_name("李"), None);
    }
}
