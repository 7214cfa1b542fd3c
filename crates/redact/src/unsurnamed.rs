//! Names without a Han surname, as Mongolian, Uyghur, Kazakh, Yi and Tibetan names are
//! written in Chinese (乌云其木格, 阿依古丽·吐尔逊, 阿苏依莫, 白玛卓玛): a run of two or
//! more common name parts (or parts joined by a middle dot) is a name wherever it
//! stands apart or follows a kin or role word; it is masked whole, as 某某, and so is
//! every later occurrence of it and of each of its parts used alone (次仁 after 拉姆次仁,
//! 小扎西 after 扎西多吉).

use std::collections::BTreeSet;

use crate::nameparts::{PARTS, yi_name_at};
use crate::patterns::han;
use crate::{Finder, Kind};

/// Words after which a name without a surname follows (a kin word, a role, 全名).
const BEFORE: &[&str] = &[
    "全名",
    "名叫",
    "叫做",
    "名为",
    "本名",
    "大名",
    "真名",
    "姓名",
    "邻居",
    "举报人",
    "投诉人",
    "群众",
    "代表",
    "村民",
    "牧民",
    "雇工",
    "帮工",
    "店员",
    "员工",
    "押运员",
    "司机",
    "驾驶员",
    "经营者",
    "负责人",
    "当事人",
    "申请人",
    "户主",
    "摊主",
    "车主",
    "母亲",
    "父亲",
    "妻子",
    "丈夫",
    "儿子",
    "女儿",
    "其子",
    "其女",
    "之子",
    "之女",
    "其妻",
    "其夫",
    "之妻",
    "之夫",
    "哥哥",
    "弟弟",
    "姐姐",
    "妹妹",
    "奶奶",
    "爷爷",
    "外婆",
    "外公",
    "孙子",
    "孙女",
    "儿媳",
    "女婿",
    "老伴",
    "配偶",
    "老婆",
    "老公",
    "爱人",
    "委员",
    // Witnesses and workers named in an evidence list (证人：环卫工人…).
    "证人",
    "工人",
    "保洁员",
    "保安",
    "门卫",
    "住户",
    "雇员",
    "网管",
    "受送达人",
    "来电人",
    "来信人",
    "主任",
    "管护员",
    "嘎查长",
];

/// Characters that may follow a name in running text (punctuation aside).
const AFTER: &str = "未已在的等称说家和与及跟被因系是为两曾也均今每于到向对将把从又还";

/// Whether `before` ends with a role or kin word (妻子, 户主, 其子 …).
fn after_role_or_kin(before: &str) -> bool {
    let before = before.trim_end_matches([' ', '　', '：', ':']);
    BEFORE
        .iter()
        .chain(crate::cues::KIN)
        .any(|w| before.ends_with(w))
}

/// Whether a name may end before `next` (the text's end, no Han character, or one
/// that follows names).
fn ends_before(next: Option<char>) -> bool {
    next.is_none_or(|c| !han(c) || AFTER.contains(c))
}

/// Characters that join a name to the sentence before it (与巴特尔, 向扎西, 找央金).
const JOINING: &str = "与和及同跟向由从对给让叫找";

