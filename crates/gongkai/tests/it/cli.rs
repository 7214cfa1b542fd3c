//! The `gongkai` binary: configuration errors, exit codes, user and audit commands,
//! first start on an empty database.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::TestDb;
use gongkai::db::Backend;

fn gongkai(dir: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gongkai"));
    c.current_dir(dir)
        .env_remove("GONGKAI_CONFIG")
        .env("GONGKAI__STORAGE__DATA_DIR", dir.join("data"))
        .env("RUST_LOG", "error");
    c
}

fn out(c: &mut Command) -> (i32, String, String) {
    let o = c.output().expect("run gongkai");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn bad_configuration_names_the_key_and_exits_2() {
    let dir = tempfile::tempdir().expect("dir");
    let (code, _, err) = out(gongkai(dir.path())
        .arg("check-config")
        .env("GONGKAI__SERVER__BIND", "nonsense"));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("server.bind"), "{err}");
    let (code, _, err) = out(gongkai(dir.path())
        .arg("check-config")
        .env("GONGKAI__SECURITY__SESSION_HOURS", "abc"));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("session_hours"), "{err}");
    std::fs::write(
        dir.path().join("gongkai.toml"),
        "[site]\norg_code = \"bad code\"\n",
    )
    .expect("write");
    let (code, _, err) = out(gongkai(dir.path()).arg("check-config"));
    assert_eq!(code, 2);
    assert!(err.contains("site.org_code"), "{err}");
    std::fs::write(
        dir.path().join("gongkai.toml"),
        "[site]\nname = \"测试局\"\n",
    )
    .expect("write");
    let (code, stdout, err) = out(gongkai(dir.path()).arg("check-config"));
    assert_eq!(code, 0, "{err}");
    assert!(
        stdout.contains("配置有效") && stdout.contains("测试局"),
        "{stdout}"
    );
}

#[test]
fn unreachable_postgres_exits_3_with_a_message() {
    let dir = tempfile::tempdir().expect("dir");
    let (code, _, err) = out(gongkai(dir.path()).arg("migrate").env(
        "GONGKAI__DATABASE__URL",
        "postgres://postgres:pw@127.0.0.1:1/x",
    ));
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("无法连接 PostgreSQL") && !err.contains("pw@"),
        "{err}"
    );
    assert!(!err.contains("panicked"));
}

/// `gongkai migrate` in a fresh data folder, then one top-level unit; its id.
async fn migrated_with_unit(
    dir: &std::path::Path,
    name: &str,
    kind: gongkai::auth::roles::UnitKind,
) -> i64 {
    let (code, stdout, err) = out(gongkai(dir).arg("migrate"));
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("迁移完成"));
    let url = format!("sqlite:{}", dir.join("data/gongkai.db").display());
    let db = gongkai::db::Db::connect(&url, 1).await.expect("db");
    let mut tx = db.begin().await.expect("tx");
    let id = gongkai::auth::store::create_unit(
        &mut tx,
        &gongkai::auth::store::UnitInput {
            name,
            kind,
            parent_id: None,
            code: None,
            sort_order: 0,
            active: true,
        },
    )
    .await
    .expect("unit");
    tx.commit().await.expect("commit");
    db.close().await;
    id
}

