"""Judging a free-text answer by its content: the elements it must contain, found by cues.

GA001 (gender analysis) and IM001 (implementation plan) do not count words: each names the
elements its text must contain, and for each element, per language, a list of *cues*. The
cues are policy data (``policies/standard.toml``, dated with ``valid_from``), so an
association tunes them in its own policy file without touching code.

A cue is a regular expression, matched case-insensitively, or several joined by `` & ``,
which must then all match within one sentence (``kvinn|män & fler|färre|\\d``: a sentence
that speaks of women or men *and* compares or counts). An element is present when one of its
cues matches; an element with no cues in the text's language is not asked for.

Two lists apply before any element is looked for:

- *placeholders*: a text that matches one is a template's instruction ("Beskriv hur ..."),
  not an answer, and every element counts as missing;
- *boilerplate*: phrases that say nothing about this project ("oavsett kön", "open to
  everyone") are removed before the elements are looked for, so that a long text of
  boilerplate finds nothing, however many words it has.

The language of a text is the one whose common short words it uses more (Swedish on a tie).

Each cue part knows the literal text every match of it contains (:mod:`.prefilter`): a
sentence without any of it is not searched, and a cue with a part whose literals are in no
sentence is ruled out at once. The result is always the plain search's
(``tests/test_content_prefilter.py``); only the time differs.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping, Sequence

import attrs

from finsam_rules.pack import Check, Finding, NotEvaluable, Param, ParamType, Remedy

from . import prefilter

LANGUAGES = ("sv", "en")

#: Common short words that tell Swedish from English.
_FUNCTION_WORDS = {
    "sv": frozenset("och att är för som med av på till det den de ett en om inte ska har vid från".split()),  # noqa: SIM905
    "en": frozenset("and the of to is are for with by on in it will be has at from not".split()),  # noqa: SIM905
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
#: A sentence ends at . ! or ? followed by white space, or at a blank line.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n")


def language(text: str) -> str:
    """``sv`` or ``en``: the language whose function words the text uses more."""
    return _language(text, prefilter.fold(text))


def _language(text: str, folded: str | None) -> str:
    """:func:`language`, given the text's :func:`prefilter.fold` (lower-cased once for the
    whole text where that is the same as lower-casing each word)."""
    words = _WORD.findall(folded) if folded is not None else [w.lower() for w in _WORD.findall(text)]
    sv = sum(map(_FUNCTION_WORDS["sv"].__contains__, words))
    en = sum(map(_FUNCTION_WORDS["en"].__contains__, words))
    return "en" if en > sv else "sv"


def sentences(text: str) -> list[str]:
    """The text split into sentences (line breaks inside a sentence are kept as spaces)."""
    return [" ".join(s.split()) for s in _SENTENCE_END.split(text) if s.strip()]


@attrs.frozen
class Pattern:
    """A policy pattern, compiled case-insensitively, with the literal strings of which every
    match contains one (:func:`prefilter.required_literals`; ``None`` if none are known)."""

    regex: re.Pattern[str]
    needs: tuple[str, ...] | None

    def search(self, text: str, folded: str | None) -> bool:
        """Whether the pattern matches somewhere in ``text`` (``folded`` its
        :func:`prefilter.fold`: a text without any needed literal is not searched)."""
        return not prefilter.cannot_match(self.needs, folded) and self.regex.search(text) is not None


@attrs.frozen
class Cue:
    """One cue: its text as written in the policy, and the parts that must all match."""

    text: str
    parts: tuple[Pattern, ...]

    def matches(self, sentence: str, folded: str | None = None) -> bool:
        """Whether every part matches somewhere in the sentence (``folded`` its
        :func:`prefilter.fold`, if known)."""
        return all(part.search(sentence, folded) for part in self.parts)

    def found_in(self, sentences: Sequence[str], folded: Sequence[str | None], joined: str | None) -> bool:
        """Whether the cue matches one of ``sentences`` (``folded`` their
        :func:`prefilter.fold`, ``joined`` those joined by line breaks, if known). A part
        whose needed literals occur in no sentence rules the cue out without a search."""
        if any(prefilter.cannot_match(part.needs, joined) for part in self.parts):
            return False
        return any(self.matches(sentence, f) for sentence, f in zip(sentences, folded, strict=True))


@functools.lru_cache(maxsize=1024)
def compile_pattern(text: str, param: str) -> Pattern:
    """A policy pattern, compiled case-insensitively; a bad one makes the rule not evaluable.
    Compiled once per pattern (the cues are the same for every document of a policy)."""
    try:
        regex = re.compile(text, re.IGNORECASE)
    except re.error as exc:
        raise NotEvaluable("bad_cue", param=param, pattern=text, error=str(exc)) from None
    return Pattern(regex, prefilter.required_literals(text, re.IGNORECASE))


def compile_cues(texts: Sequence[str], param: str) -> tuple[Cue, ...]:
    """The cues of one parameter (each ``a & b & ...``)."""
    return _compiled_cues(tuple(texts), param)


@functools.lru_cache(maxsize=256)
def _compiled_cues(texts: tuple[str, ...], param: str) -> tuple[Cue, ...]:
    return tuple(
        Cue(text, tuple(compile_pattern(part.strip(), param) for part in text.split(" & ") if part.strip()))
        for text in texts
    )


@attrs.frozen
class Judgement:
    """What the content check found in one text."""

    language: str
    placeholder: bool
    present: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def passes(self) -> bool:
        """Whether the text is an answer that contains every element asked for."""
        return not self.placeholder and not self.missing


def judge(
    text: str,
    elements: Sequence[str],
    params: Mapping[str, object],
) -> Judgement:
    """Look for each element of ``elements`` in ``text``, using the cue parameters
    ``{element}_{lang}``, ``placeholders`` and ``boilerplate`` of ``params``."""
    folded = prefilter.fold(text)
    lang = _language(text, folded)
    placeholders = [compile_pattern(p, "placeholders") for p in _texts(params, "placeholders")]
    boilerplate = [compile_pattern(p, "boilerplate") for p in _texts(params, "boilerplate")]
    asked = [e for e in elements if _texts(params, f"{e}_{lang}")]
    if any(p.search(text, folded) for p in placeholders):
        return Judgement(lang, True, (), tuple(asked))
    cleaned = text
    for pattern in boilerplate:
        if pattern.search(cleaned, folded):
            cleaned = pattern.regex.sub(" ", cleaned)
            folded = prefilter.fold(cleaned)
    parts = sentences(cleaned)
    # Lower-casing is exact for the whole text or for none of it (a space replaces boilerplate).
    lowered = [s.lower() for s in parts] if folded is not None else None
    folded_parts: Sequence[str | None] = lowered if lowered is not None else [None] * len(parts)
    joined = "\n".join(lowered) if lowered is not None else None
    present: list[str] = []
    missing: list[str] = []
    for element in asked:
        cues = compile_cues(_texts(params, f"{element}_{lang}"), f"{element}_{lang}")
        found = any(cue.found_in(parts, folded_parts, joined) for cue in cues)
        (present if found else missing).append(element)
    return Judgement(lang, False, tuple(present), tuple(missing))


def _texts(params: Mapping[str, object], name: str) -> list[str]:
    value = params.get(name)
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def cue_params(elements: Sequence[str]) -> list[Param]:
    """The parameters of a content rule: per element and language a list of cues, then the
    placeholder and boilerplate patterns (described in the pack's policy data)."""
    params = [Param(f"{element}_{lang}", ParamType.TAGS) for element in elements for lang in LANGUAGES]
    params.append(Param("placeholders", ParamType.TAGS))
    params.append(Param("boilerplate", ParamType.TAGS))
    return params


COMMON_MESSAGES = {
    "bad_cue": {
        "sv": "Kunde inte bedömas: mönstret {pattern!r} i parametern {param} är inget giltigt "
        "reguljärt uttryck ({error}).",
        "en": "Could not be evaluated: the pattern {pattern!r} of parameter {param} is not a "
        "valid regular expression ({error}).",
    },
}


def text_remedy(check: Check, key: str, path: str, missing: Sequence[str]) -> Remedy:
    """The remedy of a content finding: the elements the applicant must write into the text
    at ``path`` (no changes: the rule never invents the document's text)."""
    return check.remedy(
        key,
        changes=[],
        path=path,
        missing=list(missing),
    )


def check_text(check: Check, text: str, elements: Sequence[str], path: str) -> Iterator[Finding]:
    """The findings of a content rule on one text (at key path ``path``): missing text, a
    template's placeholder, or the elements not found, each with the remedy naming what to
    write (``write`` for a missing or template text, ``complete`` otherwise). Silent when
    every element is there."""
    names = tuple(elements)
    if not text.strip():
        finding = check.finding(
            "missing_text",
            remedy=text_remedy(check, "write", path, names),
            missing=list(names),
        )
        yield attrs.evolve(finding, params={})
        return
    result = judge(text, names, check.params)
    if result.passes:
        return
    words = len(text.split())
    key = "placeholder" if result.placeholder else "elements"
    missing = result.missing if result.missing else names
    remedy = text_remedy(check, "write" if result.placeholder else "complete", path, missing)
    finding = check.finding(
        key,
        remedy=remedy,
        missing=list(missing),
        present=list(result.present),
        language=result.language,
        words=words,
    )
    # The parameters as used: the placeholder patterns the text matched, or the cues of the
    # missing elements in the text's language (not every cue list of the rule).
    used = ["placeholders"] if result.placeholder else [f"{e}_{result.language}" for e in missing]
    yield attrs.evolve(finding, params={name: check.params[name] for name in used if name in check.params})
