"""schemathesis against the served OpenAPI document (make test-api; marker ``api_fuzz``, left out of
make test): every operation, signed out and with a token, with bounded examples. No answer may be a
5xx, and every answer must be documented: its status, its content type and its body's schema."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.data import seed_api_data

pytestmark = pytest.mark.api_fuzz

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = 8  # per operation and caller, on top of the boundary cases schemathesis derives from the document


@pytest.fixture(scope="module")
def seeded_once(django_db_setup, django_db_blocker):
    """The data, made once for the module (outside the per-test transactions, which roll back what
    the fuzzing writes)."""
    with django_db_blocker.unblock():
        return seed_api_data()


@pytest.fixture
def seeded(seeded_once, db, settings):
    settings.API_RATE_LIMITS = {"token": (100_000, 60), "anonymous": (100_000, 60), "session": (100_000, 60)}
    return seeded_once


def _schema():
    from api.main import api
    from community.wsgi import application

    loaded = schemathesis.openapi.from_dict(api.get_openapi_schema())
    loaded.app = application
    return loaded


schema = _schema()
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)


@schema.parametrize()
@FUZZ
def test_signed_out(case, seeded):
    case.call_and_validate(checks=CHECKS)


@schema.parametrize()
@FUZZ
def test_with_token(case, seeded):
    case.call_and_validate(checks=CHECKS, headers={"Authorization": f"Bearer {seeded.token}"})


@schema.include(tag="feedback").parametrize()
@FUZZ
def test_as_the_team(case, seeded):
    """The feedback operations with a product team member's feedback:triage token (the triage list,
    its CSV export, bulk status, notes, merges: the member's token only meets their 403s)."""
    case.call_and_validate(checks=CHECKS, headers={"Authorization": f"Bearer {seeded.team_token}"})
