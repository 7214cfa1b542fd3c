//! The BERT encoder of multilingual-e5-small (12 layers, H 384, 12 heads, FF 1536),
//! as `forward_batch` in e5.c: embeddings (word + position + type 0, LayerNorm), then per
//! layer Q/K/V, softmax attention over the window's tokens, output projection,
//! residual + LayerNorm, GELU feed-forward, residual + LayerNorm; then the mean of the
//! final hidden states over all tokens of the window (`<s>` and `</s>` included).

use crate::Error;
use crate::format::{Header, Parsed};
use crate::kernels::{self, Q4_BLOCK_BYTES, QK, QMatrix};

pub struct Layer {
    q: QMatrix,
    k: QMatrix,
    v: QMatrix,
    ao: QMatrix,
    aln_w: Vec<f32>,
    aln_b: Vec<f32>,
    fi: QMatrix,
    fo: QMatrix,
    oln_w: Vec<f32>,
    oln_b: Vec<f32>,
}

pub struct Encoder {
    pub h: Header,
    /// Word embeddings, Q4_0 blocks as in the file (`vocab` rows of `H / 32` blocks).
    word: Vec<u8>,
    pos: Vec<f32>,
    typ: Vec<f32>,
    eln_w: Vec<f32>,
    eln_b: Vec<f32>,
    layers: Vec<Layer>,
}

/// Working memory for one window; grown to the longest window seen, then reused.
#[derive(Default)]
pub struct Scratch {
    x: Vec<f32>,
    q: Vec<f32>,
    k: Vec<f32>,
    v: Vec<f32>,
    ctx: Vec<f32>,
    tmp: Vec<f32>,
    mid: Vec<f32>,
    aq: Vec<i16>,
    ad: Vec<f32>,
    prob: Vec<f32>,
    pool: Vec<f32>,
}

impl Scratch {
    fn fit(&mut self, t: usize, h: &Header) {
        let th = t * h.hidden;
        for b in [
            &mut self.x,
            &mut self.q,
            &mut self.k,
            &mut self.v,
            &mut self.ctx,
            &mut self.tmp,
        ] {
            b.resize(th, 0.0);
        }
        self.mid.resize(t * h.ff, 0.0);
        self.aq.resize(t * h.ff, 0);
        self.ad.resize(t * h.ff / QK, 0.0);
        self.prob.resize(t, 0.0);
        self.pool.resize(h.hidden, 0.0);
    }
}

fn qmatrix(p: &Parsed<'_>, name: &str, nout: usize, nin: usize) -> Result<QMatrix, Error> {
    let blocks = p.q4(&format!("{name}.w"), nout * nin)?;
    let bias = p.f32s(&format!("{name}.b"), nout)?;
    let nb = nin / QK;
    let mut m = QMatrix {
        nout,
        nin,
        values: vec![0; nout * nin],
        scales: vec![0.0; nout * nb],
        bias,
    };
    let row_bytes = nb * Q4_BLOCK_BYTES;
    for o in 0..nout {
        kernels::expand_q4_row(
            &blocks[o * row_bytes..(o + 1) * row_bytes],
            &mut m.values[o * nin..(o + 1) * nin],
            &mut m.scales[o * nb..(o + 1) * nb],
        );
    }
    Ok(m)
}

impl Encoder {
    pub fn new(p: &Parsed<'_>) -> Result<Encoder, Error> {
        let h = p.header;
        let (hd, ff) = (h.hidden, h.ff);
        let mut layers = Vec::with_capacity(h.layers);
        for l in 0..h.layers {
            let n = |s: &str| format!("l{l}.{s}");
            layers.push(Layer {
                q: qmatrix(p, &n("q"), hd, hd)?,
                k: qmatrix(p, &n("k"), hd, hd)?,
                v: qmatrix(p, &n("v"), hd, hd)?,
                ao: qmatrix(p, &n("ao"), hd, hd)?,
                aln_w: p.f32s(&n("aln.w"), hd)?,
                aln_b: p.f32s(&n("aln.b"), hd)?,
                fi: qmatrix(p, &n("fi"), ff, hd)?,
                fo: qmatrix(p, &n("fo"), hd, ff)?,
                oln_w: p.f32s(&n("oln.w"), hd)?,
                oln_b: p.f32s(&n("oln.b"), hd)?,
            });
        }
        Ok(Encoder {
            h,
            word: p.q4("emb.word", h.vocab * hd)?.to_vec(),
            pos: p.f32s("emb.pos", h.max_pos * hd)?,
            // token type 0 only: the first row of the type embeddings
            typ: p.f32s("emb.type", h.type_vocab * hd)?[..hd].to_vec(),
            eln_w: p.f32s("emb.ln.w", hd)?,
            eln_b: p.f32s("emb.ln.b", hd)?,
            layers,
        })
    }

