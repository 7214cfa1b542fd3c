//! Over-masking classes seen on the eval15 dev half, one invented text per class: what
//! an organisation, an officer in office or a business shows of itself stays, while the
//! private persons beside it are still masked. None of the texts is taken from an
//! evaluation set.

mod common;

use common::*;

#[test]
fn a_bodys_footer_keeps_its_landline() {
    let text = "当事人：韦  春  生，手机：137 1234 5678。\n\
                某市某区城市管理局法制科   电话：0451-8123456\n\
                某市某区城市管理局   窗口电话：0451-8123457\n\
                某市某区自然资源局  地址：某市某区人民大道88号  电话：0451-8123458";
    kept(text, &["0451-8123456", "0451-8123457", "0451-8123458"]);
    gone(text, &["春  生", "137 1234 5678"]);
}

#[test]
fn a_private_footer_line_keeps_its_landline_masked() {
    let text = "受托人：韦春生  地址：某市某区人民大道88号  电话：0451-8123458\n\
                当事人住某市某区光明路5号   电话：0451-8123459";
    gone(text, &["0451-8123458", "0451-8123459"]);
}

#[test]
fn the_contact_line_of_a_signature_block_is_the_bodys() {
    let text = "审核：某区综合行政执法局法制股   2026年3月2日\n联系电话：0856-5123456\n\n\
                某某律师事务所（分所）\n律师：龙  飞   2026年3月3日\n联系电话：0580-2123456";
    kept(text, &["0856-5123456", "0580-2123456"]);
}

#[test]
fn a_contact_line_under_a_person_or_a_sentence_stays_masked() {
    let text = "委托人：龙飞，某某有限公司职员\n联系电话：0580-2123456\n\n\
                某区执法局一中队（中队长孙鹏）到场。\n电话0752-2238865（当事人家中）";
    gone(text, &["0580-2123456", "0752-2238865"]);
}

#[test]
fn a_note_or_a_call_of_a_body_keeps_its_number() {
    let text = "复查时公园管理处\n（某市湖滨公园管理所，电话0933-8123456）确认无需赔偿。\n\
                17:30  区气象局电话通知（0875-2123456）：明日有大风。\n\
                18:10  市民来电（0875-2123457）：楼下噪音扰民。";
    kept(text, &["0933-8123456", "0875-2123456"]);
    gone(text, &["0875-2123457"]);
}

#[test]
fn a_table_row_of_an_organisation_keeps_its_landline() {
    let text = "| 编号 | 申请人 | 证件号码 | 联系电话 |\n|---|---|---|---|\n\
                | 1 | 某某传媒有限公司 | 91410402MA00000000 | 0375-2123456 |\n\
                | 2 | 某某区光明路街道办事处 | — | 0375-2123457 |\n\
                | 3 | 葛  晓  东 | 410402198903****11 | 0375-2123458 |";
    kept(text, &["0375-2123456", "0375-2123457"]);
    gone(text, &["0375-2123458", "晓  东"]);
}

#[test]
fn an_agencys_mailbox_and_address_in_its_contact_block_stay() {
    let text = "    受理部门：局法制科        联系人：柏  松（执法证号22070221005）\n\
                \x20   联系电话：0438-6123456         地址：某市某区江北大街599号\n\
                \x20   电子邮箱：abcgjdc@163.com\n\
                \x20   监督电话：0990-6123456        电子邮箱：xyzcgj@126.com";
    kept(
        text,
        &["abcgjdc@163.com", "xyzcgj@126.com", "某市某区江北大街599号"],
    );
}

#[test]
fn a_persons_mailbox_and_address_stay_masked() {
    let text = "受送达人：韦春生，身份证号：110101199001011234\n\
                联系电话：0438-6123457   送达地址：某市某区江北大街599号3栋201室\n\
                电子邮箱：weichunsheng@163.com";
    gone(text, &["weichunsheng@163.com", "3栋201室", "0438-6123457"]);
}

