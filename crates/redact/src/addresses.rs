//! Home addresses: what follows an address word is masked below street level.

use crate::patterns::address_re;
use crate::roadlevel::below_road;
use crate::{Finder, Kind};

/// Bodies named in an address slot: these are not homes.
pub(crate) const BODIES: &[&str] = &[
    "办事处",
    "居委会",
    "居民委员会",
    "村委会",
    "村民委员会",
    "人民政府",
    "派出所",
    "管理委员会",
    "执法局",
    "执法大队",
    "执法中队",
];

/// Words that end an address (what follows is something else).
const ADDRESS_ENDS: &[&str] = &[
    "统一社会信用代码",
    "信用代码",
    "身份证",
    "公民身份",
    "电话",
    "手机",
    "联系",
    "法定代表人",
    "违反",
    "《",
    "〔",
    "[",
    "某某",
    "称",
    "邮政编码",
    "邮编",
    "加建",
    "搭建",
    "擅自",
    "违法",
    "违章",
];

/// Words that end the name of a business's site, where a paper may be served.
const BUSINESS_SITES: &[&str] = &[
    "店",
    "厂",
    "养殖场",
    "公司",
    "商行",
    "经营部",
    "门市部",
    "超市",
    "作坊",
    "合作社",
    "加工厂",
];

/// Whether a business's site follows a place (东侧的养殖场, 旁边的加工厂).
fn business_site_after(after: &str) -> bool {
    let rest = [
        "东侧", "西侧", "南侧", "北侧", "东边", "西边", "南边", "北边", "旁边", "附近",
    ]
    .iter()
    .find_map(|w| after.strip_prefix(w))
    .unwrap_or(after);
    let rest = rest.strip_prefix('的').unwrap_or(rest);
    BUSINESS_SITES.iter().any(|w| rest.starts_with(w))
}

/// Address words that may introduce an organisation's address too: masked only for a
/// natural person (identity cues before them, no company cue closer).
const SHARED_WORDS: &[&str] = &[
    "住所地",
    "住所",
    "地址",
    "送达地址",
    "通讯地址",
    "联系地址",
    "通信地址",
    "送达地点",
    "收件地址",
];

/// Whether the address at byte `at` belongs to a natural person: in the ~120
/// characters before it a person cue (身份证, 性别, 出生, 你的) stands after any company
/// cue (信用代码, 公司, 法定代表人, 本机关).
fn natural_person_before(text: &str, at: usize) -> bool {
    // 120 characters back, not counting the spaces of a form's layout.
    let start = text[..at]
        .char_indices()
        .rev()
        .filter(|(_, c)| !c.is_whitespace())
        .nth(120)
        .map(|(i, _)| i)
        .unwrap_or(0);
    let window = &text[start..at];
    let last = |words: &[&str]| words.iter().filter_map(|w| window.rfind(w)).max();
    let person = last(&[
        "身份证",
        "公民身份",
        "性别",
        "出生",
        "你的",
        "其本人",
        "男，",
        "女，",
        "通行证",
        "护照",
        "居住证",
        "证件号码",
        "受送达人",
        "收件人",
        "被询问人",
        "身份号码",
        "来电人",
        "来电号码",
        "女士",
        "先生",
        "市民",
        "姓名",
        "户主",
        "燃气用户",
        "住户",
        "房屋所有人",
        "被征收人",
    ]);
    let company = last(&[
        "信用代码",
        "公司",
        "法定代表人",
        "本机关",
        "本局",
        "我局",
        "经营场所",
        "单位",
        "注册号",
        "（个体",
        "店",
    ]);
    match (person, company) {
        (Some(p), Some(c)) => p > c || flat_follows(&text[at..]),
        (Some(_), None) => true,
        // No cue either way: a flat (…号…室/户) is a home, not premises.
        (None, None) => flat_follows(&text[at..]),
        _ => false,
    }
}

/// Endings of an organisation's name.
const ORG_ENDS: &[&str] = &[
    "公司",
    "局",
    "政府",
    "委员会",
    "事务所",
    "中心",
    "医院",
    "学校",
    "银行",
    "大队",
    "支队",
    "中队",
    "办事处",
    "合作社",
    "协会",
];

