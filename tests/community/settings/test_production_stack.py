"""The production stack's switches, read through the real settings modules with a given environment.

Each test imports a fresh copy of community.settings.<module> (and base) with the environment it
names, so it sees exactly what a server started with that environment would see; Django's own
configured settings are not touched.
"""

import importlib
import shutil
import socket
import subprocess
import sys
import time

import pytest
from django.core.exceptions import ImproperlyConfigured

import community.settings
from community.settings import stack

STACK_VARIABLES = [
    "DATABASE_URL",
    "DATABASE_REPLICA_URL",
    "REDIS_URL",
    "TASKS_BACKEND",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_REGION_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_CUSTOM_DOMAIN",
    "AWS_LOCATION",
    "AWS_QUERYSTRING_AUTH",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "DEBUG",
    "EMAIL_HOST",
    "SOCIALACCOUNT_PROVIDERS_ENABLED",
    "DATABASE_TEST_TEMPLATE",
]
PRODUCTION_ENV = {
    "SECRET_KEY": "p" * 20 + "-production-secret-that-is-long-enough-0123456789",
    "ALLOWED_HOSTS": "forum.example.com",
    "EMAIL_URL": "smtp://canopy:secret@mail.example.com:587?tls=1",
    "DATABASE_URL": "sqlite:////tmp/canopy-stack-test.sqlite3",
}


@pytest.fixture
def load_settings(monkeypatch):
    """load_settings("production", REDIS_URL=...) -> the settings module as that environment makes it."""

    def load(module: str, **env: str):
        for name in STACK_VARIABLES:
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        for name in ("base", module):
            monkeypatch.delitem(sys.modules, f"community.settings.{name}", raising=False)
            if hasattr(community.settings, name):
                monkeypatch.setattr(community.settings, name, getattr(community.settings, name))
        return importlib.import_module(f"community.settings.{module}")

    return load


# --- Tasks -------------------------------------------------------------------------------------------
def test_development_runs_tasks_in_process_by_default(load_settings):
    settings = load_settings("dev")

    assert settings.TASKS["default"]["BACKEND"] == stack.IMMEDIATE_TASKS_BACKEND
    assert "django_tasks_db" in settings.INSTALLED_APPS  # the same schema whatever the backend


