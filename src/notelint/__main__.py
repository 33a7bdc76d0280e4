"""``python -m notelint``."""

from notelint.cli import main

main()
