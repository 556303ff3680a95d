import pytest
from django.core.cache import cache

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits and cached fragments live in the cache: every test starts from an empty one."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def member(db):
    return UserFactory(username="member")


@pytest.fixture
def other_member(db):
    return UserFactory(username="other")


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture(autouse=True)
def _postgres_only(request):
    """Tests marked ``postgres`` need a PostgreSQL database (make test-postgres provides one)."""
    if request.node.get_closest_marker("postgres"):
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.skip("needs PostgreSQL: run make test-postgres")


@pytest.fixture(scope="session")
def redis_url():
    """A throwaway Redis on a free 127.0.0.1 port for the session (skipped where redis-server is
    not installed: apt-get install redis-server; .ci/run installs it)."""
    import shutil
    import socket
    import subprocess
    import tempfile
    import time

    binary = shutil.which("redis-server") or shutil.which("redis-server", path="/usr/bin:/usr/sbin")
    if binary is None:
        pytest.skip("needs redis-server (apt-get install redis-server)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    folder = tempfile.mkdtemp(prefix="canopy-redis-")
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", folder],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2) as conn:
                conn.sendall(b"PING\r\n")
                if conn.recv(16).startswith(b"+PONG"):
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.skip("redis-server did not start")
        time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def clock(monkeypatch):
    """A controllable ``time.time`` (what the caches and the rate limits read): ``clock.advance(65)``
    moves every reader 65 s on without sleeping."""
    import time

    class Clock:
        def __init__(self):
            self.now = time.time()

        def __call__(self):
            return self.now

        def advance(self, seconds: float) -> None:
            self.now += seconds

    fake = Clock()
    monkeypatch.setattr(time, "time", fake)
    return fake
