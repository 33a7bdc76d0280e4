"""The command line: ``notelint [PATHS]`` lints, ``notelint rules`` and ``notelint explain``.

This is the only place where a NotelintError becomes exit status 2 and a one-line message.
Exit 0: nothing at or above ``--fail-on``; 1: something was; 2: usage or input error.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from click.shell_completion import CompletionItem

from notelint import __version__
from notelint.errors import NotelintError

if TYPE_CHECKING:  # the CLI imports the engine lazily, so --help stays fast
    import datetime as dt

    from notelint.baseline import Baseline
    from notelint.config import Config
    from notelint.findings import Report, Severity

SEVERITIES = ("error", "warning", "info")


class _LintByDefault(click.Group):
    """A group whose default command is ``lint``, so ``notelint note.md`` works as in ruff 0.x."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args and ctx.resilient_parsing:
            return super().parse_args(ctx, args)  # completing the first word: see below
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "--version")):
            args = ["lint", *args]
        return super().parse_args(ctx, args)

    def shell_complete(self, ctx: click.Context, incomplete: str) -> list[CompletionItem]:
        """The first word completes to a subcommand, an option of ``lint`` or a note's path,
        since ``notelint note.md`` runs ``lint``."""
        items = super().shell_complete(ctx, incomplete)
        if incomplete.startswith("-"):
            seen = {item.value for item in items}
            lint_options = self.commands["lint"].shell_complete(ctx, incomplete)
            return items + [item for item in lint_options if item.value not in seen]
        return [*items, *_complete_paths(ctx, None, incomplete)]


def _complete_paths(
    ctx: click.Context, param: click.Parameter | None, incomplete: str
) -> list[CompletionItem]:
    """Let the shell complete file and folder names (click's "file" completion)."""
    return [CompletionItem(incomplete, type="file")]


def _local_checks() -> None:
    """Read the configuration found from here, so its ``check-paths`` are discovered too."""
    from notelint.config import discover

    try:
        discover(Path.cwd())
    except NotelintError as exc:
        _fail(str(exc))


def _fail(message: str) -> None:
    from notelint.formats.safe import printable

    click.echo(f"notelint: error: {printable(message)}", err=True)
    sys.exit(2)


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _use_color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    # no-color.org: NO_COLOR set to a non-empty value turns colour off; force-color.org:
    # FORCE_COLOR set to a non-empty value turns it on where stdout is no terminal (a CI log).
    # NO_COLOR wins when both are set, as in Python's own interpreter.
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()


@click.group(cls=_LintByDefault, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="notelint")
def main() -> None:
    """Lint the follow-up notes candidates send after a job interview.

    \b
      notelint note.md            lint a note (also folders, and - for stdin)
      notelint rules              list every check
      notelint explain NL004      print a check's documentation
      notelint serve              a local page that lints as you type
      notelint lsp                the language server for editors
      notelint clean              remove the results cache
    """


@main.command()
@click.argument("paths", nargs=-1, type=str, shell_complete=_complete_paths)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "concise", "json", "sarif", "github", "html"]),
    default="text",
    show_default=True,
    help="Output format (concise: one line per finding).",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Configuration file (default: found by walking up from the first path).",
)
@click.option("--select", multiple=True, help="Only these codes (comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these codes (comma-separated).")
@click.option("--extend-select", multiple=True, help="Add these codes to the selection.")
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    default=None,
    help="Lowest severity that makes the exit status 1 [default: warning].",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings were reported.")
