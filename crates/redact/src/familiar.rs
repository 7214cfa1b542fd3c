//! Persons called by 小/老 and a surname, as colleagues and neighbours call them (小陆,
//! 老包), and — where the surname is that of a person already named in the document —
//! also inside a sentence (“老鲍脑子不清楚”, 物业的小卢带人) and before a title (淡经理).

use std::collections::BTreeSet;

use crate::informal::FUNCTION_SURNAMES;
use crate::names::{NAME_STOP, surname_of};
use crate::patterns::han;
use crate::{Finder, Kind};

/// Words of 小/老 and a surname character that are no one's name.
const NOT_FAMILIAR: &[&str] = &[
    "小区", "小时", "小于", "小车", "小包", "小计", "小商", "小路", "小麦", "小米", "小白", "小康",
    "小组", "小巷", "小贩", "小型", "小额", "小吃", "小店", "小城", "小镇", "小桥", "小农", "小国",
    "小家", "小钱", "小费", "小门", "小窗", "小屋", "小院", "小楼", "小山", "小河", "小湖", "小树",
    "小花", "小草", "小牛", "小羊", "小鸡", "小猪", "小鹿", "小熊", "小虎", "小雨", "小雪", "小风",
    "小满", "小暑", "小寒", "小品", "小事", "小数", "小学", "小心", "小孩", "小姐", "小伙", "小将",
    "小兵", "老师", "老公", "老房", "老街", "老城", "老宅", "老乡", "老年", "老化", "老实", "老板",
    "老总", "老百", "老家", "老人", "老汉", "老伴", "老兵", "老区", "老路", "老车", "老屋", "老厂",
    "老店", "老字", "老干", "老龄", "老旧", "老法", "老式", "老款", "老国", "老城", "老沪", "老上",
    "老小", "老少", "老幼", "老弱", "老病", "老母", "老父", "老夫", "老妻", "老爷", "老太", "老伯",
    "老大", "老二", "老三", "老四", "老五", "老六", "老七", "老八", "老九", "老十", "老牌", "老酒",
    "老汤", "老火", "老窝", "老巢", "老本", "老底", "老成", "老练", "老手", "老友", "老生", "老面",
    "老虎", "老鼠", "老鹰", "老牛", "老狗",
];

/// Surnames that 大 before them makes a nickname, not a word (大刘, 大孙; not 大王,
/// 大黄, 大陆, 大段).
const BIG_SURNAMES: &str = "刘张李陈杨赵周吴徐孙胡朱郭罗梁郑谢冯董程曹袁邓许沈曾彭吕苏卢蒋蔡贾魏薛叶潘杜戴汪姜姚谭廖邹熊郝崔侯邵孟钱汤尹贺赖龚";

/// “老宫家山庄”, “老杨家”家政服务有限公司: after 老/小 and a surname, a sign named after
/// the family (家 and a trade, or 家 closing the quoted sign).
fn family_sign(after: &str) -> bool {
    after.strip_prefix('家').is_some_and(|r| {
        let head: String = r.chars().take(6).collect();
        head.starts_with(['”', '"'])
            || [
                "山庄",
                "饭",
                "菜",
                "餐",
                "酒",
                "店",
                "馆",
                "超市",
                "家政",
                "民宿",
                "农家乐",
                "小吃",
                "面",
                "烧烤",
                "大院",
            ]
            .iter()
            .any(|w| head.starts_with(w))
    })
}

