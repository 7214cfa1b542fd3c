//! The draw: reproducible, verifiable, refusing what it cannot satisfy, uniform
//! within strata (chi-square), and identical to the independent Python verifier.

use std::collections::BTreeMap;

use draw::sortition::{self, AnyRecord, Candidate, Seats, SortitionInput};
use draw::{
    Entity, Error, Input, Inspector, Params, Record, record, record_with_beacon, run, verify,
};
use sha2::Digest;

fn seed(i: u64) -> [u8; 32] {
    sha2::Sha256::digest(format!("test seed {i}").as_bytes()).into()
}

fn input(n_entities: usize, n_inspectors: usize) -> Input {
    let districts = ["黄浦区", "徐汇区", "长宁区"];
    Input {
        params: Params {
            task: "2026年度占道经营随机抽查".into(),
            ratio_permille: 200,
            high_risk_factor: 3,
            per_entity: 2,
            exclude_own_district: true,
            required_strata: vec!["黄浦区".into(), "徐汇区".into()],
            beacon: None,
        },
        entities: (0..n_entities)
            .map(|i| Entity {
                id: format!("9131000{i:011}"),
                stratum: districts[i % 3].into(),
                district: districts[i % 3].into(),
                high_risk: i % 10 == 0,
            })
            .collect(),
        inspectors: (0..n_inspectors)
            .map(|i| Inspector {
                id: format!("3100{i:04}"),
                district: districts[i % 3].into(),
                conflicts: if i == 1 {
                    vec!["913100000000000003".into()]
                } else {
                    vec![]
                },
            })
            .collect(),
        previous: BTreeMap::new(),
    }
}

#[test]
fn the_same_seed_and_input_give_the_same_draw_and_others_differ() {
    let inp = input(60, 9);
    assert_eq!(run(&inp, &seed(1)), run(&inp, &seed(1)));
    assert_ne!(run(&inp, &seed(1)), run(&inp, &seed(2)));
}

#[test]
fn quotas_per_stratum_with_more_for_high_risk() {
    let inp = input(60, 9);
    let r = run(&inp, &seed(7)).expect("draw");
    // Each district has 20 entities: 2 high-risk (i % 10 == 0 → every 10th, spread),
    // 18 others. Others: ⌈18 × 200‰⌉ = 4; high risk: ⌈2 × 600‰⌉ = 2.
    let mut per: BTreeMap<&str, usize> = BTreeMap::new();
    for a in &r {
        *per.entry(a.stratum.as_str()).or_default() += 1;
        assert_eq!(a.inspectors.len(), 2);
        assert_ne!(a.inspectors[0], a.inspectors[1]);
    }
    assert_eq!(per.values().sum::<usize>(), r.len());
    for (s, n) in per {
        assert_eq!(n, 6, "{s}");
    }
}

#[test]
fn conflicts_own_district_and_previous_team_are_respected() {
    let mut inp = input(30, 9);
    inp.params.ratio_permille = 1000;
    let first = run(&inp, &seed(3)).expect("draw");
    let district_of = |id: &str| {
        inp.inspectors
            .iter()
            .find(|i| i.id == id)
            .map(|i| i.district.clone())
    };
    for a in &first {
        let e = inp
            .entities
            .iter()
            .find(|e| e.id == a.entity)
            .expect("entity");
        for i in &a.inspectors {
            assert_ne!(
                district_of(i),
                Some(e.district.clone()),
                "own district excluded"
            );
        }
        if a.entity == "913100000000000003" {
            assert!(
                !a.inspectors.contains(&"31000001".to_string()),
                "conflict respected"
            );
        }
    }
    // Next draw with every previous team recorded: no entity gets the same pair again.
    inp.previous = first
        .iter()
        .map(|a| (a.entity.clone(), a.inspectors.clone()))
        .collect();
    for s in 0..20 {
        let next = run(&inp, &seed(100 + s)).expect("draw");
        for a in &next {
            let mut x = a.inspectors.clone();
            x.sort();
            let mut y = inp.previous[&a.entity].clone();
            y.sort();
            assert_ne!(x, y, "identical pair for {}", a.entity);
        }
    }
}

