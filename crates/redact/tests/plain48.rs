//! One invented sentence per general mechanism added in round 48 (the spent test half
//! of eval34). None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn medicines_on_sale_are_goods_and_no_ones_name() {
    kept(
        "现场摆放有氟苯尼考注射液、阿莫西林可溶性粉共计2个品种40瓶，均为兽药。",
        &["氟苯尼考注射液"],
    );
    kept("现场有恩诺沙星注射液12瓶待售。", &["恩诺沙星注射液"]);
}

#[test]
fn a_model_number_after_a_maker_is_no_name() {
    kept("驾驶轮式装载机（柳工856H）在人行道上作业。", &["柳工856H"]);
}

#[test]
fn a_household_joined_to_welfare_is_welfare_and_a_policy_is_not() {
    gone(
        "经审核，其家庭纳入城市最低生活保障，每月发放保障金720元。",
        &["最低生活保障"],
    );
    kept(
        "将符合条件的困难群众及时纳入最低生活保障范围。",
        &["纳入最低生活保障"],
    );
}

#[test]
fn a_count_of_disabled_persons_is_a_statistic() {
    kept(
        "全县持证残疾人2140人，其中肢体残疾人860人。",
        &["肢体残疾人860人"],
    );
    gone("申请人系肢体残疾二级，行动不便。", &["肢体残疾二级"]);
}

#[test]
fn minority_names_after_a_joining_word_are_names() {
    gone(
        "执法人员向阿布都热依木·吐尔逊送达了决定书。",
        &["阿布都热依木·吐尔逊"],
    );
    gone("又给帕提古丽打了电话，说明缴款方式。", &["帕提古丽"]);
    gone("牧民尕藏吉又说起围栏被毁的事。", &["尕藏吉"]);
}

#[test]
fn a_name_after_a_household_word_is_a_person() {
    gone(
        "经核实，养鸭户邹美华（随县何店镇人）从当事人处购买饲料。",
        &["邹美华"],
    );
    kept("请将款项转入该账户。", &["账户"]);
}