impl Finder<'_> {
    /// 小陆, 老包: 小/老 and a surname, as colleagues and neighbours call a person, when
    /// the two characters are not a word of their own (小区, 老师, 小时) and stand apart.
    pub(super) fn familiar_names(&mut self, names: &BTreeSet<String>, officers: &BTreeSet<String>) {
        self.nicknames_of_known(names, officers);
        let text = self.text;
        for (i, c) in text.char_indices() {
            // 大 and a surname only as a nickname given in quotes (叫“大孙”, 外号“大钟”).
            let quoted_big = c == '大'
                && ["叫“", "称“", "号“", "喊“", "叫做“"]
                    .iter()
                    .any(|w| text[..i].ends_with(w));
            // 我让大刘开的, 跟大周说: 大 and a common surname after a verb that asks or
            // joins a person.
            // 在大刘家喝酒: 大 and a surname as a household's head.
            let at_home = text[..i].ends_with(['在', '去', '到', '回'])
                && text[i + c.len_utf8()..].chars().nth(1) == Some('家');
            let asked_big = c == '大'
                && (at_home
                    || text[..i].ends_with([
                        '让', '叫', '找', '跟', '和', '给', '问', '请', '喊', '催', '帮', '与',
                        '同',
                    ]))
                && text[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(|x| BIG_SURNAMES.contains(x));
            if c != '小' && c != '老' && !quoted_big && !asked_big {
                continue;
            }
            let s = i + c.len_utf8();
            let Some(surname) = surname_of(&text[s..]).filter(|x| x.chars().count() == 1) else {
                continue;
            };
            let e = s + surname.len();
            let word = &text[i..e];
            // An officer of that surname in the document may be the one so called.
            if (surname.chars().any(|x| FUNCTION_SURNAMES.contains(x)) && !quoted_big && !asked_big)
                || NOT_FAMILIAR.contains(&word)
                || officers.iter().any(|o| o.starts_with(surname))
            {
                continue;
            }
            let after_ok = text[e..].chars().next().is_none_or(|n| {
                !han(n)
                    || (NAME_STOP.contains(n) && n != '某')
                    || "说讲让叫跟也还同家把将".contains(n)
            });
            // 乔庄镇老王, 我家老周: a place or one's household before the byname.
            let before_ok = text[..i].chars().next_back().is_none_or(|p| {
                !han(p)
                    || "叫理长班是和跟找给问对让友请被管我他她居们计主工员头婿媳嫂的系镇村卫机"
                        .contains(p)
            });
            let household = ["我家", "你家", "他家", "她家", "咱家", "俺家"]
                .iter()
                .any(|w| text[..i].ends_with(w));
            let before_ok = before_ok || household;
            if family_sign(&text[e..]) {
                continue;
            }
            let quote_closed = text[e..].starts_with('”');
            // 我女婿小邓开车…: after a word for a relative, whatever the verb after.
            let kin_before = household || crate::cues::KIN.iter().any(|k| text[..i].ends_with(k));
            if !(((after_ok || kin_before) && before_ok)
                || (quoted_big && quote_closed)
                || (asked_big
                    && (at_home || !text[e..].starts_with(['家', '们', '型', '号', '量']))))
            {
                continue;
            }
            self.push(
                Kind::Name,
                i,
                e,
                "某某".into(),
                "以“小”“老”加姓氏指称的自然人，隐去",
            );
        }
    }

    /// The surnames of persons already named here (淡晓东 → 淡): 老/小 and such a surname
    /// (老鲍脑子不清楚, 物业的小卢带人) and such a surname before a title of trade (淡经理)
    /// name that person, wherever they stand, unless they make a word (小高层, 老黄牛).
    fn nicknames_of_known(&mut self, names: &BTreeSet<String>, officers: &BTreeSet<String>) {
        let text = self.text;
        let known: Vec<String> = self
            .found
            .iter()
            .filter(|m| m.kind == Kind::Name)
            .map(|m| m.original.replace([' ', '\u{3000}', '\n'], ""))
            .chain(names.iter().cloned())
            .filter(|n| (2..=4).contains(&n.chars().count()) && n.chars().all(han))
            .filter(|n| !officers.contains(n))
            .collect();
        let surnames: BTreeSet<&str> = known
            .iter()
            .filter_map(|n| {
                surname_of(n).or_else(|| {
                    // A surname outside the list (淡晓东): the first of three characters.
                    (n.chars().count() == 3)
                        .then(|| n.char_indices().nth(1).map(|(i, _)| &n[..i]))?
                })
            })
            .filter(|x| x.chars().count() == 1 && !x.chars().any(|c| FUNCTION_SURNAMES.contains(c)))
            .filter(|x| !officers.iter().any(|o| o.starts_with(*x)))
            .collect();
        let word = |w: &str| crate::persons::dictionary_word(w);
        // Where the known full names stand: a surname inside one is no nickname.
        let inside = crate::occur::Reach::new(crate::occur::spans(text, &known));
        for x in surnames {
            for (k, _) in text.match_indices(x) {
                let e = k + x.len();
                let next: String = text[e..].chars().take(1).collect();
                // Inside a known full name (王小燕 when 燕 is someone's surname): no nickname.
                if inside.holds(k, e, true) {
                    continue;
                }
                let prev = text[..k].chars().next_back();
                if let Some(p) = prev.filter(|p| *p == '老' || *p == '小') {
                    let s = k - p.len_utf8();
                    let nick = &text[s..e];
                    let before = text[..s].chars().next_back();
                    // 老王烧烤, 老顾眼镜店: a shop's sign built on the nickname stays.
                    if NOT_FAMILIAR.contains(&nick)
                        || crate::signs::sign_follows(text, e)
                        || shop_sign(text, s, e)
                        || family_sign(&text[e..])
                        || before.is_some_and(|b| NOT_BEFORE_FAMILIAR.contains(b))
                        || word(&format!("{x}{next}"))
                        || word(&format!("{nick}{next}"))
                        || word(nick)
                    {
                        continue;
                    }
                    self.push(
                        Kind::Name,
                        s,
                        e,
                        "某某".into(),
                        "以“小”“老”加文书中已出现的自然人的姓氏指称该人，隐去",
                    );
                    continue;
                }
                if TRADE_TITLES.iter().any(|t| text[e..].starts_with(t)) {
                    self.push(
                        Kind::Name,
                        k,
                        e,
                        "某".into(),
                        "文书中已出现的自然人的姓氏加职务称呼指称该人，隐去姓氏",
                    );
                }
            }
        }
    }
}

