"""make audit's verdict (scripts/audit/report.py): runs folded, the line held, the table, the exit code."""

from scripts.audit import report


def lighthouse_record(page="home", preset="mobile", *, a11y=100, bp=100, seo=100, perf=98, cls=0.0,
                      script=20_000, stylesheet=8_000, lost=None):
    return {
        "page": page,
        "preset": preset,
        "scores": {"accessibility": a11y, "best-practices": bp, "seo": seo, "performance": perf},
        "lost": lost or {},
        "metrics": {"cls": cls},
        "bytes": {"script": {"count": 3, "transfer": script}, "stylesheet": {"count": 2, "transfer": stylesheet},
                  "document": {"count": 1, "transfer": 9_000}},
    }


def perf_only(page="home", preset="mobile", perf=90):
    return {"page": page, "preset": preset, "scores": {"performance": perf}, "lost": {}, "metrics": {"cls": 0.0},
            "bytes": {"script": {"transfer": 20_000}, "stylesheet": {"transfer": 8_000}}}


def passing_lighthouse(pages=("home", "login")):
    records = []
    for page in pages:
        for preset in report.PRESETS:
            records.append(lighthouse_record(page, preset))
    return report.combine_lighthouse(records)


def clean_axe(pages=("home",)):
    return [report.AxeResult(page=p, person="signed_out", scheme=s) for p in pages for s in report.SCHEMES]


def test_everything_on_the_line_passes_with_exit_code_0():
    problems = report.failures(passing_lighthouse(), clean_axe(), thread_html_bytes=30_000)

    assert problems == []
    assert report.exit_code(problems) == 0


def test_a_score_of_99_in_accessibility_fails_and_names_the_audit_that_lost_points():
    records = [lighthouse_record(a11y=99, lost={"accessibility": [{"id": "color-contrast", "title": "t"}]}),
               lighthouse_record(preset="desktop")]

    problems = report.failures(report.combine_lighthouse(records), [], thread_html_bytes=30_000)

    assert problems == ["lighthouse mobile home: accessibility 99 < 100 (color-contrast)"]
    assert report.exit_code(problems) == 1


def test_seo_and_best_practices_below_100_fail_on_desktop_too():
    records = [lighthouse_record(), lighthouse_record(preset="desktop", seo=91, bp=96)]

    problems = report.failures(report.combine_lighthouse(records), [], thread_html_bytes=1)

    assert any("desktop home: seo 91 < 100" in p for p in problems)
    assert any("desktop home: best-practices 96 < 100" in p for p in problems)


def test_performance_is_the_median_of_the_runs_and_the_line_holds_on_mobile_only():
    records = [lighthouse_record(perf=90), perf_only(perf=97), perf_only(perf=96),
               lighthouse_record(preset="desktop", perf=80)]

    pages = report.combine_lighthouse(records)

    assert pages[("home", "mobile")].performance == 96
    assert pages[("home", "mobile")].performance_runs == [90, 97, 96]
    assert report.failures(pages, [], thread_html_bytes=1) == []


def test_a_median_below_95_fails_with_its_runs():
    records = [lighthouse_record(perf=90), perf_only(perf=97), perf_only(perf=93)]

    problems = report.failures(report.combine_lighthouse(records), [], thread_html_bytes=1)

    assert problems == ["lighthouse mobile home: performance 93 < 95 (runs 90/97/93)"]


def test_a_page_below_the_performance_line_gets_more_runs_until_it_has_three():
    one_run = report.combine_lighthouse([lighthouse_record(perf=90), lighthouse_record("login", perf=99),
                                         lighthouse_record(preset="desktop", perf=50)])
    three_runs = report.combine_lighthouse([lighthouse_record(perf=90), perf_only(perf=91), perf_only(perf=92)])

    assert report.needs_more_runs(one_run) == [("home", "mobile")]
    assert report.needs_more_runs(three_runs) == []


def test_the_worst_run_counts_for_the_other_scores():
    records = [lighthouse_record(seo=100), lighthouse_record(seo=92, lost={"seo": [{"id": "meta-description"}]})]

    result = report.combine_lighthouse(records)[("home", "mobile")]

    assert result.scores["seo"] == 92
    assert [item["id"] for item in result.lost["seo"]] == ["meta-description"]


