//! A person's criminal record in a form or a register: the offence and the sentence
//! in their fields (罪名：…罪, 原判刑罚：拘役三个月，缓刑六个月), an offence after 因犯
//! (因犯盗窃罪), and a sentence with its term (有期徒刑一年六个月, 缓刑二年). A field
//! ends at a full stop, a semicolon, a comma (罪名：盗窃罪，…), a wide gap or the line end.

use crate::{Finder, Kind};

/// A labelled field of a record and its value, to the end of the line or a wide gap.
fn field_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    crate::patterns::re(
        &R,
        r"(?:罪名|原判刑罚|判处刑罚|判决刑罚|刑罚|原判刑期|刑期)[：:][ 　]*([^\n：:]{2,30}?)(?:[ 　]{2,}|[。；;，,\n]|$)",
    )
}

/// An offence after 因犯/犯有/以…罪被判, and a sentence with its term.
fn offence_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    crate::patterns::re(
        &R,
        r"(?:因犯有?|以)(\p{Han}{2,12}?罪)|(?:曾|曾经)?因(\p{Han}{2,10}?罪)被(?:判处|判决|判|追究刑事责任|提起公诉)[\p{Han}]{0,4}|(?:拘役|有期徒刑|管制)[一二三四五六七八九十两半0-9]+(?:年|个月)(?:[一二三四五六七八九十两0-9]+个?月)?(?:[，,、]?缓刑[一二三四五六七八九十两半0-9]+(?:年|个月)(?:[一二三四五六七八九十两0-9]+个?月)?)?|缓刑[一二三四五六七八九十两半0-9]+(?:年|个月)",
    )
}

/// A person's record in other words: a charge under investigation (涉嫌故意伤害罪), a
/// past (暴力犯罪前科, 有前科), custody (看守所羁押), detention or compulsory treatment for an
/// offence (因吸毒被…行政拘留十日, 强制隔离戒毒), a fugitive sought (在逃人员, 网上追逃), a
/// sentence in other words (因…被判刑, 坐过牢, 仍在缓刑考验期内), and
/// drunk driving with the blood test that proves it (血液酒精含量85mg/100ml，属醉酒驾驶: a
/// crime, 危险驾驶罪).
fn record_phrase_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    crate::patterns::re(
        &R,
        r"涉嫌(\p{Han}{2,10}?罪)|(?:暴力|刑事|毒品|盗窃|违法)?犯罪前科|有前科|(?:看守所|拘留所|戒毒所|监狱)(?:羁押|关押|服刑)|因\p{Han}{2,8}?被\p{Han}{0,10}?(?:行政拘留|司法拘留|强制隔离戒毒)(?:[一二三四五六七八九十两0-9]+(?:日|天|个月|年))?|强制隔离戒毒|在逃人员|(?:网上|上网)追逃中?|(?:现|目前)?(?:仍在|尚在|正在|仍处于|处于)?缓刑考验期(?:内|间|中)?|(?:曾|曾经)?因\p{Han}{2,8}?(?:被判刑|被判过刑|判过刑|坐过牢)|曾(?:被判刑|被判过刑|判过刑|坐过牢)|(?:血液)?酒精含量(?:为|达|是)?[：:]?\s*[0-9.]+\s*mg/100\s*ml[，,]?(?:属|系|已达)?(?:醉酒驾驶|醉驾)?|属醉酒驾驶",
    )
}

/// Whether the blood-alcohol figure of the record at `s..e` (its own, or the last one
/// before it in its sentence, for 属醉酒驾驶) is a legal threshold (80mg/100ml以上,
/// 大于或者等于80mg/100ml, …mg/100ml的) rather than a person's result.
fn legal_threshold(text: &str, s: usize, e: usize) -> bool {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = crate::patterns::re(
        &R,
        r"((?:大于|等于|不低于|低于|不足|≥|＞|>)\s*)?[0-9.]+\s*mg/100\s*ml(\s*(?:以上|及以上|（含）以上|以下|的))?",
    );
    let start = text[..s]
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, '。' | '；' | '，' | '\n'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    re.captures_iter(&text[start..e])
        .last()
        .is_some_and(|c| c.get(1).is_some() || c.get(2).is_some())
        || re
            .captures(&text[s..])
            .filter(|c| c.get(0).is_some_and(|m| s + m.start() < e))
            .is_some_and(|c| c.get(1).is_some() || c.get(2).is_some())
}

impl Finder<'_> {
    /// Offences and sentences of a person (社区矫正 records, a party's past).
    pub(super) fn criminal_records(&mut self) {
        let text = self.text;
        let provisions = crate::patterns::quoted_provisions(text);
        let quoted = |s: usize| provisions.iter().any(|&(a, b)| a <= s && s < b);
        let mut spans = Vec::new();
        for c in field_re().captures_iter(text) {
            let Some(v) = c.get(1) else { continue };
            let value = v.as_str().trim_end();
            let sentence = ["拘役", "徒刑", "管制", "缓刑", "罚金", "死刑", "剥夺"]
                .iter()
                .any(|w| value.contains(w));
            if !(value.ends_with('罪') || sentence) {
                continue;
            }
            spans.push((v.start(), v.start() + value.len()));
        }
        for c in offence_re().captures_iter(text) {
            let Some(m) = c.get(1).or_else(|| c.get(0)) else {
                continue;
            };
            // 以…罪 only when a sentence or a charge follows (以盗窃罪被判…).
            if c.get(1).is_some()
                && text[c.get(0).map_or(0, |w| w.start())..].starts_with('以')
                && !["被判", "判处", "被追究", "被起诉", "被提起"]
                    .iter()
                    .any(|w| text[m.end()..].starts_with(w))
            {
                continue;
            }
            spans.push((m.start(), m.end()));
        }
        for c in record_phrase_re().captures_iter(text) {
            let (Some(all), charge) = (c.get(0), c.get(1)) else {
                continue;
            };
            // 涉嫌构成犯罪的，移送…: the statute's words, no one's record.
            if charge.is_some_and(|m| m.as_str().contains('犯') || m.as_str().starts_with("构成"))
            {
                continue;
            }
            let m = charge.unwrap_or(all);
            // 强制隔离戒毒所: the name of an institution, a body, not a record.
            if text[m.end()..].starts_with('所') {
                continue;
            }
            // 酒精含量达到80mg/100ml以上属醉酒驾驶: the legal threshold, no one's test.
            if (m.as_str().contains("mg/100") || m.as_str().contains("醉"))
                && legal_threshold(text, m.start(), m.end())
            {
                continue;
            }
            spans.push((m.start(), m.end()));
        }
        for (s, e) in spans {
            if quoted(s) || crate::conditions::in_title(text, s) {
                continue;
            }
            self.push(
                Kind::Criminal,
                s,
                e,
                "***".into(),
                "个人的犯罪记录（罪名、刑罚）属敏感个人信息，隐去",
            );
        }
    }
}
