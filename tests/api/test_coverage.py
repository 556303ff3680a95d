"""Every operation of the OpenAPI document has a contract test (tests/api/contract.py: covers)."""

import importlib
import pkgutil

import tests.api
from tests.api.contract import COVERED, operations


def test_every_operation_has_a_contract_test():
    for module in pkgutil.walk_packages(tests.api.__path__, "tests.api."):
        if module.name.rsplit(".", 1)[-1].startswith("test_"):
            importlib.import_module(module.name)
    missing = sorted(operations() - COVERED)
    assert not missing, f"operations without a contract test: {missing}"
    unknown = sorted(COVERED - operations())
    assert not unknown, f"tests claim operations the document does not have: {unknown}"
