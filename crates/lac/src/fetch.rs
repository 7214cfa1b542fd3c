//! Installing the model file from the pinned `LAC` source archive on PyPI.
//!
//! LAC 2.1.2 is published only as a source archive, whose `setup.py` needs a
//! setuptools older than 70 to be read; the download is pip's job (the application runs
//! it, [`PIP_DOWNLOAD_ARGS`], with `PIP_CONSTRAINT` naming a file that holds
//! [`PIP_BUILD_CONSTRAINT`]):
//!
//! ```text
//! pip download LAC==2.1.2 --no-deps --no-binary=:all: -d DIR
//! ```
//!
//! which leaves [`ARCHIVE_FILE`] in `DIR`. [`install_from_archive`] then checks its SHA-256
//! against [`ARCHIVE_SHA256`] (PyPI's own), takes the dictionaries and parameters of
//! `LAC/lac_model` out of it, packs them into one file, checks that against
//! [`MODEL_SHA256`] and puts it at the destination (written beside it, then renamed:
//! the destination is never half-written).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::{Error, pack};

/// The pinned package.
pub const PACKAGE: &str = "LAC==2.1.2";
/// The archive pip downloads for it.
pub const ARCHIVE_FILE: &str = "LAC-2.1.2.tar.gz";
/// SHA-256 of [`ARCHIVE_FILE`] (64 818 010 bytes), as PyPI lists it.
pub const ARCHIVE_SHA256: &str = "22fcde0d5082d2044205ea6f6a7a9cd1f0d63e7b21b2dd5c9c73f27e7c0a3ef1";
/// The usual file name of the installed model.
pub const MODEL_FILE: &str = "lac-2.1.2.bin";
/// SHA-256 of the packed model file.
pub const MODEL_SHA256: &str = "80a25d2f6ec3eb453b880eafbcbe15d02ae1da5c794edc3f401605b6f611b2fa";
/// The constraint pip's build environment needs to read the archive's metadata.
pub const PIP_BUILD_CONSTRAINT: &str = "setuptools<70\n";
/// Arguments for `pip` (then the download directory).
pub const PIP_DOWNLOAD_ARGS: [&str; 6] = [
    "download",
    PACKAGE,
    "--no-deps",
    "--no-binary=:all:",
    "--quiet",
    "-d",
];

/// The files of `LAC/lac_model` the model needs, in the order they are packed.
const FILES: [&str; 25] = [
    "conf/word.dic",
    "conf/q2b.dic",
    "conf/tag.dic",
    "conf/small_seg.dic",
    "model/word_emb",
    "model/fc_0.w_0",
    "model/fc_0.b_0",
    "model/gru_0.w_0",
    "model/gru_0.b_0",
    "model/fc_1.w_0",
    "model/fc_1.b_0",
    "model/gru_1.w_0",
    "model/gru_1.b_0",
    "model/fc_2.w_0",
    "model/fc_2.b_0",
    "model/gru_2.w_0",
    "model/gru_2.b_0",
    "model/fc_3.w_0",
    "model/fc_3.b_0",
    "model/gru_3.w_0",
    "model/gru_3.b_0",
    "model/fc_4.w_0",
    "model/fc_4.b_0",
    "model/crfw",
    "conf/args.ini",
];

const PREFIX: &str = "LAC-2.1.2/LAC/lac_model/";

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Check that the file at `path` is the pinned model.
pub fn verify_model(path: &Path) -> Result<(), Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    check(&bytes, MODEL_SHA256, &path.display().to_string())
}

fn check(bytes: &[u8], expected: &str, what: &str) -> Result<(), Error> {
    let found = sha256_hex(bytes);
    if found == expected {
        Ok(())
    } else {
        Err(Error::Checksum {
            what: what.to_string(),
            found,
            expected: expected.to_string(),
        })
    }
}

/// The model file's bytes from the archive's bytes (both checksums checked).
pub fn model_from_archive(archive: &[u8]) -> Result<Vec<u8>, Error> {
    check(archive, ARCHIVE_SHA256, ARCHIVE_FILE)?;
    let mut tar = Vec::new();
    flate2::read::GzDecoder::new(archive)
        .read_to_end(&mut tar)
        .map_err(|e| Error::Format(format!("{ARCHIVE_FILE}: {e}")))?;
    let entries = tar_entries(&tar)?;
    let mut files = Vec::new();
    for name in FILES {
        let full = format!("{PREFIX}{name}");
        let data = entries
            .iter()
            .find(|(n, _)| *n == full)
            .map(|(_, d)| d.to_vec())
            .ok_or_else(|| Error::Format(format!("{ARCHIVE_FILE} lacks {full}")))?;
        files.push((name.to_string(), data));
    }
    let packed = pack::write(&files);
    check(&packed, MODEL_SHA256, MODEL_FILE)?;
    Ok(packed)
}

