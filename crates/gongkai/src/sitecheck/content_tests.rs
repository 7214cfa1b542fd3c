use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).expect("date")
}

fn kinds(text: &str) -> Vec<(FindingKind, String)> {
    check(text, &default_wordings(), today())
        .into_iter()
        .map(|i| (i.kind, i.suggestion))
        .collect()
}

#[test]
fn correct_doc_numbers_and_dates_pass() {
    for ok in [
        "根据沪城管规〔2024〕3号文件的要求",
        "沪府办〔2023〕12号、国办公开办函〔2021〕30号",
        "沪府办〔2023〕12、13号",
        "（2024）沪0101行初123号判决",
        "成文日期：2024年3月1日　发布日期：2024年3月5日",
        "2024年2月29日、2023-12-31、2024/1/5 召开会议",
        "索引号 MB2F300040/2023-00054，电话 021-12345678",
        "生活必需品供应充足，按排序办理，截止日期为3月1日",
        "原国家工商行政管理总局",
        "要按照工作必需、厉行节约的原则",
        "总计 14412345678 件",
    ] {
        assert_eq!(kinds(ok), vec![], "{ok}");
    }
}

#[test]
fn doc_number_brackets_hao_leading_zero_and_future_year() {
    let k = kinds("依据沪城管规[2024]3号和沪城管规(2024)4号、沪城管规【2024】5号");
    assert_eq!(k.len(), 3, "{k:?}");
    assert!(k.iter().all(|(kind, _)| *kind == FindingKind::DocNumber));
    assert!(k[0].1.contains("应为“沪城管规〔2024〕3号”"), "{k:?}");
    let k = kinds("见沪城管规〔2024〕3文件");
    assert_eq!(k.len(), 1);
    assert!(k[0].1.contains("缺少“号”"), "{k:?}");
    let k = kinds("见沪城管规〔2024〕03号");
    assert!(
        k[0].1.contains("虚位") && k[0].1.contains("〔2024〕3号"),
        "{k:?}"
    );
    let k = kinds("见沪城管规〔2027〕3号");
    assert_eq!(k.len(), 1);
    assert!(k[0].1.contains("晚于今年"), "{k:?}");
}

#[test]
fn impossible_dates_and_written_after_published() {
    let k = kinds("于2024年2月30日召开，2024-13-01 截止，2023年2月29日");
    assert_eq!(k.len(), 3, "{k:?}");
    assert!(k.iter().all(|(kind, _)| *kind == FindingKind::BadDate));
    assert!(k[0].1.contains("2月只有29天"), "{k:?}");
    assert!(k[1].1.contains("月份应为1至12"), "{k:?}");
    assert!(k[2].1.contains("2月只有28天"), "{k:?}");
    let k = kinds("成文日期：2024年3月9日\n印发日期 2024-03-05");
    assert_eq!(k.len(), 1, "{k:?}");
    assert!(k[0].1.contains("晚于发布日期"), "{k:?}");
}

#[test]
fn listed_wordings_with_exceptions() {
    let k = kinds("请按排人员，既使下雨也必需按时到岗，做为试点，截止目前已完成。");
    let sugg: Vec<&str> = k.iter().map(|(_, s)| s.as_str()).collect();
    assert_eq!(k.len(), 5, "{k:?}");
    assert!(k.iter().all(|(kind, _)| *kind == FindingKind::Wording));
    assert!(sugg.iter().any(|s| s.starts_with("“按排”应为“安排”")));
    assert!(sugg.iter().any(|s| s.starts_with("“必需”应为“必须”")));
    let custom = parse_wordings("# c\n城管局\t城管执法局\t简称不规范\n");
    let found = check("市城管局发布", &custom, today());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].excerpt, "市城管局发布");
}

#[test]
fn personal_data_found_and_kept_masked() {
    let text = "联系人手机13812345678，身份证号310101199001011234。办公电话021-63211234";
    let found = check(text, &[], today());
    let personal: Vec<&Issue> = found
        .iter()
        .filter(|i| i.kind == FindingKind::PersonalData)
        .collect();
    assert_eq!(personal.len(), 2, "{found:?}");
    for i in &found {
        let d = i.detail();
        assert!(
            !d.contains("13812345678") && !d.contains("310101199001011234"),
            "{d}"
        );
    }
    assert!(personal[0].excerpt.contains("138********"), "{personal:?}");
}

#[test]
fn main_text_reads_the_main_element() {
    let html = "<html><head><title>t</title><style>p{}</style></head><body><nav>按排</nav>\
                <main id=\"main\"><h1>标题</h1><p>第一段&amp;</p><script>var a='既使';</script><p>第二段</p></main></body></html>";
    let t = main_text(html);
    assert!(
        t.contains("标题") && t.contains("第一段&") && t.contains("第二段"),
        "{t}"
    );
    assert!(!t.contains("按排") && !t.contains("既使"), "{t}");
}

#[test]
fn default_list_parses() {
    let w = default_wordings();
    assert!(w.len() >= 10);
    let bx = w.iter().find(|w| w.wrong == "必需").expect("必需");
    assert_eq!(bx.right, "必须");
    assert!(bx.except.contains(&"必需品".to_string()));
}
