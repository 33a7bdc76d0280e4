"""Reading notes: bytes to text, front matter split off, non-prose masked, offsets kept.

The text a check sees (``Source.lint_text``) has exactly the length of the file's text: front
matter, email headers, fenced code and HTML comments are blanked to spaces (newlines kept). An
offset in the linted text is therefore an offset in the file, and line:column needs no map
beyond the line starts. Every input error a user can cause is raised here, as NotelintError.
"""

from __future__ import annotations

import bisect
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from notelint.errors import NotelintError

NOTE_SUFFIXES = (".txt", ".md", ".markdown")
MAX_BYTES = 1024 * 1024
#: Characters, below spaCy's own ``max_length`` (1,000,000), which refuses longer texts.
MAX_CHARS = 900_000
STDIN_PATH = "<stdin>"
#: A run of punctuation or symbols this long is no prose; spaCy's tokenizer takes quadratic
#: time on one (16,000 "[" take ~16 s), so all but its first character are blanked for linting.
_SURROGATE = re.compile("[\ud800-\udfff]")
_LONG_RUN = re.compile(r"[^\w\s]{64,}")

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
# The closing fence may carry a "\r" (CRLF files) and be longer than the opening one.
_FENCE = re.compile(
    r"^[ \t]{0,3}(([`~])\2{2,})[^\n]*\n.*?(?:^[ \t]{0,3}\1\2*[ \t\r]*$|\Z)", re.S | re.M
)
_HTML_COMMENT = re.compile(r"<!--(.*?)(?:-->|\Z)", re.S)
_HEADER_LINE = re.compile(r"(?im)\A(?:[ \t]*(?:to|from|cc|bcc|date|sent|subject)[ \t]*:[^\n]*\n)+")
_MASKED_HEADER = re.compile(r"(?im)^[ \t]*(?:to|from|cc|bcc|date|sent)[ \t]*:[^\n]*")
_KEY_LINE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:", re.M)
_OPENING_DASHES = re.compile(r"---[ \t]*\r?(?:\n|\Z)")
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


@dataclass(frozen=True)
class Comment:
    """An HTML comment in a Markdown note: masked from the checks, read for directives."""

    text: str
    line: int
    end_line: int


