# The shared tool (crates/redact/evaltools/prefill.py); run inside this folder.
import os, runpy
runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "evaltools", "prefill.py"), run_name="__main__")
