import gzip
import json
import logging
import threading
import warnings
from decimal import Decimal
from urllib.parse import parse_qs

import httpx
import pytest

import bigcommerce as api

TOKEN = "secret-token-123"


class Recorder:
    """A MockTransport handler that serves queued responses and records requests."""

    def __init__(self, *responses):
        self.responses = list(responses)
        self.requests = []

    def __call__(self, request):
        self.requests.append(request)
        response = (
            self.responses.pop(0) if len(self.responses) > 1 else self.responses[0]
        )
        if callable(response):
            return response(request)
        return response

    @property
    def last(self):
        return self.requests[-1]


def oauth(handler, **options):
    return api.OAuthConnection(
        "client-id", "abc123", TOKEN, transport=httpx.MockTransport(handler), **options
    )


def json_response(status, body, **headers):
    return httpx.Response(status, json=body, headers=headers)


# -- requests ---------------------------------------------------------------


def test_oauth_request_headers():
    handler = Recorder(json_response(200, []))
    oauth(handler).get("products", limit=5)
    headers = handler.last.headers
    assert headers["x-auth-token"] == TOKEN
    assert headers["accept"] == "application/json"
    assert headers["accept-encoding"] == "gzip"
    assert headers["user-agent"].startswith(f"bigcommerce-client/{api.__version__}")
    assert "content-type" not in headers


def test_oauth_v2_and_v3_urls():
    handler = Recorder(json_response(200, {"data": []}))
    conn = oauth(handler)
    conn.get("products", 35)
    assert (
        str(handler.last.url)
        == "https://api.bigcommerce.com/stores/abc123/v2/products/35"
    )
    conn.v3.get("catalog/products", 35)
    assert handler.last.url.path == "/stores/abc123/v3/catalog/products/35"


def test_original_two_placeholder_api_path():
    handler = Recorder(json_response(200, {"data": []}))
    conn = api.OAuthConnection(
        "c",
        "abc",
        TOKEN,
        api_path="/stores/{}/v2/{}",
        transport=httpx.MockTransport(handler),
    )
    conn.v3.get("catalog/brands")
    assert handler.last.url.path == "/stores/abc/v3/catalog/brands"


def test_basic_auth_connection():
    handler = Recorder(json_response(200, [{"id": 1}]))
    conn = api.Connection(
        "http://127.0.0.1:8000",
        ("admin", "key-1"),
        transport=httpx.MockTransport(handler),
    )
    assert conn.get("products", 1) == [{"id": 1}]
    request = handler.last
    assert str(request.url) == "http://127.0.0.1:8000/api/v2/products/1"
    assert (
        request.headers["authorization"]
        == httpx.BasicAuth("admin", "key-1")._auth_header
    )
    assert "x-auth-token" not in request.headers


def test_basic_auth_host_without_scheme_uses_https():
    handler = Recorder(json_response(200, []))
    conn = api.Connection(
        "store.example.com", ("u", "k"), transport=httpx.MockTransport(handler)
    )
    conn.get("products")
    assert str(handler.last.url) == "https://store.example.com/api/v2/products"


def test_basic_auth_has_no_v3():
    conn = api.Connection("store.example.com", ("u", "k"))
    with pytest.raises(api.ConfigurationException, match="v2 API only"):
        conn.v3.get("catalog/products")


@pytest.mark.parametrize("auth", [("u",), ("u", ""), "u:k", None])
def test_basic_auth_rejects_bad_credentials(auth):
    with pytest.raises(api.ConfigurationException, match="username, api_key"):
        api.Connection("store.example.com", auth)


def test_create_and_update_send_json():
    handler = Recorder(json_response(201, {"id": 9, "price": "1.5000"}))
    conn = oauth(handler)
    created = conn.create("products", {"name": "x", "price": Decimal("1.50")})
    assert created.id == 9
    assert handler.last.method == "POST"
    assert handler.last.headers["content-type"] == "application/json"
    assert handler.last.content == b'{"name": "x", "price": 1.50}'
    conn.update("products", 9, {"name": "y"})
    assert handler.last.method == "PUT"
    assert handler.last.url.path.endswith("/v2/products/9")


def test_delete_with_filters():
    handler = Recorder(httpx.Response(204))
    assert (
        oauth(handler).v3.delete("catalog/products", params={"id:in": [1, 2]}) is None
    )
    assert handler.last.url.query == b"id:in=1,2"


def test_raw_request_relative_and_absolute():
    handler = Recorder(json_response(200, {"time": 1}))
    conn = oauth(handler)
    conn.request("GET", "time")
    assert handler.last.url.path == "/stores/abc123/v2/time"
    conn.request("get", "/stores/abc123/v3/catalog/summary")
    assert handler.last.method == "GET"
    assert handler.last.url.path == "/stores/abc123/v3/catalog/summary"


def test_query_encoding_on_the_wire():
    handler = Recorder(json_response(200, {"data": [], "meta": {}}))
    oauth(handler).v3.get("catalog/products", is_visible=True, params={"id:in": [1, 2]})
    assert handler.last.url.query == b"is_visible=true&id:in=1,2"


def test_id_filter_through_params():
    handler = Recorder(json_response(200, []))
    oauth(handler).get("products", params={"id": 5, "limit": 1})
    assert parse_qs(handler.last.url.query.decode()) == {"id": ["5"], "limit": ["1"]}