/// Characters before 小/老 that make a word of them (大小, 从小, 养老, 古老 …).
const NOT_BEFORE_FAMILIAR: &str = "大从最很太缩减弱矮较变狭细微短养古元敬年衰防终父遗月告倚";

/// Titles of trade after a surname that stand for one person (淡经理, 鲍老板).
pub(crate) const TRADE_TITLES: &[&str] = &[
    "经理", "老板", "会计", "主管", "店长", "厂长", "医生", "护士",
];

/// Words of a shop's or a workshop's sign (老杨馄饨, 老姜门窗加工部).
const SIGN_WORDS: &[&str] = &[
    "店", "铺", "馆", "部", "厂", "行", "坊", "社", "公司", "中心", "超市", "餐", "饭", "酒",
    "烧烤", "馄饨", "面", "粉", "门窗", "五金", "维修", "加工", "批发", "商",
];

/// Whether the nickname at `s..e` opens a sign: a short quotation (“老王烧烤”), or words
/// of a shop running on after it.
fn shop_sign(text: &str, s: usize, e: usize) -> bool {
    let quoted = text[..s].ends_with(['“', '"', '「'])
        && text[e..]
            .chars()
            .take(7)
            .take_while(|c| han(*c) || matches!(c, '”' | '"' | '」'))
            .any(|c| matches!(c, '”' | '"' | '」'));
    let run: String = text[e..]
        .chars()
        .take_while(|c| han(*c) && (!NAME_STOP.contains(*c) || "店厂".contains(*c)))
        .take(8)
        .collect();
    quoted || SIGN_WORDS.iter().any(|w| run.contains(w))
}

impl Finder<'_> {
    /// 黄姐（黄丽萍）, 小马（马娅）: a familiar form masked as a name, then the full name
    /// with the same surname in brackets: that name is the same person's.
    pub(super) fn bracketed_full_names(&self, officers: &BTreeSet<String>) -> Vec<String> {
        let mut out = Vec::new();
        for m in self.found.iter().filter(|m| m.kind == Kind::Name) {
            let Some(inner) = self.text[m.end..].strip_prefix(['（', '(']) else {
                continue;
            };
            let Some(name) = crate::names::person_name(inner) else {
                continue;
            };
            let closed = inner[name.len()..].starts_with(['）', ')']);
            let surname = crate::names::surname_of(&name).unwrap_or("");
            if closed && m.original.contains(surname) && !officers.contains(&name) {
                out.push(name);
            }
        }
        out
    }
}
