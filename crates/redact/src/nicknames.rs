//! Nicknames, told as such: after a word that introduces one (外号"大胖", 都叫他大眼,
//! 叫什么翠花的), quoted before a full name (“老蔫”祝某某) or said to be one (“扁担”是外号),
//! after 称为 / 叫作 or 自称 when shaped as a form of address, or told right before a
//! real name (我叫二愣子，大名…); and a surname with a kin title heading a clause (钱婶说…).
//! Each names the person as their name does.

use std::collections::BTreeSet;

use crate::aliases::{NICKNAME_WORDS, nick_char};
use crate::names::surname_of;
use crate::patterns::han;

/// Characters a nickname or a form of address opens with (老包, 小安徽, 阿大, 大眼).
pub(crate) const ADDRESS_LEADS: &str = "老小阿大";

/// Whether `nick` opens as a nickname or a form of address does (老蔫, 大胡子).
fn address_led(nick: &str) -> bool {
    nick.starts_with(|c| ADDRESS_LEADS.contains(c))
}

/// Words for a real name that, right after a run of letters and a comma, say the run
/// was a nickname (…黑蛋，真名贺学文).
const REAL_AFTER: &[&str] = &["大名", "真名", "本名", "户籍名"];

/// Nicknames found in `text`, added to `out`.
pub(crate) fn nicknames(text: &str, out: &mut BTreeSet<String>) {
    // 我叫 gives one's own name, which is a nickname only when a real name follows.
    for w in NICKNAME_WORDS.iter().chain(&["我叫"]) {
        let mut from = 0;
        while let Some(k) = text[from..].find(w) {
            let s = from + k + w.len();
            from = s;
            let rest = text[s..].trim_start_matches(['叫', '是', '为', '：', ':']);
            let Some(q) = rest.strip_prefix(['“', '"', '「', '‘', '\'']) else {
                // 外号刘胖子）: unquoted, a short run of characters closed by punctuation;
                // after 叫他 only one shaped as a nickname (都叫他大眼。, not 叫他离开。).
                let run: String = rest.chars().take_while(|c| han(*c)).take(5).collect();
                let closed = rest[run.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| "，。、；）)！!".contains(c));
                // 都叫他黑蛋，真名贺学文; 我叫史二愣子，大名史有才: a real name told right
                // after says the run was a nickname.
                let real_after = rest[run.len()..]
                    .strip_prefix(['，', ','])
                    .is_some_and(|r| REAL_AFTER.iter().any(|w| r.starts_with(w)));
                if *w == "我叫" {
                    if real_after && (2..=4).contains(&run.chars().count()) {
                        out.insert(run);
                    }
                    continue;
                }
                // 叫什么翠花的: the name the speaker half remembers, before 的.
                let nick = match run.strip_suffix('的') {
                    Some(n) if *w == "叫什么" => n.to_string(),
                    _ => run,
                };
                // 大眼, 老犟, 孙大个: shaped as a nickname.
                let shaped = address_led(&nick)
                    || crate::names::surname_of(&nick).is_some()
                        && nick.chars().nth(1).is_some_and(|c| "大小老".contains(c))
                    || *w == "叫什么"
                    || real_after;
                if (["外号", "绰号", "小名", "诨名"].contains(w) || shaped)
                    && (2..=4).contains(&nick.chars().count())
                    && closed
                {
                    out.insert(nick);
                }
                continue;
            };
            if *w == "我叫" {
                continue;
            }
            let nick: String = q.chars().take_while(|c| nick_char(*c)).take(6).collect();
            if (1..=5).contains(&nick.chars().count())
                && q[nick.len()..].starts_with(['”', '"', '」', '’', '\''])
            {
                out.insert(nick);
            }
        }
    }
    // “老蔫”祝某某，: a quoted nickname shaped as one (老, 小, 大, 阿 and one or two
    // characters) right before a full name.
    for (i, c) in text
        .char_indices()
        .filter(|(_, c)| matches!(c, '“' | '"' | '‘' | '\''))
    {
        let q = &text[i + c.len_utf8()..];
        let nick: String = q.chars().take_while(|c| han(*c)).take(4).collect();
        let Some(after) = q[nick.len()..].strip_prefix(['”', '"', '’', '\'']) else {
            continue;
        };
        if (2..=3).contains(&nick.chars().count())
            && address_led(&nick)
            && let Some(name) = crate::names::person_name(after)
            && name.chars().count() == 3
            && !crate::persons::dictionary_word(&name)
        {
            out.insert(nick.clone());
            out.insert(name);
        }
        // “扁担”是外号, ‘大胡子’，听说叫某某: a quoted word said to be a nickname, or
        // one shaped as a nickname with the person's name said soon after.
        let soon: String = after.chars().take(10).collect();
        let called = ["是外号", "是绰号", "是小名", "是他的外号", "是她的外号"]
            .iter()
            .any(|w| after.starts_with(w))
            || address_led(&nick)
                && ["叫", "真名", "大名", "本名", "他姓", "她姓"]
                    .iter()
                    .any(|w| soon.contains(w));
        // “二狗子”，就是我表弟…: a quoted word said to be a relative or a person.
        let said_person = ["，就是", "就是", "（就是"]
            .iter()
            .find_map(|w| after.strip_prefix(w))
            .map(|r| r.trim_start_matches(['我', '他', '她', '的']))
            .is_some_and(|r| {
                r.char_indices()
                    .skip(1)
                    .take(4)
                    .any(|(k, _)| crate::nouned::after_person_word(&r[..k]))
            });
        // ‘刘大嗓门’又在…: a surname and 大/老 before one or two letters, quoted, as the
        // subject of what someone does.
        let surname_nick = (3..=4).contains(&nick.chars().count())
            && surname_of(&nick).is_some_and(|x| nick[x.len()..].starts_with(['大', '老']))
            && after.starts_with(|c: char| "又在说把家也都就还不是".contains(c));
        // Quoted words of two to four letters that their place says are a person's:
        let before = &text[..i];
        let ends_before = |words: &[&str]| words.iter().any(|w| before.ends_with(w));
        // 其姐夫“大老韩”, 隔壁“胖婶”: right after a relative or a neighbour (not after 商户 or
        // 楼下, where a shop's sign stands);
        let after_person = crate::cues::KIN.iter().any(|k| before.ends_with(k))
            || ends_before(&["隔壁", "邻居", "对门"]);
        // 听人说他叫“胖头鱼”。, 大家都叫他“憨憨”: the name a person goes by;
        let goes_by = ends_before(&[
            "他叫",
            "她叫",
            "人叫",
            "叫他",
            "叫她",
            "喊他",
            "喊她",
            "外号叫",
            "绰号叫",
        ]);
        // 包工头“大嘴刘”一直躲着, 邻居家的“铁蛋”才7岁: after a word for a person and before
        // what the person does;
        let doer = ends_before(&["包工头", "工头", "家的"])
            && after.starts_with(|c: char| "才又一总常把说在也就还被天".contains(c));
        // 一个叫“黑皮”的男孩, 外号“眼镜”的那个人: what a person is called by.
        let called_person = ends_before(&["叫", "叫做", "外号", "绰号", "小名", "人称"])
            && after.strip_prefix('的').is_some_and(|r| {
                CALLED_PERSONS.iter().any(|w| r.starts_with(w))
                    || r.starts_with("那个")
                    || r.char_indices()
                        .skip(1)
                        .take(3)
                        .any(|(k, _)| crate::nouned::person_noun(&r[..k]))
            });
        let placed = (2..=4).contains(&nick.chars().count())
            && (after_person || goes_by || doer || called_person);
        if (1..=4).contains(&nick.chars().count())
            && (called || said_person || surname_nick || placed)
        {
            out.insert(nick);
        }
    }
    // 被称为“八大关老王”, 大家叫作“卖瓜的刘叔”: after 称为 only a nickname shaped as a
    // form of address (老/小/阿 and a surname, a surname and 哥/姐/叔 …), not a term
    // (以下称为“甲方”) or a place's byname.
    for w in ["称为", "称作", "叫作", "昵称", "唤作"] {
        for (k, _) in text.match_indices(w) {
            let Some(q) = text[k + w.len()..].strip_prefix(['“', '"', '「']) else {
                continue;
            };
            let nick: String = q.chars().take_while(|c| nick_char(*c)).take(8).collect();
            if q[nick.len()..].starts_with(['”', '"', '」']) && address_form(&nick) {
                out.insert(nick);
            }
        }
    }
    // Quoted bynames: 门口“猴子”开的烧烤摊 (a word before 开的 / 家的 names the person who
    // runs or owns it); 反映“虎哥”带几个人 (a letter and a kin title, not 大哥, 小哥, 表姐:
    // words for kin or strangers, is a nickname wherever it stands).
    for (k, q) in text.match_indices(['“', '"', '「']) {
        let inner = &text[k + q.len()..];
        let nick: String = inner.chars().take_while(|c| han(*c)).take(4).collect();
        let Some(after) = inner[nick.len()..].strip_prefix(['”', '"', '」']) else {
            continue;
        };
        let owner = (2..=3).contains(&nick.chars().count())
            && ["开的", "家的", "他家", "她家"]
                .iter()
                .any(|w| after.starts_with(w));
        let cs: Vec<char> = nick.chars().collect();
        let kin_titled =
            matches!(cs[..], [a, b] if "哥姐叔嫂姨婶".contains(b) && !"大小老表堂帅阿".contains(a));
        if owner || kin_titled {
            out.insert(nick);
        }
    }
    // 自称“胖哥”, 自称“阿强”: what one calls oneself, shaped as a form of address (a
    // kin title after any letter, or 老/小/阿 and a surname); a quoted statement is no
    // such form.
    for (k, _) in text.match_indices("自称") {
        let Some(q) = text[k + "自称".len()..].strip_prefix(['“', '"', '「']) else {
            continue;
        };
        let nick: String = q.chars().take_while(|c| nick_char(*c)).take(5).collect();
        let titled = ["哥", "姐", "叔", "嫂", "姨", "爷", "婶", "姑", "舅"]
            .iter()
            .any(|t| nick.ends_with(t));
        if q[nick.len()..].starts_with(['”', '"', '」'])
            && (2..=4).contains(&nick.chars().count())
            && (titled
                || address_form(&nick)
                // 自称“老倔头”, 自称“老蔫儿”: 老/小 and two letters no dictionary has
                // (not 老百姓), or a byname in 儿.
                || nick.starts_with(['老', '小'])
                    && nick.chars().count() == 3
                    && (nick.ends_with('儿') || !crate::persons::known_word(&nick)))
        {
            out.insert(nick);
        }
    }
}

