//! Names a statistical tagger (LAC's model) reads in running text — given names alone,
//! names that are also words, names with no role word — as far as they look like a
//! private person's name where they stand.

use std::collections::{BTreeMap, BTreeSet};

use crate::PersonTagger;
use crate::cues::NOT_PERSON_AFTER;
use crate::names::{place_follows, place_word_after};
use crate::officers::OFFICER_WORDS;

/// The names `tagger` finds in `text` that may be masked. A name is taken when one of
/// the places it is read at looks like a person's (not the start of a place, an office
/// or a shop sign), and none looks like an officer's or a public figure's.
pub(crate) fn tagged_names(
    text: &str,
    tagger: &dyn PersonTagger,
    officers: &BTreeSet<String>,
) -> BTreeSet<String> {
    let mut seen: BTreeMap<&str, Option<bool>> = BTreeMap::new();
    let mut readings: BTreeMap<&str, usize> = BTreeMap::new();
    for r in tagger.persons(text) {
        let (s, e) = (r.start, r.end);
        let Some(name) = text.get(s..e) else {
            continue;
        };
        if !name_shaped(name) || officers.contains(name) {
            continue;
        }
        *readings.entry(name).or_default() += 1;
        let verdict = seen.entry(name).or_insert(Some(false));
        if in_office(text, s, e, name) {
            *verdict = None;
        } else if let Some(taken) = verdict {
            *taken |= !part_of_place(text, s, e, name);
        }
    }
    // A word read as a name once among many uses as a word (林地 in a forestry law) is
    // no one's name: the tagger must read it as a name in a third of its uses at least.
    seen.into_iter()
        .filter(|&(n, v)| {
            v == Some(true) && readings.get(n).copied().unwrap_or(0) * 3 >= text.matches(n).count()
        })
        .map(|(n, _)| n.to_string())
        .collect()
}

/// LAC's model (`crates/lac`) reads persons' names as its PER words.
impl PersonTagger for lac::Model {
    fn persons(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        lac::Model::persons(self, text)
    }
}

fn han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Two to four Chinese letters, or parts of two letters or more joined by middle dots
/// (艾力·吐尔洪); no mask letter (某) and no written number.
fn name_shaped(n: &str) -> bool {
    let chars: Vec<char> = n.chars().collect();
    let dotted = chars.iter().any(|&c| c == '·' || c == '•');
    let shape = if dotted {
        n.split(['·', '•'])
            .all(|p| p.chars().count() >= 2 && !p.ends_with(['县', '市', '区', '镇', '乡', '录']))
    } else {
        (2..=4).contains(&chars.len())
    };
    shape
        && chars.iter().all(|&c| han(c) || c == '·' || c == '•')
        && !n.contains('某')
        && !number_like(n)
}

/// A written amount or count (伍万元整, 三千五百), which the tagger sometimes reads as a name.
fn number_like(n: &str) -> bool {
    let digits = n
        .chars()
        .filter(|c| "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟元整".contains(*c))
        .count();
    digits * 2 > n.chars().count()
}

/// Letters that end a place's, an office's or a sign's name, not a person's (袁河街道,
/// 乔口渠, 王队, 李埠段).
const PLACE_LAST: &str =
    "村镇乡县区市旗省路街道巷渠沟段湾岭庄屯寨坝港桥堤塘畈垸坳洼队局科所处站店馆厂园";

/// Words after a name that make it a sign's or a monument's (王家沙点心店, 振国汽修).
const SIGN_AFTER: &[&str] = &[
    "点心",
    "汽修",
    "修理",
    "维修",
    "饭店",
    "餐馆",
    "酒家",
    "食府",
    "小吃",
    "超市",
    "商店",
    "商行",
    "门市",
    "诊所",
    "药店",
    "烧烤",
    "面馆",
    "店",
    "纪念馆",
    "故居",
    "精神",
    "陵园",
    "牌",
];

/// Whether the name read at `s..e` is rather the start of a place, an office or a sign.
fn part_of_place(text: &str, s: usize, e: usize, name: &str) -> bool {
    let after = &text[e..];
    name.chars()
        .next_back()
        .is_some_and(|c| PLACE_LAST.contains(c))
        || place_word_after(after)
        || place_follows(after)
        || NOT_PERSON_AFTER.iter().any(|w| after.starts_with(w))
        || SIGN_AFTER.iter().any(|w| after.starts_with(w))
        || after.starts_with(|c: char| c.is_ascii_alphanumeric() || "罚字〔[".contains(c))
        || place_goes_on(after)
        || crate::keeps::not_a_person(text, s, e)
}

/// Whether a village's or a banner's name goes on after the would-be name (王家|庄子村,
/// 四子王|旗): within three letters, none of them a word of the sentence, a village word.
fn place_goes_on(after: &str) -> bool {
    after
        .chars()
        .take(3)
        .take_while(|&c| han(c) && !"在到去回从和与及的是说把被给向对".contains(c))
        .any(|c| "村旗屯庄寨".contains(c))
}

