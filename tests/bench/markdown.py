"""The README's table from a results file: `python -m tests.bench.markdown var/bench/results-200000.json`."""

import json
import sys

from tests.bench.report import describe


def table(result: dict) -> str:
    http = {(row["page"], row["visitor"]): row for row in result.get("http", [])}
    lines = [
        "| page | visitor | median ms | p95 ms | queries | KiB | req/s (gunicorn) | target | result |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for row in result["in_process"]:
        served = http.get((row["page"], row["visitor"]))
        targets = {**row["targets"], **(served["targets"] if served else {})}
        missed = [*row["missed"], *(served["missed"] if served else [])]
        verdict = ("**missed** (" + ", ".join(missed) + ")") if missed else ("met" if targets else "")
        rps = f"{served['rps']:.0f}" if served else "-"
        lines.append(
            f"| {row['label']} | {row['visitor']} | {row['median_ms']:.1f} | {row['p95_ms']:.1f} | "
            f"{row['queries']} | {row['bytes'] / 1024:.0f} | {rps} | {describe(targets)} | {verdict} |"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[0]) as handle:
        result = json.load(handle)
    data, machine = result["data"], result["machine"]
    print(
        f"{data['posts']:,} posts, {data['threads']:,} threads, {data['people']:,} people; "
        f"{machine['cpus']} x {machine['cpu_model']}, Python {machine['python']}, Django {machine['django']}, "
        f"SQLite {machine['sqlite']}; load average {machine['load_average_at_start'][0]} at the start, "
        f"{machine['load_average_at_end'][0]} at the end; taken {result['taken_at']}\n"
    )
    print(table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
