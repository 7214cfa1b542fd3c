//! A shop's sign in quotation marks that opens with its operator's given name or pet
//! name (个体户“丽平母婴”, 开“平安麻辣烫”, 个体工商户“阿波海鲜排档”): the sign is a
//! business's name and stays. The operator's full name stays masked wherever it stands,
//! so the sign gives no more than the surname-less given name everyone reads on the
//! shop front; a nickname quoted as such (绰号“耿老二”, 微信名“春花手工粽”) is no sign.

use std::collections::BTreeSet;

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
    "奶茶",
    "米粉",
    "粉面",
];

/// Whether the name found at `s..e` is a given or pet name opening a quoted shop sign.
pub(crate) fn given_in_sign(text: &str, s: usize, e: usize, names: &BTreeSet<String>) -> bool {
    let name = &text[s..e];
    let n = name.chars().count();
    // A given name of a person named in full, or a pet name (阿波, 小芳, 老杨).
    let given = names
        .iter()
        .any(|full| full.chars().count() > n && full.ends_with(name))
        || n == 2 && name.starts_with(['阿', '小', '老']);
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
    BUSINESS_BEFORE.iter().any(|w| before.ends_with(w))
        || BUSINESS_ENDS.iter().any(|w| rest.ends_with(w))
}
