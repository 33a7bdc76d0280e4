"""The language server (``notelint lsp``), an optional extra: ``pip install 'notelint[lsp]'``.

Nothing here is imported by ``import notelint`` or the command line until ``notelint lsp`` runs,
so the core install needs neither pygls nor lsprotocol.
"""

from __future__ import annotations


def serve() -> None:
    """Run the language server over stdin and stdout."""
    from notelint.lsp.server import serve as run

    run()
