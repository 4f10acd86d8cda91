"""What every match of a regular expression must contain: an exact test that it cannot match.

A case-insensitive search with Python's ``re`` tries the pattern at every position of the
text, folding the case of each character it compares. A substring test (``in``) of the
lower-cased text runs many times faster. When every match of a pattern contains one of a few
literal strings (``(kvinn|\\bmän\\b|\\bkön)`` needs ``kvinn``, ``män`` or ``kön``), a text
that contains none of them cannot match, and the search is skipped. The content rules' cues
are such patterns, and most of them fail in most sentences.

The test is exact, never a heuristic: it only ever says "cannot match" when the search would
find nothing, and otherwise the search decides. Two things make it so:

- :func:`required_literals` reads the pattern's parsed form and only takes literal text that
  every match consumes (a sequence's literal runs, the alternatives of a group that must
  occur, a repeat that occurs at least once); it gives up (``None``) on anything it does not
  know.
- :func:`fold` lower-cases a text only when lower-casing is exact for case-insensitive
  matching: every character is in a set (ASCII, Latin-1 except a few, general punctuation)
  whose characters ``re`` treats as equal, ignoring case, exactly when their lower cases are
  equal; otherwise it gives ``None`` and the search decides. Literal characters outside the
  set end a literal run. A test checks the set against ``re`` itself on every code point.

The parsed form comes from ``re._parser``, which the standard library keeps for itself; if it
is missing or changes shape, :func:`required_literals` gives ``None`` and every search runs.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Sequence
from typing import Any

#: The characters whose case-insensitive equality in ``re`` is exactly the equality of their
#: ``str.lower()`` (each lowers to one character in the set): ASCII, Latin-1 without
#: µ, ß and ÿ (``re`` matches them with Greek mu, capital sharp s and Ÿ), general
#: punctuation (dashes, quotes, ellipsis) and the euro sign.
SAFE_CHARACTERS = "\x00-\xb4\xb6-\xde\xe0-\xfe\u2000-\u206f\u20ac"
_UNSAFE = re.compile(f"[^{SAFE_CHARACTERS}]")
_SAFE = re.compile(f"[{SAFE_CHARACTERS}]")


def fold(text: str) -> str | None:
    """``text`` lower-cased, or ``None`` when it holds a character lower-casing does not fold
    exactly as ``re`` does (the Kelvin sign, a dotless i, Greek or Cyrillic letters...)."""
    return None if _UNSAFE.search(text) else text.lower()


def cannot_match(needs: Sequence[str] | None, folded: str | None) -> bool:
    """Whether a pattern needing one of ``needs`` surely finds nothing in the text whose
    :func:`fold` is ``folded`` (``False`` when either is unknown: then search)."""
    if needs is None or folded is None:
        return False
    return not any(map(folded.__contains__, needs))


def required_literals(pattern: str, flags: int = re.IGNORECASE) -> tuple[str, ...] | None:
    """Lower-cased literal strings of which every match of ``pattern`` contains at least one,
    sorted; ``None`` when no such strings are known (or the pattern does not parse). Read
    once per pattern: :func:`~finsam_standard.content.compile_pattern` keeps the result."""
    try:
        parser = importlib.import_module("re._parser")
        constants = importlib.import_module("re._constants")
        tree = parser.parse(pattern, flags)
        needs = _Reader(constants).needs(tree.data)
    except Exception:  # any surprise in a private module: no prefilter, search
        return None
    if not needs:
        return None
    # A string holding another one adds nothing: the shorter one is found wherever it is.
    return tuple(sorted(s for s in needs if not any(t != s and t in s for t in needs)))


class _Reader:
    """Reads the parsed form of a pattern for the literal text its matches must contain."""

    def __init__(self, constants: Any) -> None:
        self.c = constants
        self.zero_width = {constants.AT, constants.ASSERT, constants.ASSERT_NOT}
        self.repeats = {constants.MAX_REPEAT, constants.MIN_REPEAT}
        possessive = getattr(constants, "POSSESSIVE_REPEAT", None)
        if possessive is not None:
            self.repeats.add(possessive)
        self.atomic = getattr(constants, "ATOMIC_GROUP", None)

    def needs(self, items: Iterable[tuple[Any, Any]]) -> frozenset[str] | None:
        """The best requirement of a sequence: the literal strings of one of its required
        parts (a literal run, a group, a repeated item), the part whose shortest string is the
        longest (the most selective); ``None`` when no part requires anything."""
        c = self.c
        best: frozenset[str] | None = None
        run: list[str] = []

        def consider(candidate: frozenset[str] | None) -> None:
            nonlocal best
            if candidate and (best is None or _score(candidate) > _score(best)):
                best = candidate

        def close() -> None:
            if run:
                consider(frozenset({"".join(run)}))
                run.clear()

        for op, av in items:
            if op is c.LITERAL:
                char = chr(av)
                if _SAFE.fullmatch(char):
                    run.append(char.lower())
                else:
                    close()
            elif op in self.zero_width:
                continue  # consumes nothing: the characters on either side are adjacent
            elif op is c.SUBPATTERN:
                close()
                consider(self.needs(av[3]))
            elif self.atomic is not None and op is self.atomic:
                close()
                consider(self.needs(av))
            elif op is c.BRANCH:
                close()
                consider(self._any_of(av[1]))
            elif op in self.repeats:
                close()
                if av[0] >= 1:
                    consider(self.needs(av[2]))
            else:
                close()
        close()
        return best

    def _any_of(self, alternatives: Iterable[Any]) -> frozenset[str] | None:
        """The union of every alternative's requirement, or ``None`` if one has none."""
        union: set[str] = set()
        for alternative in alternatives:
            needs = self.needs(alternative)
            if not needs:
                return None
            union |= needs
        return frozenset(union)


def _score(needs: frozenset[str]) -> tuple[int, int]:
    """How selective a requirement is: its shortest string's length, then fewer strings."""
    return (min(len(s) for s in needs), -len(needs))
