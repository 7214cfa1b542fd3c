use proptest::prelude::*;

use super::*;

fn food_pudong_small() -> Applicability {
    Applicability::from_rows([
        ("industry", "14"),
        ("district", "310115"),
        ("scale", "small"),
        ("scale", "micro"),
        ("theme", "food_production"),
    ])
}

fn profile(ind: &str, d: District, s: Scale) -> Profile {
    Profile {
        industries: vec![ind.into()],
        district: d,
        scale: s,
        subject: Subject::Enterprise,
        themes: vec![],
    }
}

#[test]
fn a_small_food_producer_in_pudong_matches_with_reasons() {
    let why = matches(
        &food_pudong_small(),
        true,
        &profile("1431", District::Pudong, Scale::Micro),
    )
    .expect("matches");
    assert_eq!(
        why,
        vec![
            "行业：14 食品制造业（含贵单位的 1431 米、面制品制造）".to_string(),
            "区：浦东新区".into(),
            "规模：微型".into(),
        ]
    );
}

#[test]
fn each_dimension_excludes() {
    let a = food_pudong_small();
    let ok = profile("1431", District::Pudong, Scale::Small);
    assert!(matches(&a, true, &ok).is_some());
    assert!(
        matches(&a, false, &ok).is_none(),
        "lapsed policies never match"
    );
    assert!(matches(&a, true, &profile("1310", District::Pudong, Scale::Small)).is_none());
    assert!(matches(&a, true, &profile("1431", District::Xuhui, Scale::Small)).is_none());
    assert!(matches(&a, true, &profile("1431", District::Pudong, Scale::Large)).is_none());
    // A broad holder (the whole 门类 C) is not reached by a narrower policy.
    assert!(matches(&a, true, &profile("C", District::Pudong, Scale::Small)).is_none());
    let mut ind = ok.clone();
    ind.subject = Subject::Individual;
    assert!(matches(&a, true, &ind).is_some(), "no subject limit");
    let mut limited = a.clone();
    limited.subjects.insert("enterprise");
    assert!(matches(&limited, true, &ind).is_none());
}

#[test]
fn themes_narrow_only_when_chosen() {
    let a = food_pudong_small();
    let mut p = profile("1431", District::Pudong, Scale::Small);
    p.themes = vec![Theme::Employment];
    assert!(matches(&a, true, &p).is_none());
    p.themes = vec![Theme::Employment, Theme::FoodProduction];
    let why = matches(&a, true, &p).expect("shares a theme");
    assert!(why.iter().any(|w| w == "您关注的主题：食品生产"));
}

#[test]
fn untagged_policies_are_never_pushed() {
    let p = profile("1431", District::Pudong, Scale::Small);
    assert!(matches(&Applicability::default(), true, &p).is_none());
    // Only a theme: reaches everyone, saying which theme.
    let a = Applicability::from_rows([("theme", "business")]);
    assert_eq!(
        matches(&a, true, &p),
        Some(vec!["主题：优化营商环境".to_string()])
    );
}

#[test]
fn unknown_codes_are_dropped_and_rows_round_trip() {
    let a = Applicability::from_rows([("industry", "ZZ"), ("district", "x"), ("colour", "red")]);
    assert!(!a.is_targeted());
    let b = food_pudong_small();
    let rows = b.rows();
    let back = Applicability::from_rows(rows.iter().map(|(k, c)| (k.code(), c.as_str())));
    assert_eq!(back, b);
    assert_eq!(b.display()[0], ("行业", "14 食品制造业".to_string()));
}

fn any_code() -> impl Strategy<Value = String> {
    let n = tree().all.len();
    (0..n).prop_map(|i| tree().all[i].code.to_string())
}

fn any_profile() -> impl Strategy<Value = Profile> {
    (
        prop::collection::vec(any_code(), 1..3),
        prop::sample::select(District::ALL),
        prop::sample::select(Scale::ALL),
        prop::sample::select(Subject::ALL),
        prop::collection::vec(prop::sample::select(Theme::ALL), 0..2),
    )
        .prop_map(|(industries, district, scale, subject, themes)| Profile {
            industries,
            district,
            scale,
            subject,
            themes,
        })
}

fn any_tags() -> impl Strategy<Value = Applicability> {
    (
        prop::collection::vec(any_code(), 0..3),
        prop::collection::vec(prop::sample::select(District::ALL), 0..3),
        prop::collection::vec(prop::sample::select(Scale::ALL), 0..3),
        prop::collection::vec(prop::sample::select(Subject::ALL), 0..2),
        prop::collection::vec(prop::sample::select(Theme::ALL), 0..3),
    )
        .prop_map(|(i, d, s, su, t)| Applicability {
            industries: i.into_iter().collect(),
            districts: d.into_iter().map(|x| x.code()).collect(),
            scales: s.into_iter().map(|x| x.code()).collect(),
            subjects: su.into_iter().map(|x| x.code()).collect(),
            themes: t.into_iter().map(|x| x.code()).collect(),
        })
}

proptest! {
    #[test]
    fn lapsed_never_matches(a in any_tags(), p in any_profile()) {
        prop_assert!(matches(&a, false, &p).is_none());
    }

    #[test]
    fn a_match_has_reasons(a in any_tags(), p in any_profile()) {
        if let Some(why) = matches(&a, true, &p) {
            prop_assert!(!why.is_empty());
        }
    }

    /// A policy that reaches an enterprise of one industry reaches every enterprise
    /// of a sub-industry of it too (hierarchical match).
    #[test]
    fn descendants_are_reached_too(a in any_tags(), mut p in any_profile()) {
        p.industries.truncate(1);
        if matches(&a, true, &p).is_some() {
            let held = p.industries[0].clone();
            for child in tree().all.iter().filter(|i| i.parent == Some(held.as_str())) {
                let mut q = p.clone();
                q.industries = vec![child.code.to_string()];
                prop_assert!(matches(&a, true, &q).is_some(), "{} under {}", child.code, held);
            }
        }
    }

    /// Narrowing a policy (an extra district limit) never adds recipients. A policy
    /// with no tags at all is pushed to no one (`matches` asks `is_targeted`): its
    /// first limit targets it rather than narrows it, so it is left out here
    /// (proptest found the empty one).
    #[test]
    fn narrowing_never_adds(a in any_tags(), p in any_profile(), d in prop::sample::select(District::ALL)) {
        prop_assume!(a.is_targeted());
        let mut narrower = a.clone();
        if narrower.districts.is_empty() {
            narrower.districts.insert(d.code());
        } else {
            let keep = narrower.districts.iter().next().copied();
            narrower.districts = keep.into_iter().collect();
        }
        if matches(&narrower, true, &p).is_some() {
            prop_assert!(matches(&a, true, &p).is_some());
        }
    }
}

#[test]
fn message_ids_name_their_message() {
    assert_eq!(
        message_of("<push-12-1a2b3c4d@example.gov.cn>"),
        Some((12, "1a2b3c4d".to_string()))
    );
    assert_eq!(message_of("push-7-deadbeef"), Some((7, "deadbeef".into())));
    for bad in [
        "",
        "<x@y>",
        "push-0-1a2b3c4d",
        "push-a-1a2b3c4d",
        "push-1-xyz",
        "push-1-1a2b3c4d5",
    ] {
        assert_eq!(message_of(bad), None, "{bad}");
    }
}
