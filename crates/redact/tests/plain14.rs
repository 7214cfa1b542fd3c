//! One invented sentence per rule added on the twelfth blind set's dev half
//! (crates/redact/eval12, issue 16). None of the sentences is taken from an
//! evaluation set.

mod common;

use common::*;

#[test]
fn an_office_number_after_an_officers_badge_stays() {
    let text = "经办人：蒋文（执法证号32050117006），电话0512-6752318。";
    kept(text, &["0512-6752318"]);
    // A party's home number after the officer's clause still goes.
    gone(
        "执法人员蒋文（执法证号32050117006）询问当事人，其家中电话0512-6752318。",
        &["0512-6752318"],
    );
}

#[test]
fn a_number_noted_as_a_companys_stays() {
    kept(
        "回访电话：0731-8521 447（公司），接听人为调度员。",
        &["0731-8521 447"],
    );
}

#[test]
fn an_ordinary_word_glued_to_a_role_word_is_no_name() {
    let text = "申请人信息（个人）\n姓名：郝明远\n依据《政府信息公开条例》办理。";
    kept(text, &["政府信息公开条例", "申请人信息"]);
    gone(text, &["郝明远"]);
}

#[test]
fn an_officer_with_a_middle_dot_and_a_badge_stays() {
    let text = "出席人员：阿依古丽·买买提（执法证号65010208117）、吴强（执法证号65010208120）。";
    kept(text, &["阿依古丽·买买提"]);
}

#[test]
fn a_general_hospital_after_a_stay_is_a_place() {
    kept(
        "该户主住院期间（安庆市第一人民医院）由其子代为办理。",
        &["安庆市第一人民医院"],
    );
    // A department after a condition still goes.
    gone(
        "其患有哮喘（安庆市第一人民医院呼吸科）。",
        &["安庆市第一人民医院呼吸科"],
    );
}

#[test]
fn a_companys_own_vehicle_keeps_its_plate() {
    kept(
        "车辆皖H·K3271系公司自有货车，司机已接受教育。",
        &["皖H·K3271"],
    );
}

#[test]
fn a_district_named_with_a_road_word_is_no_road() {
    let text = "户籍地址：唐山市路南区学院街道建设北路88号5栋301室。";
    kept(text, &["唐山市路南区学院街道建设北路"]);
    gone(text, &["5栋301室"]);
}

#[test]
fn a_crossing_road_stays_with_the_road() {
    let text = "我住江岸区解放大道黄浦路口的汇丰苑3栋1204，夜里很吵。";
    kept(text, &["解放大道黄浦路口"]);
    gone(text, &["3栋1204"]);
}

#[test]
fn an_auxiliary_alone_is_a_private_person() {
    let text = "经查，协管员周立强、协管员马  成在劝导时推搡摊主，已停职处理。";
    gone(text, &["周立强", "马  成"]);
    // Named with the unit that employs them, the auxiliary is the agency's staff.
    kept(
        "“小周”系街道城运中心协管员周立强，已对其批评教育。",
        &["周立强"],
    );
}

#[test]
fn a_mobile_with_wide_gaps_goes() {
    gone(
        "发布者实名李某，电话15906  318  742，已删除视频。",
        &["15906  318  742", "318  742"],
    );
}

#[test]
fn a_mobile_masked_at_the_source_with_spaces_goes() {
    gone(
        "手机：159 **** 3187（已脱敏）。",
        &["159 **** 3187", "3187"],
    );
}

#[test]
fn a_records_offence_and_sentence_fields_go() {
    let text =
        "姓名：格桑  罗布\n矫正类别：缓刑      罪名：盗窃罪\n原判刑罚：有期徒刑八个月，缓刑一年\n";
    gone(text, &["盗窃罪", "有期徒刑八个月", "缓刑一年"]);
    kept(text, &["矫正类别：缓刑"]);
}

#[test]
fn an_offence_after_yin_fan_goes_but_the_law_stays() {
    gone("其因犯交通肇事罪正在社区矫正。", &["交通肇事罪"]);
    kept(
        "违反本条例规定，构成犯罪的，依法追究刑事责任。",
        &["构成犯罪的，依法追究刑事责任"],
    );
}

