"""Small inline SVG charts for the board report, without dependencies.

Four kinds of chart, each drawn on a fixed 680-unit-wide canvas (the width of an A4 page less
its margins at 96 dpi), so a chart prints one to one and scales down on a narrow screen:

- :func:`bar_chart`: one horizontal bar per row against a target line (outcome shares);
- :func:`stacked_chart`: one 100 % bar per row split into series (women, men, not reported);
- :func:`grouped_chart`: a group of bars per row, one per series (budget, cost, forecast);
- :func:`share_chart`: a share per row with a marker at the share it should be (contributions
  against the legal shares).

Every chart is an ``<svg class="chart" role="img">`` with a ``<title>``, a ``<desc>`` that
lists every figure in words and an ``aria-label``. Every text is escaped with
:func:`~finsam_rules.render.markup.h`. Output is deterministic: no ids, no random values, and
coordinates printed with at most one decimal. Colours are neutral and differ in lightness, so
a chart still reads when printed in greyscale; charts never rely on colour alone (values are
printed next to the bars).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from finsam_rules.render.markup import h

#: The canvas width: A4 (210 mm) less 2 × 15 mm margins is 180 mm, 680 px at 96 dpi.
WIDTH = 680
FONT_SIZE = 11
FONT_FAMILY = "'Liberation Sans', Arial, Helvetica, 'DejaVu Sans', sans-serif"

INK = "#1f2933"
MUTED = "#52606d"
GRID = "#d9dee4"
PALE = "#eef1f4"
#: Fills from dark to light; each prints as a clearly different grey.
DARK = "#27486b"
MID = "#7d97b3"
LIGHT = "#c6d3e0"

LABEL_WIDTH = 232
VALUE_WIDTH = 96


@dataclass(frozen=True)
class Series:
    """One series of a stacked or grouped chart: its name in the legend and its fill."""

    name: str
    fill: str
    text_fill: str = "#ffffff"
    stroke: str | None = None


@dataclass(frozen=True)
class Bar:
    """One row of :func:`bar_chart`: ``value`` on the chart's scale, ``text`` printed after it.

    ``value`` ``None`` draws no bar (no data); ``strong`` picks the dark fill (for example
    "meets the target") over the lighter one.
    """

    label: str
    value: Fraction | None
    text: str
    detail: str = ""
    strong: bool = True


@dataclass(frozen=True)
class Stack:
    """One row of :func:`stacked_chart`: a count per series and the text shown in each part."""

    label: str
    counts: tuple[int, ...]
    texts: tuple[str, ...]
    total_text: str
    detail: str = ""


@dataclass(frozen=True)
class Group:
    """One row of :func:`grouped_chart`: a value per series (``None``: not reported)."""

    label: str
    values: tuple[int | None, ...]
    texts: tuple[str, ...]
    detail: str = ""
    empty_text: str = "–"
    #: indexes of the series whose value is an overrun (printed bold; the text says so)
    marked: tuple[int, ...] = ()


@dataclass(frozen=True)
class ShareRow:
    """One row of :func:`share_chart`: the actual share and the share it should be."""

    label: str
    share: Fraction
    expected: Fraction | None
    text: str
    detail: str = ""


# -- primitives ---------------------------------------------------------------------------------


def _n(value: float | Fraction | int) -> str:
    """A coordinate with at most one decimal, never ``-0``."""
    number = round(float(value), 1)
    if number == 0:
        number = 0.0
    text = f"{number:.1f}"
    return text[:-2] if text.endswith(".0") else text


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """An estimate of the width of ``text`` in user units (no font metrics without a browser)."""
    return len(text) * size * 0.56


def wrap(text: str, limit: int, lines: int = 2) -> list[str]:
    """``text`` in at most ``lines`` lines of at most ``limit`` characters, broken between
    words; the last line ends in "…" when the text is longer."""
    words = " ".join(str(text).split()).split(" ")
    out: list[str] = []
    current = ""
    for i, word in enumerate(words):
        candidate = f"{current} {word}".strip()
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            out.append(current)
        current = word
        if len(out) == lines - 1:
            current = " ".join(words[i:])
            break
    out.append(clip(current, limit))
    return out[:lines]


def clip(text: str, limit: int) -> str:
    """``text`` on one line and at most ``limit`` characters, ending in "…" when cut."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: max(1, limit - 1)].rstrip() + "…"


