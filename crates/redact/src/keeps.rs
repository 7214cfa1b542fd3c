//! Would-be names that are part of something else, checked where each one stands: a
//! building or a mall named after a word that looks like a name (方恒购物中心), the
//! second road of a junction (中山路与彭刘杨路交叉口), a shop sign in quotes built on a
//! nickname (“老关家熏酱”), and a piece of an officer's name (钟|文辉).

use crate::patterns::han;

/// Members of the public a letter or a work order speaks of (市民蒋先生, 业主王女士):
/// the surname after them is a surname used alone, not a full name's last character.
pub(crate) const PUBLIC_ROLES: &[&str] = &[
    "市民",
    "居民",
    "村民",
    "网民",
    "群众",
    "业主",
    "住户",
    "租户",
    "商户",
    "店主",
    "摊主",
    "游客",
    "顾客",
    "乘客",
    "家属",
    "来电人",
    "来访人",
    "投诉人",
    "举报人",
    "反映人",
    "留言人",
];

/// Buildings and sites that a proper name stands before.
const SITES: &[&str] = &[
    "购物中心",
    "商场",
    "商城",
    "大厦",
    "广场",
    "酒店",
    "宾馆",
    "饭店",
    "超市",
    "花园",
    "公寓",
    "小区",
    "写字楼",
];

/// Characters that go on a sentence after a name (到, 在, 称 …), not a place's name.
const VERBS: &str = "到去在向找来回至和与及的从经由被给对把往赴称说是为";