/// Whether the one short part at `at..end` stands as a name: after a kin or role word
/// (其女儿央金代收, 居委会主任拉巴。) or a joining character (向扎西（…）, 据卓玛反映,
/// 与次仁正在…), or opening a clause before a second person (】洛桑和…), and inside no
/// longer run of parts.
fn short_part_alone(text: &str, at: usize, end: usize) -> bool {
    let before = &text[..at];
    let rest = &text[end..];
    let next = rest.chars().next();
    let punct = next.is_none_or(|c| !han(c) && c != '·');
    let follows_name = |extra: &str| next.is_some_and(|c| AFTER.contains(c) || extra.contains(c));
    let prev = before.chars().next_back();
    let joined = prev.is_some_and(|c| JOINING.contains(c) || c == '据');
    let after_word = after_role_or_kin(before) && !before.ends_with(['：', ':']);
    let telling = ["反映", "称", "说", "表示", "介绍", "讲"]
        .iter()
        .any(|w| rest.starts_with(w));
    let opens_clause = prev.is_none_or(|c| !han(c) && !c.is_ascii_alphanumeric());
    // 拉毛草、才让东智、更登分别…; 孟和、苏日娜: an item of a list beside another name's
    // parts.
    let listed = prev == Some('、')
        && PARTS
            .iter()
            .chain(crate::tibetan::PARTS)
            .any(|p| before[..before.len() - '、'.len_utf8()].ends_with(p))
        || rest
            .strip_prefix('、')
            .is_some_and(|r| part_at(text, text.len() - r.len()).is_some());
    let stands = after_word && (punct || follows_name("代签"))
        || joined
            && (punct && next.is_some_and(|c| "（(，,。".contains(c))
                || follows_name("正")
                || telling)
        || opens_clause && next.is_some_and(|c| "和与及跟同".contains(c))
        || listed;
    stands && part_at(text, end).is_none()
}

/// The end of the longest name part at byte `at`, if one starts there.
fn part_at(text: &str, at: usize) -> Option<usize> {
    PARTS
        .iter()
        .chain(crate::tibetan::PARTS)
        .filter(|p| text[at..].starts_with(**p))
        .map(|p| at + p.len())
        .max()
}

/// The run of name parts from byte `at`: its end and how many parts (a middle dot
/// may join two parts, or a part and any 2–6 characters after the dot: 热合曼·买买提江).
fn run_at(text: &str, at: usize) -> (usize, usize) {
    let (end, parts) = part_run(text, at);
    // A Yi clan and a given name no part lists (吉克伍呷).
    match yi_name_at(text, at) {
        Some(yi) if parts < 2 && yi > end => (yi, 2),
        _ => (end, parts),
    }
}

/// Letters Amdo Tibetan names end in after a common part (多杰措, 拉毛吉, 拉毛草, 才让加).
const TIBETAN_ENDINGS: &str = "措吉草加卓毛本太杰才姐";

/// The run of listed name parts from byte `at` (see [`run_at`]).
fn part_run(text: &str, at: usize) -> (usize, usize) {
    let mut end = at;
    let mut parts = 0;
    while let Some(e) = part_at(text, end) {
        end = e;
        parts += 1;
        let Some(after) = text[end..].strip_prefix('·') else {
            continue;
        };
        let after = text.len() - after.len();
        if part_at(text, after).is_some() {
            end = after;
            continue;
        }
        let tail: Vec<char> = text[after..].chars().take_while(|c| han(*c)).collect();
        if (2..=6).contains(&tail.len()) {
            end = after + tail.iter().map(|c| c.len_utf8()).sum::<usize>();
            parts += 1;
        }
        break;
    }
    // 多杰措, 拉毛吉, 拉毛草: a Tibetan part and one letter Amdo names end in, standing as
    // a word (the letter after it ends the name).
    if parts >= 1
        && let Some(last) = crate::tibetan::PARTS
            .iter()
            .find(|p| text[at..end].ends_with(**p))
        && !last.is_empty()
        && let Some(c) = text[end..].chars().next()
        && TIBETAN_ENDINGS.contains(c)
        && ends_before(text[end + c.len_utf8()..].chars().next())
    {
        end += c.len_utf8();
        parts += 1;
    }
    (end, parts)
}

/// A lead of one to three characters joined by a middle dot to a name part (包·巴特尔): the end of the part
/// run after the dot.
fn dotted_lead(text: &str, at: usize) -> Option<usize> {
    // A lead the source masked in part (阿*·买买提) is one too.
    let lead: usize = text[at..]
        .chars()
        .take_while(|c| han(*c) || ['*', '＊'].contains(c))
        .take(4)
        .map(char::len_utf8)
        .sum();
    if !(1..=3).contains(&text[at..at + lead].chars().count()) {
        return None;
    }
    let after = text[at + lead..].strip_prefix('·')?;
    let after = text.len() - after.len();
    let (end, parts) = run_at(text, after);
    (lead > 0 && parts >= 1).then_some(end)
}

