//! Homes written freely, as letters, records and neighbours name them (同楼602, 1302室
//! 业主, 400弄2号601室, 西门路301弄居民), and a home found once masked wherever it
//! recurs; homes named by the noun after them (…7组21号的自建房, …（你的住所）, 其所有的…
//! 房屋). Split from `addresses` (the address words and the road-level cut).

use crate::addresses::{BODIES, party_is_person};
use crate::roadlevel::below_road;
use crate::{Finder, Kind};

impl Finder<'_> {
    /// Homes named by the noun after them (位于…象山村7组21号的自建房, 莘松三村58号202室
    /// （你的住所）) and a natural person's own dwelling (其所有的…1888弄34号2003室房屋).
    pub(super) fn homes_named_by_nouns(&mut self) {
        // 位于…象山村7组21号的自建房, 在…12号楼104室其住所内: a place named as a
        // person's home by the noun after it.
        for c in home_noun_re().captures_iter(self.text) {
            let Some(m) = c.get(1) else { continue };
            let addr = m.as_str();
            if BODIES.iter().any(|b| addr.contains(b)) {
                continue;
            }
            let Some(cut) = below_road(addr) else {
                continue;
            };
            // A village's 宅基地 without a group or a number names no one's home.
            let tail = &addr[cut..];
            // …村“长冲里”你家承包的集体山林: land the household farms, no home.
            let whole_end = c.get(0).map_or(m.end(), |w| w.end());
            if c.get(0).is_some_and(|w| w.as_str().ends_with('家'))
                && FARMED.iter().any(|w| self.text[whole_end..].starts_with(w))
            {
                continue;
            }
            if c.get(0).is_some_and(|w| w.as_str().ends_with("宅基地"))
                && !tail
                    .chars()
                    .any(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
            {
                continue;
            }
            self.mask_address(m.start() + cut, tail);
        }
        // 莘松三村58号202室（你的住所）: the address before the words.
        for c in own_home_re().captures_iter(self.text) {
            let Some(m) = c.get(1) else { continue };
            let addr = m.as_str();
            let Some(cut) = below_road(addr) else {
                continue;
            };
            // 沿线 after a road: the place goes on.
            let mut cut = cut;
            if addr[cut..].starts_with("沿线") {
                cut += "沿线".len();
            }
            self.mask_address(m.start() + cut, &addr[cut..]);
        }
        // 当事人将其所有的…1888弄34号2003室房屋: a natural person's own dwelling.
        if party_is_person(self.text) {
            for c in owned_home_re().captures_iter(self.text) {
                let Some(m) = c.get(1) else { continue };
                let addr = m.as_str();
                let Some(cut) = below_road(addr) else {
                    continue;
                };
                self.mask_address(m.start() + cut, &addr[cut..]);
            }
        }
    }

    /// Homes as letters and records write them: a flat next to the writer's (同楼602,
    /// 对门601, 楼下1201室, 隔壁二十八号一楼, a space perhaps between: 楼下 102室), a flat
    /// named by who lives in it (1302室业主, 603室户主, 7号楼102的那户人家), a lane's house and flat (400弄2号601室, 655弄二十三号六楼),
    /// a place before or after 居民/住户/村民 or before 租住/居住 (西门路301弄居民; 居民，
    /// 中山北路2111弄7号; 横杨村58号租住), a place after 居住的/租住在 (你们居住的…34号院),
    /// a place after 我家在 (我们家就在…新南村十二组, …锦绣家园5栋), and a place in brackets
    /// after 自家院内/家中 (在自家院内（…东街南巷11号）储存…).
    pub(crate) fn free_form_homes(&mut self) {
        let text = self.text;
        let reason = "自然人住址（邻里、来信中以门牌、室号指称的住处），隐去";
        for re in [
            relative_flat_re(),
            owner_flat_re(),
            lane_flat_re(),
            unit_flat_re(),
        ] {
            for c in re.captures_iter(text) {
                let Some(m) = c.get(1) else { continue };
                if !flat_like(m.as_str())
                    || crate::patterns::digit_adjacent(text, m.start(), m.end())
                    || text[m.end()..].starts_with(['年', '月', '元', '万', '平', '号', '米'])
                {
                    continue;
                }
                // A business's premises: a company or shop named in the clause, or a
                // (公司) note after it.
                let clause_start = text[..m.start()]
                    .rfind(['。', '\n', '；', '，'])
                    .map_or(0, |i| {
                        i + text[i..].chars().next().map_or(1, char::len_utf8)
                    });
                let clause = &text[clause_start..m.start()];
                let note: String = text[m.end()..].chars().take(6).collect();
                // An organisation's registered seat (住所：…, 地址：… when the party is one).
                let seat = ["住所", "注册地", "地址", "地 址"]
                    .iter()
                    .any(|w| clause.trim_start_matches([' ', '　']).starts_with(w))
                    && !party_is_person(text);
                // 7栋2单元电梯, 3号楼2单元楼道: a shared part of the building, no flat.
                let shared_part = !m.as_str().ends_with(['室', '户'])
                    && !["住", "家"].iter().any(|w| clause.contains(w))
                    && [
                        "电梯",
                        "楼道",
                        "楼梯",
                        "门口",
                        "门前",
                        "外墙",
                        "楼顶",
                        "屋顶",
                        "单元门",
                        "大堂",
                        "管道",
                        "消防",
                        "地下",
                        "入口",
                        "出口",
                        "信报箱",
                    ]
                    .iter()
                    .any(|w| note.starts_with(w));
                if seat
                    || shared_part
                    || company_cell_after(text, m.end())
                    || ["公司", "经营", "门店", "营业", "办公"]
                        .iter()
                        .any(|w| clause.contains(w) || note.contains(w))
                {
                    continue;
                }
                // 1203户主: the 户 opens the word for the household's head, not the flat.
                let end = if m.as_str().ends_with('户') && text[m.end()..].starts_with('主') {
                    m.end() - '户'.len_utf8()
                } else {
                    m.end()
                };
                self.push(Kind::Address, m.start(), end, "***".into(), reason);
            }
        }
        for c in residents_re().captures_iter(text) {
            let Some(m) = (1..=5).find_map(|i| c.get(i)) else {
                continue;
            };
            let addr = m.as_str();
            // 彭浦新村 in 彭浦新村街道 names a sub-district, not a village.
            if BODIES.iter().any(|b| addr.contains(b))
                || ["街道", "镇", "路"]
                    .iter()
                    .any(|w| text[m.end()..].starts_with(w))
            {
                continue;
            }
            let Some(cut) = below_road(addr) else {
                continue;
            };
            // After 居住的 an estate's name stays; its building and flat go (其居住的翠湖
            // 华庭|3幢).
            let cut = match (c.get(4), addr.find(|c: char| c.is_ascii_digit())) {
                (Some(_), Some(d)) => cut.max(d),
                _ => cut,
            };
            self.mask_address(m.start() + cut, &addr[cut..]);
        }
    }

    /// A home found once is a home everywhere in the document: its lane and house
    /// number (730弄6号) is masked wherever it recurs (仙霞路730弄6号楼顶).
    pub(crate) fn spread_homes(&mut self) {
        let keys: std::collections::BTreeSet<String> = self
            .found
            .iter()
            .filter(|m| m.kind == Kind::Address)
            .filter_map(|m| {
                let i = m.original.find('号')?;
                let key = &m.original[..i + '号'.len_utf8()];
                // Two numbers (弄 and 号): specific enough to be the same building.
                let groups = key
                    .split(|c: char| !c.is_ascii_digit())
                    .filter(|g| !g.is_empty())
                    .count();
                (groups >= 2 && key.chars().next().is_some_and(|c| c.is_ascii_digit()))
                    .then(|| key.to_string())
            })
            .collect();
        // The whole home as found (望新村6组118号), a flat's room (1201室) and a building
        // with its flat (7栋1503房) recur too.
        let mut keys = keys;
        for m in self.found.iter().filter(|m| m.kind == Kind::Address) {
            let v = m.original.trim_start_matches(['该', '楼']);
            if v.chars().count() >= 5 && v.chars().any(|c| c.is_ascii_digit()) {
                keys.insert(v.to_string());
                // A table's cell spaces its levels (下洋村 37号); running text does not.
                let tight: String = v.chars().filter(|c| !matches!(c, ' ' | '　')).collect();
                if tight.len() < v.len() && tight.chars().count() >= 5 {
                    keys.insert(tight);
                }
            }
            let room: String = v
                .chars()
                .rev()
                .skip_while(|c| *c != '室')
                .take_while(|c| *c == '室' || c.is_ascii_digit())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if room.chars().count() >= 4 {
                keys.insert(room);
            }
            // A building and a flat (7栋1503房, 5幢2单元302室) recur without the road.
            if let Some(b) = building_flat_re().find(v) {
                keys.insert(b.as_str().to_string());
            }
        }
        self.spread_house_numbers();
        self.spread_road_numbers();
        let keys: Vec<String> = keys.into_iter().collect();
        for (key, at) in keys.iter().zip(crate::occur::occurrences(self.text, &keys)) {
            for s in at {
                let e = s + key.len();
                if crate::patterns::digit_adjacent(self.text, s, e) {
                    continue;
                }
                self.push(
                    Kind::Address,
                    s,
                    e,
                    "***".into(),
                    "同一文书中已认定为自然人住址的门牌，各处一并隐去",
                );
            }
        }
    }
}

