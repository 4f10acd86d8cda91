"""``finsam calendar``: every report the granted projects owe, when, and whether it came.

The reports owed come from :func:`finsam_rules.obligations.reports_owed`, the function rule
RP001 and the board report use; the final report's deadline is the named setting
``final_report_days``. Nothing here reads the clock: "as of" is ``--as-of`` or the end of the
association's year, and the iCalendar stamp derives from it.

Exit codes: 0 nothing overdue, 1 a report is overdue, 3 an input could not be read (the
other portfolios are still listed).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

import attrs

from finsam_rules.console import echo
from finsam_rules.failures import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, Failure
from finsam_rules.i18n import TEXTS, t
from finsam_rules.obligations import DueKind, ReportOwed, year_reports_owed

if TYPE_CHECKING:
    from pathlib import Path

    from finsam_rules.plugins import Registry
    from finsam_rules.portfolio import Portfolio

#: The version of the JSON written by ``finsam calendar --format json``.
CALENDAR_FORMAT_VERSION = 1
#: The iCalendar product identifier, ending in the language.
PRODID = "-//finsam-rules//reporting calendar//{lang}"


@attrs.frozen
class Entry:
    """One report owed, placed as of a date: received, overdue, due soon or later."""

    owed: ReportOwed
    status: str  # "received", "overdue", "upcoming" or "later"
    days: int  # overdue by (overdue), due in (upcoming), else 0


@attrs.frozen
class PortfolioCalendar:
    """The reports one association's granted projects owe from the start of its year on."""

    association: str
    org_number: str
    root: str
    year: int
    as_of: dt.date
    within: int
    final_report_days: int
    entries: tuple[Entry, ...]

    def count(self, status: str) -> int:
        """How many entries have ``status``."""
        return sum(1 for e in self.entries if e.status == status)


def place(owed: ReportOwed, as_of: dt.date, within: int) -> Entry:
    """Where a report owed stands as of ``as_of``, with ``within`` days counted as soon."""
    if owed.received:
        return Entry(owed, "received", 0)
    late = owed.overdue_days(as_of)
    if late:
        return Entry(owed, "overdue", late)
    ahead = (owed.due - as_of).days
    return Entry(owed, "upcoming" if ahead <= within else "later", ahead if ahead <= within else 0)


def build_calendar(
    portfolio: Portfolio, final_report_days: int, as_of: dt.date | None, within: int
) -> PortfolioCalendar:
    """The calendar of ``portfolio``: reports due from January 1 of its year on (earlier
    ones belong to the earlier year's folder, as in RP001), as of ``as_of`` or its year end."""
    when = as_of or dt.date(portfolio.year, 12, 31)
    owed = year_reports_owed(portfolio, final_report_days)
    return PortfolioCalendar(
        association=portfolio.association.name,
        org_number=portfolio.association.org_number,
        root=str(portfolio.root),
        year=portfolio.year,
        as_of=when,
        within=within,
        final_report_days=final_report_days,
        entries=tuple(place(o, when, within) for o in owed),
    )


# -- words ---------------------------------------------------------------------------------


def word(key: str, lang: str, n: int | None = None, **values: object) -> str:
    """A calendar word of :data:`finsam_rules.i18n.TEXTS` (``calendar_KEY``); the ``_one``
    form for a count of one."""
    name = f"calendar_{key}"
    if n == 1 and f"{name}_one" in TEXTS:
        name = f"{name}_one"
    return t(name, lang, **values)


def status_text(entry: Entry, lang: str) -> str:
    """``inkommen (…)``, ``försenad 124 dagar``, ``ska lämnas om 5 dagar``…"""
    if entry.status == "received":
        assert entry.owed.fulfilled_by is not None
        return word("received", lang, report=entry.owed.fulfilled_by.document_id)
    if entry.status == "overdue":
        return word("overdue", lang, entry.days, days=entry.days)
    if entry.status == "upcoming":
        if entry.days == 0:
            return word("due_today", lang)
        return word("upcoming", lang, entry.days, days=entry.days)
    return word("later", lang)


def kind_text(owed: ReportOwed, lang: str) -> str:
    """``lägesrapport`` or ``slutrapport``."""
    return word("final" if owed.kind is DueKind.FINAL else "dated", lang)


def window_text(owed: ReportOwed, lang: str) -> str:
    """Which report fulfils it: the period's window, or the final report after the end."""
    if owed.kind is DueKind.FINAL:
        key = "final_window_early" if owed.ended_without_report else "final_window"
        return word(key, lang, after=owed.after)
    return word("window", lang, after=owed.after, due=owed.due)


