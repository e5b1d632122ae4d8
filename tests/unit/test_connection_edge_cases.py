"""Edge cases of the connection, pager and results that users run into.

Original-client keywords, resuming a crawl after a failure, rate-limit hints
on exceptions, and settings that must not leak between stores.
"""

import contextlib
import copy
import os
import pickle
import warnings

import httpx
import pytest

import bigcommerce as api

TOKEN = "edge-case-token-123"
ROWS = [{"id": number} for number in range(1, 8)]


class Recorder:
    """A MockTransport handler that records requests and returns one response."""

    def __init__(self, response):
        self.response = response
        self.requests = []

    def __call__(self, request):
        self.requests.append(request)
        if callable(self.response):
            return self.response(request)
        return self.response


def oauth(handler, **options):
    return api.OAuthConnection(
        "client-id",
        "abc123",
        TOKEN,
        transport=httpx.MockTransport(handler),
        sleep=lambda seconds: None,
        **options,
    )


def v2_pages(request):
    page = int(request.url.params.get("page", 1))
    limit = int(request.url.params["limit"])
    rows = ROWS[(page - 1) * limit : page * limit]
    return httpx.Response(200, json=rows) if rows else httpx.Response(204)


def v3_cursor_pages(request):
    offset = int(request.url.params.get("after", 0))
    links = {"next": f"?after={offset + 3}"} if offset + 3 < len(ROWS) else {}
    meta = {"cursor_pagination": {"end_cursor": str(offset + 3), "links": links}}
    return httpx.Response(200, json={"data": ROWS[offset : offset + 3], "meta": meta})


def crawl_until_failure(pager, failing_id):
    """Process rows until processing `failing_id` raises, as a crawler would."""
    processed = []
    with pytest.raises(RuntimeError):
        for row in pager:
            if row["id"] == failing_id:
                raise RuntimeError("processing failed")
            processed.append(row["id"])
    return processed


# -- original client's keyword names ------------------------------------------


def test_delete_rid_keyword_targets_id():
    # v2 DELETE /customers deletes every customer and ignores unknown filters.
    handler = Recorder(httpx.Response(204))
    conn = oauth(handler)
    with contextlib.suppress(api.ConfigurationException):
        conn.delete("customers", rid=5)
    for request in handler.requests:
        assert request.url.path.endswith("/customers/5"), str(request.url)


def test_delete_explicit_none_id_raises():
    handler = Recorder(httpx.Response(204))
    conn = oauth(handler)
    customer = {"name": "no id yet"}
    with pytest.raises(api.ConfigurationException):
        conn.delete("customers", customer.get("id"))
    assert handler.requests == []


def test_get_rid_keyword_fetches_one():
    handler = Recorder(httpx.Response(200, json={"id": 35}))
    conn = oauth(handler)
    try:
        conn.get("products", rid=35)
    except api.ConfigurationException:
        return
    assert handler.requests[-1].url.path.endswith("/products/35")
    assert "rid" not in handler.requests[-1].url.params


def test_update_original_keywords():
    handler = Recorder(httpx.Response(200, json={"id": 35}))
    conn = oauth(handler)
    conn.update("products", rid=35, updates={"name": "Mug"})
    assert handler.requests[-1].url.path.endswith("/products/35")
    assert handler.requests[-1].content == b'{"name": "Mug"}'


def test_rate_limiting_management_not_ignored():
    called = []
    settings = {
        "min_requests_remaining": 10,
        "wait": False,
        "callback_function": lambda: called.append(True),
    }
    response = httpx.Response(
        200,
        json=[],
        headers={
            "X-Rate-Limit-Requests-Left": "2",
            "X-Rate-Limit-Time-Reset-Ms": "1000",
            "X-Rate-Limit-Time-Window-Ms": "30000",
            "X-Rate-Limit-Requests-Quota": "150",
        },
    )
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            conn = oauth(Recorder(response), rate_limiting_management=settings)
    except api.ConfigurationException:
        return
    if caught:
        return
    conn.get("products")
    assert called, "rate_limiting_management was accepted and silently ignored"


def test_http_exception_response_attribute():
    body = [{"status": 404, "message": "The requested resource was not found."}]
    conn = oauth(Recorder(httpx.Response(404, json=body)))
    with pytest.raises(api.NotFoundException) as caught:
        conn.get("products", 5)
    assert caught.value.response.status_code == 404


# -- pager resume ---------------------------------------------------------------


def test_pager_resume_last_row_failure_v2():
    conn = oauth(Recorder(v2_pages))
    pager = conn.iterate("orders", limit=3)
    processed = crawl_until_failure(pager, failing_id=3)
    resumed = [
        row["id"] for row in conn.iterate("orders", limit=3, start=pager.position)
    ]
    assert 3 in processed + resumed


