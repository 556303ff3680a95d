"""Small charts drawn on the server as SVG (no charting service, no JavaScript).

Every label is measured (an estimate of its width in the chart's font) and placed where it fits: a
label that would run into a neighbour or off the edge is shortened with "…" and carries its full
text in a <title> (a tooltip, and what a screen reader reads). The drawing has margins for its axis
labels and legend, and a viewBox, so it scales down to a narrow screen and never up past its size
(the ``.chart`` rule in forum.css)."""

import math
from datetime import date, timedelta

from django.utils.html import escape
from django.utils.safestring import mark_safe

PALETTE = [
    "var(--chart-1, #3b82f6)",
    "var(--chart-2, #f59e0b)",
    "var(--chart-3, #10b981)",
    "var(--chart-4, #ef4444)",
]
# Charts are drawn 480 units wide with large type: on a 320 px phone they scale to two thirds and
# their labels still read at about 10 px; on a desktop they keep their size.
WIDTH = 480
FONT = 15  # in the chart's own units
SMALL = 14
GAP = 8  # between neighbouring labels


def text_width(text: str, size: float = FONT) -> float:
    """A generous estimate of a label's width in a sans-serif font: wide characters (CJK, emoji)
    count as a square, capitals and digits as 0.68 em, the rest as 0.56 em."""
    width = 0.0
    for ch in text:
        if ord(ch) >= 0x1100:
            width += 1.0
        elif ch.isupper() or ch.isdigit() or ch in "mwMW@%":
            width += 0.68
        elif ch in "il.,:;'|!· ":
            width += 0.32
        else:
            width += 0.56
    return width * size


def fit(text: str, max_width: float, size: float = FONT) -> str:
    """``text`` as is when it fits ``max_width``, else shortened at a word if it can be, with "…"."""
    text = " ".join(str(text).split())
    if text_width(text, size) <= max_width:
        return text
    room = max_width - text_width("…", size)
    cut = ""
    for ch in text:
        if text_width(cut + ch, size) > room:
            break
        cut += ch
    if " " in cut and len(cut.rsplit(" ", 1)[0]) >= len(cut) * 0.6:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.:;·-") + "…"


def _label(x: float, y: float, text: str, *, max_width: float, size: float = FONT, anchor="start", extra=""):
    shown = fit(text, max_width, size)
    title = f"<title>{escape(text)}</title>" if shown != " ".join(str(text).split()) else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="currentColor"{extra}>'
        f"{title}{escape(shown)}</text>"
    )


def _svg(width: float, height: float, body: list[str], label: str) -> str:
    width, height = math.ceil(width), math.ceil(height)
    return mark_safe(
        f'<svg class="chart" role="img" aria-label="{escape(label)}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" preserveAspectRatio="xMinYMin meet" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(label)}</title>' + "".join(body) + "</svg>"
    )


def _legend(series: list[str], *, x: float, y: float, width: float) -> tuple[list[str], float]:
    """Swatches and names, wrapping onto more lines when they do not fit; returns (body, height)."""
    body, cx, cy = [], x, y
    for j, name in enumerate(series):
        label = name.title()
        w = 16 + text_width(label, SMALL) + 18
        if cx > x and cx + w > width:
            cx, cy = x, cy + 22
        body.append(
            f'<rect x="{cx:.1f}" y="{cy - 11:.1f}" width="12" height="12" fill="{PALETTE[j % len(PALETTE)]}"/>'
            + _label(cx + 16, cy, label, max_width=width - cx - 16, size=SMALL)
        )
        cx += w
    return body, cy - y + 22


