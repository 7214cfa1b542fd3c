//! 适用地区 of a law, recognised from its metadata: the corpus category path
//! (`上海地方法规/地方性法规/上海`), the file path when there is no category, the level
//! and the title's prefix (上海市…, 山东省…). Laws, administrative regulations, rules
//! of the State Council's departments and judicial interpretations apply nationwide.

/// The region of texts that apply everywhere.
pub const NATIONAL: &str = "全国";
/// A local text whose region is not recognised.
pub const UNKNOWN_LOCAL: &str = "其他地方";

/// Provinces, autonomous regions and municipalities, by the name they begin titles
/// and category paths with.
pub const REGIONS: &[&str] = &[
    "北京",
    "天津",
    "上海",
    "重庆",
    "河北",
    "山西",
    "辽宁",
    "吉林",
    "黑龙江",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "海南",
    "四川",
    "贵州",
    "云南",
    "陕西",
    "甘肃",
    "青海",
    "内蒙古",
    "广西",
    "西藏",
    "宁夏",
    "新疆",
    "香港",
    "澳门",
];

/// Levels of texts made by a region (as the importer records them).
const LOCAL_LEVELS: &[&str] = &[
    "地方性法规",
    "地方政府规章",
    "地方规范性文件",
    "自治条例",
    "单行条例",
];

fn region_at_start(s: &str) -> Option<&'static str> {
    REGIONS.iter().copied().find(|r| s.starts_with(r))
}

/// The region a path of the corpus names (`上海地方法规/…`, `DLC/上海地方法规/…`).
fn region_of_path(path: &str) -> Option<&'static str> {
    path.split('/')
        .filter(|part| part.contains("地方法规") || part.contains("地方性法规"))
        .find_map(region_at_start)
}

/// The 适用地区 of a law: a region of [`REGIONS`], [`NATIONAL`], or [`UNKNOWN_LOCAL`].
pub fn of(title: &str, level: &str, category: &str, path: &str) -> String {
    if let Some(r) = region_of_path(category).or_else(|| region_of_path(path)) {
        return r.to_string();
    }
    let local =
        LOCAL_LEVELS.contains(&level) || category.contains("地方法规") || path.contains("地方法规");
    match region_at_start(title) {
        Some(r) if local || level.is_empty() => r.to_string(),
        _ if local => UNKNOWN_LOCAL.to_string(),
        _ => NATIONAL.to_string(),
    }
}

/// The regions a query names (重庆 in 重庆市容条例), which rank with the site's own.
pub fn named(query: &str) -> Vec<String> {
    REGIONS
        .iter()
        .filter(|r| query.contains(*r))
        .map(|r| r.to_string())
        .collect()
}

/// The regions ranked first for a query on a site of `site_region`: the site's own,
/// nationwide texts, and any region the query names.
pub fn home(site_region: &str, query: &str) -> Vec<String> {
    let mut out = vec![NATIONAL.to_string()];
    if !site_region.trim().is_empty() {
        out.push(site_region.trim().to_string());
    }
    for r in named(query) {
        if !out.contains(&r) {
            out.push(r);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_from_category_path_level_and_title() {
        assert_eq!(
            of(
                "上海市市容环境卫生管理条例",
                "地方性法规",
                "上海地方法规/地方性法规/上海",
                ""
            ),
            "上海"
        );
        // Cities take their province from the category.
        assert_eq!(
            of(
                "潍坊市城市市容管理条例",
                "地方性法规",
                "山东地方法规/地方性法规/山东",
                ""
            ),
            "山东"
        );
        // No category: the file path, then the title.
        assert_eq!(
            of(
                "重庆市市容环境卫生管理条例",
                "",
                "",
                "DLC/重庆地方法规/地方性法规/重庆/x.md"
            ),
            "重庆"
        );
        assert_eq!(
            of("上海市生活垃圾管理条例", "地方性法规", "", "x.md"),
            "上海"
        );
        assert_eq!(of("某市养犬条例", "地方性法规", "", "x.md"), UNKNOWN_LOCAL);
        for (title, level, category) in [
            ("中华人民共和国行政处罚法", "法律", "行政法"),
            ("城市市容和环境卫生管理条例", "行政法规", "行政法规"),
            (
                "市场监督管理行政处罚程序规定",
                "部门规章",
                "部门规章/市场监督管理总局",
            ),
            (
                "最高人民法院关于审理行政案件适用法律规范问题的座谈会纪要",
                "司法解释",
                "司法解释",
            ),
        ] {
            assert_eq!(of(title, level, category, ""), NATIONAL, "{title}");
        }
    }

    #[test]
    fn home_regions_are_the_sites_nationwide_and_named_ones() {
        assert_eq!(home("上海", "占道经营"), vec!["全国", "上海"]);
        assert_eq!(home("上海", "重庆市容条例"), vec!["全国", "上海", "重庆"]);
        assert_eq!(home("", "上海 垃圾"), vec!["全国", "上海"]);
    }
}
