"""Path-level connections: `Connection` (basic auth) and `OAuthConnection`."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Mapping
from typing import Any, Literal

import httpx

from . import _auth
from ._body import encode_body
from ._core import RateLimit, RetryPolicy
from ._exceptions import (
    ConfigurationException,
    ConnectionException,
    HttpException,
    TimeoutException,
)
from ._logging import REDACTED, redact_text
from ._mapping import TokenMapping
from ._paging import DEFAULT_PAGE_LIMIT, Pager, PageState
from ._query import V2_MAX_LIMIT, encode_query, iter_filters, join_path
from ._settings import (
    DEFAULT_API_URL,
    DEFAULT_LOGIN_URL,
    DEFAULT_TIMEOUT,
    STORE_HASH,
    UNSET,
    USER_AGENT,
    Options,
    check_bool,
    check_max_retries,
    check_max_wait,
    check_token,
    environment,
    origin,
    rate_limit_management,
    to_timeout,
)
from ._transport import Session, TokenAuth

__all__ = ["Connection", "OAuthConnection"]


def _resolve_id(id: Any, rid: Any) -> Any:
    """Return the id passed as `id` or as the original client's `rid`, or UNSET."""
    if id is not UNSET and rid is not UNSET:
        raise ConfigurationException(
            "Pass the id once, as id (or rid, the original name), not both."
        )
    return rid if id is UNSET else id


