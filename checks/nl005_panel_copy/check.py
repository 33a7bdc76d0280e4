"""NL005 panel-copy: one note sent, with the names swapped, to several people of a panel."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from notelint.kit import Collected, Location, NotelintError, SetCheck, location
from notelint.kit import words as doc_words

if TYPE_CHECKING:
    from spacy.tokens import Span

    from notelint.kit import Finding, Note


_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_PERSON_SEPARATOR = re.compile(r"\s*(?:,|&|/|;|\band\b|\bor\b)\s*", re.I)
_PLACEHOLDER = re.compile(r"[\[\]{}<>]|\b[XY]{2,}\b")
_NAME = "<name>"
# Words around a name that are not part of it: "Dr. Raman" and "Priya Raman" are one person.
_TITLES = frozenset({"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "there"})
# How many of their rarest words two bodies must share before they are compared at all (fewer
# if a short body allows fewer): more prunes chance pairs of notes built on the same stock words.
_SHARED_PREFIX = 16
#: Copies named in the message; ``related`` lists them all.
_LISTED = 5
#: Up to this many distinct bodies the search for copies is exact; beyond, it is sketched.
_EXACT_UP_TO = 2000
#: The sketch is tuned for copies (the default threshold and stricter); a lower threshold asks
#: for looser matches than it finds reliably, so such a run is searched exactly, at a cost.
_SKETCHED_FROM = 0.85
#: MinHash LSH for large runs: bands of rows, and a fixed seed so that runs agree.
_BANDS, _ROWS, _SEED = 30, 5, 20261205
#: A bucket of the sketch pairs all its notes up to this many pairs; beyond, each note is
#: paired with ``_WINDOW`` others per band.
_FULL_PAIRS, _WINDOW = 4096, 4

Person = frozenset[str]


#: Marks a capitalised word in collected text: "lemma\x1flower" (names are blanked per run).
_CAPITAL = "\x1f"


@dataclass(frozen=True)
class _Profile:
    """What one note brings to the comparison: who it is for and its body as word ids."""

    path: str
    shown: str
    where: Location
    quote: str
    opening: str
    recipients: tuple[Person, ...]
    writers: tuple[Person, ...]
    company: str | None
    interviewed: dt.date | None
    panel: tuple[Person, ...]
    words: tuple[int, ...]
    reordered: tuple[int, ...]

    def shares_recipient(self, other: _Profile) -> bool:
        """One person in both notes' recipients ("Priya" and "Priya Raman" are one person)."""
        return _same_person(self.recipients, other.recipients)

    def other_application(self, other: _Profile) -> bool:
        """Not one panel's notes: different companies, interview days or panels (where both
        notes say), or notes signed by different people."""
        if self.company and other.company and self.company != other.company:
            return True
        if self.interviewed and other.interviewed and self.interviewed != other.interviewed:
            return True
        if self.panel and other.panel and not _same_person(self.panel, other.panel):
            return True
        return bool(self.writers and other.writers) and not _same_person(
            self.writers, other.writers
        )