def _text(
    x: float,
    y: float,
    content: str,
    *,
    anchor: str = "start",
    fill: str = INK,
    size: float | None = None,
    weight: str | None = None,
) -> str:
    attrs = f'x="{_n(x)}" y="{_n(y)}"'
    if anchor != "start":
        attrs += f' text-anchor="{anchor}"'
    if fill != INK:
        attrs += f' fill="{fill}"'
    if size is not None:
        attrs += f' font-size="{_n(size)}"'
    if weight is not None:
        attrs += f' font-weight="{weight}"'
    return f"<text {attrs}>{h(content)}</text>"


def _rect(
    x: float,
    y: float,
    width: float,
    height: float,
    fill: str,
    tip: str = "",
    stroke: str | None = None,
    stroke_width: float = 0.8,
) -> str:
    head = f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(max(width, 0))}" height="{_n(height)}" fill="{fill}"'
    if stroke:
        head += f' stroke="{stroke}" stroke-width="{_n(stroke_width)}"'
    return f"{head}><title>{h(tip)}</title></rect>" if tip else f"{head}/>"


def _line(
    x1: float, y1: float, x2: float, y2: float, stroke: str, width: float = 1, dash: str | None = None
) -> str:
    extra = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" stroke="{stroke}" '
        f'stroke-width="{_n(width)}"{extra}/>'
    )


def _svg(title: str, desc: str, height: float, body: list[str]) -> str:
    label = f"{title}. {desc}" if desc else title
    return (
        f'<svg class="chart" role="img" aria-label="{h(label)}" viewBox="0 0 {WIDTH} {_n(height)}" '
        f'width="{WIDTH}" height="{_n(height)}" font-family="{h(FONT_FAMILY)}" '
        f'font-size="{FONT_SIZE}" fill="{INK}">'
        f"<title>{h(title)}</title><desc>{h(desc)}</desc>" + "".join(body) + "</svg>"
    )


def _outline(series: Series) -> tuple[str | None, float]:
    """The stroke of a series' shapes: its own, or a thin one around light fills."""
    if series.stroke:
        return series.stroke, 1.4
    return (MUTED, 0.8) if series.fill in (PALE, LIGHT) else (None, 0.8)


def _legend(items: Sequence[Series | tuple[str, str]], y: float) -> tuple[list[str], float]:
    """Legend entries from the left, wrapping; returns the elements and the y below the
    legend. A :class:`Series` gets a swatch; a ``(name, colour)`` pair a vertical marker."""
    out: list[str] = []
    x: float = LABEL_WIDTH
    for item in items:
        name = item.name if isinstance(item, Series) else item[0]
        width = 18 + text_width(name) + 18
        if x + width > WIDTH and x > LABEL_WIDTH:
            x = LABEL_WIDTH
            y += 16
        if isinstance(item, Series):
            stroke, stroke_width = _outline(item)
            out.append(_rect(x + 0.5, y - 8.5, 11, 10, item.fill, stroke=stroke, stroke_width=stroke_width))
        else:
            out.append(_line(x + 6, y - 9, x + 6, y + 2, item[1], 2.5))
        out.append(_text(x + 18, y, name, fill=MUTED))
        x += width
    return out, y + 14


def _axis(
    ticks: Sequence[tuple[Fraction, str]],
    x0: float,
    plot_width: float,
    top: float,
    bottom: float,
    scale: Fraction,
) -> list[str]:
    """Vertical grid lines with their labels under the plot."""
    out = []
    for value, label in ticks:
        x = x0 + float(value / scale) * plot_width if scale else x0
        out.append(_line(x, top, x, bottom, GRID))
        out.append(_text(x, bottom + 13, label, anchor="middle", fill=MUTED, size=10))
    return out


#: Characters of a row label per line: the label column less a margin, in the estimated width.
LABEL_CHARS = 34


def _row_label(label: str, y: float) -> str:
    """A row's name right-aligned before the plot, wrapped onto two lines when long; the
    full name is the group's tooltip (and is in the table under the chart)."""
    lines = wrap(label, LABEL_CHARS)
    if len(lines) == 1:
        texts = [_text(LABEL_WIDTH - 10, y, lines[0], anchor="end")]
    else:
        texts = [
            _text(LABEL_WIDTH - 10, y - 6, lines[0], anchor="end"),
            _text(LABEL_WIDTH - 10, y + 6, lines[1], anchor="end"),
        ]
    return f'<g class="label"><title>{h(" ".join(str(label).split()))}</title>{"".join(texts)}</g>'


