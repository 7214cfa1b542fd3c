//! Find and mask personal information in Chinese administrative texts such as
//! 行政处罚决定书, and say exactly what was masked and why.
//!
//! Masked: 居民身份证号 (18 digits with a valid check character, and the old 15-digit
//! form; birth date hidden), mobile and landline numbers (+86, spaces, dashes, 区号),
//! bank card numbers (Luhn-valid), vehicle plates (new-energy included), e-mail
//! addresses, natural persons' names — given as parties, or after role words (当事人,
//! 法定代表人, 负责人, 委托代理人, 联系人, 证人 …), compound surnames included, shown as
//! surname + 某某 — and home
//! addresses below street level.
//!
//! Left alone: 统一社会信用代码, 文号, amounts, dates, law names and article numbers,
//! organisation names, road names that contain a surname (欧阳路), and enforcement
//! officers acting in office with their 执法证号.
//!
//! [`redact`] is idempotent: masking masked text changes nothing.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

/// What kind of personal information a masking hides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    IdCard,
    BankCard,
    Phone,
    Email,
    Plate,
    Address,
    Name,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::IdCard => "身份证号",
            Kind::BankCard => "银行卡号",
            Kind::Phone => "电话号码",
            Kind::Email => "电子邮箱",
            Kind::Plate => "车牌号",
            Kind::Address => "住址",
            Kind::Name => "自然人姓名",
        }
    }

    /// Which wins when two findings overlap (lower first).
    fn priority(self) -> u8 {
        match self {
            Kind::IdCard => 0,
            Kind::BankCard => 1,
            Kind::Email => 2,
            Kind::Phone => 3,
            Kind::Plate => 4,
            Kind::Name => 5,
            Kind::Address => 6,
        }
    }
}

/// One masking: where in the original text (byte offsets), what it was, what it
/// became and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Masking {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub original: String,
    pub replacement: String,
    pub reason: String,
}

/// The masked text and every masking, in text order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Redacted {
    pub text: String,
    pub maskings: Vec<Masking>,
}

/// What the caller knows about the text.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Names of natural persons who are parties: masked wherever they appear.
    pub parties: Vec<String>,
    /// Names of enforcement officers acting in office: never masked.
    pub officers: Vec<String>,
}

/// Common single-character surnames (百家姓 order of frequency, the first few hundred).
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由";

/// Compound surnames.
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "夏侯", "轩辕", "令狐", "钟离", "端木", "西门", "南宫", "独孤", "百里", "呼延", "万俟", "闻人",
    "赫连", "澹台", "公冶", "宗政", "濮阳", "太史", "申屠", "仲孙", "第五", "拓跋", "单于", "司空",
];

/// Words after which a natural person's name follows.
const ROLE_WORDS: &[&str] = &[
    "当事人",
    "法定代表人",
    "负责人",
    "委托代理人",
    "代理人",
    "联系人",
    "证人",
    "经营者",
    "投诉人",
    "举报人",
    "户主",
    "业主",
    "监护人",
    "驾驶人",
    "驾驶员",
    "实际经营人",
    "被检查人",
];

/// Words that introduce enforcement officers acting in office (their names stay).
const OFFICER_WORDS: &[&str] = &["执法人员", "承办人", "办案人员", "检查人员", "执法队员"];

/// Characters that end a given name (they follow names in decisions, and are rarely
/// part of one).
const NAME_STOP: &str = "男女性身住系于在因等及和与的是为某驾在经店厂";

/// Words that end a given name when they follow it (律师 in 王五律师).
const NAME_STOP_WORDS: &[&str] = &[
    "律师", "先生", "女士", "同志", "出生", "民族", "汉族", "个体", "工商", "已经", "现住", "户籍",
    "家庭", "地址", "电话", "手机", "号码", "联系", "营业", "执照", "统一", "社会", "信用", "负责",
    "法定", "代表", "委托", "代理", "证号", "执法", "公司", "对其", "未按", "擅自", "违反", "违法",
];

fn stop_at(s: &str) -> bool {
    s.chars().next().is_some_and(|c| NAME_STOP.contains(c))
        || NAME_STOP_WORDS.iter().any(|w| s.starts_with(w))
}