def test_limit_above_maximum_fails_before_sending():
    handler = Recorder(json_response(200, []))
    with pytest.raises(api.ConfigurationException, match="limit=300"):
        oauth(handler).get("products", limit=300)
    assert handler.requests == []


def test_server_413_parsed():
    body = [{"status": 413, "message": "The limit may not exceed 250."}]
    handler = Recorder(json_response(413, body))
    with pytest.raises(api.PayloadTooLargeException) as raised:
        oauth(handler).v3.get("catalog/products", limit=300)
    assert raised.value.errors == body
    assert "may not exceed 250" in raised.value.message


# -- configuration ----------------------------------------------------------


def test_environment_configuration(monkeypatch):
    monkeypatch.setenv("BIGCOMMERCE_STORE_HASH", "envhash")
    monkeypatch.setenv("BIGCOMMERCE_ACCESS_TOKEN", "env-token")
    monkeypatch.setenv("BIGCOMMERCE_CLIENT_ID", "env-client")
    monkeypatch.setenv("BIGCOMMERCE_API_URL", "http://127.0.0.1:9")
    handler = Recorder(json_response(200, []))
    conn = api.OAuthConnection(transport=httpx.MockTransport(handler))
    conn.get("products")
    assert str(handler.last.url) == "http://127.0.0.1:9/stores/envhash/v2/products"
    assert handler.last.headers["x-auth-token"] == "env-token"
    assert conn.client_id == "env-client"


def test_arguments_beat_environment(monkeypatch):
    monkeypatch.setenv("BIGCOMMERCE_STORE_HASH", "envhash")
    monkeypatch.setenv("BIGCOMMERCE_API_URL", "http://127.0.0.1:9")
    conn = api.OAuthConnection("c", "arghash", "t", api_url="http://127.0.0.1:7")
    assert conn.store_hash == "arghash"
    assert conn.api_url == "http://127.0.0.1:7"


def test_defaults(monkeypatch):
    for name in ("BIGCOMMERCE_API_URL", "BIGCOMMERCE_LOGIN_URL"):
        monkeypatch.delenv(name, raising=False)
    conn = api.OAuthConnection("c", "h", "t")
    assert conn.api_url == "https://api.bigcommerce.com"
    assert conn.login_url == "https://login.bigcommerce.com"


def test_missing_store_hash(monkeypatch):
    monkeypatch.delenv("BIGCOMMERCE_STORE_HASH", raising=False)
    with pytest.raises(api.ConfigurationException, match="BIGCOMMERCE_STORE_HASH"):
        api.OAuthConnection("c")


def test_missing_token_fails_before_sending(monkeypatch):
    monkeypatch.delenv("BIGCOMMERCE_ACCESS_TOKEN", raising=False)
    handler = Recorder(json_response(200, []))
    conn = api.OAuthConnection("c", "h", transport=httpx.MockTransport(handler))
    with pytest.raises(api.ConfigurationException, match="fetch_token"):
        conn.get("products")
    assert handler.requests == []


def test_configuration_exception_is_value_error():
    assert issubclass(api.ConfigurationException, ValueError)


@pytest.mark.parametrize(
    "options",
    [{"timeout": 0}, {"timeout": "5"}, {"max_retries": -1}, {"max_retries": 1.5}],
)
def test_invalid_options_rejected(options):
    with pytest.raises(api.ConfigurationException):
        api.OAuthConnection("c", "h", "t", **options)


def test_http_client_and_transport_are_exclusive():
    with pytest.raises(api.ConfigurationException, match="not both"):
        api.OAuthConnection(
            "c",
            "h",
            "t",
            http_client=httpx.Client(),
            transport=httpx.MockTransport(print),
        )


def test_token_not_in_repr():
    conn = api.OAuthConnection("c", "h", TOKEN)
    assert TOKEN not in repr(conn)
    assert TOKEN not in repr(conn.v3)
    basic = api.Connection("store.example.com", ("admin", "api-key-999"))
    assert "api-key-999" not in repr(basic)


def test_with_options_shares_transport_and_overrides_timeout():
    handler = Recorder(json_response(200, []))
    conn = oauth(handler)
    quick = conn.with_options(timeout=2.5)
    quick.get("products")
    assert handler.last.extensions["timeout"]["read"] == 2.5
    conn.get("products")
    assert handler.last.extensions["timeout"]["read"] == 60.0
    assert quick._session is conn._session


def test_with_options_on_v3_view():
    handler = Recorder(json_response(200, {"data": []}))
    view = oauth(handler).v3.with_options(timeout=None)
    view.get("catalog/products")
    assert handler.last.url.path == "/stores/abc123/v3/catalog/products"
    assert handler.last.extensions["timeout"]["read"] is None


def test_context_manager_closes_owned_client():
    conn = oauth(Recorder(json_response(200, [])))
    with conn:
        pass
    assert conn._session.client.is_closed


def test_caller_http_client_left_open():
    client = httpx.Client(
        transport=httpx.MockTransport(Recorder(json_response(200, [])))
    )
    with api.OAuthConnection("c", "h", "t", http_client=client) as conn:
        conn.get("products")
    assert not client.is_closed
    client.close()


# -- responses --------------------------------------------------------------


def test_v3_list_unwrapped_with_meta():
    meta = {"pagination": {"total": 1, "per_page": 50}}
    handler = Recorder(json_response(200, {"data": [{"id": 1}], "meta": meta}))
    result = oauth(handler).v3.get("catalog/products")
    assert isinstance(result, api.ResultList)
    assert result == [{"id": 1}]
    assert result.meta == meta
    assert json.dumps(result) == '[{"id": 1}]'


