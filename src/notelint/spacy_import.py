"""Import spaCy without its command-line package, which notelint never uses.

``import spacy`` runs ``from .cli.info import info``, and ``spacy.cli`` pulls in typer,
weasel, requests and httpx for spaCy's own commands (download, train, ...): about 0.35 s of a
1 s start-up on this project's machines. Before the first import of spaCy in a process, this
puts a lazy stand-in for ``spacy.cli`` and ``spacy.cli.info`` in ``sys.modules``; the first
real use of either (any attribute but the ``info`` function spaCy re-exports) swaps in the real
packages, so other code in the same process sees spaCy's CLI exactly as usual.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

_CLI, _INFO = "spacy.cli", "spacy.cli.info"


class _LazyModule(types.ModuleType):
    """A placeholder module that imports the real one on first attribute access."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # the import system probing (__path__, ...): not a use
            raise AttributeError(name)
        return getattr(_load_real(self.__name__), name)


def _load_real(name: str) -> types.ModuleType:
    for stub in (_INFO, _CLI):
        if isinstance(sys.modules.get(stub), _LazyModule):
            del sys.modules[stub]
    real_cli = importlib.import_module(_CLI)
    spacy = sys.modules.get("spacy")
    if spacy is not None:
        spacy.cli = real_cli  # type: ignore[attr-defined]
    return importlib.import_module(name)


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``, resolved when called."""
    return _load_real(_INFO).info(*args, **kwargs)


def import_spacy() -> types.ModuleType:
    """Import spaCy, leaving its CLI to be imported only if something uses it."""
    if "spacy" not in sys.modules and _CLI not in sys.modules:
        cli = _LazyModule(_CLI)
        cli.__path__ = []  # a package, so "spacy.cli.info" resolves to the stub below
        info = _LazyModule(_INFO)
        info.info = _info  # type: ignore[attr-defined]
        cli.info = info  # type: ignore[attr-defined]
        sys.modules[_CLI], sys.modules[_INFO] = cli, info
        spacy = importlib.import_module("spacy")
        spacy.cli = cli  # type: ignore[attr-defined]  # what the import system would bind
        return spacy
    return importlib.import_module("spacy")
