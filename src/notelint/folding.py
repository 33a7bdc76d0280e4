"""One fault, one finding: findings that another finding implies are folded into it.

A generic note (NL001) says nothing specific, so it also refers to nothing from the
conversation (NL002) and ties no experience to the role (NL007); three warnings for one fault
is the noise prose-linter users complain of first. A check declares what its finding implies
(``implies:`` in its ``check.yml``); the implied findings of the same note are attached to it as
``folded`` (JSON and SARIF list them) instead of being reported again.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from notelint.findings import Finding


def fold(findings: Sequence[Finding], implies: Mapping[str, Sequence[str]]) -> list[Finding]:
    """The note's findings with the implied ones folded into the findings implying them."""
    implied = {code for f in findings for code in implies.get(f.code, ()) if code != f.code}
    if not implied:
        return list(findings)
    result = []
    for finding in findings:
        if finding.code in implied:
            continue
        mine = tuple(f for f in findings if f.code in implied & set(implies.get(finding.code, ())))
        result.append(
            dataclasses.replace(finding, folded=finding.folded + mine) if mine else finding
        )
    return result