/// Public figures whose names stand in documents as such (a model, a writer, a hero).
const PUBLIC_FIGURES: &[&str] = &[
    "鲁迅",
    "闰土",
    "钟南山",
    "焦裕禄",
    "雷锋",
    "孔子",
    "孟子",
    "老子",
    "庄子",
    "李白",
    "杜甫",
    "白居易",
    "苏轼",
    "屈原",
    "孙中山",
    "毛泽东",
    "周恩来",
    "邓小平",
    "习近平",
    "袁隆平",
    "屠呦呦",
    "张桂梅",
    "黄文秀",
    "王进喜",
    "韦拔群",
    "杨靖宇",
    "赵一曼",
    "刘胡兰",
    "董存瑞",
    "黄继光",
    "邱少云",
    "孔繁森",
    "谷文昌",
    "杨善洲",
    "林则徐",
    "岳飞",
    "诸葛亮",
    "包拯",
    "海瑞",
    "马克思",
    "恩格斯",
    "列宁",
    // A star whose name others bear too (刘德华在…开修车铺): the star only where likened.
    "刘德华",
    // Figures of the classics, played at fairs and on stage.
    "张海迪",
    "孙悟空",
    "猪八戒",
    "唐僧",
    "沙和尚",
    "哪吒",
];

/// Whether `name` is a public figure's and stands, every time, where only the figure is
/// spoken of: played or learnt from (扮孙悟空的, 不是雷锋), an exhibition, a memorial or
/// a spirit named after them (袁隆平杂交水稻科普展, 焦裕禄精神). A person who bears such
/// a name (其表弟李白) stands elsewhere.
pub(crate) fn public_figure_everywhere(text: &str, name: &str) -> bool {
    const BEFORE: &[&str] = &["扮", "扮演", "饰演", "学习", "不是", "当", "像"];
    const AFTER: &[&str] = &[
        "日记",
        "的事迹",
        "的精神",
        "的故事",
        "精神",
        "事迹",
        "纪念",
        "科普",
        "雕像",
        "故居",
        "式的",
        "同志",
        "院士",
        "杂交水稻",
    ];
    PUBLIC_FIGURES.contains(&name)
        && text.match_indices(name).all(|(i, _)| {
            BEFORE.iter().any(|w| text[..i].ends_with(w))
                || AFTER.iter().any(|w| text[i + name.len()..].starts_with(w))
        })
        || DISTINCT_FIGURES.contains(&name)
            && text
                .match_indices(name)
                .all(|(i, _)| !private_particulars(text, i, i + name.len()))
}

/// Whether a public figure's name covers `s..e` from its start (屠呦呦 where 屠呦 was read
/// and ran on) and stands as the figure's everywhere.
pub(crate) fn public_figure_at(text: &str, s: usize, e: usize) -> bool {
    PUBLIC_FIGURES
        .iter()
        .chain(DISTINCT_FIGURES)
        .any(|f| text[s..].starts_with(f) && s + f.len() >= e && public_figure_everywhere(text, f))
}

/// Public figures whose names no one else is likely to bear (a scientist, a writer, a
/// star, a hero): the figure's wherever they stand (与袁隆平同获表彰, 莫言的签售会),
/// unless a person's particulars stand with the name (`private_particulars`).
const DISTINCT_FIGURES: &[&str] = &[
    "袁隆平",
    "屠呦呦",
    "钟南山",
    "莫言",
    "周杰伦",
    "姚明",
    "刘翔",
    "郎平",
    "钱学森",
    "邓稼先",
    "华罗庚",
    "陈景润",
    "杨利伟",
    "巴金",
    "老舍",
    "冰心",
    "金庸",
    "张艺谋",
    "赵本山",
    "郭德纲",
    "周星驰",
    "梅兰芳",
    "齐白石",
    "徐悲鸿",
    "任正非",
    "刘慈欣",
    "邓丽君",
    "黄大年",
    "南仁东",
    "李四光",
    "詹天佑",
    "竺可桢",
    "林巧稚",
    "曹雪芹",
    "蒲松龄",
    "李时珍",
    "祖冲之",
    "司马迁",
    "王羲之",
    "陶渊明",
    "辛弃疾",
    "郭沫若",
    "季羡林",
    "杨振宁",
    "焦裕禄",
    "孔繁森",
    "张桂梅",
    "鲁迅",
    "雷锋",
];

/// Whether a person's particulars stand with the name at `s..e`: a kin or role word of
/// a private person before it (其表弟, 当事人), or sex, an identity number, a home, a
/// birth, an age or a phone right after it (莫言，男，…).
fn private_particulars(text: &str, s: usize, e: usize) -> bool {
    const AFTER: &[&str] = &[
        "男",
        "女",
        "身份",
        "公民身份",
        "住",
        "现住",
        "家住",
        "出生",
        "生于",
        "年龄",
        "现年",
        "电话",
        "手机",
        "联系",
    ];
    let after = text[e..].trim_start_matches(['，', ',', '（', '(', ' ', '　']);
    let before = &text[..s];
    AFTER.iter().any(|w| after.starts_with(w))
        || after.starts_with(|c: char| c.is_ascii_digit())
        || crate::nouned::after_person_word(before)
}