def test_pager_resume_last_row_failure_cursor():
    conn = oauth(Recorder(v3_cursor_pages))
    pager = conn.v3.iterate("customers", limit=3)
    processed = crawl_until_failure(pager, failing_id=6)
    resumed = [
        row["id"] for row in conn.v3.iterate("customers", limit=3, start=pager.position)
    ]
    assert 6 in processed + resumed


# -- rate limiting ----------------------------------------------------------------


def test_rate_limit_retry_after_from_reset():
    # BigCommerce's 429 carries the wait in X-Rate-Limit-Time-Reset-Ms.
    response = httpx.Response(429, headers={"X-Rate-Limit-Time-Reset-Ms": "300000"})
    conn = oauth(Recorder(response))
    with pytest.raises(api.RateLimitingException) as caught:
        conn.get("products")
    assert caught.value.retry_after == pytest.approx(300.0)


def test_rate_limit_exception_pickle_fields():
    state = api.RateLimit(reset_ms=4000, requests_left=0)
    error = api.RateLimitingException(
        "throttled", 429, {}, b"", retry_after=4.0, rate_limit=state
    )
    restored = pickle.loads(pickle.dumps(error))
    assert restored.retry_after == 4.0
    assert restored.rate_limit == state


def test_backoff_above_max_wait_message():
    body = {"status": 503, "title": "busy"}
    conn = oauth(Recorder(httpx.Response(503, json=body)), max_wait=0.1)
    with pytest.raises(api.ServerException) as caught:
        conn.get("products")
    assert "server asked" not in str(caught.value)


# -- responses --------------------------------------------------------------------


def test_null_data_exception_keeps_body():
    content = b'{"data": null, "errors": [{"title": "Nothing was saved"}], "meta": {}}'
    response = httpx.Response(
        200, content=content, headers={"X-Rate-Limit-Requests-Left": "3"}
    )
    conn = oauth(Recorder(response))
    with pytest.raises(api.HttpException) as caught:
        conn.v3.get("catalog/products", 1)
    assert caught.value.content == content
    assert caught.value.headers.get("x-rate-limit-requests-left") == "3"


def test_mapping_copy_method_keeps_type():
    conn = oauth(Recorder(httpx.Response(200, json={"id": 35, "name": "Mug"})))
    product = conn.get("products", 35)
    assert type(copy.copy(product)) is api.Mapping
    assert type(product.copy()) is api.Mapping


# -- connections --------------------------------------------------------------------


def test_view_with_options_v2_keeps_options():
    conn = oauth(Recorder(httpx.Response(200, content=b'[{"price": 1.5}]')))
    exact = conn.v3.with_options(decimal=True)
    rows = exact.v2.get("products")
    assert type(rows[0]["price"]).__name__ == "Decimal"


def test_fetch_token_closed_connection():
    conn = api.OAuthConnection(
        "client-id",
        "abc123",
        transport=httpx.MockTransport(lambda request: httpx.Response(500)),
        login_url="http://127.0.0.1:9",
    )
    conn.close()
    with pytest.raises(api.ConfigurationException):
        conn.fetch_token(
            "secret",
            "code",
            "stores/abc123",
            "store_v2_products",
            "https://app.example/a",
        )


def test_fetch_token_context_of_other_store():
    handler = Recorder(
        httpx.Response(
            200, json={"access_token": "t", "scope": "s", "context": "stores/other"}
        )
    )
    conn = api.OAuthConnection(
        "client-id",
        "abc123",
        transport=httpx.MockTransport(handler),
        login_url="http://127.0.0.1:9",
    )
    try:
        conn.fetch_token(
            "secret",
            "code",
            "stores/other",
            "store_v2_products",
            "https://app.example/a",
        )
    except api.ConfigurationException:
        assert handler.requests == []
        return
    assert conn.store_hash == "other"


def test_env_token_other_store(monkeypatch):
    monkeypatch.setenv("BIGCOMMERCE_STORE_HASH", "storea")
    monkeypatch.setenv("BIGCOMMERCE_ACCESS_TOKEN", "token-of-store-a")
    handler = Recorder(httpx.Response(200, json=[]))
    conn = api.OAuthConnection(
        "client-id", "storeb", transport=httpx.MockTransport(handler)
    )
    try:
        conn.get("products")
    except api.ConfigurationException:
        return
    sent = handler.requests[-1].headers.get("x-auth-token")
    assert sent != os.environ["BIGCOMMERCE_ACCESS_TOKEN"]
