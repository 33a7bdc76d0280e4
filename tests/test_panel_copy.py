"""NL005 panel-copy: a set-level check, so each case is a small run of several notes.

The notes are parsed in memory (``notelint.sources.parse``) and linted together with only NL005
selected; a case names which files must be reported and, for copies, which others they name.
"""

from __future__ import annotations

import datetime as dt
import importlib
import itertools
from collections import defaultdict
from pathlib import Path

import pytest

from notelint.api import lint_paths
from notelint.config import Config
from notelint.engine import lint_sources
from notelint.errors import NotelintError
from notelint.findings import Report
from notelint.sources import parse

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.timezone.utc)
CONFIG = Config(select=("NL005",))

BODY = """\
Thank you for walking me through the warehouse on Thursday. Seeing the pick paths laid out on
the floor made the slotting problem you described concrete, and I kept thinking about it on the
drive home.

At Fernhill Foods I re-slotted our fast movers by weekly velocity and cut the average pick walk
by about a third, and I would enjoy doing the same for the two new aisles you are adding.
"""
OTHER_BODY = """\
I appreciated your frankness about the overtime in peak season. Your idea of splitting the
evening shift so that returns are handled before the trucks leave sounded right to me, and I have
run that kind of split before: at Fernhill the returns backlog went from three days to one.
"""
CUSTOM_BODY = """\
Your question about how I would train new pickers stayed with me. I would pair each of them
with a lead for their first week and use the scanner error report, not speed alone, to decide
when they are ready to work on their own; that is how we halved mis-picks at Fernhill.
"""
SHARED_CLOSING = """
Please let me know if there is anything else I can send you, such as references or the
slotting spreadsheet I mentioned.
"""


def note(body: str, to: str | None = None, greeting: str | None = None, **front: str) -> str:
    """A note with optional front matter, a salutation and a fixed sign-off."""
    fields = {"to": to, **front}
    header = "".join(f"{k}: {v}\n" for k, v in fields.items() if v)
    text = f"---\n{header}---\n" if header else ""
    if greeting:
        text += f"{greeting}\n\n"
    return text + body + "\nBest regards,\nJordan Pike\n"


