//! One invented sentence per general mechanism added in round 60 (the development half
//! of eval41). None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn a_name_running_on_into_what_the_person_did_after_a_role_word() {
    gone("投诉人王建军留下电话后离开。", &["王建军"]);
    gone("为买方刘德华与卖方赵立新撮合交易。", &["赵立新"]);
}

#[test]
fn names_where_only_a_person_stands() {
    gone("答：冯远和他媳妇，还有隔壁的石大壮。", &["冯远", "石大壮"]);
    gone("“这是我家的地。”柳絮一边说一边指着田埂。", &["柳絮"]);
    gone("已电话告知骆驼，由骆驼转告其母。", &["骆驼"]);
    gone("申请表由鲁班填写，落款日期为5月1日。", &["鲁班"]);
    gone("请通知石林明天上午来中队。", &["石林"]);
    gone("据其妻讲，孔明患抑郁症多年。", &["孔明"]);
    gone("红星镇的常乐把捡到的手机交到了派出所。", &["常乐"]);
}

#[test]
fn chats_with_two_turns_and_lists_numbered_by_lot() {
    gone(
        "【小区业主群】建华：谁家的车？　晓燕：是三楼的吧。",
        &["晓燕"],
    );
    gone(
        "摊位抽签结果：1号王建平，2号柳青，3号夏雨，4号孙立国。",
        &["柳青", "夏雨"],
    );
    gone("证人称看见他们叫'猴子'的那个小伙子倒的垃圾。", &["猴子"]);
}

#[test]
fn health_and_age_of_new_shapes() {
    gone("后遗右侧肢体活动不便。", &["肢体活动不便"]);
    gone("正在接受抗病毒治疗。", &["抗病毒治疗"]);
    gone("老人年逾古稀，独自修鞋。", &["年逾古稀"]);
}

#[test]
fn a_permit_number_and_a_hospitals_units_in_its_news_stay() {
    kept(
        "施工许可证编号：310120202512180201。",
        &["310120202512180201"],
    );
    kept(
        "县医院内分泌科开设糖尿病专病门诊，每周三上午坐诊。",
        &["内分泌科", "糖尿病专病门诊"],
    );
    gone("其母在县医院内分泌科住院治疗糖尿病。", &["糖尿病"]);
}
