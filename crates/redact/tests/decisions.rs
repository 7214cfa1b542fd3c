//! Masking on 20 realistic 行政处罚决定书 (written for these tests; identity numbers,
//! card numbers and credit codes carry valid check characters but belong to nobody).
//! Each case lists what must disappear, what must stay, and the kinds masked.

use proptest::prelude::*;
use redact::{Kind, Options, redact};

struct Case {
    text: &'static str,
    parties: &'static [&'static str],
    gone: &'static [&'static str],
    kept: &'static [&'static str],
    kinds: &'static [(Kind, usize)],
}

const CASES: &[Case] = &[
    Case {
        text: "当事人：张三，男，1985年3月12日出生，身份证号：310101198503122415，住址：上海市黄浦区南京东路100弄5号302室。\
               经查，当事人于2023年5月6日在黄浦区河南中路与九江路交叉口占道经营，违反了《上海市市容环境卫生管理条例》第二十一条的规定。\
               依据该条例第四十二条，决定对当事人罚款人民币伍佰元（500元）。执法人员：王建国（执法证号：31001234）、李明（执法证号：31005678）。",
        parties: &[],
        gone: &["张三", "19850312", "100弄5号302室"],
        kept: &[
            "张某某",
            "310101************",
            "南京东路",
            "王建国",
            "31001234",
            "李明",
            "第四十二条",
            "500元",
            "河南中路与九江路",
        ],
        kinds: &[
            (Kind::Name, 1),
            (Kind::BirthDate, 1),
            (Kind::IdCard, 1),
            (Kind::Address, 1),
        ],
    },
    Case {
        text: "当事人：上海某某餐饮管理有限公司，统一社会信用代码：91310101MA1FP8XK3W，法定代表人：欧阳娜娜，联系电话：13812345678。\
               该公司在徐汇区欧阳路88号门前违规设置户外广告。沪城管执〔2023〕47号。",
        parties: &[],
        gone: &["欧阳娜娜", "13812345678"],
        kept: &[
            "上海某某餐饮管理有限公司",
            "91310101MA1FP8XK3W",
            "欧阳某某",
            "138********",
            "欧阳路88号",
            "沪城管执〔2023〕47号",
        ],
        kinds: &[(Kind::Name, 1), (Kind::Phone, 1)],
    },
    Case {
        text: "当事人李四（身份证号31011519900704123X），驾驶沪A12345号货车运输建筑垃圾时沿途撒落，违反《上海市建筑垃圾处理管理规定》第二十条。\
               罚款人民币2000元。当事人李四当场签收。",
        parties: &[],
        gone: &["李四", "31011519900704123X", "沪A12345"],
        kept: &[
            "李某某",
            "310115************",
            "沪A*****",
            "第二十条",
            "2000元",
        ],
        kinds: &[(Kind::Name, 2), (Kind::IdCard, 1), (Kind::Plate, 1)],
    },
    Case {
        text: "当事人：王小红，女，联系电话：021-63215678，家庭住址：上海市浦东新区张杨路1500号12楼。\
               当事人在其经营的店铺门前堆放杂物，经责令改正拒不改正。",
        parties: &[],
        gone: &["王小红", "63215678", "1500号12楼"],
        kept: &["王某某", "021-****5678", "张杨路"],
        kinds: &[(Kind::Name, 1), (Kind::Phone, 1), (Kind::Address, 1)],
    },
    Case {
        text: "当事人：司马光明，身份证号码：310106197811305616。罚款已缴入指定账户，缴款人银行卡号6222021001123456789。\
               如不服本决定，可在收到本决定书之日起六十日内向上海市人民政府申请行政复议。",
        parties: &[],
        gone: &["司马光明", "197811305", "6222021001123456789"],
        kept: &[
            "司马某某",
            "6222***********6789",
            "六十日内",
            "上海市人民政府",
        ],
        kinds: &[(Kind::Name, 1), (Kind::IdCard, 1), (Kind::BankCard, 1)],
    },
    Case {
        text: "当事人：陈某某经营的“老陈面馆”（个体工商户，统一社会信用代码92310115MA1K4BCD00），在长宁区愚园路设置外摆摊位。\
               投诉人赵六于2023年6月1日通过12345热线反映。",
        parties: &[],
        gone: &["赵六"],
        kept: &[
            "陈某某",
            "92310115MA1K4BCD00",
            "愚园路",
            "12345热线",
            "赵某某",
            "2023年6月1日",
        ],
        kinds: &[(Kind::Name, 1)],
    },
    Case {
        text: "当事人：孙伟，联系电话+86 139 1234 5678，电子邮箱sunwei1985@example.com。\
               经查，当事人在静安区武定路张贴非法小广告，广告上留有电话号码13900001111。",
        parties: &[],
        gone: &["孙伟", "139 1234 5678", "sunwei1985@", "13900001111"],
        kept: &[
            "孙某某",
            "+86 139********",
            "s***@example.com",
            "139********",
            "武定路",
        ],
        kinds: &[(Kind::Name, 1), (Kind::Phone, 2), (Kind::Email, 1)],
    },
    Case {
        text: "委托代理人：周文，上海某某律师事务所律师，执业证号13101201510123456。当事人周杰（身份证号320583199202153544）对违法事实无异议。",
        parties: &[],
        // The lawyer's name is masked, so is the 执业证号 that would name the lawyer again.
        gone: &["周杰", "周文", "19920215", "13101201510123456"],
        kept: &["周某某", "上海某某律师事务所", "320583************"],
        kinds: &[(Kind::Name, 2), (Kind::IdCard, 1), (Kind::Certificate, 1)],
    },
    Case {
        text: "当事人：上海某建筑工程有限公司，法定代表人：吴敏，负责人：郑强。该公司承建的项目夜间施工噪声超标，\
               违反《中华人民共和国噪声污染防治法》第四十三条，依据第七十七条罚款人民币3万元。",
        parties: &[],
        gone: &["吴敏", "郑强"],
        kept: &[
            "吴某某",
            "郑某某",
            "第四十三条",
            "第七十七条",
            "3万元",
            "上海某建筑工程有限公司",
        ],
        kinds: &[(Kind::Name, 2)],
    },
    Case {
        text: "当事人马丽，驾驶沪AD12345新能源小客车在人行道违法停放并经营流动摊点。现住址：上海市闵行区七宝镇农南路8弄3号。",
        parties: &[],
        gone: &["马丽", "AD12345", "8弄3号"],
        kept: &["马某某", "沪A******", "农南路"],
        kinds: &[(Kind::Name, 1), (Kind::Plate, 1), (Kind::Address, 1)],
    },
    Case {
        text: "经查，胡大海于2023年7月15日在虹口区四川北路擅自占用道路堆放物料。胡大海的行为违反了《上海市市容环境卫生管理条例》第二十一条第一款。",
        parties: &["胡大海"],
        gone: &["胡大海"],
        kept: &["胡某某", "四川北路", "第二十一条第一款", "2023年7月15日"],
        kinds: &[(Kind::Name, 2)],
    },
    Case {
        text: "当事人：上官婉儿，公民身份号码310225650101001（旧证）。当事人在宝山区牡丹江路从事无照经营。执法人员：钱进、孙立。",
        parties: &[],
        gone: &["上官婉儿", "650101"],
        kept: &["上官某某", "310225*********", "牡丹江路", "钱进", "孙立"],
        kinds: &[(Kind::Name, 1), (Kind::IdCard, 1)],
    },
    Case {
        text: "当事人：刘洋，身份证号：310112198812314524。证人：何静，联系电话（021）54321234。罚款人民币1000元，限于收到本决定书之日起十五日内缴纳。",
        parties: &[],
        gone: &["刘洋", "19881231", "何静", "54321234"],
        kept: &["刘某某", "何某某", "（021）****1234", "1000元", "十五日内"],
        kinds: &[(Kind::Name, 2), (Kind::IdCard, 1), (Kind::Phone, 1)],
    },
    Case {
        text: "当事人：上海某物业管理有限公司，住所：上海市杨浦区国定路335号，负责人：林志强，手机号码 186-2100-3344。",
        parties: &[],
        gone: &["林志强", "2100-3344"],
        kept: &["国定路335号", "林某某", "186********"],
        kinds: &[(Kind::Name, 1), (Kind::Phone, 1)],
    },
    Case {
        text: "当事人：徐晓东（身份证号：410105199505201030），户籍地址：河南省郑州市金水区花园路56号院2号楼1单元。\
               当事人在普陀区真北路违法搭建建筑物，面积约20平方米。",
        parties: &[],
        gone: &["徐晓东", "19950520", "56号院2号楼1单元"],
        kept: &[
            "徐某某",
            "410105************",
            "花园路",
            "真北路",
            "20平方米",
        ],
        kinds: &[(Kind::Name, 1), (Kind::IdCard, 1), (Kind::Address, 1)],
    },
    Case {
        text: "本机关于2023年8月1日立案调查。当事人：诸葛亮，联系电话：62345678。根据《中华人民共和国行政处罚法》第三十二条，依法从轻处罚。",
        parties: &[],
        gone: &["诸葛亮", "62345678"],
        kept: &["诸葛某某", "****5678", "第三十二条", "2023年8月1日"],
        kinds: &[(Kind::Name, 1), (Kind::Phone, 1)],
    },
    Case {
        text: "当事人：上海某某科技有限公司（统一社会信用代码91310000132211270G），联系人：黄蓉，邮箱huangrong@corp.example.cn。\
               该公司在奉贤区南桥路设置大型户外广告未经审批。",
        parties: &[],
        gone: &["黄蓉", "huangrong@"],
        kept: &[
            "91310000132211270G",
            "黄某某",
            "h***@corp.example.cn",
            "南桥路",
        ],
        kinds: &[(Kind::Name, 1), (Kind::Email, 1)],
    },
    Case {
        text: "当事人：郭靖，身份证号310101200002290023，经营者：郭靖。当事人在金山区卫零路夜间经营烧烤，油烟扰民，罚款人民币500元。",
        parties: &[],
        gone: &["郭靖", "20000229"],
        kept: &["郭某某", "310101************", "卫零路"],
        kinds: &[(Kind::Name, 2), (Kind::IdCard, 1)],
    },
    Case {
        text: "当事人：唐僧，监护人：唐太宗。当事人系未成年人，依法从轻处罚。执法人员：沙悟净（执法证号31009999）。",
        parties: &[],
        gone: &["唐僧", "唐太宗"],
        kept: &["唐某某", "唐某某", "沙悟净", "31009999"],
        kinds: &[(Kind::Name, 2)],
    },
    Case {
        text: "当事人：冯宝宝，银行卡号 6217 0012 3456 7890 122，驾驶员冯宝宝驾驶苏E12345D车辆违规运输渣土。",
        parties: &[],
        gone: &["冯宝宝", "7890 122", "12345D"],
        kept: &["冯某某", "6217***********0122", "苏E*****"],
        kinds: &[(Kind::Name, 2), (Kind::BankCard, 1), (Kind::Plate, 1)],
    },
];