def test_production_queues_tasks_in_the_database_by_default(load_settings):
    settings = load_settings("production", **PRODUCTION_ENV)

    assert settings.TASKS == {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    assert "django_rq" not in settings.INSTALLED_APPS


def test_tasks_backend_database_switches_development_to_the_queue(load_settings):
    settings = load_settings("dev", TASKS_BACKEND="database")

    assert settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def test_production_may_run_tasks_immediately_on_one_machine(load_settings):
    settings = load_settings("production", **PRODUCTION_ENV, TASKS_BACKEND="immediate")

    assert settings.TASKS["default"]["BACKEND"] == stack.IMMEDIATE_TASKS_BACKEND


def test_tasks_backend_redis_uses_rq_on_the_redis_url(load_settings):
    settings = load_settings(
        "production", **PRODUCTION_ENV, TASKS_BACKEND="redis", REDIS_URL="redis://cache.internal:6379/1"
    )

    assert settings.TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend"
    assert {"django_rq", "django_tasks_rq"} <= set(settings.INSTALLED_APPS)
    assert settings.INSTALLED_APPS.count("django_tasks_rq") == 1
    assert settings.RQ_QUEUES["default"]["URL"] == "redis://cache.internal:6379/1"


def test_tasks_backend_redis_without_redis_url_is_refused_by_name(load_settings):
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL"):
        load_settings("production", **PRODUCTION_ENV, TASKS_BACKEND="redis")


def test_an_unknown_tasks_backend_is_refused_by_name(load_settings):
    with pytest.raises(ImproperlyConfigured, match="TASKS_BACKEND"):
        load_settings("dev", TASKS_BACKEND="celery")


def test_the_test_settings_run_tasks_immediately_whatever_the_environment_says(load_settings):
    settings = load_settings("test", TASKS_BACKEND="database")

    assert settings.TASKS["default"]["BACKEND"] == stack.IMMEDIATE_TASKS_BACKEND


def test_the_database_backend_and_its_worker_command_are_installed():
    from django.core.management import get_commands
    from django_tasks_db import DatabaseBackend

    assert DatabaseBackend.supports_defer
    assert get_commands()["db_worker"] == "django_tasks_db"


# --- Redis: cache, sessions, rate limits --------------------------------------------------------------
def test_redis_url_puts_cache_and_sessions_on_redis(load_settings):
    settings = load_settings("production", **PRODUCTION_ENV, REDIS_URL="redis://cache.internal:6379/0")

    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert settings.CACHES["default"]["LOCATION"] == "redis://cache.internal:6379/0"
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"


def test_without_redis_url_the_cache_is_a_file_cache_every_process_shares(load_settings, tmp_path):
    # gunicorn's workers and the task worker must see the same cache versions (community/cache.py):
    # on one machine without Redis, that is a file cache, not one in each process's memory.
    settings = load_settings("production", **PRODUCTION_ENV, CACHE_DIR=str(tmp_path))

    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert settings.CACHES["default"]["LOCATION"] == str(tmp_path)
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"


@pytest.fixture
def redis_server(tmp_path):
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed (apt-get install -y redis-server)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_redis_cache_settings_work_against_a_real_redis(redis_server):
    from django.core.cache.backends.redis import RedisCache

    params = stack.redis_cache_settings(redis_server)["default"]
    cache = RedisCache(params["LOCATION"], params)

    cache.set("rate:login:127.0.0.1", 3, timeout=60)
    assert cache.incr("rate:login:127.0.0.1") == 4
    assert cache.get("rate:login:127.0.0.1") == 4


# --- Media storage --------------------------------------------------------------------------------------
def test_media_stays_on_the_file_system_without_a_bucket(load_settings):
    settings = load_settings("production", **PRODUCTION_ENV)

    assert settings.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert (
        settings.STORAGES["staticfiles"]["BACKEND"]
        == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


def test_a_bucket_name_switches_media_to_s3_style_storage(load_settings):
    settings = load_settings(
        "production",
        **PRODUCTION_ENV,
        AWS_STORAGE_BUCKET_NAME="canopy-media",
        AWS_S3_REGION_NAME="eu-central-1",
        AWS_S3_ENDPOINT_URL="https://s3.eu-central-1.example.com",
        AWS_S3_CUSTOM_DOMAIN="media.example.com",
        AWS_QUERYSTRING_AUTH="0",
        AWS_ACCESS_KEY_ID="AKIAEXAMPLE",
        AWS_SECRET_ACCESS_KEY="not-a-real-secret",
    )

    media = settings.STORAGES["default"]
    assert media["BACKEND"] == "storages.backends.s3.S3Storage"
    assert media["OPTIONS"] == {
        "bucket_name": "canopy-media",
        "location": "media",
        "querystring_auth": False,
        "file_overwrite": False,
        "default_acl": None,
        "region_name": "eu-central-1",
        "endpoint_url": "https://s3.eu-central-1.example.com",
        "custom_domain": "media.example.com",
        "access_key": "AKIAEXAMPLE",
        "secret_key": "not-a-real-secret",
    }
    # Static files stay with WhiteNoise: only media moves to the bucket.
    assert (
        settings.STORAGES["staticfiles"]["BACKEND"]
        == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


def test_the_s3_storage_builds_from_those_options_without_a_network():
    from storages.backends.s3 import S3Storage

    options = stack.media_storage_settings(
        bucket="canopy-media", custom_domain="media.example.com", querystring_auth=False
    )["OPTIONS"]
    storage = S3Storage(**options)

    assert storage.bucket_name == "canopy-media"
    assert storage.url("avatars/nadia.png") == "https://media.example.com/media/avatars/nadia.png"


def test_an_access_key_without_its_secret_is_refused(load_settings):
    with pytest.raises(ImproperlyConfigured, match="AWS_SECRET_ACCESS_KEY"):
        load_settings(
            "production",
            **PRODUCTION_ENV,
            AWS_STORAGE_BUCKET_NAME="canopy-media",
            AWS_ACCESS_KEY_ID="AKIAEXAMPLE",
        )


# --- Read replicas ----------------------------------------------------------------------------------------
def test_a_replica_url_adds_the_replica_database_router_and_middleware(load_settings):
    settings = load_settings(
        "production",
        **PRODUCTION_ENV
        | {
            "DATABASE_URL": "postgres://canopy:pw@primary.internal:5432/canopy",
            "DATABASE_REPLICA_URL": "postgres://canopy_ro:pw@replica.internal:5432/canopy",
        },
    )

    assert settings.DATABASES["default"]["HOST"] == "primary.internal"
    assert settings.DATABASES["replica"]["HOST"] == "replica.internal"
    assert settings.DATABASES["replica"]["USER"] == "canopy_ro"
    assert settings.DATABASES["replica"]["TEST"] == {"MIRROR": "default"}
    assert settings.DATABASE_ROUTERS == ["community.db_router.ReplicaRouter"]
    assert settings.MIDDLEWARE.count("community.db_router.ReplicaRoutingMiddleware") == 1
    assert "django.contrib.postgres" in settings.INSTALLED_APPS


def test_without_a_replica_url_there_is_one_database_and_no_router(load_settings):
    settings = load_settings("production", **PRODUCTION_ENV)

    assert list(settings.DATABASES) == ["default"]
    assert settings.DATABASE_ROUTERS == []
    assert "community.db_router.ReplicaRoutingMiddleware" not in settings.MIDDLEWARE


def test_a_replica_on_another_engine_is_refused(load_settings):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_REPLICA_URL"):
        load_settings(
            "production",
            **PRODUCTION_ENV
            | {
                "DATABASE_URL": "postgres://canopy:pw@primary.internal:5432/canopy",
                "DATABASE_REPLICA_URL": "sqlite:////tmp/replica.sqlite3",
            },
        )


def test_a_replica_url_that_is_not_a_url_is_refused_by_name(load_settings):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_REPLICA_URL"):
        load_settings("production", **PRODUCTION_ENV, DATABASE_REPLICA_URL="nosuchdb://x")


def test_postgres_test_databases_may_be_copied_from_a_migrated_template(load_settings):
    settings = load_settings(
        "test",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/canopy",
        DATABASE_TEST_TEMPLATE="canopy_template",
    )

    assert settings.DATABASES["default"]["TEST"] == {"TEMPLATE": "canopy_template"}
    assert "django.contrib.postgres" in settings.INSTALLED_APPS
