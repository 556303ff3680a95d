"""The report and release charts: every label inside the drawing, none over another or over a bar,
long ones shortened with their full text in a <title>. Sizes come from charts.text_width, a
generous estimate; tests/browser/test_feedback_charts.py measures the real ones in Chromium."""

import math
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest

from forum.feedback import charts

NS = "{http://www.w3.org/2000/svg}"
LONG_TITLES = [
    "Camera app freezes when switching to night mode after the latest update",
    "Battery drains overnight on standby",
    "Wi-Fi drops after waking from sleep on 5 GHz networks with WPA3",
    "相机切换到夜景模式时卡死需要重启手机才能恢复",
    "Add a one-handed mode for the keyboard",
]


def _boxes(svg: str):
    """(kind, box, text, title) of every text and bar; box = (x0, y0, x1, y1) in the viewBox."""
    root = ET.fromstring(svg)
    _, _, width, height = (float(v) for v in root.get("viewBox").split())
    found = []
    for node in root.iter():
        if node.tag == f"{NS}text":
            title = node.find(f"{NS}title")
            shown = "".join(t for t in [node.text or "", title.tail if title is not None else ""] if t)
            size = float(node.get("font-size"))
            x, y = float(node.get("x")), float(node.get("y"))
            w = charts.text_width(shown, size)
            x0 = {"start": x, "middle": x - w / 2, "end": x - w}[node.get("text-anchor", "start")]
            corners = [
                (x0, y - size * 0.8),
                (x0 + w, y - size * 0.8),
                (x0, y + size * 0.2),
                (x0 + w, y + size * 0.2),
            ]
            turn = re.match(r"rotate\(([-\d.]+) ([-\d.]+) ([-\d.]+)\)", node.get("transform", ""))
            if turn:
                a, cx, cy = (float(v) for v in turn.groups())
                c, s = math.cos(math.radians(a)), math.sin(math.radians(a))
                corners = [
                    (cx + (px - cx) * c - (py - cy) * s, cy + (px - cx) * s + (py - cy) * c)
                    for px, py in corners
                ]
            xs, ys = [p[0] for p in corners], [p[1] for p in corners]
            found.append(
                (
                    "text",
                    (min(xs), min(ys), max(xs), max(ys)),
                    shown,
                    title.text if title is not None else None,
                    bool(turn),
                )
            )
        elif node.tag == f"{NS}rect":
            x, y, w, h = (float(node.get(k)) for k in ("x", "y", "width", "height"))
            if (w, h) != (12, 12):  # not a legend swatch
                found.append(("bar", (x, y, x + w, y + h), "", None, False))
    return width, height, found  # fmt: skip


def _overlap(a, b) -> bool:
    return a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5


def assert_readable(svg: str):
    width, height, found = _boxes(svg)
    texts = [f for f in found if f[0] == "text"]
    for _, box, shown, _, _ in texts:
        assert box[0] >= -0.5 and box[2] <= width + 0.5, f"{shown!r} runs off the side: {box} in {width}"
        assert box[1] >= -0.5 and box[3] <= height + 0.5, f"{shown!r} runs off the top/bottom: {box}"
    for i, (_, a, shown_a, _, turned_a) in enumerate(texts):
        for _, b, shown_b, _, turned_b in texts[i + 1 :]:
            if turned_a and turned_b:
                continue  # parallel turned labels: their boxes overlap, the text does not (see below)
            assert not _overlap(a, b), f"{shown_a!r} overlaps {shown_b!r}"
        for kind, bar, _, _, _ in found:
            if kind == "bar":
                assert not _overlap(a, bar), f"{shown_a!r} is drawn over a bar"
    for _, _, shown, title, _ in texts:
        if shown.endswith("…"):
            assert title and title.startswith(shown[:-1].rstrip()), (shown, title)
    return texts


@pytest.mark.parametrize("width", [640, 360])
def test_top_items_chart_keeps_long_titles_readable(width):
    svg = charts.bars([(t, 40 - i * 7) for i, t in enumerate(LONG_TITLES)], horizontal=True, width=width)
    texts = assert_readable(svg)
    titles = {title for _, _, _, title, _ in texts if title}
    shown = {text for _, _, text, _, _ in texts}
    for full in LONG_TITLES:  # each title is shown whole, or shortened with the whole in its <title>
        assert full in shown or full in titles


