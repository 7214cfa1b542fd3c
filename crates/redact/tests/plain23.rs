//! One invented sentence per general mechanism added in round 23 on eval19's
//! development half. None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn spaced_landlines_with_a_bracketed_area_code_or_after_a_home_lose_the_number() {
    // The area code in brackets stays; the spaced number after it goes.
    let text = "当事人联系电话：（0731）8 4 5 2 9 1 6。";
    gone(text, &["8 4 5 2 9 1 6"]);
    kept(text, &["（0731）"]);
    let text = "联系电话(0851)5 2 7 3 3 0 9（家）";
    gone(text, &["5 2 7 3 3 0 9"]);
    // A 村委会 inside the home address before the phone does not make it the body's.
    let text = "住某县某乡桥头村委会下湾村民小组8号，电话：0871－6 3 2 4 5 1 9（家）。";
    gone(text, &["6 3 2 4 5 1 9"]);
    // The committee's own line stays.
    let text = "桥头村委会，电话：0871－6 3 2 4 5 1 9。";
    kept(text, &["0871－6 3 2 4 5 1 9"]);
}

#[test]
fn a_company_workshop_director_or_a_building_head_named_as_witness_is_a_private_person() {
    let text = "证据：3.车间主任蒋文涛、门卫刘长河的证言。";
    gone(text, &["蒋文涛", "刘长河"]);
    let text = "有邻居证言及楼长柏玉兰的证言证实。";
    gone(text, &["柏玉兰"]);
}

#[test]
fn a_body_that_fails_in_plain_words_and_a_lost_ability_to_work_are_health() {
    let text = "当事人称其膝关节旧伤，久站困难，恳请减轻处罚。";
    gone(text, &["久站困难"]);
    let text = "其父中风后说话不清，由其代为陈述。";
    gone(text, &["说话不清"]);
    let text = "当事人自述因工伤丧失劳动能力，生活不能自理。";
    gone(text, &["丧失劳动能力", "生活不能自理"]);
    // A hard task is no body's state.
    let text = "因现场拆除困难，本局依法组织实施。";
    kept(text, &["拆除困难"]);
}

#[test]
fn the_rural_five_guarantees_are_social_assistance() {
    let text = "经核实，当事人年逾七旬，享受农村五保供养。";
    gone(text, &["五保供养"]);
}

#[test]
fn a_vocational_school_beside_a_child_is_a_minors_detail() {
    let text = "其子今年十六岁，在漳州市第二职业中专读书。";
    gone(text, &["漳州市第二职业中专"]);
    let text = "其女在读，就读于龙岩技校。";
    gone(text, &["龙岩技校"]);
}

#[test]
fn an_age_said_without_sui_in_a_persons_own_words() {
    let text = "当事人称：“我今年都六十多了，干不了重活。”";
    gone(text, &["六十多"]);
    // A thing's years are nobody's age.
    let text = "该棚屋已经三十多了年头，本局依法处理。";
    kept(text, &["三十多"]);
}

#[test]
fn a_home_that_is_a_whole_house_is_masked_again_after_its_road() {
    let text = "住址：某县城关镇建设二路64号\n送达地址：某县城关镇建设二路64号二楼（本人签收）。";
    let out = out(text);
    assert!(!out.contains("64号"), "{out}");
    // A flat's building is no whole house: the building's yard stays.
    let text = "住某市滨江路9号3栋2单元501室。\n经查，滨江路9号院内有违法搭建。";
    kept(text, &["滨江路9号院内"]);
}

#[test]
fn a_nickname_one_gives_oneself_is_a_name() {
    let text = "摊主自称“强哥”，经核实为本地居民。";
    gone(text, &["强哥"]);
    // A quoted statement after 自称 is no nickname.
    let text = "当事人自称“不清楚”，拒绝签字。";
    kept(text, &["不清楚"]);
}

#[test]
fn a_part_masked_name_found_once_is_masked_inside_a_sentence_too() {
    let text = "当事人：龚某宇（男，17岁）。经查，摊位由龚某宇于夜间搭建。";
    gone(text, &["龚某宇"]);
}

#[test]
fn officials_who_vet_or_sign_a_decision_stay() {
    let text = "本决定经法制科科长龙海生审核，局长贺远航签发。";
    kept(text, &["龙海生", "贺远航"]);
}

#[test]
fn a_landline_noted_as_the_shops_own_stays() {
    let text = "联系电话：0762-3318207（店内）/ 137 2209 4415（手机）";
    kept(text, &["0762-3318207"]);
    gone(text, &["137 2209 4415"]);
}

#[test]
fn a_short_name_inside_a_shop_sign_by_its_trade_stays() {
    let text = "当事人：某县城关街道阿强海鲜大排档（个体工商户）";
    kept(text, &["阿强海鲜大排档"]);
    let text = "当事人：某县阿明五金经营部（个体工商户）";
    kept(text, &["阿明五金经营部"]);
}

#[test]
fn a_three_letter_name_without_a_surname_after_a_workers_word_is_a_name() {
    let text = "询问笔录（证人：保洁员其木格、门卫周长顺）。";
    gone(text, &["其木格", "周长顺"]);
}

#[test]
fn an_allergy_with_its_degree_is_masked_whole() {
    let text = "其子有严重花粉过敏，不宜久留户外。";
    gone(text, &["严重花粉过敏"]);
    let text = "当事人称其对海鲜严重过敏。";
    gone(text, &["海鲜严重过敏"]);
}
