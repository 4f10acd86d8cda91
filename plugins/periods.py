"""Counting funded time: calendar months, overlapping periods counted once."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from typing import Any

from finsam_rules.pack import Period


def merged(periods: Iterable[Period]) -> list[Period]:
    """The periods sorted, with overlapping or adjoining ones joined."""
    result: list[Period] = []
    for period in sorted(periods, key=lambda p: (p.start, p.end)):
        if result and period.start <= result[-1].end + dt.timedelta(days=1):
            last = result[-1]
            result[-1] = Period(last.start, max(last.end, period.end))
        else:
            result.append(period)
    return result


def funded_days(periods: Iterable[Period]) -> int:
    """Calendar days funded, each day counted once however many periods cover it."""
    return sum(p.days for p in merged(periods))


def _ordinal_months(start: dt.date, months: int) -> int:
    """The ordinal day number of ``start`` plus ``months``, past the end of the calendar
    too (``date`` stops at 9999-12-31; a period may end on it)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    cycles = max(0, -(-(year - dt.MAXYEAR) // 400))  # the calendar repeats every 400 years
    year -= 400 * cycles
    day = min(start.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day).toordinal() + 146_097 * cycles


def months_and_days(start: dt.date, days: int) -> tuple[int, int]:
    """``days`` counted from ``start`` as whole calendar months plus remaining days."""
    end_exclusive = start.toordinal() + days
    months = max(0, days // 28)
    while months > 0 and _ordinal_months(start, months) > end_exclusive:
        months -= 1
    return months, end_exclusive - _ordinal_months(start, months)


def duration(periods: Iterable[Period]) -> tuple[int, int]:
    """Funded time as calendar months plus days: each period (overlaps joined) counts its
    whole calendar months from its own start, and the days left over are added up, 30 days
    making a month. 2017-09-01..2020-08-31 is (36, 0); a day more is (36, 1); 12 months
    in 2016-2017 and 24 months in 2019-2021 are (36, 0) whatever leap days they hold."""
    months = days = 0
    for period in merged(periods):
        m, d = months_and_days(period.start, period.days)
        months += m
        days += d
    return months + days // 30, days % 30


def exceeds(periods: Iterable[Period], max_months: int) -> bool:
    """Whether the funded time is more than ``max_months`` calendar months."""
    months, days = duration(periods)
    return months > max_months or (months == max_months and days > 0)


def duration_figures(periods: list[Period], max_months: int) -> dict[str, Any]:
    """Everything FP001 and FP002 show: funded time against the limit, checkable by hand."""
    joined = merged(periods)
    months, days = duration(joined)
    return {
        "funded_days": funded_days(joined),
        "months": months,
        "days": days,
        "first_start": joined[0].start,
        "last_end": joined[-1].end,
        "periods": [f"{p.start.isoformat()}–{p.end.isoformat()}" for p in joined],
    }


def latest_end(current: Period, others: list[Period], max_months: int) -> dt.date | None:
    """The latest end of ``current`` (its start kept) with which ``current`` and ``others``
    together stay within ``max_months``; ``None`` when even a single day is too much."""
    if exceeds([Period(current.start, current.start), *others], max_months):
        return None
    low, high = current.start.toordinal(), current.end.toordinal()  # low passes, high fails
    while high - low > 1:
        middle = (low + high) // 2
        if exceeds([Period(current.start, dt.date.fromordinal(middle)), *others], max_months):
            high = middle
        else:
            low = middle
    return dt.date.fromordinal(low)
