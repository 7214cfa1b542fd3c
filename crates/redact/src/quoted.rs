//! What a quotation that holds a would-be name alone says of it: a name quoted whole is a
//! cue that a person is meant (“黑皮”), unless the words around it say it names a place, a
//! thing or a platform (俗称“黄泥垴”, “万响”鞭炮, “安居客”等平台). Split from cues.rs.

/// Whether the would-be name at `s..e` is quoted whole as a person's name or byname.
pub(crate) fn quoted_alone(text: &str, s: usize, e: usize) -> bool {
    let after = &text[e..];
    text[..s].ends_with(['“', '"', '「'])
        && after.starts_with(['”', '"', '」'])
        && !thing_named(&text[..s])
        && !quoted_goods(after)
}

/// Whether the quotation that `before` opens names a place or a thing by its byname
/// (后山（俗称“黄泥垴”）, 简称“三改一拆”): no person is quoted so.
fn thing_named(before: &str) -> bool {
    let before = before.trim_end_matches(['“', '"', '「']);
    [
        "俗称",
        "简称",
        "又称",
        "全称",
        "统称",
        "号称",
        "地名",
        "土名",
        "小地名",
        "名为",
    ]
    .iter()
    .any(|w| before.ends_with(w))
}

/// Whether goods follow the quotation that `after` closes (“万响”鞭炮, 印有“金鹰”字样):
/// the quoted word is a brand or a mark, no one's name.
fn quoted_goods(after: &str) -> bool {
    let after = after.trim_start_matches(['”', '"', '」']);
    [
        "鞭炮",
        "烟花",
        "爆竹",
        "牌",
        "字样",
        "标识",
        "商标",
        "品牌",
        "系列",
        "香烟",
        "白酒",
        // A field or a platform known by its quoted name (“长垅田”地块, “安居客”等平台).
        "地块",
        "平台",
        "等平台",
        "小程序",
        "公众号",
    ]
    .iter()
    .any(|w| after.starts_with(w))
}