#[test]
fn officers_in_a_certificate_list_stay() {
    let text = "一、新领取行政执法证件人员\n\
                \x20   热依汗·买买提     执法证号65010326001     执法领域：市容\n\
                \x20   孙  立             执法证号65010326002     执法领域：园林\n\
                二、换发行政执法证件人员\n\
                \x20   韩  成（65010318007）、钱明和（65010318011）、米热古丽·艾力（65010318015）\n\
                三、注销行政执法证件人员\n\
                \x20   1.郑建新（原执法证号65010312003），因退休注销；\n\
                \x20   2.吕  和（原执法证号65010315014），因调离注销。\n\
                投诉人买买提江·吐尔洪（电话 138 9951 0000）已收到答复。";
    kept(
        text,
        &[
            "热依汗·买买提",
            "钱明和",
            "米热古丽·艾力",
            "韩  成",
            "郑建新",
            "吕  和",
        ],
    );
    gone(text, &["买买提江·吐尔洪", "138 9951 0000"]);
}

#[test]
fn a_quoted_shop_sign_on_a_given_or_pet_name_stays() {
    let text = "3.霍长顺户：霍长顺，男，手机156 3109 0000，搭建门市房出租给外地人开\n\
                \x20 “长顺凉皮”。\n\
                经营者为祁海涛（个体工商户“阿涛海鲜排档”，统一社会信用代码923309023288513435）。\n\
                | 5 | 门头招牌设置备案 | 奚美玲（个体户“美玲母婴”） | 152-3759-0000 |";
    kept(text, &["“长顺凉皮”", "“阿涛海鲜排档”", "“美玲母婴”"]);
    gone(text, &["霍长顺", "祁海涛", "奚美玲", "152-3759-0000"]);
}

#[test]
fn a_quoted_nickname_is_no_sign() {
    let text = "当事人：耿二虎（绰号“耿老二”），男。当事人：柳春花，女，微信名“春花手工粽”。";
    gone(text, &["耿老二", "二虎", "春花"]);
}

#[test]
fn an_agencys_own_register_number_stays() {
    let text = "第2号龙明安主动提出加入城管志愿者队伍，已登记志愿者编号TR-ZY-0419。\n\
                当事人另持有志愿者证号ZJ33100209999。";
    kept(text, &["TR-ZY-0419"]);
    gone(text, &["ZJ33100209999"]);
}

#[test]
fn an_organisations_building_stays_a_persons_flat_does_not() {
    let text = "    1.当事人：龚  和  平，公民身份号码340603196212070594，房屋坐落：某区某街道\n\
                \x20     淮河路丹桂小区15栋2单元1102室（违法建设：楼顶加建）；\n\
                \x20   2.当事人：某某物业管理有限公司，统一社会信用代码91340603MA2JYE7Q9A，房屋坐落：某区\n\
                \x20     淮河路丹桂小区物业楼西侧（违法建设：扩建车库）。";
    kept(text, &["淮河路丹桂小区物业楼西侧"]);
    gone(text, &["15栋2单元1102室"]);
}

#[test]
fn a_school_reporting_through_its_office_stays() {
    let text = "16:45  临川市第三中学保卫科来电，称校门口有摊贩向学生兜售辣条，一名初一学生（韦  乐，12岁）\n\
                吃后腹痛。\n\
                17:10  家长来电，称其子就读的临川市第五中学保卫科来电通知其子（13岁）被摊贩推倒。";
    kept(text, &["临川市第三中学"]);
    gone(text, &["初一学生", "12岁", "临川市第五中学", "13岁"]);
}

#[test]
fn a_roster_of_badges_keeps_its_officers_and_numbers() {
    let text = "关于行政执法证件换发情况的公示\n\
                | 序号 | 姓名 | 执法证号 | 执法类别 |\n|---|---|---|---|\n\
                | 1 | 巴音图 | 15090226001 | 城市管理 |\n\
                | 2 | 王  海  军 | 15090226003 | 市容环卫 |\n\n\
                序号  姓名      原执法证号       注销原因\n\
                1     刘建平    15090212003      退休\n\n\
                新申领人员：李明远（15090226011）、苏和巴特（15090226013）。\n\
                举报人柴  丽（电话 150 9022 6099）已收到答复。";
    kept(
        text,
        &[
            "巴音图",
            "15090226001",
            "王  海  军",
            "15090226003",
            "刘建平",
            "15090212003",
            "李明远",
            "15090226011",
            "苏和巴特",
        ],
    );
    gone(text, &["150 9022 6099"]);
}

