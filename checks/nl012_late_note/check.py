"""NL012 late-note: the note went out (or is still a draft) long after the interview."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from notelint.kit import Check

if TYPE_CHECKING:
    from notelint.kit import Finding, Note

_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")
_DAY = dt.timedelta(days=1)


class LateNote(Check):
    """Flags a note sent, or still unsent, more than two days after the interview.

    What it does:
        Compares the front matter dates. With `sent`, it warns when the note went out more
        than `max-hours` (48) after `interviewed`. Without `sent` (a draft), it reports, as
        information, a draft whose interview is already more than `max-hours` in the past.
        Date-only values are read leniently: they are compared by calendar days (an
        interview on the 2nd and a note on the 4th are two days apart, not late). A `sent` before
        `interviewed` is left to pre-written (NL003).

    Why is this bad?
        The advice is to send the note soon after the interview, within a day or so. A
        note that arrives days later reads as an afterthought, and it may land after the
        team has already compared candidates and decided.

    Example:
        ---
        interviewed: 2026-10-05T15:00
        sent: 2026-10-09T20:30
        ---
        Thank you for Monday's walk through the returns backlog.

    Use instead:
        ---
        interviewed: 2026-10-05T15:00
        sent: 2026-10-05T19:30
        ---
        Thank you for this afternoon's walk through the returns backlog.

        Send the note the same day or the next morning, while the conversation is fresh;
        if it is already late, send it now rather than not at all, and keep it short.

    Options:
        max-hours: hours after the interview before a note counts as late (default 48).
    """

    def check(self, note: Note) -> Iterator[Finding]:
        context = note.context
        if context.interviewed is None:
            return
        limit = dt.timedelta(hours=self.options["max-hours"])
        if context.sent is not None:
            delay = _delay(note, context.interviewed, context.sent, "sent")
            if delay > limit:
                yield self._late_sent(note, delay)
        elif context.now is not None:
            delay = _delay(note, context.interviewed, context.now, None)
            if delay > limit:
                yield self._late_draft(note, delay)

    def _late_sent(self, note: Note, delay: dt.timedelta) -> Finding:
        start, end = note.field_span("sent")
        return self.finding(
            note,
            start,
            end,
            f"sent {_duration(delay)} after the interview "
            f"(more than {self.options['max-hours']} hours)",
            "Send follow-up notes the same day or the next morning, while the conversation "
            "is fresh; keep a late note short and lead with the point from the interview.",
        )

    def _late_draft(self, note: Note, delay: dt.timedelta) -> Finding:
        start, end = note.field_span("interviewed")
        return self.finding(
            note,
            start,
            end,
            f"still a draft {_duration(delay)} after the interview "
            f"(more than {self.options['max-hours']} hours)",
            "Send it today: a short, specific note now is better than a polished one after "
            "the decision. Add `sent:` to the front matter once it is out.",
            # An unsent draft is information, unless the user configured a severity.
            severity=self.softened(True),
        )


def _delay(
    note: Note, interviewed: dt.datetime, later: dt.datetime, later_key: str | None
) -> dt.timedelta:
    """Time from the interview to ``later``; in whole calendar days if a date has no time.

    Counting days is the lenient reading of a bare date: an interview "on the 2nd" and a
    note "on the 4th" are two days apart, whatever the hours were.
    """
    if _is_date_only(note, "interviewed") or (later_key and _is_date_only(note, later_key)):
        return (later.date() - interviewed.date()).days * _DAY
    return later - interviewed


def _is_date_only(note: Note, key: str) -> bool:
    """Whether a date field was given without a time of day.

    The raw front matter says so (YAML reads ``2026-03-02`` as a date); a value given only
    as an override is judged by its time, since interviews are not held at midnight.
    """
    raw = note.source.front_matter.get(key)
    if raw is None:
        value = getattr(note.context, key)
        return (
            value is not None
            and value.time() == dt.time(0)
            and value.utcoffset() == dt.timedelta(0)
        )
    if isinstance(raw, dt.datetime):
        return False
    return isinstance(raw, dt.date) or bool(_DATE_ONLY.fullmatch(str(raw).strip()))


def _duration(delay: dt.timedelta) -> str:
    """'3 days 4 hours', '2 days', '50 hours' -> readable lateness."""
    days, seconds = delay.days, delay.seconds
    hours = seconds // 3600
    parts = []
    if days:
        parts.append(f"{days} day{'s' if days != 1 else ''}")
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    return " ".join(parts) or "less than an hour"