/// A surname and a kin title standing as a person's name at the head of a clause, before
/// what the person says or owns (钱婶说她孙女…, 王姨家的狗…, 刘叔反映…). The titles are
/// those `informal` does not read already (姐, 哥, 大爷 are read there); a surname that
/// is also a word joining the sentence (和姐说过, 向叔反映) or a pair the dictionary
/// knows (阿姨, 师姐, 帅哥) is none. Village bynames stand so too: a childhood name
/// (喜娃说), 大 and a surname or 老…儿 (大刘说, 老蔫儿说), a look and a kin title (胖婶说).
pub(crate) fn titled_speakers(text: &str, out: &mut BTreeSet<String>) {
    const TITLES: &[&str] = &[
        "奶奶", "婶子", "嫂子", "叔叔", "婶", "姨", "叔", "伯", "嫂", "爷", "奶",
    ];
    const SAYS: &[&str] = &[
        "说",
        "讲",
        "称",
        "反映",
        "告诉",
        "家的",
        "家门口",
        "家院",
        "每天",
        "天天",
        "经常",
        "常",
        "帮",
        "给",
    ];
    const NOT_SAYING: &[&str] = &["说明", "说服", "称重", "称号", "称为", "讲解", "讲座"];
    let not_saying = |after: &str| NOT_SAYING.iter().any(|w| after.starts_with(w));
    // What the person says or owns, and (the first five) what the person says only.
    let says = |after: &str| SAYS.iter().any(|w| after.starts_with(w)) && !not_saying(after);
    let tells = |after: &str| SAYS[..5].iter().any(|w| after.starts_with(w)) && !not_saying(after);
    for (s, c) in text.char_indices() {
        let prev = text[..s].chars().next_back();
        let head = prev.is_none_or(|b| !han(b));
        let rest = &text[s + c.len_utf8()..];
        // 四组的喜娃说…, ，狗娃家…, 铁蛋他奶奶: a letter and 娃 / 蛋 / 妞, as villages call
        // one by a childhood name, before what the person says or owns (not 女娃, 小娃:
        // words for children); 三娃，你哥…: called at the head of a line.
        if let Some(tail) = ['娃', '蛋', '妞']
            .into_iter()
            .find(|t| rest.starts_with(*t))
            && han(c)
            && !"女男小孩娃婆的个两几这那鸡鸭鹅皮滚混笨坏捣完蛋".contains(c)
            && (head || prev == Some('的'))
        {
            let after = &rest[tail.len_utf8()..];
            if !not_saying(after)
                && (says(after)
                    || after.starts_with(['他', '她'])
                    || prev.is_none_or(|b| b == '\n') && after.starts_with("，你"))
            {
                out.insert(format!("{c}{tail}"));
            }
        }
        if head {
            // 大刘说…, 老蔫儿说…: 大 and a surname, or 老, a letter and 儿, before what the
            // person says.
            let mut cs = rest.chars();
            let (a, b) = (cs.next(), cs.next());
            let called = match (c, a, b) {
                ('大', Some(a), _) if surname_of(rest).is_some_and(|x| x.chars().count() == 1) => {
                    Some(format!("大{a}"))
                }
                ('老', Some(a), Some('儿')) if han(a) => Some(format!("老{a}儿")),
                _ => None,
            };
            if let Some(called) = called
                && tells(&text[s + called.len()..])
            {
                out.insert(called);
            }
            // 胖婶说…, 瘦嫂反映…: a look and a kin title.
            if "胖瘦黑矮".contains(c) {
                for t in ["婶", "嫂", "姨", "叔"] {
                    if rest.strip_prefix(t).is_some_and(says) {
                        out.insert(format!("{c}{t}"));
                    }
                }
            }
        }
        // 钱婶说…: a surname and a kin title at the head of a clause, or after a word for
        // where a neighbour lives (隔壁宋婶).
        let placed = head
            || ["隔壁", "对门", "邻居", "楼下", "楼上"]
                .iter()
                .any(|w| text[..s].ends_with(w));
        let Some(surname) = surname_of(&text[s..]).filter(|_| placed) else {
            continue;
        };
        if crate::informal::FUNCTION_SURNAMES.contains(surname) {
            continue;
        }
        let rest = &text[s + surname.len()..];
        let Some(t) = TITLES.iter().find(|t| rest.starts_with(**t)) else {
            continue;
        };
        let called = format!("{surname}{t}");
        if says(&rest[t.len()..]) && !crate::persons::known_word(&called) {
            out.insert(called);
        }
    }
}

