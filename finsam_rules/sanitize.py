"""One sanitiser for every string from input that reaches a terminal, a file or a page.

Text read from documents, policy files, waiver files, records and file names is data: it
must never rewrite the screen, write to the clipboard, reorder what is shown or forge a
line, a paragraph or markup. Every renderer and every command message passes such text
through one of these functions (the right one for where it goes):

====================  ===========================================================  ===========
function              use it for                                                   keeps
====================  ===========================================================  ===========
:func:`clean`         text for a terminal or a plain-text file (messages, letters)  ``\\n \\t``
:func:`one_line`      one-line fields: titles, ids, codes, file names, headings     nothing
:func:`md_escape`     text inside Markdown (also table cells): one line, escaped    nothing
:func:`md_code`       a Markdown code span (a file path), exact for any content     nothing
:func:`html_text`     HTML content and quoted attribute values                      ``\\n \\t``
:func:`json_safe`     JSON text already encoded (by ``json.dumps``)                 all values
====================  ===========================================================  ===========

What each does:

- **Control characters** (C0 but line feed and tab, DEL, C1, so ``ESC``, ``BEL`` and the
  one-byte CSI ``U+009B``) are shown as ``<U+001B>`` and so on: an escape sequence such
  as ``ESC [2J`` (clear the screen) or ``ESC ]52;c;...BEL`` (OSC 52, write the clipboard)
  loses its introducer and terminator and is left as harmless visible text. A carriage
  return, which would let text overwrite the start of its line, is shown the same way.
- **Bidirectional controls** (``U+202A``-``U+202E``, ``U+2066``-``U+2069``, ``U+200E``,
  ``U+200F``, ``U+061C``) are shown visibly as ``<U+202E>``, so a title reads the same on
  the page as in the file (no "Trojan Source" reordering).
- **Line breaks** in one-line fields (``\\n``, ``\\r``, vertical tab, form feed, ``U+0085``,
  ``U+2028``, ``U+2029``) and the whitespace around them become one space, so a title
  cannot start a new line, a forged "Förslag: TILLSTYRKS" or a new paragraph. In
  multi-line text the line and paragraph separators ``U+2028``/``U+2029`` are shown
  visibly too.
- **Markdown**: :func:`md_escape` backslash-escapes every markup character and writes
  ``<``, ``>`` and ``&`` as entities; :func:`md_code` fences a code span with more
  backticks than the longest run inside it, so a file name with backticks stays one code
  span and never becomes live HTML.
- **HTML**: :func:`html_text` escapes ``& < > " '`` after the above.
- **JSON** keeps every value exact (it is read by programs): :func:`json_safe` writes the
  characters above that ``json.dumps`` leaves raw (DEL, C1, bidirectional controls, line
  separators) as ``\\uXXXX`` escapes, so the text is still the same JSON but safe to
  ``cat`` to a terminal.

All functions accept any object (``str()`` is applied) and are pure: the same input always
gives the same output. Example, from a renderer of any format::

    from finsam_rules.sanitize import html_text, md_code, md_escape, one_line

    f"<h2>{html_text(app.title)}</h2>"
    f"## {md_escape(app.title)}\\n\\n{md_code(path)}"
    click.echo(one_line(path) + ": ok")
"""

from __future__ import annotations

import html
import re

#: Characters that are never written as they are: C0 controls but line feed and tab, DEL,
#: C1 controls, the bidirectional controls, and the Unicode line and paragraph separators.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
#: Whitespace runs that hold a line break, for one-line fields.
_BREAKS = re.compile(r"\s*[\n\r\x0b\x0c\x85\u2028\u2029]\s*")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
_BACKTICKS = re.compile("`+")


def _visible(match: re.Match[str]) -> str:
    return f"<U+{ord(match.group()):04X}>"


def clean(text: object) -> str:
    """Text safe for a terminal or a plain-text file: control characters, bidirectional
    controls and line separators are shown as ``<U+XXXX>``; line feeds and tabs stay."""
    return _UNSAFE.sub(_visible, str(text))


def one_line(text: object) -> str:
    """A one-line field (a title, an id, a file name) as one safe line: each line break
    with the whitespace around it becomes one space, then :func:`clean` applies."""
    return clean(_BREAKS.sub(" ", str(text)))


def md_escape(text: object) -> str:
    """Text safe inside Markdown (and Markdown table cells): on one line, markup characters
    backslash-escaped, ``<``, ``>`` and ``&`` as entities."""
    flat = clean(" ".join(str(text).split()))
    flat = flat.replace("&", "&amp;")
    flat = _MD_SPECIAL.sub(r"\\\1", flat)
    return flat.replace("\\<", "&lt;").replace("\\>", "&gt;")


def md_code(text: object) -> str:
    """Text as one Markdown code span, shown exactly as it is (a file path, say), whatever
    it holds: the fence is one backtick longer than the longest run of backticks inside,
    and padded with spaces when the text starts or ends with a backtick or a space."""
    flat = one_line(text)
    if not flat.strip(" "):  # only spaces (or nothing): CommonMark shows them as they are
        return f"`{flat or ' '}`"
    longest = max((len(run) for run in _BACKTICKS.findall(flat)), default=0)
    fence = "`" * (longest + 1)
    if longest or flat.startswith(" ") or flat.endswith(" "):
        return f"{fence} {flat} {fence}"
    return f"{fence}{flat}{fence}"


def html_text(text: object) -> str:
    """Text safe in HTML content and in quoted attribute values: :func:`clean`, then the
    five HTML special characters as entities."""
    return html.escape(clean(text), quote=True)


#: What json.dumps(ensure_ascii=False) leaves raw but a terminal or a viewer may act on.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_safe(encoded: str) -> str:
    """JSON text (from ``json.dumps``) with DEL, C1, bidirectional controls and line
    separators written as ``\\uXXXX`` escapes: the same JSON values, safe to display.
    These characters can only occur inside JSON strings, where the escape is exact."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)