def _y_axis(top: int, *, left: float, right: float, y0: float, plot_h: float) -> list[str]:
    """Grid lines and value labels at 0, the middle (when a whole number) and the top."""
    ticks = sorted({0, top} | ({top // 2} if top >= 4 and top % 2 == 0 else set()))
    body = []
    for value in ticks:
        y = y0 - plot_h * value / top
        body.append(
            f'<line x1="{left:.1f}" x2="{right:.1f}" y1="{y:.1f}" y2="{y:.1f}" stroke="currentColor" '
            f'stroke-opacity="{0.35 if value == 0 else 0.12}"/>'
            + _label(left - 6, y + 4, str(value), max_width=left, size=SMALL, anchor="end")
        )
    return body


def every_day(pairs, *, start: date, end: date, most: int = 31) -> list[tuple[date, int]]:
    """[(date, n)] for each day from ``start`` to ``end`` (the last ``most`` of them when there are
    more), 0 on the days ``pairs`` does not name: a time axis without gaps."""
    counts = dict(pairs)
    start = max(start, end - timedelta(days=most - 1))
    return [
        (start + timedelta(days=i), counts.get(start + timedelta(days=i), 0))
        for i in range((end - start).days + 1)
    ]


def stacked_bars(
    rows,
    *,
    series: list[str],
    width: int = WIDTH,
    height: int = 260,
    label: str = "New feedback per day by kind",
    legend: bool = True,
) -> str:
    """rows: [(date, {series: n})] -> vertical stacked bars, one per day, with a legend (left out
    with ``legend=False``, for one series the caption names)."""
    if not rows:
        return ""
    top = max(1, max(sum(values.values()) for _, values in rows))
    left = 12 + text_width(str(top), SMALL)
    right, top_margin = 8, 10
    legend_h = _legend(series, x=left, y=0, width=width - right)[1] if legend else 0
    axis_h = 26
    y0 = height - legend_h - axis_h - 6
    plot_h = y0 - top_margin
    plot_w = width - left - right
    step = plot_w / len(rows)
    body = _y_axis(top, left=left, right=width - right, y0=y0, plot_h=plot_h)
    labels = [f"{day:%d %b}" for day, _ in rows]
    label_w = max(text_width(text, SMALL) for text in labels)
    every = max(1, math.ceil((label_w + GAP) / step))
    last_right = -GAP
    for i, (day, values) in enumerate(rows):
        x, y = left + i * step, y0
        bar_w = max(step - 4, 1)
        for j, name in enumerate(series):
            n = values.get(name, 0)
            if not n:
                continue
            h = plot_h * n / top
            y -= h
            body.append(
                f'<rect x="{x + (step - bar_w) / 2:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{PALETTE[j % len(PALETTE)]}"><title>{escape(f"{day:%d %b}")}: {n} '
                f"{escape(name.lower())}</title></rect>"
            )
        centre = min(max(x + step / 2, left + label_w / 2), width - right - label_w / 2)
        if i % every == 0 and centre - label_w / 2 >= last_right + GAP:  # never onto the one before
            body.append(_label(centre, y0 + 18, labels[i], max_width=label_w, size=SMALL, anchor="middle"))
            last_right = centre + label_w / 2
    if legend:
        body += _legend(series, x=left, y=y0 + axis_h + 12, width=width - right)[0]
    return _svg(width, height, body, label)


def bars(pairs, *, horizontal: bool = False, width: int = WIDTH, label: str = "") -> str:
    """pairs: [(label, n)] -> a bar chart. Horizontal: each label on its own line above its bar (long
    titles); vertical: labels under the bars, turned when they would not fit side by side."""
    if not pairs:
        return ""
    top = max(1, max(n for _, n in pairs))
    if horizontal:
        return _horizontal(pairs, top=top, width=width, label=label or "Top voted open items")
    return _vertical(pairs, top=top, width=width, label=label or "Items fixed per release")


def _horizontal(pairs, *, top: int, width: int, label: str) -> str:
    row, bar_h, right = 46, 14, 8
    count_w = text_width(str(top), SMALL) + 8
    body = []
    for i, (text, n) in enumerate(pairs):
        y = i * row
        w = (width - right - count_w) * n / top
        body.append(
            _label(0, y + 16, text, max_width=width - right)
            + f'<rect x="0" y="{y + 24}" width="{max(w, 1):.1f}" height="{bar_h}" fill="{PALETTE[0]}"/>'
            + _label(w + 4, y + 24 + bar_h - 1, str(n), max_width=count_w, size=SMALL)
        )
    return _svg(width, row * len(pairs) + 4, body, label)


def _vertical(pairs, *, top: int, width: int, label: str) -> str:
    right, top_margin = 8, 22
    texts = [str(text) for text, _ in pairs]
    widest = max(text_width(text, SMALL) for text in texts)
    left = 12 + text_width(str(top), SMALL)
    step = (width - left - right) / len(pairs)
    turned = widest + GAP > step
    if turned:
        # labels run down-left at 40 degrees from under their bar, at most 150 units long; the first
        # one must not run off the left edge
        max_label = min(widest, 130)
        reach = max_label * math.cos(math.radians(40))
        half = 1 / (2 * len(pairs))  # the first bar's centre is left + (width - right - left) * half
        left = max(left, (reach - 2 - (width - right) * half) / (1 - half))
        step = (width - left - right) / len(pairs)
        axis_h = max_label * math.sin(math.radians(40)) + 20
    else:
        max_label = step - GAP
        axis_h = 26
    height = 220 + axis_h
    y0 = height - axis_h
    plot_h = y0 - top_margin
    body = _y_axis(top, left=left, right=width - right, y0=y0, plot_h=plot_h)
    # turned labels are parallel lines step * sin(40) apart: label every bar only if a line fits
    every = max(1, math.ceil((SMALL + 2) / (step * math.sin(math.radians(40))))) if turned else 1
    for i, (text, n) in enumerate(pairs):
        h = plot_h * n / top
        cx = left + i * step + step / 2
        bar_w = max(min(step - 8, 60), 1)
        body.append(
            f'<rect x="{cx - bar_w / 2:.1f}" y="{y0 - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
            f'fill="{PALETTE[2]}"><title>{escape(text)}: {n}</title></rect>'
            + _label(cx, y0 - h - 4, str(n), max_width=step, size=SMALL, anchor="middle")
        )
        if i % every:
            continue
        if turned:
            body.append(
                _label(
                    cx + 5, y0 + 16, text, max_width=max_label, size=SMALL, anchor="end",
                    extra=f' transform="rotate(-40 {cx + 5:.1f} {y0 + 16:.1f})"',
                )
            )  # fmt: skip
        else:
            body.append(_label(cx, y0 + 18, text, max_width=max_label, size=SMALL, anchor="middle"))
    return _svg(width, height, body, label)


def labelled_bars(pairs, *, width: int = 400, label: str) -> str:
    """pairs: [(label, n)] -> one row per pair: its label right-aligned in a column on the left,
    its bar and count beside it (a few short labels, such as statuses on the triage board). The
    label column takes at most two fifths of the width; a longer label is shortened ("…", whole in
    its <title>)."""
    if not pairs:
        return ""
    top = max(1, max(n for _, n in pairs))
    row, bar_h, right = 30, 16, 8
    count_w = text_width(str(top), SMALL) + 8
    # (right-aligned labels run off the left edge when the estimate is short: an eighth more room)
    label_w = min(max(text_width(" ".join(str(text).split())) for text, _ in pairs) * 1.125 + 2, width * 0.4)
    left = label_w + GAP
    plot_w = width - left - right - count_w
    body = []
    for i, (text, n) in enumerate(pairs):
        y = i * row
        w = plot_w * n / top
        body.append(
            _label(label_w, y + 20, str(text), max_width=label_w, anchor="end")
            + f'<rect x="{left:.1f}" y="{y + 7}" width="{max(w, 1):.1f}" height="{bar_h}" fill="{PALETTE[0]}">'
            f"<title>{escape(text)}: {n}</title></rect>"
            + _label(left + w + 4, y + 20, str(n), max_width=count_w, size=SMALL)
        )
    return _svg(width, row * len(pairs) + 4, body, label)
