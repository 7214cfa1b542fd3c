# The shared tool (crates/redact/evaltools/build.py); run inside this folder.
# It imports every part*.py here (part01.py … part12.py, one genre pair each, sorted by number).
import os, runpy
runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "evaltools", "build.py"), run_name="__main__")
