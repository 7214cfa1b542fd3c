//! Where an address goes below road level: a home is kept down to its road and the
//! rest is masked.

/// Road-level words in an address: what follows them is below street level.
const ROAD_WORDS: &[&str] = &["大道", "胡同", "路", "街", "巷", "道", "大街"];

/// Where the part below road level begins in `addr`: after the last road (a road
/// followed by 街道 names a sub-district, and the search goes on after it); without a
/// road, after the 镇/乡/街道, else after the last 区/县.
pub(crate) fn below_road(addr: &str) -> Option<usize> {
    let mut from = 0;
    let mut cut = None;
    loop {
        let next = ROAD_WORDS
            .iter()
            .filter_map(|w| {
                addr[from..]
                    .match_indices(w)
                    .map(|(i, _)| from + i)
                    .find(|&i| !numbered_lane(addr, i))
                    .map(|i| i + w.len())
            })
            .min();
        let Some(mut c) = next else { break };
        // 樱前街社区, 北京路社区: a road's name that names a community, a body.
        if let Some(k) = ["社区", "居委会", "居民委员会"]
            .iter()
            .find(|k| addr[c..].starts_with(**k))
        {
            c += k.len();
            cut = Some(c);
            from = c;
            continue;
        }
        // 唐山市路北区, 台州市路桥区: a road word right after 市 that opens a
        // district's name, not a road.
        let w_start = addr[..c].char_indices().next_back().map_or(0, |(i, _)| i);
        let district = addr[c..]
            .char_indices()
            .take(3)
            .skip(1)
            .any(|(i, ch)| ch == '区' && addr[c..c + i].chars().all(|h| h != '路'));
        if addr[..w_start].ends_with('市') && district {
            from = c;
            continue;
        }
        if addr[..c].ends_with('街') && addr[c..].starts_with('道') {
            c += '道'.len_utf8();
            cut = Some(c);
            from = c;
            continue;
        }
        if addr[c..].starts_with("街道") {
            c += "街道".len();
            cut = Some(c);
            from = c;
            continue;
        }
        // 锦城大道999号环球中心附近 高攀路26号…: a landmark first, then the road of
        // the home with its number; the home is below the later road.
        let later = ROAD_WORDS
            .iter()
            .flat_map(|w| {
                addr[c..]
                    .match_indices(w)
                    .filter(move |(i, _)| !numbered_lane(addr, c + i))
                    .map(move |(i, _)| c + i + w.len())
            })
            .filter(|&e| {
                addr[e..]
                    .chars()
                    .next()
                    // A number masked already (巷***) counts: masking twice changes nothing.
                    .is_some_and(|d| d.is_ascii_digit() || ('０'..='９').contains(&d) || d == '*')
            })
            .max();
        let c = later.unwrap_or(c);
        // 长江西路二段: the section of a road is road level.
        let c = section_re().find(&addr[c..]).map_or(c, |m| c + m.end());
        // 荆沙路北京西路口的…, 武侯路与车站路交叉口: the crossing road is road level too.
        let c = crossing_re().find(&addr[c..]).map_or(c, |m| c + m.end());
        // 光明路东侧302号院: the side of the road is still the road.
        let c = ["东侧", "西侧", "南侧", "北侧"]
            .iter()
            .find(|w| addr[c..].starts_with(**w))
            .map_or(c, |w| c + w.len());
        return Some(c);
    }
    // 南关街道清河社区 清河小区…, 西湖镇王店村五组…: a community or an administrative
    // village named right after the sub-district, town or district is a body too (as
    // a road is kept); the home begins after it.
    cut.or_else(|| {
        // 丰镇市, 镇平县: a town word that a city's or county's name goes on after is
        // part of that name.
        ["镇", "乡"]
            .iter()
            .filter_map(|w| {
                addr.match_indices(w)
                    .map(|(i, _)| i + w.len())
                    .find(|&e| !addr[e..].starts_with(['市', '县']))
            })
            .min()
    })
    .or_else(|| {
        // The district: the first 区/县 that is not 小区, 社区, 园区 …
        addr.char_indices()
            .filter(|(i, c)| {
                (*c == '区' || *c == '县')
                    && !addr[..*i]
                        .chars()
                        .next_back()
                        .is_some_and(|p| "小社园街景校厂东西南北".contains(p))
            })
            .map(|(i, c)| i + c.len_utf8())
            .next()
    })
    .or_else(|| {
        // No level word at all (住幸福小区5栋302室): all of it is below road level.
        let below = [
            "号", "室", "栋", "幢", "楼", "单元", "小区", "村", "组", "弄", "苑", "公寓", "对门",
            "隔壁",
        ];
        // A number: digits, or Chinese numerals that count a house, a building, a floor,
        // a flat or a group (三组, 六楼) — not 一侧, 一带.
        let cs: Vec<char> = addr.chars().collect();
        let numbered = cs.iter().enumerate().any(|(k, &c)| {
            c.is_ascii_digit()
                || ('０'..='９').contains(&c)
                || "一二三四五六七八九十".contains(c)
                    && cs[k + 1..]
                        .iter()
                        .find(|n| !"一二三四五六七八九十".contains(**n))
                        .is_some_and(|n| "号栋幢楼层室组队单户弄排".contains(*n))
        });
        (below.iter().any(|w| addr.contains(w)) && numbered).then_some(0)
    })
    .map(|c| community_after(addr, c))
}

