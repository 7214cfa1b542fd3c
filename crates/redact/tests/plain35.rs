//! One invented sentence per general mechanism added in round 35 (tuned on eval28's
//! development half and on the test halves of eval26, eval27 and eval28, all three
//! spent). None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
/// A guard: it passes on the commit before round 35 too (the community's worker was
/// masked there by another finder); round 35 keeps it so.
fn a_grid_worker_in_running_text_is_a_private_person() {
    let text = "河西社区网格员顾雪芬发现后劝阻未果，遂拨打热线。";
    gone(text, &["顾雪芬"]);
    // As the recorder of a visit, in the post, the worker stays.
    kept("记录：西街社区网格员庞  慧，已上门核实。", &["庞  慧"]);
}

#[test]
fn a_full_name_after_a_verb_whose_object_is_a_person() {
    let text = "经调解，钱志刚一次性赔偿郑秀兰医疗费人民币2800元。";
    gone(text, &["郑秀兰"]);
    let text = "我实名举报龚桂芳在河堤上私搭棚屋。";
    gone(text, &["龚桂芳"]);
}

#[test]
fn a_full_name_after_a_worker_s_title_and_an_agreement_s_side() {
    gone("询问了县公园管理所管护员谭建军，情况属实。", &["谭建军"]);
    gone("乙方宁茂林（住某村3组）同意自行拆除鸡棚。", &["宁茂林"]);
    gone("社区矫正对象安德华本周已电话报到。", &["安德华"]);
    gone("当事人与其继母石桂英就院落使用达成一致。", &["石桂英"]);
}

#[test]
fn a_name_glued_by_jieba_to_a_joining_word_or_a_verb() {
    let text = "文书由冀淑兰当面转交，已拍照回传。";
    gone(text, &["冀淑兰"]);
    let text = "走失老人已交由邱明辉领回家中。";
    gone(text, &["邱明辉"]);
    // A mountain after a joining word is no name.
    kept("中央对巴朗山隧道建设予以支持。", &["巴朗山"]);
}

#[test]
fn a_yi_clan_name_with_a_given_name_no_list_holds() {
    gone("摊主吉克尔呷不在现场，由其丈夫配合检查。", &["吉克尔呷"]);
    gone("来电人沙马阿果反映门口排水沟被堵。", &["沙马阿果"]);
}

#[test]
fn a_short_tibetan_name_after_a_relative_or_before_a_bracket() {
    gone("文书由其女儿央金代收。", &["央金"]);
    gone("向扎西（微信号略）转账1500元。", &["扎西"]);
    gone("当事人：其其格\n性别：女", &["其其格"]);
}

#[test]
fn a_nickname_after_jiao_ta_and_a_quoted_one_before_a_full_name() {
    gone("老板是我表叔，叫他'铁头王'就行。", &["铁头王"]);
    gone("咱们村都叫他大个。", &["大个"]);
    gone(
        "挖沟的是“老犟”吕有福，跟邻居吵了一上午。",
        &["老犟", "吕有福"],
    );
    // 叫他 and a verb is no nickname.
    kept("我叫他离开。", &["离开"]);
}

#[test]
fn a_doctors_certificate_and_a_driving_licence_file_number() {
    gone(
        "负责人：某某，医师执业证书编码：110341200012345。",
        &["110341200012345"],
    );
    gone(
        "驾驶证档案编号320100112233，车辆登记在我名下。",
        &["320100112233"],
    );
}

#[test]
fn compound_surnames_and_a_dai_surname() {
    gone("鲜于志明与邻居就空地使用达成一致。", &["鲜于志明"]);
    gone("社区网格员刀建伟、店主证实地锁设置不久。", &["刀建伟"]);
}
