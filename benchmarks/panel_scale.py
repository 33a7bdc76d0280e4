"""How NL005 panel-copy scales: 2,000 synthetic notes in one run, copy groups planted.

Builds varied notes in memory (random recipients, companies, topics, numbers and sentence
choices, so that notes share stock phrases as real ones do), plants groups of copies (the same
body to 2-4 people, names swapped, sometimes one word changed or the paragraphs swapped) and
near-misses (customised notes that share an opening and a closing paragraph), parses them once,
then times the comparison (``check_set``) alone. Prints the time and whether every planted
group was found and nothing else was reported.

    python benchmarks/panel_scale.py [--notes 2000] [--groups 60] [--seed 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from collections import defaultdict

from notelint.context import build_context
from notelint.layout import find_layout
from notelint.note import Note
from notelint.pipeline import load_pipeline
from notelint.registry import Collected, checks_by_code
from notelint.sources import parse

FIRST = (
    "Priya", "Tom", "Lena", "Grace", "Ed", "Ines", "Marcus", "Yuki", "Omar", "Sofia", "Dev",
    "Hannah", "Kwame", "Lucia", "Ravi", "Mei", "Jonas", "Aisha", "Felix", "Nora", "Tariq",
    "Elena", "Sam", "Bea", "Idris", "Maya", "Paolo", "Zoe", "Hugo", "Leila", "Arjun", "Clara",
    "Kenji", "Rosa",
)  # fmt: skip
LAST = (
    "Raman", "Okafor", "Wirth", "Hale", "Ortiz", "Nakamura", "Haddad", "Lindqvist", "Mensah",
    "Ferreira", "Kowalski", "Byrne", "Castillo", "Adeyemi", "Varga", "Novak", "Sato", "Brennan",
    "Moreau", "Quinn", "Petrov", "Duarte", "Akhtar", "Lund", "Reyes",
)  # fmt: skip
COMPANIES = (
    "Larkspur Analytics", "Northgate Supply", "Tidewell Insurance", "Riverbend Schools",
    "Acme Logistics", "Harbour Freight", "Cobalt Health", "Juniper Bank", "Meridian Labs",
    "Oakridge Foods", "Pinecrest Media", "Silverline Energy", "Brightwater Retail",
    "Quarry Games", "Helix Biotech", "Summit Legal",
)  # fmt: skip
TOPICS = (
    "nightly batch migration", "on-call rotation", "carrier scorecards", "claims dashboards",
    "inventory counts", "pick paths", "month-end close", "patient intake", "phonics curriculum",
    "fraud alerts", "store layouts", "loyalty emails", "release checklist", "vendor audits",
    "driver hours", "lab scheduling", "ticket backlog", "pricing tests", "grant reporting",
    "data retention", "onboarding flow", "shift handover", "warranty returns",
    "sensor calibration", "case management",
)  # fmt: skip
TOOLS = (
    "Airflow", "dbt", "Excel", "Tableau", "Salesforce", "SAP", "Jira", "Python", "SQL",
    "Looker", "Kafka", "Figma", "Epic", "Workday", "Zendesk", "HubSpot", "Power-BI",
    "Terraform", "Kubernetes", "QuickBooks",
)  # fmt: skip
OPENINGS = (
    "Thank you for meeting with me {day} about the {role} role.",
    "Thanks for taking the time {day} to talk through the {role} opening.",
    "I enjoyed our conversation {day} about the {role} position.",
    "It was good to meet you {day} and hear more about the {role} team.",
    "Thank you for the interview {day}; I learned a lot about the {role} role.",
)
MIDDLES = (
    "Your point about {topic} stuck with me, especially how it slows the team down.",
    "I had not realised how much the {topic} work depends on {tool}.",
    "At {past} I rebuilt our {topic} process in {tool} and cut the time it took by {n} percent.",
    "The way you described {topic} reminded me of a project I led at {past}.",
    "I liked hearing that the team plans to rethink {topic} within {n} months.",
    "Your question about {topic} made me think harder about how I would measure it.",
    "I spent {n} years working on {topic} at {past}, mostly with {tool}.",
    "If it helps, I can share the {tool} checklist we used for {topic} at {past}.",
    "The {topic} numbers you showed surprised me; {n} a week is a lot to absorb.",
    "I would start by pairing with whoever owns {topic} and mapping where {tool} fits in.",
    "We had the same trouble with {topic} at {past} until we moved it into {tool}.",
    "Your plan to hand {topic} to a smaller group sounds right to me.",
)
CLOSINGS = (
    "I'm excited about the chance to help {company} with this.",
    "Please let me know if I can send anything else.",
    "I look forward to hearing about the next steps.",
    "I would be glad to bring this experience to {company}.",
    "",
)
DAYS = ("today", "this morning", "on Tuesday", "yesterday", "on Friday", "this afternoon")
ROLES = ("data engineer", "planner", "analyst", "teacher", "nurse", "product manager", "buyer")
PAST = ("Brightline", "Fernhill Foods", "Corvid Mutual", "Brennan Haulage", "Alder & Co", "Kestrel")


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def body(rng: random.Random, company: str) -> str:
    """A body of 4-8 sentences in two or three paragraphs, with random slots filled."""

    def fill(template: str) -> str:
        return template.format(
            day=rng.choice(DAYS),
            role=rng.choice(ROLES),
            topic=rng.choice(TOPICS),
            tool=rng.choice(TOOLS),
            past=rng.choice(PAST),
            n=rng.randint(2, 60),
            company=company,
        )

    middle = [fill(t) for t in rng.sample(MIDDLES, rng.randint(2, 6))]
    cut = rng.randint(1, len(middle))
    paragraphs = [
        " ".join([fill(rng.choice(OPENINGS)), *middle[:cut]]),
        " ".join(middle[cut:]),
        fill(rng.choice(CLOSINGS)),
    ]
    return "\n\n".join(p for p in paragraphs if p)


def note_text(to: str, company: str, text: str, writer: str) -> str:
    first = to.split()[0]
    return f"---\nto: {to}\ncompany: {company}\n---\nDear {first},\n\n{text}\n\nBest,\n{writer}\n"


def copy_of(rng: random.Random, text: str) -> str:
    """A copy as candidates make them: as is, one word changed, or the paragraphs swapped."""
    style = rng.choice(("as is", "word", "swap"))
    if style == "word":
        return text.replace(" about ", " regarding ", 1)
    if style == "swap":
        parts = text.split("\n\n")
        return "\n\n".join([*parts[1:2], parts[0], *parts[2:]])
    return text


def generate(count: int, groups: int, seed: int) -> tuple[dict[str, str], list[set[str]]]:
    """``count`` notes by path, and the planted copy groups (sets of paths)."""
    rng = random.Random(seed)
    notes: dict[str, str] = {}
    planted: list[set[str]] = []
    for g in range(groups):
        company, writer = rng.choice(COMPANIES), person(rng)
        original = body(rng, company)
        names = rng.sample(FIRST, rng.randint(2, 4))
        group = set()
        for k, first in enumerate(names):
            path = f"copies/{g:03d}/{k}.md"
            to = f"{first} {rng.choice(LAST)}"
            text = original if k == 0 else copy_of(rng, original)
            text += f"\n\nI hope the rest of your week goes well, {first}."  # a name in the body
            notes[path] = note_text(to, company, text, writer)
            group.add(path)
        planted.append(group)
    for g in range(groups):  # near-misses: a panel of customised notes with shared frame
        company, writer = rng.choice(COMPANIES), person(rng)
        opening = "Thank you all for the panel interview today."
        closing = "Please let me know if I can send anything else, such as references."
        for k, first in enumerate(rng.sample(FIRST, 3)):
            text = f"{opening} {body(rng, company)}\n\n{closing}"
            notes[f"custom/{g:03d}/{k}.md"] = note_text(f"{first} Lund", company, text, writer)
    while len(notes) < count:
        company = rng.choice(COMPANIES)
        notes[f"single/{len(notes):05d}.md"] = note_text(
            person(rng), company, body(rng, company), person(rng)
        )
    return notes, planted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=2000)
    parser.add_argument("--groups", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    texts, planted = generate(args.notes, args.groups, args.seed)
    nlp = load_pipeline()
    now = dt.datetime(2026, 11, 25, tzinfo=dt.timezone.utc)
    sources = [parse(text, path) for path, text in texts.items()]
    started = time.perf_counter()
    check = checks_by_code()["NL005"](nlp)
    docs = nlp.pipe((s.lint_text for s in sources), batch_size=64)
    collected = [
        Collected(
            s.path, check.collect(Note(s, build_context(s, now=now), doc, find_layout(s.lint_text)))
        )
        for s, doc in zip(sources, docs, strict=True)
    ]
    parsed = time.perf_counter() - started

    started, cpu = time.perf_counter(), time.process_time()
    findings = list(check.check_set(collected))
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu

    related: dict[str, set[str]] = defaultdict(set)
    for finding in findings:
        related[finding.path] = {loc.path for loc in finding.related}
    found = sum(all(related[p] == group - {p} for p in group) for group in planted)
    planted_paths = set().union(*planted)
    stray = sorted(set(related) - planted_paths)
    words = sum(len(s.text.split()) for s in sources)
    print(f"notes: {len(collected)} ({words:,} words), planted copy groups: {len(planted)}")
    print(f"spaCy parsing and collecting (not the comparison): {parsed:.2f} s")
    print(f"NL005 check_set: {elapsed:.2f} s ({cpu:.2f} s CPU), {len(findings)} findings")
    print(f"planted groups found exactly: {found}/{len(planted)}")
    print(f"notes reported outside the planted groups: {len(stray)} {stray[:5]}")


if __name__ == "__main__":
    main()
