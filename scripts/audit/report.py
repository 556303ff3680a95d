"""make audit's verdict: the results of Lighthouse, axe and the weight checks against the line, one table.

Pure functions of the records that scripts/audit/run.py gathers (tests/scripts/audit/test_report.py):

- Lighthouse records (scripts/audit/lighthouse.mjs): one per page, preset (mobile, desktop) and run,
  with category scores 0-100, the audits that lost points, CLS and bytes by resource type. Performance
  is the median of the runs a page had (a noisy number on a loaded machine gets more runs, never a
  softer line); every other score is taken from every run and the worst counts.
- axe records: one per page, person (signed out, signed in, team) and colour scheme, with violations.
- The thread page's HTML size.

The line (issue #14): accessibility, best practices and SEO 100 on both presets; performance >= 95
on mobile; CLS <= 0.05; the CSS and JS a page loads <= 60 KB compressed; a 20-post thread page
<= 40 KB of HTML; no axe violation of any impact.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

PRESETS = ("mobile", "desktop")
CATEGORIES = ("accessibility", "best-practices", "seo", "performance")
SHORT = {"accessibility": "A11y", "best-practices": "BP", "seo": "SEO", "performance": "Perf"}
MIN_SCORE = {"accessibility": 100, "best-practices": 100, "seo": 100}
MIN_PERFORMANCE = {"mobile": 95}  # desktop performance is shown, not held to a line
MAX_CLS = 0.05
MAX_ASSET_BYTES = 60 * 1024  # CSS + JS a page loads, as transferred (compressed)
MAX_THREAD_HTML_BYTES = 40 * 1024  # a thread page of 20 posts, the HTML as served before compression
SCHEMES = ("light", "dark")
PEOPLE = ("signed_out", "signed_in", "team")


@dataclass
class PageLighthouse:
    """One page under one preset, over its runs."""

    page: str
    preset: str
    scores: dict[str, int | None] = field(default_factory=dict)
    performance_runs: list[int] = field(default_factory=list)
    cls: float | None = None
    asset_bytes: int | None = None
    lost: dict[str, list[dict]] = field(default_factory=dict)
    error: str | None = None
    cpu_slowdowns: list[float] = field(default_factory=list)  # per performance run (mobile: calibrated)
    host_indexes: list[float] = field(default_factory=list)  # the host's benchmarkIndex per run

    @property
    def performance(self) -> int | None:
        if not self.performance_runs:
            return None
        return int(statistics.median_low(self.performance_runs))


def asset_bytes(record: dict) -> int:
    """CSS and JS bytes as transferred, from Lighthouse's resource summary."""
    by_type = record.get("bytes") or {}
    return sum((by_type.get(kind) or {}).get("transfer", 0) for kind in ("script", "stylesheet"))


def combine_lighthouse(records: list[dict]) -> dict[tuple[str, str], PageLighthouse]:
    """Fold the runs of each (page, preset): median performance, worst of the other scores and sizes."""
    pages: dict[tuple[str, str], PageLighthouse] = {}
    for record in records:
        key = (record["page"], record["preset"])
        result = pages.setdefault(key, PageLighthouse(page=record["page"], preset=record["preset"]))
        if record.get("error"):
            result.error = record["error"]
        for category, score in (record.get("scores") or {}).items():
            if category == "performance":
                if score is not None:
                    result.performance_runs.append(score)
                continue
            previous = result.scores.get(category, 100)
            result.scores[category] = None if score is None or previous is None else min(previous, score)
            lost = (record.get("lost") or {}).get(category) or []
            if lost and (score is None or score <= (previous if previous is not None else 0)):
                result.lost[category] = lost
        if "performance" in (record.get("scores") or {}):
            lost = (record.get("lost") or {}).get("performance") or []
            result.lost["performance"] = lost
        if "performance" in (record.get("scores") or {}) and record.get("cpu_slowdown") is not None:
            result.cpu_slowdowns.append(record["cpu_slowdown"])
            index = record.get("calibration_index") or record.get("benchmark_index")
            if index is not None:
                result.host_indexes.append(index)
        cls = (record.get("metrics") or {}).get("cls")
        if cls is not None:
            result.cls = cls if result.cls is None else max(result.cls, cls)
        if record.get("bytes"):
            size = asset_bytes(record)
            result.asset_bytes = size if result.asset_bytes is None else max(result.asset_bytes, size)
    return pages


def needs_more_runs(pages: dict[tuple[str, str], PageLighthouse], runs: int = 3) -> list[tuple[str, str]]:
    """(page, preset) pairs whose performance is below the line on fewer than `runs` runs: run again."""
    again = []
    for (page, preset), result in pages.items():
        line = MIN_PERFORMANCE.get(preset)
        if line is None or result.performance is None:
            continue
        if result.performance < line and len(result.performance_runs) < runs:
            again.append((page, preset))
    return again


@dataclass
class AxeResult:
    page: str
    person: str  # signed_out, signed_in, team
    scheme: str  # light, dark
    violations: list[dict] = field(default_factory=list)
    error: str | None = None


def summarise_violations(raw: list[dict]) -> list[dict]:
    """axe's violations, reduced to what the report prints: rule id, impact, help and a few targets."""
    out = []
    for violation in raw:
        nodes = violation.get("nodes") or []
        targets = []
        for node in nodes[:3]:
            target = node.get("target") or []
            targets.append(" ".join(str(part) for part in target))
        out.append(
            {
                "id": violation.get("id"),
                "impact": violation.get("impact"),
                "help": violation.get("help", ""),
                "count": len(nodes),
                "targets": targets,
            }
        )
    return out


