import json
import logging

from community.logging import JsonFormatter


def test_log_records_are_one_json_object_with_their_extra_fields():
    record = logging.makeLogRecord(
        {
            "name": "canopy.store",
            "levelname": "WARNING",
            "msg": "stock low for %s",
            "args": ("A14-BLK",),
            "sku": "A14",
        }
    )

    entry = json.loads(JsonFormatter().format(record))

    assert entry["level"] == "warning"
    assert entry["logger"] == "canopy.store"
    assert entry["message"] == "stock low for A14-BLK"
    assert entry["sku"] == "A14"
    assert entry["ts"].endswith("+00:00")


def test_exceptions_are_kept_in_the_entry():
    try:
        raise ValueError("bad input")
    except ValueError:
        import sys

        record = logging.makeLogRecord({"msg": "failed", "exc_info": sys.exc_info()})

    entry = json.loads(JsonFormatter().format(record))

    assert "ValueError: bad input" in entry["exc_info"]
