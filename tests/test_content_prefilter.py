"""The content rules skip a search only where it would find nothing.

GA001 and IM001 read every gender analysis and implementation plan sentence by sentence for
their cues, regular expressions matched case-insensitively. Most cues fail in most sentences,
so each cue part knows the literal strings of which every match contains one
(``(kvinn|\\bmän\\b|\\bkön)`` needs ``kvinn``, ``män`` or ``kön``), and a sentence whose
lower-cased text holds none of them is not searched. These tests hold that shortcut to the
search it replaces: the same judgement for every text, whatever its characters.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finsam_rules.plugins import build_registry
from finsam_rules.policy import load_policy
from finsam_standard import content, prefilter
from finsam_standard.gender import ANALYSIS_ELEMENTS
from finsam_standard.implementation import PLAN_ELEMENTS

ROOT = Path(__file__).resolve().parent.parent


def safe_characters() -> list[str]:
    """Every character of :data:`prefilter.SAFE_CHARACTERS`."""
    safe = re.compile(f"[{prefilter.SAFE_CHARACTERS}]")
    return [chr(i) for i in range(0x2100) if safe.fullmatch(chr(i))]


# -- the characters whose lower case is exact --------------------------------------------------


def test_re_matches_two_safe_characters_ignoring_case_exactly_when_their_lower_cases_are_equal():
    chars = safe_characters()
    assert {"a", "Z", "å", "Ä", "ö", "é", "–", "”", "…", "€"} <= set(chars)
    for literal in chars:
        pattern = re.compile(re.escape(literal), re.IGNORECASE)
        for char in chars:
            assert (pattern.fullmatch(char) is not None) == (char.lower() == literal.lower()), (literal, char)


def test_every_safe_character_lowers_to_one_safe_character():
    chars = set(safe_characters())
    assert all(len(c.lower()) == 1 and c.lower() in chars for c in chars)


def test_no_character_beyond_the_safe_ones_matches_a_safe_one_unless_a_text_holding_it_is_not_folded():
    """A character ``re`` equates with a safe one (the Kelvin sign with k, the long s with s)
    is not safe itself, so a text holding it is searched without the shortcut."""
    tricky = "\u212a\u017f\u0131\u0130\u212b\u00b5\u03bc\u00df\u1e9e\u00ff\u0178"
    for char in tricky:
        assert prefilter.fold(f"Kvinnor och m{char}n") is None
    assert prefilter.fold("Kvinnor – och ”män” … 1 895 000 €") == "kvinnor – och ”män” … 1 895 000 €"


# -- what a match must contain -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "needs"),
    [
        (r"(kvinn|\bmän\b|männen|\bkön)", ("kvinn", "kön", "män")),
        (r"(oavsett|utan hänsyn till) (kön|könstillhörighet)", ("oavsett", "utan hänsyn till")),
        (r"^\s*(beskriv|ange|fyll i)\b", ("ange", "beskriv", "fyll i")),
        (r"\bSUS\b", ("sus",)),
        (r"(\d|hälften)", None),  # a digit is no literal
        (r"(kvinn)?", None),  # an optional group requires nothing
        (r"x*", None),
        (r"[(", None),  # not a pattern at all
        (r"ma\u212ak", ("ma",)),  # the Kelvin sign is not safe: it ends the run "ma"
        (r"ab(?=c)d", ("abd",)),  # a lookahead consumes nothing
        (r"(?-i:Kön)\w+", ("kön",)),  # case-sensitive parts are found by their lower case too
    ],
)
def test_the_literals_every_match_contains(pattern, needs):
    assert prefilter.required_literals(pattern) == needs


ATOMS = st.sampled_from(
    [
        "a", "b", "k", "s", "i", "ö", "Ä", "å", "é", "kvinn", "män", "KÖN", "sus", " ", "-", "\\.",
        "\\d", "\\w", "\\s", "\\b", "\\B", ".", "[ab]", "[^a]", "^", "$", "\\u212a", "\\u017f",
        "(?=a)", "(?!b)", "(?<=k)",
    ]
)  # fmt: skip


def patterns() -> st.SearchStrategy[str]:
    """Small regular expressions: sequences, groups, alternatives and repeats of the atoms."""

    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.lists(inner, min_size=1, max_size=4).map("".join),
            st.lists(inner, min_size=2, max_size=3).map(lambda xs: "(" + "|".join(xs) + ")"),
            st.tuples(inner, st.sampled_from(["?", "*", "+", "{2}", "{0,2}", "+?"])).map(
                lambda t: f"(?:{t[0]}){t[1]}"
            ),
        )

    return st.recursive(ATOMS, extend, max_leaves=8)


#: Characters re equates with a safe one though they are not: Kelvin, long s, dotless i, dotted I, Ångström.
UNSAFE = ["\u212a", "\u017f", "\u0131", "\u0130", "\u212b"]
TEXT_CHARS = st.sampled_from([*"abkKsSiIöÖäÄåÅéÉ -.,1\n", *UNSAFE])
TEXTS = st.one_of(
    st.lists(TEXT_CHARS, max_size=30).map("".join),
    st.lists(st.sampled_from(["kvinn", "MÄN", "kön", "sus", "ab", "k", "s ", "ı", "ſ", "K"]), max_size=8).map(
        " ".join
    ),
)


@settings(max_examples=1200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pattern=patterns(), text=TEXTS)
def test_a_pattern_said_not_to_match_finds_nothing(pattern, text):
    try:
        regex = re.compile(pattern, re.IGNORECASE)
    except re.error:
        return
    if prefilter.cannot_match(prefilter.required_literals(pattern), prefilter.fold(text)):
        assert regex.search(text) is None, (pattern, text)


# -- the judgement is the search's ------------------------------------------------------------


def reference_judge(text, elements, params):
    """The content judgement without the shortcut: every pattern searched in every sentence."""

    def regexes(name):
        return [re.compile(p, re.IGNORECASE) for p in params.get(name, [])]

    words = [w.lower() for w in re.findall(r"[^\W\d_]+", text)]
    sv = sum(w in content._FUNCTION_WORDS["sv"] for w in words)
    en = sum(w in content._FUNCTION_WORDS["en"] for w in words)
    lang = "en" if en > sv else "sv"
    asked = [e for e in elements if params.get(f"{e}_{lang}")]
    if any(p.search(text) for p in regexes("placeholders")):
        return content.Judgement(lang, True, (), tuple(asked))
    cleaned = text
    for pattern in regexes("boilerplate"):
        cleaned = pattern.sub(" ", cleaned)
    parts = content.sentences(cleaned)
    present, missing = [], []
    for element in asked:
        cues = [
            [re.compile(x.strip(), re.IGNORECASE) for x in c.split(" & ") if x.strip()]
            for c in params[f"{element}_{lang}"]
        ]
        found = any(all(p.search(s) for p in cue) for s in parts for cue in cues)
        (present if found else missing).append(element)
    return content.Judgement(lang, False, tuple(present), tuple(missing))


@pytest.fixture(scope="module")
def cue_params():
    import datetime as dt

    policy = load_policy(build_registry())
    rules = policy.registry.rules
    return {
        code: (elements, policy.params_for(rules[code], dt.date(2026, 1, 1)))
        for code, elements in (("GA001", ANALYSIS_ELEMENTS), ("IM001", PLAN_ELEMENTS))
    }


def cue_words() -> list[str]:
    """Words and phrases of the standard cues, boilerplate and placeholders, as written."""
    policy = (ROOT / "policies" / "standard.toml").read_text(encoding="utf-8")
    found = set(re.findall(r"[^\W\d_]{2,}(?: [^\W\d_]{2,})?", policy))
    return sorted(found)


def standard_texts() -> list[str]:
    """Every gender analysis and implementation plan of the examples and the case files."""
    import tomllib

    texts = []
    for path in sorted([*ROOT.glob("examples/**/*.toml"), *ROOT.glob("tests/cases/**/*.toml")]):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            continue
        for value in _values(data):
            texts.append(value)
    return texts


def _values(data):
    if isinstance(data, dict):
        for key, value in data.items():
            if key in {"gender_analysis", "implementation_plan", "text"} and isinstance(value, str):
                yield value
            else:
                yield from _values(value)
    elif isinstance(data, list):
        for value in data:
            yield from _values(value)


def test_the_examples_and_case_files_are_judged_as_by_the_search(cue_params):
    texts = standard_texts()
    assert len(texts) > 20
    for text in texts:
        for elements, params in cue_params.values():
            assert content.judge(text, elements, params) == reference_judge(text, elements, params), text


WORDS = cue_words()
TRICKY = [
    *UNSAFE,
    "–",
    "”",
    "\n\n",
    ". ",
    "! ",
    "\u00df",
    "5",
    "30 %",
]


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    words=st.lists(
        st.one_of(st.sampled_from(WORDS), st.sampled_from(WORDS).map(str.upper), st.sampled_from(TRICKY)),
        max_size=40,
    ),
    separators=st.lists(st.sampled_from([" ", " ", ". ", "\n", ", "]), min_size=1, max_size=5),
)
def test_any_text_of_cue_words_is_judged_as_by_the_search(cue_params, words, separators):
    text = "".join(word + separators[i % len(separators)] for i, word in enumerate(words))
    for elements, params in cue_params.values():
        assert content.judge(text, elements, params) == reference_judge(text, elements, params), text


def test_the_language_of_a_text_is_the_same_folded_or_word_by_word():
    for text in ["Kvinnor och män i SUS.", "Women and men are followed up.", "İstanbul och the and of", ""]:
        folded = prefilter.fold(text)
        assert content._language(text, folded) == content._language(text, None)