@click.option(
    "--min-score",
    type=click.IntRange(0, 100),
    default=None,
    help="Exit 1 when any note scores below this.",
)
@click.option("--model", default=None, help="An installed spaCy pipeline, e.g. en_core_web_sm.")
@click.option("--to", default=None, help="The recipient, for notes without front matter.")
@click.option("--company", default=None, help="The company interviewed with.")
@click.option("--interviewed", default=None, help="When the interview was (ISO date/time).")
@click.option(
    "--went",
    type=click.Choice(["well", "badly"]),
    default=None,
    help="How the interview went, as front matter 'went' says (NL015).",
)
@click.option(
    "--context",
    "context_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Your own notes from the interview (free text): its key phrases count as topics.",
)
@click.option("--now", "now_text", default=None, help="Take this ISO date/time as now.")
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Leave out the findings listed in this baseline file.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Record this run's findings as the baseline and exit 0.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1),
    default=None,
    help="Processes for the per-note checks of large runs [default: one per core].",
)
@click.option(
    "--fix",
    is_flag=True,
    help="Apply the safe fixes to the files (the salutation from front matter 'to'; unfilled "
    "placeholder lines; [Company]/[Role] slots from front matter), then report what is left.",
)
@click.option(
    "--diff",
    is_flag=True,
    help="Print the safe fixes as a unified diff and write nothing (exit 1 if there are any).",
)
@click.option(
    "--stdin-filename",
    default=None,
    help="The path of the note read from stdin: configuration is found from it, per-file "
    "ignores apply to it, and findings name it.",
)
@click.option(
    "--compare-tracked",
    is_flag=True,
    help="Also compare the notes with every note git tracks here, for panel copies (NL005); "
    "the pre-commit hook does, as it is given the staged notes only.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Parse every note again instead of reusing the results of earlier runs.",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where the results cache lives [default: .notelint_cache in the project root].",
)
@click.option("--quiet", "-q", is_flag=True, help="Print findings only, no summary.")
@click.option("--statistics", is_flag=True, help="Print a count of findings per code.")
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour in text output (auto: on a terminal or with FORCE_COLOR, not with NO_COLOR).",
)
def lint(
    paths: tuple[str, ...],
    fmt: str,
    config_path: Path | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    fail_on: str | None,
    exit_zero: bool,
    min_score: int | None,
    model: str | None,
    to: str | None,
    company: str | None,
    interviewed: str | None,
    went: str | None,
    context_file: Path | None,
    now_text: str | None,
    baseline_path: Path | None,
    write_baseline: Path | None,
    jobs: int | None,
    fix: bool,
    diff: bool,
    stdin_filename: str | None,
    compare_tracked: bool,
    no_cache: bool,
    cache_dir: Path | None,
    quiet: bool,
    statistics: bool,
    color: str,
) -> None:
    """Lint notes: files, folders (*.txt, *.md, *.markdown) or - for stdin."""
    from notelint import config as config_module

    if not paths and stdin_filename:
        paths = ("-",)
    if not paths:
        _fail("no notes given; pass files, folders or - for stdin (see notelint --help)")
    if fmt == "html":
        _require_jinja()
    if stdin_filename is not None and not stdin_filename.strip():
        _fail("--stdin-filename: expected a file name")
    if (fix or diff) and (baseline_path or write_baseline):
        _fail("--fix and --diff cannot be combined with --baseline or --write-baseline")
    try:
        if config_path is not None:
            config = config_module.load(config_path)
        else:
            first = stdin_filename if paths[0] == "-" and stdin_filename else paths[0]
            config = config_module.discover(Path(first) if first != "-" else Path.cwd())
        config = config.with_overrides(
            select=config_module.parse_codes("--select", _split(select)) if select else None,
            ignore=config_module.parse_codes("--ignore", _split(ignore)) if ignore else None,
            extend_select=config_module.parse_codes("--extend-select", _split(extend_select))
            if extend_select
            else None,
            fail_on=_severity(fail_on),
            min_score=min_score,
            model=model,
        )
        now = _parse_now(now_text) if now_text else None
        overrides: dict[str, Any] = {
            "to": to,
            "company": company,
            "interviewed": interviewed,
            "went": went,
        }
        if context_file:
            overrides["context"] = _read_context(context_file)
        baseline = _load_baseline(baseline_path) if baseline_path else None
        if write_baseline:
            _check_baseline_target(write_baseline, paths)
        if diff or fix:
            shown = (fmt, quiet, statistics, color, exit_zero)
            sys.exit(_fix_or_diff(paths, config, overrides, now, stdin_filename, diff, shown))
        cache = None if no_cache else cache_dir or config.cache_dir or True
        tracked = _tracked_notes() if compare_tracked else []
        report = _run(paths, config, overrides, now, baseline, jobs, stdin_filename, cache, tracked)
        if write_baseline:
            _write_baseline(report, write_baseline)
    except NotelintError as exc:
        _fail(str(exc))

    _show(report, fmt, config, quiet, statistics, color, exit_zero or bool(write_baseline))
    sys.exit(_exit_status(report, config, exit_zero or bool(write_baseline)))