/// Whether a nickname ends as a form of address: 老王, 小李, 阿强 (a surname after
/// 老/小/阿), 刘叔, 王姐, 张大爷 (a surname before a kin title).
fn address_form(nick: &str) -> bool {
    let cs: Vec<char> = nick.chars().collect();
    let n = cs.len();
    if !(2..=8).contains(&n) {
        return false;
    }
    let is_surname = |c: char| surname_of(&c.to_string()).is_some();
    let prefixed = "老小阿".contains(cs[n - 2]) && is_surname(cs[n - 1]);
    let titled = [
        "哥", "姐", "叔", "伯", "婆", "爷", "嫂", "姨", "婶", "姑", "舅", "大爷", "大妈", "大娘",
    ]
    .iter()
    .any(|t| {
        nick.strip_suffix(t)
            .and_then(|h| h.chars().next_back())
            .is_some_and(is_surname)
    });
    prefixed || titled
}

/// Characters before a letter and 子 in a byname (大刚子, 二狗子, 小三子).
const BYNAME_LEADS: &str = "大二三小老";

/// Verbs and joining words a byname follows (让大刚子把…, 找二狗子, 和小三子).
const BYNAME_BEFORE: &str = "让叫找问跟和与同给替请";

/// Bynames of a lead, one letter and 子 after a verb or a joining word (你让大刚子把车
/// 拉走): a word of the dictionary (大个子, 老头子, 小伙子) is none.
pub(crate) fn bynames(text: &str, out: &mut BTreeSet<String>) {
    for (i, c) in text.char_indices() {
        if !BYNAME_BEFORE.contains(c) {
            continue;
        }
        let rest = &text[i + c.len_utf8()..];
        let nick: String = rest.chars().take(3).collect();
        let cs: Vec<char> = nick.chars().collect();
        if let [lead, letter, '子'] = cs[..]
            && BYNAME_LEADS.contains(lead)
            && han(letter)
            && !"个头伙孩肚流样日辈".contains(letter)
            && !crate::persons::dictionary_word(&nick)
            && !rest[nick.len()..].starts_with(|c: char| "里上下边".contains(c))
        {
            out.insert(nick);
        }
    }
}