/// Road-level words in an address: what follows them is below street level.
const ROAD_WORDS: &[&str] = &["大道", "胡同", "路", "街", "巷", "道"];

/// Place words that end a name found by a known party's name (张三路 is a road).
const PLACE_AFTER: &str = "路街道巷桥村镇乡弄区县市省湾港园";

/// The patterns are constants, compiled once (and checked by `patterns_compile`).
fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("constant pattern"))
}

fn id_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"\d{17}[\dXx]|\d{15}")
}
fn card_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"\d{4}(?:[ -]?\d{4}){3}(?:[ -]?\d{1,3})?")
}
fn mobile_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"(?:\+?86[-\s]?)?1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}")
}
fn landline_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3})[-\s]?\d{7,8}(?:-\d{1,4})?",
    )
}
fn bare_phone_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:电话|手机|联系方式|联系电话|手机号码|电话号码)[：:\s]*(\d{7,8})",
    )
}
fn email_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
}
fn plate_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·•\s]?(?:[DF][A-HJ-NP-Z0-9]\d{4}|\d{5}[DF]|[A-HJ-NP-Z0-9]{5})",
    )
}
fn address_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:家庭住址|现住址|户籍地址|户籍所在地|居住地址|居住地|现住|住址)(?:为|是)?[：:\s]*([^，。；;,\n）)]+)",
    )
}

fn is_ascii_alnum_at(text: &str, i: usize, before: bool) -> bool {
    let c = if before {
        text[..i].chars().next_back()
    } else {
        text[i..].chars().next()
    };
    c.is_some_and(|c| c.is_ascii_alphanumeric())
}

fn digit_adjacent(text: &str, start: usize, end: usize) -> bool {
    let b = text[..start].chars().next_back();
    let a = text[end..].chars().next();
    b.is_some_and(|c| c.is_ascii_digit()) || a.is_some_and(|c| c.is_ascii_digit())
}

/// GB 11643 check character.
fn id_check_ok(s: &str) -> bool {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const C: &[u8; 11] = b"10X98765432";
    let b = s.as_bytes();
    if b.len() != 18 {
        return false;
    }
    let sum: u32 = b[..17]
        .iter()
        .zip(W)
        .map(|(d, w)| u32::from(d.wrapping_sub(b'0')) * w)
        .sum();
    C[(sum % 11) as usize] == b[17].to_ascii_uppercase()
}

fn date_ok(y: u32, m: u32, d: u32) -> bool {
    if !(1900..=2100).contains(&y) || !(1..=12).contains(&m) || d == 0 {
        return false;
    }
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    d <= days[(m - 1) as usize]
}

fn num(s: &str) -> u32 {
    s.parse().unwrap_or(0)
}

fn luhn_ok(digits: &str) -> bool {
    let mut sum = 0;
    for (i, c) in digits.chars().rev().enumerate() {
        let Some(mut d) = c.to_digit(10) else {
            return false;
        };
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum % 10 == 0
}

fn preceded_by(text: &str, start: usize, words: &[&str], within_chars: usize) -> bool {
    let before: String = text[..start]
        .chars()
        .rev()
        .take(within_chars)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    words.iter().any(|w| before.contains(w))
}

struct Finder<'a> {
    text: &'a str,
    found: Vec<Masking>,
}

