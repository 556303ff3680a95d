"""Small charts drawn on the server as SVG (no charting service, no JavaScript)."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

PALETTE = [
    "var(--chart-1, #3b82f6)",
    "var(--chart-2, #f59e0b)",
    "var(--chart-3, #10b981)",
    "var(--chart-4, #ef4444)",
]


def _svg(width: int, height: int, body: list[str], label: str) -> str:
    return mark_safe(
        f'<svg class="chart" role="img" aria-label="{escape(label)}" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        + "".join(body)
        + "</svg>"
    )


def stacked_bars(rows, *, series: list[str], width: int = 640, height: int = 220) -> str:
    """rows: [(date, {series: n})] -> vertical stacked bars, one per day, with a legend."""
    if not rows:
        return ""
    top = max(1, max(sum(values.values()) for _, values in rows))
    left, bottom, plot_h = 30, 30, height - 60
    step = (width - left - 10) / len(rows)
    body = [f'<text x="0" y="14" font-size="11" fill="currentColor">{top}</text>']
    for i, (day, values) in enumerate(rows):
        x, y = left + i * step, height - bottom
        for j, name in enumerate(series):
            n = values.get(name, 0)
            if not n:
                continue
            h = plot_h * n / top
            y -= h
            body.append(
                f'<rect x="{x + 2:.1f}" y="{y:.1f}" width="{max(step - 4, 1):.1f}" height="{h:.1f}" '
                f'fill="{PALETTE[j % len(PALETTE)]}"><title>{escape(str(day))}: {n} {escape(name.lower())}</title></rect>'
            )
        if i % max(1, len(rows) // 7) == 0:
            body.append(
                f'<text x="{x:.1f}" y="{height - 12}" font-size="10" fill="currentColor">{day:%d %b}</text>'
            )
    for j, name in enumerate(series):
        body.append(
            f'<rect x="{left + j * 110}" y="{height - 8}" width="10" height="8" fill="{PALETTE[j % len(PALETTE)]}"/>'
            f'<text x="{left + j * 110 + 14}" y="{height}" font-size="10" fill="currentColor">{escape(name.title())}</text>'
        )
    return _svg(width, height + 4, body, "New feedback per day by kind")


def bars(pairs, *, horizontal: bool = False, width: int = 640) -> str:
    """pairs: [(label, n)] -> a bar chart; horizontal for long labels."""
    if not pairs:
        return ""
    top = max(1, max(n for _, n in pairs))
    body = []
    if horizontal:
        row, label_w = 22, 260
        for i, (label, n) in enumerate(pairs):
            w = (width - label_w - 40) * n / top
            y = i * row
            body.append(
                f'<text x="0" y="{y + 15}" font-size="11" fill="currentColor">{escape(label)}</text>'
                f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row - 8}" fill="{PALETTE[0]}"/>'
                f'<text x="{label_w + w + 4:.1f}" y="{y + 15}" font-size="11" fill="currentColor">{n}</text>'
            )
        return _svg(width, row * len(pairs), body, "Top voted open items")
    height, bottom = 200, 34
    step = (width - 20) / len(pairs)
    for i, (label, n) in enumerate(pairs):
        h = (height - bottom - 16) * n / top
        x = 10 + i * step
        body.append(
            f'<rect x="{x + 4:.1f}" y="{height - bottom - h:.1f}" width="{max(step - 8, 1):.1f}" height="{h:.1f}" fill="{PALETTE[2]}"/>'
            f'<text x="{x + 4:.1f}" y="{height - bottom - h - 3:.1f}" font-size="11" fill="currentColor">{n}</text>'
            f'<text x="{x + 4:.1f}" y="{height - 18}" font-size="10" fill="currentColor">{escape(label[:18])}</text>'
        )
    return _svg(width, height, body, "Items fixed per release")