class _Api:
    """The path-level methods, for one API version of one connection."""

    _session: Session
    _options: Options
    _api_version: Literal["v2", "v3"]
    _owns_session = False

    def _base_url(self) -> str:
        raise NotImplementedError

    def _origin_url(self) -> str:
        raise NotImplementedError

    # -- public methods ----------------------------------------------------

    def get(
        self,
        resource: str,
        id: int | str | None = UNSET,
        *,
        params: Mapping[str, Any] | None = None,
        rid: int | str | None = UNSET,
        **filters: Any,
    ) -> Any:
        """Fetch one resource by id, or a list filtered by keyword arguments.

        Filters whose names are not Python identifiers (`id:in`,
        `date_modified:min`) go in `params`. `rid` is the original client's
        name for `id`.
        """
        resource_id = _resolve_id(id, rid)
        if resource_id is UNSET:
            resource_id = None
        return self._call("GET", join_path(resource, resource_id), params, filters)

    def create(
        self,
        resource: str,
        data: Any,
        *,
        params: Mapping[str, Any] | None = None,
    ) -> Any:
        """Create a resource (POST) and return what the API sent back."""
        return self._call("POST", join_path(resource), params, {}, data)

    def update(
        self,
        resource: str,
        id: int | str | None = UNSET,
        data: Any = UNSET,
        *,
        params: Mapping[str, Any] | None = None,
        rid: int | str | None = UNSET,
        updates: Any = UNSET,
    ) -> Any:
        """Update a resource by id (PUT), or a batch on the collection with id=None.

        `rid` and `updates` are the original client's names for `id` and `data`.
        """
        resource_id = _resolve_id(id, rid)
        if resource_id is UNSET:
            raise ConfigurationException(
                "Pass the id to update, or None to update the collection in a batch."
            )
        if (data is UNSET) == (updates is UNSET):
            raise ConfigurationException(
                "Pass the changes once, as data (or updates, the original name)."
            )
        body = updates if data is UNSET else data
        return self._call("PUT", join_path(resource, resource_id), params, {}, body)

    def delete(
        self,
        resource: str,
        id: int | str | None = UNSET,
        *,
        params: Mapping[str, Any] | None = None,
        rid: int | str | None = UNSET,
        **filters: Any,
    ) -> Any:
        """Delete a resource by id, or every resource matching the filters.

        Leaving the id out deletes the whole collection, as the API does. An
        id passed as None raises instead, because a missing value (such as
        `record.get("id")`) must not turn into a delete of every record.
        """
        resource_id = _resolve_id(id, rid)
        if resource_id is None:
            raise ConfigurationException(
                f"delete({resource!r}, None) would delete every record of the "
                "collection; pass the record's id, or leave the id out to delete "
                "the collection on purpose."
            )
        if resource_id is UNSET:
            resource_id = None
        return self._call("DELETE", join_path(resource, resource_id), params, filters)

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> Any:
        """Send any method to any path.

        A path without a leading slash is relative to this version's base
        (`products/5`); one with a leading slash is relative to the API origin
        (`/stores/abc123/v3/catalog/products`).
        """
        if not isinstance(method, str) or not method.isalpha():
            raise ConfigurationException(
                f"method={method!r} is not an HTTP method such as 'GET'."
            )
        if not isinstance(path, str):
            raise ConfigurationException(
                f"path={path!r} must be a string such as 'products/5'."
            )
        if path.startswith("/"):
            url = self._origin_url() + "/" + join_path(path)
        else:
            url = self._base_url() + "/" + join_path(path)
        return self._send(method.upper(), url, params, {}, json, headers)

    def iterate(
        self,
        resource: str,
        *,
        params: Mapping[str, Any] | None = None,
        max_items: int | None = None,
        start: int | str | None = None,
        on_page: Callable[[Pager, Any], None] | None = None,
        **filters: Any,
    ) -> Pager:
        """Iterate lazily over every item of a list, fetching pages as needed.

        The pager always sends an explicit `limit` (the caller's, else 250),
        can resume from `start` (a page number or a cursor, see
        `Pager.position`), stops after `max_items`, and calls
        `on_page(pager, page)` after each page.
        """
        merged = dict(iter_filters(params, filters))
        for reserved in ("page", "after", "before"):
            if merged.get(reserved) is not None:
                raise ConfigurationException(
                    f"{reserved}={merged[reserved]!r} conflicts with iterate(), "
                    "which sets it for each page; pass start= to resume instead."
                )
            merged.pop(reserved, None)
        limit = merged.pop("limit", None)
        if limit is None:
            limit = DEFAULT_PAGE_LIMIT
        encode_query({"limit": limit}, self._api_version, max_limit=self._max_limit())
        if max_items is not None and (
            isinstance(max_items, bool)
            or not isinstance(max_items, int)
            or max_items < 0
        ):
            raise ConfigurationException(
                f"max_items={max_items!r} must be a whole number, 0 or more."
            )
        path = join_path(resource)
        state = PageState(self._api_version, path, limit=int(limit), start=start)

        def fetch(page_params: dict[str, Any]) -> Any:
            url = self._base_url() + "/" + path
            return self._send(
                "GET", url, None, {**merged, **page_params}, empty_expected=True
            )

        return Pager(fetch, state, max_items=max_items, on_page=on_page)

    def with_options(
        self,
        *,
        timeout: Any = UNSET,
        max_retries: Any = UNSET,
        retry_post: Any = UNSET,
        decimal: Any = UNSET,
        max_wait: Any = UNSET,
    ) -> Any:
        """Return a light copy with other per-call settings, sharing the transport."""
        options = self._options
        retry = options.retry
        if max_retries is not UNSET:
            retry = dataclasses.replace(
                retry, max_retries=check_max_retries(max_retries)
            )
        if retry_post is not UNSET:
            retry = dataclasses.replace(
                retry, retry_post=check_bool("retry_post", retry_post)
            )
        if max_wait is not UNSET:
            retry = dataclasses.replace(retry, max_wait=check_max_wait(max_wait))
        if timeout is not UNSET:
            options = dataclasses.replace(options, timeout=to_timeout(timeout))
        if decimal is not UNSET:
            options = dataclasses.replace(
                options, decimal=check_bool("decimal", decimal)
            )
        copy = object.__new__(type(self))
        copy.__dict__.update(self.__dict__)
        copy._options = dataclasses.replace(options, retry=retry)
        # A copy shares the parent's transport, so closing it must not close it.
        copy._owns_session = False
        return copy

    @property
    def rate_limit(self) -> RateLimit | None:
        """The rate-limit state from the latest response, shared by every view."""
        return self._session.rate_limit

    # -- internals -----------------------------------------------------------

    def _max_limit(self) -> int | None:
        return V2_MAX_LIMIT if self._api_version == "v2" else None

    def _call(
        self,
        method: str,
        path: str,
        params: Mapping[str, Any] | None,
        filters: Mapping[str, Any],
        body: Any = None,
    ) -> Any:
        return self._send(method, self._base_url() + "/" + path, params, filters, body)

    def _send(
        self,
        method: str,
        url: str,
        params: Mapping[str, Any] | None,
        filters: Mapping[str, Any],
        body: Any = None,
        extra_headers: Mapping[str, str] | None = None,
        *,
        empty_expected: bool = False,
    ) -> Any:
        query = encode_query(
            dict(iter_filters(params, filters)),
            self._api_version,
            max_limit=self._max_limit(),
        )
        self._check_ready()
        headers = dict(self._session.headers)
        content = None
        if body is not None:
            content = encode_body(body, self._api_version)
            headers["Content-Type"] = "application/json"
        if extra_headers:
            headers.update(extra_headers)
        full_url = f"{url}?{query}" if query else url
        request = self._session.client.build_request(
            method,
            full_url,
            headers=headers,
            content=content,
            timeout=self._options.timeout,
        )
        return self._session.send(
            request, self._api_version, self._options, empty_expected
        )

    def _check_ready(self) -> None:
        """Raise ConfigurationException when a request cannot be sent yet."""

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the transport, unless the caller passed it in.

        Views (`conn.v3`) and `with_options()` copies share their parent's
        transport, so closing one of them leaves it open.
        """
        if self._owns_session:
            self._session.close()


class _VersionView(_Api):
    """`conn.v3`: the same methods on another API version, sharing the transport."""

    def __init__(self, parent: _Connection, api_version: Literal["v2", "v3"]) -> None:
        self._parent = parent
        self._session = parent._session
        self._options = parent._options
        self._api_version = api_version

    def _base_url(self) -> str:
        return self._parent._version_url(self._api_version)

    def _origin_url(self) -> str:
        return self._parent._origin_url()

    def _check_ready(self) -> None:
        self._parent._check_ready()

    @property
    def v2(self) -> _Api:
        """The v2 API of the same connection, with this view's settings."""
        return self._sibling("v2")

    @property
    def v3(self) -> _Api:
        """The v3 API of the same connection, with this view's settings."""
        return self._sibling("v3")

    def _sibling(self, api_version: Literal["v2", "v3"]) -> _Api:
        if api_version == self._api_version:
            return self
        view = _VersionView(self._parent, api_version)
        view._options = self._options
        return view

    def __repr__(self) -> str:
        return f"<{self._api_version} view of {self._parent!r}>"