/// Whether the would-be name at `s..e` is part of a place, a road or a shop sign.
pub(crate) fn not_a_person(text: &str, s: usize, e: usize) -> bool {
    let after = &text[e..];
    let before = &text[..s];
    // 于二〇二四年十二月十日: a preposition before a date in Chinese numerals.
    let numeral = |c: char| "〇零一二三四五六七八九十".contains(c);
    let name = &text[s..e];
    // D（云昭威）农种许字（2023）…: the abbreviation in a licence number's brackets.
    if let Some(rest) = after.strip_prefix(['）', ')']) {
        let run: String = rest
            .chars()
            .take_while(|c| crate::patterns::han(*c))
            .take(5)
            .collect();
        if run.ends_with('字') && (2..=5).contains(&run.chars().count()) {
            return true;
        }
    }
    // 丰牧兽|药店: the would-be name opens a shop's sign.
    if [
        "药店", "药房", "商店", "超市", "饭店", "书店", "花店", "诊所", "门市", "网吧", "茶馆",
    ]
    .iter()
    .any(|w| after.starts_with(w))
    {
        return true;
    }
    // 阿嘎如泰苏木, 巴彦嘎查: the start of a township or a village of Inner Mongolia (not
    // 嘎查长, the village's head after a name).
    let run: String = after
        .chars()
        .take_while(|c| crate::patterns::han(*c))
        .take(7)
        .collect();
    // 海门段东|灶港水域: a would-be name that runs into a port or a stretch of water.
    if ["港", "水域", "码头", "渡口", "航道"].iter().any(|w| {
        run.find(w).is_some_and(|k| {
            (1..=2).contains(&run[..k].chars().count())
                && !run.starts_with(['在', '于', '到', '去', '从', '向', '往', '和', '与', '的'])
        })
    }) {
        return true;
    }
    if ["苏木", "嘎查"].iter().any(|w| {
        run.find(w).is_some_and(|k| {
            run[..k].chars().count() <= 3
                && !["长", "书记", "主任", "委员"]
                    .iter()
                    .any(|t| run[k + w.len()..].starts_with(t))
        })
    }) {
        return true;
    }
    // 团结路林草局: the road's last letter, read with the letter after it as a name.
    // The road's own name (团结) follows a town or a district within three letters.
    if name.starts_with(['路', '街', '巷']) {
        let run: Vec<char> = before
            .chars()
            .rev()
            .take_while(|c| crate::patterns::han(*c))
            .take(8)
            .collect();
        if let Some(k) = run.iter().position(|c| "镇乡县区市".contains(*c))
            && (1..=3).contains(&k)
            && !run[..k].iter().any(|c| "会任长员人".contains(*c))
        {
            return true;
        }
    }
    if name.chars().skip(1).all(numeral) {
        let run: String = text[s..]
            .chars()
            .skip(1)
            .take_while(|c| numeral(*c))
            .collect();
        if text[s..]
            .chars()
            .nth(1 + run.chars().count())
            .is_some_and(|c| "年月日号".contains(c))
        {
            return true;
        }
    }
    // 和***反复 in masked text: a conjunction before a masking, not 和 the surname; but
    // 向*军 (one star, then a letter) is a name masked in part.
    let mut letters = text[s..e].chars().skip(1);
    let one_star_then_letter = letters.next().is_some_and(|c| matches!(c, '*' | '＊'))
        && letters.next().is_some_and(crate::patterns::han);
    if text[s..e].contains('*')
        && text[s..e].starts_with(['和', '与', '及', '同', '跟', '向'])
        && !one_star_then_letter
    {
        return true;
    }
    // 你在陈述中称, 复议申请中称, 你在申请时说明: a word and 中/时/后 frame what was
    // said, no name.
    if let Some(head) = name.strip_suffix(['中', '时', '后'])
        && head.chars().count() == 2
        && crate::names::verb(head)
    {
        return true;
    }
    // 高二（3）班学生: a class and the word for its pupils, no surname 班.
    if name.starts_with('班') && before.ends_with(['）', ')', '级']) {
        return true;
    }
    // 向彬|州市人民政府: the letters after a would-be surname run on into a place that
    // the document names elsewhere without that surname (彬州市城市管理执法局).
    if let Some(sur) = crate::names::surname_of(name) {
        let given = &name[sur.len()..];
        let ahead: Vec<char> = after.chars().take(2).collect();
        let places: Vec<String> = match ahead[..] {
            [c1, c2, ..] if "市县区镇乡".contains(c2) && crate::patterns::han(c1) => {
                vec![format!("{given}{c1}{c2}")]
            }
            [c1, ..] if "市县区镇乡".contains(c1) => vec![format!("{given}{c1}")],
            _ => Vec::new(),
        };
        let here = s + sur.len();
        if !given.is_empty()
            && places
                .iter()
                .any(|p| text.match_indices(p.as_str()).any(|(i, _)| i != here))
        {
            return true;
        }
    }
    // 12林班3小班: a numbered unit between numbers; 林班, 小班 of a forest.
    let digit =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    if digit(before.chars().next_back()) && digit(after.chars().next())
        || ["林班", "小班", "中班", "大班"].contains(&name)
    {
        return true;
    }
    // 九洲江大道: a road's name, not 江 and a given name.
    if ["大道", "大街", "路", "巷", "胡同"]
        .iter()
        .any(|w| name.ends_with(w))
    {
        return true;
    }
    // 茅坪组23号: a village's group named like a person.
    if after.starts_with('组')
        && !["组织", "组长", "组员", "组成", "组合", "组建", "组装"]
            .iter()
            .any(|w| after.starts_with(w))
    {
        return true;
    }
    // “简阳·锦绣天府”: a place before the dot that the document names as a city.
    if let Some((head, _)) = name.split_once('·')
        && ["市", "县", "区"]
            .iter()
            .any(|l| text.contains(&format!("{head}{l}")))
    {
        return true;
    }
    // 薛刚山路, 王顶堤菜市场: a road or a place named after a person.
    if crate::names::place_follows(after) {
        return true;
    }
    // 方恒购物中心, 金华大厦: a site named after it.
    if SITES.iter().any(|w| after.starts_with(w)) {
        return true;
    }
    // 中山路与彭刘杨路: after a road and 与/和/、, a road name goes on to 路/街/巷.
    let junction = ["路", "街", "道", "巷"].iter().any(|r| {
        ["与", "和", "、", "至"]
            .iter()
            .any(|j| before.ends_with(&format!("{r}{j}")))
    });
    if junction {
        let mut rest = after;
        for _ in 0..3 {
            if ["路", "街", "巷", "大道"]
                .iter()
                .any(|r| rest.starts_with(r))
            {
                return true;
            }
            match rest.chars().next() {
                Some(c) if han(c) => rest = &rest[c.len_utf8()..],
                _ => break,
            }
        }
    }
    // 翡翠华庭二期: a phase of an estate.
    let mut cs = after.chars();
    if cs
        .next()
        .is_some_and(|c| "一二三四五六七八九十123456789".contains(c))
        && cs.next() == Some('期')
    {
        return true;
    }
    // 钟公庙街道: one or two more characters, then a street office, town or community.
    let skip: String = after.chars().take_while(|c| han(*c)).take(2).collect();
    if !skip.is_empty() && !skip.chars().any(|c| VERBS.contains(c)) {
        let rest = &after[skip.len()..];
        let first = after.chars().next().map_or(0, char::len_utf8);
        if ["街道", "镇", "乡", "社区"]
            .iter()
            .any(|w| rest.starts_with(w) || after[first..].starts_with(w))
        {
            return true;
        }
    }
    // 宁波鄞州阿俊建材商行: inside an unbroken run that ends in a firm's suffix.
    if before.chars().next_back().is_some_and(han) {
        let run: String = after.chars().take_while(|c| han(*c)).take(8).collect();
        let firm = ["商行", "公司", "经营部", "门市部"]
            .iter()
            .filter_map(|w| run.find(w))
            .min();
        // 童磊联系广告公司制作: a word that ends a name (联系, 委托) opens the sentence.
        if let Some(at) = firm
            && !run[..at].chars().any(|c| VERBS.contains(c))
            && !crate::names::stop_word_at(after)
        {
            return true;
        }
    }
    // “文姐酸辣粉”流动摊点, “…汤·秦淮人家的味道”招牌: a quoted sign before the
    // word for a shop, a stall or a sign.
    if let Some((qs, qe)) = quoted(text, s, e) {
        let after_quote = &text[qe..];
        if [
            "门店",
            "店",
            "摊点",
            "流动摊点",
            "招牌",
            "店招",
            "餐馆",
            "面馆",
            "字号",
            "商号",
            "牌匾",
            "广告",
        ]
        .iter()
        .any(|w| after_quote.starts_with(w))
        {
            return true;
        }
        // A dotted would-be name inside a longer quoted phrase.
        if name_has_dot(text, s, e) && text[qs..s].chars().any(han) && text[e..qe].chars().any(han)
        {
            return true;
        }
    }
    // 天童花苑, 翠湖华庭: the last character of an estate's name after a place word.
    let name = &text[s..e];
    if name.chars().count() == 2
        && name.ends_with(['苑', '庭', '府', '邸'])
        && before.chars().next_back().is_some_and(han)
        && (["小区", "社区", "物业", "业主", "”", "\""]
            .iter()
            .any(|w| after.starts_with(w))
            || after
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)))
    {
        return true;
    }
    // “老关家熏酱”: a nickname and 家 opening a quoted shop sign.
    if (name.starts_with('老') || name.starts_with('小'))
        && before.ends_with(['“', '"', '「', '《'])
        && after.starts_with('家')
        && after['家'.len_utf8()..].chars().next().is_some_and(han)
    {
        return true;
    }
    false
}