fn count(kinds: &[Kind], k: Kind) -> usize {
    kinds.iter().filter(|x| **x == k).count()
}

#[test]
fn twenty_decisions_are_masked_as_expected() {
    assert_eq!(CASES.len(), 20);
    let mut total = 0;
    for (i, c) in CASES.iter().enumerate() {
        let opts = Options {
            parties: c.parties.iter().map(|s| s.to_string()).collect(),
            officers: Vec::new(),
            extra: Vec::new(),
            ..Default::default()
        };
        let r = redact(c.text, &opts);
        for g in c.gone {
            assert!(!r.text.contains(g), "case {i}: “{g}” still in {}", r.text);
        }
        for k in c.kept {
            assert!(
                r.text.contains(k),
                "case {i}: “{k}” missing from {}",
                r.text
            );
        }
        let kinds: Vec<Kind> = r.maskings.iter().map(|m| m.kind).collect();
        for (k, n) in c.kinds {
            assert_eq!(
                count(&kinds, *k),
                *n,
                "case {i}: {k:?} maskings in {:?}",
                r.maskings
            );
        }
        let expected: usize = c.kinds.iter().map(|(_, n)| n).sum();
        assert_eq!(kinds.len(), expected, "case {i}: {:?}", r.maskings);
        for m in &r.maskings {
            assert_eq!(&c.text[m.start..m.end], m.original, "case {i}: offsets");
            assert!(!m.reason.is_empty());
        }
        // Masking the masked text changes nothing.
        let again = redact(&r.text, &opts);
        assert_eq!(again.text, r.text, "case {i}: idempotent");
        assert!(again.maskings.is_empty(), "case {i}: {:?}", again.maskings);
        total += r.maskings.len();
    }
    assert!(total >= 40, "{total} maskings over 20 decisions");
}