    /// Mean of the final hidden states of one window `ids` (at most `max_pos` tokens,
    /// `<s>` and `</s>` included), added into `out` with weight `weight`.
    pub fn forward_mean(&self, ids: &[u32], s: &mut Scratch, weight: f32, out: &mut [f32]) {
        let h = &self.h;
        let (hid, t_len) = (h.hidden, ids.len());
        let nb_word = hid / QK;
        let row_bytes = nb_word * Q4_BLOCK_BYTES;
        s.fit(t_len, h);
        for (t, &id) in ids.iter().enumerate() {
            let r = &mut s.x[t * hid..(t + 1) * hid];
            let id = (id as usize).min(h.vocab - 1);
            kernels::dequantize_q4_row(&self.word[id * row_bytes..(id + 1) * row_bytes], r);
            let pp = &self.pos[t * hid..(t + 1) * hid];
            for ((v, p), ty) in r.iter_mut().zip(pp).zip(&self.typ[..hid]) {
                *v += p + ty;
            }
        }
        let th = t_len * hid;
        kernels::add_layernorm(&mut s.x[..th], None, &self.eln_w, &self.eln_b, hid, h.eps);

        let hd = hid / h.heads;
        let scale = 1.0 / (hd as f32).sqrt();
        let nbh = t_len * hid / QK;
        for ly in &self.layers {
            kernels::quantize_rows(&s.x[..th], hid, &mut s.aq[..th], &mut s.ad[..nbh]);
            kernels::matmul(&ly.q, &s.aq[..th], &s.ad[..nbh], t_len, &mut s.q[..th]);
            kernels::matmul(&ly.k, &s.aq[..th], &s.ad[..nbh], t_len, &mut s.k[..th]);
            kernels::matmul(&ly.v, &s.aq[..th], &s.ad[..nbh], t_len, &mut s.v[..th]);
            attention(s, t_len, hid, hd, scale);
            kernels::quantize_rows(&s.ctx[..th], hid, &mut s.aq[..th], &mut s.ad[..nbh]);
            kernels::matmul(&ly.ao, &s.aq[..th], &s.ad[..nbh], t_len, &mut s.tmp[..th]);
            kernels::add_layernorm(
                &mut s.x[..th],
                Some(&s.tmp[..th]),
                &ly.aln_w,
                &ly.aln_b,
                hid,
                h.eps,
            );

            let tf = t_len * h.ff;
            let nbf = tf / QK;
            kernels::quantize_rows(&s.x[..th], hid, &mut s.aq[..th], &mut s.ad[..nbh]);
            kernels::matmul(&ly.fi, &s.aq[..th], &s.ad[..nbh], t_len, &mut s.mid[..tf]);
            kernels::gelu_in_place(&mut s.mid[..tf]);
            kernels::quantize_rows(&s.mid[..tf], h.ff, &mut s.aq[..tf], &mut s.ad[..nbf]);
            kernels::matmul(&ly.fo, &s.aq[..tf], &s.ad[..nbf], t_len, &mut s.tmp[..th]);
            kernels::add_layernorm(
                &mut s.x[..th],
                Some(&s.tmp[..th]),
                &ly.oln_w,
                &ly.oln_b,
                hid,
                h.eps,
            );
        }

        // mean over the window's tokens, then weighted into `out`
        let mean = &mut s.pool[..hid];
        mean.fill(0.0);
        for r in s.x[..th].chunks_exact(hid) {
            for (m, v) in mean.iter_mut().zip(r) {
                *m += v;
            }
        }
        let inv = 1.0 / t_len as f32;
        for (o, m) in out.iter_mut().zip(mean.iter()) {
            *o += weight * (m * inv);
        }
    }
}

/// Softmax attention of every token over all tokens of the window, head by head.
fn attention(s: &mut Scratch, t_len: usize, hid: usize, hd: usize, scale: f32) {
    for t in 0..t_len {
        for head in 0..hid / hd {
            let off = head * hd;
            let qh = &s.q[t * hid + off..t * hid + off + hd];
            let mut mx = -1e30f32;
            for (j, p) in s.prob[..t_len].iter_mut().enumerate() {
                let kh = &s.k[j * hid + off..j * hid + off + hd];
                let d = qh.iter().zip(kh).map(|(a, b)| a * b).sum::<f32>() * scale;
                *p = d;
                mx = mx.max(d);
            }
            let mut sum = 0f32;
            for p in &mut s.prob[..t_len] {
                *p = (*p - mx).exp();
                sum += *p;
            }
            let inv = 1.0 / sum;
            let ch = &mut s.ctx[t * hid + off..t * hid + off + hd];
            ch.fill(0.0);
            for (j, p) in s.prob[..t_len].iter().enumerate() {
                let p = p * inv;
                let vh = &s.v[j * hid + off..j * hid + off + hd];
                for (c, v) in ch.iter_mut().zip(vh) {
                    *c += p * v;
                }
            }
        }
    }
}