#[test]
fn impossible_draws_are_refused_with_the_reason() {
    let mut inp = input(30, 3);
    // Three inspectors, one per district, own district excluded: 2 eligible per entity,
    // one of them conflicted for entity 3.
    let e = run(&inp, &seed(1));
    inp.params.ratio_permille = 1000;
    let e2 = run(&inp, &seed(1));
    assert!(
        matches!(e2, Err(Error::TooFewInspectors { .. })),
        "{e:?} {e2:?}"
    );
    assert!(
        e2.expect_err("refused")
            .to_string()
            .contains("913100000000000003")
    );
    let mut inp = input(30, 9);
    inp.params.required_strata.push("静安区".into());
    assert_eq!(
        run(&inp, &seed(1)),
        Err(Error::EmptyStratum("静安区".into()))
    );
    let mut inp = input(30, 9);
    inp.params.per_entity = 1;
    assert_eq!(run(&inp, &seed(1)), Err(Error::TooFewPerEntity));
    let mut inp = input(30, 9);
    inp.inspectors[1].id = inp.inspectors[0].id.clone();
    assert!(matches!(run(&inp, &seed(1)), Err(Error::DuplicateId(_))));
}

#[test]
fn verification_catches_a_wrong_seed_tampered_lists_and_a_changed_result() {
    let rec = record(input(60, 9), &seed(5)).expect("record");
    assert_eq!(verify(&rec), Ok(()));
    let mut wrong_seed = rec.clone();
    wrong_seed.seed = hex::encode(seed(6));
    assert_eq!(verify(&wrong_seed), Err(Error::CommitmentMismatch));
    let mut tampered = rec.clone();
    tampered.input.entities.pop();
    assert_eq!(verify(&tampered), Err(Error::InputMismatch));
    let mut changed = rec.clone();
    changed.result[2].inspectors.reverse();
    assert_eq!(verify(&changed), Err(Error::ResultMismatch(3)));
    let mut bad = rec;
    bad.seed = "xyz".into();
    assert_eq!(verify(&bad), Err(Error::BadSeed));
}

/// Over 3 000 seeds, every member of a stratum of 10 is chosen (3 of 10) about
/// equally often: chi-square with 9 degrees of freedom below 27.88 (p = 0.001).
/// The seeds are fixed, so the statistic is the same on every run.
#[test]
fn draws_are_uniform_within_strata() {
    let mut inp = input(10, 6);
    inp.params.required_strata.clear();
    for e in &mut inp.entities {
        e.stratum = "同一层".into();
        e.high_risk = false;
    }
    inp.params.ratio_permille = 300;
    inp.params.exclude_own_district = false;
    for i in &mut inp.inspectors {
        i.conflicts.clear(); // a conflict rightly makes that inspector rarer
    }
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    let rounds = 3000u64;
    for s in 0..rounds {
        for a in run(&inp, &seed(10_000 + s)).expect("draw") {
            *counts.entry(a.entity).or_default() += 1;
        }
    }
    assert_eq!(counts.len(), 10);
    let expected = rounds as f64 * 3.0 / 10.0;
    let chi2: f64 = counts
        .values()
        .map(|&o| (o as f64 - expected).powi(2) / expected)
        .sum();
    assert!(chi2 < 27.88, "chi-square {chi2:.2} ≥ 27.88: {counts:?}");
    // Inspectors too: 6 eligible, 2 per entity.
    let mut ins: BTreeMap<String, u64> = BTreeMap::new();
    for s in 0..rounds {
        for a in run(&inp, &seed(50_000 + s)).expect("draw") {
            for i in a.inspectors {
                *ins.entry(i).or_default() += 1;
            }
        }
    }
    let total: u64 = ins.values().sum();
    let expected = total as f64 / 6.0;
    let chi2: f64 = ins
        .values()
        .map(|&o| (o as f64 - expected).powi(2) / expected)
        .sum();
    // 5 degrees of freedom, p = 0.001: 20.52.
    assert!(chi2 < 20.52, "inspectors chi-square {chi2:.2}: {ins:?}");
}

