//! A shop's sign in quotation marks that opens with its operator's given name or pet
//! name (个体户“丽平母婴”, 开“平安麻辣烫”, 个体工商户“阿波海鲜排档”): the sign is a
//! business's name and stays. The operator's full name stays masked wherever it stands,
//! so the sign gives no more than the surname-less given name everyone reads on the
//! shop front; a nickname quoted as such (绰号“耿老二”, 微信名“春花手工粽”) is no sign.
//!
//! Also whether a shop's or a company's sign goes on after a would-be name (阿香米线店,
//! 文斌建材有限公司): the name is then part of the sign ([`sign_follows`]).

use std::collections::BTreeSet;

use crate::names::NAME_STOP;
use crate::patterns::han;

/// Words before the quotation that introduce a business's name.
const BUSINESS_BEFORE: &[&str] = &[
    "个体户",
    "个体工商户",
    "字号",
    "招牌",
    "店名",
    "门头",
    "商号",
    "取名",
    "名为",
    "开设",
    "经营",
    "开办",
    "开了",
    "开",
];

/// How a sign ends: the trade or the kind of shop.
const BUSINESS_ENDS: &[&str] = &[
    "民宿",
    "客栈",
    "农家乐",
    "山庄",
    "酒店",
    "之家",
    "广告部",
    "服务部",
    "店",
    "铺",
    "馆",
    "行",
    "坊",
    "厂",
    "排档",
    "超市",
    "麻辣烫",
    "母婴",
    "烧烤",
    "小吃",
    "餐厅",
    "酒家",
    "火锅",
    "食府",
    "美甲",
    "美发",
    "理发",
    "便利",
    "百货",
    "商行",
    "维修",
    "修车",
    "洗车",
    "服饰",
    "水果",
    "诊所",
    "药房",
    "工作室",
    "发廊",
    // A private school or a training body (“佳禾教育培训学校”).
    "学校",
    "培训",
    "中心",
    "奶茶",
    "米粉",
    "粉面",
    "熟食",
    "卤味",
    // A dish a small eatery is named after (…刀削面, …酸辣粉, …凉皮, …肉夹馍).
    "面",
    "粉",
    "凉皮",
    "馍",
    "饼",
    "包子",
    "饺子",
];

/// Words that end a shop's kind right after its quoted sign (“…”烧烤店, “…”家常菜馆), or
/// the board that carries the sign (“…”木质招牌).
const SHOP_KINDS: &[&str] = &[
    // A brand in quotes (“金穗丰”牌微生物菌剂).
    "牌",
    "民宿",
    "客栈",
    "农家乐",
    "山庄",
    "酒店",
    "招牌",
    "店招",
    "牌匾",
    "店",
    "铺",
    "馆",
    "排档",
    "超市",
    "餐厅",
    "酒家",
    "食府",
    "商行",
    "工作室",
    "发廊",
    // A group known by its quoted name (“向阳花开”志愿服务队, “金秋”合作社).
    "服务队",
    "志愿队",
    "合作社",
    "艺术团",
];

