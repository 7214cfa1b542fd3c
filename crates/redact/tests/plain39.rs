//! One invented sentence per general mechanism added in round 39 on the spent test
//! half of eval30. None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn a_name_after_a_neighbouring_village_and_a_salutation() {
    gone("并雇用邻村庞建军驾驶自卸货车运土。", &["庞建军"]);
    gone(
        "【短信】【某县城管】尊敬的韦海燕：您的申请已受理。",
        &["韦海燕"],
    );
}

#[test]
fn short_parts_opening_a_clause_or_called_in_quotes() {
    gone(
        "【现场检查笔录】扎西和德吉央宗在步行街中段摆摊。",
        &["扎西"],
    );
    gone("“莫日根，你家的羊又跑进绿化带里了。”", &["莫日根"]);
}

#[test]
fn ages_in_a_note_and_in_old_speech() {
    gone(
        "证人邱满囤（七十二岁，与当事人系连襟）称看见了。",
        &["七十二岁"],
    );
    gone("“老汉今年八十有三，眼睛也看不清了。”", &["八十有三"]);
    kept("（十八岁以下）的未成年人", &["十八岁以下"]);
}

#[test]
fn a_lunar_birthday_a_record_and_a_welfare_household() {
    gone(
        "答：我生日是农历九月初九，身份证上登记的是1970年。",
        &["农历九月初九"],
    );
    gone("“我老公在看守所里关着呢。”", &["在看守所里关着"]);
    gone(
        "当事人家系城市最低生活保障户，决定减轻处罚。",
        &["最低生活保障户"],
    );
    // A statistic of a condition stays.
    kept("全县持证残疾人中，肢体残疾3105人。", &["肢体残疾3105人"]);
}

#[test]
fn plates_and_numbers_spaced_or_lettered() {
    gone("车牌贵 C 3K852（私家车）占用盲道。", &["3K852"]);
    gone("档案编号5227 0001 9988，准驾车型C1。", &["0001 9988"]);
    gone("社会保障号码略，卡号N41569908。", &["N41569908"]);
}