#[tokio::test]
async fn user_and_audit_commands() {
    let dir = tempfile::tempdir().expect("dir");
    migrated_with_unit(
        dir.path(),
        "法制处",
        gongkai::auth::roles::UnitKind::CityDept,
    )
    .await;

    let (code, stdout, err) = out(gongkai(dir.path()).args([
        "user",
        "add",
        "lisi",
        "--name",
        "李四",
        "--unit",
        "法制处",
        "--role",
        "foi_handler",
        "--role",
        "reviewer",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("初始密码"), "{stdout}");
    let (code, _, err) = out(gongkai(dir.path()).args([
        "user",
        "add",
        "lisi",
        "--name",
        "李四",
        "--unit",
        "法制处",
        "--role",
        "reviewer",
    ]));
    assert_eq!(code, 1);
    assert!(err.contains("用户名已存在"), "{err}");
    let (code, _, err) = out(gongkai(dir.path()).args([
        "user",
        "add",
        "x1",
        "--name",
        "x",
        "--unit",
        "法制处",
        "--role",
        "boss",
    ]));
    assert_eq!(code, 1);
    assert!(err.contains("未知角色"), "{err}");
    let (_, stdout, _) = out(gongkai(dir.path()).args(["user", "list"]));
    assert!(
        stdout.contains("lisi") && stdout.contains("法制处·依申请办理人"),
        "{stdout}"
    );
    let (code, stdout, _) = out(gongkai(dir.path()).args(["user", "passwd", "lisi"]));
    assert_eq!(code, 0);
    assert!(stdout.contains("新密码"));
    let (code, _, _) = out(gongkai(dir.path()).args(["user", "disable", "lisi"]));
    assert_eq!(code, 0);
    let (_, stdout, _) = out(gongkai(dir.path()).args(["user", "list"]));
    assert!(stdout.contains("停用"));

    let (code, stdout, _) = out(gongkai(dir.path()).args(["audit", "verify"]));
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("共 3 条"), "{stdout}");
    // Tamper with the file directly.
    let url = format!("sqlite:{}", dir.path().join("data/gongkai.db").display());
    let db = gongkai::db::Db::connect(&url, 1).await.expect("db");
    gongkai::with_db!(&db, |p| {
        sqlx::query("DROP TRIGGER audit_log_no_update")
            .execute(p)
            .await
            .expect("drop");
        sqlx::query("UPDATE audit_log SET actor = '别人' WHERE seq = 2")
            .execute(p)
            .await
            .expect("tamper");
    });
    db.close().await;
    let (code, stdout, _) = out(gongkai(dir.path()).args(["audit", "verify"]));
    assert_eq!(code, 1);
    assert!(stdout.contains("第 2 条内容被改动"), "{stdout}");
}

/// Start `serve`, wait for the start line, return what it printed before it.
fn serve_once(dir: &std::path::Path, extra_env: &[(&str, &str)]) -> (String, i32) {
    let mut c = gongkai(dir);
    c.args(["serve", "--bind", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in extra_env {
        c.env(k, v);
    }
    let mut child = c.spawn().expect("spawn");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut printed = String::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        match rx.recv_timeout(Duration::from_millis(200)) {
            Ok(line) => {
                printed.push_str(&line);
                printed.push('\n');
                if line.contains("已启动") {
                    break;
                }
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                if let Ok(Some(status)) = child.try_wait() {
                    return (printed, status.code().unwrap_or(-1));
                }
            }
            Err(_) => {
                // Output closed: the process ended; report how.
                let status = child.wait().expect("wait");
                return (printed, status.code().unwrap_or(-1));
            }
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    (printed, 0)
}

#[test]
fn first_start_creates_an_admin_once_and_demo_loads_once() {
    let dir = tempfile::tempdir().expect("dir");
    let (printed, code) = serve_once(dir.path(), &[]);
    assert_eq!(code, 0, "{printed}");
    assert!(
        printed.contains("用户名：admin") && printed.contains("初始密码："),
        "{printed}"
    );
    let (printed, _) = serve_once(dir.path(), &[]);
    assert!(
        !printed.contains("初始密码"),
        "printed once only: {printed}"
    );
    assert!(printed.contains("已启动"));
}

#[test]
fn serve_demo_fills_a_fresh_directory() {
    let dir = tempfile::tempdir().expect("dir");
    let mut c = gongkai(dir.path());
    c.args(["serve", "--demo", "--bind", "127.0.0.1:0"]);
    // No model download from a test (the model's own tests use GONGKAI_E5_MODEL).
    c.env("GONGKAI__DEMO__FETCH_MODEL", "false");
    let (printed, _) = {
        let mut child = c
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        let stdout = child.stdout.take().expect("stdout");
        let mut printed = String::new();
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            printed.push_str(&line);
            printed.push('\n');
            if line.contains("已启动") {
                break;
            }
        }
        let _ = child.kill();
        let _ = child.wait();
        (printed, ())
    };
    assert!(
        printed.contains("已载入演示账号") && printed.contains("huangpu_admin"),
        "{printed}"
    );
}

#[test]
fn serve_refuses_an_unmigrated_postgres() {
    if !crate::common::postgres_available() {
        return;
    }
    let tdb = TestDb::new(Backend::Postgres);
    let dir = tempfile::tempdir().expect("dir");
    let (printed, code) = serve_once(dir.path(), &[("GONGKAI__DATABASE__URL", &tdb.url)]);
    assert_eq!(code, 1, "{printed}");
    let (code, stdout, err) = out(gongkai(dir.path())
        .arg("migrate")
        .env("GONGKAI__DATABASE__URL", &tdb.url));
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("postgres"));
    let (printed, code) = serve_once(dir.path(), &[("GONGKAI__DATABASE__URL", &tdb.url)]);
    assert_eq!(code, 0);
    assert!(printed.contains("初始密码"), "{printed}");
}

#[test]
fn workdays_commands_import_show_and_add() {
    let dir = tempfile::tempdir().expect("dir");
    let (code, _, err) = out(gongkai(dir.path()).arg("migrate"));
    assert_eq!(code, 0, "{err}");
    let (code, stdout, err) = out(gongkai(dir.path()).args(["workdays", "add", "2026-09-28", "5"]));
    assert_eq!(code, 0, "{err}");
    assert!(stdout.starts_with("2026-10-10（星期六）"), "{stdout}");
    assert!(stdout.contains("国庆节放假"));
    let (code, _, err) = out(gongkai(dir.path()).args(["workdays", "show", "2099"]));
    assert_eq!(code, 1);
    assert!(err.contains("2099年的节假日安排尚未录入"));

    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, "year 2098\n春节 rest 02-02..02-08 work 02-04\n").expect("write");
    let (code, _, err) = out(gongkai(dir.path()).args(["workdays", "import"]).arg(&bad));
    assert_eq!(code, 1);
    assert!(
        err.contains("第1行") && err.contains("必须是星期六或星期日"),
        "{err}"
    );
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "year 2098\n元旦 rest 01-01..01-03\n").expect("write");
    let (code, stdout, err) = out(gongkai(dir.path()).args(["workdays", "import"]).arg(&good));
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("已录入 2098 年"));
    let (code, stdout, _) = out(gongkai(dir.path()).args(["workdays", "show", "2098"]));
    assert_eq!(code, 0);
    assert!(stdout.contains("元旦 rest 01-01..01-03"));
}

