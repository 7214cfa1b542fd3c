//! Whose vehicle a plate is: a company's or a public body's (the words around the plate,
//! the bracket it stands in — 出租车司机（新Q·T1188，…出租汽车公司）, a note after it, the
//! answer on the next line) keeps its plate; a private one's goes.
//! The plate finders themselves (whole, masked in part at the source, and the vehicle
//! identification number) stand here too.

use crate::patterns::{half_plate_re, is_ascii_alnum_at, plate_re, preceded_by};
use crate::{Finder, Kind};

/// The plate at `s..e` opens a bracket (…（plate，…）) whose words, to its close (a
/// bracket inside it passed over, a line break allowed where a table's cell wraps), name
/// a company and no private owner.
pub(crate) fn company_in_bracket(text: &str, s: usize, e: usize) -> bool {
    if !text[..s].ends_with(['（', '(']) || !text[e..].starts_with(['，', ',', '、', ' ']) {
        return false;
    }
    let mut depth = 0;
    let mut inner = String::new();
    for c in text[e..].chars().take(120) {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' if depth == 0 => break,
            '）' | ')' => depth -= 1,
            _ if depth == 0 => inner.push(c),
            _ => {}
        }
    }
    ["公司", "集团"].iter().any(|w| inner.contains(w))
        && !["个人", "私家", "自有", "本人"]
            .iter()
            .any(|w| inner.contains(w))
}

/// Whether the plate at `s..e` is a company's vehicle: the company just before it
/// (该公司自卸车沪D…), named as its keeper in the sentence after it (车牌沪F…，行驶证上
/// 是…有限公司的), or the party's own vehicle (当事人所属…) when the party is an
/// organisation. A private car (私家车) never is.
pub(crate) fn company_vehicle(text: &str, s: usize, e: usize) -> bool {
    // In a list of plates (…渣土车鲁B·D5827、鲁B·D5863) the words before the list count.
    let mut head = s;
    while let Some(prev) = text[..head].strip_suffix('、') {
        match plate_re().find_iter(prev).last() {
            Some(p) if p.end() == prev.len() => head = p.start(),
            _ => break,
        }
    }
    // A plate opening its line (the first cell of a table row): the line above is
    // another row, whose words are not this plate's.
    let line_start = crate::patterns::line_start(text, head);
    let opens_line = text[line_start..head]
        .trim_start_matches([' ', '　'])
        .is_empty();
    let before: String = text[if opens_line { line_start } else { 0 }..head]
        .chars()
        .rev()
        .take(8)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    // 粤A·0T958（广州羊城出租汽车有限公司出租车）: the note after the plate names its keeper.
    if let Some(note) = crate::patterns::bracket_note(&text[e..], 30)
        && ["公司", "集团", "单位"].iter().any(|w| note.contains(w))
        && !["个人", "私家"].iter().any(|w| note.contains(w))
    {
        return true;
    }
    if ["私家车", "个人", "其自有", "本人"]
        .iter()
        .any(|w| before.contains(w))
    {
        return false;
    }
    // 闽J·5K327号小型轿车（个人所有）: the note a few words on says whose it is.
    let near: String = text[e..].chars().take(16).collect();
    if ["个人所有", "私人所有", "私家车", "系其个人"]
        .iter()
        .any(|w| near.contains(w))
    {
        return false;
    }
    if crate::vehicles::company_in_bracket(text, s, e) {
        return true;
    }
    let sentence: String = text[e..]
        .chars()
        .take_while(|c| !matches!(c, '。' | '？' | '?' | '\n' | '；'))
        .take(40)
        .collect();
    // What the sentence says after another plate is said of that one (…闽H·5D728运送
    // 垃圾，随后由闽H·A8361（…公司所有）货车转运).
    // A list of plates (沪BK3371、沪BK3372属…公司) shares what is said after it.
    let other = plate_re().find_iter(&sentence).find(|p| {
        !sentence[..p.start()]
            .chars()
            .next_back()
            .is_some_and(|c| "、和及与".contains(c))
    });
    let sentence = match other {
        Some(p) => sentence[..p.start()].to_string(),
        None => sentence,
    };
    let org_party = text
        .lines()
        .find(|l| l.trim_start().starts_with("当事人"))
        .is_some_and(|l| {
            ["公司", "有限", "集团", "合作社"]
                .iter()
                .any(|w| l.contains(w))
        });
    // …城市管理局陕G·D0613执法车, …维护处皖K·A2196抢修车: a public body's vehicle, named
    // by the body right before it or by the kind of service vehicle right after it.
    let service: String = text[e..].chars().take(6).collect();
    ["公司", "单位"].iter().any(|w| before.contains(w))
        // (住所, 住处, 加油站 are no bodies: only their full words count.)
        || [
            "局", "中队", "大队", "政府", "管理处", "维护处", "养护处", "派出所", "管理所", "服务站", "管理站",
        ]
        .iter()
        .any(|w| before.ends_with(w))
        || [
            "执法车", "抢修车", "公务车", "警车", "消防车", "救护车", "洒水车", "环卫车", "巡逻车", "抢险车",
            "工程车", "清扫车",
        ]
        .iter()
        .any(|w| service.trim_start_matches(['号', ' ']).starts_with(w))
            // …所有的皖M·5K327号洒水车: a service vehicle that someone owns (a body
            // that owns one is named before it and counted above).
            && !["所有的", "名下的", "自有的", "自家的"]
                .iter()
                .any(|w| before.ends_with(w))
        || [
            "公司的",
            "公司名下",
            "公司所有",
            "单位的",
            "公司自有",
            "单位自有",
            "系公司",
            "系单位",
        ]
            .iter()
            .any(|w| sentence.contains(w))
        || (org_party && before.contains("当事人"))
        // …京A·Q3128的重型自卸货车（登记所有人为当事人）: the party owns it.
        || (org_party
            && ["所有人为当事人", "属当事人", "当事人所有", "当事人名下"]
                .iter()
                .any(|w| sentence.contains(w)))
        || belongs_to_company(&sentence)
        || owner_is_company(&sentence)
        || answered_company(text, e)
}

