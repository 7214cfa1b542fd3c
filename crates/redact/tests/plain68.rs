//! One invented sentence per general mechanism added in round 68 (the development half
//! of eval48). None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn officers_listed_before_hui_tong_and_an_official_vet_stay() {
    kept(
        "我局执法人员邵建军、甘晓燕会同区疾控中心现场检查。",
        &["甘晓燕"],
    );
    kept(
        "区动物卫生监督所官方兽医庞建英、执法人员周斌开展联合检查。",
        &["庞建英"],
    );
}

#[test]
fn the_agencys_chain_of_approval_stays() {
    kept(
        "承办机构负责人意见：同意，提交案件审理。　负责人：卞志宏",
        &["卞志宏"],
    );
}

#[test]
fn a_district_named_like_a_person_stays_everywhere() {
    kept(
        "到中国农业银行包头石拐支行缴纳罚款。当事人系原石拐煤矿职工，住石拐区。",
        &["包头石拐支行", "原石拐煤矿"],
    );
}

#[test]
fn money_paid_into_a_persons_card() {
    gone("租金打到闫桂林个人卡上。", &["闫桂林"]);
}

#[test]
fn a_schemes_ledger_a_grade_in_a_notice_and_a_class_offered_help_stay() {
    kept("社区低保台账已更新。", &["低保台账"]);
    kept(
        "区教育局通知：初二年级学生期末考试时间为7月2日。",
        &["初二年级学生"],
    );
    kept(
        "区残联通知：持残疾人证的肢体残疾人可申请免费安装扶手。",
        &["肢体残疾人"],
    );
    // One applicant's disability goes.
    gone(
        "情况说明：申请人系二级肢体残疾人，申请靠近楼道口的泊位。",
        &["二级肢体残疾"],
    );
}
