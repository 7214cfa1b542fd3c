//! Rules about the shape of the code, checked on the source tree: the kernel
//! names no capability, no source file grows past 700 lines, and audit entries are
//! written in the service layer only (neither in handlers nor in stores).

use std::path::{Path, PathBuf};

/// The kernel: what every capability may use. It must not use them.
const KERNEL: &[&str] = &[
    "config",
    "db",
    "error.rs",
    "clock.rs",
    "ids.rs",
    "table.rs",
    "web",
    "auth",
    "audit",
    "jobs",
    "state.rs",
    "webhook.rs",
    // The de-identification's names model: every capability that masks text uses it.
    "names_model.rs",
];

/// The capabilities and the wiring above them.
const ABOVE_KERNEL: &[&str] = &[
    "admin",
    "anchors",
    "annual",
    "api",
    "app",
    "backup",
    "bench",
    "cli",
    "demo",
    "docs",
    "draws",
    "events",
    "foi",
    "inspect",
    "interact",
    "laws",
    "meetings",
    "mobile",
    "orders",
    "penalty",
    "portal",
    "push",
    "qa",
    "sitecheck",
    "sitesearch",
    "training",
    "workdays",
];

/// Every module of the crate is in one of the two lists, so that a new capability
/// cannot be left out of the kernel check.
#[test]
fn every_module_is_kernel_or_capability() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut missing = Vec::new();
    for e in std::fs::read_dir(&src).expect("src").flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        if ["lib.rs", "main.rs", "layout_tests.rs"].contains(&name.as_str()) {
            continue;
        }
        let module = name.trim_end_matches(".rs");
        let known = KERNEL
            .iter()
            .chain(ABOVE_KERNEL)
            .any(|k| k.trim_end_matches(".rs") == module);
        if !known {
            missing.push(name);
        }
    }
    assert!(
        missing.is_empty(),
        "add to KERNEL or ABOVE_KERNEL in layout_tests.rs: {missing:?}"
    );
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    if dir.is_file() {
        out.push(dir.to_path_buf());
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn kernel_names_no_capability() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut bad = Vec::new();
    for k in KERNEL {
        let mut files = Vec::new();
        rust_files(&src.join(k), &mut files);
        assert!(!files.is_empty(), "kernel module {k} not found");
        for f in files {
            let text = std::fs::read_to_string(&f).expect("read source");
            for (n, line) in text.lines().enumerate() {
                for cap in ABOVE_KERNEL {
                    if line.contains(&format!("crate::{cap}::"))
                        || line.contains(&format!("crate::{cap};"))
                        || line.contains(&format!("crate::{cap}}}"))
                    {
                        bad.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
                    }
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "the kernel imports capabilities:\n{}",
        bad.join("\n")
    );
}

#[test]
fn no_source_file_over_700_lines() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for e in std::fs::read_dir(&crates).expect("crates folder").flatten() {
        rust_files(&e.path().join("src"), &mut files);
    }
    assert!(files.len() > 50, "found the sources");
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).ok()?.lines().count();
            (n > 700).then(|| format!("{} ({n} lines)", f.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "files over 700 lines:\n{}",
        long.join("\n")
    );
}

/// Handlers extract, call a service and render: the audit entry is written in
/// the service layer (`service.rs`, `workflow.rs`), never in a handler file.
#[test]
fn handlers_write_no_audit_entries() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let handler = |f: &Path| {
        f.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| ["admin.rs", "portal.rs", "api.rs", "web.rs"].contains(&n))
    };
    let mut checked = 0;
    let mut bad = Vec::new();
    for f in files.iter().filter(|f| handler(f)) {
        checked += 1;
        let text = std::fs::read_to_string(f).expect("read source");
        for (n, line) in text.lines().enumerate() {
            if line.contains("audit::append") {
                bad.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(checked > 10, "found the handler files ({checked})");
    assert!(
        bad.is_empty(),
        "handlers write audit entries (move them into the capability's service):\n{}",
        bad.join("\n")
    );
}

/// Stores are SQL only: the change and its audit entry are one transaction of the
/// capability's service layer, so no `store.rs` or `store_*.rs` (nor the older SQL
/// files named below) writes an audit entry.
#[test]
fn stores_write_no_audit_entries() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    const SQL_FILES: &[&str] = &[
        "foi/letter_settings.rs",
        "foi/retention.rs",
        "penalty/review.rs",
        "docs/revisions.rs",
        "auth/tokens.rs",
    ];
    let store = |f: &Path| {
        let named = f
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n == "store.rs" || (n.starts_with("store_") && n.ends_with(".rs")));
        let listed = f.strip_prefix(&src).is_ok_and(|rel| {
            let rel = rel.to_string_lossy().replace('\\', "/");
            SQL_FILES.contains(&rel.as_str())
        });
        named || listed
    };
    let mut checked = 0;
    let mut bad = Vec::new();
    for f in files.iter().filter(|f| store(f)) {
        checked += 1;
        let text = std::fs::read_to_string(f).expect("read source");
        for (n, line) in text.lines().enumerate() {
            if line.contains("audit::append") {
                bad.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(checked > 20, "found the store files ({checked})");
    assert!(
        bad.is_empty(),
        "stores write audit entries (move the transaction and the entry into the capability's service):\n{}",
        bad.join("\n")
    );
}