@dataclass(frozen=True)
class Source:
    """One note as read from disk or stdin.

    ``text`` is the decoded file; ``lint_text`` is the same length with non-prose blanked.
    ``front_matter_lines`` gives the line of each top-level front matter key, so that context
    errors can name where a bad value sits.
    """

    path: str
    text: str
    lint_text: str
    front_matter: dict[str, Any] = field(default_factory=dict)
    front_matter_lines: dict[str, int] = field(default_factory=dict)
    comments: tuple[Comment, ...] = ()
    _line_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based (line, column) of a character offset."""
        starts = self._line_starts or _line_starts(self.text)
        index = bisect.bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    @property
    def line_count(self) -> int:
        """How many lines the file has (a flowed source counts the file's)."""
        return self.text.count("\n") + 1

    def line_span(self, line: int) -> tuple[int, int]:
        """Character offsets of a 1-based line, without its line break."""
        starts = self._line_starts or _line_starts(self.text)
        start = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(self.text)
        return start, start + len(self.text[start:end].rstrip("\r"))


def _line_starts(text: str) -> tuple[int, ...]:
    return (0, *(m.end() for m in re.finditer("\n", text)))


def _blank(text: str) -> str:
    """Spaces for every character but newlines, so offsets and line numbers survive."""
    return re.sub(r"[^\n]", " ", text)


def decode(data: bytes, path: str) -> str:
    """Decode a note's bytes, refusing what is not a text note."""
    if not data.strip():
        raise NotelintError("file is empty; there is no note to lint", path=path)
    if len(data) > MAX_BYTES:
        raise NotelintError(
            f"file is over {MAX_BYTES:,} bytes; larger notes are not linted", path=path
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise NotelintError(f"invalid UTF-16 ({exc.reason})", path=path) from None
    elif b"\x00" in data[:8192]:
        raise NotelintError("looks like a binary file (NUL bytes), not a note", path=path)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise NotelintError(
                f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                "save the note as UTF-8",
                path=path,
            ) from None
    if not text.strip():
        raise NotelintError("file is empty; there is no note to lint", path=path)
    if len(text) > MAX_CHARS:
        raise NotelintError(
            f"note is {len(text):,} characters; notes over {MAX_CHARS:,} are not linted", path=path
        )
    return text


@cache
def _yaml_loader() -> type:
    """``yaml.SafeLoader`` that leaves dates as text.

    PyYAML builds dates itself and raises a bare ValueError on one like ``2026-13-02``; kept as
    text, a date is parsed by the context, whose error names the field and its line.
    """
    import yaml  # lazily: only notes with front matter pay for it

    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP_TAG]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return Loader


def _parse_front_matter(block: str, path: str) -> tuple[dict[str, Any], dict[str, int]]:
    import yaml

    try:
        data = yaml.load(block, Loader=_yaml_loader())  # a SafeLoader: no arbitrary objects
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            where = f" at line {mark.line + 2}"
        elif isinstance(exc, yaml.reader.ReaderError):  # a control character: no mark, a position
            where = f" at line {block.count(chr(10), 0, exc.position) + 2}"
        else:
            where = ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise NotelintError(f"malformed front matter{where}: {problem}", path=path) from None
    except Exception as exc:
        # The safe loader's constructors raise what they meet for a value they cannot build
        # ("!!int abc", "!!timestamp 2026-13-45" or "!!timestamp x", an integer past Python's
        # digit limit, nesting too deep): any of it is the note's error, not ours.
        last = block.count("\n") + 1
        problem = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise NotelintError(
            f"malformed front matter (lines 2-{last}): {problem[:200]}", path=path
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise NotelintError(
            f"malformed front matter: expected 'key: value' lines, got a {type(data).__name__}",
            path=path,
        )
    lines = {m.group(1): block.count("\n", 0, m.start()) + 2 for m in _KEY_LINE.finditer(block)}
    return {str(k): v for k, v in data.items()}, lines


def parse(text: str, path: str) -> Source:
    """Split a decoded note into front matter, directives and the text to lint.

    Any ``str`` is accepted: an unpaired surrogate (which only an API caller can pass, since
    notes are decoded from UTF-8) becomes U+FFFD, character for character, so offsets hold.
    """
    text = _SURROGATE.sub("\ufffd", text)
    lint_text = text
    front_matter: dict[str, Any] = {}
    key_lines: dict[str, int] = {}

    if _OPENING_DASHES.match(text):
        match = _FRONT_MATTER.match(text)
        if match is None:
            raise NotelintError(
                "malformed front matter: the opening '---' has no closing '---'", path=path
            )
        front_matter, key_lines = _parse_front_matter(match.group(1), path)
        lint_text = _blank(text[: match.end()]) + text[match.end() :]
    elif headers := _HEADER_LINE.match(text):
        masked = _MASKED_HEADER.sub(lambda m: _blank(m.group()), headers.group())
        lint_text = masked + text[headers.end() :]

    comments: list[Comment] = []
    for match in _HTML_COMMENT.finditer(lint_text):
        start_line = lint_text.count("\n", 0, match.start()) + 1
        end_line = start_line + match.group().count("\n")
        comments.append(Comment(match.group(1).strip(), start_line, end_line))
    lint_text = _HTML_COMMENT.sub(lambda m: _blank(m.group()), lint_text)
    lint_text = _FENCE.sub(lambda m: _blank(m.group()), lint_text)
    lint_text = _LONG_RUN.sub(lambda m: m.group()[0] + _blank(m.group()[1:]), lint_text)

    if not lint_text.strip():
        raise NotelintError("the note has no text outside front matter and code", path=path)
    return Source(
        path=path,
        text=text,
        lint_text=lint_text,
        front_matter=front_matter,
        front_matter_lines=key_lines,
        comments=tuple(comments),
        _line_starts=_line_starts(text),
    )


def shown_path(path: str | Path) -> str:
    """A path as it can be printed: bytes that are not UTF-8 become replacement characters
    (the name is kept as given otherwise, backslashes included)."""
    return os.fsencode(path).decode("utf-8", "replace")


def read_path(path: Path) -> Source:
    """Read one note file; every way this can fail is a NotelintError naming the file.

    Only regular files are read (a FIFO or a device would block or never end; ``-`` is how
    stdin is linted), and never more than the size limit.
    """
    data, _ = _read(path)
    shown = shown_path(path)
    return parse(decode(data, shown), shown)


def _read(path: Path) -> tuple[bytes, tuple[int, int]]:
    """The file's bytes (up to one past the size limit), and its identity (device, inode):
    the same file named twice, or through a link, is read once."""
    shown = shown_path(path)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise NotelintError("is a directory", path=shown)
        if not stat.S_ISREG(info.st_mode):
            raise NotelintError("not a regular file (use - to lint standard input)", path=shown)
        with open(path, "rb") as stream:
            # As much as the file holds, and then the rest if it grew (or, as files of /proc
            # do, gave its size as 0): a buffer of the whole limit would be made every time.
            data = stream.read(min(info.st_size, MAX_BYTES) + 1)
            if len(data) > info.st_size:
                data += stream.read(MAX_BYTES + 1 - len(data))
    except FileNotFoundError:
        raise NotelintError("no such file", path=shown) from None
    except OSError as exc:
        raise NotelintError(f"cannot read: {exc.strerror or exc}", path=shown) from None
    return data, (info.st_dev, info.st_ino)


def read_stdin(path: str = STDIN_PATH) -> Source:
    """Standard input, read up to one byte past the size limit (an endless stream is refused,
    not read whole). ``path`` is the note's name (``--stdin-filename``): what per-file
    ignores match and findings name."""
    return parse(decode(sys.stdin.buffer.read(MAX_BYTES + 1), path), path)


def expand(
    paths: Iterable[str], exclude: Iterable[str] = (), root: Path | None = None
) -> Iterator[Path | NotelintError]:
    """Yield the note files named by paths (folders recursively, sorted), or an error per path.

    A path given by name is linted whatever its suffix (the user asked for it); inside folders
    only ``.txt``, ``.md`` and ``.markdown`` are notes. ``exclude`` holds glob patterns matched
    against each path relative to ``root`` (the configuration's folder; the working directory
    without one) and against its name, so folders can leave out drafts or vendored templates.
    A folder above ``root`` never matches: the project's configuration says nothing of it.
    """
    patterns = tuple(exclude)
    base = (root or Path.cwd()).resolve()

    def excluded(p: Path) -> bool:
        if not patterns:
            return False
        try:
            p = p.resolve().relative_to(base)
        except (ValueError, OSError):
            p = Path(p.name)
        return any(p.match(pat) or p.name == pat for pat in patterns) or any(
            part in patterns for part in p.parts
        )

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = [p for p in _notes_in(path) if not excluded(p)]
            if not found:
                yield NotelintError("folder has no .txt, .md or .markdown notes", path=raw)
            yield from found
        elif path.exists() or path.is_symlink():
            if not excluded(path):
                yield path
        else:
            yield NotelintError("no such file or folder", path=raw)


def _notes_in(folder: Path) -> list[Path]:
    """The note files under a folder, in the order paths sort, as ``Path.rglob`` finds them:
    hidden ones too, a linked folder not entered, an unreadable one passed over. Directory
    entries say what they are without a look at each file (a link is looked through)."""
    found: list[list[str]] = []

    def walk(directory: str, parts: list[str]) -> None:
        try:
            with os.scandir(directory) as entries:
                listed = list(entries)
        except PermissionError:
            return
        for entry in listed:
            if entry.is_dir(follow_symlinks=False):
                walk(entry.path, [*parts, entry.name])
            elif os.path.splitext(entry.name)[1].lower() in NOTE_SUFFIXES and entry.is_file():
                found.append([*parts, entry.name])

    walk(str(folder), [])
    return [folder.joinpath(*parts) for parts in sorted(found)]


def read_sources(
    paths: Iterable[str | Path],
    exclude: Iterable[str] = (),
    root: Path | None = None,
    stdin_path: str = STDIN_PATH,
) -> tuple[list[Source], list[NotelintError]]:
    """Read every note that the paths name; ``-`` is stdin (named ``stdin_path``). Errors are
    collected, not raised."""
    sources, errors, seen = [], [], set()
    names = [str(p) for p in paths]
    for item in expand([n for n in names if n != "-"], exclude, root):
        if isinstance(item, NotelintError):
            errors.append(item)
            continue
        try:
            data, identity = _read(item)
            if identity in seen:
                continue
            seen.add(identity)
            shown = shown_path(item)
            sources.append(parse(decode(data, shown), shown))
        except NotelintError as exc:
            errors.append(exc)
    if "-" in names:
        try:
            sources.append(read_stdin(stdin_path))
        except NotelintError as exc:
            errors.append(exc)
    return sources, errors