def _show(
    report: Report,
    fmt: str,
    config: Config,
    quiet: bool,
    statistics: bool,
    color: str,
    exit_zero: bool,
    to_stderr: bool = False,
) -> None:
    """Print the run's errors (stderr), its report and, when ``--min-score`` fails the run,
    which notes scored below it: a status of 1 with no finding at ``--fail-on`` says why."""
    from notelint.formats.safe import printable

    for error in report.errors:
        click.echo(f"notelint: error: {printable(str(error))}", err=True)
    use_color = _use_color(color) and not to_stderr
    _print(report, fmt, quiet=quiet, statistics=statistics, color=use_color, err=to_stderr)
    below = _below_min_score(report, config)
    if below and not exit_zero:
        click.echo(below, err=to_stderr or quiet or fmt != "text")


def _fix_or_diff(
    paths: tuple[str, ...],
    config: Config,
    overrides: dict[str, Any],
    now: dt.datetime | None,
    stdin_filename: str | None,
    diff: bool,
    shown: tuple[str, bool, bool, str, bool],
) -> int:
    """``--diff``: print the safe fixes as a diff. ``--fix``: write them, then report what is
    left; a note read from stdin is printed fixed on stdout, its report going to stderr."""
    from notelint.fixing import diff as unified_diff
    from notelint.fixing import run

    fmt, quiet, statistics, color, exit_zero = shown
    outcome = run(paths, config, overrides, now, stdin_filename, write=not diff)
    count = sum(c.fixes for c in outcome.changes)
    notes = f"{len(outcome.changes)} note{'' if len(outcome.changes) == 1 else 's'}"
    problems = f"{count} problem{'' if count == 1 else 's'}"
    if diff:
        from notelint.formats.safe import printable

        for change in outcome.changes:
            click.echo(unified_diff(change), nl=False)
        for error in outcome.report.errors:
            click.echo(f"notelint: error: {printable(str(error))}", err=True)
        verdict = f"Would fix {problems} in {notes}." if count else "No safe fixes to apply."
        click.echo(verdict, err=True)
        return 2 if outcome.report.errors else 1 if count else 0
    if outcome.stdin_text is not None:
        click.echo(outcome.stdin_text, nl=False)
    to_stderr = outcome.stdin_text is not None
    _show(outcome.report, fmt, config, quiet, statistics, color, exit_zero, to_stderr)
    if count:
        click.echo(f"Fixed {problems} in {notes}.", err=to_stderr or quiet or fmt != "text")
    return _exit_status(outcome.report, config, exit_zero)


def _below_min_score(report: Report, config: Config) -> str:
    """One line naming the notes under ``min-score`` (the five lowest), or "" when none is."""
    from notelint.formats.safe import printable

    if config.min_score is None:
        return ""
    below = sorted((r for r in report.results if r.score < config.min_score), key=lambda r: r.score)
    if not below:
        return ""
    shown = ", ".join(f"{printable(r.path)} ({r.score})" for r in below[:5])
    more = f" and {len(below) - 5} more" if len(below) > 5 else ""
    notes = "1 note" if len(below) == 1 else f"{len(below)} notes"
    return f"Exit 1: {notes} scored below the minimum score of {config.min_score}: {shown}{more}."


def _require_jinja() -> None:
    """--format html needs the ``html`` extra: say so before linting, not after."""
    try:
        import jinja2  # noqa: F401
    except ImportError:
        _fail("--format html needs Jinja2: pip install 'notelint[html]'")


def _parse_now(text: str) -> dt.datetime:
    from notelint.context import parse_datetime

    try:
        return parse_datetime(text)
    except ValueError as exc:
        raise NotelintError(f"--now: {exc}") from None


