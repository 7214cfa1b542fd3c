//! Paddle's saved `LoDTensor` (one file per parameter, `save_inference_model`):
//! `u32` version, `u64` LoD level and its offsets, `u32` tensor version, `i32` size of a
//! `TensorDesc` protobuf (data type, dims), then the raw little-endian data.

use crate::Error;

/// A float tensor: its dims and data in row-major order.
pub(crate) struct Tensor {
    pub dims: Vec<usize>,
    pub data: Vec<f32>,
}

fn take<'a>(b: &'a [u8], at: &mut usize, n: usize, name: &str) -> Result<&'a [u8], Error> {
    let s = b
        .get(*at..*at + n)
        .ok_or_else(|| Error::Format(format!("{name}: file ends early")))?;
    *at += n;
    Ok(s)
}

fn u32_at(b: &[u8], at: &mut usize, name: &str) -> Result<u32, Error> {
    let s = take(b, at, 4, name)?;
    Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn u64_at(b: &[u8], at: &mut usize, name: &str) -> Result<u64, Error> {
    let s = take(b, at, 8, name)?;
    let mut a = [0u8; 8];
    a.copy_from_slice(s);
    Ok(u64::from_le_bytes(a))
}

fn varint(b: &[u8], at: &mut usize, name: &str) -> Result<u64, Error> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let c = *take(b, at, 1, name)?
            .first()
            .ok_or_else(|| Error::Format(format!("{name}: bad varint")))?;
        v |= u64::from(c & 0x7f) << shift;
        if c < 0x80 {
            return Ok(v);
        }
    }
    Err(Error::Format(format!("{name}: varint too long")))
}

/// Parse one parameter file; only `FP32` tensors are expected.
pub(crate) fn read(name: &str, b: &[u8]) -> Result<Tensor, Error> {
    let mut at = 0;
    u32_at(b, &mut at, name)?;
    let lod_level = u64_at(b, &mut at, name)?;
    for _ in 0..lod_level {
        let n = u64_at(b, &mut at, name)?;
        take(b, &mut at, usize::try_from(n).unwrap_or(usize::MAX), name)?;
    }
    u32_at(b, &mut at, name)?;
    let desc_len = u32_at(b, &mut at, name)? as usize;
    let desc = take(b, &mut at, desc_len, name)?;
    let mut dims = Vec::new();
    let mut data_type = None;
    let mut i = 0;
    while i < desc.len() {
        let key = varint(desc, &mut i, name)?;
        match (key >> 3, key & 7) {
            (1, 0) => data_type = Some(varint(desc, &mut i, name)?),
            (2, 0) => dims.push(varint(desc, &mut i, name)? as usize),
            (2, 2) => {
                let n = varint(desc, &mut i, name)? as usize;
                let end = i + n;
                while i < end {
                    dims.push(varint(desc, &mut i, name)? as usize);
                }
            }
            _ => {
                return Err(Error::Format(format!(
                    "{name}: unexpected TensorDesc field {key}"
                )));
            }
        }
    }
    // Paddle's VarType: FP32 = 5.
    if data_type != Some(5) {
        return Err(Error::Format(format!(
            "{name}: not an FP32 tensor ({data_type:?})"
        )));
    }
    let count: usize = dims.iter().product();
    let raw = take(b, &mut at, count * 4, name)?;
    let data = raw
        .chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect();
    Ok(Tensor { dims, data })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tensor file as Paddle writes it: dims [2, 3], values 0..6.
    fn file(dims: &[u8], dtype: u8) -> Vec<u8> {
        let mut b = Vec::new();
        b.extend(0u32.to_le_bytes());
        b.extend(0u64.to_le_bytes());
        b.extend(0u32.to_le_bytes());
        let mut desc = vec![0x08, dtype, 0x12, dims.len() as u8];
        desc.extend(dims);
        b.extend((desc.len() as u32).to_le_bytes());
        b.extend(desc);
        let n: usize = dims.iter().map(|&d| d as usize).product();
        for v in 0..n {
            b.extend((v as f32).to_le_bytes());
        }
        b
    }

    #[test]
    fn reads_dims_and_data() {
        let t = read("x", &file(&[2, 3], 5)).expect("tensor");
        assert_eq!(t.dims, [2, 3]);
        assert_eq!(t.data, [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]);
    }

    #[test]
    fn refuses_other_types_and_short_files() {
        assert!(read("x", &file(&[2, 3], 6)).is_err());
        let mut short = file(&[2, 3], 5);
        short.truncate(short.len() - 1);
        assert!(read("x", &short).is_err());
    }
}