#[test]
fn a_known_party_is_surname_plus_two_mou_wherever_it_appears() {
    let r = redact(
        "经查，张三在南京东路占道经营。张三路不是人名。",
        &Options {
            parties: vec!["张三".into()],
            officers: vec![],
            extra: vec![],
            ..Default::default()
        },
    );
    assert_eq!(r.text, "经查，张某某在南京东路占道经营。张三路不是人名。");
}

#[test]
fn officers_named_by_the_caller_stay() {
    let text = "当事人：王芳。承办人：刘强。经营者：刘强。";
    let r = redact(
        text,
        &Options {
            parties: vec![],
            officers: vec!["刘强".into()],
            extra: vec![],
            ..Default::default()
        },
    );
    assert!(r.text.contains("王某某"));
    assert!(r.text.contains("刘强"));
}

#[test]
fn the_maskings_list_serialises_for_the_reviewer() {
    let r = redact("当事人：张三，手机13812345678。", &Options::default());
    let json = serde_json::to_value(&r).expect("json");
    assert_eq!(json["maskings"][0]["kind"], "name");
    assert_eq!(json["maskings"][1]["replacement"], "138********");
}

proptest! {
    #[test]
    fn any_text_masks_without_panic_and_idempotently(s in "\\PC{0,200}") {
        let r = redact(&s, &Options::default());
        // Valid UTF-8 by construction (String); offsets lie on char boundaries.
        for m in &r.maskings {
            prop_assert!(s.is_char_boundary(m.start) && s.is_char_boundary(m.end));
        }
        let again = redact(&r.text, &Options::default());
        prop_assert_eq!(again.text, r.text);
    }

    #[test]
    fn decision_like_text_with_random_numbers(
        name in "[张王李赵欧阳司马]{1}[一二三四五六七八九明华强丽]{1,2}",
        digits in "[0-9]{6,20}",
        filler in "[，。：、 A-Za-z0-9年月日号路区]{0,30}",
    ) {
        let text = format!("当事人：{name}，{filler}{digits}，住址：上海市某区某某路{digits}号。");
        let r = redact(&text, &Options::default());
        let again = redact(&r.text, &Options::default());
        prop_assert_eq!(&again.text, &r.text);
        let original = format!("当事人：{}，", name);
        prop_assert!(!r.text.contains(&original));
    }
}