def _row_height(labels: Sequence[str]) -> int:
    """26 units a row, 32 when a label wraps onto two lines (so wrapped labels stay apart)."""
    return 32 if any(len(wrap(label, LABEL_CHARS)) > 1 for label in labels) else 26


def _value_width(texts: Sequence[str], size: float = FONT_SIZE) -> float:
    """The value column: wide enough for the longest value, at least :data:`VALUE_WIDTH`."""
    return max([VALUE_WIDTH, *(text_width(t, size) + 16 for t in texts)])


def _value(y: float, content: str, width: float = VALUE_WIDTH, **style: object) -> str:
    """A value in the value column right of the plot, clear of grid and target lines."""
    return _text(WIDTH - width + 8, y, content, **style)  # type: ignore[arg-type]


def nice_scale(top: int | Fraction, steps: int = 4) -> tuple[Fraction, Fraction]:
    """A round upper end for an axis at or above ``top`` and its tick step (1, 2, 2.5 or 5
    times a power of ten)."""
    top = Fraction(top)
    if top <= 0:
        return Fraction(steps), Fraction(1)
    raw = top / steps
    power = Fraction(10) ** math.floor(math.log10(float(raw)))
    step = next(
        m * power
        for m in (Fraction(1), Fraction(2), Fraction(5, 2), Fraction(5), Fraction(10))
        if m * power >= raw
    )
    return step * math.ceil(top / step), step


# -- charts -------------------------------------------------------------------------------------


def bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    scale: Fraction = Fraction(1),
    ticks: Sequence[tuple[Fraction, str]] = (),
    target: Fraction | None = None,
    target_text: str = "",
    legend: Sequence[Series | tuple[str, str]] = (),
) -> str:
    """Horizontal bars, one per row, with an optional dashed target line."""
    body: list[str] = []
    y = 16.0
    if legend:
        items, y = _legend(legend, y)
        body += items
    top = y + (18 if target is not None else 4)
    row, bar = _row_height([b.label for b in bars]), 14
    plot_width = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bottom = top + row * max(len(bars), 1)
    body += _axis(ticks, LABEL_WIDTH, plot_width, top, bottom, scale)
    for i, item in enumerate(bars):
        y0 = top + i * row
        mid = y0 + row / 2
        body.append(_row_label(item.label, mid + 4))
        if item.value is not None and scale:
            width = float(min(item.value, scale) / scale) * plot_width
            body.append(
                _rect(
                    LABEL_WIDTH,
                    mid - bar / 2,
                    width,
                    bar,
                    DARK if item.strong else MID,
                    item.detail or f"{item.label}: {item.text}",
                )
            )
        body.append(_value(mid + 4, item.text, weight="bold" if item.strong else None))
    if target is not None and scale:
        x = LABEL_WIDTH + float(min(target, scale) / scale) * plot_width
        body.append(_line(x, top - 4, x, bottom, INK, 1.5, "5 3"))
        anchor = "end" if x > WIDTH - VALUE_WIDTH - 20 else "middle"
        body.append(_text(x, top - 10, target_text, anchor=anchor, size=10, weight="bold"))
    desc = "; ".join(f"{b.label}: {b.text}" for b in bars)
    if target is not None:
        desc = f"{target_text}. {desc}"
    return _svg(title, desc, bottom + 22, body)


def stacked_chart(
    stacks: Sequence[Stack],
    series: Sequence[Series],
    *,
    title: str,
    ticks: Sequence[tuple[Fraction, str]] = (),
    marks: Sequence[Fraction] = (),
) -> str:
    """One full-width bar per row, split into the series in proportion to their counts."""
    items, y = _legend(series, 16)
    body = list(items)
    top = y + 2
    row, bar = _row_height([st.label for st in stacks]), 16
    plot_width = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bottom = top + row * max(len(stacks), 1)
    body += _axis(ticks, LABEL_WIDTH, plot_width, top, bottom, Fraction(1))
    for i, stack in enumerate(stacks):
        mid = top + i * row + row / 2
        body.append(_row_label(stack.label, mid + 4))
        total = sum(stack.counts)
        if not total:
            body.append(_rect(LABEL_WIDTH, mid - bar / 2, plot_width, bar, PALE, stroke=GRID))
        x = float(LABEL_WIDTH)
        for count, text, part in zip(stack.counts, stack.texts, series, strict=True):
            if not count:
                continue
            width = count / total * plot_width
            tip = f"{stack.label}: {part.name} {text}"
            stroke, stroke_width = _outline(part)
            body.append(_rect(x, mid - bar / 2, width, bar, part.fill, tip, stroke, stroke_width))
            half = text_width(text, 10) / 2 + 2
            centre = x + width / 2
            crosses = any(abs(LABEL_WIDTH + float(mark) * plot_width - centre) < half for mark in marks)
            if width >= text_width(text, 10) + 8 and not crosses:
                body.append(
                    _text(x + width / 2, mid + 3.5, text, anchor="middle", fill=part.text_fill, size=10)
                )
            x += width
        body.append(_value(mid + 4, stack.total_text, fill=MUTED))
    for mark in marks:
        x = LABEL_WIDTH + float(mark) * plot_width
        body.append(_line(x, top - 3, x, bottom + 1, INK, 1, "2 2"))
    desc = "; ".join(
        f"{s.label}: " + ", ".join(f"{p.name} {t}" for p, t in zip(series, s.texts, strict=True))
        for s in stacks
    )
    return _svg(title, desc, bottom + 22, body)


