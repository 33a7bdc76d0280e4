"""The checks: one module per check, word lists in ``data/``. Installed as notelint.checks."""