#[test]
fn a_column_of_homes_shared_with_contacts_is_masked() {
    let text = "| 日期 | 对象 | 住址 / 联系方式 | 情况 |\n|---|---|---|---|\n| 6/2 | 丁  秀  梅 | 人民路27号之二501 | 噪音 |\n| 6/9 | 刘伟 | 新华街9号203房；刘伟手机 | 堆物 |\n| 6/9 | 某某粮油店 | 建设路12号铺 | 占道 |\n";
    gone(text, &["27号之二501", "9号203房"]);
    kept(text, &["人民路", "新华街", "建设路12号铺"]);
}

#[test]
fn an_officers_office_number_on_the_officers_line_stays() {
    let text = "走访人员：韦国安（执法证号45010211007）\n台账负责人：韦国安        联系电话：0771-5523118\n";
    kept(text, &["0771-5523118"]);
}

#[test]
fn an_id_in_spaced_groups_broken_over_two_lines_goes() {
    // 11010519491231002X split 110105 1949 1231 / 002X.
    let text = "  证件号码：110105 1949 1231\n                          002X\n  联系电话：略\n";
    gone(text, &["1949 1231", "002X"]);
}

#[test]
fn a_form_home_below_a_padded_id_line_goes_and_the_postcode_stays() {
    let text = "  证件号码：110105 1949 1231\n                                                  002X\n  联系电话：010-6521 7788\n  电子邮箱：abc_home@example.com\n  通信地址：北京市朝阳区三里屯街道工体北路\n            幸福花园7号楼3单元\n            502室              邮政编码：100027\n";
    gone(text, &["7号楼3单元", "502室"]);
    kept(text, &["工体北路", "邮政编码：100027"]);
}

#[test]
fn worship_goes_and_a_district_church_stays() {
    let text = "她每周日都到鼓楼区福音堂参加礼拜，孩子也跟着去。";
    gone(text, &["参加礼拜"]);
    kept(text, &["鼓楼区福音堂"]);
    gone("他周五中午在清真寺参加聚礼，未在店。", &["清真寺参加聚礼"]);
    gone(
        "其母为佛教居士，每逢初一吃素礼佛。",
        &["佛教居士", "吃素礼佛"],
    );
    gone("我们全家信天主，家中设有祈祷室。", &["设有祈祷室"]);
}

#[test]
fn symptoms_treatment_and_an_infants_months_go() {
    let text = "油烟进屋后，我女儿夜里咳嗽睡不着，我母亲反复头晕恶心，每天还要做康复训练、用雾化器；我爱人还在吃药。小儿子才10个月大。";
    gone(
        text,
        &[
            "夜里咳嗽睡不着",
            "反复头晕恶心",
            "做康复训练",
            "雾化器",
            "还在吃药",
            "10个月大",
        ],
    );
    // A plan's months stay.
    kept("整治期为三个月，由街道组织实施。", &["三个月"]);
}

#[test]
fn a_name_before_a_birth_year_in_brackets_goes() {
    let text = "居民谷秀芝（1949年生）每天绕行。";
    gone(text, &["谷秀芝"]);
}

#[test]
fn a_hui_surname_is_known() {
    gone("其邻居纳玉梅（手机：略）搭建棚房。", &["纳玉梅"]);
    // 消纳场所: no name.
    kept("拟消纳场所系河道旁的低洼地。", &["消纳场所"]);
}

#[test]
fn a_drivers_name_goes() {
    gone(
        "该车系公司自有渣土车，驾驶员邵国强已接受教育。",
        &["邵国强"],
    );
}

#[test]
fn an_agent_described_as_the_agencys_staff_with_a_badge_stays() {
    let text =
        "委托代理人：钱  伟，该局工作人员（执法证号32010400071）。\n原告孙某诉被告某局一案。";
    kept(text, &["钱  伟"]);
}

#[test]
fn a_jingban_officer_with_a_number_stays() {
    let text = "处罚机关：某市某区城市管理局（经办：邹  明 32030200384）";
    kept(text, &["邹  明"]);
}

#[test]
fn an_account_noted_as_a_public_collection_account_stays() {
    let text = "罚款缴至某银行某支行，账号：6222600260001072444（政府非税收入专户）。";
    kept(text, &["6222600260001072444"]);
    gone(
        "赔偿款打入其本人银行卡，卡号6222600260001072444（本人账户）。",
        &["6222600260001072444"],
    );
}

