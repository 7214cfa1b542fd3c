//! Context cues around a person's name: what follows it (男/女, 身份证, 称, 系 …),
//! what precedes it (姓名, a relative, an employee), and how strong a cue is.

pub(crate) use crate::kin::KIN;

/// What follows a person's name in a decision.
pub(crate) const CUE_AFTER: &[&str] = &[
    "男",
    "女",
    "（男",
    "（女",
    "(男",
    "(女",
    "，男",
    "，女",
    ",男",
    ",女",
    "，身份证",
    "（身份证",
    "(身份证",
    "，公民身份",
    "（公民身份",
    "，年龄",
    "，现年",
    "，住",
    "，户籍",
    "，家住",
    "，电话",
    "，手机",
    "，联系电话",
    // 租用何光辉（联系电话：…）的挖掘机: a person's number in brackets.
    "（联系电话",
    "(联系电话",
    // 马学成，回族，…: an ethnicity is said of a person.
    "，汉族",
    "，回族",
    "，满族",
    "，壮族",
    "，藏族",
    "，苗族",
    "，彝族",
    "，土家族",
    "，蒙古族",
    "，维吾尔族",
    "，朝鲜族",
    "签字",
    "签名",
    "称",
    "说",
    "证实",
    "陈述",
    "系",
    "到场",
    "在场",
    "本人",
    "（系",
    "，系",
    "见证",
    // 其 refers back to the subject, a person (某某在其经营的…, 某某于其住处…).
    "在其",
    "于其",
    "在自家",
    // 某某之子…: a person's kin named through them.
    "之子",
    "之女",
    "之妻",
    "之夫",
    "之父",
    "之母",
];

/// What precedes a person's name (a colon may stand between).
pub(crate) const CUE_BEFORE: &[&str] = &[
    // 责令当事人及某某停止…: a second person beside the party.
    "当事人及",
    "当事人和",
    "当事人与",
    "姓名",
    "名叫",
    "名为",
    "经查，",
    "经查",
    "查明，",
    "查明",
    "店员",
    // 村文书马兰花: a village's clerk, a private person (as its cadres are).
    "村文书",
    // 户主韩桂芝信仰…: the head of a household visited.
    "户主",
    // 甲方肖某…乙方曾满仓: the two sides of a private agreement (调解协议).
    "甲方",
    "乙方",
    // Hired hands and village posts: 草原管护员额尔敦, 嘎查长阿拉坦仓, 喷漆工胡小兵.
    "管护员",
    "嘎查长",
    // 买方古丽娜尔·阿合买提与卖方刘建新: the two sides of a sale.
    "买方",
    "卖方",
    "喷漆工",
    "修理工",
    // 供货人田伟, 收货人…: a person named by a part in a trade.
    "供货人",
    "送货人",
    "收货人",
    "购货人",
    "购买人",
    "员工",
    "雇工",
    "保安",
    "邻居",
    "师傅",
    "工友",
    "徒弟",
    "学徒",
    "帮工",
    "同事",
    "室友",
    "租客",
    "房客",
    "保姆",
    "护工",
    "配偶",
    "之妻",
    "之夫",
    "其妻",
    "其夫",
    "丈夫",
    "妻子",
    "儿子",
    "女儿",
    "其子",
    "其女",
    "之子",
    "之女",
    "外孙",
    "外孙女",
    "孙子",
    "孙女",
    "之孙",
    "兄弟",
    "姐妹",
    "兄长",
    "外甥女",
    "侄女",
    "姑姑",
    "叔叔",
    "婶婶",
    "姨妈",
    "继子",
    "养子",
    "女友",
    "男友",
    "未婚妻",
    "未婚夫",
    "学徒",
    "徒弟",
    "师父",
    "其孙",
    "其孙子",
    "其孙女",
    "儿媳",
    "女婿",
    "父亲",
    "母亲",
    "其父",
    "其母",
    "合伙人",
    "司机",
    "驾驶员",
    "驾驶人",
    "志愿者",
    "乘客",
    "项目经理",
    "管理员",
    "收银员",
    "店长",
    "老板",
    "厨师",
    "服务员",
    "租户",
    "房东",
    // 原房主于洪江: the seller of a home.
    "房主",
    "亲属",
    "同事",
    "朋友",
    "见证人",
    "在场人",
    "在场人员",
    "签收人",
    "受托人",
    "当事人之",
    "监护人",
    "技术负责人",
    "负责人",
    "工作人员",
    "同住人",
    "雇主",
    "帮工",
    "其兄",
    "其弟",
    "其姐",
    "其妹",
    "表哥",
    "表弟",
    "表姐",
    "表妹",
    "堂兄",
    "堂弟",
    "哥哥",
    "弟弟",
    "姐姐",
    "妹妹",
    "同伴",
    "代表",
    "电工",
    "工人",
    // A company's or a building's own people: no public office.
    "车间主任",
    "楼长",
    "楼栋长",
    "门卫",
    "保洁员",
    "人员",
    "就诊者",
    "患者",
    "病人",
    "翻译",
    "叫",
    "老公",
    "老婆",
    "爱人",
    "媳妇",
    "独子",
    "独女",
    "公公",
    "婆婆",
    "老丈人",
    "丈母娘",
    "老岳父",
    "岳父",
    "岳母",
    "舅舅",
    "侄子",
    "外甥",
    "前妻",
    "前夫",
    "门卫",
    "保姆",
    "车主",
    "干部",
    "答：是",
    "答:是",
    // Relatives as a letter names them, neighbours, buyers, schoolmates, staff.
    "我爸",
    "我妈",
    "爸爸",
    "妈妈",
    "爷爷",
    "奶奶",
    "外公",
    "外婆",
    "老伴",
    "村民",
    "居民",
    "购房人",
    "购买人",
    "消费者",
    "受害人",
    "同学",
    "仓管",
    "会计",
    "出纳",
    "前台",
    "店主",
    "摊主",
    "业务员",
    "律师",
    "领班",
];

