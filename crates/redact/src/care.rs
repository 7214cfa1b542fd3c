//! Care a person depends on, in plain words: a grade of lost self-care (二级失能), being
//! bedridden (卧病在床), tube feeding (需鼻饲), oxygen at home (家庭氧疗), needing a hand
//! to walk or eat (走路都要人扶), a trembling hand (手一直抖), a memory that fails
//! (记不住事), rehabilitation (做康复), and a deaf person or one who speaks through a
//! sign-language interpreter (聋人, 通过手语翻译). Each tells a person's health
//! (个人信息保护法 第二十八条).

use std::sync::OnceLock;

use regex::Regex;

use crate::patterns::re;
use crate::{Finder, Kind};

fn care_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:[一二三四1-4]级|重度|中度|轻度|完全|部分)失能|失能(?:老人|人员)|卧病在床|卧床不起|长期卧床|(?:下|起)不了床|(?:需要?|靠|依靠|插着?)?鼻饲|(?:家庭|居家|长期)?氧疗|(?:走路|行走|起身|下床|上厕所|吃饭|穿衣)(?:都|也)?(?:要|需要|得|靠)(?:人|别人|家人)(?:扶|搀扶|搀|喂|照顾|帮忙)(?:着)?|(?:双手|手|头)(?:一直|总是|老是|不停地?|止不住地?)?(?:发抖|颤抖|抖个不停|哆嗦|抖)|记不住事(?:情|儿)?|记性(?:很|特别)?(?:差|不好)|做\s*康复(?:训练|治疗)?|聋哑?人|(?:通过|借助|依靠|靠|用)手语(?:翻译)?",
    )
}

impl Finder<'_> {
    /// Care a person depends on, and the signs of a condition in plain words.
    pub(super) fn care_needs(&mut self) {
        let text = self.text;
        self.sensitive_words(
            care_re(),
            Kind::Health,
            "健康信息（失能、照护需要、身体状况）属敏感个人信息（个人信息保护法第二十八条），隐去",
            // 聋人协会, 聋人学校: a body, not a person.
            |m| {
                m.as_str().ends_with('人')
                    && ["协会", "学校", "联合会", "之家", "服务"]
                        .iter()
                        .any(|w| text[m.end()..].starts_with(w))
            },
        );
    }
}
