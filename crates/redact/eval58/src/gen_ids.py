"""Generator for the invented identifiers of redact58 (seed 58, so the output is reproducible): the
markers, their layouts and the check characters are described in evaltools/markers.py and checks.py.
`python3 gen_ids.py fill` replaces the markers of part*.py in place; `python3 gen_ids.py` prints ids_made.txt.
Half-masked and 15-digit forms in the texts were written by hand (they carry no check character to verify)."""
import os, random, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "evaltools"))
from markers import layout, main  # the marker filling and layout rule, shared with the other marker-written sets
random.seed(58)
if __name__=="__main__":
    main(layout)