/// Characters a person's given name does not contain here: places, bodies, function
/// words, numerals written as in amounts.
pub(crate) const NOT_IN_NAME: &str = "记第区市县省镇乡村路街巷弄号室楼院幢局处委办队厅城管其之的了在是和与及或共她他它您你我壹贰叁肆伍陆柒捌玖拾佰仟万元每";

/// Those one works beside, after whom a pet name follows as after a relative (自己和徒弟小熊,
/// 雇请的看护人老周).
pub(crate) const WORKMATES: &[&str] = &[
    "徒弟",
    "学徒",
    "帮工",
    "雇工",
    "伙计",
    "工友",
    "看护人",
    "搭档",
    "合伙人",
    "小工",
];

/// Last characters of a shop sign or a form of address, not a name (张记, 霞姐, 刘总).
pub(crate) const NOT_LAST: &str = "苑记氏家姐哥嫂叔婶总某馆店铺厂坊人段员园槐";

/// Separators in a list of persons.
pub(crate) const LIST_SEP: &[char] = &['、', '和', '与', '及', '同', '跟'];

/// Common words that begin with a surname character.
pub(crate) const COMMON_WORDS: &[&str] = &[
    // 微信昵称: 信 is a surname, 昵 no given name.
    "信昵",
    // 流感高发季: a season of a disease, 高 no surname.
    "高发季",
    // 张挂条幅: a verb, 张 no surname.
    "张挂",
    "高发期",
    "公民",
    "居民",
    "居委",
    "公司",
    "公众",
    "公安",
    "公告",
    "公开",
    "公示",
    "公共",
    "公路",
    "平方",
    "金额",
    "文书",
    "文号",
    "明显",
    "明确",
    "高度",
    "高速",
    "全部",
    "全体",
    "安全",
    "方式",
    "方面",
    "向其",
    "于次日",
    "时许",
    "车辆",
    "车主",
    "成立",
    "成本",
    "现场",
    "宁波",
    "江苏",
    "黄浦",
    "万元",
    "楼栋",
    // Goods of farm and forest cases that jieba tags as names (一批苗木系当事人购进).
    "苗木",
    "林木",
    "乔木",
    "松树",
    "玉米",
    "麦子",
    "柴禾",
    "米粉",
    "门诊",
    // A farm-stay restaurant (称农家乐系兄弟二人合伙经营).
    "农家乐",
];