impl Finder<'_> {
    /// The house number that ends a home found (…石关组24号, …大儒巷46号) recurs on its
    /// own where the text refers back to it (即上述24号, 同一院落46号-2的租户): after a
    /// word, not after a road, a village's group, 第 or a document number's bracket;
    /// a sub-number after it (-2, 之2) goes with it.
    fn spread_house_numbers(&mut self) {
        let keys: std::collections::BTreeSet<String> = self
            .found
            .iter()
            .filter(|m| m.kind == Kind::Address)
            .filter_map(|m| {
                let v = m.original.trim_end();
                let head = v.strip_suffix('号')?;
                let digits = head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
                (1..=4)
                    .contains(&digits)
                    .then(|| v[head.len() - digits..].to_string())
            })
            .collect();
        let text = self.text;
        let mut covered = Covered::new(&self.found);
        let keys: Vec<String> = keys.into_iter().collect();
        for (key, at) in keys.iter().zip(crate::occur::occurrences(text, &keys)) {
            for s in at {
                let mut e = s + key.len();
                if crate::patterns::digit_adjacent(text, s, e)
                    || !text[..s].chars().next_back().is_some_and(|c| {
                        crate::patterns::han(c) && !"第路街巷道弄里村组队楼栋幢号".contains(c)
                    })
                    || covered.holds(s, e)
                {
                    continue;
                }
                let sub = text[e..]
                    .strip_prefix(['-', '之', '－'])
                    .map(|r| r.len() - r.trim_start_matches(|c: char| c.is_ascii_digit()).len());
                if let Some(n) = sub.filter(|n| (1..=3).contains(n)) {
                    e += text[e..].chars().next().map_or(0, char::len_utf8) + n;
                }
                covered.add(s, e);
                self.push(
                    Kind::Address,
                    s,
                    e,
                    "***".into(),
                    "同一文书中已认定为自然人住址的门牌，各处一并隐去",
                );
            }
        }
    }
}