/// `gongkai redact ARGS` with `input` on standard input: exit code, stdout, stderr.
fn redact(dir: &std::path::Path, args: &[&str], input: &str) -> (i32, String, String) {
    use std::io::Write;
    let mut child = gongkai(dir)
        .arg("redact")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write");
    let o = child.wait_with_output().expect("wait");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn redact_reads_standard_input() {
    let dir = tempfile::tempdir().expect("dir");
    let run = |args: &[&str], input: &str| {
        let (code, stdout, _) = redact(dir.path(), args, input);
        (code, stdout)
    };
    let (code, out) = run(
        &[],
        "当事人：张三，手机13812345678。执法人员：王建国（执法证号：31001234）。",
    );
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "当事人：张某某，手机138********。执法人员：王建国（执法证号：31001234）。"
    );
    let (code, out) = run(
        &["--json", "--party", "胡大海"],
        "经查，胡大海在虹口区四川北路占道。",
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["text"], "经查，胡某某在虹口区四川北路占道。");
    assert_eq!(v["maskings"][0]["kind"], "name");
    assert_eq!(v["maskings"][0]["original"], "胡大海");
    // The kinds added for issue 16 are reported by name.
    let (code, out) = run(
        &["--json"],
        "当事人：马金宝，男，1962年10月10日出生，信仰伊斯兰教，患有糖尿病，身份证号12010119621010****。",
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let kinds: Vec<&str> = v["maskings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["kind"].as_str())
        .collect();
    for k in ["name", "birth_date", "religion", "health", "id_card"] {
        assert!(kinds.contains(&k), "{k} in {kinds:?}");
    }
    // Input over the limit is refused whole: nothing half-masked reaches standard output.
    let (code, out) = run(&["--max-chars", "10"], "当事人：张三，手机13812345678。");
    assert_eq!(code, 1);
    assert_eq!(out, "");
    let (code, out) = run(&["--max-chars", "10"], "当事人：张三。");
    assert_eq!((code, out.as_str()), (0, "当事人：张某某。"));
}

/// `gongkai redact-model fetch --archive` installs the names model beside the 智能小城
/// model; `gongkai redact` then masks names no rule marks, and refuses to run on a
/// damaged model file. Needs `GONGKAI_LAC_ARCHIVE` (the pinned LAC-2.1.2.tar.gz);
/// without it the test says why and passes — except under `CI` (`.ci/run` downloads it).
#[test]
fn redact_uses_the_names_model_once_installed() {
    let Some(archive) = std::env::var_os("GONGKAI_LAC_ARCHIVE") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but GONGKAI_LAC_ARCHIVE is not: .ci/run downloads LAC 2.1.2 with pip"
        );
        eprintln!("skipped: set GONGKAI_LAC_ARCHIVE to the pinned LAC-2.1.2.tar.gz");
        return;
    };
    let dir = tempfile::tempdir().expect("dir");
    let run = |input: &str| redact(dir.path(), &[], input);
    let text = "杜鹃在电话里说，孩子这周不回来了。";
    let (code, masked, err) = run(text);
    assert_eq!((code, masked.as_str()), (0, text), "{err}");
    assert!(err.contains("仅规则"), "{err}");
    let (code, stdout, stderr) = out(gongkai(dir.path())
        .args(["redact-model", "fetch", "--archive"])
        .arg(&archive));
    assert_eq!(code, 0, "{stderr}");
    let model = dir.path().join("data/models/lac-2.1.2.bin");
    assert!(
        stdout.contains("人名模型已安装") && model.exists(),
        "{stdout}"
    );
    let (code, masked, err) = run(text);
    assert_eq!(
        (code, masked.as_str()),
        (0, "杜某某在电话里说，孩子这周不回来了。"),
        "{err}"
    );
    assert!(err.contains("规则 + 人名模型"), "{err}");
    // A damaged model file: refused with a clear message, nothing masked half-way.
    let mut bytes = std::fs::read(&model).expect("read model");
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(&model, &bytes).expect("damage");
    let (code, masked, err) = run(text);
    assert_eq!((code, masked.as_str()), (1, ""));
    assert!(err.contains("校验失败"), "{err}");
}

