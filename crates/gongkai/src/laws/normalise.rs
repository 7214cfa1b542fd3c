//! What the import makes of the corpus' metadata: the 效力级别 as one of eight levels
//! (the corpus also files laws under categories such as 经济法 or 民法典, and guiding
//! cases as 案例), and which files are duplicates or older versions of one law. Pure.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

/// The 效力级别 a law may have, highest first.
pub const LEVELS: [&str; 8] = [
    "宪法",
    "法律",
    "行政法规",
    "部门规章",
    "地方性法规",
    "地方政府规章",
    "司法解释",
    "其他",
];

/// The folders of the corpus that hold national laws by subject (法律部门).
const LAW_CATEGORIES: [&str; 8] = [
    "宪法相关法",
    "民法典",
    "民法商法",
    "行政法",
    "经济法",
    "社会法",
    "刑法",
    "诉讼与非诉讼程序法",
];

/// The level of a law from the index's label, its path in the corpus and the head
/// of its text (the adoption history): a label that is a level stays (a local
/// regulation adopted by 人民政府令 is a 地方政府规章); otherwise the folder decides.
pub fn level(label: &str, path: &str, head: &str) -> &'static str {
    let gov_rule = head.contains("人民政府令") || path.contains("地方政府规章");
    if let Some(l) = LEVELS.iter().find(|l| **l == label.trim()) {
        return if *l == "地方性法规" && gov_rule {
            "地方政府规章"
        } else {
            l
        };
    }
    let top = path.split('/').next().unwrap_or_default();
    match top {
        "DLC" if gov_rule => "地方政府规章",
        "DLC" => "地方性法规",
        t if LAW_CATEGORIES.contains(&t) => "法律",
        t => LEVELS.iter().find(|l| **l == t).copied().unwrap_or("其他"),
    }
}

/// One file of an import, as far as finding duplicates needs it.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub path: String,
    pub title: String,
    pub publish: Option<NaiveDate>,
    /// The index has a row with a level for it (a copy without one is the weaker).
    pub has_meta: bool,
}

/// What to do with the files that are not the one current text of their law.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Duplicates, not imported: (path, the path kept instead).
    pub dropped: BTreeMap<String, String>,
    /// Older versions of a law that has a newer one: imported as lapsed
    /// (path, the newer version's path).
    pub superseded: BTreeMap<String, String>,
}

/// The same law: the same title and file name once spacing, 、, 《》, the date suffix
/// and the 中华人民共和国 prefix are set aside (the parts of the 民法典 share a title
/// but not a file name).
pub fn key(title: &str, path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.strip_suffix(".md").unwrap_or(name);
    let stem = match stem.rfind('(') {
        Some(i) if stem.ends_with(')') && stem[i..].len() == 12 => &stem[..i],
        _ => stem,
    };
    let clean = |s: &str| -> String {
        s.replace("中华人民共和国", "")
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '、' | '《' | '》' | '\u{3000}'))
            .map(|c| match c {
                '（' => '(',
                '）' => ')',
                c => c,
            })
            .collect()
    };
    format!("{}|{}", clean(title), clean(stem))
}

/// Group the files by law: of copies with the same date (or no date) one is kept —
/// the one with index metadata, else the first path; a copy without a date goes
/// when a dated one exists; of versions with different dates the newest is current
/// and the older ones are superseded.
pub fn plan(candidates: &[Candidate]) -> Plan {
    let mut groups: BTreeMap<String, Vec<&Candidate>> = BTreeMap::new();
    for c in candidates {
        groups.entry(key(&c.title, &c.path)).or_default().push(c);
    }
    let mut out = Plan::default();
    for (_, mut group) in groups {
        if group.len() < 2 {
            continue;
        }
        group.sort_by(|a, b| b.has_meta.cmp(&a.has_meta).then(a.path.cmp(&b.path)));
        let mut by_date: BTreeMap<Option<NaiveDate>, Vec<&Candidate>> = BTreeMap::new();
        for c in group {
            by_date.entry(c.publish).or_default().push(c);
        }
        let mut keepers: HashMap<Option<NaiveDate>, &str> = HashMap::new();
        for (date, copies) in &by_date {
            keepers.insert(*date, &copies[0].path);
            for c in &copies[1..] {
                out.dropped.insert(c.path.clone(), copies[0].path.clone());
            }
        }
        let newest = by_date
            .keys()
            .rev()
            .find(|d| d.is_some())
            .and_then(|d| keepers.get(d).copied());
        let Some(newest) = newest else { continue };
        for (date, path) in &keepers {
            if *path == newest {
                continue;
            }
            if date.is_none() {
                out.dropped.insert(path.to_string(), newest.to_string());
                // Copies dropped in favour of the undated one follow it to the newest.
                for kept in out.dropped.values_mut() {
                    if kept.as_str() == *path {
                        *kept = newest.to_string();
                    }
                }
            } else {
                out.superseded.insert(path.to_string(), newest.to_string());
            }
        }
    }
    out
}

/// The title of a law file: its first `# ` line.
pub fn title_of(text: &str) -> String {
    text.lines()
        .find(|l| !l.trim().is_empty())
        .and_then(|l| l.trim().strip_prefix("# "))
        .map(|t| t.trim().to_string())
        .unwrap_or_default()
}