/// Whether the name found at `s..e` lies inside a quoted shop sign: the quotation holds
/// a few characters only and either ends with a trade (“张姐熟食”) or is followed right
/// away by the kind of shop (“老马家”烧烤店, “小艾”修车铺). A sign is a business's name
/// and stays; a full name that also stands outside quotation marks in the document is
/// a person's and goes.
pub(crate) fn in_quoted_sign(text: &str, s: usize, e: usize, names: &BTreeSet<String>) -> bool {
    let signish = |c: char| han(c) || c == ' ' || c == '·';
    let head: String = text[..s]
        .chars()
        .rev()
        .take_while(|c| signish(*c))
        .take(9)
        .collect();
    let open = s - head.len();
    let tail: String = text[e..]
        .chars()
        .take_while(|c| signish(*c))
        .take(9)
        .collect();
    let close = e + tail.len();
    if !text[..open].ends_with(['“', '"', '「']) || !text[close..].starts_with(['”', '"', '」'])
    {
        return false;
    }
    let content: String = text[open..close].chars().filter(|c| *c != ' ').collect();
    if !(2..=8).contains(&content.chars().count()) {
        return false;
    }
    let quote = text[close..].chars().next().map_or(0, char::len_utf8);
    let after: String = text[close + quote..]
        .chars()
        .take_while(|c| han(*c))
        .take(6)
        .collect();
    // “大头”的店: the quoted word owns the shop (的), it is not the shop's sign.
    let kind_after = !after.starts_with('的')
        && (1..=after.chars().count().min(5)).any(|k| {
            let prefix: String = after.chars().take(k).collect();
            SHOP_KINDS.iter().any(|w| prefix.ends_with(w))
        });
    if !(kind_after || BUSINESS_ENDS.iter().any(|w| content.ends_with(w))) {
        return false;
    }
    let name: String = text[s..e].chars().filter(|c| *c != ' ').collect();
    let named_elsewhere = name.chars().count() >= 3
        && names.contains(&name)
        && text
            .match_indices(name.as_str())
            .any(|(i, _)| !text[..i].ends_with(['“', '"', '「']));
    !named_elsewhere
}

/// Every ending of each of `names` shorter than the whole name (王小芳 → 小芳, 芳).
pub(crate) fn given_tails(names: &BTreeSet<String>) -> std::collections::HashSet<&str> {
    names
        .iter()
        .flat_map(|full| full.char_indices().skip(1).map(move |(i, _)| &full[i..]))
        .collect()
}

/// Whether the name found at `s..e` is a given or pet name opening a quoted shop sign.
/// `tails` are the given names (every ending shorter than the whole) of the names found:
/// `given_tails`.
pub(crate) fn given_in_sign(
    text: &str,
    s: usize,
    e: usize,
    tails: &std::collections::HashSet<&str>,
) -> bool {
    let name = &text[s..e];
    let n = name.chars().count();
    // A given name of a person named in full, or a pet name (阿波, 小芳, 老杨).
    let given = tails.contains(name) || n == 2 && name.starts_with(['阿', '小', '老']);
    if !given || !text[..s].ends_with(['“', '"', '「']) {
        return false;
    }
    // The quotation closes soon after, holding only the rest of the sign.
    let rest: String = text[e..]
        .chars()
        .take_while(|c| han(*c) || *c == '·')
        .take(12)
        .collect();
    if rest.chars().count() < 2 || !text[e + rest.len()..].starts_with(['”', '"', '」']) {
        return false;
    }
    let quote = text[..s].chars().next_back().map_or(0, char::len_utf8);
    let before: String = text[..s - quote]
        .chars()
        .rev()
        .filter(|c| !c.is_whitespace())
        .take(6)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    // “志勇汽车美容”经营者, “建军五金机电”门头: what the quotation is said to be.
    let close = e + rest.len();
    let quote_end = text[close..].chars().next().map_or(0, char::len_utf8);
    let said = &text[close + quote_end..];
    BUSINESS_BEFORE.iter().any(|w| before.ends_with(w))
        || BUSINESS_ENDS.iter().any(|w| rest.ends_with(w))
        || SIGN_SAID
            .iter()
            .chain(SHOP_KINDS)
            .any(|w| said.trim_start_matches('的').starts_with(w))
}

/// Words after a quotation that make it a business's sign (“…”经营者, “…”门头).
const SIGN_SAID: &[&str] = &[
    "经营者",
    "店主",
    "门头",
    "字号",
    "门店",
    "店铺",
    "业主",
    "老板",
];

