"""Escaping text that came from input files before it reaches Markdown or HTML.

The functions live in :mod:`finsam_rules.sanitize` (one sanitiser for every output); the
names here are kept for the renderers that import them.
"""

from __future__ import annotations

from finsam_rules.sanitize import clean, html_text, md_code, md_escape, one_line

__all__ = ["clean", "h", "md_code", "md_escape", "one_line"]


def h(text: object) -> str:
    """Text safe in HTML content and quoted attribute values (see
    :func:`finsam_rules.sanitize.html_text`)."""
    return html_text(text)