impl Finder<'_> {
    /// A home that is a whole house, cut at its road (住址：…城南一路|178号), recurs with
    /// the same road before it (送达地址：…城南一路178号一楼): the number is masked there too.
    fn spread_road_numbers(&mut self) {
        let text = self.text;
        let mut keys: Vec<(String, usize)> = Vec::new();
        for m in self.found.iter().filter(|m| m.kind == Kind::Address) {
            let Some(i) = m.original.find('号') else {
                continue;
            };
            let house = &m.original[..i + '号'.len_utf8()];
            // Only a home that is the whole house: a flat's building (3号2栋…室, 21号楼
            // 1单元) is also where others live and work, and the building's yard.
            if house.len() != m.original.trim_end().len()
                || !house.chars().next().is_some_and(|c| c.is_ascii_digit())
                || !text[..m.start]
                    .chars()
                    .next_back()
                    .is_some_and(|c| "路街巷道弄里".contains(c))
            {
                continue;
            }
            // The road's end: its word and the two letters before it (南一路, 建设路).
            let road_len: usize = text[..m.start]
                .chars()
                .rev()
                .take_while(|c| crate::patterns::han(*c) || c.is_ascii_digit())
                .take(3)
                .map(char::len_utf8)
                .sum();
            if road_len < 3 * '路'.len_utf8() {
                continue;
            }
            let road = &text[m.start - road_len..m.start];
            keys.push((format!("{road}{house}"), road.len()));
        }
        let mut covered = Covered::new(&self.found);
        let names: Vec<&str> = keys.iter().map(|(k, _)| k.as_str()).collect();
        for ((key, road), at) in keys.iter().zip(crate::occur::occurrences(text, &names)) {
            for s in at {
                let (s, e) = (s + road, s + key.len());
                if crate::patterns::digit_adjacent(text, s, e) || covered.holds(s, e) {
                    continue;
                }
                covered.add(s, e);
                self.push(
                    Kind::Address,
                    s,
                    e,
                    "***".into(),
                    "同一文书中已认定为自然人住址的门牌，各处一并隐去",
                );
            }
        }
    }
}