impl Finder<'_> {
    fn push(&mut self, kind: Kind, start: usize, end: usize, replacement: String, reason: &str) {
        let original = self.text[start..end].to_string();
        if original == replacement {
            return;
        }
        self.found.push(Masking {
            kind,
            start,
            end,
            original,
            replacement,
            reason: reason.to_string(),
        });
    }

    fn id_cards(&mut self) {
        for m in id_re().find_iter(self.text) {
            let (s, e) = (m.start(), m.end());
            if is_ascii_alnum_at(self.text, s, true) || is_ascii_alnum_at(self.text, e, false) {
                continue;
            }
            let v = m.as_str();
            if preceded_by(self.text, s, &["信用代码", "注册号", "执法证"], 14) {
                continue;
            }
            if v.len() == 18 {
                let ok =
                    id_check_ok(v) && date_ok(num(&v[6..10]), num(&v[10..12]), num(&v[12..14]));
                if ok {
                    let rep = format!("{}********{}", &v[..6], &v[14..]);
                    self.push(
                        Kind::IdCard,
                        s,
                        e,
                        rep,
                        "18位身份证号（校验码有效），隐去出生日期（第7–14位）",
                    );
                }
            } else if date_ok(1900 + num(&v[6..8]), num(&v[8..10]), num(&v[10..12]))
                && preceded_by(self.text, s, &["身份证", "公民身份号码", "证件号"], 12)
            {
                let rep = format!("{}******{}", &v[..6], &v[12..]);
                self.push(
                    Kind::IdCard,
                    s,
                    e,
                    rep,
                    "15位旧身份证号，隐去出生日期（第7–12位）",
                );
            }
        }
    }

    fn bank_cards(&mut self) {
        for m in card_re().find_iter(self.text) {
            let (s, e) = (m.start(), m.end());
            if digit_adjacent(self.text, s, e) {
                continue;
            }
            let digits: String = m.as_str().chars().filter(char::is_ascii_digit).collect();
            if !(16..=19).contains(&digits.len()) || !luhn_ok(&digits) {
                continue;
            }
            if digits.len() == 18 && id_check_ok(&digits) {
                continue; // an identity number, found above
            }
            let rep = format!(
                "{}{}{}",
                &digits[..4],
                "*".repeat(digits.len() - 8),
                &digits[digits.len() - 4..]
            );
            self.push(
                Kind::BankCard,
                s,
                e,
                rep,
                "银行卡号（Luhn 校验有效），只保留前4位和后4位",
            );
        }
    }

    fn phones(&mut self) {
        for m in mobile_re().find_iter(self.text) {
            let (s, e) = (m.start(), m.end());
            if digit_adjacent(self.text, s, e) {
                continue;
            }
            let digits: String = m.as_str().chars().filter(char::is_ascii_digit).collect();
            let local = &digits[digits.len() - 11..];
            let prefix = if digits.len() > 11 { "+86 " } else { "" };
            let rep = format!("{prefix}{}****{}", &local[..3], &local[7..]);
            self.push(Kind::Phone, s, e, rep, "手机号码，隐去中间4位");
        }
        for m in landline_re().find_iter(self.text) {
            let (s, e) = (m.start(), m.end());
            if digit_adjacent(self.text, s, e) {
                continue;
            }
            let v = m.as_str();
            // Keep the area code as written, mask all but the last 4 digits of the number.
            let split = v
                .char_indices()
                .find(|(i, c)| *i > 2 && (*c == '-' || *c == ' ' || *c == ')' || *c == '）'))
                .map(|(i, c)| i + c.len_utf8())
                .unwrap_or_else(|| {
                    if v.starts_with("01") || v.starts_with("02") {
                        3
                    } else {
                        4
                    }
                });
            let (area, number) = v.split_at(split.min(v.len()));
            let digits: Vec<char> = number.chars().filter(char::is_ascii_digit).collect();
            if digits.len() < 7 {
                continue;
            }
            let keep: String = digits[digits.len() - 4..].iter().collect();
            let rep = format!("{area}{}{keep}", "*".repeat(digits.len() - 4));
            self.push(Kind::Phone, s, e, rep, "固定电话号码，保留区号和后4位");
        }
        for c in bare_phone_re().captures_iter(self.text) {
            let Some(m) = c.get(1) else { continue };
            let (s, e) = (m.start(), m.end());
            if digit_adjacent(self.text, s, e) {
                continue;
            }
            let v = m.as_str();
            let rep = format!("{}{}", "*".repeat(v.len() - 4), &v[v.len() - 4..]);
            self.push(Kind::Phone, s, e, rep, "电话号码（无区号），保留后4位");
        }
    }

    fn emails(&mut self) {
        for m in email_re().find_iter(self.text) {
            let v = m.as_str();
            let Some((user, domain)) = v.split_once('@') else {
                continue;
            };
            let first: String = user.chars().take(1).collect();
            let rep = format!("{first}***@{domain}");
            self.push(
                Kind::Email,
                m.start(),
                m.end(),
                rep,
                "电子邮箱，只保留首字符和域名",
            );
        }
    }

    fn plates(&mut self) {
        for m in plate_re().find_iter(self.text) {
            let (s, e) = (m.start(), m.end());
            if is_ascii_alnum_at(self.text, e, false) {
                continue;
            }
            let head: String = m.as_str().chars().take(2).collect();
            let rest = m
                .as_str()
                .chars()
                .skip(2)
                .filter(|c| c.is_ascii_alphanumeric())
                .count();
            let rep = format!("{head}{}", "*".repeat(rest));
            self.push(
                Kind::Plate,
                s,
                e,
                rep,
                "机动车号牌，只保留省份简称和发牌机关代号",
            );
        }
    }

    fn addresses(&mut self) {
        for c in address_re().captures_iter(self.text) {
            let Some(m) = c.get(1) else { continue };
            let addr = m.as_str();
            // Keep up to the end of the first road word; without one, up to 区/县/镇/乡.
            let cut = ROAD_WORDS
                .iter()
                .filter_map(|w| addr.find(w).map(|i| i + w.len()))
                .min()
                .or_else(|| {
                    ["区", "县", "镇", "乡"]
                        .iter()
                        .filter_map(|w| addr.find(w).map(|i| i + w.len()))
                        .max()
                });
            let Some(cut) = cut else { continue };
            let tail = addr[cut..].trim_end();
            if tail.is_empty() || tail.chars().all(|c| c == '*') {
                continue;
            }
            let s = m.start() + cut;
            let e = s + tail.len();
            self.push(
                Kind::Address,
                s,
                e,
                "***".into(),
                "自然人住址，隐去街道（路）以下的门牌信息",
            );
        }
    }

    /// Names after role words; returns the names found.
    fn role_names(&mut self, officers: &BTreeSet<String>) -> BTreeSet<String> {
        let mut names = BTreeSet::new();
        for role in ROLE_WORDS {
            let mut from = 0;
            while let Some(i) = self.text[from..].find(role) {
                let at = from + i + role.len();
                from = at;
                // A longer role word may contain this one (委托代理人 ⊃ 代理人): skip when the
                // word is itself preceded by the rest of a longer role.
                let rest = &self.text[at..];
                let rest = rest.trim_start_matches(['：', ':', ' ', '　', '为', '是']);
                let offset = self.text.len() - rest.len();
                if let Some(name) = person_name(rest)
                    && !officers.contains(&name)
                    && !name.contains('某')
                {
                    let rep = masked_name(&name);
                    self.push(
                        Kind::Name,
                        offset,
                        offset + name.len(),
                        rep,
                        &format!("“{role}”后的自然人姓名，保留姓氏"),
                    );
                    names.insert(name);
                }
            }
        }
        names
    }

    /// Every other occurrence of a known person's name.
    fn known_names(&mut self, names: &BTreeSet<String>, officers: &BTreeSet<String>) {
        for name in names {
            if name.chars().count() < 2 || officers.contains(name) || name.contains('某') {
                continue;
            }
            let rep = masked_name(name);
            let mut from = 0;
            while let Some(i) = self.text[from..].find(name.as_str()) {
                let s = from + i;
                let e = s + name.len();
                from = e;
                if self.text[e..]
                    .chars()
                    .next()
                    .is_some_and(|c| PLACE_AFTER.contains(c))
                {
                    continue; // 张三路 is a road
                }
                self.push(
                    Kind::Name,
                    s,
                    e,
                    rep.clone(),
                    "当事人（自然人）姓名，保留姓氏",
                );
            }
        }
    }
}