#[test]
fn draw_commit_reveal_verify_on_a_fresh_machine() {
    let dir = tempfile::tempdir().expect("dir");
    let input = serde_json::json!({
        "params": {"task": "2026年户外广告设施随机抽查", "ratio_permille": 300, "high_risk_factor": 2,
                   "per_entity": 2, "exclude_own_district": true, "required_strata": ["黄浦区", "徐汇区"]},
        "entities": (0..20).map(|i| serde_json::json!({
            "id": format!("91310000MA{i:08}"), "stratum": if i % 2 == 0 { "黄浦区" } else { "徐汇区" },
            "district": if i % 2 == 0 { "黄浦区" } else { "徐汇区" }, "high_risk": i % 7 == 0
        })).collect::<Vec<_>>(),
        "inspectors": (0..6).map(|i| {
            let district = ["黄浦区", "徐汇区", "长宁区"][i % 3];
            serde_json::json!({"id": format!("3100{i:04}"), "district": district, "conflicts": []})
        }).collect::<Vec<_>>(),
        "previous": {}
    });
    let input_path = dir.path().join("input.json");
    std::fs::write(&input_path, input.to_string()).expect("write");
    let seed = dir.path().join("seed.secret");
    let (code, stdout, err) = out(gongkai(dir.path())
        .args(["draw", "commit"])
        .arg(&input_path)
        .arg("--seed-out")
        .arg(&seed));
    assert_eq!(code, 0, "{err}");
    let commitment = stdout
        .lines()
        .find_map(|l| l.strip_prefix("commitment: "))
        .expect("commitment")
        .to_string();
    let record = dir.path().join("record.json");
    let (code, _, err) = out(gongkai(dir.path())
        .args(["draw", "reveal"])
        .arg(&input_path)
        .arg("--seed")
        .arg(&seed)
        .arg("--out")
        .arg(&record));
    assert_eq!(code, 0, "{err}");
    let rec: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&record).expect("read")).expect("json");
    assert_eq!(
        rec["commitment"],
        commitment.as_str(),
        "the published commitment is the record's"
    );
    // Verification needs only the public record.
    std::fs::remove_file(&seed).expect("forget the secret file");
    let (code, stdout, _) = out(gongkai(dir.path()).args(["draw", "verify"]).arg(&record));
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("验证通过"));
    let mut wrong = rec.clone();
    wrong["seed"] = serde_json::Value::String("00".repeat(32));
    std::fs::write(&record, wrong.to_string()).expect("write");
    let (code, stdout, _) = out(gongkai(dir.path()).args(["draw", "verify"]).arg(&record));
    assert_eq!(code, 1);
    assert!(stdout.contains("种子与事先公布的承诺值不符"), "{stdout}");

    // With a public beacon: named at commitment (written into the input), its value
    // entered at the reveal and mixed into the seed; verify recomputes it.
    let seed = dir.path().join("seed2.secret");
    let (code, stdout, err) = out(gongkai(dir.path())
        .args(["draw", "commit"])
        .arg(&input_path)
        .arg("--seed-out")
        .arg(&seed)
        .args(["--beacon", "中国福利彩票双色球 第2027015期开奖号码"]));
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("beacon: 中国福利彩票双色球 第2027015期开奖号码"));
    let (code, _, err) = out(gongkai(dir.path())
        .args(["draw", "reveal"])
        .arg(&input_path)
        .arg("--seed")
        .arg(&seed)
        .arg("--out")
        .arg(&record));
    assert_ne!(code, 0, "the beacon's value is required: {err}");
    let (code, _, err) = out(gongkai(dir.path())
        .args(["draw", "reveal"])
        .arg(&input_path)
        .arg("--seed")
        .arg(&seed)
        .args(["--beacon-value", "03 09 14 22 27 31 + 05"])
        .arg("--out")
        .arg(&record));
    assert_eq!(code, 0, "{err}");
    let (code, stdout, _) = out(gongkai(dir.path()).args(["draw", "verify"]).arg(&record));
    assert_eq!(code, 0, "{stdout}");
    let mut rec: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&record).expect("read")).expect("json");
    assert_eq!(rec["beacon_value"], "03 09 14 22 27 31 + 05");
    rec["beacon_value"] = serde_json::Value::String("03 09 14 22 27 31 + 06".into());
    std::fs::write(&record, rec.to_string()).expect("write");
    let (code, stdout, _) = out(gongkai(dir.path()).args(["draw", "verify"]).arg(&record));
    assert_eq!(code, 1, "another beacon value, another draw: {stdout}");
}

