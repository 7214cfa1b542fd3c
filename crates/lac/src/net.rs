//! The network of LAC's `lex_net`: word embeddings (128), two bidirectional GRU layers
//! (128 each way, Paddle's `dynamic_gru` with `origin_mode = False`), a linear layer to
//! the tag scores and Paddle's `crf_decoding` (Viterbi over the `crfw` transitions).

use crate::Error;
use crate::tensor::Tensor;

/// `y += x · W` for `x` of `k` values and `W` of `k` rows of `y.len()` (row-major), four
/// rows at a time so that `y` is read and written a quarter as often.
fn axpy_rows(y: &mut [f32], x: &[f32], w: &[f32]) {
    let n = y.len();
    let mut rows = x.chunks_exact(4).zip(w.chunks_exact(4 * n));
    for (xs, ws) in &mut rows {
        let (w0, rest) = ws.split_at(n);
        let (w1, rest) = rest.split_at(n);
        let (w2, w3) = rest.split_at(n);
        let (a, b, c, d) = (xs[0], xs[1], xs[2], xs[3]);
        for ((((o, &p), &q), &r), &s) in y.iter_mut().zip(w0).zip(w1).zip(w2).zip(w3) {
            *o += a * p + b * q + c * r + d * s;
        }
    }
    let done = x.len() / 4 * 4;
    for (k, &a) in x[done..].iter().enumerate() {
        let row = &w[(done + k) * n..(done + k + 1) * n];
        for (o, &v) in y.iter_mut().zip(row) {
            *o += a * v;
        }
    }
}

struct Linear {
    w: Vec<f32>,
    b: Vec<f32>,
    inp: usize,
    out: usize,
}

impl Linear {
    fn new(w: Tensor, b: Tensor, name: &str) -> Result<Linear, Error> {
        match (w.dims.as_slice(), b.data.len()) {
            (&[inp, out], n) if n == out => Ok(Linear {
                w: w.data,
                b: b.data,
                inp,
                out,
            }),
            _ => Err(Error::Format(format!(
                "{name}: unexpected shape {:?}",
                w.dims
            ))),
        }
    }

    /// `x` (rows of `inp`) times the weights plus the bias: rows of `out`.
    fn apply(&self, x: &[f32]) -> Vec<f32> {
        let rows = x.len() / self.inp;
        let mut y = Vec::with_capacity(rows * self.out);
        for r in 0..rows {
            y.extend_from_slice(&self.b);
            axpy_rows(
                &mut y[r * self.out..(r + 1) * self.out],
                &x[r * self.inp..(r + 1) * self.inp],
                &self.w,
            );
        }
        y
    }
}

struct Gru {
    /// Update and reset gates: `h (1×d) · gate (d×2d)`.
    gate: Vec<f32>,
    /// Candidate: `(r ⊙ h) (1×d) · state (d×d)`.
    state: Vec<f32>,
    bias: Vec<f32>,
    d: usize,
}

impl Gru {
    fn new(w: Tensor, b: Tensor, name: &str) -> Result<Gru, Error> {
        let d = *w.dims.first().unwrap_or(&0);
        if w.dims != [d, 3 * d] || b.data.len() != 3 * d || d == 0 {
            return Err(Error::Format(format!(
                "{name}: unexpected shape {:?}",
                w.dims
            )));
        }
        // Paddle keeps the two blocks one after the other in the [d, 3d] buffer.
        let (gate, state) = w.data.split_at(2 * d * d);
        Ok(Gru {
            gate: gate.to_vec(),
            state: state.to_vec(),
            bias: b.data,
            d,
        })
    }

    /// Run over `x` (rows of 3d: update, reset, candidate inputs), forwards or backwards;
    /// the hidden state of every step, written into `out` at column `col` of rows `width`
    /// wide.
    fn run(&self, x: &[f32], reverse: bool, out: &mut [f32], width: usize, col: usize) {
        let d = self.d;
        let steps = x.len() / (3 * d);
        let mut h = vec![0f32; d];
        let mut g = vec![0f32; 2 * d];
        let mut rh = vec![0f32; d];
        let mut c = vec![0f32; d];
        for i in 0..steps {
            let t = if reverse { steps - 1 - i } else { i };
            let xt = &x[t * 3 * d..(t + 1) * 3 * d];
            for ((gj, &xj), &bj) in g.iter_mut().zip(&xt[..2 * d]).zip(&self.bias[..2 * d]) {
                *gj = xj + bj;
            }
            axpy_rows(&mut g, &h, &self.gate);
            for gj in g.iter_mut() {
                *gj = sigmoid(*gj);
            }
            for ((r, &hk), &rk) in rh.iter_mut().zip(&h).zip(&g[d..]) {
                *r = rk * hk;
            }
            for ((cj, &xj), &bj) in c.iter_mut().zip(&xt[2 * d..]).zip(&self.bias[2 * d..]) {
                *cj = xj + bj;
            }
            axpy_rows(&mut c, &rh, &self.state);
            for ((hj, &u), &cj) in h.iter_mut().zip(&g[..d]).zip(&c) {
                *hj = (1.0 - u) * *hj + u * cj.tanh();
            }
            out[t * width + col..t * width + col + d].copy_from_slice(&h);
        }
    }
}

