//! The judged queries of `gongkai bench search`. They are data, kept in
//! `crates/gongkai/bench/search-judgments.tsv` (its header explains the columns) and
//! compiled in; `parse` reads them, and a line that does not fit is an error.

use std::collections::HashMap;

use anyhow::Context;

/// The judged queries, as written in the data file.
const JUDGMENTS: &str = include_str!("../../bench/search-judgments.tsv");

/// One judged query of `gongkai bench search`: what a user types, what kind of query
/// it is, and the judgment — an article is relevant when its text (title, 条号 and
/// body, folded) contains, for every group, at least one of the group's terms. The
/// criteria are written per query by reading what the person wants (so 摆摊 is judged
/// by 设摊/摊点 …, a typo by the word meant), then applied to every article: silver
/// judgments, not an article-by-article reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judged {
    pub query: &'static str,
    pub class: &'static str,
    pub all_of: Vec<Vec<&'static str>>,
}

impl Judged {
    /// Whether an article's folded text meets the judgment.
    pub fn relevant(&self, folded: &str) -> bool {
        self.all_of
            .iter()
            .all(|group| group.iter().any(|t| folded.contains(t)))
    }
}

/// The judged queries: keywords, citizen questions, colloquial words, typos and variants.
pub fn search_queries() -> anyhow::Result<Vec<Judged>> {
    parse(JUDGMENTS).context("bench/search-judgments.tsv")
}

/// Parse judged queries in the format of `search-judgments.tsv`: `#` comments and
/// blank lines aside, each line is `@NAME<TAB>terms` (a named group) or
/// `query<TAB>class<TAB>group…`, a group being terms separated by `|` or `@NAME`.
/// Empty cells or terms, cells with surrounding spaces, unknown or redefined names,
/// repeated queries and a class whose queries are not together are errors, naming
/// the line.
pub fn parse(text: &'static str) -> anyhow::Result<Vec<Judged>> {
    let mut named: HashMap<&str, Vec<&'static str>> = HashMap::new();
    let mut queries: Vec<Judged> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        parse_line(line, &mut named, &mut queries)
            .map_err(|m| anyhow::anyhow!("第 {} 行：{m}（{line}）", i + 1))?;
    }
    anyhow::ensure!(!queries.is_empty(), "没有判定查询");
    Ok(queries)
}

fn parse_line(
    line: &'static str,
    named: &mut HashMap<&'static str, Vec<&'static str>>,
    queries: &mut Vec<Judged>,
) -> Result<(), String> {
    let cells: Vec<&'static str> = line.split('\t').collect();
    if cells.iter().any(|c| c.is_empty() || c.trim() != *c) {
        return Err("有空列，或列首尾有空白（列之间只用一个制表符）".into());
    }
    if let Some(name) = cells[0].strip_prefix('@') {
        let [_, terms] = &cells[..] else {
            return Err("命名组应为：@名称<TAB>词|词…".into());
        };
        if name.is_empty() {
            return Err("命名组缺少名称".into());
        }
        if named.insert(name, group(terms)?).is_some() {
            return Err(format!("命名组 @{name} 重复定义"));
        }
        return Ok(());
    }
    let [query, class, groups @ ..] = &cells[..] else {
        return Err("判定查询应为：查询<TAB>类别<TAB>词组…".into());
    };
    if groups.is_empty() {
        return Err("缺少判定词组".into());
    }
    let all_of = groups
        .iter()
        .map(|g| match g.strip_prefix('@') {
            Some(name) => named
                .get(name)
                .cloned()
                .ok_or_else(|| format!("未定义的命名组 @{name}")),
            None => group(g),
        })
        .collect::<Result<Vec<_>, _>>()?;
    if queries.iter().any(|j| j.query == *query) {
        return Err(format!("查询“{query}”重复"));
    }
    if queries.last().is_some_and(|j| j.class != *class)
        && queries.iter().any(|j| j.class == *class)
    {
        return Err(format!("类别“{class}”的查询应排在一起"));
    }
    queries.push(Judged {
        query,
        class,
        all_of,
    });
    Ok(())
}

