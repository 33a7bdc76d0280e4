"""Deterministic synthetic notes for speed benchmarks: varied, distinct, realistic in shape.

Not for accuracy (they are unlabelled): they exist to make throughput numbers repeatable.
"""

from __future__ import annotations

import random
from pathlib import Path

FIRST = [
    "Ana",
    "Tomasz",
    "Priya",
    "Kwame",
    "Lena",
    "Hiroshi",
    "Maribel",
    "Owen",
    "Fatima",
    "Dmitri",
    "Grace",
    "Rafael",
    "Ines",
    "Joon",
    "Siobhan",
    "Tariq",
    "Yara",
    "Bruno",
]
LAST = [
    "Okafor",
    "Lindqvist",
    "Raman",
    "Mensah",
    "Wirth",
    "Tanaka",
    "Reyes",
    "Byrne",
    "Haddad",
    "Volkov",
    "Chen",
    "Moreau",
    "Sato",
    "Kowalski",
    "Adeyemi",
    "Novak",
]
TOPICS = [
    "the nightly batch migration",
    "your on-call rotation",
    "the spring inventory count",
    "the new patient intake form",
    "the Kotlin rewrite",
    "the grant reporting backlog",
    "the returns process at the Leeds depot",
    "the year-nine maths curriculum",
    "the dbt test coverage",
    "the contract review queue",
    "the kiln scheduling problem",
    "the mobile checkout drop-off",
    "the cold-chain audit",
    "the lab's sample tracking",
]
SKILLS = [
    "I rebuilt a similar pipeline at my last job and cut its run time by {n}%",
    "I ran {n} audits like that last year",
    "I trained {n} new starters on the same system",
    "my team shipped a fix for that in {n} weeks",
    "I wrote the runbook we still use",
    "I led the migration of {n} services",
    "I have {n} years of ward experience",
    "I managed a budget of about {n} thousand pounds",
]
OPENERS = [
    "Thank you for taking the time to talk with me on {day}.",
    "Thanks for the conversation on {day}; I enjoyed it.",
    "I appreciated the chance to meet the team on {day}.",
    "It was good to talk through the role with you on {day}.",
]
MIDDLES = [
    "You mentioned {topic}, and I keep coming back to it.",
    "Your question about {topic} made me think about how I'd start.",
    "Hearing about {topic} made the role concrete for me.",
    "When we discussed {topic}, I realised {skill}.",
]
CLOSERS = [
    "If a short write-up of how I'd approach it would help, I'm glad to send one.",
    "I'd be glad to answer anything else before your decision.",
    "I hope to hear from you about next steps.",
    "",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def make_note(rng: random.Random) -> str:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    skill = rng.choice(SKILLS).format(n=rng.randint(2, 40))
    topic = rng.choice(TOPICS)
    body = [
        rng.choice(OPENERS).format(day=rng.choice(DAYS)),
        rng.choice(MIDDLES).format(topic=topic, skill=skill),
        f"{skill[0].upper()}{skill[1:]}, so {rng.choice(TOPICS)} is familiar ground.",
        rng.choice(CLOSERS),
    ]
    sign = rng.choice(FIRST)
    return f"Dear {name},\n\n{' '.join(s for s in body if s)}\n\nBest regards,\n{sign}\n"


def write_notes(folder: Path, count: int, seed: int = 7) -> list[Path]:
    """Write ``count`` distinct notes into ``folder`` and return their paths."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"note-{index:05d}.txt"
        path.write_text(make_note(rng), encoding="utf-8")
        paths.append(path)
    return paths
