//! One invented sentence per general mechanism added in round 55 (the development half
//! of eval37). None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn a_compound_surname_needs_no_cue() {
    gone("会后上官明月也来了，带来了照片。", &["上官明月"]);
    gone("据说慕容海峰还没有搬走。", &["慕容海峰"]);
}

#[test]
fn a_compound_surname_before_a_road_or_in_a_sign_stays() {
    kept("沿欧阳路往东两百米。", &["欧阳路"]);
    kept("门头为“慕容记面馆”。", &["慕容记面馆"]);
}

#[test]
fn old_and_a_surname_with_tou_or_next_door_is_a_byname() {
    gone("老郑头每天早上去河边钓鱼。", &["老郑头"]);
    gone("对门老彭家的狗又跑出来了。", &["老彭"]);
}

#[test]
fn a_mark_of_the_body_and_a_surname_is_a_byname() {
    gone("大家都看见麻子王在村口修车。", &["麻子王"]);
}

#[test]
fn old_words_made_of_lao_and_a_surname_stay() {
    kept("山海关老龙头景区今日开放。", &["老龙头"]);
    kept("河滩上全是老石头。", &["老石头"]);
}

#[test]
fn the_two_sides_of_an_agreement_and_hired_hands_are_cues() {
    gone("乙方贾长根负责清运。", &["贾长根"]);
    gone("当天修理工盛大海在场。", &["盛大海"]);
}

#[test]
fn a_given_name_told_after_jiao_is_masked_even_when_a_word() {
    gone("那个人后来才知道叫长城，是邻村的。", &["长城"]);
    kept("她叫什么，我没听清。", &["什么"]);
}

#[test]
fn years_told_as_decades_are_an_age_whoever_the_subject() {
    gone("韦某某年逾八旬，独自生活。", &["年逾八旬"]);
}

#[test]
fn a_watched_household_a_deformed_limb_and_oneself_disabled() {
    gone("其家庭属防返贫监测户。", &["防返贫监测户"]);
    gone("他双手都变形了，干不了重活。", &["变形"]);
    gone("老人右腿又残疾，出门要人扶。", &["残疾"]);
    gone("“我一个残疾人，就靠这个摊子。”", &["残疾人"]);
}

#[test]
fn machines_schemes_banks_and_account_tails_stay() {
    kept("县医院新增透析机12台。", &["透析机12台"]);
    kept("全县残疾人两项补贴足额发放到位。", &["残疾人两项补贴"]);
    kept("开户行：中国建设银行长沙星沙支行。", &["长沙星沙支行"]);
    kept("存入业主大会专户（账号尾号4417）。", &["尾号4417"]);
    kept("缴款码：4406062600371845。", &["4406062600371845"]);
}
