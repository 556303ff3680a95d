"""The architecture as a test (CONVENTIONS 19): the layers hold, and every model write is an action.

``test_import_contracts_hold`` runs import-linter on the contracts in pyproject.toml
(``[tool.importlinter]``): forum -> store -> search -> community, and forum.feedback above the forum core.

``test_model_writes_live_in_actions`` reads every module of the apps and fails on a model write
outside ``actions/``: a manager or queryset write (``X.objects....create/update/delete``), the
always-writing ``get_or_create``/``update_or_create``/``bulk_create``/``bulk_update``, an instance's
``.save()``/``.delete()``, and ``.add/.remove/.set/.clear/.create`` on a related manager (an accessor
name taken from Django's model registry, such as ``user.groups.add``). Migrations, dev tools (demo
and load data) and the few exceptions in ``ALLOWED`` (each with its reason) are not actions.
It reads code, not types: a write through a plain variable holding a queryset
(``queryset.update(...)``) is not seen, so keep writes spelled from the manager outside actions.
"""

import ast
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent
APPS = ("community", "forum", "store", "search", "themes", "webhooks", "api")

# Folders whose modules may write (relative path parts); a small app's actions may be one actions.py.
# devdata/ holds the dev tools (demo and load-data generators): they write rows in bulk to make a site
# to look at or to measure, not a path a person's request takes.
WRITING_FOLDERS = {"actions", "migrations", "devdata"}

# Legitimate writes outside actions: "path::function" -> why it is not an action.
ALLOWED = {
    "community/teams.py::ensure_team_group": (
        "runs after every migrate (post_migrate), like a data migration: no person causes it"
    ),
    "community/profiles/avatars.py::resized_avatar": "image.save() is Pillow writing a file, not a model",
    "community/profiles/avatars.py::resized_variants": "small.save() is Pillow writing a file, not a model",
    "search/backends/database.py::DatabaseBackend": (
        "the database search backend's own index tables: derived data written by index tasks and"
        " rebuilt by search_reindex, the way a search engine's store is"
    ),
    "search/index.py": "entity links are part of the search index (derived data, rebuilt by search_reindex)",
    "store/payments/webhooks.py::process_event": (
        "records the verified Stripe event id (one row per event: idempotency) in the transaction of"
        " the store action its handler calls (CONVENTIONS 7)"
    ),
}

MANAGER_NAMES = {"objects", "_default_manager", "_base_manager"}
QUERYSET_NARROWING = {"filter", "exclude", "all", "select_for_update", "using"}
ALWAYS_WRITES = {"bulk_create", "bulk_update", "get_or_create", "update_or_create"}
QUERYSET_WRITES = {"create", "update", "delete"}
INSTANCE_WRITES = {"save", "delete"}
RELATED_WRITES = {"add", "remove", "set", "clear", "create"}
# Receivers of .save()/.delete() that are not models.
NOT_MODELS = {"cache", "storage", "session", "super", "router"}  # router: django-ninja's @router.delete
# Chains through these are API clients (Stripe, Elasticsearch), not the ORM.
CLIENTS = {"client", "_client"}


@dataclass(frozen=True)
class Write:
    path: str
    line: int
    scope: str
    code: str

    def __str__(self):
        return f"{self.path}:{self.line} in {self.scope or '<module>'}: {self.code}"


def related_manager_names() -> set[str]:
    """Accessor names of related managers (many-to-many and reverse foreign keys) of every model."""
    names = set()
    for model in apps.get_models():
        for field in model._meta.get_fields(include_hidden=False):
            if field.many_to_many or field.one_to_many:
                names.add(field.get_accessor_name() if field.auto_created else field.name)
    return names


def _chain(node) -> list:
    """The receiver chain of a call, innermost first: ``A.objects.filter(x).update`` ->
    [Name A, 'objects', call 'filter']."""
    parts = []
    while True:
        if isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Call):
            func = node.func
            parts.append(("call", func.attr if isinstance(func, ast.Attribute) else ast.unparse(func)))
            node = func.value if isinstance(func, ast.Attribute) else None
            if node is None:
                break
        else:
            parts.append(node)
            break
    return list(reversed(parts))