/// The homes found so far, to ask quickly whether one of them holds a span: the spans
/// found before and those added since.
struct Covered {
    before: crate::occur::Reach,
    added: std::collections::BTreeMap<usize, usize>,
    /// The longest span added: a span added that holds `s..e` starts this far before.
    longest: usize,
}

impl Covered {
    fn new(found: &[crate::Masking]) -> Self {
        Self {
            before: crate::occur::Reach::new(
                found
                    .iter()
                    .filter(|m| m.kind == Kind::Address)
                    .map(|m| (m.start, m.end))
                    .collect(),
            ),
            added: std::collections::BTreeMap::new(),
            longest: 0,
        }
    }

    fn add(&mut self, s: usize, e: usize) {
        let end = self.added.entry(s).or_insert(e);
        *end = (*end).max(e);
        self.longest = self.longest.max(e - s);
    }

    /// Whether a home found so far starts at or before `s` and ends at or after `e`.
    fn holds(&self, s: usize, e: usize) -> bool {
        self.before.holds(s, e, false)
            || self
                .added
                .range(s.saturating_sub(self.longest)..=s)
                .any(|(_, &end)| end >= e)
    }
}

/// The next cell of a row aligned with spaces, right after byte `at`, names a company
/// (…天发广场 A座2205        …装饰工程有限公司): the place is its office.
fn company_cell_after(text: &str, at: usize) -> bool {
    let row = text[at..].split('\n').next().unwrap_or("");
    let cell = row.trim_start_matches([' ', '　']);
    row.len() - cell.len() >= 2
        && cell
            .split("  ")
            .next()
            .is_some_and(|c| ["公司", "集团", "事务所"].iter().any(|w| c.ends_with(w)))
}

/// A number as addresses write it: digits or Chinese numerals.
const N: &str = "[0-9０-９一二三四五六七八九十百〇零]{1,5}";

fn relative_flat_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(&format!(
            r"(?:同楼|对门|隔壁|楼上|楼下|同层|该楼|本楼|同单元|同弄|住在|家住)的? ?((?:{N}(?:号楼|号|栋|幢))?{N}(?:室|户|楼|层)?)"
        ))
        .expect("constant pattern")
    })
}

fn owner_flat_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(&format!(
            r"((?:{N}(?:号楼|号|栋|幢))?{N}(?:室|楼|层)|{N}号楼{N}|{N}弄{N}号|[0-9]{{1,2}}[0-9][1-9])的? ?(?:那户|那套|业主|户主|住户|房东|租户|居民|人家|独居老人|老人)"
        ))
        .expect("constant pattern")
    })
}

/// A flat by building, entrance and room (27幢202室, 3幢1单元1701室, 78幢甲单元, 5栋2门
/// 301 as the north writes the entrance, 12号家属院2单元401, 24号3单元7楼东户 by floor and
/// side, a space perhaps between the parts: 7号楼 2单元
/// 1402室), a building by number or letter and a flat's number (9幢201, C栋1单元702,
/// B栋1704房), or a house number with a room (37号302室): a dwelling unless a business
/// is named.
fn unit_flat_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(
            r"([0-9]{1,4}(?:幢|栋|号楼|号院|号家属院|号) ?(?:(?:[0-9]{1,2}|[甲乙丙丁])(?:单元|门)|[东西中]单元)(?: ?[0-9]{2,5} ?室|[0-9]{3,4}|[0-9]{1,2}(?:楼|层)[东西南北中]户)?|[0-9]{1,4}(?:幢|栋) ?[0-9]{3,5} ?室|[0-9]{1,5}号 ?[0-9]{3,5} ?室|(?:[0-9]{1,3}|[A-Z])(?:幢|栋|座)(?:[0-9]{1,2}单元)?[0-9]{3,4}(?:室|房|户)?)",
        )
        .expect("constant pattern")
    })
}

