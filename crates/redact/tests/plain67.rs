//! One invented sentence per general mechanism added in round 67 (the development half
//! of eval47 and the spent test half of eval46). None of the sentences is taken from an
//! evaluation set.

mod common;

use common::*;

#[test]
fn things_counted_after_a_would_be_name_stay() {
    kept(
        "在人行道上擅自摆放石墩四个、安装车位锁两把，占用人行道。",
        &["石墩四个", "车位锁两把"],
    );
}

#[test]
fn a_persons_account_holder_goes_a_bodys_stays() {
    gone("押金请退至本人工行卡（户名：鲍立新）。", &["鲍立新"]);
    kept(
        "缴至指定银行（户名：某市\n财政局非税收入汇缴结算户）。",
        &["某市\n财政局"],
    );
}

#[test]
fn a_persons_messaging_line_below_an_offices_phone() {
    gone(
        "本局值班电话：0371-12345678\n微信：lu_xiao99；邮箱：luxiao99@163.com",
        &["luxiao99@163.com"],
    );
}

#[test]
fn a_warden_a_village_hires_is_a_person() {
    gone("护林员尚德明，他发现后报了警。", &["尚德明"]);
}