/// Marks of the body that make a byname with a surname after them (疤脸刘, 瘸子李,
/// 麻子王): the surname tells who, the mark is what the village calls the person.
const BODY_MARKS: &[&str] = &[
    "疤脸", "刀疤", "瘸子", "拐子", "麻子", "瞎子", "聋子", "哑巴", "秃子", "胖子", "矮子", "驼子",
    "豁嘴", "歪嘴", "独眼", "光头", "黑脸", "大嘴",
];

/// Persons a quoted byname is said to be of (一个叫“黑皮”的男孩).
const CALLED_PERSONS: &[&str] = &[
    "男孩", "女孩", "孩子", "男子", "女子", "男人", "女人", "小伙", "姑娘", "老头", "老汉", "老太",
    "大爷", "大妈", "司机", "老板", "师傅", "同学", "学生",
];

/// Places beside one's home that a neighbour is named by (隔壁老蔡, 对门老周家).
const NEIGHBOURING: &[&str] = &[
    "隔壁", "邻居", "对门", "楼上", "楼下", "对面", "后院", "前院",
];

/// Surnames that with 老 before and 头 or 家 after are more often other words (老龙头,
/// 老石头, 老管家, 老商家, 老农家, 老国家).
const OLD_WORDS: &str = "龙石管商农国";