class _Connection(_Api):
    _api_version: Literal["v2", "v3"] = "v2"

    def _init_session(
        self,
        *,
        headers: dict[str, str],
        auth: httpx.Auth | None,
        password: str | None,
        timeout: Any,
        max_retries: int,
        retry_post: bool,
        decimal: bool,
        max_wait: float,
        http_client: httpx.Client | None,
        transport: httpx.BaseTransport | None,
        sleep: Callable[[float], None] | None,
        clock: Callable[[], float] | None,
    ) -> None:
        if http_client is not None and transport is not None:
            raise ConfigurationException(
                "Pass http_client= or transport=, not both: a transport belongs "
                "to the client that was built with it."
            )
        self._options = Options(
            timeout=DEFAULT_TIMEOUT if timeout is UNSET else to_timeout(timeout),
            retry=RetryPolicy(
                max_retries=check_max_retries(max_retries),
                retry_post=check_bool("retry_post", retry_post),
                max_wait=check_max_wait(max_wait),
            ),
            decimal=check_bool("decimal", decimal),
        )
        self._session = Session(
            headers=headers,
            auth=auth,
            password=password,
            http_client=http_client,
            transport=transport,
            sleep=sleep or time.sleep,
            clock=clock or time.monotonic,
        )
        self._owns_session = True

    def _version_url(self, api_version: str) -> str:
        raise NotImplementedError

    def _base_url(self) -> str:
        return self._version_url(self._api_version)

    @property
    def v2(self) -> _Api:
        """The v2 API, sharing this connection's transport and settings."""
        return self if self._api_version == "v2" else _VersionView(self, "v2")

    @property
    def v3(self) -> _Api:
        """The v3 API: envelopes unwrapped, `.meta` on results."""
        return _VersionView(self, "v3")