@pytest.mark.parametrize("count", [3, 8, 20])
def test_fixed_per_release_labels_never_collide(count):
    labels = [f"Aurora Buds Pro 1.{i}.0-beta" for i in range(count)]
    svg = charts.bars([(label, i % 5) for i, label in enumerate(labels)])
    texts = assert_readable(svg)
    turned = [t for t in texts if t[4]]
    if count >= 8:
        assert turned, "long labels side by side are turned"
    # parallel turned labels: far enough apart along their normal for a line of text
    if len(turned) > 1:
        step = turned[1][1][2] - turned[0][1][2]
        assert step * math.sin(math.radians(40)) >= charts.SMALL


@pytest.mark.parametrize("days", [7, 14, 31])
def test_per_day_chart_labels_and_legend_fit(days):
    start = date(2026, 11, 1)
    rows = [(start + timedelta(days=i), {"BUG": i % 4, "SUGGESTION": (i * 3) % 5}) for i in range(days)]
    svg = charts.stacked_bars(rows, series=["BUG", "SUGGESTION"])
    texts = assert_readable(svg)
    shown = [text for _, _, text, _, _ in texts]
    assert "Bug" in shown and "Suggestion" in shown
    assert f"{start:%d %b}" in shown


def test_charts_have_an_accessible_name_and_scale_with_a_viewbox():
    svg = charts.bars([("1.0.0", 3)])
    root = ET.fromstring(svg)
    assert root.get("role") == "img" and root.get("aria-label") == "Items fixed per release"
    assert root.find(f"{NS}title").text == "Items fixed per release"
    assert root.get("viewBox").startswith("0 0 ") and root.get("class") == "chart"
    assert charts.bars([]) == "" and charts.stacked_bars([], series=["BUG"]) == ""


def test_labels_are_escaped():
    svg = charts.bars([("<script>alert(1)</script>", 2)], horizontal=True)
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_every_day_fills_the_days_without_reports_and_keeps_the_last_month():
    start = date(2026, 11, 1)
    pairs = [(date(2026, 11, 3), 2), (date(2026, 11, 5), 1)]
    days = charts.every_day(pairs, start=start, end=date(2026, 11, 6))
    assert days == [(start + timedelta(days=i), n) for i, n in enumerate([0, 0, 2, 0, 1, 0])]
    # a release long ago: the last 31 days only, ending today
    long = charts.every_day(pairs, start=date(2026, 1, 1), end=date(2026, 12, 1))
    assert len(long) == 31 and long[0][0] == date(2026, 11, 1) and long[-1] == (date(2026, 12, 1), 0)


def test_a_one_series_per_day_chart_has_its_own_name_and_no_legend():
    rows = [(date(2026, 11, 1) + timedelta(days=i), {"bug": i % 3}) for i in range(31)]
    svg = charts.stacked_bars(
        rows, series=["bug"], label="New bug reports per day since the release", legend=False
    )
    texts = assert_readable(svg)
    root = ET.fromstring(svg)
    assert root.get("aria-label") == "New bug reports per day since the release"
    assert "Bug" not in [text for _, _, text, _, _ in texts]  # no legend for the one series
    assert "01 Nov" in [text for _, _, text, _, _ in texts]


def test_fixed_per_release_as_horizontal_bars_keeps_whole_release_names():
    labels = [f"1.{i}.0-beta · Aurora Buds Pro" for i in range(8)]
    svg = charts.bars(
        [(label, i % 3) for i, label in enumerate(labels)], horizontal=True, label="Items fixed per release"
    )
    texts = assert_readable(svg)
    shown = [text for _, _, text, _, turned in texts if not turned]
    assert all(label in shown for label in labels) and not any(t[4] for t in texts)


@pytest.mark.parametrize("width", [400, 320])
def test_status_bars_keep_their_labels_left_of_the_bars(width):
    pairs = [("New", 40), ("Needs info", 3), ("Acknowledged", 12), ("In progress", 0), ("Won't fix", 1),
             ("A status the team named at great length in the admin", 7)]  # fmt: skip
    svg = charts.labelled_bars(pairs, width=width, label="Items per status")
    texts = assert_readable(svg)
    root = ET.fromstring(svg)
    assert root.get("aria-label") == "Items per status" and root.get("viewBox") == f"0 0 {width} 184"
    shown = [text for _, _, text, _, _ in texts]
    for name in ("New", "Needs info", "Acknowledged", "Won't fix", "40", "12", "0"):
        assert name in shown
    long = next(t for t in texts if t[3])  # shortened, whole in its tooltip
    assert long[2].endswith("…") and long[3] == pairs[-1][0]
    assert charts.labelled_bars([], label="x") == ""
