"""gunicorn.conf.py: loads through gunicorn's own config loader, reads the environment, logs JSON."""

import datetime
import io
import json
import logging
from pathlib import Path

import pytest
from gunicorn.config import Config

ROOT = Path(__file__).resolve().parents[1]
CONF = str(ROOT / "gunicorn.conf.py")
VARIABLES = [
    "GUNICORN_BIND",
    "WEB_CONCURRENCY",
    "GUNICORN_THREADS",
    "GUNICORN_ACCESS_LOG",
    "GUNICORN_CONTROL_SOCKET",
]


def load(monkeypatch, **env) -> Config:
    """The Config gunicorn builds from `-c gunicorn.conf.py` with this environment."""
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    from gunicorn.app.base import Application

    class Probe(Application):
        def init(self, parser, opts, args):
            return None

        def load(self):
            raise AssertionError("not loaded in this test")

    probe = Probe.__new__(Probe)
    probe.usage, probe.prog, probe.callable, probe.cfg = None, "gunicorn", None, Config()
    probe.load_config_from_file(CONF)
    return probe.cfg


def test_defaults(monkeypatch):
    cfg = load(monkeypatch)

    assert cfg.bind == ["0.0.0.0:8000"]
    assert 3 <= cfg.workers <= 8
    assert cfg.wsgi_app == "community.wsgi:application"
    assert cfg.accesslog == "-"
    assert cfg.logger_class.__name__ == "JsonAccessLogger"
    assert cfg.control_socket_disable


def test_bind_workers_and_plain_logs_from_the_environment(monkeypatch):
    cfg = load(
        monkeypatch,
        GUNICORN_BIND="127.0.0.1:9001",
        WEB_CONCURRENCY="2",
        GUNICORN_THREADS="4",
        GUNICORN_ACCESS_LOG="plain",
    )

    assert cfg.bind == ["127.0.0.1:9001"]
    assert cfg.workers == 2
    assert cfg.threads == 4
    assert cfg.logger_class.__name__ == "Logger"  # gunicorn's own combined-log format


def test_access_log_off(monkeypatch):
    assert load(monkeypatch, GUNICORN_ACCESS_LOG="off").accesslog is None


@pytest.mark.parametrize(("variable", "value"), [("WEB_CONCURRENCY", "many"), ("GUNICORN_ACCESS_LOG", "xml")])
def test_a_bad_value_stops_with_the_variable_named(monkeypatch, variable, value):
    with pytest.raises(SystemExit, match=variable):
        load(monkeypatch, **{variable: value})


def test_the_json_access_log_is_one_valid_object_even_with_quotes(monkeypatch):
    cfg = load(monkeypatch)
    logger = cfg.logger_class(cfg)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger.access_log.handlers = [handler]

    class Resp:
        status = "201 Created"
        sent = 42

    environ = {
        "REMOTE_ADDR": "10.0.0.7",
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/forum/b/lounge/new/",
        "QUERY_STRING": "",
        "HTTP_USER_AGENT": 'Evil "agent"\\ \n',
        "RAW_URI": "/forum/b/lounge/new/",
        "SERVER_PROTOCOL": "HTTP/1.1",
    }
    logger.access(Resp(), None, environ, datetime.timedelta(milliseconds=12.5))

    record = json.loads(stream.getvalue())
    assert record["status"] == 201
    assert record["method"] == "POST"
    assert record["path"] == "/forum/b/lounge/new/"
    assert record["user_agent"] == 'Evil "agent"\\ \n'
    assert record["duration_ms"] == 12.5
    assert record["bytes"] == 42