/// A lane counted inside an estate (丰收里 5巷9号, 3街12号): a road word right after a
/// digit numbers a lane of the home, not a road.
fn numbered_lane(addr: &str, at: usize) -> bool {
    addr[..at]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// The end of a community or an administrative village named at byte `c` of `addr`
/// (清河社区, 东风居委会, 王店村, 白虎头村委会), or `c` itself. An estate called a
/// village (虹桥新村) is part of the home.
pub(crate) fn community_after(addr: &str, c: usize) -> usize {
    // A space may stand between the levels (百合镇 那阳村 四队).
    let lead = addr[c..].len() - addr[c..].trim_start_matches([' ', '　']).len();
    match community_re().find(&addr[c + lead..]) {
        Some(m) if !m.as_str().ends_with("新村") => {
            let mut end = c + lead + m.end();
            // 加木村居委会: the village's residents' committee is the body.
            if m.as_str().ends_with('村')
                && let Some(w) = ["居委会", "居民委员会", "社区"]
                    .iter()
                    .find(|w| addr[end..].starts_with(**w))
            {
                end += w.len();
            }
            // A community or committee that ends the address (…区南湖社区) is the
            // level kept, as a road is; a village alone may be the home itself.
            let body = !m.as_str().ends_with('村') || end > c + lead + m.end();
            if end < addr.len() || body { end } else { c }
        }
        _ => c,
    }
}

/// A 社区, 居委会 or village right after a sub-district, town or district (清河社区,
/// 东风居委会, 王店村, a numbered one: 4村).
fn community_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(
            r"^[\p{Han}0-9&&[^区县市镇乡路街号楼室栋组]]{1,6}?(?:社区|居委会|居民委员会|村委会|村民委员会|嘎查|村)",
        )
            .expect("constant pattern")
    })
}

/// The section of a road right after it (二段, 3段, and by direction: 中段, 北段).
fn section_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(r"^(?:[一二三四五六七八九十0-9]{1,3}|[东西南北中])段")
            .expect("constant pattern")
    })
}

/// A second road that meets the first one, right after it: 北京西路口(的),
/// 与车站路交叉口, 与长江西路交口, 与解放路交汇处.
fn crossing_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(r"^(?:与|和)?\p{Han}{1,8}?(?:大道|大街|路|街)(?:(?:交叉|交汇|十字|丁字|交)?路?口|交汇处|交界处)(?:的|处|附近|旁)?")
            .expect("constant pattern")
    })
}