/// Whether `s..e` lies inside an occurrence of an officer's name (钟文辉 → 文辉).
pub(crate) fn inside_officer<'a>(
    text: &str,
    s: usize,
    e: usize,
    officers: impl IntoIterator<Item = &'a String>,
) -> bool {
    officers.into_iter().any(|o| {
        o.chars().count() >= 2
            && o.len() > e - s
            && (covered_by(text, s, e, o) || spelled_around(text, s, e, o))
    })
}

/// Whether an occurrence of `o` covers `s..e`. Only the window such an occurrence can
/// lie in is searched, so each candidate costs the name's length, not the text's.
fn covered_by(text: &str, s: usize, e: usize, o: &str) -> bool {
    let mut from = e.saturating_sub(o.len());
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (s + o.len()).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    text[from..to]
        .match_indices(o)
        .any(|(os, _)| from + os <= s && e <= from + os + o.len())
}

/// Whether `s..e` is a piece of the officer's name `o` typed letter by letter with
/// single spaces (许 文 杰 → 文 杰): the letters before and after it, spaces skipped,
/// spell the rest of the name.
fn spelled_around(text: &str, s: usize, e: usize, o: &str) -> bool {
    let piece: Vec<char> = text[s..e].chars().filter(|c| *c != ' ').collect();
    let name: Vec<char> = o.chars().collect();
    if piece.is_empty() || piece.len() >= name.len() {
        return false;
    }
    let before: Vec<char> = text[..s]
        .chars()
        .rev()
        .take(2 * name.len())
        .filter(|c| *c != ' ')
        .collect();
    let after: Vec<char> = text[e..]
        .chars()
        .take(2 * name.len())
        .filter(|c| *c != ' ')
        .collect();
    (0..=name.len() - piece.len()).any(|p| {
        name[p..p + piece.len()] == piece[..]
            && name[..p].iter().rev().zip(&before).all(|(a, b)| a == b)
            && before.len() >= p
            && name[p + piece.len()..]
                .iter()
                .zip(&after)
                .all(|(a, b)| a == b)
            && after.len() >= name.len() - p - piece.len()
    })
}

