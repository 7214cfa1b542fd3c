//! One invented sentence per general mechanism added in round 59 (the spent test halves
//! of eval39 and eval40). None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn the_one_handed_to_who_hands_on() {
    gone("答：钱交给了秋菊，秋菊又给了她表姐。", &["秋菊"]);
}

#[test]
fn households_brothers_and_rosters() {
    gone("张建军、石磊、彭飞三户主动拆除了雨棚。", &["石磊", "彭飞"]);
    gone(
        "城关镇海涛、海浪兄弟二人开了一家修车铺。",
        &["海涛", "海浪"],
    );
    gone(
        "参会人员：多吉　卓玛　白玛次仁　欧阳秀兰　丹丹",
        &["多吉", "丹丹"],
    );
}

#[test]
fn what_only_a_person_does_or_has() {
    gone("因与柳青发生口角后动手。", &["柳青"]);
    gone("该车登记在石榴名下。", &["石榴"]);
    gone("同意将黄金枝纳入农村低保。", &["黄金枝"]);
}

#[test]
fn a_list_that_the_sentence_runs_around() {
    gone(
        "对表现突出的欧阳春华、司马文博、谷丰给予通报表扬。",
        &["谷丰"],
    );
    kept(
        "有询问笔录（王建设、李国华、东湾村党支部书记张德明）为证。",
        &["东湾村"],
    );
}

#[test]
fn chats_mentions_signatures_and_bynames() {
    gone("【业主群】@老疙瘩 你家的车挡路了。", &["老疙瘩"]);
    gone("【业主群】明早停水，记得接水。——山岚", &["山岚"]);
    gone("【QQ聊天记录】老猫：钱已经给你了。", &["老猫"]);
    gone("后来听人说他叫“土豆”。", &["土豆"]);
    gone("包工头“大嘴王”一直躲着不见。", &["大嘴王"]);
    gone("市民：“大家都叫我马三，我家就在路口。”", &["马三"]);
}

#[test]
fn the_agency_contact_under_its_seal_stays() {
    kept(
        "某县林业和草原局（印）\n2026年5月1日\n联系地址：某县某镇某街1号　电话：0413-5502163\n",
        &["0413-5502163"],
    );
}

#[test]
fn ids_health_religion_and_records_of_new_shapes() {
    gone("【微信】添加好友请搜：lzq_2019abc", &["lzq_2019abc"]);
    gone(
        "姓名：王晓丽　WANG XIAOLI　护照号码：E12345678",
        &["WANG XIAOLI"],
    );
    gone("去年得了脑梗，右手不好使。", &["右手不好使"]);
    gone("其女在校被同学打伤。", &["被同学打伤"]);
    gone("小时候发烧烧坏了脑子。", &["烧坏了脑子"]);
    gone("医生建议休学治疗。", &["休学治疗"]);
    gone("术后在医院做碘131治疗。", &["碘131治疗"]);
    gone("近两月常去广州复查。", &["常去广州复查"]);
    gone("称其丈夫信藏传佛教。", &["藏传佛教"]);
    gone("系防止返贫监测对象。", &["防止返贫监测对象"]);
    gone("被县公安局处以行政拘留十日。", &["行政拘留十日"]);
    kept("每周去县人民医院透析两次。", &["县人民医院"]);
}