/// Whether a shop or company sign goes on after byte `end` (阿香米线店,
/// 文斌建材有限公司): the name is part of the sign.
pub(crate) fn sign_follows(text: &str, end: usize) -> bool {
    // A word that ends a name (赵鹏、谭静证实该宣传由公司统一制作): what follows is the
    // sentence, not a sign.
    if crate::names::stop_word_at(&text[end..]) && !text[end..].starts_with("律师事务所") {
        return false;
    }
    let clause: String = text[end..]
        .chars()
        .take_while(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .take(12)
        .collect();
    // A document number's prefix (金卫医罚〔2024〕) or a place (张江高科技园区): the
    // characters run on, without a word that ends a name, into 〔 or a place word.
    let run: String = text[end..]
        .chars()
        .take_while(|c| ('\u{4e00}'..='\u{9fff}').contains(c) && !NAME_STOP.contains(*c))
        .take(8)
        .collect();
    let next = text[end + run.len()..].chars().next();
    if next.is_some_and(|c| matches!(c, '〔' | '［' | '[' | '（' | '('))
        && text[end + run.len()..]
            .chars()
            .skip(1)
            .take(4)
            .all(|c| c.is_ascii_digit())
        // 林某（1957年生）: a year with 年 after it is a birth date, not a 文号's year.
        && text[end + run.len()..].chars().nth(5) != Some('年')
        // 彭某（500103198509261828）: an identity number, not a 文号's year.
        && !matches!(
            text[end + run.len()..]
                .chars()
                .skip(1)
                .take_while(|c| c.is_ascii_digit() || matches!(c, 'X' | 'x'))
                .count(),
            15 | 18
        )
    {
        return true;
    }
    if [
        "园区",
        "公园",
        "开发区",
        "工业区",
        "工业园",
        "产业园",
        "科技园",
        "物流园",
        "景区",
        "新区",
        "大街",
        "大道",
        "广场",
    ]
    .iter()
    .any(|w| run.contains(w))
    {
        return true;
    }
    // A clause with a time or a verb in it is what the person does (平时负责看店).
    if ["时", "负责", "在", "看店", "开店"]
        .iter()
        .any(|w| clause.contains(w))
    {
        return false;
    }
    // An estate, a market or a mall named after the word (海欣家园, 芦淞服饰城三楼): the
    // short run of characters after it holds a place word.
    let head: String = run.chars().take(4).collect();
    if [
        "家园", "花园", "小区", "苑", "城", "公寓", "大厦", "名邸", "公馆", "新村", "商厦", "商场",
    ]
    .iter()
    .any(|w| head.contains(w))
        && !head.contains("城管")
    {
        return true;
    }
    // The sign runs on into what is said of the shop (…海鲜店统一社会信用代码…, …五金店
    // 门前, …面馆的经营者).
    const ON_SHOP: &[&str] = &[
        "统一",
        "社会信用",
        "的",
        "门前",
        "门口",
        "店主",
        "经营者",
        "负责人",
        "老板",
        "位于",
        "擅自",
        "未经",
    ];
    let sign_runs_on = SHOP_TRADES.iter().any(|w| {
        clause.find(w).is_some_and(|i| {
            clause[..i].chars().count() <= 6
                && !clause[..i].contains(|c| "系是为在于的了称说和与及该其".contains(c))
                && ON_SHOP.iter().any(|o| clause[i + w.len()..].starts_with(o))
        })
    });
    let whole_run = !text[end + clause.len()..]
        .chars()
        .next()
        .is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    !clause.is_empty()
        && (sign_runs_on
            || clause.contains("公司")
            || clause.contains("有限")
            || clause.contains("事务所")
            || clause.contains("合作社")
            // A shop's sign by its trade (…海鲜大排档, …建材经营部, …商行, …网吧, …餐厅),
            // where the run of letters ends (not where twelve letters cut it: …黄老板因店|外).
            || whole_run && SHOP_TRADES.iter().any(|w| clause.ends_with(w)))
}

/// Words a shop's sign ends with, by its trade (…海鲜大排档, …建材经营部, …商行).
const SHOP_TRADES: &[&str] = &[
    "工作室",
    "店",
    "铺",
    "馆",
    "厂",
    "坊",
    "中心",
    "站",
    "档",
    "经营部",
    "门市部",
    "广告部",
    "服务部",
    "商行",
    "吧",
    "餐厅",
    "超市",
    "酒楼",
    "饭庄",
];