def test_v3_object_unwrapped_with_meta():
    handler = Recorder(json_response(200, {"data": {"id": 1}, "meta": {}}))
    result = oauth(handler).v3.get("catalog/products", 1)
    assert isinstance(result, api.Mapping)
    assert result == {"id": 1}
    assert result.meta == {}


def test_v3_partial_success_keeps_data_and_errors():
    errors = {"status": 207, "title": "Partial", "errors": {"1": "inventory failed"}}
    body = {"data": [{"id": 1}, {"id": 2}], "errors": errors, "meta": {}}
    handler = Recorder(json_response(207, body))
    with pytest.warns(api.PartialSuccessWarning, match="inventory failed"):
        result = oauth(handler).v3.update("catalog/products", None, [{"id": 1}])
    assert result == [{"id": 1}, {"id": 2}]
    assert result.errors == errors


def test_v2_money_string_kept():
    handler = Recorder(json_response(200, {"price": "225.0000"}))
    assert oauth(handler, decimal=True).get("products", 1).price == "225.0000"


def test_decimal_option_decodes_fractions_exactly():
    content = b'{"data": {"price": 225.1, "id": 3}, "meta": {}}'
    handler = Recorder(httpx.Response(200, content=content))
    result = oauth(handler, decimal=True).v3.get("catalog/products", 3)
    assert result.price == Decimal("225.1")
    assert type(result.id) is int
    assert oauth(handler).v3.get("catalog/products", 3).price == 225.1


def test_delete_204_returns_none_without_warning():
    handler = Recorder(httpx.Response(204))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert oauth(handler).v3.delete("catalog/products", 5) is None


def test_204_on_list_warns_and_reads_as_empty():
    handler = Recorder(httpx.Response(204))
    with pytest.warns(api.EmptyResponseWarning) as record:
        assert oauth(handler).get("products", page=99) == []
    warning = record[0].message
    assert isinstance(warning, api.HttpException)
    assert warning.status_code == 204


def test_204_raises_when_warning_is_an_error():
    handler = Recorder(httpx.Response(204))
    with warnings.catch_warnings():
        warnings.simplefilter("error", api.EmptyResponseWarning)
        with pytest.raises(api.EmptyResponseWarning):
            oauth(handler).get("products")


def test_empty_200_body_is_none():
    assert oauth(Recorder(httpx.Response(200))).update("products", 1, {}) is None


def test_gzip_body_decoded():
    content = gzip.compress(b'[{"id": 1}]')
    response = httpx.Response(
        200, content=content, headers={"content-encoding": "gzip"}
    )
    assert oauth(Recorder(response)).get("products") == [{"id": 1}]


def test_json_with_wrong_content_type_decoded():
    response = httpx.Response(
        200, content=b'[{"id": 1}]', headers={"content-type": "text/html"}
    )
    assert oauth(Recorder(response)).get("products") == [{"id": 1}]


def test_xml_body_raises_with_raw_content():
    content = b"<?xml version='1.0'?><products><product/></products>"
    response = httpx.Response(
        200, content=content, headers={"content-type": "application/xml"}
    )
    handler = Recorder(response)
    with pytest.raises(api.HttpException) as raised:
        oauth(handler).get("products")
    assert raised.value.content == content
    assert raised.value.status_code == 200
    assert "application/xml" in raised.value.message
    assert handler.last.headers["accept"] == "application/json"


def test_html_maintenance_page_on_503():
    content = b"<html><body>Down for maintenance</body></html>"
    response = httpx.Response(
        503, content=content, headers={"content-type": "text/html"}
    )
    with pytest.raises(api.ServerException) as raised:
        oauth(Recorder(response)).get("products")
    assert raised.value.content == content
    assert "maintenance" in raised.value.message


def test_v2_truncation_notice_warns():
    body = [{"id": 1, "__warning__": "The list of skus was truncated."}]
    with pytest.warns(api.ResponseWarning, match="truncated"):
        result = oauth(Recorder(json_response(200, body))).get("products")
    assert result[0]["__warning__"] == "The list of skus was truncated."


# -- errors -----------------------------------------------------------------


def test_v2_not_found():
    body = [{"status": 404, "message": "The requested resource was not found."}]
    with pytest.raises(api.NotFoundException) as raised:
        oauth(Recorder(json_response(404, body))).get("products", 999)
    error = raised.value
    assert isinstance(error, api.ClientRequestException)
    assert error.status_code == 404
    assert error.errors == body
    assert "The requested resource was not found." in str(error)
    assert json.loads(error.content) == body


def test_v3_unprocessable_entity():
    body = {
        "status": 422,
        "title": "Missing Required Fields",
        "type": "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes",
        "errors": {"name": "Please provide a name."},
    }
    with pytest.raises(api.UnprocessableEntityException) as raised:
        oauth(Recorder(json_response(422, body))).v3.create("catalog/products", {})
    error = raised.value
    assert error.errors == {"name": "Please provide a name."}
    assert "Missing Required Fields" in error.message
    assert "name: Please provide a name." in error.message


def test_conflict():
    body = {"status": 409, "title": "The product name is a duplicate", "errors": {}}
    with pytest.raises(api.ConflictException, match="duplicate") as raised:
        oauth(Recorder(json_response(409, body))).v3.create(
            "catalog/products", {"name": "x"}
        )
    assert isinstance(raised.value, api.ClientRequestException)


