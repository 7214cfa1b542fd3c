//! 政策精准推送: applicability tags, the enterprise profile and the matching rule —
//! pure, unit-tested without a database.

use std::collections::BTreeSet;

use super::industry::tree;

code_enum!(
    /// The dimensions of applicability.
    TagKind {
        Industry = ("industry", "行业"),
        District = ("district", "区"),
        Scale = ("scale", "企业规模"),
        Subject = ("subject", "主体类型"),
        Theme = ("theme", "主题"),
    }
);

code_enum!(
    /// Shanghai's districts, by their administrative division code (GB/T 2260).
    District {
        Huangpu = ("310101", "黄浦区"),
        Xuhui = ("310104", "徐汇区"),
        Changning = ("310105", "长宁区"),
        Jingan = ("310106", "静安区"),
        Putuo = ("310107", "普陀区"),
        Hongkou = ("310109", "虹口区"),
        Yangpu = ("310110", "杨浦区"),
        Minhang = ("310112", "闵行区"),
        Baoshan = ("310113", "宝山区"),
        Jiading = ("310114", "嘉定区"),
        Pudong = ("310115", "浦东新区"),
        Jinshan = ("310116", "金山区"),
        Songjiang = ("310117", "松江区"),
        Qingpu = ("310118", "青浦区"),
        Fengxian = ("310120", "奉贤区"),
        Chongming = ("310151", "崇明区"),
    }
);

code_enum!(
    /// Enterprise scale (《统计上大中小微型企业划分办法》); 个体工商户 is a subject type.
    Scale {
        Large = ("large", "大型"),
        Medium = ("medium", "中型"),
        Small = ("small", "小型"),
        Micro = ("micro", "微型"),
    }
);

code_enum!(
    /// The kind of market subject.
    Subject {
        Enterprise = ("enterprise", "企业"),
        Individual = ("individual", "个体工商户"),
        Cooperative = ("cooperative", "农民专业合作社"),
        SocialOrg = ("social_org", "社会组织"),
    }
);

code_enum!(
    /// Policy themes a subscriber may choose.
    Theme {
        Business = ("business", "优化营商环境"),
        MinorExemption = ("minor_exemption", "轻微免罚"),
        FoodProduction = ("food_production", "食品生产"),
        Catering = ("catering", "餐饮服务"),
        Support = ("support", "中小企业扶持"),
        Employment = ("employment", "稳岗就业"),
    }
);

/// The applicability tags of one policy (a document with its interpretation, or a
/// measure). An empty dimension means "not limited" in that dimension.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Applicability {
    pub industries: BTreeSet<String>,
    pub districts: BTreeSet<&'static str>,
    pub scales: BTreeSet<&'static str>,
    pub subjects: BTreeSet<&'static str>,
    pub themes: BTreeSet<&'static str>,
}

impl Applicability {
    /// From stored `(kind, code)` rows; unknown codes are dropped (they cannot match).
    pub fn from_rows<'a>(rows: impl IntoIterator<Item = (&'a str, &'a str)>) -> Applicability {
        let mut a = Applicability::default();
        for (kind, code) in rows {
            match TagKind::parse(kind) {
                Some(TagKind::Industry) => {
                    if let Some(i) = tree().get(code) {
                        a.industries.insert(i.code.to_string());
                    }
                }
                Some(TagKind::District) => {
                    if let Some(d) = District::parse(code) {
                        a.districts.insert(d.code());
                    }
                }
                Some(TagKind::Scale) => {
                    if let Some(s) = Scale::parse(code) {
                        a.scales.insert(s.code());
                    }
                }
                Some(TagKind::Subject) => {
                    if let Some(s) = Subject::parse(code) {
                        a.subjects.insert(s.code());
                    }
                }
                Some(TagKind::Theme) => {
                    if let Some(t) = Theme::parse(code) {
                        a.themes.insert(t.code());
                    }
                }
                None => {}
            }
        }
        a
    }

    /// `(kind, code)` rows, the stored form.
    pub fn rows(&self) -> Vec<(TagKind, String)> {
        let mut out: Vec<(TagKind, String)> = Vec::new();
        out.extend(
            self.industries
                .iter()
                .map(|c| (TagKind::Industry, c.clone())),
        );
        for (k, set) in [
            (TagKind::District, &self.districts),
            (TagKind::Scale, &self.scales),
            (TagKind::Subject, &self.subjects),
            (TagKind::Theme, &self.themes),
        ] {
            out.extend(set.iter().map(|c| (k, c.to_string())));
        }
        out
    }

    /// A policy without any tag is not targeted and is never pushed.
    pub fn is_targeted(&self) -> bool {
        !(self.industries.is_empty()
            && self.districts.is_empty()
            && self.scales.is_empty()
            && self.subjects.is_empty()
            && self.themes.is_empty())
    }

    /// The tags as `(dimension, labels)` for display, dimensions without tags left out.
    pub fn display(&self) -> Vec<(&'static str, String)> {
        let join = |v: Vec<String>| v.join("、");
        let mut out = Vec::new();
        let mut push = |k: TagKind, v: Vec<String>| {
            if !v.is_empty() {
                out.push((k.label(), join(v)));
            }
        };
        push(
            TagKind::Industry,
            self.industries.iter().map(|c| tree().label(c)).collect(),
        );
        push(
            TagKind::District,
            labels(&self.districts, District::ALL, District::code),
        );
        push(
            TagKind::Scale,
            labels(&self.scales, Scale::ALL, Scale::code),
        );
        push(
            TagKind::Subject,
            labels(&self.subjects, Subject::ALL, Subject::code),
        );
        push(
            TagKind::Theme,
            labels(&self.themes, Theme::ALL, Theme::code),
        );
        out
    }
}