#[test]
fn a_full_name_in_brackets_after_a_familiar_form_goes() {
    let text = "是网格员刘姐（刘  玉  兰）让我先摆着，租客小宋（宋婷）也在场。";
    gone(text, &["刘  玉  兰", "宋婷"]);
}

#[test]
fn a_grid_worker_with_the_community_stays() {
    let text = "记录：钟山社区网格员谭  芳，已上门核实。";
    kept(text, &["谭  芳"]);
}

#[test]
fn an_unquoted_nickname_after_waihao_goes() {
    let text = "摊主叫孙建国，外号孙大个，每晚经营到凌晨。";
    gone(text, &["孙建国", "孙大个"]);
}

#[test]
fn the_addressees_building_after_ni_weiyu_goes_below_the_road_section() {
    let text = "    本机关收到一份政府信息公开申请，要求公开本机关对你\n位于涪城区城厢街道临园路三段\n12号院2栋顶楼搭建彩钢棚的处理材料。";
    gone(text, &["12号院2栋顶楼"]);
    kept(text, &["临园路三段", "搭建彩钢棚的处理材料"]);
    // A company's site stays.
    kept(
        "该公司位于临园路三段12号，已完成整改。",
        &["临园路三段12号"],
    );
}

#[test]
fn the_hospital_treating_a_named_condition_goes() {
    let text = "你以“女儿在漳州市第二医院住院治疗抑郁症”为由未拆除。";
    gone(text, &["漳州市第二医院", "抑郁症"]);
    kept(
        "执法人员将老人送至漳州市第二医院，并通知其家属。",
        &["漳州市第二医院"],
    );
}

#[test]
fn a_volunteer_and_the_volunteer_card_number_go() {
    let text = "志愿者：韦小芳（志愿者证号ZYZ-4501-20230316），参加了清扫。";
    gone(text, &["韦小芳", "ZYZ-4501-20230316"]);
}

#[test]
fn breathlessness_and_frequent_headaches_go() {
    gone(
        "烟气一来老人就喘不上气，孩子经常头疼。",
        &["喘不上气", "经常头疼"],
    );
}

#[test]
fn a_staff_word_before_a_listed_name_is_no_part_of_it() {
    let text = "队长带领协管员周立强、邓  成在人民路巡查。";
    gone(text, &["周立强", "邓  成"]);
    kept(text, &["协管员"]);
}

#[test]
fn a_verb_and_zhong_before_cheng_is_no_name() {
    let text = "你在陈述中称近期腰伤未愈，本局已予记录。";
    kept(text, &["陈述中称"]);
}

#[test]
fn a_relation_after_a_dotted_name_is_no_part_of_it() {
    let r = masked("古丽（热合曼·吐尔逊之女，14岁）随父参会。");
    assert!(r.text.contains("之女"), "{}", r.text);
    assert!(!r.text.contains("吐尔逊"), "{}", r.text);
}

#[test]
fn a_daughter_in_the_note_is_no_sex_particular() {
    let r = masked("当事人出差期间（外地）由其女儿代为签收。");
    assert!(r.text.contains("出差期间"), "{}", r.text);
}

#[test]
fn a_home_wrapped_in_a_space_aligned_table_goes() {
    let text = "序号  当事人        身份证号                 最后住址                  文书号\n1     陆建平        320102196805122518       玄武区梅园新村街道长江路    宁玄城罚〔2026〕7号\n                                               9号楼3单元402\n2     某某商贸有限公司  91320102MA1XXXXX0Q       玄武区中山路18号            宁玄城罚〔2026〕8号\n";
    gone(text, &["9号楼3单元402"]);
    kept(text, &["玄武区中山路18号", "长江路"]);
}

#[test]
fn medicine_stopped_goes() {
    gone("病历显示其已停药半年，现正常上班。", &["已停药"]);
}

#[test]
fn a_plate_the_answer_says_is_a_companys_stays() {
    let text = "问：你驾驶的晋A·D3318货车是否撒漏渣土？\n答：是。车是公司的，我只是司机。\n";
    kept(text, &["晋A·D3318"]);
    gone(
        "问：你驾驶的晋A·D3318货车是否撒漏渣土？\n答：是。车是我自己的。\n",
        &["晋A·D3318"],
    );
}