/// Titles after a name that make it a public figure's (钟南山院士).
const PUBLIC_TITLES: &[&str] = &[
    "院士",
    "总书记",
    "主席",
    "总理",
    "烈士",
    "同志事迹",
    "先进事迹",
];

/// Role words of an agency's officers and officials right before a name (队长王平).
const OFFICE_BEFORE: &[&str] = &[
    "队长",
    "中队长",
    "大队长",
    "所长",
    "站长",
    "科长",
    "股长",
    "局长",
    "主任",
    "书记",
    "队员",
    "核查人员",
    "城管",
];

/// Whether the name read at `s..e` is an officer's, an official's or a public figure's:
/// a role word of office right before it, a badge or staff number right after it
/// (扎西（执法证号…）, 殷小龙(33020300468)), a public figure's name or title.
fn in_office(text: &str, s: usize, e: usize, name: &str) -> bool {
    let before = text[..s].trim_end_matches([' ', '　', '：', ':']);
    let after = text[e..].trim_start_matches([' ', '　']);
    let bracket = after
        .strip_prefix(['（', '('])
        .map(|b| b.split(['）', ')']).next().unwrap_or(b));
    PUBLIC_FIGURES.contains(&name)
        || PUBLIC_TITLES.iter().any(|w| after.starts_with(w))
        || OFFICER_WORDS
            .iter()
            .chain(OFFICE_BEFORE)
            .any(|w| before.ends_with(w))
        || bracket.is_some_and(|b| {
            b.starts_with("执法")
                || b.starts_with("证号")
                || b.chars().take_while(char::is_ascii_digit).count() >= 6
                || ["工作人员", "干部", "主任", "书记", "网格员"]
                    .iter()
                    .any(|w| b.contains(w))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads as names exactly the strings it is given, wherever they stand.
    #[derive(Debug)]
    struct Reads(Vec<&'static str>);

    impl PersonTagger for Reads {
        fn persons(&self, text: &str) -> Vec<std::ops::Range<usize>> {
            let mut out = Vec::new();
            for n in &self.0 {
                out.extend(text.match_indices(n).map(|(i, m)| i..i + m.len()));
            }
            out
        }
    }

    fn names(text: &str, read: &[&'static str]) -> Vec<String> {
        tagged_names(text, &Reads(read.to_vec()), &BTreeSet::new())
            .into_iter()
            .collect()
    }

    #[test]
    fn a_name_read_in_running_text_is_taken() {
        assert_eq!(names("昨天夏天说他不知道。", &["夏天"]), ["夏天"]);
        assert_eq!(names("张三在村里", &["张三"]), ["张三"]);
        assert_eq!(
            names("艾力·吐尔洪的烤馕摊", &["艾力·吐尔洪"]),
            ["艾力·吐尔洪"]
        );
    }

    #[test]
    fn places_signs_numbers_and_masks_are_not_names() {
        for (t, n) in [
            ("在袁河街道办理", "袁河街道"),
            ("王家沙点心店门口", "王家沙"),
            ("振国汽修门前", "振国"),
            ("借到伍万元整", "伍万元整"),
            ("当事人王某某", "王某某"),
            ("笔录·长兴县", "笔录·长兴县"),
            ("津财罚0087736", "津财"),
            ("稻田镇王家庄子村", "王家"),
            ("四子王旗", "四子王"),
            ("牌楼村杨树畈", "杨树畈"),
        ] {
            assert!(names(t, &[n]).is_empty(), "{t}");
        }
    }

    #[test]
    fn officers_and_public_figures_stay_everywhere() {
        for (t, n) in [
            ("执法队员扎西（执法证号63270124008）。扎西说", "扎西"),
            ("柳青(33020300451) 殷小龙(33020300468)", "殷小龙"),
            ("队长王平：明早集合。王平又说", "王平"),
            ("钟南山院士推荐过", "钟南山"),
            ("朗读了鲁迅的《故乡》", "鲁迅"),
            ("见证人：蒙海燕（社区工作人员）", "蒙海燕"),
        ] {
            assert!(names(t, &[n]).is_empty(), "{t}");
        }
    }

    #[test]
    fn a_word_read_as_a_name_once_among_many_uses_is_none() {
        /// Reads the first use only.
        #[derive(Debug)]
        struct First(&'static str);
        impl PersonTagger for First {
            fn persons(&self, text: &str) -> Vec<std::ops::Range<usize>> {
                text.find(self.0)
                    .map(|i| i..i + self.0.len())
                    .into_iter()
                    .collect()
            }
        }
        let read = |t: &str| tagged_names(t, &First("林地"), &BTreeSet::new());
        assert!(read("林地说。征用林地，林地保护，林地管理。").is_empty());
        assert_eq!(read("林地说，他家里有林地。").len(), 1);
    }

    #[test]
    fn officers_named_by_the_rules_are_left_alone() {
        let officers: BTreeSet<String> = ["夏天".to_string()].into();
        assert!(tagged_names("夏天说", &Reads(vec!["夏天"]), &officers).is_empty());
    }
}
