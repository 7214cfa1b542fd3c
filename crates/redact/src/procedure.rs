//! Criminal proceedings against a person: held or bailed for a suspected offence
//! (因涉嫌盗窃被…派出所刑事拘留, 被取保候审, 被逮捕, 被监视居住). Like a sentence it is
//! a criminal record (`Kind::Criminal`); the statute's general words (可以采取取保候审
//! 措施) name no one and are left alone.

use crate::{Finder, Kind};

fn procedure_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    crate::patterns::re(
        &R,
        r"因(?:涉嫌)?\p{Han}{2,10}?被\p{Han}{0,16}?(?:刑事拘留|逮捕|取保候审|监视居住)(?:[一二三四五六七八九十两0-9]+(?:日|天|个月))?|被(?:依法)?(?:刑事拘留|批准逮捕|逮捕|取保候审|监视居住)",
    )
}

impl Finder<'_> {
    /// 因涉嫌…被…刑事拘留, 被取保候审 …: a person's criminal proceedings.
    pub(super) fn proceedings(&mut self) {
        self.sensitive_words(
            procedure_re(),
            Kind::Criminal,
            "个人被采取刑事强制措施（刑事拘留、取保候审等）属犯罪记录类敏感个人信息，隐去",
            |_| false,
        );
    }
}
