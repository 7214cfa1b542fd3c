//! One invented sentence per rule added while tuning on the spent test halves (issue
//! 16): public staff named in their role (a community's officials, the recorder and the
//! officers on duty, grid workers, a team's contact), a public body's phone (an
//! enforcement team's, a unit's in a note, an organisation's before 电话, a shop's, the
//! one under the agency's signature), officers' badge numbers in a list, and would-be
//! names inside a mall, a road junction, a quoted shop sign or an officer's name. None
//! of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn street_office_officials_and_staff_on_duty_stay() {
    // A community's cadre is a private person (round 37: every set from eval19 on masks
    // them; eval10, which this test came from, kept them).
    let text = "勘验时由槐树社区居委会主任邵雅琴在场说明情况，当事人甘立民拒绝签字。";
    gone(text, &["邵雅琴", "甘立民"]);
    let text = "参加人员：严思齐（北关街道办事处副主任）、柯永年（柳巷社区党委书记）、当事人吕国栋（房屋业主）。";
    kept(text, &["严思齐"]);
    gone(text, &["柯永年", "吕国栋"]);
    kept(
        "巡查日志　值班：庞书豪、詹志远\n09:00 劝离占道摊贩一处。\n（记录：邬佳琪　　2025年6月2日）",
        &["庞书豪", "詹志远", "邬佳琪"],
    );
    kept(
        "网格员：柴明慧（城东社区）；执法中队联系人：卞立新（33010200871）。",
        &["柴明慧", "卞立新"],
    );
}

#[test]
fn a_witness_with_an_office_is_still_masked() {
    gone(
        "见证人：杭秀英（槐树社区网格员），当事人拒绝签收。",
        &["杭秀英"],
    );
    gone("见证人：槐树社区居委会主任 杭秀英", &["杭秀英"]);
}

#[test]
fn a_public_bodys_phone_stays_a_persons_goes() {
    kept(
        "如有疑问，可拨打城西街道综合执法队电话0571-87650321咨询。",
        &["0571-87650321"],
    );
    kept(
        "协查人：尤丽华（东关街道滨河社区，0371-66123480）",
        &["0371-66123480"],
    );
    kept(
        "来电单位 某某花园物业管理处｜电话 0531-8890 1234｜诉求：楼道堆物。",
        &["0531-8890 1234"],
    );
    kept(
        "序号3　好味道面馆　店主 戚某　0755-2345 6789（店）　已签订承诺书",
        &["0755-2345 6789"],
    );
    kept(
        "某某市某区城市管理局\n2025年5月8日　　（联系电话：0592-5561234）",
        &["0592-5561234"],
    );
    gone(
        "当事人林秋生，住址某某村5号，家中电话0592-5567788。",
        &["0592-5567788"],
    );
    gone(
        "执法队员询问当事人，其家中电话0592-5567789。",
        &["0592-5567789"],
    );
}

#[test]
fn badge_numbers_listed_after_the_word_stay() {
    let text =
        "送达人：蒋一鸣、戴文涛（执法证号13020211006、13020211017）\n受送达人电话13820211017。";
    kept(text, &["13020211006", "13020211017"]);
    gone(text, &["13820211017"]);
}

#[test]
fn names_inside_places_and_signs_stay() {
    kept(
        "投诉位置：金桥路（华茂购物中心北侧）有人占道经营。",
        &["华茂购物中心"],
    );
    kept(
        "当事人在解放路与汤宏图路交叉口东北角摆摊。",
        &["解放路与汤宏图路交叉口"],
    );
    kept(
        "当事人在其经营的“老卢家烧饼”门店外占道堆放。",
        &["老卢家烧饼"],
    );
    gone(
        "执法人员询问摊主老卢，老卢称“老卢家烧饼”是其所开。",
        &["老卢称"],
    );
    let text = "请于十日内整改。联系人：詹文涛，电话：0755-26650110。";
    kept(text, &["詹文涛", "0755-26650110"]);
}

#[test]
fn estates_streets_and_firms_named_like_persons_stay() {
    kept(
        "检查工地：锦绣华府二期，建设单位某某置业有限公司。",
        &["锦绣华府二期"],
    );
    kept("你在北湖区郑家庙街道滨江路摆摊经营。", &["郑家庙街道"]);
    kept(
        "货物系从杭州萧山阿强五金商行购进。",
        &["杭州萧山阿强五金商行"],
    );
    gone(
        "当事人张伟到街道办事处说明情况，张伟称已整改。",
        &["张伟称"],
    );
}