def failures(
    lighthouse: dict[tuple[str, str], PageLighthouse],
    axe: list[AxeResult],
    thread_html_bytes: int | None,
) -> list[str]:
    """Every way the results fall below the line, one line each (empty: the audit passes)."""
    problems: list[str] = []
    for (page, preset), result in sorted(lighthouse.items()):
        where = f"lighthouse {preset} {page}"
        if result.error:
            problems.append(f"{where}: Lighthouse could not audit the page: {result.error}")
        for category, line in MIN_SCORE.items():
            score = result.scores.get(category)
            if category not in result.scores:
                continue
            if score is None or score < line:
                lost = ", ".join(item["id"] for item in result.lost.get(category, [])) or "no audit named"
                problems.append(f"{where}: {category} {_fmt(score)} < {line} ({lost})")
        line = MIN_PERFORMANCE.get(preset)
        if line is not None and result.performance_runs and result.performance < line:
            runs = "/".join(str(run) for run in result.performance_runs)
            problems.append(f"{where}: performance {result.performance} < {line} (runs {runs})")
        if result.cls is not None and result.cls > MAX_CLS:
            problems.append(f"{where}: CLS {result.cls:.3f} > {MAX_CLS}")
        if result.asset_bytes is not None and result.asset_bytes > MAX_ASSET_BYTES:
            problems.append(f"{where}: CSS+JS {_kb(result.asset_bytes)} > {_kb(MAX_ASSET_BYTES)} compressed")
    for result in axe:
        where = f"axe {result.person} {result.scheme} {result.page}"
        if result.error:
            problems.append(f"{where}: could not run: {result.error}")
        for violation in result.violations:
            targets = "; ".join(violation["targets"])
            problems.append(
                f"{where}: {violation['id']} ({violation['impact']}, {violation['count']}x): "
                f"{violation['help']} [{targets}]"
            )
    if thread_html_bytes is None:
        problems.append("weight: the thread page's HTML was not measured")
    elif thread_html_bytes > MAX_THREAD_HTML_BYTES:
        problems.append(
            f"weight: thread page HTML {thread_html_bytes:,} bytes > {MAX_THREAD_HTML_BYTES:,} ({_kb(MAX_THREAD_HTML_BYTES)})"
        )
    return problems


def exit_code(problems: list[str]) -> int:
    return 1 if problems else 0


def _fmt(value) -> str:
    return "-" if value is None else str(value)


def _kb(size: int | None) -> str:
    return "-" if size is None else f"{size / 1024:.1f} KB"


def _axe_cell(axe: list[AxeResult], page: str, person: str) -> str:
    cells = []
    for scheme in SCHEMES:
        found = [r for r in axe if r.page == page and r.person == person and r.scheme == scheme]
        if not found:
            cells.append("-")
        elif any(r.error for r in found):
            cells.append("err")
        else:
            cells.append(str(sum(len(r.violations) for r in found)))
    return "/".join(cells) if any(cell != "-" for cell in cells) else "-"


def table(
    lighthouse: dict[tuple[str, str], PageLighthouse],
    axe: list[AxeResult],
    thread_html_bytes: int | None,
) -> str:
    """The one table: per page, Lighthouse per preset, CLS, CSS+JS bytes and axe violations per person
    (light/dark); then the thread page's HTML weight."""
    pages: list[str] = []
    for page, _preset in lighthouse:
        if page not in pages:
            pages.append(page)
    for result in axe:
        if result.page not in pages:
            pages.append(result.page)
    header = ["page"]
    for preset in PRESETS:
        header += [f"{preset[0]}:{SHORT[c]}" for c in CATEGORIES]
    header += ["CLS", "CSS+JS", "axe out", "axe in", "axe team"]
    rows = [header]
    for page in pages:
        row = [page]
        cls_values, asset_values = [], []
        for preset in PRESETS:
            result = lighthouse.get((page, preset))
            for category in CATEGORIES:
                if result is None:
                    row.append("-")
                elif category == "performance":
                    row.append(_fmt(result.performance))
                else:
                    row.append(_fmt(result.scores.get(category)))
            if result is not None and result.cls is not None:
                cls_values.append(result.cls)
            if result is not None and result.asset_bytes is not None:
                asset_values.append(result.asset_bytes)
        row.append(f"{max(cls_values):.3f}" if cls_values else "-")
        row.append(_kb(max(asset_values)) if asset_values else "-")
        for person in PEOPLE:
            row.append(_axe_cell(axe, page, person))
        rows.append(row)
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(header))]
    lines = []
    for index, row in enumerate(rows):
        lines.append("  ".join(str(cell).ljust(widths[i]) if i == 0 else str(cell).rjust(widths[i])
                               for i, cell in enumerate(row)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    lines.append("")
    lines.append(
        f"thread page of 20 posts: {_kb(thread_html_bytes)} of HTML (line {_kb(MAX_THREAD_HTML_BYTES)}); "
        f"line: A11y/BP/SEO 100, mobile Perf >= {MIN_PERFORMANCE['mobile']} (median of its runs), "
        f"CLS <= {MAX_CLS}, CSS+JS <= {_kb(MAX_ASSET_BYTES)} compressed, axe 0 (light/dark)"
    )
    slowdowns = [x for (_page, preset), r in lighthouse.items() if preset == "mobile" for x in r.cpu_slowdowns]
    indexes = [x for (_page, preset), r in lighthouse.items() if preset == "mobile" for x in r.host_indexes]
    if slowdowns and indexes:
        lines.append(
            f"mobile CPU slowdown x{min(slowdowns):g}-x{max(slowdowns):g} for a host benchmarkIndex of "
            f"{min(indexes):g}-{max(indexes):g} (calibrated to a mid-tier phone, at most Lighthouse's x4)"
        )
    return "\n".join(lines)
