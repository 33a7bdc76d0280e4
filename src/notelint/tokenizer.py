"""spaCy's tokenizer with its special cases loaded as the texts being tokenized need them.

English has 1,347 special cases ("don't" is "do" + "n't", "Mr." one token, ":)" one token).
Loading them makes a lexeme for every piece and checks every case against the affix rules:
about 60 ms, most of building the pipeline and a tenth of a one-note run, for the dozen cases
a note holds. A case can only touch a text that spells it, give or take single spaces: the
tokenizer looks each piece between spaces up among the cases (and each piece left after
splitting off affixes), and a last pass finds cases spelled by consecutive tokens, which may
have a space between them (such a match that does not spell the case exactly changes
nothing, but keeps an overlapping case from applying). So before a text is tokenized, the
cases spelled in it with its spaces taken out are loaded: it is tokenized as the tokenizer
with every case loaded would. Tests hold fixture notes and random strings of cases to it.

Looking costs about as much as loading, character for character: a process that has looked
at more text than a few notes' worth, or is told it is about to (``expect``: a run of many
notes, before it forks), loads the rest at once and stops looking.

Imported only where spaCy is (``pipeline.Blank``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

#: Characters looked at before the remaining cases are all loaded: a one-note run (its note
#: and the word-list phrases it tokenizes) looks at about 10,000.
LOOK_AT_MOST = 60_000


class OnDemandTokenizer(Tokenizer):
    """A ``Tokenizer`` given all of ``rules`` that loads each one when a text first spells it.

    ``rules`` reads as every rule, as on a tokenizer that loaded them all (a word list asks it
    which words spaCy splits).
    """

    def __init__(self, vocab: Any, rules: Mapping[str, Any], **options: Any) -> None:
        spaces = {k: v for k, v in rules.items() if not k.strip()}
        # Set first: spaCy's own set-up loads the cases it is given through add_special_case.
        self._all = dict(rules)
        self._pending = {k: v for k, v in rules.items() if k not in spaces}
        self._by_start: defaultdict[str, list[str]] = defaultdict(list)
        for key in self._pending:
            self._by_start[key[:2]].append(key)
        self._looked = 0
        super().__init__(vocab, rules=spaces, **options)

    @property  # type: ignore[override]
    def rules(self) -> dict[str, Any]:
        return self._all

    def add_special_case(self, string: str, substrings: Iterable[Any]) -> None:
        substrings = list(substrings)
        super().add_special_case(string, substrings)
        self._all[string] = substrings
        self._pending.pop(string, None)

    def expect(self, characters: int) -> None:
        """About to tokenize this many characters: more than it pays to look at, every case
        is loaded now (before a run forks, so that its workers share them)."""
        if self._looked + characters > LOOK_AT_MOST:
            for key in list(self._pending):
                super().add_special_case(key, self._pending.pop(key))

    def __call__(self, text: str) -> Doc:
        if self._pending:
            self._load_for(text)
        return super().__call__(text)

    def _load_for(self, text: str) -> None:
        self.expect(len(text))
        self._looked += len(text)
        pending = self._pending
        if not pending:
            return
        joined = text.replace(" ", "")
        # Each case is filed under its first two characters (one, for a case of one).
        starts = set(joined).union(joined[i : i + 2] for i in range(len(joined) - 1))
        spelled = [
            key
            for start in starts.intersection(self._by_start)
            for key in self._by_start[start]
            if key in joined and key in pending
        ]
        for key in spelled:
            super().add_special_case(key, pending.pop(key))