def _severity(value: str | None) -> Severity | None:
    from notelint.findings import Severity

    return Severity(value) if value else None


def _run(
    paths: tuple[str, ...],
    config: Config,
    overrides: dict[str, Any],
    now: dt.datetime | None,
    baseline: Baseline | None,
    jobs: int | None,
    stdin_filename: str | None = None,
    cache: Path | bool | None = None,
    compare_against: list[str] | None = None,
) -> Report:
    from notelint.api import lint_paths
    from notelint.progress import Progress

    with Progress(sys.stderr) as progress:
        return lint_paths(
            paths,
            config=config,
            context=overrides,
            now=now,
            baseline=baseline,
            jobs=jobs,
            stdin_filename=stdin_filename,
            cache=bool(cache),
            cache_dir=cache if isinstance(cache, Path) else None,
            progress=progress.update if progress.shown else None,
            compare_against=compare_against or (),
            once=True,
        )


def _tracked_notes() -> list[str]:
    """The notes git tracks in this repository (``.md``, ``.markdown``, ``.txt``)."""
    import subprocess

    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--", "*.md", "*.markdown", "*.txt"],
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        raise NotelintError("--compare-tracked: not inside a git repository") from None
    return [os.fsdecode(name) for name in listed.split(b"\0") if name]


def _read_context(path: Path) -> str:
    from notelint.sources import decode

    try:
        return decode(path.read_bytes(), str(path))
    except OSError as exc:
        raise NotelintError(f"--context {path}: {exc.strerror or exc}") from None


def _load_baseline(path: Path) -> Baseline:
    from notelint.baseline import load

    return load(path)


def _check_baseline_target(target: Path, paths: tuple[str, ...]) -> None:
    """Refuse to write a baseline over a note: the target may not be one of the inputs (or
    inside an input folder) and, if it exists, must already be a baseline."""
    from notelint.baseline import load

    resolved = target.resolve()
    for raw in paths:
        if raw == "-":
            continue
        given = Path(raw).resolve()
        if resolved == given or (given.is_dir() and given in resolved.parents):
            raise NotelintError(f"--write-baseline {target}: that is one of the notes to lint")
    if target.exists():
        try:
            load(target)
        except NotelintError:
            raise NotelintError(
                f"--write-baseline {target}: the file exists and is not a notelint baseline; "
                "choose another name"
            ) from None


def _write_baseline(report: Report, path: Path) -> None:
    from notelint.baseline import Baseline

    findings = [f for r in report.results for f in r.findings]
    Baseline.from_findings(findings).dump(path)
    click.echo(f"notelint: wrote {len(findings)} findings to baseline {path}", err=True)


def _print(
    report: Report, fmt: str, *, quiet: bool, statistics: bool, color: bool, err: bool = False
) -> None:
    from notelint.formats import render
    from notelint.formats.summary import summarize
    from notelint.formats.text import render_findings

    if fmt == "text" and quiet:
        output = "\n".join(render_findings(report, color=color))
    else:
        output = render(fmt, report, color=color)
    if output:
        click.echo(output, color=color, err=err)  # else click strips ANSI when piped
    if statistics:
        summary = summarize(report)
        for code, count in summary.by_code.items():
            click.echo(f"{count:>5}  {code}  {summary.names[code]}", err=err or fmt != "text")


def _exit_status(report: Report, config: Config, exit_zero: bool) -> int:
    if report.errors:
        return 2
    if exit_zero:
        return 0
    failing = any(
        f.severity.rank >= config.fail_on.rank for r in report.results for f in r.findings
    )
    below = config.min_score is not None and any(r.score < config.min_score for r in report.results)
    return 1 if failing or below else 0


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8765,
    show_default=True,
    help="0: any free port.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Configuration file (default: found by walking up from here).",
)
def serve(host: str, port: int, config_path: Path | None) -> None:
    """Serve a local page that lints a note as you type, and its JSON API (POST /api/lint)."""
    from notelint import config as config_module
    from notelint import serve as server

    try:
        config = (
            config_module.load(config_path) if config_path else config_module.discover(Path.cwd())
        )
        app = server.build(config, host)
        sock = server.listen(host, port)
    except NotelintError as exc:
        _fail(str(exc))
    bound = sock.getsockname()[1]
    click.echo(f"notelint: serving on http://{host}:{bound}/ (Ctrl+C stops)", err=True)
    server.run(app, sock)


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown"]),
    default="text",
    help="markdown prints the README's table of checks.",
)
def rules(fmt: str) -> None:
    """List every check: code, name, default severity and summary."""
    from notelint.registry import catalog

    _local_checks()
    if fmt == "markdown":
        click.echo(checks_table(catalog().values()))
        return
    for check in catalog().values():
        click.echo(f"{check.code}  {check.name:<28} {check.severity.value:<8} {check.summary}")


