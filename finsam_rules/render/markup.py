"""Escaping text that came from input files before it reaches Markdown or HTML."""

from __future__ import annotations

import html
import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
# C0 and C1 control characters, DEL, and the Unicode bidirectional controls that can
# reorder or hide text: never written to a terminal or a report as they are.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: object) -> str:
    """Text safe for a terminal: control and bidi characters are shown as ``\\u`` escapes,
    so input can neither rewrite the screen nor fake a line of output."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", str(text))


def md_escape(text: str) -> str:
    """Text safe inside Markdown (and Markdown table cells): markup characters are
    backslash-escaped, ``<`` and ``&`` become entities, and line breaks become spaces."""
    text = clean(" ".join(str(text).split()))
    text = text.replace("&", "&amp;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return text.replace("\\<", "&lt;").replace("\\>", "&gt;")


def h(text: object) -> str:
    """Text safe in HTML content and quoted attribute values."""
    return html.escape(str(text), quote=True)


def md_code(text: object) -> str:
    """Text as a Markdown code span, shown exactly as it is (a file path, say): no escapes
    are needed inside, only control characters are made visible."""
    text = clean(" ".join(str(text).split()))
    fence = "``" if "`" in text else "`"
    return f"{fence} {text} {fence}" if fence == "``" else f"`{text}`"