def test_plain_text_401():
    response = httpx.Response(
        401, content=b"Unauthorized", headers={"content-type": "text/plain"}
    )
    with pytest.raises(api.UnauthorizedException, match="Unauthorized"):
        oauth(Recorder(response)).get("products")


def test_redirect_not_followed():
    response = httpx.Response(301, headers={"location": "https://elsewhere.example/"})
    with pytest.raises(api.RedirectionException, match=r"elsewhere\.example"):
        oauth(Recorder(response)).get("products")


def test_rate_limit_exception_after_retries(monkeypatch):
    response = httpx.Response(
        429, headers={"X-Retry-After": "2", "X-Rate-Limit-Requests-Left": "0"}
    )
    waits = []
    conn = oauth(Recorder(response), max_retries=1, sleep=waits.append)
    with pytest.raises(api.RateLimitingException) as raised:
        conn.get("products")
    assert raised.value.retry_after == 2.0
    assert raised.value.rate_limit.requests_left == 0
    assert len(waits) == 1


def test_http_exception_pickles():
    import pickle

    error = api.NotFoundException(
        "gone", 404, {"a": "b"}, b"x", [{"m": 1}], method="GET"
    )
    clone = pickle.loads(pickle.dumps(error))
    assert type(clone) is api.NotFoundException
    assert clone.status_code == 404
    assert clone.errors == [{"m": 1}]


# -- retries and transport ----------------------------------------------------


def test_rate_limited_get_waits_for_reset_then_returns():
    limited = httpx.Response(
        429,
        headers={
            "X-Rate-Limit-Time-Reset-Ms": "1500",
            "X-Rate-Limit-Requests-Left": "0",
        },
    )
    handler = Recorder(limited, json_response(200, [{"id": 1}]))
    waits = []
    conn = oauth(handler, sleep=waits.append)
    assert conn.get("products") == [{"id": 1}]
    assert len(handler.requests) == 2
    assert 1.5 <= waits[0] <= 1.8


def test_rate_limit_waits_for_longer_hint():
    limited = httpx.Response(
        429, headers={"X-Retry-After": "4", "X-Rate-Limit-Time-Reset-Ms": "1000"}
    )
    waits = []
    oauth(Recorder(limited, json_response(200, [])), sleep=waits.append).get("products")
    assert 4 <= waits[0] <= 4.3


def test_rate_limit_state_updated():
    response = json_response(
        200,
        [],
        **{
            "X-Rate-Limit-Time-Window-Ms": "30000",
            "X-Rate-Limit-Time-Reset-Ms": "1200",
            "X-Rate-Limit-Requests-Quota": "150",
            "X-Rate-Limit-Requests-Left": "149",
        },
    )
    conn = oauth(Recorder(response))
    assert conn.rate_limit is None
    conn.get("products")
    assert conn.rate_limit == api.RateLimit(30000, 1200, 150, 149)
    assert conn.v3.rate_limit == conn.rate_limit


def test_post_not_retried_on_502():
    handler = Recorder(httpx.Response(502), json_response(201, {"id": 1}))
    with pytest.raises(api.ServerException):
        oauth(handler, sleep=lambda s: None).create("orders", {"x": 1})
    assert len(handler.requests) == 1


def test_post_retried_when_opted_in():
    handler = Recorder(httpx.Response(502), json_response(201, {"id": 1}))
    conn = oauth(handler, sleep=lambda s: None).with_options(retry_post=True)
    assert conn.create("orders", {"x": 1}) == {"id": 1}


def test_suspended_store_503_not_retried():
    response = httpx.Response(503, content=b"This store has been suspended.")
    handler = Recorder(response, json_response(200, []))
    with pytest.raises(api.ServerException, match="suspended"):
        oauth(handler, sleep=lambda s: None).get("products")
    assert len(handler.requests) == 1


def test_gateway_timeouts_retried_with_backoff():
    handler = Recorder(
        httpx.Response(504), httpx.Response(504), json_response(200, [1])
    )
    waits = []
    assert oauth(handler, sleep=waits.append).get("products") == [1]
    assert len(waits) == 2
    assert waits[1] > waits[0] * 1.0 or waits[1] >= 0.5


def test_connection_error_wrapped():
    def refuse(request):
        raise httpx.ConnectError("connection refused", request=request)

    conn = oauth(refuse, max_retries=0)
    with pytest.raises(api.ConnectionException, match="connection refused") as raised:
        conn.get("products")
    assert isinstance(raised.value, api.TransportException)
    assert raised.value.method == "GET"


def test_timeout_wrapped_after_retries():
    calls = []

    def slow(request):
        calls.append(request)
        raise httpx.ReadTimeout("timed out", request=request)

    waits = []
    with pytest.raises(api.TimeoutException, match="each of 3 attempts"):
        oauth(slow, max_retries=2, sleep=waits.append).get("products")
    assert len(calls) == 3
    assert len(waits) == 2


def test_timeout_on_post_not_retried():
    calls = []

    def slow(request):
        calls.append(request)
        raise httpx.ReadTimeout("timed out", request=request)

    with pytest.raises(api.TimeoutException):
        oauth(slow, sleep=lambda s: None).create("orders", {})
    assert len(calls) == 1


# -- pager --------------------------------------------------------------------


