//! Birth dates written out next to a person (男，1985年3月12日出生; 生日是正月十五; 我属虎的),
//! which would undo the masking of the birth date in the identity number.

use std::sync::OnceLock;

use regex::Regex;

use crate::patterns::{num, re};
use crate::{Finder, Kind};

/// A date: 1985年3月12日, 一九八五年三月十二日, 1953年（农历）腊月初八, 1985-03-12, 1985.3.12, 1985/03/12.
const DATE: &str = r"(?:[0-9０-９]{4}|[〇○零一二三四五六七八九]{4})\s*年\s*(?:[（(]?\s*(?:农历|阴历)\s*[）)]?\s*(?:正|腊|冬|闰?[一二三四五六七八九十]{1,2})|正|腊|冬)月\s*(?:初[一二三四五六七八九十]|十[一二三四五六七八九]|廿[一二三四五六七八九]|二十[一二三四五六七八九]?|三十)?|(?:[0-9０-９]{4}|[〇○零一二三四五六七八九]{4})\s*年\s*(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,2}|元)\s*月(?:\s*(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]|初[一二三四五六七八九十]|十[一二三四五六七八九]|廿[一二三四五六七八九]|二十[一二三四五六七八九]?|三十)?|[0-9０-９]{4}\s*年\s*[*＊×Xx]{1,2}\s*月(?:\s*[*＊×Xx]{1,2}\s*[日号])?|[0-9]{4}[-./][0-9]{1,2}(?:[-./][0-9]{1,2})?|[12][0-9]{7}|(?:[12][0-9]{3}|[一][九][〇○零一二三四五六七八九]{2})\s*年";

fn birth_after_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        // 七九年腊月生的: a year in two spoken digits, and a lunar or plain month.
        &format!(
            r"({DATE}|(?:农历|阴历)?[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年(?:[正腊冬一二三四五六七八九十]{{1,2}}月(?:初[一二三四五六七八九十]|十[一二三四五六七八九]|廿[一二三四五六七八九]|二十[一二三四五六七八九]?|三十)?)?的?|民国[〇零一二三四五六七八九十]{{1,4}}\s*年|(?:[5-9][0-9]|0[0-9])\s*年|[〇零一二三四五六七八九]{{2}}年(?:[一二三四五六七八九十正腊冬]{{1,2}}月[初廿卅一二三四五六七八九十]{{0,3}})?)\s*(?:出生|生人|生)"
        ),
    )
}

fn birth_before_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        &format!(
            r"(?:出生日期|出生年月日|出生年月|出生年份|出生时间|出生于|生于|生日|出生[：:\s_　]|(?:身份证|出生证明?|出生医学证明|户口本|户口簿)上(?:却|则|也)?(?:写的|登记的|印的|登记|写着|印着|是)|身份证登记|(?:户口|户籍)(?:本)?上?登记(?:为|的是|是))(?:为|是)?[：:\s_　│｜|]*(?:[？?]\s*答[：:]\s*)?((?:农历|阴历)?{DATE}|(?:农历|阴历)?[正腊冬一二三四五六七八九十]{{1,2}}月(?:初[一二三四五六七八九十]|廿[一二三四五六七八九]|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|三十)|[0-9]{{2}}\s*年\s*[0-9]{{1,2}}\s*月|[0-9０-９]{{1,2}}\s*月\s*[0-9０-９]{{1,2}}\s*[日号]|[〇零一二三四五六七八九]{{2}}年(?:[一二三四五六七八九十正腊冬]{{1,2}}月)?|[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年(?:[（(][0-9]{{4}}年[）)])?)"
        ),
    )
}

/// A lunar day told as one's birthday after it (是农历三月初三的生日; without 农历 when
/// the month is 正/腊/冬 or the day is counted with 初/廿: 腊月二十三的生日, 三月初三的生日;
/// or before 生的: 冬月初三生的).
fn lunar_birthday_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"((?:(?:农历|阴历)[正腊冬一二三四五六七八九十]{1,2}|[正腊冬])月(?:初[一二三四五六七八九十]|十[一二三四五六七八九]|廿[一二三四五六七八九]|二十[一二三四五六七八九]?|三十|十)|[一二三四五六七八九十]{1,2}月(?:初[一二三四五六七八九十]|廿[一二三四五六七八九]))(?:的?生日|生的|生[，,。；])",
    )
}

/// 属 and an animal of the twelve, standing as a word (我属虎的, 属羊，今年…).
fn zodiac_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(属[鼠牛虎兔龙蛇马羊猴鸡狗猪])(?:相|的|[，,。；;、\s）)]|$)",
    )
}

/// A lunar date in brackets right after a birth date (…生（农历正月廿二）).
fn lunar_beside_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:日|月)(?:出)?生[（(]((?:农历|阴历)[^）)]{2,12})[）)]",
    )
}

/// A full date right after 男/女 or right before 汉族/…族: a birth date in a party's
/// particulars even without 出生 (张三，男，1985年3月12日，汉族).
fn birth_particulars_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:(?:男|女)[，,、\s]*|[，,、]\s*)((?:[12][0-9]{3})\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日|[12][0-9]{3}[-./][0-9]{1,2}[-./][0-9]{1,2})([，,、\s]*(?:汉族|[^\s，,。]{1,3}族))?",
    )
}

