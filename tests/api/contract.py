"""Contract helpers: every answer the tests get is checked against the served OpenAPI document
(status documented, content type documented, body valid against the schema), and each test says
which operations it covers so that test_coverage can require one for every operation."""

import functools
import json

from jsonschema_rs import (
    Draft202012Validator,
)  # schemathesis's validator (jsonschema itself is not installed)

COVERED: set[tuple[str, str]] = set()


def covers(*operations: str):
    """@covers("GET boards", "POST boards/{slug}/threads"): the operations this test exercises."""
    for operation in operations:
        method, _, path = operation.partition(" ")
        COVERED.add((method.lower(), "/api/v1/" + path))

    def decorator(test):
        return test

    return decorator


@functools.cache
def document() -> dict:
    from api.main import api

    return json.loads(json.dumps(api.get_openapi_schema()))


def operations() -> set[tuple[str, str]]:
    return {(method, path) for path, item in document()["paths"].items() for method in item}


def check(response, operation: str):
    """Assert ``response`` is what the document says ``operation`` answers; return its JSON body."""
    method, _, path = operation.partition(" ")
    spec = document()["paths"]["/api/v1/" + path][method.lower()]
    status = str(response.status_code)
    assert status in spec["responses"], f"{operation} answered {status}, which it does not document"
    documented = spec["responses"][status]
    if "content" not in documented:
        assert not response.content
        return None
    content_type = response["Content-Type"].split(";")[0].strip()
    assert content_type in documented["content"], f"{operation} {status} answered {content_type}"
    schema = {**documented["content"][content_type]["schema"], "components": document()["components"]}
    if not content_type.endswith("json"):  # text (the CSV export): a string, as documented
        body = b"".join(response.streaming_content if response.streaming else [response.content]).decode()
        errors = list(Draft202012Validator(schema).iter_errors(body))
        assert not errors, f"{operation} {status}: {errors[0].message}"
        return body
    body = json.loads(response.content)
    errors = list(Draft202012Validator(schema).iter_errors(body))
    assert not errors, f"{operation} {status}: {errors[0].message} at {list(errors[0].instance_path)}"
    return body