fn name_has_dot(text: &str, s: usize, e: usize) -> bool {
    text[s..e].contains('·')
}

/// The quoted phrase (“…” or "…") on the same line around `s..e`: the byte just after
/// the opening quote and the byte of the closing one.
fn quoted(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    let line_start = crate::patterns::line_start(text, s);
    let open = text[line_start..s].rfind(['“', '"'])? + line_start;
    let inside = open + text[open..].chars().next().map_or(1, char::len_utf8);
    if text[inside..s].contains(['”', '\n']) {
        return None;
    }
    let close = text[e..].find(['”', '"', '\n'])? + e;
    if text[close..].starts_with('\n') || close - e > 30 {
        return None;
    }
    Some((
        inside,
        close + text[close..].chars().next().map_or(1, char::len_utf8),
    ))
}

/// The two letters before every district, county, banner, town or township word in the
/// text (石拐 of 石拐区): a two-letter would-be name among them names the place wherever
/// it stands (中国农业银行包头石拐支行, 原石拐煤矿). One pass over the text, not one per name.
pub(crate) fn district_stems(text: &str) -> std::collections::HashSet<&str> {
    let mut out = std::collections::HashSet::new();
    for (i, c) in text.char_indices() {
        let after = &text[i..];
        if !("区县旗镇乡".contains(c) || after.starts_with("街道")) || after.starts_with("区某")
        {
            continue;
        }
        let mut back = text[..i].char_indices().rev();
        if let (Some(_), Some((k, _))) = (back.next(), back.next()) {
            out.insert(&text[k..i]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_officers_name_covers_only_pieces_inside_it() {
        let officers = ["许文杰".to_string()];
        let text = "执法人员许文杰、许文到场。许文杰";
        let at = |w: &str, from: usize| text[from..].find(w).map_or(0, |i| from + i);
        // 文杰 inside the first 许文杰, at the very end of the text, and 许文 alone.
        let first = at("文杰", 0);
        assert!(inside_officer(text, first, first + "文杰".len(), &officers));
        let last = text.rfind("文杰").unwrap_or(0);
        assert!(inside_officer(text, last, text.len(), &officers));
        let alone = at("许文到", 0);
        assert!(!inside_officer(
            text,
            alone,
            alone + "许文".len(),
            &officers
        ));
        // The name itself is no piece of it.
        let whole = at("许文杰", 0);
        assert!(!inside_officer(
            text,
            whole,
            whole + "许文杰".len(),
            &officers
        ));
    }

    #[test]
    fn a_would_be_name_running_into_a_place_named_elsewhere_is_no_person() {
        let text = "彬州市城市管理局\n可以向彬州市人民政府申请行政复议。";
        let s = text.find("向彬").unwrap_or(0);
        assert!(not_a_person(text, s, s + "向彬".len()));
        // Without the place named elsewhere it is not decided here.
        let text = "可以向彬州市人民政府申请行政复议。";
        let s = text.find("向彬").unwrap_or(0);
        assert!(!not_a_person(text, s, s + "向彬".len()));
    }
}