def checks_table(checks: Iterable[Any]) -> str:
    """The README's table of checks, from their metadata (``check.yml``)."""
    rows = [
        "| code | name | default severity | what it reports | options |",
        "|---|---|---|---|---|",
    ]
    for check in checks:
        options = ", ".join(f"`{name}`" for name in check.defaults) or "–"
        severity = check.severity.value
        rows.append(f"| {check.code} | {check.name} | {severity} | {check.summary} | {options} |")
    return "\n".join(rows)


@main.command()
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The cache folder to remove [default: the project's .notelint_cache].",
)
def clean(cache_dir: Path | None) -> None:
    """Remove the results cache (it grows by an entry for every version of every note)."""
    import shutil

    from notelint import config as config_module
    from notelint.cache import FOLDER_NAME, is_cache_folder

    try:
        config = config_module.discover(Path.cwd())
    except NotelintError as exc:
        _fail(str(exc))
    folder = cache_dir or config.cache_dir or (config.path.parent if config.path else Path.cwd())
    if cache_dir is None and config.cache_dir is None:
        folder = folder / FOLDER_NAME
    if not folder.exists():
        click.echo(f"notelint: no cache at {folder}", err=True)
        return
    if not is_cache_folder(folder):
        _fail(f"{folder} is not a notelint cache (no CACHEDIR.TAG of notelint's); left alone")
    shutil.rmtree(folder)
    click.echo(f"notelint: removed {folder}", err=True)


@main.command()
@click.option("--stdio", is_flag=True, help="Talk over stdin and stdout (the only transport).")
def lsp(stdio: bool) -> None:
    """Run the language server for editors (needs the lsp extra: pip install 'notelint[lsp]')."""
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        _fail("notelint lsp needs the lsp extra: pip install 'notelint[lsp]'")
    from notelint.lsp import serve

    serve()


@main.command()
@click.argument("code")
def explain(code: str) -> None:
    """Print a check's documentation (by code or name)."""
    from notelint.registry import all_checks
    from notelint.scoring import first_deduction

    _local_checks()
    for check in all_checks():
        if code.upper() == check.code or code == check.name:
            click.echo(f"{check.code} {check.name} ({check.severity.value})\n")
            click.echo(check.documentation())
            if check.advice:
                click.echo(f"\nAdvice:\n    {check.advice}")
            points = first_deduction(check.code, check.severity)
            click.echo(
                f"\nScore: takes {points:g} points off a note ({check.severity.value}, weight 1.0 "
                "by default); each further finding of it takes half as much again, up to "
                f"{2 * points:g}. Configure with [tool.notelint] weights / severity-weights."
            )
            return
    _fail(f"unknown check {code!r}; see notelint rules")


if __name__ == "__main__":  # pragma: no cover
    main()


def run() -> None:
    """The console script: ``main``, then leave without tearing the interpreter down.

    Once the output is flushed nothing is left to do, but an orderly exit would still free
    every object of the pipeline and the checks one by one (about 0.08 s of a one-note run).
    Files the run wrote (cache entries, baselines, fixed notes) are closed by then; only this
    entry point leaves early, so the API and tests exit as usual.
    """
    try:
        main()
        status = 0
    except SystemExit as exc:
        status = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if exc.code is not None and not isinstance(exc.code, int):
            sys.stderr.write(f"{exc.code}\n")
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        status = status or 1
    os._exit(status)