/// Whether the last character before `e` and a one-character cue `w` after it make one
/// word: 商户名称, 人员关系 (名称, 关系), and a kin word (由孙女代签: 孙女, 其子女).
fn glued(text: &str, e: usize, w: &str) -> bool {
    w.chars().count() == 1
        && text[..e].chars().next_back().is_some_and(|c| {
            [
                "名称", "简称", "全称", "俗称", "统称", "号称", "关系", "体系", "派系", "据说",
                "听说", "孙女", "侄女", "子女", "儿女", "妇女", "少女", "闺女", "甥女", "长女",
                "次女",
            ]
            .contains(&format!("{c}{w}").as_str())
        })
}

/// Whether a name at `s..e` has a context cue: 男/女, 身份证, 称 … after it; 姓名, a
/// relative or an employee before it; a quotation; an addressee line (仝瑞：); an
/// identity number right after it (a table row).
pub(crate) fn has_cue(text: &str, s: usize, e: usize) -> bool {
    let after = &text[e..];
    // 告知被检查人有陈述、申辩的权利: 有 opens the phrase of a right, no name's last letter.
    if text[..e].ends_with('有') && after.starts_with("陈述") {
        return false;
    }
    let before = text[..s].trim_end_matches(['：', ':', ' ', '　', '\t', '│', '|']);
    // One or two spaces may stand between the name and the cue (主任 某某 到场见证).
    let spaced = after.trim_start_matches([' ', '　']);
    let spaced = if after.len() - spaced.len() <= 2 * '　'.len_utf8() && spaced.len() < after.len()
    {
        Some(spaced)
    } else {
        None
    };
    if (CUE_AFTER.iter().any(|w| {
        after.starts_with(w) && !glued(text, e, w)
            || w.chars().count() > 1 && spaced.is_some_and(|a| a.starts_with(w))
    }) && !after.starts_with("，住所"))
        || CUE_BEFORE.iter().any(|w| before.ends_with(w))
        || crate::quoted::quoted_alone(text, s, e)
    {
        return true;
    }
    // 余秀英，傈僳族，…: any of the 56 groups said of the name.
    if let Some(rest) = after.strip_prefix(['，', ','])
        && crate::sensitive::ethnicity(
            &rest[..rest
                .find(|c: char| !crate::patterns::han(c))
                .unwrap_or(rest.len())],
        )
    {
        return true;
    }
    // The first of a list of witnesses (…主任某某、组员某某在场见证).
    if after.starts_with(['、', '和', '及']) {
        let clause: String = after
            .chars()
            .take_while(|c| !matches!(c, '。' | '；' | '\n' | '，'))
            .take(24)
            .collect();
        if ["在场见证", "到场见证", "均在场", "在场作证"]
            .iter()
            .any(|w| clause.contains(w))
        {
            return true;
        }
    }
    // An addressee: the name alone on its line, then a colon.
    let line_start = text[..s].is_empty() || text[..s].ends_with('\n');
    if line_start && (after.starts_with("：\n") || after.starts_with(":\n")) {
        return true;
    }
    // A table row or a list: the name, then an identity number.
    let rest = after.trim_start_matches(['|', '｜', '，', ',', '（', '(', ' ', '\t']);
    let digits = rest.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits >= 14 && rest.len() >= digits {
        return true;
    }
    // The name, then an age or a birth date: 周小川（10岁）, 谷满仓，1982年11月30日生.
    let unit: String = rest.chars().skip(digits).take(12).collect();
    (1..=3).contains(&digits) && unit.starts_with('岁')
        || digits == 4 && unit.starts_with('年') && unit.contains('生')
        || contact_cell(after)
}

/// A row of a list or a table: the name's cell, then a cell that opens with a mobile
/// (137 5868 0422, 139****7716) or a social account's label (qq:, 微信：).
fn contact_cell(after: &str) -> bool {
    let gap = after.len()
        - after
            .trim_start_matches(['|', '｜', '│', ' ', '　', '\t'])
            .len();
    let rest = &after[gap..];
    // Only across a cell's border or a wide gap, not in running text.
    if gap == 0 || !(after[..gap].contains(['|', '｜', '│', '\t', '　']) || gap >= 2) {
        return false;
    }
    let mobile: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '*'))
        .filter(|c| !matches!(c, ' ' | '-'))
        .collect();
    let is_mobile = mobile.len() == 11
        && mobile.starts_with('1')
        && mobile[1..2].chars().all(|c| ('3'..='9').contains(&c));
    // Only the cell's opening matters: lowering the whole rest of the text for every
    // candidate made long texts cost the square of their length.
    let lower = rest.chars().take(8).collect::<String>().to_lowercase();
    is_mobile
        || ["qq", "wx", "微信", "wechat"]
            .iter()
            .any(|w| lower.starts_with(w))
}