/// …，车辆所有人：某某土方工程有限公司: the owner named right after the plate is an
/// organisation (not one a driver's own truck is only 挂靠 to).
fn owner_is_company(sentence: &str) -> bool {
    let Some(i) = ["所有人", "车主"]
        .iter()
        .filter_map(|w| sentence.find(w).map(|i| i + w.len()))
        .min()
    else {
        return false;
    };
    let value: String = sentence[i..]
        .trim_start_matches(['：', ':', '为', '是', ' ', '　'])
        .chars()
        .take_while(|c| !matches!(c, '，' | ',' | '。' | '；' | '（' | '(' | '、'))
        .collect();
    ["公司", "厂", "合作社", "集团", "中心", "车队"]
        .iter()
        .any(|w| value.ends_with(w))
        && !["挂靠", "个人", "实际"]
            .iter()
            .any(|w| sentence.contains(w))
}

/// 问：…你驾驶的冀F·B7265…？ 答：是。车是公司的: the answer on the next line says
/// the vehicle is a company's.
fn answered_company(text: &str, e: usize) -> bool {
    let Some(nl) = text[e..].find('\n') else {
        return false;
    };
    let line_start = crate::patterns::line_start(text, e);
    if !text[line_start..e].trim_start().starts_with("问") {
        return false;
    }
    let next = text[e + nl + 1..].split('\n').next().unwrap_or("");
    let head: String = next.trim_start().chars().take(24).collect();
    head.starts_with("答")
        && [
            "公司的",
            "单位的",
            "公司名下",
            "单位名下",
            "公司所有",
            "公司自有",
        ]
        .iter()
        .any(|w| head.contains(w))
        && !["私家", "个人", "我自己"].iter().any(|w| head.contains(w))
}

/// …沪BK3371、沪BK3372属上海申城渣土运输有限公司: the sentence says whose the vehicle is.
fn belongs_to_company(sentence: &str) -> bool {
    sentence.find('属').is_some_and(|i| {
        let rest: String = sentence[i..].chars().take(24).collect();
        let rest = rest.split(['，', ',']).next().unwrap_or("");
        ["公司", "单位", "集团"].iter().any(|w| rest.contains(w))
    })
}

/// A fishing boat's number (闽莆渔65321, 浙岱渔03215) or a farm machine's plate
/// (冀11-06317: a province, the area's two digits and five).
fn other_plate_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(
            r"[京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新][\p{Han}]渔(?:运|养|捕)?[0-9]{4,6}|[京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新][0-9]{2}-[0-9]{5}",
        )
        .expect("constant pattern")
    })
}