fn lane_flat_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(&format!(
            r"({N}弄{N}(?:号楼|号|栋|幢)[甲乙丙]?{N}(?:室|楼|层|户)?)"
        ))
        .expect("constant pattern")
    })
}

fn residents_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(
            r"([^，。；;,、\n（(：:]{2,30}?(?:弄|号|组|室|栋|幢))的?(?:居民|住户|村民|租住|暂住|居住)|(?:居民|住户|村民)[，,]\s*([^，。；;,、\n（()）]{2,30}(?:号|弄|室))|(?:我|我们|他|她|他们|你|您|其|自己)家(?:就|也)?(?:住)?在([^，。；;,、\n（(]{2,30}(?:号|弄|室|组|村|栋|幢))|(?:居住|租住|暂住)(?:的|在|于)([^，。；;,、\n（(]{2,30}?(?:号|弄|室|栋|幢))|(?:自家|其家|家中|自己家)(?:院内|院里|院子|屋内|屋里|房内|门前|门口)?\s*[（(]([^，。；;,、\n（()）]{2,30}?(?:号|弄|室|栋|幢))[）)]",
        )
        .expect("constant pattern")
    })
}

/// Whether a flat found by the patterns above is specific: a room of three digits
/// or more, or a house and a flat or floor (28号一楼, 7号楼102).
fn flat_like(v: &str) -> bool {
    let digits = v.chars().filter(char::is_ascii_digit).count();
    let numbered = ["号", "栋", "幢", "弄"].iter().any(|w| v.contains(w));
    let cn_floor =
        v.ends_with(['楼', '层', '室']) && v.chars().any(|c| "一二三四五六七八九十".contains(c));
    digits >= 3 || (numbered && v.chars().count() >= 4) || (cn_floor && v.chars().count() >= 3)
}

/// A building and a flat at the end of a home: 7栋1503房, 5幢2单元302室, 3号楼1单元501.
fn building_flat_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(r"[0-9]{1,3}(?:栋|幢|号楼|座)(?:[0-9]{1,2}单元)?[0-9]{3,4}(?:室|房|户)?$")
            .expect("constant pattern")
    })
}

/// An address field whose line runs to its end (住址：…界石镇桂花村) and a next line
/// that is only a masked remainder (`***`, as this crate or the source masks a home's
/// number): one address, read as it was before the number was masked, so the village
/// or road level stays whether the number is there or masked (masking twice changes
/// nothing).
pub(crate) fn masked_home_goes_on(before: &str, after: &str) -> bool {
    let rest = after.trim_start_matches('*');
    if after.len() - rest.len() < 3
        || !rest.chars().next().is_none_or(|c| {
            c == '\n' || c == '\r' || c.is_whitespace() || "，。；;,）)|│┃".contains(c)
        })
    {
        return false;
    }
    let line = before.rsplit('\n').next().unwrap_or(before).trim_end();
    crate::patterns::address_re()
        .captures_iter(line)
        .filter_map(|c| c.get(1))
        .last()
        .is_some_and(|m| {
            m.end() == line.len() && line.chars().next_back().is_some_and(crate::patterns::han)
        })
}

/// What follows 你家 / 其家 when the place is land the household farms, no home
/// (…村“长冲里”你家承包的集体山林).
const FARMED: &[&str] = &[
    "承包",
    "的承包",
    "的责任田",
    "的林地",
    "的山林",
    "的耕地",
    "的地里",
    "的田里",
];

fn own_home_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(
            r"([^，。；;,\n（(：:]{4,40})[（(](?:(?:你|您|其|当事人)的?(?:住所|住处|住宅|家|居所|房屋)|个人|家|住宅|家庭住址|住址|户籍地|居住地)[）)]",
        )
        .expect("constant pattern")
    })
}

fn home_noun_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(
            r"(?:位于|在)([^，。；;,、\n在于]{4,40}?)(?:的)?(?:其|你|您|当事人)?(?:的)?(?:自建房屋?|自住房屋?|住宅|住房|住所|住处|居所|家中|家里|自家宅?|宅基地|(?:其|你|您|当事人|自己)的?家)",
        )
        .expect("constant pattern")
    })
}

fn owned_home_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(
            r"(?:其|当事人|你|您)(?:所有|名下|承租|租住|居住|自住)的([^，。；;,、\n（(]{4,40}?)(?:房屋|住房|房间|住宅|公寓)",
        )
        .expect("constant pattern")
    })
}