/// Whether the address word at `at` gives an organisation's seat: its own line names an
/// organisation before it (被申请人：…执法局，住所地…), or its label is a role whose
/// line names one (受送达人地址 after 受送达人：…有限公司) — with no person's particulars
/// in between.
fn organisation_seat(text: &str, at: usize) -> bool {
    let line_start = crate::patterns::line_start(text, at);
    // The sentence the word stands in (the line may hold several).
    let sentence_start = text[line_start..at]
        .rfind('。')
        .map_or(line_start, |i| line_start + i + '。'.len_utf8());
    let line = &text[sentence_start..at];
    let person = ["男", "女", "身份证", "出生", "公民身份"];
    let names_org = |s: &str| {
        let org = ORG_ENDS
            .iter()
            .filter_map(|w| s.rfind(w))
            .filter(|&i| !s[..i].ends_with(['本', '我']))
            .max();
        org.is_some_and(|o| !person.iter().any(|p| s[o..].contains(p)))
    };
    if names_org(line) {
        return true;
    }
    let label = line.trim_matches([' ', '　']);
    // A line of its own under a party's line (被申请人：…执法局\n住所地：…).
    if label.is_empty() && line_start > 0 {
        let prev_start = crate::patterns::line_start(text, line_start - 1);
        let prev = text[prev_start..line_start - 1].trim();
        if let Some((role, value)) = prev.split_once(['：', ':'])
            && (role.ends_with('人') || role.ends_with("单位"))
            && role.chars().count() <= 6
        {
            return names_org(value) && ORG_ENDS.iter().any(|w| value.trim_end().ends_with(w));
        }
    }
    if label.chars().count() >= 2 && label.ends_with('人') {
        let key = format!("{label}：");
        if let Some(i) = text[..line_start].rfind(&key) {
            let value: String = text[i + key.len()..]
                .chars()
                .take_while(|c| !matches!(c, '\n' | '，' | '。'))
                .collect();
            return names_org(&value);
        }
    }
    false
}

/// Whether the address at the start of `rest` goes down to a flat (…弄…号…室, …号…
/// 室): with a person's particulars nearby such an address is a home even after a
/// company word (a 个体工商户's 经营场所 stands before its operator's 送达地址).
fn flat_follows(rest: &str) -> bool {
    let addr: String = rest
        .chars()
        .take_while(|c| !"，。；;,\n（(".contains(*c))
        .take(40)
        .collect();
    // 5号2-4-2, 28号院3-2-501: building, entrance and flat written with dashes.
    let dashed = |t: &str| {
        t.split(|c: char| !c.is_ascii_digit() && c != '-')
            .any(|g| g.split('-').filter(|d| !d.is_empty()).count() >= 3)
    };
    addr.find('号')
        .is_some_and(|i| addr[i..].contains('室') || addr[i..].contains('户') || dashed(&addr[i..]))
}

