//! One invented sentence per general mechanism added in round 52 (the development
//! halves of eval25, eval27, eval29 and eval32). None of the sentences is taken from an
//! evaluation set.

mod common;

use common::*;

#[test]
fn a_likely_name_after_a_relative_before_what_follows_names() {
    gone("这块地原来是我二伯龚德胜的，后来转给了别人。", &["龚德胜"]);
}

#[test]
fn a_name_before_agreeing_or_taking_someone_along() {
    gone(
        "发言：甲同志认为应从轻；毕海峰同意，瞿兰芬弃权。",
        &["毕海峰"],
    );
    gone("“你叫上侯天明，晚上八点去河边把网收了。”", &["侯天明"]);
}

#[test]
fn a_name_after_the_supplier_in_a_list_of_statements() {
    gone(
        "询问笔录（孙宝林、供货人田伟）、进货单据等证据为证。",
        &["田伟"],
    );
}