/// The adoption history at the head of a law file (up to `<!-- INFO END -->`).
pub fn head(text: &str) -> &str {
    match text.find("<!-- INFO END -->") {
        Some(i) => &text[..i],
        None => &text[..text.len().min(2000)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(path: &str, title: &str, publish: Option<&str>, has_meta: bool) -> Candidate {
        Candidate {
            path: path.into(),
            title: title.into(),
            publish: publish.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
            has_meta,
        }
    }

    #[test]
    fn levels_are_levels() {
        assert_eq!(level("法律", "行政法/广告法(2021-04-29).md", ""), "法律");
        // Categories and folders that are not levels.
        assert_eq!(level("", "经济法/广告法(2021-04-29).md", ""), "法律");
        assert_eq!(level("经济法", "经济法/广告法(2021-04-29).md", ""), "法律");
        assert_eq!(level("", "民法典/总则.md", ""), "法律");
        assert_eq!(level("案例", "案例/民法典/某案.md", ""), "其他");
        assert_eq!(level("", "案例/消费购物/某案.md", ""), "其他");
        assert_eq!(level("", "司法解释/x.md", ""), "司法解释");
        assert_eq!(level("", "行政法规/x.md", ""), "行政法规");
        assert_eq!(level("", "宪法/宪法.md", ""), "宪法");
        let sh = "DLC/上海地方法规/地方性法规/上海/上海市市容环境卫生管理条例(2018-12-20).md";
        assert_eq!(
            level("地方性法规", sh, "上海市人民代表大会常务委员会通过"),
            "地方性法规"
        );
        assert_eq!(level("", sh, ""), "地方性法规");
        assert_eq!(
            level("地方性法规", sh, "2020年1月1日上海市人民政府令第25号公布"),
            "地方政府规章"
        );
        assert_eq!(level("", "某处/x.md", ""), "其他");
        for l in LEVELS {
            assert_eq!(level(l, "x/y.md", ""), l);
        }
    }

    #[test]
    fn keys_ignore_spacing_prefix_and_date() {
        assert_eq!(
            key("中华人民共和国广告法", "经济法/广告法(2021-04-29).md"),
            key("中华人民共和国广告法", "行政法/广告法(2021-04-29).md")
        );
        assert_eq!(
            key(
                "最高人民法院 最高人民检察院关于x的解释",
                "司法解释/最高人民法院 最高人民检察院关于x的解释(2019-01-31).md"
            ),
            key(
                "最高人民法院、最高人民检察院关于x的解释",
                "司法解释/最高人民法院、最高人民检察院关于x的解释.md"
            )
        );
        assert_ne!(
            key("中华人民共和国民法典", "民法典/总则.md"),
            key("中华人民共和国民法典", "民法典/物权编.md")
        );
    }

    #[test]
    fn duplicates_are_dropped_and_old_versions_superseded() {
        let p = plan(&[
            // The corpus' two 广告法: one without index metadata and dates.
            c(
                "经济法/广告法(2021-04-29).md",
                "中华人民共和国广告法",
                None,
                false,
            ),
            c(
                "行政法/广告法(2021-04-29).md",
                "中华人民共和国广告法",
                Some("2021-04-29"),
                true,
            ),
            // Two copies of the same date.
            c(
                "宪法相关法/居民身份证法(2011-10-29).md",
                "中华人民共和国居民身份证法",
                Some("2011-10-29"),
                true,
            ),
            c(
                "行政法/居民身份证法(2011-10-29).md",
                "中华人民共和国居民身份证法",
                Some("2011-10-29"),
                false,
            ),
            // Versions.
            c(
                "DLC/a/上海市优化营商环境条例(2020-04-10).md",
                "上海市优化营商环境条例",
                Some("2020-04-10"),
                true,
            ),
            c(
                "DLC/a/上海市优化营商环境条例(2024-09-27).md",
                "上海市优化营商环境条例",
                Some("2024-09-27"),
                true,
            ),
            c(
                "DLC/a/上海市优化营商环境条例.md",
                "上海市优化营商环境条例",
                None,
                true,
            ),
            // Not duplicates.
            c("民法典/总则.md", "中华人民共和国民法典", None, false),
            c("民法典/物权编.md", "中华人民共和国民法典", None, false),
        ]);
        assert_eq!(
            p.dropped
                .get("经济法/广告法(2021-04-29).md")
                .map(String::as_str),
            Some("行政法/广告法(2021-04-29).md")
        );
        assert_eq!(
            p.dropped
                .get("行政法/居民身份证法(2011-10-29).md")
                .map(String::as_str),
            Some("宪法相关法/居民身份证法(2011-10-29).md")
        );
        assert_eq!(
            p.dropped
                .get("DLC/a/上海市优化营商环境条例.md")
                .map(String::as_str),
            Some("DLC/a/上海市优化营商环境条例(2024-09-27).md")
        );
        assert_eq!(p.dropped.len(), 3);
        assert_eq!(
            p.superseded
                .get("DLC/a/上海市优化营商环境条例(2020-04-10).md")
                .map(String::as_str),
            Some("DLC/a/上海市优化营商环境条例(2024-09-27).md")
        );
        assert_eq!(p.superseded.len(), 1);
    }

    #[test]
    fn undated_copies_keep_one() {
        let p = plan(&[
            c("b/x.md", "某条例", None, false),
            c("a/x.md", "某条例", None, true),
        ]);
        assert_eq!(p.dropped.get("b/x.md").map(String::as_str), Some("a/x.md"));
        assert!(p.superseded.is_empty());
    }

    #[test]
    fn title_and_head() {
        let t = "\n# 中华人民共和国广告法\n\n1994年 通过\n<!-- INFO END -->\n第一条 x";
        assert_eq!(title_of(t), "中华人民共和国广告法");
        assert!(head(t).contains("1994年") && !head(t).contains("第一条"));
        assert_eq!(title_of("no title"), "");
    }
}