/// The labels of the codes in `set`, in the enum's own order (大型, 中型, 小型, 微型).
fn labels<T: Copy + std::fmt::Display>(
    set: &BTreeSet<&'static str>,
    all: &[T],
    code: fn(T) -> &'static str,
) -> Vec<String> {
    all.iter()
        .filter(|t| set.contains(code(**t)))
        .map(|t| t.to_string())
        .collect()
}

/// What an enterprise says about itself (a subscription or a self-check).
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    /// GB/T 4754 codes the enterprise works in (at least one).
    pub industries: Vec<String>,
    pub district: District,
    pub scale: Scale,
    pub subject: Subject,
    /// Themes of interest; empty: every theme.
    pub themes: Vec<Theme>,
}

/// Why a policy reaches an enterprise: one line per dimension that met.
pub type Why = Vec<String>;

/// The matching rule. A policy reaches a profile when it is in force, it is targeted,
/// and every dimension it limits holds: one of its industries covers one of the
/// profile's (hierarchically), and the district, scale and subject type are among
/// its own; a profile that chose themes gets only policies sharing one of them.
/// Returns the reasons (the tags that met), or `None`.
pub fn matches(a: &Applicability, in_force: bool, p: &Profile) -> Option<Why> {
    if !in_force || !a.is_targeted() {
        return None;
    }
    let t = tree();
    let mut why = Vec::new();
    if !a.industries.is_empty() {
        let (pol, held) = a.industries.iter().find_map(|pol| {
            p.industries
                .iter()
                .find(|h| t.covers(pol, h))
                .map(|h| (pol, h))
        })?;
        if pol == held {
            why.push(format!("行业：{}", t.label(pol)));
        } else {
            why.push(format!(
                "行业：{}（含贵单位的 {}）",
                t.label(pol),
                t.label(held)
            ));
        }
    }
    if !a.districts.is_empty() {
        if !a.districts.contains(p.district.code()) {
            return None;
        }
        why.push(format!("区：{}", p.district.label()));
    }
    if !a.scales.is_empty() {
        if !a.scales.contains(p.scale.code()) {
            return None;
        }
        why.push(format!("规模：{}", p.scale.label()));
    }
    if !a.subjects.is_empty() {
        if !a.subjects.contains(p.subject.code()) {
            return None;
        }
        why.push(format!("主体类型：{}", p.subject.label()));
    }
    if !p.themes.is_empty() {
        let hit: Vec<&str> = p
            .themes
            .iter()
            .filter(|th| a.themes.contains(th.code()))
            .map(|th| th.label())
            .collect();
        if hit.is_empty() {
            return None;
        }
        why.push(format!("您关注的主题：{}", hit.join("、")));
    }
    if why.is_empty() {
        // Limited only by themes the profile did not narrow: name them.
        why.push(format!(
            "主题：{}",
            labels(&a.themes, Theme::ALL, Theme::code).join("、")
        ));
    }
    Some(why)
}

/// Space-separated codes, the stored form of a subscriber's lists.
pub fn join_codes<'a>(codes: impl IntoIterator<Item = &'a str>) -> String {
    codes.into_iter().collect::<Vec<_>>().join(" ")
}

pub fn split_codes(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

/// The message a Message-ID (`<push-{id}-{token8}@host>`, angle brackets optional)
/// or delivery id names: (id, the first 8 characters of its open token).
pub fn message_of(message_id: &str) -> Option<(i64, String)> {
    let s = message_id
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>');
    let local = s.split('@').next()?;
    let rest = local.strip_prefix("push-")?;
    let (id, token) = rest.split_once('-')?;
    let id: i64 = id.parse().ok().filter(|n| *n > 0)?;
    (token.len() == 8 && token.chars().all(|c| c.is_ascii_hexdigit()))
        .then(|| (id, token.to_string()))
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;