@pytest.fixture(autouse=True, params=["exact", "sketched"])
def search(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every case runs with both searches for copies: the exact one (runs of up to 2,000
    distinct bodies) and the MinHash one of large runs."""
    from notelint.registry import checks_by_code

    module = importlib.import_module(checks_by_code()["NL005"].__module__)
    if request.param == "sketched":
        monkeypatch.setattr(module, "_EXACT_UP_TO", 0)
    return str(request.param)


def run(notes: dict[str, str], **options: object) -> Report:
    config = Config(select=("NL005",), options={"NL005": options} if options else {})
    return lint_sources([parse(text, path) for path, text in notes.items()], config, now=NOW)


def reported(report: Report) -> dict[str, list[str]]:
    """Each reported file and the files its NL005 finding names."""
    return {
        r.path: sorted(loc.path for f in r.findings for loc in f.related)
        for r in report.results
        if any(f.code == "NL005" for f in r.findings)
    }


# -- copies that must be reported --------------------------------------------------------------


def test_same_body_to_two_panelists_is_reported_on_both() -> None:
    report = run(
        {
            "priya.md": note(BODY, "Priya Raman", "Dear Priya,"),
            "tom.md": note(BODY, "Tom Okafor", "Dear Tom,"),
        }
    )
    assert reported(report) == {"priya.md": ["tom.md"], "tom.md": ["priya.md"]}


def test_each_of_three_copies_names_the_other_two() -> None:
    names = ["Priya Raman", "Tom Okafor", "Lena Wirth"]
    report = run({f"{n.split()[0]}.md": note(BODY, n) for n in names})
    assert reported(report) == {
        "Priya.md": ["Lena.md", "Tom.md"],
        "Tom.md": ["Lena.md", "Priya.md"],
        "Lena.md": ["Priya.md", "Tom.md"],
    }


def test_recipients_from_salutations_alone() -> None:
    report = run(
        {"a.txt": note(BODY, greeting="Hi Grace,"), "b.txt": note(BODY, greeting="Hi Ed,")}
    )
    assert set(reported(report)) == {"a.txt", "b.txt"}


def test_names_swapped_inside_the_body_are_set_aside() -> None:
    def body(name: str) -> str:
        return f"{name}, your point about the pick paths stuck with me.\n" + BODY

    report = run(
        {
            "priya.md": note(body("Priya"), "Priya Raman", "Dear Priya,"),
            "tom.md": note(body("Tom"), "Tom Okafor", "Dear Tom,"),
        }
    )
    assert set(reported(report)) == {"priya.md", "tom.md"}


def test_one_word_changed_is_still_a_copy() -> None:
    changed = BODY.replace("I kept thinking", "I went on thinking")
    report = run({"a.md": note(BODY, "Priya Raman"), "b.md": note(changed, "Tom Okafor")})
    assert set(reported(report)) == {"a.md", "b.md"}


def test_paragraphs_shuffled_is_still_a_copy() -> None:
    first, second = BODY.split("\n\n")
    report = run(
        {
            "a.md": note(BODY, "Priya Raman"),
            "b.md": note(f"{second}\n{first}\n", "Tom Okafor"),
        }
    )
    assert set(reported(report)) == {"a.md", "b.md"}


def test_company_on_one_note_only_is_still_compared() -> None:
    report = run(
        {
            "a.md": note(BODY, "Priya Raman", company="Northgate Supply"),
            "b.md": note(BODY, "Tom Okafor"),
        }
    )
    assert set(reported(report)) == {"a.md", "b.md"}


def test_same_company_written_differently_is_one_application() -> None:
    report = run(
        {
            "a.md": note(BODY, "Priya Raman", company="Northgate Supply"),
            "b.md": note(BODY, "Tom Okafor", company="northgate  supply"),
        }
    )
    assert set(reported(report)) == {"a.md", "b.md"}


def test_lighter_threshold_catches_a_lightly_customised_copy() -> None:
    second = BODY.split("\n\n")[1]
    lightly = f"Your warehouse tour was the best part of my week.\n\n{second}"
    notes = {"a.md": note(BODY, "Priya Raman"), "b.md": note(lightly, "Tom Okafor")}
    assert reported(run(notes)) == {}
    assert set(reported(run(notes, similarity=0.6))) == {"a.md", "b.md"}


def test_a_named_person_beside_a_group_is_a_recipient() -> None:
    report = run(
        {"a.txt": note(BODY, greeting="Dear Priya and team,"), "b.txt": note(BODY, "Tom Okafor")}
    )
    assert set(reported(report)) == {"a.txt", "b.txt"}


def test_short_identical_bodies_are_copies_too() -> None:
    short = "Thank you for your time today. I look forward to hearing about next steps.\n"
    report = run({"a.txt": note(short, greeting="Dear Mr. Hale,"), "b.txt": note(short, "Ines")})
    assert set(reported(report)) == {"a.txt", "b.txt"}


def test_shared_list_recipient_against_someone_else() -> None:
    report = run(
        {"both.md": note(BODY, "[Priya Raman, Tom Okafor]"), "lena.md": note(BODY, "Lena Wirth")}
    )
    assert set(reported(report)) == {"both.md", "lena.md"}


def test_finding_points_at_the_body_and_its_copy() -> None:
    report = run(
        {"a.md": note(BODY, "Priya Raman", "Dear Priya,"), "b.md": note(BODY, "Tom Okafor")}
    )
    finding = next(f for r in report.results if r.path == "a.md" for f in r.findings)
    assert (finding.code, finding.name, finding.severity.value) == (
        "NL005",
        "panel-copy",
        "warning",
    )
    assert finding.line == 6  # the first line of the body, after front matter and salutation
    assert finding.quote.startswith("Thank you for walking me through")
    assert "Tom Okafor" in finding.message and "b.md" in finding.message
    assert '("Thank you for walking me through the warehouse …")' in finding.message
    assert "100%" in finding.message
    assert [(loc.path, loc.line) for loc in finding.related] == [("b.md", 4)]
    assert "rewrite" in finding.suggestion


# -- look-alikes that must stay silent ---------------------------------------------------------


def test_customised_notes_sharing_a_closing_paragraph() -> None:
    report = run(
        {
            "priya.md": note(BODY + SHARED_CLOSING, "Priya Raman"),
            "tom.md": note(OTHER_BODY + SHARED_CLOSING, "Tom Okafor"),
            "lena.md": note(CUSTOM_BODY + SHARED_CLOSING, "Lena Wirth"),
        }
    )
    assert reported(report) == {}


def test_two_drafts_to_one_person() -> None:
    report = run({"v1.md": note(BODY, "Priya Raman"), "v2.md": note(BODY, "Priya Raman")})
    assert reported(report) == {}


def test_first_name_and_full_name_are_one_person() -> None:
    report = run(
        {"draft.txt": note(BODY, greeting="Dear Ms. Raman,"), "final.md": note(BODY, "Priya Raman")}
    )
    assert reported(report) == {}


def test_unknown_recipients_are_not_compared() -> None:
    report = run(
        {
            "template-a.txt": note(BODY, greeting="Dear Hiring Manager,"),
            "template-b.txt": note(BODY, greeting="Hi team,"),
            "template-c.txt": note(BODY, greeting="Dear [Interviewer Name],"),
            "template-d.txt": note(BODY, greeting="Hello everyone at Larkspur,"),
            "no-greeting.txt": note(BODY),
        }
    )
    assert reported(report) == {}


def test_unknown_recipient_is_not_compared_with_a_known_one() -> None:
    report = run(
        {"generic.txt": note(BODY, greeting="Dear Sir or Madam,"), "named.md": note(BODY, "Tom")}
    )
    assert reported(report) == {}


def test_different_companies_are_different_applications() -> None:
    report = run(
        {
            "a.md": note(BODY, "Priya Raman", company="Northgate Supply"),
            "b.md": note(BODY, "Tom Okafor", company="Harbour Freight Lines"),
        }
    )
    assert reported(report) == {}


def test_notes_signed_by_different_people() -> None:
    def signed(to: str, writer: str) -> str:
        return note(BODY, to).replace("Jordan Pike", writer)

    report = run({"a.md": signed("Priya Raman", "Ana Silva"), "b.md": signed("Tom", "Ben Cho")})
    assert reported(report) == {}
    report = run({"a.md": signed("Priya Raman", "Ana Silva"), "b.md": signed("Tom", "Ana")})
    assert set(reported(report)) == {"a.md", "b.md"}


def test_bodies_too_short_to_compare() -> None:
    report = run(
        {"a.txt": note("Thanks again!\n", "Priya"), "b.txt": note("Thanks again!\n", "Tom")}
    )
    assert reported(report) == {}


def test_a_single_note_is_never_a_copy() -> None:
    assert reported(run({"a.md": note(BODY, "Priya Raman")})) == {}


def test_overlapping_recipient_lists() -> None:
    report = run(
        {"both.md": note(BODY, "[Priya Raman, Tom Okafor]"), "tom.md": note(BODY, "Tom Okafor")}
    )
    assert reported(report) == {}


def test_same_topic_different_notes() -> None:
    report = run(
        {
            "a.md": note(BODY, "Priya Raman"),
            "b.md": note(BODY.split("\n\n")[0] + "\n\n" + OTHER_BODY, "Tom Okafor"),
        }
    )
    assert reported(report) == {}


# -- the index finds every pair the full comparison would ------------------------------------

POOL = (
    "The returns backlog you described sounded painful.",
    "I rebuilt a slotting plan at Fernhill Foods last spring.",
    "Your question about training new pickers stayed with me.",
    "I would pair each new picker with a lead for a week.",
    "Thank you for walking me through the warehouse on Thursday.",
    "The two new aisles are a good chance to rethink the pick paths.",
    "At Fernhill the returns backlog went from three days to one.",
    "Splitting the evening shift sounded right to me.",
    "I am glad you raised the overtime in peak season.",
    "Please let me know if I can send anything else.",
    "I kept thinking about the scanner error report on the way home.",
    "We halved mis-picks by measuring errors, not speed alone.",
)


def test_candidate_index_misses_no_pair_above_the_threshold(search: str) -> None:
    """Prefix filtering is exact: it finds what comparing every pair would find; so does the
    sketch on these notes, at the thresholds it serves (lower ones are searched exactly)."""
    import random

    from notelint.context import build_context
    from notelint.layout import find_layout
    from notelint.note import Note
    from notelint.pipeline import load_pipeline
    from notelint.registry import checks_by_code

    rng = random.Random(5)
    texts = {}
    for k in range(60):
        sentences = rng.sample(POOL, rng.randint(3, 7))
        name = "".join(rng.choices("bdfgklmnprstvz", k=3) + rng.choices("aeiou", k=2)).title()
        surname = "".join("abcdefghij"[int(d)] for d in f"{k:03d}").title()
        texts[f"{k}.md"] = note(" ".join(sentences) + "\n", f"{name} {surname}")
    nlp = load_pipeline()
    sources = [parse(t, p) for p, t in texts.items()]
    notes = [
        Note(s, build_context(s), doc, find_layout(s.lint_text))
        for s, doc in zip(sources, nlp.pipe(s.lint_text for s in sources), strict=True)
    ]
    for similarity in (0.5, 0.7, 0.85, 0.95):
        check = checks_by_code()["NL005"](nlp, {"similarity": similarity})
        collected = [check.collect(n) for n in notes]
        names = check._name_words(collected)
        vocabulary: defaultdict[str, int] = defaultdict(itertools.count().__next__)
        profiles = [
            check._profile(n.path, d, names, vocabulary)
            for n, d in zip(notes, collected, strict=True)
        ]
        assert all(profiles)
        everything = {
            (i, j)
            for i in range(len(profiles))
            for j in range(i + 1, len(profiles))
            if check._comparable(profiles[i], profiles[j])
            and check._similarity(profiles[i], profiles[j]) >= similarity
        }
        found = {tuple(sorted((i, j))) for i, j, _ in check._copies(profiles)}
        assert everything and found == everything, similarity


# -- options and files -------------------------------------------------------------------------


@pytest.mark.parametrize("value", [0, 1.5, -0.2])
def test_similarity_out_of_range_is_a_user_error(value: float) -> None:
    with pytest.raises(NotelintError, match="similarity"):
        run({"a.md": note(BODY, "Priya Raman")}, similarity=value)


def test_extra_generic_recipients_make_a_recipient_unknown() -> None:
    notes = {
        "a.txt": note(BODY, greeting="Dear Search Committee,"),
        "b.txt": note(BODY, greeting="Dear Fiona,"),
    }
    assert reported(run(notes)) == {}  # "Search Committee" is a group: recipient unknown
    notes["a.txt"] = note(BODY, greeting="Dear Selection Board,")
    assert set(reported(run(notes))) == {"a.txt", "b.txt"}  # taken for a person's name ...
    assert reported(run(notes, **{"extra-generic-recipients": ["selection board"]})) == {}


def test_files_in_one_folder_are_one_run(tmp_path: Path) -> None:
    panel = tmp_path / "panel"
    panel.mkdir()
    (panel / "priya.md").write_text(note(BODY, "Priya Raman"), "utf-8")
    (panel / "tom.md").write_text(note(BODY, "Tom Okafor"), "utf-8")
    (panel / "lena.md").write_text(note(OTHER_BODY, "Lena Wirth"), "utf-8")
    report = lint_paths([panel], config=CONFIG, now=NOW)
    found = {Path(r.path).name: [f.code for f in r.findings] for r in report.results}
    assert found == {"lena.md": [], "priya.md": ["NL005"], "tom.md": ["NL005"]}


# -- what the front matter says about the panel ---------------------------------------------------


def test_copies_for_interviews_on_different_days_are_not_one_panel() -> None:
    report = run(
        {
            "priya.md": note(BODY, "Priya Raman", interviewed="2026-03-02T10:00"),
            "tom.md": note(BODY, "Tom Okafor", interviewed="2026-04-17T10:00"),
        }
    )
    assert reported(report) == {}


def test_copies_to_panels_with_no_one_in_common_are_not_one_panel() -> None:
    report = run(
        {
            "priya.md": note(BODY, "Priya Raman", panel="[Priya Raman, Lena Wirth]"),
            "tom.md": note(BODY, "Tom Okafor", panel="[Tom Okafor, Sam Adeyemi]"),
        }
    )
    assert reported(report) == {}


def test_same_day_and_same_panel_copies_are_reported() -> None:
    panel = "[Priya Raman, Tom Okafor, Lena Wirth]"
    report = run(
        {
            name: note(BODY, to, panel=panel, interviewed="2026-03-02T10:00")
            for name, to in [("priya.md", "Priya Raman"), ("tom.md", "Tom Okafor")]
        }
    )
    assert reported(report) == {"priya.md": ["tom.md"], "tom.md": ["priya.md"]}


def test_the_message_names_every_file_of_the_copy_group() -> None:
    people = ["Priya Raman", "Tom Okafor", "Lena Wirth"]
    report = run({f"{p.split()[0].lower()}.md": note(BODY, p) for p in people})
    message = next(f.message for r in report.results for f in r.findings if r.path == "priya.md")
    assert "tom.md" in message and "lena.md" in message


def test_a_cluster_of_hundreds_names_the_nearest_few_and_counts_the_rest() -> None:
    """An archive built from one template: the message stays short (five copies named, the
    rest counted), ``related`` lists every copy for JSON and SARIF."""
    first = ("Ada", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun")
    last = ("Arden", "Birch", "Cole", "Dunn", "Ekwe", "Frost", "Gale", "Hart", "Ince", "Jory")
    people = [f"{a} {b}{n}" for n in ("", "son", "ley") for a in first for b in last]
    notes = {f"{i:03}.md": note(BODY, person) for i, person in enumerate(people)}
    report = run(notes)
    assert len(report.results) == 300
    for result in report.results:
        (finding,) = result.findings
        assert len(finding.related) == 299
        assert finding.message.count(".md)") == 5
        assert "294 more" in finding.message


def test_a_large_cluster_of_near_copies_is_sampled_and_says_so(search: str) -> None:
    """Hundreds of near-copies (each with one word of its own) share the sketch's buckets:
    a bucket too large to pair up in full pairs each note with a few others per band, so
    every note is still reported, naming copies it was compared with, and the count it gives
    is a lower bound ("at least")."""
    first = ("Ada", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun")
    last = ("Arden", "Birch", "Cole", "Dunn", "Ekwe", "Frost", "Gale", "Hart", "Ince", "Jory")
    people = [f"{a} {b}{n}" for n in ("", "son", "ley") for a in first for b in last]
    notes = {
        f"{i:03}.md": note(BODY.replace("drive home", f"drive home to ward {i}"), person)
        for i, person in enumerate(people)
    }
    report = run(notes)
    assert len(report.results) == 300
    assert all(len(r.findings) == 1 for r in report.results)
    messages = [r.findings[0].message for r in report.results]
    if search == "sketched":
        assert all("at least" in m or "perhaps others" in m for m in messages)
        assert max(len(r.findings[0].related) for r in report.results) < 299
    else:
        assert all("294 more" in m for m in messages)
