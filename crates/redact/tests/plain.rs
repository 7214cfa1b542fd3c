//! One invented sentence (or two) per rule added after the third blind set's test half
//! (issue 16, redact16d): free-form homes, given names and familiar forms, ages and
//! conditions in plain words, and what must stay (company vehicles, organisations'
//! seats and numbers, officials). None of them is taken from an evaluation set.

mod common;

use common::*;
use redact::Kind;

#[test]
fn free_form_homes_are_masked() {
    gone(
        "我住同楼803，对门804的住户天天在楼道堆杂物。",
        &["同楼803", "804"],
    );
    gone("楼下1503室业主擅自拆墙。", &["1503室"]);
    gone(
        "来信人家住长兴路77弄三十一号五楼那套，房东住在旁边四十二弄。",
        &["三十一号五楼", "四十二弄"],
    );
    gone("核实系清河路88弄居民李某某。", &["88弄"]);
    gone("居民，凤城路1200弄6号）", &["1200弄6号"]);
    gone("我们家就在塘湾村九组，老人天天走这条路。", &["塘湾村九组"]);
    gone("地点：普安路街道安顺路212弄3号702室。", &["212弄3号702室"]);
    // A flat named once in a bracketed note is masked where it recurs.
    gone(
        "诉求地址：东方路100弄5号楼（来电人住该楼1102室）。楼上施工，1102室漏水。",
        &["1102室"],
    );
    // A village's 宅基地 with a group and a number is a home.
    gone(
        "你在青松镇东湾村六组二十号宅基地上搭建",
        &["东湾村六组二十号"],
    );
}

#[test]
fn premises_and_seats_stay() {
    // A company's premises, the agency's rooms, a village named without a number.
    kept(
        "当事人：上海某某贸易有限公司，经营场所：江场路1500弄8号302室（公司）。",
        &["1500弄8号302室"],
    );
    kept("听证在本局302室举行。", &["302室"]);
    kept("在青松镇东湾村村民宅基地上", &["东湾村"]);
    // An organisation's seat after 住所地 or a 受送达人 that is a company.
    kept(
        "被申请人：上海市某区城市管理行政执法局，住所地上海市某区江宁路1200号。",
        &["江宁路1200号"],
    );
    kept(
        "受送达人：洛川鑫和商贸有限公司\n受送达人地址：洛川县凤栖街道北大街12号\n",
        &["北大街12号"],
    );
}

#[test]
fn given_names_familiar_forms_and_real_names_in_brackets() {
    let r = masked("男的叫石玉栋，女的好像叫小蔓，名叫思琪的女孩也在场。");
    for n in ["石玉栋", "小蔓", "思琪"] {
        assert!(!r.text.contains(n), "{n} in {}", r.text);
    }
    // The given name alone, after the full name.
    gone(
        "当事人：欧阳振邦，男。经查……振邦本人承认未经审批。",
        &["振邦"],
    );
    // A common word that is also a given name stays where it is a word.
    kept("当事人：王建国，男。建国以来首次发现。", &["建国以来"]);
    gone(
        "来电人：蒋先生（蒋立成），其邻居老葛（葛长福）和外号“二胖”的摊主。",
        &["蒋先生", "蒋立成", "老葛", "葛长福", "二胖"],
    );
    gone("承租人“小河南”（何宏）确认。", &["小河南", "何宏"]);
    gone("当事人配偶潘陈氏陈美华旁听。", &["潘陈氏", "陈美华"]);
    gone("是物业经理小祁同意的。", &["小祁"]);
    kept(
        "三小时后复查小区内道路，老师们已离开。",
        &["小时", "小区", "老师"],
    );
    gone("网民“闵行小韦”留言：", &["闵行小韦"]);
    // A name outside the surname list after a role and a colon, or a cue and particulars.
    gone("翻译人员：达瓦卓嘎（大学生）", &["达瓦卓嘎"]);
    gone("患者古再丽（维吾尔族，1990年出生）", &["古再丽"]);
    // Role words for holders and tenants; a stop word after a name.
    gone("房屋权利人：邬建林（未到场）", &["邬建林"]);
    gone("当事人员工韩涛、柏静证实该宣传由公司统一制作。", &["柏静"]);
    gone("从村民龙大海和龙二江兄弟处租用。", &["龙二江"]);
}

#[test]
fn what_is_not_a_name_kept() {
    kept(
        "代理人：冯一帆（上海某衡律师事务所律师）",
        &["上海某衡律师事务所"],
    );
    kept("卫清路55弄“海澜家园”小区", &["海澜家园"]);
    kept("已移交闵行公安分局交警支队处理。", &["闵行公安分局"]);
    kept("在华新南路、淀山湖大道交叉口", &["华新南路"]);
    kept("检查中调查人员陈述如下。", &["调查人员"]);
}