def grouped_chart(
    groups: Sequence[Group], series: Sequence[Series], *, title: str, tick_format: Callable[[Fraction], str]
) -> str:
    """A group of horizontal bars per row, one bar per series, on a common round scale."""
    items, y = _legend(series, 16)
    body = list(items)
    top = y + 4
    bar, gap, pad = 11, 2, 12
    group_height = len(series) * (bar + gap) - gap + pad
    plot_width = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    highest = max((v for g in groups for v in g.values if v is not None), default=0)
    scale, step = nice_scale(highest)
    ticks = [(step * i, tick_format(step * i)) for i in range(int(scale / step) + 1)]
    bottom = top + group_height * max(len(groups), 1)
    body += _axis(ticks, LABEL_WIDTH, plot_width, top, bottom, scale)
    for i, group in enumerate(groups):
        y0 = top + i * group_height + pad / 2
        if i:
            body.append(_line(16, y0 - pad / 2, WIDTH, y0 - pad / 2, PALE))
        body.append(_row_label(group.label, y0 + (group_height - pad) / 2 + 4))
        if all(v is None for v in group.values):
            # The text gets its own white ground, so no grid line runs through it.
            yt = y0 + (group_height - pad) / 2 + 4
            body.append(_rect(LABEL_WIDTH + 2, yt - 11, text_width(group.empty_text) + 8, 15, "#ffffff"))
            body.append(_text(LABEL_WIDTH + 6, yt, group.empty_text, fill=MUTED))
            continue
        for j, (value, text, part) in enumerate(zip(group.values, group.texts, series, strict=True)):
            yb = y0 + j * (bar + gap)
            if value is None:
                body.append(_value(yb + bar - 2, text, fill=MUTED, size=9.5))
                continue
            width = float(Fraction(value) / scale) * plot_width
            stroke, stroke_width = _outline(part)
            inset = stroke_width / 2 if stroke else 0
            body.append(
                _rect(
                    LABEL_WIDTH + inset,
                    yb + inset,
                    width - 2 * inset,
                    bar - 2 * inset,
                    part.fill,
                    f"{group.label}: {part.name} {text}",
                    stroke,
                    stroke_width,
                )
            )
            over = j in group.marked
            body.append(_value(yb + bar - 2, text, size=9.5, weight="bold" if over else None))
    desc = "; ".join(
        f"{g.label}: " + ", ".join(f"{p.name} {t}" for p, t in zip(series, g.texts, strict=True))
        for g in groups
    )
    return _svg(title, desc, bottom + 22, body)