impl Finder<'_> {
    pub(super) fn addresses(&mut self) {
        let mut pos = 0;
        while let Some(c) = address_re().captures_at(self.text, pos) {
            let (Some(m), Some(whole)) = (c.get(1), c.get(0)) else {
                break;
            };
            let from = pos;
            // A note in brackets may hold a home of its own (…13号楼（来电人住该楼1201室）):
            // the search goes on inside it.
            pos = match m.as_str().find(['（', '(']) {
                Some(b) => m.start() + b + 1,
                None => whole.end().max(pos + 1),
            };
            while !self.text.is_char_boundary(pos) {
                pos += 1;
            }
            // An address ends before a code, a citation or the next particular.
            let addr = m.as_str();
            let end = ADDRESS_ENDS
                .iter()
                .filter_map(|w| addr.find(w))
                .min()
                .unwrap_or(addr.len());
            // The search goes on where the address ended (住称住号0: the second 住 opens
            // an address of its own, as it does once the name before it is masked).
            if end < addr.len() && m.start() + end > from {
                pos = pos.min(m.start() + end);
            }
            // A name masked inside the address (住区0区某某系路, 住0号和某某女区) ends it
            // here; unmasked, the address went on, and where nothing before the name
            // was below road level nothing was masked: nothing is now either (masking
            // twice changes nothing).
            if addr[end..].starts_with("某某") {
                let full_end = ADDRESS_ENDS
                    .iter()
                    .filter(|w| **w != "某某")
                    .filter_map(|w| addr.find(w))
                    .min()
                    .unwrap_or(addr.len())
                    .max(end);
                let name_start = addr[..end]
                    .char_indices()
                    .next_back()
                    .map_or(end, |(i, _)| i);
                if below_road(&addr[..full_end]).is_none_or(|c| c >= name_start) {
                    continue;
                }
            }
            let addr = &addr[..end];
            // 36号之2的邻居…: after a house number, 的 and a word that is no part of an
            // address end it.
            let addr = match addr.match_indices('的').find(|(k, _)| {
                addr[..*k]
                    .chars()
                    .rev()
                    .take(4)
                    .any(|c| c.is_ascii_digit() || "号室户楼层*".contains(c))
            }) {
                Some((k, _)) => &addr[..k],
                None => addr,
            };
            let trigger = self.text[whole.start()..m.start()].trim_end_matches([
                '：', ':', ' ', '　', '（', '(', '为', '是', '在', '于', '|', '｜',
            ]);
            // 送达地点：渣江镇松柏村村部: a village's or a community's office is a public
            // place where a paper is served, no one's home; so is a business's site
            // (…坡尾村东侧养殖场, 汽贸园区8号宏达汽车美容装饰店).
            if trigger.starts_with("送达")
                && BODIES
                    .iter()
                    .chain(&["村部", "服务中心", "本局", "办公室"])
                    .chain(BUSINESS_SITES)
                    .any(|w| addr.trim_end().ends_with(w))
            {
                continue;
            }
            // 本局地址：…: the agency's own address.
            if ["本局", "本机关", "我局", "本所", "本大队", "本中队", "本委"]
                .iter()
                .any(|w| self.text[..whole.start()].ends_with(w))
            {
                continue;
            }
            // | 住址 | …村8巷3号 |: a table cell under a home's label; a shared label
            // (| 通信地址 | …) in a table may be a firm's, and is left to its row.
            if self.text[whole.start()..m.start()].contains(['|', '｜'])
                && ![
                    "住址",
                    "家庭住址",
                    "现住址",
                    "户籍地",
                    "户籍地址",
                    "居住地",
                    "居住地址",
                    "家住",
                    "现住",
                ]
                .contains(&trigger)
            {
                continue;
            }
            // A business's address (经营地址, 营业场所地址, 注册地址) is not a home.
            if ["经营", "营业", "注册", "办公", "生产", "经营场所"]
                .iter()
                .any(|w| self.text[..whole.start()].ends_with(w))
            {
                continue;
            }
            // A note in brackets after it: (公司) marks a business; another note ends it.
            let addr = match addr.find(['（', '(']) {
                Some(b) => {
                    let note = &addr[b..];
                    if ["公司", "经营", "门店", "店）", "店)"]
                        .iter()
                        .any(|w| note.contains(w))
                        || note.trim_start_matches(['（', '(']).starts_with("单位")
                    {
                        continue;
                    }
                    &addr[..b]
                }
                None => addr,
            };
            // 住 alone: not 住所 (an organisation's seat), 住宿, 住院, 住房, 住户.
            if trigger == "住"
                && addr
                    .chars()
                    .next()
                    .is_some_and(|c| "所宿院房户宅建".contains(c))
            {
                continue;
            }
            // 居住, 入住, 挡住 …: verbs, not an address; but a place right after 租住,
            // 借住 or 暂住 and a gap (在城区租住 某区某街道 某路 …) is where one lives.
            let lodged = self.text[whole.start()..m.start()]
                .strip_prefix('住')
                .is_some_and(|r| r.starts_with([' ', '　', '在', '于']))
                && ["租", "借", "暂"]
                    .iter()
                    .any(|w| self.text[..whole.start()].ends_with(w));
            if trigger == "住"
                && !lodged
                && self.text[..whole.start()]
                    .chars()
                    .next_back()
                    .is_some_and(|c| "居入暂常同留借租挡拦抓记停站".contains(c))
            {
                continue;
            }
            // Inside a law's title (《住宅室内装饰装修管理办法》).
            if crate::conditions::in_title(self.text, whole.start()) {
                continue;
            }
            // 户籍地址, 家庭地址, 居住地址: a person's whatever stands before.
            let personal = ["户籍地址", "家庭地址", "居住地址", "现住地址", "户口地址"]
                .iter()
                .any(|w| trigger.ends_with(w));
            if SHARED_WORDS.iter().any(|w| trigger.ends_with(w))
                && !personal
                && (!natural_person_before(self.text, whole.start())
                    || organisation_seat(self.text, whole.start())
                    || crate::contacts::in_contact_block(self.text, whole.start()))
            {
                continue;
            }
            // 当事人：…有限公司，统一社会信用代码…，房屋坐落：…: an organisation's building.
            if trigger.ends_with("坐落") && organisation_seat(self.text, whole.start()) {
                continue;
            }
            // A body, not a home: 街道办事处, 居委会, 村委会 … — unless a village's committee
            // is only a level of the home, a place and a house number after it (…红竹园村委会
            // 小红竹园村 36号).
            let level = ["村委会", "村民委员会", "居委会", "居民委员会"]
                .iter()
                .any(|b| {
                    addr.rfind(b).is_some_and(|i| {
                        let after = &addr[i + b.len()..];
                        after.contains('号') && after.chars().any(|c| c.is_ascii_digit())
                    })
                });
            if BODIES.iter().any(|b| addr.contains(b)) && !level {
                continue;
            }
            let Some(cut) = below_road(addr) else {
                continue;
            };
            self.mask_address(m.start() + cut, &addr[cut..]);
        }
        self.homes_named_by_nouns();
        // 齐贤村8组农户: a village group named as farmers' homes.
        for c in village_home_re().captures_iter(self.text) {
            let Some(m) = c.get(1) else { continue };
            self.push(
                Kind::Address,
                m.start(),
                m.end(),
                "***".into(),
                "农户（自然人）住址中的村、组，隐去",
            );
        }
        // 联东村17组 (a village group: a few dozen households) and 淞南九村121号 (an
        // estate's house): a home wherever they stand; the village or estate stays.
        for c in village_group_re().captures_iter(self.text) {
            let Some(m) = crate::patterns::first_group(&c) else {
                continue;
            };
            // A group without a house number is a home only where the clause says so
            // (家住本村二组, 户籍地…7组, …17组也为其暂住地); 在…村七组擅自建设 and 占用…
            // 十七组东侧农用地 name where something was done.
            if c.get(1).is_some_and(|g| !g.as_str().contains('号'))
                && !group_named_as_home(self.text, m.start(), m.end())
            {
                continue;
            }
            // …坡尾村东侧的养殖场: where a business's site lies, no one's home.
            if business_site_after(&self.text[m.end()..]) {
                continue;
            }
            self.push(
                Kind::Address,
                m.start(),
                m.end(),
                "***".into(),
                "自然人住址中的村民小组或新村门牌，隐去",
            );
        }
        self.free_form_homes();
        self.spread_homes();
    }

    pub(crate) fn mask_address(&mut self, s: usize, tail: &str) {
        let tail = tail.trim_end();
        // 中山一路88号铺, …号门面: a shop's address, no one's home.
        if !home_tail(tail)
            || ["号铺", "商铺", "门面", "门市", "档口"]
                .iter()
                .any(|w| tail.ends_with(w))
        {
            return;
        }
        self.push(
            Kind::Address,
            s,
            s + tail.len(),
            "***".into(),
            "自然人住址，隐去街道（路）以下的门牌信息",
        );
    }
}