def test_layout_shift_and_css_js_weight_have_their_lines():
    records = [lighthouse_record(cls=0.051), lighthouse_record(preset="desktop", script=50_000, stylesheet=12_000)]

    problems = report.failures(report.combine_lighthouse(records), [], thread_html_bytes=1)

    assert problems == [
        "lighthouse desktop home: CSS+JS 60.5 KB > 60.0 KB compressed",
        "lighthouse mobile home: CLS 0.051 > 0.05",
    ]


def test_the_thread_page_over_40_kb_of_html_fails_and_an_unmeasured_one_too():
    over = report.failures(passing_lighthouse(), [], thread_html_bytes=40 * 1024 + 1)
    unmeasured = report.failures(passing_lighthouse(), [], thread_html_bytes=None)

    assert over == ["weight: thread page HTML 40,961 bytes > 40,960 (40.0 KB)"]
    assert unmeasured == ["weight: the thread page's HTML was not measured"]
    assert report.failures(passing_lighthouse(), [], thread_html_bytes=40 * 1024) == []


def test_any_axe_violation_of_any_impact_fails_with_the_rule_and_where():
    raw = [{"id": "heading-order", "impact": "moderate", "help": "Heading levels should only increase by one",
            "nodes": [{"target": ["h4.card"]}, {"target": ["h4.other"]}]}]
    results = [report.AxeResult(page="board", person="signed_in", scheme="dark",
                                violations=report.summarise_violations(raw))]

    problems = report.failures(passing_lighthouse(), results, thread_html_bytes=1)

    assert problems == [
        "axe signed_in dark board: heading-order (moderate, 2x): "
        "Heading levels should only increase by one [h4.card; h4.other]"
    ]


def test_a_page_that_lighthouse_or_axe_could_not_audit_fails():
    record = lighthouse_record()
    record["error"] = "NO_FCP"
    results = [report.AxeResult(page="cart", person="signed_in", scheme="light", error="answered 500")]

    problems = report.failures(report.combine_lighthouse([record]), results, thread_html_bytes=1)

    assert problems == [
        "lighthouse mobile home: Lighthouse could not audit the page: NO_FCP",
        "axe signed_in light cart: could not run: answered 500",
    ]


def test_the_table_has_a_row_per_page_with_both_presets_and_axe_per_person_light_and_dark():
    records = [lighthouse_record("home", "mobile", perf=97, cls=0.01), lighthouse_record("home", "desktop", perf=100)]
    raw = [{"id": "color-contrast", "impact": "serious", "help": "h", "nodes": [{"target": ["a.join"]}]}]
    axe = [
        report.AxeResult(page="home", person="signed_out", scheme="light"),
        report.AxeResult(page="home", person="signed_out", scheme="dark", violations=report.summarise_violations(raw)),
        report.AxeResult(page="triage", person="team", scheme="light"),
        report.AxeResult(page="triage", person="team", scheme="dark"),
    ]

    text = report.table(report.combine_lighthouse(records), axe, thread_html_bytes=35 * 1024)
    lines = text.splitlines()

    assert lines[0].split() == ["page", "m:A11y", "m:BP", "m:SEO", "m:Perf", "d:A11y", "d:BP", "d:SEO",
                                "d:Perf", "CLS", "CSS+JS", "axe", "out", "axe", "in", "axe", "team"]
    assert lines[2].split() == ["home", "100", "100", "100", "97", "100", "100", "100", "100", "0.010",
                                "27.3", "KB", "0/1", "-", "-"]
    assert lines[3].split()[0] == "triage" and lines[3].split()[-1] == "0/0"
    assert "thread page of 20 posts: 35.0 KB of HTML" in text


def test_the_table_says_which_cpu_slowdown_the_mobile_runs_had_and_for_what_host():
    record = lighthouse_record()
    record.update(cpu_slowdown=1.25, calibration_index=500, benchmark_index=480)
    second = perf_only(perf=97)
    second.update(cpu_slowdown=2, calibration_index=800)

    text = report.table(report.combine_lighthouse([record, second]), [], thread_html_bytes=1)

    assert "mobile CPU slowdown x1.25-x2 for a host benchmarkIndex of 500-800" in text