def share_chart(
    rows: Sequence[ShareRow],
    *,
    title: str,
    share_name: str,
    expected_name: str,
    share_format: Callable[[Fraction], str],
) -> str:
    """Each row's share as a bar with a marker at the share it should be."""
    items, y = _legend([Series(share_name, MID), (expected_name, INK)], 16)
    body = list(items)
    top = y + 4
    row, bar = _row_height([r.label for r in rows]), 14
    value_width = _value_width([r.text for r in rows])
    plot_width = WIDTH - LABEL_WIDTH - value_width
    highest = max(
        [r.share for r in rows] + [r.expected for r in rows if r.expected is not None], default=Fraction(0)
    )
    tenth = Fraction(1, 10)
    step = tenth if highest > Fraction(1, 5) else Fraction(1, 20)
    scale = min(Fraction(1), max(step, step * math.ceil(highest * Fraction(11, 10) / step)))
    count = int(scale / step)
    stride = 2 if count > 6 else 1
    ticks = [(step * i, share_format(step * i)) for i in range(0, count + 1, stride)]
    bottom = top + row * max(len(rows), 1)
    body += _axis(ticks, LABEL_WIDTH, plot_width, top, bottom, scale)
    for i, item in enumerate(rows):
        mid = top + i * row + row / 2
        body.append(_row_label(item.label, mid + 4))
        width = float(min(item.share, scale) / scale) * plot_width
        body.append(
            _rect(LABEL_WIDTH, mid - bar / 2, width, bar, MID, item.detail or f"{item.label}: {item.text}")
        )
        if item.expected is not None:
            x = float(min(item.expected, scale) / scale) * plot_width
            body.append(
                _line(LABEL_WIDTH + x, mid - bar / 2 - 4, LABEL_WIDTH + x, mid + bar / 2 + 4, INK, 2.5)
            )
        body.append(_value(mid + 4, item.text, value_width))
    desc = "; ".join(f"{r.label}: {r.text}" for r in rows)
    return _svg(title, desc, bottom + 22, body)


@dataclass(frozen=True)
class BalanceNames:
    """The words of :func:`balance_chart`: row names and the value texts."""

    available: str
    committed: str
    margin: str
    available_text: str
    committed_text: str
    margin_text: str
    overrun: str = ""


def balance_chart(
    available: int,
    committed: int,
    names: BalanceNames,
    *,
    title: str,
    tick_format: Callable[[Fraction], str],
) -> str:
    """What is available, what is committed, and the margin between them as a bar of its own
    (from the commitments to what is available), on one scale; an overrun is drawn past a
    dashed line at what is available and named."""
    body: list[str] = []
    top = 10.0
    row, bar = 30, 16
    value_width = _value_width([names.available_text, names.committed_text, names.margin_text])
    plot_width = WIDTH - LABEL_WIDTH - value_width
    scale, step = nice_scale(max(available, committed, 1))
    ticks = [(step * i, tick_format(step * i)) for i in range(int(scale / step) + 1)]
    bottom = top + row * 3
    body += _axis(ticks, LABEL_WIDTH, plot_width, top, bottom, scale)

    def x(value: int) -> float:
        return LABEL_WIDTH + float(Fraction(value) / scale) * plot_width

    rows = [
        (names.available, names.available_text),
        (names.committed, names.committed_text),
        (names.margin, names.margin_text),
    ]
    for i, (name, text) in enumerate(rows):
        mid = top + i * row + row / 2
        body.append(_row_label(name, mid + 4))
        body.append(_value(mid + 4, text, value_width, weight="bold" if i == 2 else None))
    mids = [top + i * row + row / 2 for i in range(3)]
    body.append(
        _rect(
            LABEL_WIDTH,
            mids[0] - bar / 2,
            x(available) - LABEL_WIDTH,
            bar,
            "#ffffff",
            names.available_text,
            INK,
            1.4,
        )
    )
    inside = min(committed, available)
    body.append(
        _rect(LABEL_WIDTH, mids[1] - bar / 2, x(inside) - LABEL_WIDTH, bar, DARK, names.committed_text)
    )
    if committed > available:
        tip = f"{names.overrun}: {names.margin_text}" if names.overrun else names.margin_text
        body.append(
            _rect(x(available), mids[1] - bar / 2, x(committed) - x(available), bar, MID, tip, INK, 1.4)
        )
        body.append(
            _rect(x(available), mids[2] - bar / 2, x(committed) - x(available), bar, MID, tip, INK, 1.4)
        )
    elif available > committed:
        body.append(
            _rect(
                x(committed),
                mids[2] - bar / 2,
                x(available) - x(committed),
                bar,
                LIGHT,
                names.margin_text,
                INK,
                1,
            )
        )
    # What is available, as a limit through the commitments and the margin.
    body.append(
        _line(x(available), mids[1] - bar / 2 - 3, x(available), mids[2] + bar / 2 + 3, INK, 1.2, "4 2")
    )
    desc = "; ".join(f"{name}: {text}" for name, text in rows)
    return _svg(title, desc, bottom + 22, body)


__all__ = [
    "BalanceNames",
    "Bar",
    "Group",
    "Series",
    "ShareRow",
    "Stack",
    "balance_chart",
    "bar_chart",
    "grouped_chart",
    "nice_scale",
    "share_chart",
    "stacked_chart",
]