def _heading(cal: PortfolioCalendar, lang: str) -> list[str]:
    owed = len(cal.entries)
    lines = [word("as_of", lang, as_of=cal.as_of, days=cal.final_report_days)]
    if owed:
        parts = ", ".join(
            word(f"n_{s}", lang, cal.count(s), count=cal.count(s), within=cal.within)
            for s in ("received", "overdue", "upcoming", "later")
        )
        lines.append(word("counts", lang, owed, owed=owed, parts=parts))
    else:
        lines.append(word("none", lang))
    return lines


def _row(entry: Entry, lang: str) -> list[str]:
    owed = entry.owed
    return [owed.due.isoformat(), owed.project, kind_text(owed, lang), status_text(entry, lang), owed.title]


# -- renderers ----------------------------------------------------------------------------


def render_text(calendars: list[PortfolioCalendar], lang: str) -> str:
    """Plain text, one block per portfolio, columns aligned."""
    out: list[str] = []
    for cal in calendars:
        out.append(f"{word('title', lang)}: {cal.association} ({cal.org_number}), {cal.year}")
        out.extend(_heading(cal, lang))
        rows = [_row(e, lang) for e in cal.entries]
        if rows:
            head = [word(k, lang) for k in ("due", "project", "kind", "status")] + [""]
            widths = [max(len(r[i]) for r in [head, *rows]) for i in range(4)]
            out.append("")
            for row in [head, *rows]:
                cells = "  ".join(c.ljust(w) for c, w in zip(row[:4], widths, strict=True))
                out.append(f"{cells}  {row[4]}".rstrip())
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_markdown(calendars: list[PortfolioCalendar], lang: str) -> str:
    """Markdown: a heading and a table per portfolio."""
    out: list[str] = []
    for cal in calendars:
        out.append(f"# {word('title', lang)}: {_cell(cal.association)} ({cal.org_number}), {cal.year}")
        out.append("")
        out.extend(f"{line}  " if i == 0 else line for i, line in enumerate(_heading(cal, lang)))
        if cal.entries:
            head = [word(k, lang) for k in ("due", "project", "kind", "status")]
            head.insert(2, TEXTS["application"][lang])
            out += ["", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
            for entry in cal.entries:
                due, project, kind, status, title = _row(entry, lang)
                out.append("| " + " | ".join(_cell(c) for c in (due, project, title, kind, status)) + " |")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def calendar_data(cal: PortfolioCalendar, lang: str) -> dict[str, Any]:
    """One portfolio's calendar as plain data (the JSON's ``portfolios`` items)."""
    return {
        "association": cal.association,
        "org_number": cal.org_number,
        "folder": cal.root,
        "year": cal.year,
        "as_of": cal.as_of.isoformat(),
        "within_days": cal.within,
        "final_report_days": cal.final_report_days,
        "counts": {
            "owed": len(cal.entries),
            **{s: cal.count(s) for s in ("received", "overdue", "upcoming", "later")},
        },
        "reports": [
            {
                "project": e.owed.project,
                "title": e.owed.title,
                "kind": e.owed.kind.value,
                "due": e.owed.due.isoformat(),
                "after": e.owed.after.isoformat(),
                "received": e.owed.received,
                "report": e.owed.fulfilled_by.document_id if e.owed.fulfilled_by else None,
                "status": e.status,
                "overdue_days": e.days if e.status == "overdue" else 0,
                "due_in_days": e.days if e.status == "upcoming" else None,
                "ended_without_report": e.owed.ended_without_report,
                "text": status_text(e, lang),
            }
            for e in cal.entries
        ],
    }


def render_json(calendars: list[PortfolioCalendar], lang: str, unreadable: list[str]) -> str:
    """JSON: the calendars, and the inputs that could not be read."""
    data = {
        "format_version": CALENDAR_FORMAT_VERSION,
        "lang": lang,
        "portfolios": [calendar_data(c, lang) for c in calendars],
        "unreadable": unreadable,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def event_uid(org_number: str, owed: ReportOwed) -> str:
    """A UID that stays the same for the same report owed, whatever the run: association org
    number, project, due date and kind (re-importing updates the event)."""
    project = "".join(c if c.isalnum() else "-" for c in owed.project)
    return f"{org_number}-{project}-{owed.due.isoformat()}-{owed.kind.value}@finsam-rules"


def render_ics(calendars: list[PortfolioCalendar], lang: str) -> bytes:
    """iCalendar: one all-day VEVENT per due date; DTSTAMP is the "as of" date at midnight
    UTC, so the same inputs give the same bytes and a later run updates the events."""
    from icalendar import Calendar, Event

    ical = Calendar()
    ical.add("prodid", PRODID.format(lang=lang.upper()))
    ical.add("version", "2.0")
    ical.add("calscale", "GREGORIAN")
    names = ", ".join(c.association for c in calendars)
    ical.add("x-wr-calname", f"{word('title', lang)}: {names}" if names else word("title", lang))
    for cal in calendars:
        stamp = dt.datetime(cal.as_of.year, cal.as_of.month, cal.as_of.day, tzinfo=dt.UTC)
        for entry in cal.entries:
            owed = entry.owed
            event = Event()
            event.add("uid", event_uid(cal.org_number, owed))
            event.add("dtstamp", stamp)
            event.add("dtstart", owed.due)
            event.add("dtend", owed.due + dt.timedelta(days=1))
            kind = kind_text(owed, lang)
            event.add("summary", f"{kind[:1].upper()}{kind[1:]}: {owed.project} {owed.title}")
            as_of = word("as_of_short", lang, as_of=cal.as_of)
            description = [
                f"{cal.association} ({cal.org_number})",
                f"{owed.project} {owed.title}",
                window_text(owed, lang),
                f"{word('status', lang)}: {status_text(entry, lang)} ({as_of})",
            ]
            event.add("description", "\n".join(description))
            event.add("transp", "TRANSPARENT")
            event.add("categories", [word("title", lang)])
            ical.add_component(event)
    return bytes(ical.to_ical())


# -- the command --------------------------------------------------------------------------


def _final_report_days(
    registry: Registry, pf: Portfolio, policy_path: Path | None, as_of: dt.date
) -> int | None:
    """The setting ``final_report_days`` in force on ``as_of``; ``None`` without the pack
    that declares it."""
    from finsam_rules.portfolio import portfolio_policy

    policy = portfolio_policy(registry, pf.root, policy_path)
    value = policy.settings_for(as_of).get("final_report_days")
    return None if value is None else int(value)


def run_calendar(
    *,
    paths: list[Path],
    as_of: dt.date | None,
    within: int,
    fmt: str,
    lang: str,
    output: Path | None,
    policy_path: Path | None,
    force: bool,
    registry: Registry,
) -> int:
    """List the reports owed in every portfolio; return the exit code."""
    from finsam_rules.errors import InputError, PolicyError
    from finsam_rules.outputs import OutputError, Outputs, file_of
    from finsam_rules.portfolio import load_portfolio

    try:
        outputs = Outputs.for_run(paths, registry=registry, policy=policy_path, force=force)
        target = file_of(output)
        if target is not None:
            outputs.check_file(target)
    except OutputError as exc:
        raise Failure([exc.line(lang)], exc.exit_code) from None
    calendars: list[PortfolioCalendar] = []
    unreadable: list[str] = []
    for path in paths:
        try:
            pf = load_portfolio(path)
            when = as_of or dt.date(pf.year, 12, 31)
            days = _final_report_days(registry, pf, policy_path, when)
        except InputError as exc:
            lines = exc.lines(lang)
        except PolicyError as exc:
            lines = [exc.line(lang)]
        else:
            if days is None:
                lines = [word("no_setting", lang, root=str(path))]
            else:
                calendars.append(build_calendar(pf, days, as_of, within))
                lines = [line for error in pf.errors for line in error.lines(lang)]
        for line in lines:
            echo(line, err=True)
        unreadable.extend(lines)
    if fmt == "ics":
        data = render_ics(calendars, lang)
    elif fmt == "json":
        data = render_json(calendars, lang, unreadable).encode("utf-8")
    elif fmt == "markdown":
        data = render_markdown(calendars, lang).encode("utf-8")
    else:
        data = render_text(calendars, lang).encode("utf-8")
    if target is None:
        echo(data, nl=False)
    else:
        try:
            outputs.write_bytes(target, data)
        except OutputError as exc:
            raise Failure([exc.line(lang)], exc.exit_code) from None
    if unreadable:
        return EXIT_UNREADABLE
    if any(c.count("overdue") for c in calendars):
        return EXIT_FINDINGS
    return EXIT_OK
