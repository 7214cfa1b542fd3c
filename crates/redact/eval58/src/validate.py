# The shared tool (crates/redact/evaltools/validate.py); run inside this folder, after build.py
# (which gathers all part*.py into dev.jsonl / test.jsonl).
import os, runpy
runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "evaltools", "validate.py"), run_name="__main__")