def _is_write(call: ast.Call, related: set[str]) -> bool:
    if not isinstance(call.func, ast.Attribute):
        return False
    method, receiver = call.func.attr, call.func.value
    chain = _chain(receiver)
    names = [part for part in chain if isinstance(part, str)]
    calls = [part[1] for part in chain if isinstance(part, tuple)]
    roots = [part.id for part in chain if isinstance(part, ast.Name)]
    if CLIENTS & set(names + calls + roots):
        return False
    if method in ALWAYS_WRITES:
        return True
    from_manager = bool(MANAGER_NAMES & set(names)) or (
        bool(names) and names[-1] in related and isinstance(receiver, ast.Attribute)
    )
    if method in QUERYSET_WRITES and (from_manager or (calls and set(calls) <= QUERYSET_NARROWING and names)):
        return True
    if method in RELATED_WRITES and isinstance(receiver, ast.Attribute) and receiver.attr in related:
        return True
    if method in INSTANCE_WRITES:
        last = receiver.attr if isinstance(receiver, ast.Attribute) else None
        if isinstance(receiver, ast.Name):
            last = receiver.id
        elif isinstance(receiver, ast.Call) and isinstance(receiver.func, ast.Name):
            last = receiver.func.id  # super().save()
        return not (last is None or last in NOT_MODELS or last.endswith(("_cache", "storage")))
    return False


class _Finder(ast.NodeVisitor):
    def __init__(self, path: str, related: set[str]):
        self.path, self.related, self.scope, self.found = path, related, [], []

    def _enter(self, node):
        self.scope.append(node.name)
        self.generic_visit(node)
        self.scope.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _enter

    def visit_Call(self, node):
        if _is_write(node, self.related):
            self.found.append(Write(self.path, node.lineno, ".".join(self.scope), ast.unparse(node.func)))
        self.generic_visit(node)


def _allowed(write: Write) -> bool:
    if write.path in ALLOWED:
        return True
    top = write.scope.split(".")[0] if write.scope else ""
    return f"{write.path}::{top}" in ALLOWED or f"{write.path}::{write.scope}" in ALLOWED


def app_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            parts = set(path.relative_to(ROOT).parts)
            if WRITING_FOLDERS & parts or path.name == "actions.py":
                continue
            yield relative, path


def writes_outside_actions() -> list[Write]:
    related = related_manager_names()
    found = []
    for relative, path in app_modules():
        finder = _Finder(relative, related)
        finder.visit(ast.parse(path.read_text(), filename=relative))
        found += [write for write in finder.found if not _allowed(write)]
    return found


def test_model_writes_live_in_actions():
    found = "\n".join(map(str, writes_outside_actions()))
    assert not found, f"Model writes outside actions/ (move them into an action):\n{found}"


def test_allow_lists_name_files_that_exist_and_say_why():
    for entry, reason in ALLOWED.items():
        assert (ROOT / entry.split("::")[0]).exists(), entry
        assert len(reason) > 20, entry


@pytest.mark.parametrize(
    "source",
    [
        "Thread.objects.filter(pk=1).update(score=2)",
        "Thread.objects.create(title='x')",
        "Board.objects.get_or_create(slug='x')",
        "thread.save(update_fields=['title'])",
        "post.delete()",
        "user.groups.add(group)",
        "thread.posts.create(body='x')",
        "Vote.objects.bulk_create(rows)",
    ],
)
def test_the_write_finder_sees_each_kind_of_write(source):
    related = related_manager_names()
    finder = _Finder("example.py", related)
    finder.visit(ast.parse(source))
    assert len(finder.found) == 1


@pytest.mark.parametrize(
    "source",
    [
        "cache.set('k', 1)",
        "_client().v1.refunds.create(params={})",
        "cache.delete('k')",
        "seen.add(1)",
        "rows.update({'a': 1})",
        "storage.delete(name)",
        "super().save(*args)",
        "Thread.objects.filter(pk=1).values_list('id')",
    ],
)
def test_the_write_finder_leaves_reads_and_non_models_alone(source):
    finder = _Finder("example.py", related_manager_names())
    finder.visit(ast.parse(source))
    assert finder.found == []


def test_import_contracts_hold():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache", "--config", str(ROOT / "pyproject.toml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