/// Paddle's sigmoid clamps its input to [-40, 13].
fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x.clamp(-40.0, 13.0)).exp())
}

pub(crate) struct Net {
    emb: Vec<f32>,
    dim: usize,
    /// Per layer: (forward input, forward GRU, backward input, backward GRU).
    layers: Vec<(Linear, Gru, Linear, Gru)>,
    emission: Linear,
    /// Start scores, end scores, then transitions `from × to`.
    crf: Vec<f32>,
}

impl Net {
    pub(crate) fn new(load: &dyn Fn(&str) -> Result<Tensor, Error>) -> Result<Net, Error> {
        let emb = load("word_emb")?;
        let &[_, dim] = emb.dims.as_slice() else {
            return Err(Error::Format("word_emb: unexpected shape".into()));
        };
        let lin = |i: usize| {
            Linear::new(
                load(&format!("fc_{i}.w_0"))?,
                load(&format!("fc_{i}.b_0"))?,
                &format!("fc_{i}"),
            )
        };
        let gru = |i: usize| {
            Gru::new(
                load(&format!("gru_{i}.w_0"))?,
                load(&format!("gru_{i}.b_0"))?,
                &format!("gru_{i}"),
            )
        };
        let mut layers = Vec::new();
        let mut width = dim;
        for l in 0..2 {
            let (f, g, bf, bg) = (lin(2 * l)?, gru(2 * l)?, lin(2 * l + 1)?, gru(2 * l + 1)?);
            if f.inp != width || bf.inp != width || f.out != 3 * g.d || bf.out != 3 * bg.d {
                return Err(Error::Format(format!("layer {l}: shapes do not chain")));
            }
            width = g.d + bg.d;
            layers.push((f, g, bf, bg));
        }
        let emission = lin(4)?;
        let crf = load("crfw")?;
        if emission.inp != width || crf.dims != [emission.out + 2, emission.out] {
            return Err(Error::Format("fc_4 / crfw: unexpected shapes".into()));
        }
        Ok(Net {
            emb: emb.data,
            dim,
            layers,
            emission,
            crf: crf.data,
        })
    }

    pub(crate) fn labels(&self) -> usize {
        self.emission.out
    }

    pub(crate) fn vocab(&self) -> usize {
        self.emb.len() / self.dim
    }

    /// The best tag id for each token id.
    pub(crate) fn decode(&self, ids: &[u32]) -> Vec<usize> {
        let t = ids.len();
        if t == 0 {
            return Vec::new();
        }
        let mut x = Vec::with_capacity(t * self.dim);
        for &id in ids {
            let i = id as usize;
            x.extend_from_slice(&self.emb[i * self.dim..(i + 1) * self.dim]);
        }
        for (f, g, bf, bg) in &self.layers {
            let width = g.d + bg.d;
            let mut y = vec![0f32; t * width];
            g.run(&f.apply(&x), false, &mut y, width, 0);
            bg.run(&bf.apply(&x), true, &mut y, width, g.d);
            x = y;
        }
        self.viterbi(&self.emission.apply(&x), t)
    }

    fn viterbi(&self, em: &[f32], t: usize) -> Vec<usize> {
        let l = self.emission.out;
        let (start, rest) = self.crf.split_at(l);
        let (end, trans) = rest.split_at(l);
        let mut alpha: Vec<f32> = start.iter().zip(&em[..l]).map(|(a, b)| a + b).collect();
        let mut back = vec![0usize; t * l];
        let mut next = vec![0f32; l];
        for s in 1..t {
            for (j, nj) in next.iter_mut().enumerate() {
                let mut best = f32::NEG_INFINITY;
                let mut arg = 0;
                for (i, &a) in alpha.iter().enumerate() {
                    let v = a + trans[i * l + j];
                    if v > best {
                        best = v;
                        arg = i;
                    }
                }
                *nj = best + em[s * l + j];
                back[s * l + j] = arg;
            }
            std::mem::swap(&mut alpha, &mut next);
        }
        let mut last = 0;
        let mut best = f32::NEG_INFINITY;
        for (j, (&a, &e)) in alpha.iter().zip(end).enumerate() {
            if a + e > best {
                best = a + e;
                last = j;
            }
        }
        let mut path = vec![last; t];
        for s in (1..t).rev() {
            path[s - 1] = back[s * l + path[s]];
        }
        path
    }
}
