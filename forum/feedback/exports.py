"""The triage list as CSV: the triage page's export and the API's, one writer for both."""

import csv
from collections.abc import Iterator

from django.utils import timezone

CSV_COLUMNS = [
    "id",
    "title",
    "kind",
    "status",
    "product",
    "affected release",
    "fixed in",
    "votes",
    "owner votes",
    "7-day votes",
    "reporter",
    "reporter is owner",
    "created",
    "url",
]


class _Echo:
    def write(self, value):
        return value


def safe_cell(text: str) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas: quote them."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def csv_rows(queryset, *, base_url: str) -> Iterator[str]:
    """The header, then one line per item of ``queryset`` (forum.feedback.queries.triage_queryset),
    read in chunks; ``base_url`` (no trailing slash) makes each item's link absolute."""
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_COLUMNS)
    for item in queryset.iterator(chunk_size=500):
        yield writer.writerow(
            [
                item.thread_id,
                safe_cell(item.thread.title),
                item.get_kind_display(),
                item.status.name,
                item.product.name,
                item.affected_release.version if item.affected_release else item.build_string,
                item.fixed_in.version if item.fixed_in else "",
                item.thread.score,
                item.owner_votes,
                item.trend,
                item.thread.author.username if item.thread.author else "",
                "yes" if item.reporter_is_owner else "no",
                timezone.localtime(item.created_at).isoformat(timespec="minutes"),
                base_url + item.get_absolute_url(),
            ]
        )


def csv_filename() -> str:
    return f"feedback-{timezone.localdate():%Y-%m-%d}.csv"
