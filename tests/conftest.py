"""Make the fixture runner importable by the tests (it is shared with benchmarks/)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
