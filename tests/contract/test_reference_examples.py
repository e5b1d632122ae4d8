"""Serve every response example of the official reference to the client.

Each JSON response example of the REST Management API files is served through
`httpx.MockTransport` with its documented status. A 2xx example must come back
as data (v3 envelopes unwrapped, `meta` and `errors` kept as attributes), and
any other status must raise the exception class for that status, carrying the
served bytes and the server's own text. Examples that cannot be served (a
non-JSON media type, a status that is not a single code, a 204) are left out
of the parameters and counted by `test_reference_example_count`.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import httpx
import pytest
from reference import ResponseExample, collect_response_examples, locate_openapi_dir

import bigcommerce

# Measured at 579 examples (502 servable) in the reference of 2026-04-01. The
# floors leave room for edits upstream but catch a loader that finds nothing.
MIN_EXAMPLES = 550
MIN_SERVABLE_EXAMPLES = 480

STORE_HASH = "storehash"
REQUEST_BODY = {"name": "reference example"}

EXCEPTION_FOR_STATUS: dict[int, type[bigcommerce.HttpException]] = {
    400: bigcommerce.BadRequestException,
    401: bigcommerce.UnauthorizedException,
    403: bigcommerce.ForbiddenException,
    404: bigcommerce.NotFoundException,
    409: bigcommerce.ConflictException,
    413: bigcommerce.PayloadTooLargeException,
    422: bigcommerce.UnprocessableEntityException,
    429: bigcommerce.RateLimitingException,
}


def expected_exception(status: int) -> type[bigcommerce.HttpException]:
    if status in EXCEPTION_FOR_STATUS:
        return EXCEPTION_FOR_STATUS[status]
    if 300 <= status < 400:
        return bigcommerce.RedirectionException
    if 400 <= status < 500:
        return bigcommerce.ClientRequestException
    return bigcommerce.ServerException


def reference_params() -> list[Any]:
    openapi_dir = locate_openapi_dir()
    if openapi_dir is None:
        # One placeholder, so that the `openapi_dir` fixture skips or fails.
        return [pytest.param(None, id="reference-missing")]
    params = []
    for example in collect_response_examples(openapi_dir):
        if example.skip_reason is None:
            params.append(pytest.param(example, id=example.test_id))
    return params


def canonical(value: Any) -> str:
    """Return JSON text that distinguishes `true` from `1` and `1.0` from `1`."""
    return json.dumps(value, indent=1, sort_keys=True, ensure_ascii=False)


def truncation_notices(body: Any) -> bool:
    if isinstance(body, dict):
        return "__warning__" in body
    if isinstance(body, list):
        return any(isinstance(item, dict) and "__warning__" in item for item in body)
    return False


def send_example(
    example: ResponseExample, body: bytes
) -> tuple[Any, list[warnings.WarningMessage]]:
    """Serve `body` with the example's status and return the client's result."""
    status = int(example.status)
    expected_url = (
        f"https://api.bigcommerce.com/stores/{STORE_HASH}/"
        f"{example.api_version}/{example.relative_path}"
    )
    requests: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(
            status, content=body, headers={"Content-Type": "application/json"}
        )

    conn = bigcommerce.OAuthConnection(
        "client-id",
        STORE_HASH,
        "token",
        transport=httpx.MockTransport(handler),
        max_retries=0,
    )
    api = conn.v3 if example.api_version == "v3" else conn
    payload = REQUEST_BODY if example.has_request_body else None
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = api.request(example.method, example.relative_path, json=payload)
    finally:
        conn.close()
        assert len(requests) == 1, f"expected one request, sent {len(requests)}"
        assert str(requests[0].url) == expected_url
        assert requests[0].method == example.method
    return result, caught


def check_success(example: ResponseExample, body: bytes) -> None:
    result, caught = send_example(example, body)
    served = json.loads(body)
    categories = {warning.category for warning in caught}

    expected_warnings: set[type[Warning]] = set()
    if truncation_notices(served):
        expected_warnings.add(bigcommerce.ResponseWarning)

    envelope = (
        example.api_version == "v3" and isinstance(served, dict) and "data" in served
    )
    if not envelope:
        assert categories == expected_warnings
        assert canonical(result) == canonical(served)
        return

    # An empty `errors` block means that no item failed, so it brings no warning.
    if example.status == "207" or served.get("errors"):
        expected_warnings.add(bigcommerce.PartialSuccessWarning)
    assert categories == expected_warnings
    data = served["data"]
    assert canonical(result) == canonical(data)
    if isinstance(data, list):
        assert isinstance(result, bigcommerce.ResultList)
    elif isinstance(data, dict):
        assert isinstance(result, bigcommerce.Mapping)
    else:
        # A scalar `data` has no object to carry `meta`, so only an empty
        # `meta` can be dropped without losing anything.
        assert not served.get("meta"), f"meta {served.get('meta')!r} is lost"
        assert not served.get("errors"), f"errors {served.get('errors')!r} are lost"
        return
    assert canonical(result.meta) == canonical(served.get("meta"))
    assert canonical(result.errors) == canonical(served.get("errors"))


def texts_of(entry: Any) -> list[str]:
    if not isinstance(entry, dict):
        return []
    return [
        entry[key]
        for key in ("title", "detail", "message", "error")
        if isinstance(entry.get(key), str) and entry[key].strip()
    ]


def server_texts(served: Any) -> list[str]:
    """Return the human-readable strings that an error body carries.

    These are the top-level strings when there are any. Otherwise they come
    from the nested `error` object, or from the first entry of an `errors` or
    `data` list. A v2 error body is a bare list of entries.
    """
    if isinstance(served, list):
        return texts_of(served[0]) if served else []
    if not isinstance(served, dict):
        return []
    found = texts_of(served)
    if found:
        return found
    if isinstance(served.get("error"), dict):
        return texts_of(served["error"])
    for key in ("errors", "data"):
        entries = served.get(key)
        if isinstance(entries, list) and entries:
            return texts_of(entries[0])
    return []


def check_error(example: ResponseExample, body: bytes) -> None:
    status = int(example.status)
    with pytest.raises(bigcommerce.HttpException) as raised:
        send_example(example, body)
    error = raised.value
    served = json.loads(body)

    assert type(error) is expected_exception(status)
    assert error.status_code == status
    assert error.content == body
    for text in server_texts(served):
        assert text in error.message
    if isinstance(served, dict) and isinstance(served.get("errors"), (dict, list)):
        assert canonical(error.errors) == canonical(served["errors"])
    if isinstance(served, list):
        assert canonical(error.errors) == canonical(served)


@pytest.mark.parametrize("example", reference_params())
def test_reference_example(example: ResponseExample | None, openapi_dir: Path) -> None:
    assert example is not None, (
        f"The reference at {openapi_dir} was not found when the tests were "
        "collected; set BIGCOMMERCE_OPENAPI_DIR to it."
    )
    body = json.dumps(example.value, ensure_ascii=False).encode("utf-8")
    status = int(example.status)
    if 200 <= status < 300:
        check_success(example, body)
    else:
        check_error(example, body)


def test_reference_example_count(openapi_dir: Path) -> None:
    examples = collect_response_examples(openapi_dir)
    servable = [example for example in examples if example.skip_reason is None]
    assert len(examples) >= MIN_EXAMPLES, f"found only {len(examples)} examples"
    assert len(servable) >= MIN_SERVABLE_EXAMPLES, (
        f"found only {len(servable)} servable examples"
    )
    versions = {example.api_version for example in servable}
    assert versions == {"v2", "v3"}