#[test]
fn the_phone_under_the_officers_line_stays() {
    kept(
        "执法人员：符  强 46010200117   云  芳 46010200129\n联系电话：0898-66501234",
        &["0898-66501234"],
    );
    gone(
        "当事人：韦丽萍\n联系电话：0898-66507788",
        &["0898-66507788"],
    );
}

#[test]
fn quoted_shop_signs_and_estates_stay() {
    kept("当事人未经批准占道经营“芳姐凉皮”流动摊点。", &["芳姐凉皮"]);
    kept(
        "外墙设置招牌一块，内容为“古镇桂花糕·苏州人家的手艺”，未经审批。",
        &["古镇桂花糕·苏州人家的手艺"],
    );
    gone("摊主买买提·吐尔逊称其每日在此经营。", &["买买提·吐尔逊"]);
    kept("当事人系东湖“银湾花苑”小区的物业服务企业。", &["银湾花苑"]);
    gone("邻居称“当事人王芳每晚在此摆摊”。", &["王芳"]);
}

#[test]
fn homes_under_a_home_column_are_masked() {
    let text = "序号\t姓名\t住址\t补助金额\n1\t龙  秀兰\t前进街道解放路26号4栋1门302\t1500\n2\t严  伟\t和平街道幸福社区9栋2单元501\t1800\n";
    gone(text, &["26号4栋1门302", "9栋2单元501"]);
    kept(text, &["解放路", "1500", "1800"]);
    kept(
        "序号｜商户｜经营地址｜整改情况\n1｜某某面馆｜解放路26号｜已整改\n",
        &["解放路26号"],
    );
}

#[test]
fn hospitals_that_tell_a_condition_are_masked() {
    gone(
        "经查，当事人系某市第七医院心理科门诊患者，现已停业。",
        &["第七医院心理科门诊患者"],
    );
    gone(
        "申请人提交了某省肿瘤医院出具的诊断证明。",
        &["某省肿瘤医院"],
    );
    kept(
        "某市人民医院出具的检验报告显示，该批食品菌落总数超标。",
        &["某市人民医院"],
    );
    kept(
        "执法人员在某省肿瘤医院门前查处占道经营一处。",
        &["某省肿瘤医院"],
    );
}

#[test]
fn hong_and_fu_are_surnames() {
    let text = "到场：当事人傅建平及其儿子洪志远，二人称房屋系自住。";
    gone(text, &["傅建平", "洪志远"]);
    kept(
        "武汉市洪山区洪山街道辖区内，洪水过后，傅家坡客运站附近洪湖路积水。",
        &["洪山区洪山街道", "洪水过后", "傅家坡客运站", "洪湖路"],
    );
}

#[test]
fn a_given_name_like_an_estate_is_still_a_name() {
    gone(
        "当事人李庭在店外堆放杂物，员工李庭称系临时堆放。",
        &["李庭称"],
    );
    kept("其居住的翠湖华庭3幢楼下有人占道。", &["翠湖华庭"]);
}

#[test]
fn a_familiar_name_after_a_trade_or_an_owner_is_masked() {
    gone("答：当时我和伙计小吕在场，货是小吕搬的。", &["伙计小吕"]);
    gone("摊主小樊称其每天傍晚在此经营。", &["小樊"]);
    gone("现场有包工头小庞和安全员小甘。", &["小庞", "小甘"]);
    kept(
        "施工小区内的民主路路口，员工小时工资二十元。",
        &["施工小区", "民主路", "小时工资"],
    );
}

#[test]
fn a_surname_and_title_after_a_member_of_the_public_is_masked() {
    gone("工单摘要：市民柴先生来电称楼下夜间施工。", &["柴先生"]);
    gone("业主阎女士反映楼道被占。", &["阎女士"]);
    kept("特邀评议员王建民先生出席会议。", &["王建民先生"]);
}

#[test]
fn a_childs_coming_examination_is_a_minors_detail() {
    gone(
        "来电人称夜间施工影响休息，女儿明年高考，请求尽快处理。",
        &["女儿明年高考"],
    );
    kept("本市中考期间（6月14日至16日）禁止夜间施工。", &["中考期间"]);
}

#[test]
fn health_in_plain_words_is_masked() {
    let text = "来电人称其父亲常年卧床，本人严重失眠并伴有焦虑，妻子孕30周，随身带着降糖药。";
    gone(text, &["卧床", "严重失眠", "焦虑", "孕30周", "降糖药"]);
    kept(text, &["来电人", "父亲", "妻子"]);
}

#[test]
fn a_preposition_before_a_date_in_numerals_is_no_name() {
    kept(
        "责令当事人于二〇二五年三月五日前自行拆除。",
        &["于二〇二五年三月五日前"],
    );
}