def test_pager_reads_sub_resource_past_250():
    skus = [{"id": i, "sku": f"SKU-{i}"} for i in range(1, 261)]

    def serve(request):
        query = parse_qs(request.url.query.decode())
        page, limit = int(query["page"][0]), int(query["limit"][0])
        assert query["is_visible"] == ["true"]
        rows = skus[(page - 1) * limit : page * limit]
        return json_response(200, rows) if rows else httpx.Response(204)

    handler = Recorder(serve)
    pager = oauth(handler).iterate("products/1/skus", is_visible=True)
    assert len(list(pager)) == 260
    assert len(handler.requests) == 2
    assert pager.pages_read == 2


def test_pager_stops_on_204():
    handler = Recorder(
        json_response(200, [{"id": i} for i in range(5)]), httpx.Response(204)
    )
    assert len(list(oauth(handler).iterate("products", limit=5))) == 5
    assert len(handler.requests) == 2


def test_pager_cursor_pagination():
    first = {
        "data": [{"id": 1}, {"id": 2}],
        "meta": {
            "pagination": {"per_page": 2, "total": 3},
            "cursor_pagination": {
                "end_cursor": "aWQ6Nw==",
                "links": {"next": "?after=aWQ6Nw==&limit=2"},
            },
        },
    }
    last = {
        "data": [{"id": 3}],
        "meta": {"cursor_pagination": {"end_cursor": "aWQ6OA==", "links": {}}},
    }
    handler = Recorder(json_response(200, first), json_response(200, last))
    ids = [customer.id for customer in oauth(handler).v3.iterate("customers", limit=2)]
    assert ids == [1, 2, 3]
    assert parse_qs(handler.requests[1].url.query.decode()) == {
        "limit": ["2"],
        "after": ["aWQ6Nw=="],
    }


def serve_v2_rows(total):
    """A v2 list endpoint over ids 1..total, paged by page and limit."""

    def serve(request):
        query = parse_qs(request.url.query.decode())
        page, limit = int(query["page"][0]), int(query["limit"][0])
        rows = [{"id": i} for i in range(1, total + 1)][(page - 1) * limit :][:limit]
        return json_response(200, rows) if rows else httpx.Response(204)

    return serve


def test_pager_max_items_and_position():
    handler = Recorder(serve_v2_rows(11))
    pager = oauth(handler).iterate("products", limit=11, max_items=3)
    assert [item["id"] for item in pager] == [0 + 1, 2, 3]
    assert pager.position == 1
    assert len(handler.requests) == 1


def test_pager_resumed_mid_page_loses_nothing():
    conn = oauth(Recorder(serve_v2_rows(25)))
    first = conn.iterate("products", limit=10, max_items=15)
    seen = [item.id for item in first]
    assert first.position == 2
    resumed = conn.iterate("products", limit=10, start=first.position)
    seen += [item.id for item in resumed]
    assert set(seen) == set(range(1, 26))


def test_pager_position_after_whole_page():
    conn = oauth(Recorder(serve_v2_rows(25)))
    pager = conn.iterate("products", limit=10, max_items=10)
    assert len(list(pager)) == 10
    assert pager.position == 2


def test_pager_stops_when_cursors_loop():
    def serve(request):
        after = parse_qs(request.url.query.decode()).get("after", [""])[0]
        following = {"": "A", "A": "B", "B": "A"}[after]
        meta = {
            "cursor_pagination": {
                "end_cursor": following,
                "links": {"next": f"?after={following}"},
            }
        }
        rows = [{"id": f"{after}-{i}"} for i in range(2)]
        return json_response(200, {"data": rows, "meta": meta})

    handler = Recorder(serve)
    items = list(oauth(handler).v3.iterate("customers", limit=2))
    assert len(items) == 6
    assert len(handler.requests) == 3


def test_pager_per_page_above_limit_not_short():
    def serve(request):
        page = int(parse_qs(request.url.query.decode()).get("page", ["1"])[0])
        rows = [{"id": page * 10 + i} for i in range(5 if page == 1 else 2)]
        meta = {"pagination": {"per_page": 1000}}
        return json_response(200, {"data": rows, "meta": meta})

    handler = Recorder(serve)
    assert len(list(oauth(handler).v3.iterate("catalog/products", limit=5))) == 7


def test_pager_on_page_progress():
    handler = Recorder(json_response(200, [{"id": 1}]))
    seen = []
    list(
        oauth(handler).iterate(
            "products", on_page=lambda pager, page: seen.append(len(page))
        )
    )
    assert seen == [1]


def test_pager_rejects_page_filter():
    with pytest.raises(api.ConfigurationException, match="start="):
        oauth(Recorder(json_response(200, []))).iterate("products", page=2)


def test_pager_rejects_limit_above_maximum():
    with pytest.raises(api.ConfigurationException, match="limit=251"):
        oauth(Recorder(json_response(200, []))).iterate("products", limit=251)


# -- OAuth --------------------------------------------------------------------