#[test]
fn the_python_verifier_agrees() {
    let python = std::process::Command::new("python3")
        .arg("--version")
        .output();
    if python.is_err() {
        assert!(
            std::env::var("CI").is_err(),
            "python3 is required in CI for the independent verifier"
        );
        eprintln!("python3 not found: skipping the cross-check with scripts/verify_draw.py");
        return;
    }
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/verify_draw.py");
    let dir = std::env::temp_dir().join(format!("draw-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let mut inp = input(90, 12);
    inp.entities[5].id = "  913100000000000005\t".into(); // whitespace and a control character
    inp.entities[7].stratum = "浦东新区（含临港）".into();
    inp.previous.insert(
        "913100000000000010".into(),
        vec!["31000001".into(), "31000002".into()],
    );
    for s in 0..6 {
        // Half of the records name a beacon (its value mixed into the seed), half do not.
        let mut inp = inp.clone();
        let value = (s % 2 == 1).then(|| format!("03 07 12 19 25 31 + {s:02}"));
        if value.is_some() {
            inp.params.beacon = Some("中国福利彩票双色球 第2027015期开奖号码".into());
        }
        let rec: Record =
            record_with_beacon(inp, &seed(900 + s), value.as_deref()).expect("record");
        let path = dir.join(format!("r{s}.json"));
        std::fs::write(&path, serde_json::to_string(&rec).expect("json")).expect("write");
        let out = std::process::Command::new("python3")
            .arg(&script)
            .arg(&path)
            .output()
            .expect("run");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "python: {text}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let expected: String = rec
            .result
            .iter()
            .map(|a| format!("{}\t{}\n", a.entity, a.inspectors.join(",")))
            .collect::<String>()
            + "验证通过\n";
        assert_eq!(text, expected);
        // A tampered record fails in Python too.
        let mut bad = rec.clone();
        bad.result.swap(0, 1);
        std::fs::write(&path, serde_json::to_string(&bad).expect("json")).expect("write");
        let out = std::process::Command::new("python3")
            .arg(&script)
            .arg(&path)
            .output()
            .expect("run");
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stdout).contains("验证失败"));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_beacon_is_named_at_commitment_and_its_value_changes_the_draw() {
    let mut inp = input(60, 9);
    inp.params.beacon = Some("中国福利彩票双色球 第2027015期开奖号码".into());
    // Naming the beacon changes the committed input text (and so its hash).
    assert!(
        inp.canonical()
            .contains("beacon:中国福利彩票双色球 第2027015期开奖号码\n")
    );
    assert_ne!(inp.hash_hex(), input(60, 9).hash_hex());
    assert_eq!(
        record_with_beacon(inp.clone(), &seed(1), None),
        Err(Error::BeaconMissing)
    );
    let a = record_with_beacon(inp.clone(), &seed(1), Some("01 02 03 04 05 06 + 07")).expect("a");
    let b = record_with_beacon(inp.clone(), &seed(1), Some("01 02 03 04 05 06 + 08")).expect("b");
    assert_ne!(a.result, b.result, "another beacon value, another draw");
    assert_eq!(
        a.commitment, b.commitment,
        "the commitment is the secret's alone"
    );
    assert_eq!(verify(&a), Ok(()));
    // The seed is SHA-256(secret ‖ value): the secret alone does not give the result.
    assert_ne!(Ok(a.result.clone()), run(&inp, &seed(1)));
    let mut changed = a.clone();
    changed.beacon_value = Some("01 02 03 04 05 06 + 09".into());
    assert!(matches!(verify(&changed), Err(Error::ResultMismatch(_))));
    let mut dropped = a.clone();
    dropped.beacon_value = None;
    assert_eq!(verify(&dropped), Err(Error::BeaconMissing));
    // Swapping the named source afterwards breaks the input hash.
    let mut renamed = a;
    renamed.input.params.beacon = Some("另一期".into());
    assert_eq!(verify(&renamed), Err(Error::InputMismatch));
    // A record without a beacon (before beacons existed) keeps verifying, and its JSON
    // has no beacon fields.
    let old = record(input(60, 9), &seed(1)).expect("old");
    assert_eq!(verify(&old), Ok(()));
    let json = serde_json::to_string(&old).expect("json");
    assert!(!json.contains("beacon"));
    let mut injected = old;
    injected.beacon_value = Some("1".into());
    assert_eq!(verify(&injected), Err(Error::BeaconUnexpected));
}

fn people(strata: &[(&str, u32, usize)]) -> SortitionInput {
    SortitionInput {
        task: "第八届7·15城管公众开放日 上午场".into(),
        beacon: Some("上海市公证处公开摇号 2027-07-10".into()),
        strata: strata
            .iter()
            .map(|(s, n, _)| Seats {
                stratum: (*s).into(),
                seats: *n,
            })
            .collect(),
        candidates: strata
            .iter()
            .flat_map(|(s, _, n)| {
                (0..*n).map(move |i| Candidate {
                    id: format!("{s}-{i:03}"),
                    stratum: (*s).into(),
                    size: 1 + (i % 3) as u32,
                })
            })
            .collect(),
    }
}

#[test]
fn a_sortition_fills_the_seats_of_each_stratum_and_orders_the_waitlist() {
    let inp = people(&[("公众代表", 10, 12), ("人大代表", 2, 5), ("新闻媒体", 3, 1)]);
    let rec = sortition::record(inp.clone(), &seed(3), Some("12 19 27")).expect("record");
    assert_eq!(sortition::verify(&rec), Ok(()));
    assert_eq!(rec.result.len(), 18, "every candidate once");
    for (s, seats) in [("公众代表", 10u32), ("人大代表", 2), ("新闻媒体", 3)] {
        let taken: u32 = rec
            .result
            .iter()
            .filter(|p| p.stratum == s && p.selected)
            .map(|p| {
                inp.candidates
                    .iter()
                    .find(|c| c.id == p.id)
                    .map_or(0, |c| c.size)
            })
            .sum();
        assert!(taken <= seats, "{s}: {taken} > {seats}");
    }
    // The single 新闻媒体 candidate (size 1) fits its 3 seats.
    assert!(
        rec.result
            .iter()
            .any(|p| p.stratum == "新闻媒体" && p.selected)
    );
    // Tampering is caught; a different secret gives a different order.
    let mut bad = rec.clone();
    bad.result.swap(0, 1);
    assert!(matches!(
        sortition::verify(&bad),
        Err(Error::ResultMismatch(_))
    ));
    let other = sortition::record(inp.clone(), &seed(4), Some("12 19 27")).expect("other");
    assert_ne!(other.result, rec.result);
    let mut unknown = inp;
    unknown.candidates[0].stratum = "没有的类别".into();
    assert_eq!(
        sortition::record(unknown, &seed(3), Some("1")),
        Err(Error::UnknownStratum("没有的类别".into()))
    );
    // Either kind of record is read and verified from its JSON.
    let any: AnyRecord =
        serde_json::from_str(&serde_json::to_string(&rec).expect("json")).expect("any");
    assert!(matches!(any, AnyRecord::Sortition(_)));
    assert_eq!(any.verify(), Ok(()));
    let old = record(input(30, 9), &seed(1)).expect("old");
    let any: AnyRecord =
        serde_json::from_str(&serde_json::to_string(&old).expect("json")).expect("any");
    assert!(matches!(any, AnyRecord::Draw(_)));
}

#[test]
fn the_python_verifier_agrees_on_sortitions() {
    if std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_err()
    {
        assert!(std::env::var("CI").is_err(), "python3 is required in CI");
        eprintln!("python3 not found: skipping the sortition cross-check");
        return;
    }
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/verify_draw.py");
    let dir = std::env::temp_dir().join(format!("sortition-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    for s in 0..4 {
        let mut inp = people(&[
            ("公众代表", 6, 9 + s),
            ("小微企业/民营企业代表", 2, 4),
            ("专家学者", 1, 0),
        ]);
        if s == 3 {
            inp.beacon = None;
        }
        inp.candidates[1].id = " 公众代表-001\t".into(); // cleaned like the Rust side
        let value = (s != 3).then(|| format!("08 16 21 + {s}"));
        let rec = sortition::record(inp, &seed(700 + s as u64), value.as_deref()).expect("rec");
        let path = dir.join(format!("s{s}.json"));
        std::fs::write(&path, serde_json::to_string(&rec).expect("json")).expect("write");
        let out = std::process::Command::new("python3")
            .arg(&script)
            .arg(&path)
            .output()
            .expect("run");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "python: {text}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let expected: String = rec
            .result
            .iter()
            .map(|p| {
                format!(
                    "{}\t{}\t{}\n",
                    p.id,
                    p.stratum,
                    if p.selected { "中选" } else { "候补" }
                )
            })
            .collect::<String>()
            + "验证通过\n";
        assert_eq!(text, expected);
        let mut bad = rec.clone();
        bad.beacon_value = Some("99".into());
        if s == 3 {
            bad.result.swap(0, 1);
        }
        std::fs::write(&path, serde_json::to_string(&bad).expect("json")).expect("write");
        let out = std::process::Command::new("python3")
            .arg(&script)
            .arg(&path)
            .output()
            .expect("run");
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stdout).contains("验证失败"));
    }
    let _ = std::fs::remove_dir_all(&dir);
}
