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
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "--version")):
            args = ["lint", *args]
        return super().parse_args(ctx, args)


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
    # no-color.org: NO_COLOR set to a non-empty value turns colour off.
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


@click.group(cls=_LintByDefault, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="notelint")
def main() -> None:
    """Lint the follow-up notes candidates send after a job interview.

    \b
      notelint note.md            lint a note (also folders, and - for stdin)
      notelint rules              list every check
      notelint explain NL004      print a check's documentation
      notelint serve              a local page that lints as you type
    """


@main.command()
@click.argument("paths", nargs=-1, type=str)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "sarif", "github", "html"]),
    default="text",
    show_default=True,
    help="Output format.",
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
@click.option("--quiet", "-q", is_flag=True, help="Print findings only, no summary.")
@click.option("--statistics", is_flag=True, help="Print a count of findings per code.")
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour in text output (auto: on a terminal, not NO_COLOR).",
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
    quiet: bool,
    statistics: bool,
    color: str,
) -> None:
    """Lint notes: files, folders (*.txt, *.md, *.markdown) or - for stdin."""
    from notelint import config as config_module

    if not paths:
        _fail("no notes given; pass files, folders or - for stdin (see notelint --help)")
    if fmt == "html":
        _require_jinja()
    try:
        if config_path is not None:
            config = config_module.load(config_path)
        else:
            config = config_module.discover(Path(paths[0]) if paths[0] != "-" else Path.cwd())
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
        report = _run(paths, config, overrides, now, baseline, jobs)
        if write_baseline:
            _write_baseline(report, write_baseline)
    except NotelintError as exc:
        _fail(str(exc))

    from notelint.formats.safe import printable

    for error in report.errors:
        click.echo(f"notelint: error: {printable(str(error))}", err=True)
    _print(report, fmt, quiet=quiet, statistics=statistics, color=_use_color(color))
    sys.exit(_exit_status(report, config, exit_zero or bool(write_baseline)))


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
) -> Report:
    from notelint.api import lint_paths

    return lint_paths(
        paths, config=config, context=overrides, now=now, baseline=baseline, jobs=jobs
    )


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


def _print(report: Report, fmt: str, *, quiet: bool, statistics: bool, color: bool) -> None:
    from notelint.formats import render
    from notelint.formats.summary import summarize
    from notelint.formats.text import render_findings

    if fmt == "text" and quiet:
        output = "\n".join(render_findings(report, color=color))
    else:
        output = render(fmt, report, color=color)
    if output:
        click.echo(output, color=color)  # else click strips ANSI when piped
    if statistics:
        summary = summarize(report)
        for code, count in summary.by_code.items():
            click.echo(f"{count:>5}  {code}  {summary.names[code]}", err=fmt != "text")


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
    from notelint.registry import all_checks

    _local_checks()
    if fmt == "markdown":
        click.echo(checks_table(all_checks()))
        return
    for check in all_checks():
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