def _base_headers(user_agent: str | None) -> dict[str, str]:
    return {
        "Accept": "application/json",
        "Accept-Encoding": "gzip",
        "User-Agent": user_agent or USER_AGENT,
    }


class Connection(_Connection):
    """A v2 connection with legacy HTTP Basic credentials (username, API key).

    Legacy credentials reach `https://{host}/api/v2/...` only; v3 needs OAuth.
    `host` may carry a scheme and port, e.g. `http://127.0.0.1:8000`.
    """

    def __init__(
        self,
        host: str,
        auth: tuple[str, str],
        api_path: str = "/api/v2/{}",
        *,
        timeout: Any = UNSET,
        max_retries: int = 3,
        retry_post: bool = False,
        decimal: bool = False,
        max_wait: float = 120.0,
        http_client: httpx.Client | None = None,
        transport: httpx.BaseTransport | None = None,
        user_agent: str | None = None,
        sleep: Callable[[float], None] | None = None,
        clock: Callable[[], float] | None = None,
    ) -> None:
        if not isinstance(host, str):
            raise ConfigurationException(
                f"host={host!r} must be the store's host name or URL."
            )
        if (
            not isinstance(auth, (tuple, list))
            or len(auth) != 2
            or not all(isinstance(part, str) and part for part in auth)
        ):
            raise ConfigurationException(
                "auth must be a (username, api_key) pair of non-empty strings."
            )
        if not isinstance(api_path, str) or api_path.count("{}") != 1:
            raise ConfigurationException(
                f"api_path={api_path!r} must contain one '{{}}' where the resource "
                "goes, such as '/api/v2/{}'."
            )
        self.host = origin(host, "host")
        self.api_path = api_path
        self.username = auth[0]
        self._init_session(
            headers=_base_headers(user_agent),
            auth=httpx.BasicAuth(auth[0], auth[1]),
            password=auth[1],
            timeout=timeout,
            max_retries=max_retries,
            retry_post=retry_post,
            decimal=decimal,
            max_wait=max_wait,
            http_client=http_client,
            transport=transport,
            sleep=sleep,
            clock=clock,
        )

    def _version_url(self, api_version: str) -> str:
        if api_version != "v2":
            raise ConfigurationException(
                "Legacy basic-auth credentials reach the v2 API only; use "
                "OAuthConnection with an access token for v3."
            )
        return self.host + self.api_path.format("").rstrip("/")

    def _origin_url(self) -> str:
        return self.host

    @property
    def v3(self) -> _Api:
        self._version_url("v3")
        raise AssertionError("unreachable")

    def __repr__(self) -> str:
        return (
            f"Connection(host={self.host!r}, username={self.username!r}, "
            f"api_key={REDACTED})"
        )


