"""``python -m notelint``."""

from notelint.cli import run

run()