def test_fetch_token_posts_form_without_store_token():
    token_body = {
        "access_token": "new-token",
        "scope": "store_v2_products",
        "user": {"id": 1, "username": "a", "email": "a@example.com"},
        "context": "stores/abc123",
    }
    handler = Recorder(json_response(200, token_body), json_response(200, []))
    conn = api.OAuthConnection(
        "client-id",
        "abc123",
        login_url="http://127.0.0.1:5",
        transport=httpx.MockTransport(handler),
    )
    token = conn.fetch_token(
        "client-secret",
        "the-code",
        "stores/abc123",
        "store_v2_products",
        "https://app.example/auth",
    )
    exchange = handler.requests[0]
    assert str(exchange.url) == "http://127.0.0.1:5/oauth2/token"
    assert exchange.method == "POST"
    assert exchange.headers["content-type"] == "application/x-www-form-urlencoded"
    assert "x-auth-token" not in exchange.headers
    assert parse_qs(exchange.content.decode()) == {
        "client_id": ["client-id"],
        "client_secret": ["client-secret"],
        "code": ["the-code"],
        "context": ["stores/abc123"],
        "scope": ["store_v2_products"],
        "grant_type": ["authorization_code"],
        "redirect_uri": ["https://app.example/auth"],
    }
    assert token.user.email == "a@example.com"
    conn.get("products")
    assert handler.last.headers["x-auth-token"] == "new-token"


def test_fetch_token_invalid_grant():
    handler = Recorder(json_response(400, {"error": "invalid_grant"}))
    conn = api.OAuthConnection("c", "abc", transport=httpx.MockTransport(handler))
    with pytest.raises(api.ClientRequestException, match="invalid_grant"):
        conn.fetch_token("s", "code", "stores/abc", "scope", "https://app.example/auth")
    assert conn.access_token is None


def test_fetch_token_html_page_is_not_a_token():
    page = httpx.Response(
        200, content=b"<html>Log in</html>", headers={"content-type": "text/html"}
    )
    conn = api.OAuthConnection(
        "c", "abc", transport=httpx.MockTransport(Recorder(page))
    )
    with pytest.raises(api.HttpException, match="HTML"):
        conn.fetch_token("s", "code", "stores/abc", "scope", "https://app.example/auth")
    assert conn.access_token is None


def test_fetch_token_accepts_full_token_url():
    handler = Recorder(json_response(200, {"access_token": "t2"}))
    conn = api.OAuthConnection("c", "abc", transport=httpx.MockTransport(handler))
    conn.fetch_token(
        "s",
        "code",
        "stores/abc",
        "scope",
        "https://app.example/auth",
        "http://127.0.0.1:6/oauth2/token",
    )
    assert str(handler.last.url) == "http://127.0.0.1:6/oauth2/token"


# -- threads and logging --------------------------------------------------------