#[tokio::test]
async fn annual_report_written_from_the_command_line() {
    let dir = tempfile::tempdir().expect("dir");
    let root = migrated_with_unit(
        dir.path(),
        "测试市城管执法局",
        gongkai::auth::roles::UnitKind::Other,
    )
    .await;

    // Bad input: a file type it cannot write, an organ that does not exist.
    let (code, _, err) =
        out(gongkai(dir.path()).args(["annual", "--year", "2025", "--out", "r.txt"]));
    assert_eq!(code, 1);
    assert!(err.contains("须以 .pdf 或 .docx 结尾"), "{err}");
    let (code, _, err) =
        out(gongkai(dir.path()).args(["annual", "--organ", "999", "--out", "r.pdf"]));
    assert_eq!(code, 1);
    assert!(
        err.contains("没有编号为 999 的行政机关") && err.contains("测试市城管执法局"),
        "{err}"
    );
    assert!(!dir.path().join("r.pdf").exists(), "nothing written");

    for name in ["r.pdf", "r.docx"] {
        let (code, stdout, err) = out(gongkai(dir.path()).args([
            "annual",
            "--year",
            "2025",
            "--organ",
            &root.to_string(),
            "--out",
            name,
        ]));
        assert_eq!(code, 0, "{err}");
        assert!(
            stdout.contains("测试市城管执法局2025年政府信息公开工作年度报告"),
            "{stdout}"
        );
        assert!(
            stdout.contains("尚需处理"),
            "the text is still to fill in: {stdout}"
        );
        let bytes = std::fs::read(dir.path().join(name)).expect("written");
        let magic: &[u8] = if name.ends_with("pdf") {
            b"%PDF"
        } else {
            b"PK"
        };
        assert!(bytes.starts_with(magic), "{name}");
    }
}
