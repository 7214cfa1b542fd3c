//! One invented sentence per general mechanism added in round 34 on eval28's
//! development half. None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn a_name_masked_but_for_its_last_letter_is_masked_whole() {
    let text = "经询问当事人、邻居鲍某兰及网格员聂*丽，查明如下；王某明确表示不再经营。";
    gone(text, &["鲍某兰"]);
    kept(text, &["明确表示"]);
}

#[test]
fn the_one_a_relative_is_named_by_in_a_note_is_a_name() {
    let text = "文书由卓玛（格桑之妻）代为签收。";
    gone(text, &["格桑"]);
}

#[test]
fn a_name_before_的_and_a_relative_is_a_name() {
    let text = "另议定，由石长发的女婿覃小宝负责联系砂石场。";
    gone(text, &["石长发"]);
}

#[test]
fn a_message_under_a_senders_tag_and_a_chat_call_given_names() {
    let text = "【短信·某县】【某县城市管理局】丽娟您好，您反映的楼道堆物问题已转某镇处理。";
    gone(text, &["丽娟"]);
    let text = "【业主微信群·某县】@某某 你家车又把消防通道堵了，让建军赶紧下来挪一下！";
    gone(text, &["建军"]);
}

#[test]
fn numerals_said_in_groups_with_commas_are_an_identity_number_and_a_mobile() {
    let text = "“身份证号报一下。”“五二零三零二，一九八五零六一一，二零三二。”";
    gone(text, &["一九八五零六一一"]);
    let text = "答：我的电话是一三九，二二六一，四五零八，微信号就是手机号。";
    gone(text, &["二二六一", "四五零八"]);
}

#[test]
fn an_age_said_as_我_and_a_number_is_masked() {
    let text = "“我八十一了，腿脚不好，你们就让我卖完这点菜吧。”";
    gone(text, &["八十一"]);
}

#[test]
fn temporary_relief_and_care_allowances_for_the_disabled_are_welfare() {
    let text = "村里帮他申请了临时救助；其母享受重度残疾人护理补贴。";
    gone(text, &["临时救助", "残疾人护理补贴"]);
}

#[test]
fn a_welfare_state_after_对_with_a_person_named_is_masked() {
    let text = "会议并对五保户韦老汉的危房改造作了安排。";
    gone(text, &["五保户"]);
}

#[test]
fn a_body_called_right_before_its_number_keeps_it_and_a_mailbox_left_by_the_writer_goes() {
    let text =
        "答复意见已发送至你来信所留邮箱abc_de@163.com，如有异议可致电某县信访局0394-6219876。";
    kept(text, &["0394-6219876"]);
    gone(text, &["abc_de@163.com"]);
}

#[test]
fn an_ethnicity_before_a_noun_for_a_person_is_masked_wherever_it_stands() {
    let text = "走访塔吉克族牧民某某家，其妻称围栏已拆除。";
    gone(text, &["塔吉克族"]);
}