def test_two_stores_from_eight_threads():
    seen = []

    def echo(request):
        seen.append((request.headers["x-auth-token"], request.url.path))
        return json_response(200, [])

    transport = httpx.MockTransport(echo)
    first = api.OAuthConnection("c", "storeone", "token-one", transport=transport)
    second = api.OAuthConnection("c", "storetwo", "token-two", transport=transport)

    def work(conn):
        for _ in range(25):
            conn.get("products")

    threads = [
        threading.Thread(target=work, args=((first, second)[i % 2],)) for i in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 200
    for token, path in seen:
        expected = "/stores/storeone/" if token == "token-one" else "/stores/storetwo/"
        assert path.startswith(expected)


def test_logs_one_line_per_request_without_secrets(caplog):
    body = {"access_token": "leaked?", "name": "x"}
    handler = Recorder(json_response(200, body))
    with caplog.at_level(logging.DEBUG, logger="bigcommerce"):
        oauth(handler).get("products", 1)
    text = caplog.text
    assert "GET /stores/abc123/v2/products/1 200" in text
    assert TOKEN not in text
    assert "leaked?" not in text


def test_v2_order_date_filter_on_the_wire():
    import datetime as dt

    handler = Recorder(json_response(200, []))
    when = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
    oauth(handler).get("orders", min_date_created=when)
    raw_query = handler.last.url.query.decode()
    assert raw_query == "min_date_created=Tue,%2002%20Jan%202024%2003:04:05%20%2B0000"
    assert parse_qs(raw_query) == {
        "min_date_created": ["Tue, 02 Jan 2024 03:04:05 +0000"]
    }


def test_log_level_from_environment(monkeypatch):
    from bigcommerce import _logging

    monkeypatch.setenv("BIGCOMMERCE_LOG", "debug")
    before = list(_logging.logger.handlers)
    try:
        _logging._configure_from_environment()
        added = [h for h in _logging.logger.handlers if h not in before]
        assert len(added) == 1
        assert _logging.logger.level == logging.DEBUG
    finally:
        _logging.logger.handlers[:] = before
        _logging.logger.setLevel(logging.NOTSET)


# -- inputs that would reach the wrong resource or leak ------------------------


@pytest.mark.parametrize("bad_id", [".", ".."])
def test_dot_ids_rejected_before_sending(bad_id):
    handler = Recorder(httpx.Response(204))
    with pytest.raises(api.ConfigurationException, match="not a valid id"):
        oauth(handler).delete("orders", bad_id)
    assert handler.requests == []


def test_dot_segment_in_resource_rejected():
    handler = Recorder(httpx.Response(204))
    with pytest.raises(api.ConfigurationException, match="segment"):
        oauth(handler).get("products/../images")
    assert handler.requests == []


@pytest.mark.parametrize("store_hash", ["..", "a b?c", "abc/def", "abc%2F"])
def test_store_hash_must_be_plain(store_hash):
    with pytest.raises(api.ConfigurationException, match="store_hash"):
        api.OAuthConnection("c", store_hash, "t")


@pytest.mark.parametrize("ids", [[], [None], set()])
def test_empty_list_filter_rejected(ids):
    handler = Recorder(httpx.Response(204))
    with pytest.raises(api.ConfigurationException, match="empty list"):
        oauth(handler).v3.delete("catalog/products", params={"id:in": ids})
    assert handler.requests == []


def test_comma_inside_list_item_rejected():
    with pytest.raises(api.ConfigurationException, match="comma"):
        oauth(Recorder(json_response(200, {"data": []}))).v3.get(
            "catalog/products", params={"name:in": ["Mug, large", "Cup"]}
        )


@pytest.mark.parametrize("token", ["tok\nen", "tok en", "tök", 12345])
def test_malformed_token_rejected_without_quoting(token):
    with pytest.raises(api.ConfigurationException, match="access_token") as raised:
        api.OAuthConnection("c", "abc", token)
    if isinstance(token, str):
        assert token.strip() not in str(raised.value)


def test_token_surrounding_whitespace_stripped():
    handler = Recorder(json_response(200, []))
    conn = api.OAuthConnection(
        "c", "abc", "  tok-1\n", transport=httpx.MockTransport(handler)
    )
    conn.get("products")
    assert handler.last.headers["x-auth-token"] == "tok-1"


def test_credentials_in_api_url_rejected():
    with pytest.raises(api.ConfigurationException, match="password") as raised:
        api.OAuthConnection("c", "abc", "t", api_url="http://user:PW1@127.0.0.1:9")
    assert "PW1" not in str(raised.value)


def test_transport_error_message_redacts_secrets():
    def fail(request):
        raise httpx.ReadError(f"lost while sending {TOKEN}", request=request)

    with pytest.raises(api.ConnectionException) as raised:
        oauth(fail, max_retries=0).get("products")
    assert TOKEN not in str(raised.value)


@pytest.mark.parametrize(
    "options",
    [
        {"retry_post": "no"},
        {"decimal": "false"},
        {"max_wait": "abc"},
        {"max_wait": float("nan")},
        {"max_wait": -1},
        {"timeout": float("nan")},
    ],
)
def test_loose_option_values_rejected(options):
    with pytest.raises(api.ConfigurationException):
        api.OAuthConnection("c", "h", "t", **options)
    with pytest.raises(api.ConfigurationException):
        api.OAuthConnection("c", "h", "t").with_options(**options)


@pytest.mark.parametrize("api_path", ["/x/{}/{}", "/stores/{}", "/a/{}/{}/{}/{}"])
def test_oauth_api_path_placeholders_checked(api_path):
    with pytest.raises(api.ConfigurationException, match="api_path"):
        api.OAuthConnection("c", "h", "t", api_path=api_path)


def test_basic_api_path_placeholders_checked():
    with pytest.raises(api.ConfigurationException, match="api_path"):
        api.Connection("store.example.com", ("u", "k"), api_path="/x/{}/{}")


def test_raw_request_path_must_be_string():
    with pytest.raises(api.ConfigurationException, match="path"):
        oauth(Recorder(json_response(200, []))).request("GET", None)


# -- lifecycle --------------------------------------------------------------------


def test_closing_a_copy_leaves_the_parent_open():
    conn = oauth(Recorder(json_response(200, [])))
    with conn.with_options(timeout=5) as copy:
        copy.get("products")
    with conn.v3 as view:
        view.request("GET", "time")
    assert conn.get("products") == []


def test_request_after_close_raises_clearly():
    conn = oauth(Recorder(json_response(200, [])))
    conn.close()
    with pytest.raises(api.ConfigurationException, match="closed"):
        conn.get("products")


def test_views_reach_each_other():
    handler = Recorder(json_response(200, {"data": []}))
    conn = oauth(handler)
    assert conn.v3.v3.request("GET", "catalog/products") == []
    conn.v3.v2.request("GET", "time")
    assert handler.last.url.path == "/stores/abc123/v2/time"


# -- retries and odd headers ------------------------------------------------------


def test_deleted_after_lost_attempt_reports_success():
    answers = iter(["lost", "gone"])

    def serve(request):
        if next(answers) == "lost":
            raise httpx.ReadTimeout("timed out", request=request)
        return json_response(404, [{"status": 404, "message": "Not found"}])

    assert oauth(serve, sleep=lambda s: None).delete("products", 5) is None


def test_delete_404_after_refused_connection_stands():
    answers = iter(["refused", "gone"])

    def serve(request):
        if next(answers) == "refused":
            raise httpx.ConnectError("refused", request=request)
        return json_response(404, [{"status": 404, "message": "Not found"}])

    with pytest.raises(api.NotFoundException):
        oauth(serve, sleep=lambda s: None).delete("products", 5)


def test_lost_post_warns_of_duplicate():
    def fail(request):
        raise httpx.ReadError("connection reset", request=request)

    with pytest.raises(api.ConnectionException, match="may have been processed"):
        oauth(fail).create("orders", {"x": 1})


@pytest.mark.parametrize("value", ["inf", "1e400", "-inf", "Infinity", "abc", "-1"])
def test_odd_rate_limit_header_values_ignored(value):
    response = json_response(200, [{"id": 1}], **{"X-Rate-Limit-Requests-Left": value})
    conn = oauth(Recorder(response))
    assert conn.get("products") == [{"id": 1}]
    assert conn.rate_limit is None


def test_infinite_reset_on_429_backs_off():
    limited = httpx.Response(429, headers={"X-Rate-Limit-Time-Reset-Ms": "inf"})
    waits = []
    oauth(Recorder(limited, json_response(200, [])), sleep=waits.append).get("products")
    assert len(waits) == 1
    assert waits[0] < 5


def test_repeated_retry_after_takes_the_largest():
    limited = httpx.Response(
        429, headers=[("X-Retry-After", "1"), ("X-Retry-After", "7")]
    )
    waits = []
    oauth(Recorder(limited, json_response(200, [])), sleep=waits.append).get("products")
    assert 7 <= waits[0] < 7.5


def test_wait_above_ceiling_message_names_it():
    limited = httpx.Response(429, headers={"X-Retry-After": "600"})
    with pytest.raises(api.RateLimitingException, match="max_wait=120"):
        oauth(Recorder(limited)).get("products")


def test_exhausted_retries_counted_in_message():
    with pytest.raises(api.ServerException, match="after 2 attempts"):
        oauth(Recorder(httpx.Response(500)), max_retries=1, sleep=lambda s: None).get(
            "products"
        )


# -- odd responses ------------------------------------------------------------------


def test_v3_null_data_with_errors_raises():
    body = {"data": None, "errors": {"title": "Nothing saved", "errors": {"0": "x"}}}
    with pytest.raises(api.HttpException, match="Nothing saved") as raised:
        oauth(Recorder(json_response(200, body))).v3.update(
            "catalog/products", None, [{"id": 1}]
        )
    assert raised.value.errors == body["errors"]


def test_207_without_errors_warns_plainly():
    body = {"data": [{"id": 1}], "meta": {}}
    with pytest.warns(api.PartialSuccessWarning, match="no error details"):
        oauth(Recorder(json_response(207, body))).v3.update(
            "catalog/products", None, [{"id": 1}]
        )


def test_json_with_byte_order_mark_decoded():
    response = httpx.Response(200, content=b'\xef\xbb\xbf[{"id": 1}]')
    assert oauth(Recorder(response)).get("products") == [{"id": 1}]


def test_invalid_utf8_reported_as_invalid_json():
    response = httpx.Response(
        200, content=b'[{"name": "\xff"}]', headers={"content-type": "application/json"}
    )
    with pytest.raises(api.HttpException, match="not valid JSON"):
        oauth(Recorder(response)).get("products")


def test_long_server_text_cut_in_message():
    body = {"status": 422, "title": "x" * 50_000, "errors": {}}
    with pytest.raises(api.UnprocessableEntityException) as raised:
        oauth(Recorder(json_response(422, body))).v3.create("catalog/products", {})
    assert len(raised.value.message) < 1500
    assert raised.value.errors == {}
    assert len(raised.value.content) > 50_000


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ({"status": 400, "errors": "limit is invalid"}, "limit is invalid"),
        ({"title": {"message": "nested title"}}, "nested title"),
        (12, "12"),
        (
            [{"status": 409, "message": "Duplicate", "details": {"conflict": "sku"}}],
            "conflict",
        ),
    ],
)
def test_server_text_of_every_shape_in_message(body, text):
    with pytest.raises(api.ClientRequestException) as raised:
        oauth(Recorder(json_response(409, body))).get("products")
    assert text in raised.value.message