class OAuthConnection(_Connection):
    """A connection with an OAuth access token (`X-Auth-Token`).

    Arguments left out are read from `BIGCOMMERCE_STORE_HASH`,
    `BIGCOMMERCE_ACCESS_TOKEN`, `BIGCOMMERCE_CLIENT_ID`, `BIGCOMMERCE_API_URL`
    and `BIGCOMMERCE_LOGIN_URL`, then default to the public hosts. `host` is the
    original client's name for the API host; `api_url` may carry a scheme and
    port (`http://127.0.0.1:8000` reaches a local sandbox).
    """

    def __init__(
        self,
        client_id: str | None = None,
        store_hash: str | None = None,
        access_token: str | None = None,
        host: str | None = None,
        api_path: str | None = None,
        rate_limiting_management: Any = None,
        *,
        api_url: str | None = None,
        login_url: str | None = None,
        timeout: Any = UNSET,
        max_retries: int = 3,
        retry_post: bool = False,
        decimal: bool = False,
        max_wait: float = 120.0,
        http_client: httpx.Client | None = None,
        transport: httpx.BaseTransport | None = None,
        user_agent: str | None = None,
        sleep: Callable[[float], None] | None = None,
        clock: Callable[[], float] | None = None,
    ) -> None:
        if host is not None and api_url is not None:
            raise ConfigurationException("Pass api_url= or the older host=, not both.")
        self.client_id = client_id or environment("BIGCOMMERCE_CLIENT_ID")
        # The environment's token belongs to the environment's store, so it is
        # used only when the store hash came from there too.
        token_from_environment = None
        if not store_hash:
            store_hash = environment("BIGCOMMERCE_STORE_HASH")
            token_from_environment = environment("BIGCOMMERCE_ACCESS_TOKEN")
        if not store_hash:
            raise ConfigurationException(
                "No store hash: pass store_hash= or set BIGCOMMERCE_STORE_HASH "
                "(the part after /stores/ in the store's API path)."
            )
        if not isinstance(store_hash, str) or not STORE_HASH.fullmatch(store_hash):
            raise ConfigurationException(
                f"store_hash={store_hash!r} must be the bare hash of letters and "
                "digits, such as 'abc123'."
            )
        if client_id is not None and not isinstance(client_id, str):
            raise ConfigurationException(
                f"client_id must be a string, got {type(client_id).__name__}."
            )
        self.store_hash = store_hash
        self.api_url = origin(
            api_url or host or environment("BIGCOMMERCE_API_URL") or DEFAULT_API_URL,
            "api_url",
        )
        self.login_url = origin(
            login_url or environment("BIGCOMMERCE_LOGIN_URL") or DEFAULT_LOGIN_URL,
            "login_url",
        )
        self.api_path = api_path or "/stores/{}/{}/{}"
        if not isinstance(self.api_path, str) or not (
            self.api_path.count("{}") == 3
            or (self.api_path.count("{}") == 2 and "/v2/" in self.api_path)
        ):
            raise ConfigurationException(
                f"api_path={api_path!r} must be '/stores/{{}}/{{}}/{{}}' (store "
                "hash, version, resource) or the older '/stores/{}/v2/{}'."
            )
        self._user_agent = user_agent or USER_AGENT
        self._init_session(
            headers=_base_headers(user_agent),
            auth=None,
            password=None,
            timeout=timeout,
            max_retries=max_retries,
            retry_post=retry_post,
            decimal=decimal,
            max_wait=max_wait,
            http_client=http_client,
            transport=transport,
            sleep=sleep,
            clock=clock,
        )
        self._session.auth = TokenAuth(self._session)
        self._session.rate_limit_management = rate_limit_management(
            rate_limiting_management
        )
        self.access_token = access_token or token_from_environment
        self.rate_limiting_management = rate_limiting_management

    @property
    def access_token(self) -> str | None:
        """The OAuth access token, shared with every view and with_options() copy."""
        return self._session.token

    @access_token.setter
    def access_token(self, value: str | None) -> None:
        self._session.token = check_token(value)

    def _version_url(self, api_version: str) -> str:
        if self.api_path.count("{}") == 3:
            path = self.api_path.format(self.store_hash, api_version, "")
        else:
            # The original client's two-placeholder form, '/stores/{}/v2/{}'.
            path = self.api_path.format(self.store_hash, "").replace(
                "/v2/", f"/{api_version}/"
            )
        return self.api_url + path.rstrip("/")

    def _origin_url(self) -> str:
        return self.api_url

    def _check_ready(self) -> None:
        if not self.access_token:
            raise ConfigurationException(
                "No access token: pass access_token=, set BIGCOMMERCE_ACCESS_TOKEN "
                "together with BIGCOMMERCE_STORE_HASH, or call fetch_token() with "
                "an install code first."
            )

    def fetch_token(
        self,
        client_secret: str,
        code: str,
        context: str,
        scope: str | list[str] | tuple[str, ...],
        redirect_uri: str,
        login_token_url: str | None = None,
    ) -> TokenMapping:
        """Exchange an install code for an access token and start using it.

        Posts a form to the login host's `/oauth2/token` without any store
        token, and returns the whole response (`access_token`, `scope`,
        `user`, `owner`, `context`, `account_uuid`).
        """
        if not self.client_id:
            raise ConfigurationException(
                "No client id: pass client_id= or set BIGCOMMERCE_CLIENT_ID before "
                "calling fetch_token()."
            )
        login_url = self.login_url
        if login_token_url:
            login_url = origin(login_token_url, "login_token_url")
            suffix = "/oauth2/token"
            if login_url.endswith(suffix):
                login_url = login_url[: -len(suffix)]
        request = _auth.build_token_request(
            login_url,
            client_id=self.client_id,
            client_secret=client_secret,
            code=code,
            context=context,
            scope=scope,
            redirect_uri=redirect_uri,
            user_agent=self._user_agent,
        )
        expected_context = f"stores/{self.store_hash}"
        if context != expected_context:
            raise ConfigurationException(
                f"context={context!r} is for another store than this connection's "
                f"{expected_context!r}; create the connection with the store hash "
                "from the callback's context."
            )
        if self._session.client.is_closed:
            raise ConfigurationException(
                "This connection is closed; create a new one to exchange the code."
            )
        request.extensions["timeout"] = self._options.timeout.as_dict()
        secrets = (client_secret, code)
        try:
            # send() adds no default headers, and auth=None keeps any auth of a
            # caller's client off, so the exchange carries no store credentials.
            # A redirect is reported, never followed: following it would post
            # the client secret and the code to another host.
            response = self._session.client.send(
                request, auth=None, follow_redirects=False
            )
        except httpx.TimeoutException as error:
            raise TimeoutException(
                f"POST {request.url} timed out while exchanging the install code.",
                method="POST",
                url=str(request.url),
            ) from error
        except httpx.TransportError as error:
            raise ConnectionException(
                redact_text(
                    f"POST {request.url} failed while exchanging the install code "
                    f"({type(error).__name__}: {error}).",
                    secrets,
                ),
                method="POST",
                url=str(request.url),
            ) from error
        try:
            token = TokenMapping(_auth.parse_token_response(response))
        except HttpException as error:
            # The login host may echo the form back in its error text.
            error.message = redact_text(error.message, secrets)
            error.args = (error.message,)
            raise
        self.access_token = str(token["access_token"])
        return token

    @staticmethod
    def verify_payload(signed_payload: str, client_secret: str) -> Any:
        """Verify a legacy `signed_payload`; return its claims, or False."""
        return _auth.verify_payload(signed_payload, client_secret)

    @staticmethod
    def verify_payload_jwt(
        signed_payload_jwt: str,
        client_secret: str,
        client_id: str,
        *,
        leeway: float = 10.0,
    ) -> Any:
        """Verify a `signed_payload_jwt`; return its claims, or False."""
        return _auth.verify_payload_jwt(
            signed_payload_jwt, client_secret, client_id, leeway=leeway
        )

    def __repr__(self) -> str:
        token = REDACTED if self.access_token else None
        return (
            f"OAuthConnection(client_id={self.client_id!r}, "
            f"store_hash={self.store_hash!r}, access_token={token}, "
            f"api_url={self.api_url!r})"
        )