/// A name without a surname at byte `at` of `text`: its end, when two or more parts
/// run together there, start where no name character goes on before them, and the
/// run stands apart from other words on at least one side (a kin or role word or
/// punctuation before it; punctuation or a word that follows names after it).
pub(crate) fn unsurnamed_at(text: &str, at: usize) -> Option<usize> {
    let (mut end, parts) = run_at(text, at);
    // A lead before a dot (包·巴特尔) must follow a kin or role word or punctuation.
    let mut lead = false;
    if parts == 0 {
        end = dotted_lead(text, at)?;
        lead = true;
    } else if parts == 1 && text[at..end].chars().count() >= 3 {
        // One long part (阿依努尔, 乌日娜, 其其格) is a name only right after a kin or
        // role word.
        lead = true;
    } else if parts == 1 && short_part_alone(text, at, end) {
        // One short part (央金, 拉巴, 扎西) after a kin or role word and before a word
        // that follows names, or after a joining word and before punctuation.
        return Some(end);
    } else if parts < 2 || text[at..end].chars().count() < 3 {
        return None;
    }
    let before = &text[..at];
    let before = before.strip_suffix('小').unwrap_or(before);
    let prev = before.chars().next_back();
    let after_word = after_role_or_kin(before);
    let left = prev.is_none_or(|c| !han(c))
        || after_word
        || prev.is_some_and(|c| "人者主员是叫为和与及、".contains(c))
        // 由宝音图赔偿萨仁高娃: after a verb whose object is a person.
        || crate::likely::after_person_verb(before);
    // A long part (巴特尔, 其木格) after a joining word or in a list (与巴特尔、其木格协商).
    let joined = prev.is_some_and(|c| JOINING.contains(c) || "、“\"‘".contains(c))
        && text[at..end].chars().count() >= 3;
    // A long part after a joining word (给帕提古丽打了电话) stands apart on its left too,
    // and so does one after 的 before what the person says (…的额尔德木图说).
    let said_after_de = prev == Some('的')
        && text[at..end].chars().count() >= 3
        && ["说", "称", "表示", "讲", "告诉"]
            .iter()
            .any(|w| text[end..].starts_with(w));
    let left = left || joined || said_after_de;
    // 走访，巴特尔答应…; ，其其格在旁边听着: a long part opening a clause, before a
    // word that follows names or a verb of what a person does.
    let clause_subject = prev.is_some_and(|c| "，,。；;：:！？\n".contains(c))
        && text[at..end].chars().count() >= 3
        && (text[end..].starts_with(|c: char| AFTER.contains(c))
            || ["答应", "同意", "表示", "承认", "拒绝", "正在", "还在"]
                .iter()
                .any(|w| text[end..].starts_with(w)));
    if parts == 1 && lead && !after_word && !joined && !clause_subject && !said_after_de {
        return None;
    }
    let next = text[end..].chars().next();
    let right = ends_before(next) || crate::names::stop_word_at(&text[end..]);
    // A name part inside a longer run of characters (布和平 …) is no name: one side
    // must stand apart, and a character of a place or a body must not follow.
    let place = next.is_some_and(|c| "路街巷村镇乡区县市旗盟局队店厂".contains(c))
        // 阿鲁科尔沁旗: a banner's name runs on one letter past the would-be name.
        || next.is_some_and(|c| han(c) && !AFTER.contains(c))
            && text[end..]
                .chars()
                .nth(1)
                .is_some_and(|c| "旗县市盟州镇乡".contains(c));
    ((left || right && !lead) && !place).then_some(end)
}

/// Whether a badge (执法证, 工作证) follows within eight letters of byte `end`.
fn badge_soon(text: &str, end: usize) -> bool {
    let soon: String = text[end..].chars().take(8).collect();
    soon.contains("执法证") || soon.contains("工作证")
}

