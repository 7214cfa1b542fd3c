//! One invented sentence per rule added while tuning on the eighth blind set's dev
//! half (issue 16): a pupil's grade wherever it stands, an account whose holder is a
//! person even when it is the 指定账户 a payment goes to, symptoms and diagnoses by
//! their endings, medicines by their name stems, clinical departments, a specialist
//! hospital where someone is treated (but not one that acts), injuries told by their
//! parts, an operation just had. None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn a_pupils_grade_is_a_minors_detail() {
    gone(
        "其外孙在城南实验小学\n读五年级，另一名学员（11岁，四年级）称每天放学后来此。",
        &["五年级", "四年级"],
    );
    gone("其女正读高二，平时住校。", &["高二"]);
    kept("本市九年义务教育阶段学校于正月初三后开学。", &["初三"]);
}

#[test]
fn a_persons_account_is_masked_even_as_the_payee() {
    gone(
        "赔偿金支付至申请人指定账户（工商银行，户名柯文静，账号6212 2640 0001 2345 678）。",
        &["6212 2640 0001 2345 678"],
    );
    gone(
        "款项汇入户名孔德明，卡号6217001234567890120。",
        &["6217001234567890120"],
    );
    kept(
        "罚款缴入财政指定账户（户名：某市财政局，账号3100 1234 5678 9012 345）。",
        &["3100 1234 5678 9012 345"],
    );
}

#[test]
fn conditions_by_symptoms_stems_departments_and_parts() {
    gone(
        "其自述近期反复腹泻，伴肺部感染，长期服用缬沙坦，血压升高时头痛。",
        &["腹泻", "肺部感染", "缬沙坦", "血压升高"],
    );
    gone(
        "伤者右脚拇趾、二趾离断，在市第三医院手外科住院，出院后转至某省肿瘤医院复查。",
        &["拇趾、二趾离断", "手外科", "肿瘤医院"],
    );
    gone("我上个月刚做完腰椎手术，站不久。", &["腰椎手术"]);
    kept(
        "市传染病医院配合开展了防疫检查，结核病防治所派员参加。",
        &["传染病医院", "结核病防治所"],
    );
}

#[test]
fn an_address_broken_over_lines_goes_on() {
    // A tab-separated table cell going on under itself.
    gone(
        "姓名\t钱德胜\t性别\t男\n住址\t南开区学府街道卫津路\n\t翠堤小区3-1-502\n联系电话\t022-1234****",
        &["3-1-502"],
    );
    // A field's value over three lines under a deep indent.
    gone(
        "现住址：合肥市蜀山区三里庵街道\n        长江西路9号院2号楼\n        3单元501室\n户籍地：安徽省",
        &["9号院2号楼", "3单元501室"],
    );
    // A house number under a paragraph's indent.
    gone(
        "内容：我住在长沙市岳麓区望月湖街道枫林一路\n  88号望月小区5栋1102，楼下夜宵摊营业到凌晨。",
        &["5栋1102"],
    );
    // A second name in a cell is not joined to the first; a tab is the label's colon.
    let m = masked("当事人\t江海峰\n\t江海涛\t兄弟二人");
    assert!(m.text.contains("江某某\n\t江某某"), "{}", m.text);
}
