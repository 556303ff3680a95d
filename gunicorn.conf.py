"""gunicorn's configuration for Canopy: `gunicorn -c gunicorn.conf.py` (settings come from the environment).

  GUNICORN_BIND            address to listen on                     0.0.0.0:8000
  WEB_CONCURRENCY          worker processes                         2 x cores + 1 (at most 8)
  GUNICORN_THREADS         threads per worker                       1
  GUNICORN_TIMEOUT         seconds before a silent worker is killed 30
  GUNICORN_MAX_REQUESTS    requests before a worker is recycled     1000 (0: never)
  GUNICORN_ACCESS_LOG      json (one object a line, like the app's logs), plain, or off    json
  FORWARDED_ALLOW_IPS      proxies trusted for X-Forwarded-*        127.0.0.1
  GUNICORN_CONTROL_SOCKET  path of gunicorn's control socket        off (several servers on one
                                                                     machine would share ~/.gunicorn)

Static files are served by WhiteNoise inside the app (production settings), so gunicorn needs no
static route; put a load balancer or reverse proxy that terminates TLS in front.
"""

import json
import os
import time

from gunicorn.glogging import Logger


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, got {value!r}") from None


def _default_workers() -> int:
    return min(2 * (os.cpu_count() or 1) + 1, 8)


class JsonAccessLogger(Logger):
    """One JSON object per access-log line (a user agent or path with quotes cannot break it)."""

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        record = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "level": "INFO",
            "logger": "gunicorn.access",
            "remote_addr": environ.get("REMOTE_ADDR", "-"),
            "method": environ.get("REQUEST_METHOD"),
            "path": environ.get("PATH_INFO"),
            "query": environ.get("QUERY_STRING", ""),
            "status": int(status),
            "bytes": getattr(resp, "sent", None),
            "duration_ms": round(request_time.total_seconds() * 1000, 2),
            "user_agent": environ.get("HTTP_USER_AGENT", ""),
            "referer": environ.get("HTTP_REFERER", ""),
        }
        try:
            self.access_log.info(json.dumps(record, separators=(",", ":")))
        except Exception:  # never let logging take a request down
            self.error_log.exception("could not write the access log line")


wsgi_app = "community.wsgi:application"
bind = [os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")]
workers = _env_int("WEB_CONCURRENCY", _default_workers())
threads = _env_int("GUNICORN_THREADS", 1)
timeout = _env_int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = 5
max_requests = _env_int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = max_requests // 10
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
errorlog = "-"
control_socket_disable = not os.environ.get("GUNICORN_CONTROL_SOCKET")
if not control_socket_disable:
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

_access_log = os.environ.get("GUNICORN_ACCESS_LOG", "json").strip().lower()
if _access_log not in {"json", "plain", "off"}:
    raise SystemExit(f"GUNICORN_ACCESS_LOG must be json, plain or off, got {_access_log!r}")
accesslog = None if _access_log == "off" else "-"
if _access_log == "json":
    logger_class = JsonAccessLogger