/// Officers without a Han surname (执法人员索南才让（执法证号…）, 审批人：格绒泽仁（分管副局长）,
/// 负责人：尼玛才让，局长): a name of parts run together, or two Tibetan parts, that stands
/// once where an officer does (a badge soon after, `officerslot::officer_slot`); the
/// officer's wherever it stands, as a named officer's is.
pub(crate) fn unsurnamed_officers(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut p = 0;
    while p < text.len() {
        let Some(c) = text[p..].chars().next() else {
            break;
        };
        let end = if han(c) {
            unsurnamed_at(text, p).or_else(|| crate::tibetan::two_parts_at(text, p))
        } else {
            None
        };
        let Some(end) = end else {
            p += c.len_utf8();
            continue;
        };
        if badge_soon(text, end) || crate::officerslot::officer_slot(text, p, end) {
            out.insert(text[p..end].to_string());
        }
        p = end;
    }
    out
}

impl Finder<'_> {
    /// Names without a Han surname: masked whole (某某), then every later occurrence of
    /// the name and of each of its parts used alone.
    pub(super) fn unsurnamed_names(&mut self, officers: &BTreeSet<String>) {
        let text = self.text;
        let mut parts: BTreeSet<&str> = BTreeSet::new();
        // Names of four letters or more found once: no word holds them, so they are
        // the person's wherever they recur (关于乌云其其格投诉…的答复书).
        let mut wholes: BTreeSet<&str> = BTreeSet::new();
        let mut at = 0;
        while at < text.len() {
            let Some(c) = text[at..].chars().next() else {
                break;
            };
            // Start only where no name part runs on from before (the run is found from
            // its first part).
            if han(c)
                && let Some(end) = unsurnamed_at(text, at)
            {
                let name = &text[at..end];
                if !officers.contains(name) && !badge_soon(text, end) {
                    self.push(
                        Kind::Name,
                        at,
                        end,
                        "某某".into(),
                        "少数民族人名（无汉姓），隐去",
                    );
                    if name.chars().count() >= 4 {
                        wholes.insert(name);
                    }
                    let mut p = at;
                    while p < end {
                        match part_at(text, p) {
                            Some(e) => {
                                parts.insert(&text[p..e]);
                                p = e;
                            }
                            None => {
                                p += text[p..].chars().next().map_or(1, char::len_utf8);
                            }
                        }
                    }
                }
                at = end;
                continue;
            }
            at += c.len_utf8();
        }
        for name in wholes {
            for (s, _) in text.match_indices(name) {
                self.push(
                    Kind::Name,
                    s,
                    s + name.len(),
                    "某某".into(),
                    "少数民族人名（无汉姓），隐去",
                );
            }
        }
        // A part of a found name used alone (次仁表示…, 小扎西): where it stands apart.
        for part in parts.iter().filter(|p| p.chars().count() >= 2) {
            let mut from = 0;
            while let Some(i) = text[from..].find(part) {
                let s = from + i;
                let e = s + part.len();
                from = e;
                let before = &text[..s];
                let start = if before.ends_with('小') {
                    s - '小'.len_utf8()
                } else {
                    s
                };
                let prev = text[..start].chars().next_back();
                let next = text[e..].chars().next();
                // 库*别克: the part ends a name the source masked in part, no name alone.
                let left = prev.is_none_or(|c| !han(c) && !matches!(c, '*' | '＊'))
                    || after_role_or_kin(&text[..start]);
                // 小 before the part marks it as a name whatever follows (小扎西另行…).
                let right = ends_before(next) || crate::names::stop_at(&text[e..]) || start < s;
                if left && right && part_at(text, e).is_none() {
                    self.push(
                        Kind::Name,
                        start,
                        e,
                        "某某".into(),
                        "少数民族人名的一部分单独使用，隐去",
                    );
                }
            }
        }
    }
}