def test_warning_points_at_the_caller():
    with pytest.warns(api.EmptyResponseWarning) as record:
        oauth(Recorder(httpx.Response(204))).get("products")
    assert record[0].filename == __file__


def test_fetch_token_result_repr_hides_token():
    handler = Recorder(json_response(200, {"access_token": "tok-secret-9"}))
    conn = api.OAuthConnection("c", "abc", transport=httpx.MockTransport(handler))
    token = conn.fetch_token("s", "code", "stores/abc", "scope", "https://a.example/")
    assert "tok-secret-9" not in repr(token)
    assert token["access_token"] == "tok-secret-9"
    assert json.loads(json.dumps(token)) == {"access_token": "tok-secret-9"}


def test_debug_log_redacts_credentials_but_not_postal_codes(caplog):
    body = {"code": "install-code-1", "postal_code": "90210", "password": "pw-9"}
    with caplog.at_level(logging.DEBUG, logger="bigcommerce"):
        oauth(Recorder(json_response(200, body))).get("customers", 1)
    assert "install-code-1" not in caplog.text
    assert "pw-9" not in caplog.text
    assert "90210" in caplog.text


def test_api_url_port_out_of_range_rejected():
    with pytest.raises(api.ConfigurationException, match="70000"):
        api.OAuthConnection("c", "abc", "t", api_url="http://127.0.0.1:70000")


def test_short_token_does_not_garble_messages():
    def fail(request):
        raise httpx.ConnectError("refused", request=request)

    conn = api.OAuthConnection(
        "c", "sandbox", "x", transport=httpx.MockTransport(fail), max_retries=0
    )
    with pytest.raises(api.ConnectionException) as raised:
        conn.get("products")
    assert "/stores/sandbox/v2/products" in str(raised.value)


def test_caller_client_redirect_not_followed_with_token():
    seen = []

    def serve(request):
        seen.append(str(request.url))
        if request.url.host == "api.bigcommerce.com":
            return httpx.Response(302, headers={"location": "https://other.invalid/"})
        return json_response(200, [])

    client = httpx.Client(transport=httpx.MockTransport(serve), follow_redirects=True)
    conn = api.OAuthConnection("c", "abc", TOKEN, http_client=client)
    with conn, pytest.raises(api.RedirectionException, match=r"other\.invalid"):
        conn.get("products")
    client.close()
    assert len(seen) == 1
