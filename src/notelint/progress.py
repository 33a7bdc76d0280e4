"""Progress of a long run on a terminal: notes done out of the total, and the rate.

Written to stderr over one line (carriage returns), only when stderr is a terminal and not in
CI, so that pipes, files and CI logs never see it; a run that ends within half a second never
shows it at all.
"""

from __future__ import annotations

import os
import time
from types import TracebackType
from typing import TextIO

#: A run shorter than this shows no progress; later updates come at most this often.
_DELAY = 0.5
_EVERY = 0.1


class Progress:
    """``update(done, total)`` redraws the line; leaving the ``with`` block clears it."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.shown = _is_terminal(stream) and not os.environ.get("CI")
        self._started = time.monotonic()
        self._drawn = 0.0

    def update(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self._started < _DELAY or (now - self._drawn < _EVERY and done < total):
            return
        rate = done / (now - self._started)
        self.stream.write(f"\rnotelint: {done:,}/{total:,} notes ({rate:,.0f} notes/s)\x1b[K")
        self.stream.flush()
        self._drawn = now

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False