class PanelCopy(SetCheck):
    """Flags notes of one run that are the same note sent to different people.

    What it does:
        Compares the bodies of all the notes linted together, with the salutation and the
        sign-off left out and the names of the recipients and of the writer blanked (copies
        swap names). Two notes to different recipients whose bodies are near-identical are
        both reported, each naming the other file. The recipient is front matter `to`, else
        the name in the salutation.

        Left out of the comparison, so that they never fire:
        - notes to the same person ("Priya" and "Priya Raman" are one person): two drafts of
          one note are not a panel copy;
        - notes whose recipient is unknown (no `to`, and a salutation without a person's name:
          "Dear Hiring Manager", "Hi team", "Dear [Name]"): two such notes may be drafts for
          one person, and a coach's folder of templates is alike on purpose;
        - notes whose front matter names different companies, interview days or panels
          (with no one in common), or that are signed by different people (a coach's folder
          of several candidates' notes): not one panel;
        - bodies of fewer than `min-words` words.

        Similarity is the share of the two bodies' words (lemmas, in order) that line up:
        2 x the longest common word sequence / the total of both lengths, also measured with
        the sentences put in a fixed order, so that a copy with its paragraphs shuffled is
        still found. Notes that share a closing paragraph but say different things about
        the conversation stay well below the threshold. Candidate pairs come from an index of
        each body's rarest words (prefix filtering), which finds every pair above the
        threshold without comparing every note with every other one; a run of more than
        2,000 distinct bodies uses MinHash signatures instead, so that time grows with the
        notes, not with their square. A finding names the five nearest copies and counts
        the rest; JSON and SARIF list them all as related locations.

    Why is this bad?
        Panels compare notes. The same text sent to several interviewers, with only the name
        changed, is noticed and reads as a form letter: each panelist's note must be
        customised, built on what that person asked or said.

    Example:
        Two files, to Priya Raman and to Tom Okafor, each saying "Thank you for taking the time
        to speak with me about the analytics role. I enjoyed learning about the team ...".

    Use instead:
        Write each note around that person's part of the conversation: "Priya, your question
        about late-arriving data stuck with me ..." and "Tom, the on-call rota you described
        ...".

    Options:
        similarity: how alike two bodies must be to count as copies, from 0 to 1 (default
            0.85: 85% of the words line up; a shared closing paragraph is far below it).
        min-words: bodies shorter than this many words are not compared (default 8).
        extra-generic-recipients: more words that address a role or a group, not a person
            ("Dear Search Committee"), so that such a recipient counts as unknown.
    """

    def setup(self) -> None:
        similarity = float(self.options["similarity"])
        if not 0 < similarity <= 1:
            raise NotelintError(
                f"option NL005.similarity: expected a number in (0, 1], got {similarity}"
            )
        self.similarity = similarity
        self.min_words = int(self.options["min-words"])
        self.generic = {
            w.lower()
            for term in (
                *self.terms("generic_recipients"),
                *self.options["extra-generic-recipients"],
            )
            for w in _NAME_WORD.findall(term)
        }

    # -- one note --------------------------------------------------------------------------

    def collect(self, note: Note) -> dict[str, Any] | None:
        """Who the note is for and its body as lemmas, in plain data (the cache keeps it).

        Names are blanked only when the whole run is known (a word is a name if any note of
        the run names that person), so a capitalised word keeps its lower-case form beside its
        lemma: "lemma\x1flower".
        """
        spans = note.body_sentences()
        sentences = [s for s in (_words(span, note.layout.body) for span in spans) if s]
        if not sentences:
            return None
        first = spans[0]
        start, end = max(first.start_char, note.layout.body[0]), first.end_char
        where = location(note, start, end)
        context = note.context
        return {
            "to": list(context.to),
            "recipient": note.layout.recipient,
            "panel": list(context.panel),
            "signature": self._signature_name(note),
            "company": " ".join(context.company.lower().split()) if context.company else None,
            "interviewed": context.interviewed.date().isoformat() if context.interviewed else None,
            "sentences": [" ".join(s) for s in sentences],
            "where": [where.line, where.column, where.end_line, where.end_column],
            "quote": " ".join(note.source.text[start:end].split()),
        }

    @staticmethod
    def _signature_name(note: Note) -> list[str]:
        """The writer's name: the line after the closing ("Best,\\nSam Lee"), or "— Sam"."""
        if note.layout.signoff is None:
            return []
        text = note.source.lint_text[slice(*note.layout.signoff)]
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if len(lines) > 1:
            return [lines[1]]
        return [lines[0].lstrip("-–— ")] if lines and lines[0][0] in "-–—" else []

    # -- the whole run ----------------------------------------------------------------------

    def check_set(self, items: Sequence[Collected]) -> Iterator[Finding]:
        collected = [(item.path, item.data) for item in items if item.data]
        names = self._name_words(data for _, data in collected)
        # Word ids in order of first sight: a missing word takes the next number.
        vocabulary: defaultdict[str, int] = defaultdict(itertools.count().__next__)
        profiles = [
            profile
            for path, data in collected
            if (profile := self._profile(path, data, names, vocabulary)) is not None
        ]
        copies: dict[int, list[tuple[float, int]]] = defaultdict(list)
        sampled: set[int] = set()
        for i, j, score in self._copies(profiles, sampled):
            copies[i].append((score, j))
            copies[j].append((score, i))
        for i, matches in copies.items():
            ranked = sorted(matches, key=lambda m: (-m[0], profiles[m[1]].path))
            found = [(s, profiles[j]) for s, j in ranked]
            yield self._finding(profiles[i], found, at_least=i in sampled)

    # -- who a note is for ------------------------------------------------------------------

    def _persons(self, names: Iterable[str]) -> tuple[Person, ...]:
        """Each name as the set of its words; groups and roles ("the team") are no one."""
        persons = []
        for name in names:
            if _PLACEHOLDER.search(name):
                return ()
            for part in _PERSON_SEPARATOR.split(name):
                words = {w.lower() for w in _NAME_WORD.findall(part)} - _TITLES
                if words and not words & self.generic:
                    persons.append(frozenset(words))
        return tuple(persons)

    def _recipients(self, data: dict[str, Any]) -> tuple[Person, ...]:
        if data["to"]:
            return self._persons(data["to"])
        return self._persons([data["recipient"]] if data["recipient"] else [])

    def _name_words(self, collected: Iterable[dict[str, Any]]) -> frozenset[str]:
        """Every recipient's, panelist's and writer's name word in the run, lower-cased.

        Blanked in every body alike, so that "Priya, your point ..." and "Tom, your point ..."
        read the same; only capitalised words are blanked ("Will" the name, not "will").
        """
        words: set[str] = set()
        for data in collected:
            names = [*data["to"], *data["panel"], *data["signature"]]
            if data["recipient"]:
                names.append(data["recipient"])
            for person in self._persons(names):
                words |= person
        return frozenset(words)

    # -- what a note says -------------------------------------------------------------------

    def _profile(
        self,
        path: str,
        data: dict[str, Any],
        names: frozenset[str],
        vocabulary: defaultdict[str, int],
    ) -> _Profile | None:
        """The note's body as word ids, or None when it cannot take part in a comparison."""
        recipients = self._recipients(data)
        sentences = [_blanked(s, names) for s in data["sentences"]]
        if not recipients or sum(w != _NAME for s in sentences for w in s) < self.min_words:
            return None
        ids = [tuple(map(vocabulary.__getitem__, s)) for s in sentences]
        in_order = sorted(range(len(sentences)), key=sentences.__getitem__)
        quoted = data["quote"].split()
        interviewed = data["interviewed"]
        return _Profile(
            path=path,
            shown=", ".join(data["to"]) or data["recipient"] or "someone else",
            where=Location(path, *data["where"]),
            quote=data["quote"],
            opening=" ".join(quoted[:8]) + (" …" if len(quoted) > 8 else ""),
            recipients=recipients,
            writers=self._persons(data["signature"]),
            company=data["company"],
            interviewed=dt.date.fromisoformat(interviewed) if interviewed else None,
            panel=self._persons(data["panel"]),
            words=tuple(i for sentence in ids for i in sentence),
            reordered=tuple(i for k in in_order for i in ids[k]),
        )

    # -- which notes are copies -------------------------------------------------------------

    def _copies(
        self, profiles: Sequence[_Profile], sampled: set[int] | None = None
    ) -> Iterator[tuple[int, int, float]]:
        """Every pair of copies, with its similarity.

        Bodies that are the same word for word once names are blanked (an archive built from
        one template) are grouped first: a group takes part in the search once, and its
        members match each other without being compared again, so that a cluster of hundreds
        of copies costs a walk over its pairs, not hundreds of squared comparisons.
        """
        groups: dict[tuple[tuple[int, ...], ...], list[int]] = defaultdict(list)
        for i, profile in enumerate(profiles):
            groups[profile.words, profile.reordered].append(i)
        members = list(groups.values())
        for group in members:
            for a, i in enumerate(group):
                for j in group[a + 1 :]:
                    if self._comparable(profiles[i], profiles[j]):
                        yield i, j, 1.0
        heads = [profiles[group[0]] for group in members]
        sketched = len(heads) > _EXACT_UP_TO and self.similarity >= _SKETCHED_FROM
        sampled_heads: set[int] = set()
        if sketched:
            candidates = self._sketched_candidates(heads, sampled_heads)
        else:
            candidates = self._candidates(heads, _company_codes(profiles, members))
        for x, y in candidates:
            pairs = [
                (i, j)
                for i in members[x]
                for j in members[y]
                if self._comparable(profiles[i], profiles[j])
            ]
            if pairs and (score := self._similarity(heads[x], heads[y])) >= self.similarity:
                for i, j in pairs:
                    yield i, j, score
        if sampled is not None:
            sampled.update(i for x in sampled_heads for i in members[x])

    def _candidates(
        self, profiles: Sequence[_Profile], companies: Sequence[int]
    ) -> Iterator[tuple[int, int]]:
        """Pairs that may reach the threshold, found through each body's rarest words.

        Two bodies of n and m words whose similarity is at least t share at least
        a = t*n/(2-t) of the words of each (counting repeats). Sort every body's words from the
        rarest in the run to the commonest: then the first c shared words lie among the first
        n - a + c words of each (prefix filtering, as in all-pairs similarity joins). Only those
        prefixes are indexed, and a pair is a candidate when its prefixes share c words: no
        pair above the threshold is missed, and stock words shared by every note never pair
        notes up. Pairs are only length-compatible ones of companies that may be one
        (``companies``: see ``_company_codes``); whether the two notes may be copies at all
        (other recipients, one application) is decided for each member of a group.
        """
        t = self.similarity
        items = [_occurrences(p.words) for p in profiles]
        frequency = Counter(item for its in items for item in its)
        rank = {item: r for r, item in enumerate(sorted(frequency, key=frequency.__getitem__))}
        prefixes, shared = [], []
        for its in items:
            overlap = math.ceil(t * len(its) / (2 - t) - 1e-9)
            shared.append(min(_SHARED_PREFIX, overlap))
            prefixes.append(sorted(rank[item] for item in its)[: len(its) - overlap + shared[-1]])
        postings: dict[int, list[int]] = defaultdict(list)
        for i, prefix in enumerate(prefixes):
            for item in prefix:
                postings[item].append(i)
        if not any(len(ids) > 1 for ids in postings.values()):
            return
        import numpy as np  # only for a run with something to compare (a cached run has no spaCy)

        arrays = {item: np.array(ids) for item, ids in postings.items() if len(ids) > 1}
        need = np.array(shared)
        lengths = np.array([len(p.words) for p in profiles])
        codes = np.array(companies)
        for i, prefix in enumerate(prefixes):
            lists = [arrays[item] for item in prefix if item in arrays]
            if not lists:
                continue
            counts = np.bincount(np.concatenate(lists), minlength=len(prefixes))[i + 1 :]
            enough = np.flatnonzero(counts >= np.minimum(need[i + 1 :], shared[i])) + i + 1
            # Lengths that can reach the threshold (a body of n words and one of m share at
            # most 2*min(n, m) of their n + m), and companies that may be one.
            short = np.minimum(lengths[enough], lengths[i])
            fits = 2 * short >= self.similarity * (lengths[enough] + lengths[i])
            if codes[i] >= 0:
                fits &= (codes[enough] < 0) | (codes[enough] == codes[i])
            yield from ((i, j) for j in enough[fits].tolist())

    def _sketched_candidates(
        self, profiles: Sequence[_Profile], sampled: set[int]
    ) -> Iterator[tuple[int, int]]:
        """Pairs that may reach the threshold in a large run, by MinHash LSH over word triples.

        The exact search above walks, for every note, the notes sharing its rarest words; in an
        archive of thousands of notes built from a few dozen stock phrases those lists grow
        with the archive, and the walk with its square. Here each body (its sentences in the
        fixed order, so that shuffled paragraphs do not matter) becomes a MinHash signature of
        its word triples, and two bodies are candidates when one band of their signatures is
        equal: time grows with the number of notes. A name-swapped copy shares all its
        triples, one changed word in a hundred leaves about 94%; with 30 bands of 5 rows,
        bodies sharing 70% of their triples are found with probability 99.6%, 60% with 93%.
        Candidates are then measured exactly, as in the exact search.
        """
        import numpy as np

        rng = np.random.default_rng(_SEED)
        multipliers = rng.integers(1, 2**63, size=_BANDS * _ROWS, dtype=np.uint64) | np.uint64(1)
        offsets = rng.integers(0, 2**63, size=_BANDS * _ROWS, dtype=np.uint64)
        prime = np.uint64(1_000_003)
        n = len(profiles)
        signatures = np.empty((n, _BANDS * _ROWS), dtype=np.uint32)  # minima >> 32 fit
        for i, profile in enumerate(profiles):
            words = np.array(profile.reordered, dtype=np.uint64)
            pairs = np.unique((words[:-2] * prime + words[1:-1]) * prime + words[2:])
            hashed = np.multiply.outer(pairs, multipliers)
            hashed += offsets
            # The shift keeps the order of values, so it is taken of the minimum alone.
            signatures[i] = hashed.min(axis=0) >> np.uint64(32)
        # A bucket is a band number and that band's rows equal in several notes: the rows of
        # all notes are sorted (stably, so a bucket lists its notes in order) and cut where
        # they change, rather than filed in a dict thirty times a note.
        rows = signatures.reshape(n * _BANDS, _ROWS)
        bands = np.tile(np.arange(_BANDS), n)
        order = np.lexsort((*rows.T[::-1], bands))
        rows, bands = rows[order], bands[order]
        change = np.flatnonzero((rows[1:] != rows[:-1]).any(axis=1) | (bands[1:] != bands[:-1]))
        starts, ends = np.r_[0, change + 1], np.r_[change + 1, len(order)]
        several = np.flatnonzero(ends - starts > 1)
        # Pairs are kept as one int64 each (i * n + j), not as tuples in a set: a template
        # archive has millions of candidate pairs.
        found = [np.empty(0, dtype=np.int64)]
        for start, end in zip(starts[several].tolist(), ends[several].tolist(), strict=True):
            bucket = (order[start:end] // _BANDS).tolist()
            band = int(bands[start])
            # Notes naming different companies are other applications, never copies: a
            # bucket pairs notes of one company, and notes that name none with all.
            companies: dict[str | None, list[int]] = defaultdict(list)
            for i in bucket:
                companies[profiles[i].company].append(i)
            unnamed = np.array(companies.pop(None, []), dtype=np.int64)
            groups = [(unnamed, unnamed)] if len(unnamed) > 1 else []
            for named in companies.values():
                members = np.array(named, dtype=np.int64)
                if len(members) > 1:
                    groups.append((members, members))
                if len(unnamed):
                    groups.append((members, unnamed))
            for a, b in groups:
                codes, was_sampled = _pair_codes(a, b, n, band)
                found.append(codes)
                if was_sampled:
                    sampled.update(a.tolist(), b.tolist())
        codes = np.unique(np.concatenate(found))
        lengths = np.array([len(p.words) for p in profiles])
        short = np.minimum(lengths[codes // n], lengths[codes % n])
        total = lengths[codes // n] + lengths[codes % n]
        for code in codes[2 * short >= self.similarity * total].tolist():
            yield code // n, code % n

    @staticmethod
    def _comparable(a: _Profile, b: _Profile) -> bool:
        return not a.shares_recipient(b) and not a.other_application(b)

    def _similarity(self, a: _Profile, b: _Profile) -> float:
        from rapidfuzz.distance import Indel

        return max(
            Indel.normalized_similarity(a.words, b.words),
            Indel.normalized_similarity(a.reordered, b.reordered),
        )

    # -- the report -------------------------------------------------------------------------

    def _finding(
        self, profile: _Profile, matches: list[tuple[float, _Profile]], at_least: bool = False
    ) -> Finding:
        """Named: the nearest few copies; counted: the rest; ``related``: all of them.

        ``at_least``: the note is in a cluster too large to compare every pair of (see
        ``_pair_codes``), so the copies found are some of its copies, and the count says so.
        """
        score = matches[0][0]
        shown = [f"{m.shown} ({m.path})" for _, m in matches[:_LISTED]]
        if len(matches) > _LISTED:
            more = len(matches) - _LISTED
            shown.append(f"at least {more} more" if at_least else f"{more} more")
        elif at_least:
            shown.append("perhaps others")
        return self.finding_at(
            profile.where,
            profile.quote,
            f'the body ("{profile.opening}") is {math.floor(score * 100)}% the same as the '
            f"notes to {', '.join(shown)}, once names are set aside"
            if len(matches) > 1
            else f'the body ("{profile.opening}") is {math.floor(score * 100)}% the same as the '
            f"note to {shown[0]}, once names are set aside",
            "Panels compare notes: rewrite this one around what this person asked or told you "
            "(a question of theirs, a problem of their team) instead of swapping the name.",
            related=[m.where for _, m in matches],
        )


def _words(sentence: Span, body: tuple[int, int]) -> tuple[str, ...]:
    """A sentence's lower-cased lemmas inside the body; a capitalised word as lemma and word."""
    w = doc_words(sentence.doc)
    words = []
    for i in range(sentence.start, sentence.end):
        if w.space[i] or w.punct[i] or not body[0] <= w.idx[i] < body[1]:
            continue
        lemma = "_".join(w.lemma[i].split())
        words.append(f"{lemma}{_CAPITAL}{w.lower[i]}" if w.text[i][:1].isupper() else lemma)
    return tuple(words)


def _blanked(sentence: str, names: frozenset[str]) -> tuple[str, ...]:
    """A collected sentence's lemmas, each run of names as one ``<name>``."""
    words: list[str] = []
    for item in sentence.split(" "):
        lemma, _, lower = item.partition(_CAPITAL)
        word = _NAME if lower and lower in names else lemma
        if not (word == _NAME and words and words[-1] == _NAME):
            words.append(word)
    return tuple(words)


def _pair_codes(a: Any, b: Any, n: int, band: int) -> tuple[Any, bool]:
    """Pairs of an item of ``a`` and a different item of ``b``, as ``low * n + high``, and
    whether they were sampled.

    Up to ``_FULL_PAIRS`` pairs, all of them. Beyond (a cluster of near-copies sharing a
    band), each item is paired with ``_WINDOW`` others, taken in an order shuffled anew for
    every band: work and memory grow with the notes, and a note of the cluster still meets
    dozens of its copies over the bands, enough to name the nearest few.
    """
    import numpy as np

    if not len(a) or not len(b):
        return np.empty(0, dtype=np.int64), False
    if len(a) * len(b) <= _FULL_PAIRS:
        left, right = np.repeat(a, len(b)), np.tile(b, len(a))
        sampled = False
    else:
        rng = np.random.default_rng(band)
        shuffled_a, shuffled_b = rng.permutation(a), rng.permutation(b)
        steps = np.arange(1, _WINDOW + 1)
        across_a = (np.arange(len(a))[:, None] + steps) % len(b)
        across_b = (np.arange(len(b))[:, None] + steps) % len(a)
        left = np.concatenate([np.repeat(shuffled_a, _WINDOW), np.repeat(shuffled_b, _WINDOW)])
        right = np.concatenate([shuffled_b[across_a].ravel(), shuffled_a[across_b].ravel()])
        sampled = True
    keep = left != right
    low, high = np.minimum(left[keep], right[keep]), np.maximum(left[keep], right[keep])
    return low * n + high, sampled


def _company_codes(profiles: Sequence[_Profile], members: Sequence[list[int]]) -> list[int]:
    """For each group of identical bodies, a number for the one company all its notes name,
    or -1 where some name none or they name several: notes naming different companies are
    other applications, so groups of two different numbers are never compared."""
    numbers: dict[str, int] = {}
    codes = []
    for group in members:
        named = {profiles[i].company for i in group}
        company = named.pop() if len(named) == 1 else None
        codes.append(numbers.setdefault(company, len(numbers)) if company else -1)
    return codes


def _same_person(these: tuple[Person, ...], those: tuple[Person, ...]) -> bool:
    return any(a <= b or b <= a for a in these for b in those)


def _occurrences(words: Sequence[int]) -> list[int]:
    """A multiset as a set: the k-th "the" of a body is the item (the, k), as one int
    (``the << 32 | k``: no body repeats a word 2**32 times)."""
    seen: dict[int, int] = {}
    items = []
    for word in words:
        k = seen.get(word, 0)
        items.append(word << 32 | k)
        seen[word] = k + 1
    return items
