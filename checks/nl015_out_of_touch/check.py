"""NL015 out-of-touch: a rough interview described as a great one."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from notelint.kit import RuleCheck

if TYPE_CHECKING:
    from notelint.kit import Finding, Note


class OutOfTouch(RuleCheck):
    """Flags a note that claims a rough interview went well.

    What it does:
        Only when the writer says the interview went badly (front matter `went: badly`, or
        `--went badly`), finds claims that it went well ("I think it went really well"),
        that the two of you clearly connected ("we really clicked", "great rapport") or that
        the writer is sure they are the one ("I'm confident I'm the right person", "I know
        I'm your candidate"). Doubt and negation ("it didn't go as well as I hoped", "I'm
        not sure I showed my best") are what the advice asks for, and are not flagged.

    Why is this bad?
        The interviewer was there too. After a rough interview, a note that pretends
        otherwise reads as out of touch, and certainty about being the one reads as not
        having listened. A plain thank-you that acknowledges the miss keeps the door open.

    Example:
        ---
        went: badly
        ---
        Thank you for yesterday; I think the interview went really well and I'm sure I'm
        the right person for the role.

    Use instead:
        Thank you for your time yesterday. I know my answer on the budget question fell
        short; if another role opens on the team, I would be glad to be considered, and
        any feedback would help me.

    Options:
        extra-claims: more phrases that claim the interview went well (word-list syntax).
    """

    def check(self, note: Note) -> Iterable[Finding]:
        if note.context.went != "badly":
            return ()
        return super().check(note)