#[test]
fn a_body_to_turn_to_keeps_its_number() {
    let text = "公示期间如有异议，请向某市某区城市管理局法规科反映，电话：0391-3123456；\
                请与局政治处联系，联系电话：0474-8123456，电子邮箱：jnqcgj@163.com。\n\
                如有疑问，请与当事人家属联系，电话：0474-8123457。";
    kept(text, &["0391-3123456", "0474-8123456", "jnqcgj@163.com"]);
    gone(text, &["0474-8123457"]);
}

#[test]
fn a_bodys_name_beside_or_under_the_contact_line_makes_it_the_bodys() {
    let text = "    特此证明。\n\n证明人：幸福社区居委会主任 苗淑芬\n联系电话：0436-3123456\n\
                \x20                    某市某区新华街道幸福社区居民委员会（盖章）\n\
                \x20                             2026年5月20日\n\n\
                联系电话：0578-2123456                 某市某区综合行政执法局\n";
    kept(text, &["0436-3123456", "0578-2123456"]);
}

#[test]
fn a_persons_contact_line_above_a_body_stays_masked() {
    let text = "当事人：苗淑芬，女，住某小区3号楼201室。\n联系电话：0436-3123457\n\
                某市某区新华街道幸福社区居民委员会（盖章）";
    gone(text, &["0436-3123457"]);
}

#[test]
fn a_housing_bureau_is_no_home() {
    let text = "08:30  县住建局电话通知（0970-8123456）：今日开展燃气安全检查。\n\
                某县住房和城乡建设局城建科   电话：0970-8123457\n\
                10:40  群众来电（0970-8123458），称其住在三楼，楼下噪音扰民。";
    kept(text, &["0970-8123456", "0970-8123457"]);
    gone(text, &["0970-8123458"]);
}

#[test]
fn a_law_firms_number_marked_as_such_stays() {
    let text =
        "申请人：雷  鸣，某某律师事务所律师\n联系电话：029-88123456（律所）  手机：139 9111 0000";
    kept(text, &["029-88123456"]);
    gone(text, &["139 9111 0000", "雷  鸣"]);
}

#[test]
fn the_leader_on_duty_stays() {
    let text = "2026年12月3日  值班人员：才让（执法证号63222319004）  带班领导：马  忠\n\
                17:30  已转告各中队值班员，并报值班领导段永和。";
    kept(text, &["马  忠", "段永和"]);
}

#[test]
fn a_mailbox_named_as_the_agencys_stays() {
    let text = "公示期间，可通过监督邮箱：jdyx2026@163.com 或举报邮箱jbyx@126.com反映。\n\
                当事人邮箱：dangshiren@163.com";
    kept(text, &["jdyx2026@163.com", "jbyx@126.com"]);
    gone(text, &["dangshiren@163.com"]);
}

#[test]
fn a_persons_workplace_above_the_contact_line_keeps_the_number_masked() {
    let text = "被询问人：韦春生\n工作单位：某市某区某某局\n电话：0451-8123461";
    gone(text, &["0451-8123461"]);
}

#[test]
fn a_bodys_fax_and_phone_after_its_other_numbers_stay() {
    let text = "某市某区城市管理执法局办公室   联系电话：0911-2123456   传真：0911-2123457\n\
                某区城市管理执法局  地址：某市某区枣园路5号  邮编：716000  电话：0911-2123458\n\
                当事人：韦春生  手机：139 1234 0000  传真：0911-2123459";
    kept(text, &["0911-2123456", "0911-2123457", "0911-2123458"]);
    gone(text, &["0911-2123459", "139 1234 0000"]);
}

#[test]
fn a_school_calling_without_an_office_stays_a_pupil_calling_does_not() {
    let text = "09:10  临川市第七中学来电，称校门口有摊贩向学生兜售辣条，一名初一学生（韦  乐，12岁）吃后腹痛。\n\
                10:20  临川市第八中学初二学生韦小明来电，称被摊贩推倒。";
    kept(text, &["临川市第七中学"]);
    gone(text, &["临川市第八中学", "12岁"]);
}
