"""The production stack's switches, as pure functions of the environment's values.

base.py calls these with what it read from the environment; tests call them directly. Each part
switches on when its variable is present and stays on the embedded default otherwise.
"""

from django.core.exceptions import ImproperlyConfigured

TASKS_BACKENDS = ("immediate", "database", "redis")
IMMEDIATE_TASKS_BACKEND = "django_tasks.backends.immediate.ImmediateBackend"
DATABASE_TASKS_BACKEND = "django_tasks_db.DatabaseBackend"
REDIS_TASKS_BACKEND = "django_tasks_rq.RQBackend"
TASK_QUEUES = ["default"]


def tasks_settings(backend: str, *, redis_url: str = "") -> dict:
    """The TASKS setting for TASKS_BACKEND: immediate (in-process), database or redis (a worker runs them)."""
    backend = (backend or "immediate").strip().lower()
    if backend not in TASKS_BACKENDS:
        raise ImproperlyConfigured(
            f"TASKS_BACKEND must be one of {', '.join(TASKS_BACKENDS)}, got {backend!r}"
        )
    if backend == "immediate":
        return {"default": {"BACKEND": IMMEDIATE_TASKS_BACKEND}}
    if backend == "database":
        return {"default": {"BACKEND": DATABASE_TASKS_BACKEND, "QUEUES": list(TASK_QUEUES)}}
    if not redis_url:
        raise ImproperlyConfigured(
            "TASKS_BACKEND=redis needs REDIS_URL, e.g. REDIS_URL=redis://127.0.0.1:6379/0"
        )
    return {"default": {"BACKEND": REDIS_TASKS_BACKEND, "QUEUES": list(TASK_QUEUES)}}


def rq_queues_settings(redis_url: str) -> dict:
    """django-rq's RQ_QUEUES: every task queue in Redis (the rq worker pops them)."""
    return {name: {"URL": redis_url, "DEFAULT_TIMEOUT": 600} for name in TASK_QUEUES}


def redis_cache_settings(redis_url: str) -> dict:
    """CACHES on Redis: the cache, cached sessions and every rate limit (allauth's and ours) share it."""
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "canopy",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }


def media_storage_settings(
    *,
    bucket: str,
    region: str = "",
    endpoint_url: str = "",
    custom_domain: str = "",
    location: str = "media",
    querystring_auth: bool = True,
    access_key: str = "",
    secret_key: str = "",
) -> dict:
    """STORAGES["default"]: the file system, or an S3-style bucket through django-storages when a bucket is named."""
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    options: dict = {
        "bucket_name": bucket,
        "location": location,
        "querystring_auth": querystring_auth,
        "file_overwrite": False,
        "default_acl": None,
    }
    if region:
        options["region_name"] = region
    if endpoint_url:
        options["endpoint_url"] = endpoint_url
    if custom_domain:
        options["custom_domain"] = custom_domain
    if access_key or secret_key:
        if not (access_key and secret_key):
            raise ImproperlyConfigured("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together")
        options["access_key"] = access_key
        options["secret_key"] = secret_key
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


def replica_database(default: dict, replica: dict) -> dict:
    """The "replica" DATABASES entry: the primary's engine options, and a test mirror of the primary."""
    if replica["ENGINE"] != default["ENGINE"]:
        raise ImproperlyConfigured("DATABASE_REPLICA_URL must use the same database engine as DATABASE_URL")
    return {**replica, "OPTIONS": dict(default.get("OPTIONS", {})), "TEST": {"MIRROR": "default"}}
