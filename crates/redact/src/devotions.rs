//! Religion by its practice rather than by the names of faiths: a devotion a person
//! keeps (念经, 每日诵经, 礼拜五次, 上香, 拜佛, 祷告, 朝拜转经, 煨桑, 赕佛, 斋戒), a rite
//! kept by a faith's custom (按伊斯兰教习俗土葬), its objects (转经筒,
//! 经堂 at home), and a religious calling (在寺院为僧, 出家为尼, 伊斯兰教阿訇, 佛教居士) —
//! each reveals a belief (个人信息保护法 第二十八条). A temple or a mosque named as a
//! place stays.

use std::sync::OnceLock;

use regex::Regex;

use crate::patterns::re;
use crate::{Finder, Kind};

fn devotion_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:请|找|叫)(?:了)?(?:道公|道士|师公|和尚|喇嘛|阿訇|神父|牧师|先生)(?:来)?(?:做|念|办|打)(?:了)?(?:法事|道场|经|斋|醮)|做(?:了)?(?:法事|道场)|(?:每日|每天|每周|每晚|每早|常年|天天)?(?:要|都|去|坚持)?(?:念经|诵经|念佛|拜佛|礼佛|烧香|上香|祷告|转经|朝拜|做礼拜|礼拜|煨桑|赕佛|做弥撒|望弥撒|封斋|斋戒|做主麻)(?:[一二三四五六七八九十两\d]+次)?|(?:按|依|按照|依照|遵照)[\p{Han}]{0,4}?(?:伊斯兰教|佛教|道教|天主教|基督教|藏传佛教|宗教)(?:的)?(?:习俗|教规|礼仪|仪式|风俗)|转经筒|转经轮|念珠|经堂|佛堂|供奉(?:着)?(?:佛像|佛祖|观音|菩萨|神像|圣像)|(?:在寺院|在寺庙|出家)为(?:僧|尼)|(?:伊斯兰教|藏传佛教|佛教|道教|天主教|基督教)?(?:阿訇|伊玛目|喇嘛|僧人|居士|神父|牧师|修女|道士)",
    )
}

impl Finder<'_> {
    /// A devotion, its objects, a religious calling.
    pub(super) fn devotions(&mut self) {
        let text = self.text;
        for m in devotion_re().find_iter(text) {
            let (s, e) = (m.start(), m.end());
            let v = m.as_str();
            // 礼拜 alone is also a week (礼拜天, 礼拜一): only with a practice word.
            if v == "礼拜"
                && text[e..].starts_with(['天', '日', '一', '二', '三', '四', '五', '六'])
            {
                continue;
            }
            // 街道士英街: 道 closes 街道, no 道士.
            if text[..s].ends_with('街') && v.starts_with('道') {
                continue;
            }
            // Inside a title or a place's name (《宗教事务条例》, 佛堂镇, 经堂村).
            let head = &text[..s];
            if head.matches('《').count() > head.matches('》').count()
                || text[e..].starts_with(['镇', '乡', '村', '街', '路', '寺', '庙', '堂'])
            {
                continue;
            }
            self.push(
                Kind::Religion,
                s,
                e,
                "***".into(),
                "宗教活动、宗教用品或宗教职业可推知宗教信仰，属敏感个人信息（个人信息保护法第二十八条），隐去",
            );
        }
    }
}