/// The terms of one group, `|`-separated; none may be empty.
fn group(cell: &'static str) -> Result<Vec<&'static str>, String> {
    let terms: Vec<&'static str> = cell.split('|').collect();
    if terms.iter().any(|t| t.is_empty() || t.trim() != *t) {
        return Err(format!("词组“{cell}”中有空词或首尾空白"));
    }
    Ok(terms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn judgments_need_every_group() {
        let queries = search_queries().expect("the judgments file parses");
        let j = queries
            .iter()
            .find(|j| j.query == "在路边摆摊会被罚款吗")
            .expect("query");
        assert!(j.relevant("不得擅自占用道路设摊经营，违者处罚款"));
        assert!(
            !j.relevant("不得擅自占用道路设摊经营"),
            "罚款 is required too"
        );
        assert!(queries.len() >= 40);
        // Every query has at least one group and no empty group.
        assert!(
            queries
                .iter()
                .all(|j| !j.all_of.is_empty() && j.all_of.iter().all(|g| !g.is_empty()))
        );
    }

    #[test]
    fn parses_queries_classes_groups_and_named_groups() {
        let text = "# comment\n\
                    \n\
                    @WASTE\t建筑垃圾|渣土\n\
                    行政处罚 听证\t关键词\t听证\t处罚\n\
                    渣土车撒漏\t市民问句\t@WASTE\t撒漏|遗撒\n\
                    渣土\t口语\t@WASTE\n";
        let q = parse(text).expect("parses");
        assert_eq!(
            q,
            vec![
                Judged {
                    query: "行政处罚 听证",
                    class: "关键词",
                    all_of: vec![vec!["听证"], vec!["处罚"]],
                },
                Judged {
                    query: "渣土车撒漏",
                    class: "市民问句",
                    all_of: vec![vec!["建筑垃圾", "渣土"], vec!["撒漏", "遗撒"]],
                },
                Judged {
                    query: "渣土",
                    class: "口语",
                    all_of: vec![vec!["建筑垃圾", "渣土"]],
                },
            ]
        );
        // Windows line ends are fine too.
        assert_eq!(parse("罚款\t关键词\t罚款\r\n").expect("parses").len(), 1);
    }

    #[test]
    fn a_malformed_line_is_an_error_naming_it() {
        let bad: &[(&'static str, &str)] = &[
            ("罚款\t关键词\n", "缺少判定词组"),
            ("罚款\n", "判定查询应为"),
            ("罚款\t关键词\t\n", "空列"),
            ("罚款\t\t关键词\t罚款\n", "空列"),
            ("罚款 关键词 罚款\n", "判定查询应为"),
            ("罚款\t关键词\t罚款||没收\n", "空词"),
            ("罚款\t关键词\t罚款| 没收\n", "空词或首尾空白"),
            ("罚款\t关键词 \t罚款\n", "首尾有空白"),
            ("罚款\t关键词\t@FINE\n", "未定义的命名组 @FINE"),
            ("罚款\t关键词\t罚款\n罚款\t关键词\t罚没\n", "重复"),
            ("@A\t甲\n@A\t乙\n", "重复定义"),
            ("@A\n", "命名组应为"),
            ("@A\t甲\t乙\n", "命名组应为"),
            ("@\t甲\n", "缺少名称"),
            ("甲\tA\t甲\n乙\tB\t乙\n丙\tA\t丙\n", "应排在一起"),
            ("# only a comment\n", "没有判定查询"),
        ];
        for (text, expected) in bad {
            let e = format!("{:#}", parse(text).expect_err(text));
            assert!(e.contains(expected), "{text:?}: {e}");
        }
        let e = format!(
            "{:#}",
            parse("# header\n罚款\t关键词\t罚款\n罚款\t关键词\n").expect_err("short line")
        );
        assert!(e.contains("第 3 行"), "{e}");
    }
}