impl Finder<'_> {
    pub(super) fn plates(&mut self) {
        for m in plate_re().find_iter(self.text) {
            let (s, e) = (m.start(), m.end());
            if is_ascii_alnum_at(self.text, e, false) || self.body_vehicle(s, e) {
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
        // 渔船“闽莆渔65321”, 悬挂“冀11-06317”号牌照: a fishing boat's number and a farm
        // machine's plate are a private owner's as a car's plate is.
        for m in other_plate_re().find_iter(self.text) {
            let (s, e) = (m.start(), m.end());
            if is_ascii_alnum_at(self.text, e, false) || self.body_vehicle(s, e) {
                continue;
            }
            let v = m.as_str();
            let digits = v.chars().filter(char::is_ascii_digit).count();
            let head: String = v.chars().take_while(|c| !c.is_ascii_digit()).collect();
            let head = if head.is_empty() {
                v.chars().take(3).collect()
            } else {
                head
            };
            self.push(
                Kind::Plate,
                s,
                e,
                format!("{head}{}", "*".repeat(digits.min(8))),
                "渔船船号或农业机械号牌，只保留省份简称和地区代号",
            );
        }
        self.half_plates();
        self.vins();
    }

    /// Whether the plate at `s..e` is a company's or an agency's vehicle.
    fn body_vehicle(&self, s: usize, e: usize) -> bool {
        preceded_by(
            self.text,
            s,
            &["公司名下", "单位名下", "公司所属", "公司所有"],
            20,
        ) || company_vehicle(self.text, s, e)
            || crate::agencies::agency_vehicle(self.text, s, e)
    }

    /// A plate the source masked in part (豫R·8K3**, 黑C·9**3Q) still shows its
    /// letters and digits that are left: all of the serial becomes stars.
    fn half_plates(&mut self) {
        for m in half_plate_re().find_iter(self.text) {
            let (s, e) = (m.start(), m.end());
            let serial: Vec<char> = m
                .as_str()
                .chars()
                .skip(2)
                .filter(|c| !matches!(c, '·' | '•') && !c.is_whitespace())
                .collect();
            let stars = serial.iter().filter(|c| matches!(c, '*' | '＊')).count();
            if stars == 0
                || stars == serial.len()
                || is_ascii_alnum_at(self.text, e, false)
                || matches!(self.text[e..].chars().next(), Some('*' | '＊'))
                || self.body_vehicle(s, e)
            {
                continue;
            }
            let head: String = m.as_str().chars().take(2).collect();
            self.push(
                Kind::Plate,
                s,
                e,
                format!("{head}{}", "*".repeat(serial.len())),
                "机动车号牌（来源已部分遮盖），只保留省份简称和发牌机关代号",
            );
        }
    }

    /// A vehicle identification number after its label (车辆识别代号：LGXCE…, 车架号…):
    /// 17 letters and digits (no I, O, Q); a company's vehicle keeps it.
    fn vins(&mut self) {
        for w in ["车辆识别代号", "车辆识别代码", "车架号", "VIN码", "VIN"] {
            for (i, _) in self.text.match_indices(w) {
                let s = i + w.len();
                let rest = self.text[s..].trim_start_matches(['：', ':', ' ', '为', '是']);
                // 车辆识别代号后六位：136482: the serial's end alone still finds the car.
                if let Some(tail) = ["后六位", "后6位", "末六位", "末6位", "后八位", "后8位"]
                    .iter()
                    .find_map(|t| rest.strip_prefix(t))
                {
                    let tail = tail.trim_start_matches(['：', ':', ' ', '为', '是']);
                    let n = tail.chars().take_while(char::is_ascii_alphanumeric).count();
                    let at = self.text.len() - tail.len();
                    if (6..=8).contains(&n) && !company_vehicle(self.text, at, at + n) {
                        self.push(
                            Kind::Plate,
                            at,
                            at + n,
                            "*".repeat(n),
                            "车辆识别代号（车架号）的后几位指向车主，隐去",
                        );
                    }
                    continue;
                }
                let s = self.text.len() - rest.len();
                let vin: String = rest
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .take(18)
                    .collect();
                if vin.len() != 17
                    || vin.contains(['I', 'O', 'Q'])
                    || !vin.chars().any(|c| c.is_ascii_digit())
                    || company_vehicle(self.text, s, s + 17)
                {
                    continue;
                }
                self.push(
                    Kind::Plate,
                    s,
                    s + 17,
                    format!("{}{}", &vin[..3], "*".repeat(14)),
                    "车辆识别代号（车架号）指向车主，只保留前3位（制造厂代码）",
                );
            }
        }
    }
}