/// Surname + 某某 (张某某, 欧阳某某), whatever the length of the given name, so the
/// length is not revealed (docs/RULES.md § "De-identification (去标识化)").
fn masked_name(name: &str) -> String {
    let surname_len = surname_of(name)
        .map(str::len)
        .unwrap_or_else(|| name.chars().next().map(char::len_utf8).unwrap_or(0));
    format!("{}某某", &name[..surname_len])
}

fn surname_of(name: &str) -> Option<&'static str> {
    if let Some(c) = COMPOUND_SURNAMES.iter().find(|c| name.starts_with(**c)) {
        return Some(c);
    }
    let first = name.chars().next()?;
    let i = SURNAMES.find(first)?;
    SURNAMES.get(i..i + first.len_utf8())
}

/// A natural person's name at the start of `s`: a surname and one or two given-name
/// characters, ended by a stop character, punctuation or a non-Chinese character.
/// An organisation name (longer, or ending in 公司/店/厂…) is not a person's name.
fn person_name(s: &str) -> Option<String> {
    let surname = surname_of(s)?;
    let rest = &s[surname.len()..];
    let mut given = String::new();
    for (i, c) in rest.char_indices() {
        let cjk = ('\u{4e00}'..='\u{9fff}').contains(&c);
        if !cjk || stop_at(&rest[i..]) {
            break;
        }
        given.push(c);
        if given.chars().count() > 2 {
            return None; // 3+ characters after the surname: an organisation or a phrase
        }
    }
    if given.is_empty() {
        return None;
    }
    let after = &rest[given.len()..];
    // A name ends at punctuation, a bracket, a space, a digit, the end, or a stop word.
    let ends_well = after
        .chars()
        .next()
        .is_none_or(|c| !('\u{4e00}'..='\u{9fff}').contains(&c) || stop_at(after));
    ends_well.then(|| format!("{surname}{given}"))
}