/// Bynames made of 老 and a surname: 老杨头 (with 头), and 老蔡 after a word for the
/// house next door (隔壁老蔡家天天…); a mark of the body and a surname (疤脸刘开着…).
pub(crate) fn old_and_marked(text: &str, out: &mut BTreeSet<String>) {
    for (i, _) in text.match_indices('老') {
        let rest = &text[i + '老'.len_utf8()..];
        let Some(surname) = surname_of(rest).filter(|s| s.chars().count() == 1) else {
            continue;
        };
        if OLD_WORDS.contains(surname) {
            continue;
        }
        let after = &rest[surname.len()..];
        let old = &text[i..i + '老'.len_utf8() + surname.len()];
        if after.starts_with('头') && !after["头".len()..].starts_with(|c: char| "子儿".contains(c))
        {
            out.insert(format!("{old}头"));
        } else if (NEIGHBOURING
            .iter()
            .any(|w| text[..i].trim_end_matches('的').ends_with(w))
            // 三楼老孙家: a floor of the same block.
            || text[..i].strip_suffix('楼').is_some_and(|b| {
                b.ends_with(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
            }))
            && !after.starts_with(|c: char| han(c) && !"家说讲他她的也又和跟".contains(c))
        {
            out.insert(old.to_string());
        }
    }
    for mark in BODY_MARKS {
        for (i, _) in text.match_indices(mark) {
            let rest = &text[i + mark.len()..];
            let Some(surname) = surname_of(rest).filter(|s| s.chars().count() == 1) else {
                continue;
            };
            // The surname stands alone: no given name after it (瘸子李的摊, not 麻子王建国).
            let next = rest[surname.len()..].chars().next();
            if next.is_none_or(|c| !han(c) || "的开说在把又也家和跟是推骑拉".contains(c))
            {
                out.insert(format!("{mark}{surname}"));
            }
        }
    }
    // 孙寡妇家, 刘瘸子的: a surname before a mark of the body or of a widow, unless the
    // letter before makes a word with the surname (变成哑巴).
    for mark in BODY_MARKS.iter().chain(&["寡妇"]) {
        for (i, _) in text.match_indices(mark) {
            let Some(c) = text[..i].chars().next_back() else {
                continue;
            };
            let s = i - c.len_utf8();
            if surname_of(&text[s..]).is_none_or(|x| x.chars().count() != 1)
                || crate::informal::FUNCTION_SURNAMES.contains(c)
                || "大小老阿这那".contains(c)
                || text[..s]
                    .chars()
                    .next_back()
                    .is_some_and(|b| crate::persons::known_word(&format!("{b}{c}")))
            {
                continue;
            }
            let next = text[i + mark.len()..].chars().next();
            if next.is_none_or(|n| !han(n) || "的家说在把又也和跟是".contains(n)) {
                out.insert(format!("{c}{mark}"));
            }
        }
    }
}

/// Bynames told by their bearer or glossed with the real name: 叫我宁老歪就行 (a run of
/// two to four letters after 叫我 and before 就行/就好/吧), and 小辣椒（本名黄琳…） (the
/// run right before a bracket that opens with a word for the real name).
pub(crate) fn told_bynames(text: &str, out: &mut BTreeSet<String>) {
    // 我们都叫他五爷。, 喂，二狗子，你…, 找老易就行: a byname others call one by, called
    // out, or asked for.
    for w in ["都叫他", "都叫她", "都喊他", "都喊她", "喂，", "找"] {
        for (i, _) in text.match_indices(w) {
            let rest = &text[i + w.len()..];
            let run: String = rest.chars().take_while(|c| han(*c)).take(5).collect();
            let after = &rest[run.len()..];
            let ends = if w == "找" {
                ["就行", "就好", "就可以"].iter().any(|e| run.ends_with(e))
            } else {
                after.starts_with(['，', '。', ',', '！', '？'])
            };
            let run = ["就行", "就好", "就可以"]
                .iter()
                .find_map(|e| run.strip_suffix(e))
                .unwrap_or(&run);
            if ends
                && (2..=4).contains(&run.chars().count())
                && !crate::informal::ADDRESS_FORMS.contains(&run)
                && !crate::nouned::person_noun(run)
                && !run.chars().any(|c| "你我他她们大家人".contains(c))
                // 喂，是城管吗？: a question to whoever answers, no byname.
                && !run.ends_with(['吗', '呢', '啊', '呀', '嘛'])
                && !run.starts_with(['是', '请'])
            {
                out.insert(run.to_string());
            }
        }
    }
    for (i, _) in text.match_indices("叫我") {
        let rest = &text[i + "叫我".len()..];
        let run: String = rest.chars().take_while(|c| han(*c)).take(6).collect();
        // 大家都叫我牛二，…: the name others call the speaker, closed by punctuation.
        if ["都", "大家", "人家", "别人"]
            .iter()
            .any(|w| text[..i].ends_with(w))
            && (2..=4).contains(&run.chars().count())
            && rest[run.len()..].starts_with(['，', '。', ','])
        {
            out.insert(run.clone());
            continue;
        }
        for end in ["就行", "就好", "就可以", "吧"] {
            if let Some(k) = run.find(end)
                && (2..=4).contains(&run[..k].chars().count())
            {
                out.insert(run[..k].to_string());
                break;
            }
        }
    }
    for open in ['（', '('] {
        for (b, _) in text.match_indices(open) {
            let inside = &text[b + open.len_utf8()..];
            if !REAL_AFTER.iter().any(|w| inside.starts_with(w)) {
                continue;
            }
            let run: String = text[..b]
                .chars()
                .rev()
                .take_while(|c| han(*c))
                .take(5)
                .collect::<Vec<char>>()
                .into_iter()
                .rev()
                .collect();
            // Only the byname: a word for a person before it (证人小辣椒) is cut off.
            let nick = crate::cues::CUE_BEFORE
                .iter()
                .chain(&["证人", "外号", "绰号", "人称"])
                .filter_map(|w| run.rfind(w).map(|k| &run[k + w.len()..]))
                .min_by_key(|n| n.len())
                .unwrap_or(&run);
            if (2..=4).contains(&nick.chars().count()) {
                out.insert(nick.to_string());
            }
        }
    }
}