/// Whether `tail` holds what lies below road level: a number, a building or a village.
pub(crate) fn home_tail(tail: &str) -> bool {
    if tail.is_empty() || tail.chars().all(|c| c == '*') {
        return false;
    }
    let digit = tail
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    let place = [
        "号", "弄", "室", "栋", "幢", "楼", "组", "单元", "村", "小区", "苑", "公寓", "大厦",
        "社区", "新村", "花园", "里", "巷", "院",
    ]
    .iter()
    .any(|w| tail.contains(w));
    digit || place
}

/// Whether the party of the document is a natural person: particulars of a person and
/// no organisation code.
pub(crate) fn party_is_person(text: &str) -> bool {
    ["身份证", "公民身份", "性别"]
        .iter()
        .any(|w| text.contains(w))
        && !text.contains("信用代码")
}

fn village_group_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(
            r"(?:[\p{Han}&&[^镇乡区县市街道路的在]]{1,5}村|居委会|社区)([0-9一二三四五六七八九十]{1,3}[组社](?: ?[0-9]{1,4} ?号)?)(?:[^委长区]|$)|村委会([\p{Han}]{1,4}村)|[\p{Han}]{2,4}[一二三四五六七八九十]{1,3}村([0-9]{1,4}号(?:楼?[0-9]{1,4}室)?)|(?:^|[^第0-9一二三四五六七八九十])([0-9]{1,2}组[0-9]{1,4}号)(?:[^0-9楼院文令]|$)",
        )
        .expect("constant pattern")
    })
}

/// Whether the clause around a village group at `s..e` names it as someone's home: a
/// word of dwelling before it in the clause, or right after it.
fn group_named_as_home(text: &str, s: usize, e: usize) -> bool {
    let start = text[..s]
        .rfind(['。', '；', '，', ',', '\n'])
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
    let before = &text[start..s];
    let after: String = text[e..].chars().take(8).collect();
    [
        "住", "户籍", "籍贯", "居住", "现居", "居于", "暂居", "定居", "寄居", "居所", "家住",
        "们家", "我家", "其家", "家在", "家就", "老家",
    ]
    .iter()
    .any(|w| before.contains(w))
        || ["住", "农户", "村民", "居民", "住户", "家"]
            .iter()
            .any(|w| after.contains(w))
}

fn village_home_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(
            r"([\p{Han}&&[^镇乡区县市街道路的在]]{1,5}村[0-9一二三四五六七八九十]{1,3}(?:组|队))(?:的)?(?:农户|村民|居民|住户)",
        )
        .expect("constant pattern")
    })
}

/// The part of an address masking after byte `from` (where a name that overlaps it
/// ends), if a home's details lie there.
pub(crate) fn address_after(
    text: &str,
    mut a: crate::Masking,
    from: usize,
) -> Option<crate::Masking> {
    if a.kind != crate::Kind::Address || a.end <= from || from <= a.start {
        return None;
    }
    let tail = &text[from..a.end];
    if !home_tail(tail.trim_start_matches(|c: char| !c.is_alphanumeric())) {
        return None;
    }
    a.start = from;
    a.original = tail.to_string();
    Some(a)
}