impl Finder<'_> {
    pub(super) fn birth_dates(&mut self) {
        self.birth_particulars();
        self.lunar_beside();
        self.zodiac();
        for (s, e) in crate::columns::birth_column_cells(self.text) {
            let rep = masked_date(&self.text[s..e]);
            self.push(
                Kind::BirthDate,
                s,
                e,
                rep,
                "出生日期列中的自然人出生日期，整体隐去",
            );
        }
        for r in [birth_after_re(), birth_before_re()] {
            for c in r.captures_iter(self.text) {
                let Some(m) = c.get(1) else { continue };
                let whole = c.get(0).map(|w| w.end()).unwrap_or(m.end());
                // 生 alone: not 生效, 生产, 生活 …
                if self.text[..whole].ends_with('生')
                    && !self.text[..whole].ends_with("出生")
                    && self.text[whole..]
                        .chars()
                        .next()
                        .is_some_and(|n| !"，,。；;)）(（、 \n\t\u{3000}的".contains(n))
                {
                    continue;
                }
                // 王福生于2026年4月在…: a name ending in 生 before 于 and a time when
                // something was done, no birth.
                let trigger = &self.text[c.get(0).map_or(m.start(), |w| w.start())..m.start()];
                // 违法行为发生于…, 产生于: 生于 ends another word.
                let at = c.get(0).map_or(m.start(), |w| w.start());
                if trigger.starts_with("生于")
                    && self.text[..at].ends_with(['发', '产', '衍', '派', '寄', '滋'])
                {
                    continue;
                }
                if trigger.starts_with("生于")
                    && c.get(0).is_some_and(|w| {
                        self.text[..w.start()]
                            .chars()
                            .next_back()
                            .is_some_and(crate::patterns::han)
                    })
                    && [
                        "在", "起", "开始", "以来", "期间", "先后", "将", "把", "对", "擅自",
                        "未经",
                        // 责令贾春生于2026年8月31日前回填: a deadline, no birth.
                        "前", "之前", "以前", "内",
                    ]
                    .iter()
                    .any(|w| self.text[m.end()..].starts_with(w))
                {
                    continue;
                }
                // A year named by the sexagenary cycle (壬寅年) gives it back too.
                let rep = if m
                    .as_str()
                    .starts_with(|c| "甲乙丙丁戊己庚辛壬癸".contains(c))
                {
                    "****年".to_string()
                } else {
                    masked_date(m.as_str())
                };
                self.push(
                    Kind::BirthDate,
                    m.start(),
                    m.end(),
                    rep,
                    "自然人的出生日期（与身份证号中隐去的出生日期相同），整体隐去",
                );
            }
        }
    }

    /// 我属虎的, 她属羊: the animal of one's birth year names the year (with an age, the
    /// very year), so it goes as a birth date does.
    fn zodiac(&mut self) {
        for c in zodiac_re().captures_iter(self.text) {
            let Some(m) = c.get(1) else { continue };
            // 归属, 金属, 亲属, 所属 …: 属 closes another word.
            let before = self.text[..m.start()].chars().next_back();
            if before.is_some_and(|b| "归附亲金下专隶所从家统部直配眷".contains(b)) {
                continue;
            }
            self.push(
                Kind::BirthDate,
                m.start(),
                m.end(),
                "***".into(),
                "生肖可推知出生年份（出生日期已隐去），隐去",
            );
        }
    }

    /// 1948年3月2日生（农历正月廿二）: the lunar date given beside a birth date is one too;
    /// so is one told as one's birthday (农历三月初三的生日).
    fn lunar_beside(&mut self) {
        let told = [lunar_birthday_re(), lunar_beside_re()]
            .into_iter()
            .flat_map(|r| r.captures_iter(self.text));
        let dates: Vec<(usize, usize)> = told
            .filter_map(|c| c.get(1).map(|m| (m.start(), m.end())))
            .collect();
        for (s, e) in dates {
            self.push(
                Kind::BirthDate,
                s,
                e,
                "***".into(),
                "自然人的出生日期（农历），整体隐去",
            );
        }
    }

    fn birth_particulars(&mut self) {
        for c in birth_particulars_re().captures_iter(self.text) {
            let (Some(whole), Some(m)) = (c.get(0), c.get(1)) else {
                continue;
            };
            let gender = whole.as_str().starts_with('男') || whole.as_str().starts_with('女');
            let nation = c.get(2).is_some();
            let year = num(&m.as_str()[..4]);
            // Only old enough to be a birth date (event dates are recent).
            if !(gender || nation) || year > 2016 {
                continue;
            }
            self.push(
                Kind::BirthDate,
                m.start(),
                m.end(),
                masked_date(m.as_str()),
                "当事人基本情况中的出生日期，整体隐去",
            );
        }
    }
}

/// `****年**月**日`: the first run of digits as 4 asterisks, every later one as 2,
/// whatever their width, so the form reveals nothing; the words of a lunar month or day
/// (正月, 腊月, 冬月, 闰, 初八, 廿二) count as digits, so no month is left to read. A
/// date without its year (11月30日) is `**月**日`.
fn masked_date(s: &str) -> String {
    let mut out = String::new();
    let mut in_run = false;
    // No 年 and no four-digit year first (1985-03-12 has one).
    let yearless = !s.contains('年')
        && s.trim_start()
            .chars()
            .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
            .count()
            <= 2;
    let mut runs = usize::from(yearless);
    for c in s.chars() {
        if c.is_whitespace() {
            continue;
        }
        let digit = c.is_ascii_digit()
            || ('０'..='９').contains(&c)
            || "〇○零一二三四五六七八九十元正腊冬闰初廿".contains(c);
        if digit {
            if !in_run {
                out.push_str(if runs == 0 { "****" } else { "**" });
                runs += 1;
            }
            in_run = true;
        } else {
            in_run = false;
            out.push(c);
        }
    }
    out
}