/// Find and mask personal information in `text`.
pub fn redact(text: &str, opts: &Options) -> Redacted {
    let officers: BTreeSet<String> = opts
        .officers
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .chain(officer_names(text))
        .collect();
    let mut f = Finder {
        text,
        found: Vec::new(),
    };
    f.id_cards();
    f.bank_cards();
    f.emails();
    f.phones();
    f.plates();
    f.addresses();
    let mut names = f.role_names(&officers);
    names.extend(
        opts.parties
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
    );
    f.known_names(&names, &officers);
    // Resolve overlaps: earlier start first, then priority, then longer.
    let mut found = f.found;
    found.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(a.kind.priority().cmp(&b.kind.priority()))
            .then(b.end.cmp(&a.end))
    });
    let mut kept: Vec<Masking> = Vec::new();
    for m in found {
        match kept.last() {
            Some(last) if m.start < last.end => {
                // Overlap: a masking that covers the other hides it too; otherwise the
                // higher-priority kind wins.
                let m_covers = m.start <= last.start && m.end >= last.end;
                let last_covers = last.start <= m.start && last.end >= m.end;
                if !last_covers && (m_covers || m.kind.priority() < last.kind.priority()) {
                    kept.pop();
                    kept.push(m);
                }
            }
            _ => kept.push(m),
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for m in &kept {
        out.push_str(&text[at..m.start]);
        out.push_str(&m.replacement);
        at = m.end;
    }
    out.push_str(&text[at..]);
    Redacted {
        text: out,
        maskings: kept,
    }
}

/// Officers named after officer words in the text itself (执法人员：王某某、李某某).
fn officer_names(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in OFFICER_WORDS {
        let mut from = 0;
        while let Some(i) = text[from..].find(w) {
            let at = from + i + w.len();
            from = at;
            // Up to the end of the clause: names separated by 、，and spaces.
            let clause: String = text[at..]
                .chars()
                .take_while(|c| !matches!(c, '。' | '；' | ';' | '\n'))
                .take(60)
                .collect();
            for part in clause.split(['、', '，', ',', ' ', '：', ':', '（', '）', '(', ')']) {
                if let Some(n) = person_name(part.trim()) {
                    out.push(n);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        for r in [
            id_re(),
            card_re(),
            mobile_re(),
            landline_re(),
            bare_phone_re(),
            email_re(),
            plate_re(),
            address_re(),
        ] {
            assert!(!r.as_str().is_empty());
        }
    }

    #[test]
    fn names_after_role_words() {
        assert_eq!(person_name("张三，男"), Some("张三".into()));
        assert_eq!(person_name("欧阳娜娜（身份证"), Some("欧阳娜娜".into()));
        assert_eq!(person_name("上海某某餐饮有限公司"), None);
        assert_eq!(person_name("王五律师"), Some("王五".into()));
        assert_eq!(person_name("李"), None);
    }

    #[test]
    fn luhn() {
        assert!(luhn_ok("4111111111111111"));
        assert!(!luhn_ok("4111111111111112"));
    }
}