/// Whether a cue word (邻居, 其妻) stands inside `run`: it is not one name.
pub(crate) fn cue_inside(run: &str) -> bool {
    CUE_BEFORE
        .iter()
        .any(|w| w.chars().count() >= 2 && run.contains(w))
}

/// A cue that only a person has: particulars (男/女, 身份证, 住, 年龄) or a signature
/// after the name, 姓名 before it.
pub(crate) fn strong_cue(text: &str, s: usize, e: usize) -> bool {
    let after = text[e..].trim_start_matches(['，', ',', '（', '(', ' ']);
    let before = text[..s].trim_end_matches(['：', ':', ' ', '　', '\t', '│', '|']);
    // | 姓名 | 单位 | 职务 |: the next cell of a table's row after a label is the next
    // column's label, not a name (only words are asked for a strong cue).
    let next_cell = text[before.len()..s].contains(['|', '│', '┃', '｜']);
    [
        "男", "女", "身份证", "公民身份", "年龄", "现年", "住", "户籍", "家住", "签字", "签名",
    ]
    .iter()
    .any(|w| after.starts_with(w) && !after.starts_with("住所") && !glued(text, e, w))
        || (!next_cell && ["姓名", "名叫", "名为"].iter().any(|w| before.ends_with(w)))
        || described_as_person(after)
        // A relative or an employee before it (另一店员夏天).
        || !next_cell && CUE_BEFORE.iter().any(|w| {
            w.chars().count() >= 2
                && !["经查", "经查，", "查明", "查明，", "人员", "代表"].contains(w)
                && before.ends_with(w)
        })
        // An addressee: the name alone on its line, then a colon (江南：).
        || ((text[..s].is_empty() || text[..s].ends_with('\n'))
            && (text[e..].starts_with("：\n") || text[e..].starts_with(":\n")))
}

/// 系 followed by what a person is (系当事人之女, 系相邻店铺的店员, 系邻居), not by
/// what a thing is (房屋系临时储物间, 系首次发现).
fn described_as_person(after: &str) -> bool {
    let Some(rest) = after.strip_prefix('系') else {
        return false;
    };
    let clause: String = rest
        .chars()
        .take_while(|c| !"，,。；;）)\n".contains(*c))
        .take(30)
        .collect();
    clause
        .chars()
        .next_back()
        .is_some_and(|c| "人员者妻夫子女儿母父兄弟姐妹邻居主工长师生友".contains(c))
}

/// Words of time that follow a preposition which is also a surname (于当日, 于同日).
pub(crate) const TIME_WORDS: &[&str] = &[
    "当日", "同日", "次日", "当天", "即日", "本日", "今日", "昨日", "当晚", "近日", "日前", "当时",
    "同时", "此前", "其后", "随后", "当场", "现场",
];

/// What follows a place or an organisation, not a person (张江路, 王家宅村, 李宁公司).
pub(crate) const NOT_PERSON_AFTER: &[&str] = &[
    // A town's or a village's name before its public office (徐桥国土资源所).
    "国土资源所",
    "国土所",
    "司法所",
    "派出所",
    "财政所",
    "卫生院",
    "公司",
    "有限",
    "集团",
    "中心",
    "委员会",
    "办事处",
    "街道",
    "学校",
    "医院",
    "银行",
    "分局",
    "大队",
    "中队",
    "市场",
    "广场",
    "大厦",
    "小区",
    "花园",
    "新村",
    "公寓",
    "商城",
    "酒店",
    "宾馆",
    "饭店",
    "餐厅",
    "超市",
    "工作室",
    "事务所",
    "研究",
    "合作社",
    "居委",
    "村委",
    "大道",
    "公路",
    "牌",
    "品牌",
    "体",
    "式",
    "型",
    "社区",
    "律师事务所",
    "家园",
    "物业",
    "公安",
];
