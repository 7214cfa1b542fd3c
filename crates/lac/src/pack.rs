//! The installed model file: the needed files of LAC's `lac_model` folder, packed
//! one after another — `GKLAC001`, a `u32` count, then per file a `u16` name length,
//! the name, a `u64` length and the bytes (all little-endian).

use std::collections::HashMap;

use crate::Error;

pub(crate) const MAGIC: &[u8; 8] = b"GKLAC001";

/// The files, by name, borrowed from `bytes`.
pub(crate) fn read(bytes: &[u8]) -> Result<HashMap<&str, &[u8]>, Error> {
    let bad = || Error::Format("not a LAC model file (or a damaged one)".into());
    let mut at = 0usize;
    let mut take = |n: usize| -> Result<&[u8], Error> {
        let s = bytes
            .get(at..at.checked_add(n).ok_or_else(bad)?)
            .ok_or_else(bad)?;
        at += n;
        Ok(s)
    };
    if take(8)? != MAGIC {
        return Err(bad());
    }
    let c = take(4)?;
    let count = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
    let mut out = HashMap::new();
    for _ in 0..count {
        let l = take(2)?;
        let name_len = usize::from(u16::from_le_bytes([l[0], l[1]]));
        let name = std::str::from_utf8(take(name_len)?).map_err(|_| bad())?;
        let l = take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(l);
        let len = usize::try_from(u64::from_le_bytes(a)).map_err(|_| bad())?;
        out.insert(name, take(len)?);
    }
    Ok(out)
}

/// Pack `files` (name, bytes) in the given order.
pub(crate) fn write(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend((files.len() as u32).to_le_bytes());
    for (name, data) in files {
        out.extend((name.len() as u16).to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend((data.len() as u64).to_le_bytes());
        out.extend_from_slice(data);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_damage() {
        let files = vec![
            ("a/b".to_string(), vec![1, 2, 3]),
            ("c".to_string(), vec![]),
        ];
        let b = write(&files);
        let back = read(&b).expect("packed");
        assert_eq!(back["a/b"], [1, 2, 3]);
        assert!(back["c"].is_empty());
        assert!(read(&b[..b.len() - 1]).is_err());
        assert!(read(b"GKLAC002").is_err());
    }
}
