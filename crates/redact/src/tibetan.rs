//! Tibetan names, which have no surname: two of the common two-character name parts
//! (扎西 + 次仁, 央金 + 拉姆) standing apart from other words, and one part alone (or
//! after 小) right after a word for the person's role (车主, 其子, 经营者).

use crate::patterns::han;
use crate::{Finder, Kind};

/// Common parts of Tibetan given names, as transcribed in Chinese.
pub(crate) const PARTS: &[&str] = &[
    "扎西",
    "次仁",
    "卓玛",
    "达娃",
    "旦增",
    "央金",
    "拉姆",
    "格桑",
    "平措",
    "多吉",
    "顿珠",
    "尼玛",
    "曲珍",
    "德吉",
    "普布",
    "边巴",
    "索朗",
    "洛桑",
    "阿旺",
    "益西",
    "仁增",
    "白玛",
    "米玛",
    "巴桑",
    "次旦",
    "旺堆",
    "罗布",
    "强巴",
    "群培",
    "卓嘎",
    "央宗",
    "旺姆",
    "贡布",
    "嘎玛",
    "拉巴",
    "普琼",
    "边珍",
    "德央",
    "桑珠",
    "索南",
    "丹增",
    "多杰",
    "才让",
    "拉毛",
    "才旦",
    "贡觉",
    "措姆",
    "琼达",
    "次珍",
    "玉珍",
    "仓决",
    "达瓦",
    "嘉措",
    "加措",
    "泽仁",
    "泽旺",
    "拉措",
    "白珍",
    "尼珍",
    "顿旦",
    "次央",
    // Kham and Amdo names (甘孜, 阿坝, 青海).
    "洛绒",
    "泽仁",
    "四郎",
    "格绒",
    "降措",
    "呷绒",
    "向巴",
    "降央",
    "翁姆",
    "登真",
    "泽翁",
    "斯朗",
    "彭措",
    "根秋",
    "土登",
    "仁青",
    "泽郎",
    "志玛",
    "拥措",
    "更登",
    "华旦",
    "切吉",
    "加措",
    "尕藏",
    "华尔贡",
    "完玛",
    "贡保",
];

/// Role words a lone name part may follow.
const ROLES: &[&str] = &[
    "车主",
    "摊主",
    "户主",
    "经营者",
    "负责人",
    "当事人",
    "其子",
    "其女",
    "之子",
    "之女",
    "儿子",
    "女儿",
    "妻子",
    "丈夫",
    "村民",
    "牧民",
    "孙子",
    "孙女",
];

/// Characters that may follow a name (punctuation aside).
const AFTER: &str = "未已在的等称说家和与及被因系是为两曾也均";

fn part_at(text: &str, at: usize) -> Option<usize> {
    PARTS
        .iter()
        .find(|p| text[at..].starts_with(**p))
        .map(|p| at + p.len())
}

fn ends_name(text: &str, at: usize) -> bool {
    // An officer named with the number of the card he shows is no party.
    let soon: String = text[at..].chars().take(6).collect();
    !soon.contains("执法证")
        && !soon.contains("工作证")
        && text[at..]
            .chars()
            .next()
            .is_none_or(|c| !han(c) || AFTER.contains(c))
}

/// Two Tibetan name parts run together at byte `at` (尼玛才让): their end.
pub(crate) fn two_parts_at(text: &str, at: usize) -> Option<usize> {
    part_at(text, at).and_then(|mid| part_at(text, mid))
}

impl Finder<'_> {
    /// Tibetan names: two name parts together, or one after a role word.
    pub(super) fn tibetan_names(&mut self, officers: &std::collections::BTreeSet<String>) {
        let text = self.text;
        let mut at = 0;
        while let Some(off) = text[at..]
            .char_indices()
            .find_map(|(i, _)| part_at(text, at + i).map(|_| at + i))
        {
            let Some(mid) = part_at(text, off) else { break };
            let prev = text[..off].chars().next_back();
            let apart = prev.is_none_or(|c| !han(c));
            let role = ROLES.iter().any(|r| text[..off].ends_with(r))
                || (text[..off].ends_with('小')
                    && ROLES
                        .iter()
                        .any(|r| text[..off - '小'.len_utf8()].ends_with(r)));
            let start = if role && text[..off].ends_with('小') {
                off - '小'.len_utf8()
            } else {
                off
            };
            let officer =
                |e: usize| officers.contains(&text[start..e]) || officers.contains(&text[off..e]);
            if let Some(end) = part_at(text, mid).filter(|e| ends_name(text, *e) && !officer(*e)) {
                if apart
                    || role
                    || prev.is_some_and(|c| AFTER.contains(c) || "人者主中".contains(c))
                {
                    self.push(
                        Kind::Name,
                        start,
                        end,
                        "某某".into(),
                        "藏族人名（无姓氏），隐去",
                    );
                    at = end;
                    continue;
                }
            } else if role && ends_name(text, mid) && !officer(mid) {
                self.push(
                    Kind::Name,
                    start,
                    mid,
                    "某某".into(),
                    "藏族人名（无姓氏），隐去",
                );
            }
            at = mid;
        }
    }

    /// A name without a surname (Tibetan, or another minority's) found once is the same
    /// name spaced apart in a table (格  桑  拉  姆).
    pub(super) fn spaced_unsurnamed(&mut self) {
        let text = self.text;
        let found: std::collections::BTreeSet<String> = self
            .found
            .iter()
            .filter(|m| {
                m.kind == Kind::Name
                    && (m.reason.starts_with("藏族人名") || m.reason.starts_with("少数民族人名"))
            })
            .map(|m| m.original.clone())
            .filter(|n| n.chars().count() >= 3 && n.chars().all(han))
            .collect();
        for name in found {
            let pattern: Vec<String> = name.chars().map(|c| c.to_string()).collect();
            let Ok(re) = regex::Regex::new(&pattern.join("[ 　]{0,3}")) else {
                continue;
            };
            let spans: Vec<(usize, usize)> = re
                .find_iter(text)
                .filter(|m| m.as_str().contains([' ', '　']))
                .map(|m| (m.start(), m.end()))
                .collect();
            for (s, e) in spans {
                self.push(
                    Kind::Name,
                    s,
                    e,
                    "某某".into(),
                    "无姓氏的人名（以空格分隔书写），隐去",
                );
            }
        }
    }
}
