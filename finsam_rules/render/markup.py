"""Escaping text that came from input files before it reaches Markdown or HTML."""

from __future__ import annotations

import html
import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md_escape(text: str) -> str:
    """Text safe inside Markdown (and Markdown table cells): markup characters are
    backslash-escaped, ``<`` and ``&`` become entities, and line breaks become spaces."""
    text = " ".join(str(text).split())
    text = text.replace("&", "&amp;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return text.replace("\\<", "&lt;").replace("\\>", "&gt;")


def h(text: object) -> str:
    """Text safe in HTML content and quoted attribute values."""
    return html.escape(str(text), quote=True)
