//! A school named in the same sentence as a child: whatever the phrasing around it, a
//! school (小学, 中学, an abbreviated 一中 / 七中, 幼儿园, 特殊教育学校, 职业中专, 技校)
//! beside an age under eighteen, a child's kin word (儿子, 孙女, 其子 …) or a pupil's
//! word (读书, 就读, 读初二) is the child's — a minor's detail — and so is a grade
//! written right after it (阜阳一中 高三). A grade followed by 学生 (初一学生) is a
//! pupil's wherever it stands.

use std::sync::OnceLock;

use regex::Regex;

use crate::patterns::re;
use crate::{Finder, Kind};

/// A school's name: up to fourteen characters that are no punctuation, then a school
/// word; then perhaps a grade and a class.
fn school_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"[^\s，。；;,、（()）《》：:“”「」\x22|│在于系是的某读上念]{2,14}?(?:小学|中学|初级中学|高级中学|特殊教育学校|实验学校|职业教育中心|职教中心|职业技术学校|职业学校|职业中学|职业高中|技工学校|中等专业学校|中专|技校|职校|卫校|幼儿园|附中|附小|[一二三四五六七八九十]{1,3}中)(?:\s*(?:初[一二三]|高[一二三]|[一二三四五六]\s*年\s*级)(?:\s*[（(]?[0-9０-９一二三四五六七八九十]{1,2}[）)]?\s*班)?)?",
    )
}

/// What tells that a sentence speaks of a child.
fn child_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:^|[^0-9０-９])(?:[1-9]|1[0-7]|[１-９]|１[０-７]|[一二三四五六七八九十]|十[一二三四五六七])\s*(?:周)?岁|儿子|女儿|孙子|孙女|外孙|其子|其女|其孙|之子|之女|之孙|孩子|小孩|未成年|读书|就读|在读|读[初高一二三四五六]",
    )
}

/// 初一学生, 高三（2）班学生: a pupil's grade.
fn pupil_grade_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:初[一二三]|高[一二三])(?:\s*[（(]?[0-9０-９]{1,2}[）)]?\s*班)?学生|[上读念](?:小学|初中|高中|幼儿园)",
    )
}

impl Finder<'_> {
    /// Schools and grades in a sentence that speaks of a child.
    pub(super) fn pupils(&mut self) {
        let text = self.text;
        let mut found = Vec::new();
        let mut at = 0;
        for sentence in text.split_inclusive(['。', '；', '！', '？', '\n', '|', '│']) {
            let start = at;
            at += sentence.len();
            if !child_re().is_match(sentence) {
                continue;
            }
            for m in school_re().find_iter(sentence) {
                let name = m.as_str();
                // A university is no minor's; a title (《…中小学…规范》) names no school.
                let before = &sentence[..m.start()];
                if name.contains("大学")
                    || name.contains("学院")
                    || before.matches('《').count() > before.matches('》').count()
                {
                    continue;
                }
                if crate::schoolbody::school_reports(sentence, m.start(), m.end()) {
                    continue;
                }
                found.push((start + m.start(), start + m.end()));
            }
        }
        for m in pupil_grade_re().find_iter(text) {
            found.push((m.start(), m.end()));
        }
        for (s, e) in found {
            self.push(
                Kind::Minor,
                s,
                e,
                "***".into(),
                "未成年人的就读学校、年级、班级属敏感个人信息（个人信息保护法第二十八条），隐去",
            );
        }
    }
}
