//! Health in the words a caller or a party uses: bedridden (长期卧床), sleepless and
//! anxious (长期失眠、焦虑), a pregnancy by its weeks or its child (孕28周, 怀着二胎),
//! lung disease by its short name (慢阻肺) and the pills for blood pressure or sugar
//! (降压药, 降糖药).

use crate::{Finder, Kind};

fn state_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(
            r"(?:长期)?卧床(?:不起)?|(?:长期|严重|经常)?失眠|焦虑(?:症)?|孕\d{1,2}周|怀着?[一二三头]胎|慢阻肺|降压药|降糖药",
        )
        .expect("constant pattern")
    })
}

impl Finder<'_> {
    /// 长期卧床, 失眠, 孕28周 …: a person's state of health in plain words.
    pub(super) fn plain_states(&mut self) {
        for m in state_re().find_iter(self.text) {
            self.push(
                Kind::Health,
                m.start(),
                m.end(),
                "***".into(),
                "健康信息（身体状况）属敏感个人信息（个人信息保护法第二十八条），隐去",
            );
        }
    }
}