#[test]
fn officials_and_party_contacts() {
    // A 联系人 line under the party's particulars is the party's.
    gone(
        "当事人：上海某物业有限公司\n法定代表人：宗立\n联系人：郜美玲（主任），手机13900001111\n",
        &["郜美玲"],
    );
    // The agency's contact at the end stays, after its unit too.
    kept(
        "经查……\n联系人：本局法制科 麻晓东　电话021-50001234\n",
        &["麻晓东", "021-50001234"],
    );
    // Officers in a table column, officials in a row with their office.
    kept(
        "序号｜单位｜检查结果｜检查人员\n1｜某某公司｜未发现问题｜邵明、糜可\n",
        &["邵明、糜可"],
    );
    let r = masked("序号｜姓名｜单位/身份\n1｜毕德昌｜局长\n2｜靳秀云｜社会监督员\n");
    assert!(r.text.contains("毕德昌"), "{}", r.text);
    assert!(!r.text.contains("靳秀云"), "{}", r.text);
    kept("区人大代表：汤晓岚\n法制科科长邰明", &["汤晓岚", "邰明"]);
}

#[test]
fn ages_without_a_cue_are_masked_but_rules_stay() {
    gone(
        "1. 贲丽丽，女，29岁，快递分拣员\n2. 单某某，男，七十多岁，耳背。来电人年龄约58岁",
        &["29岁", "七十多岁", "约58岁"],
    );
    gone("我父亲今年七十一，腿脚不便。", &["七十一"]);
    let r = masked("年满六十周岁的老年人和70岁以上老人免费。");
    assert!(r.maskings.is_empty(), "{:?}", r.maskings);
}

#[test]
fn conditions_medicines_and_belief_in_plain_words() {
    let r = masked(
        "其母行动不便，坐轮椅，股骨头坏死，有失眠症，长期服用氯硝西泮，去年装了一个支架，刚从市第六人民医院出院。",
    );
    for g in [
        "行动不便",
        "坐轮椅",
        "股骨头坏死",
        "失眠症",
        "氯硝西泮",
        "支架",
        "出院",
    ] {
        assert!(!r.text.contains(g), "{g} in {}", r.text);
    }
    assert!(r.maskings.iter().all(|m| m.kind == Kind::Health));
    kept(
        "入口设轮椅通道，症状不明显的，吃了饭再去。",
        &["轮椅通道", "症状", "吃了饭"],
    );
    gone(
        "他是基督徒，每周日去怀恩堂。她自己信佛。",
        &["怀恩堂", "信佛"],
    );
    kept("中午去食堂吃饭。", &["食堂"]);
    gone("老板夫妇都是东乡族，人很好。", &["东乡族"]);
    kept("住宁夏回族自治区银川市。", &["宁夏回族自治区"]);
    kept("兰州穆斯林餐厅门前", &["穆斯林餐厅"]);
    gone("他说自己低保，城管来了也不怕。", &["低保"]);
}

#[test]
fn plates_of_company_vehicles_stay_private_ones_go() {
    kept("现场发现该公司自卸车沪DC7713正在倾倒。", &["沪DC7713"]);
    kept(
        "答：车牌沪FB2231，行驶证上是上海某某运输有限公司的。",
        &["沪FB2231"],
    );
    kept(
        "当事人：上海某某运输有限公司\n经查，当事人所属号牌为沪D·K1234的货车未密闭。",
        &["沪D·K1234"],
    );
    gone("现场另停有一辆私家车沪FN3A21，车主为其子。", &["FN3A21"]);
}

#[test]
fn phones_of_parties_and_of_organisations() {
    // The party's line: a signature below does not make it the agency's.
    gone(
        "当事人住址：某市某路1号。联系电话：0411—8265 3377。\n某市交通运输综合行政执法队\n",
        &["8265 3377"],
    );
    // A labelled line is no signature.
    gone(
        "请尽快处理！电话：（021）5970 3344。\n答复单位：某区城管执法局\n",
        &["5970 3344"],
    );
    gone("手机：0086 135 0000 1987", &["0000 1987"]);
    kept(
        "检查联系人：法制科 021-65120001。联系电话：021-52560001（本局法制科）",
        &["021-65120001", "021-52560001"],
    );
    kept(
        "执法记录仪视频摘要（编号：JZ-0602-20240101-0007）",
        &["JZ-0602-20240101-0007"],
    );
}

#[test]
fn birth_dates_as_people_write_them() {
    gone("其妻，1963年元月8日出生", &["元月8日"]);
    gone("出生年月：86年7月，籍贯河南", &["86年7月"]);
    gone("出生于癸卯年（1963年），", &["癸卯", "1963"]);
}

#[test]
fn refunds_and_cards_named_by_the_bank() {
    gone(
        "罚款退还至申请人指定账户（户名：钟某某，开户行：某银行某支行，账号6222 0200 1111 2222 333）。",
        &["1111 2222"],
    );
    gone("打到我的农行卡6228 4800 1234 5678 019，", &["1234 5678"]);
    // The agency's collection account stays.
    kept(
        "缴至财政非税收入指定账户，账号3100 0001 2345 6789 0。",
        &["3100 0001 2345 6789 0"],
    );
}

#[test]
fn criminal_records_are_masked_administrative_penalties_stay() {
    let r = masked("答：2018年因为醉驾被判过拘役三个月，之后没有。其兄刑满释放后回乡。");
    assert!(!r.text.contains("拘役三个月"), "{}", r.text);
    assert!(!r.text.contains("刑满释放"), "{}", r.text);
    assert!(r.maskings.iter().any(|m| m.kind == Kind::Criminal));
    kept(
        "经查，当事人曾于2023年6月因同类行为被责令改正，并处罚款。",
        &["因同类行为被责令改正"],
    );
}
