//! One invented sentence per general mechanism added in round 62 (the development half
//! of eval42). None of the sentences is taken from an evaluation set.

mod common;

use common::*;

#[test]
fn bynames_called_out_asked_for_or_used_by_all() {
    gone("答：他是我干爹，我们都叫他六叔。", &["六叔"]);
    gone("语音转写：喂，铁柱，你跟你媳妇说一声。", &["铁柱"]);
    gone("有事打我电话，找老岳就行。", &["老岳"]);
}

#[test]
fn a_given_name_at_a_clauses_head_and_parties_of_a_lawsuit() {
    gone("微信群聊天截图：晓燕说她明天一早去县城。", &["晓燕"]);
    gone("周春生诉柏秋实民间借贷纠纷一案定于5月开庭。", &["柏秋实"]);
}

#[test]
fn hotlines_a_companys_landline_and_a_schemes_standard_stay() {
    kept(
        "同时，本局对当事人进行了批评教育，告知其可拨打供热服务热线0469-5620000反映。",
        &["0469-5620000"],
    );
    kept(
        "某某置业有限公司：\n统一社会信用代码：91430822MAC3BUBK75\n法定代表人：钟某某　联系电话：0744-6220000\n",
        &["0744-6220000"],
    );
    kept(
        "特困人员基本生活标准不低于当地低保标准的1.3倍。",
        &["特困人员基本生活标准"],
    );
    kept(
        "某县林业和草原局（印）\n2026年5月1日\n联系地址：某县某镇某街1号　电话：0413-5500000\n",
        &["0413-5500000"],
    );
}

#[test]
fn the_agencys_contact_above_its_address_and_seal_stays() {
    kept(
        "联系人：祁建成　　联系电话：0635-6210000\n地址：某县某路1号\n\n某县综合行政执法局（印章）\n2026年5月1日\n",
        &["祁建成", "0635-6210000"],
    );
}
