//! One invented sentence per general mechanism added in round 40 (on the spent sets
//! eval…eval30, before eval31 was run). None of the sentences is taken from an
//! evaluation set.

mod common;

use common::*;

#[test]
fn a_full_name_before_a_home_a_phone_or_a_verb_of_a_person() {
    gone("污水从七组范德贵家后院流出，一直流到路边。", &["范德贵"]);
    gone("群里有人说：“你把孔文强的电话发给我。”", &["孔文强"]);
    gone("据调查，卓丽萍称该摊位是她租来的。", &["卓丽萍"]);
}

#[test]
fn given_characters_common_in_prose_need_a_person_word_around_them() {
    // 新民, 金水, 平安: common in names and in prose alike.
    gone("该铁皮棚由鲍新民搭建，至今未拆除。", &["鲍新民"]);
    gone("同村人贺金水负责施工。", &["贺金水"]);
    gone("当事人伙同其连襟尚平安在路旁搭棚。", &["尚平安"]);
}

#[test]
fn prose_that_opens_with_a_surname_stays() {
    kept("学校应当向学生说明乘车安全要求。", &["向学生说明"]);
    kept("推动综合保税区高水平开放。", &["高水平开放"]);
    kept("张建华家具店门前堆放货物。", &["张建华家具店"]);
}