/// Install the model from the archive at `archive` to `dest`.
pub fn install_from_archive(archive: &Path, dest: &Path) -> Result<(), Error> {
    let bytes = std::fs::read(archive).map_err(|e| Error::io(archive, e))?;
    let packed = model_from_archive(&bytes)?;
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let tmp: PathBuf = {
        let mut s = dest.as_os_str().to_owned();
        s.push(".part");
        s.into()
    };
    let mut f = std::fs::File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
    f.write_all(&packed).map_err(|e| Error::io(&tmp, e))?;
    f.sync_all().map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, dest).map_err(|e| Error::io(dest, e))
}

/// The regular files of a tar archive (ustar, with PAX or GNU long names).
fn tar_entries(tar: &[u8]) -> Result<Vec<(String, &[u8])>, Error> {
    let bad = |what: &str| Error::Format(format!("{ARCHIVE_FILE}: {what}"));
    let mut out = Vec::new();
    let mut at = 0;
    let mut long_name: Option<String> = None;
    while at + 512 <= tar.len() {
        let h = &tar[at..at + 512];
        if h.iter().all(|&b| b == 0) {
            break;
        }
        let field = |s: usize, e: usize| {
            let f = &h[s..e];
            let n = f.iter().position(|&b| b == 0).unwrap_or(f.len());
            String::from_utf8_lossy(&f[..n]).into_owned()
        };
        let size_text = field(124, 136);
        let size = usize::from_str_radix(size_text.trim(), 8).map_err(|_| bad("bad size"))?;
        let data_at = at + 512;
        let data = tar
            .get(data_at..data_at + size)
            .ok_or_else(|| bad("ends early"))?;
        let prefix = field(345, 500);
        let mut name = field(0, 100);
        if h[257..262] == *b"ustar" && !prefix.is_empty() {
            name = format!("{prefix}/{name}");
        }
        match h[156] {
            b'x' => {
                // PAX records: "LEN key=value\n".
                let text = String::from_utf8_lossy(data);
                for rec in text.split('\n') {
                    if let Some((_, kv)) = rec.split_once(' ')
                        && let Some(p) = kv.strip_prefix("path=")
                    {
                        long_name = Some(p.to_string());
                    }
                }
            }
            b'L' => {
                let n = data.iter().position(|&b| b == 0).unwrap_or(data.len());
                long_name = Some(String::from_utf8_lossy(&data[..n]).into_owned());
            }
            b'0' | 0 => out.push((long_name.take().unwrap_or(name), data)),
            _ => long_name = None,
        }
        at = data_at + size.div_ceil(512) * 512;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(name: &str, size: usize, kind: u8) -> Vec<u8> {
        let mut h = vec![0u8; 512];
        h[..name.len()].copy_from_slice(name.as_bytes());
        let s = format!("{size:011o}");
        h[124..135].copy_from_slice(s.as_bytes());
        h[156] = kind;
        h[257..262].copy_from_slice(b"ustar");
        h
    }

    fn entry(name: &str, data: &[u8], kind: u8) -> Vec<u8> {
        let mut b = header(name, data.len(), kind);
        b.extend_from_slice(data);
        b.resize(512 + data.len().div_ceil(512) * 512, 0);
        b
    }

    #[test]
    fn reads_files_and_long_names() {
        let long = format!("{}/end", "d".repeat(120));
        let pax = format!("{} path={long}\n", 6 + long.len() + 6);
        let mut tar = entry("a.txt", b"hello", b'0');
        tar.extend(entry("dir/", b"", b'5'));
        tar.extend(entry("PaxHeader", pax.as_bytes(), b'x'));
        tar.extend(entry("short", b"x", b'0'));
        tar.extend(vec![0u8; 1024]);
        let got = tar_entries(&tar).expect("tar");
        assert_eq!(got.len(), 2);
        assert_eq!(got[0], ("a.txt".to_string(), &b"hello"[..]));
        assert_eq!(got[1].0, long);
    }

    #[test]
    fn a_wrong_archive_is_refused_before_reading() {
        let e = model_from_archive(b"not the archive").expect_err("refused");
        assert!(matches!(e, Error::Checksum { .. }), "{e}");
    }
}
