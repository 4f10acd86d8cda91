"""Byte-identical Office files: fixed document dates and fixed zip entry dates.

openpyxl and python-docx stamp the current time into ``docProps/core.xml`` and into every zip
entry. :func:`normalise` rewrites both so the same inputs always give the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile

#: The date written as the document's created and modified date.
FIXED_DATE = "2000-01-01T00:00:00Z"
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_CORE_DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def normalise(data: bytes) -> bytes:
    """The same Office package with fixed dates in its properties and its zip entries."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _CORE_DATES.sub(rb"\g<1>" + FIXED_DATE.encode() + rb"\g<3>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, content)
    return out.getvalue()
