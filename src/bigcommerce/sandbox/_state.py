"""The sandbox store's in-memory state: tables, credentials, quota, faults, log."""

from __future__ import annotations

import copy
import math
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from bigcommerce.sandbox import _tokens
from bigcommerce.sandbox._seed import build_seed

Record = dict[str, Any]

TABLES = (
    "products",
    "variants",
    "images",
    "custom_fields",
    "options",
    "option_sets",
    "categories",
    "brands",
    "customers",
    "addresses",
    "orders",
    "order_products",
    "shipments",
)

# Large enough that test suites and the demo never reach it.
DEFAULT_QUOTA = 1_000_000
DEFAULT_WINDOW_MS = 30_000
REQUEST_LOG_SIZE = 2_000
MASK = "***"
SECRET_HEADERS = frozenset({"x-auth-token", "authorization", "sf-api-token"})
# RFC 9110 tokens, and field values as h11 sends them: Latin-1, no line breaks.
HEADER_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
HEADER_VALUE = re.compile(r"[\t\x20-\x7e\x80-\xff]*")


@dataclass
class Fault:
    """A canned response that replaces the next `count` matching requests."""

    status: int
    count: int = 1
    headers: dict[str, str] = field(default_factory=dict)
    body: str = ""
    content_type: str = "application/json"
    path_prefix: str = "/"
    method: str | None = None
    delay: float = 0.0

    def matches(self, method: str, path: str) -> bool:
        if not path.startswith(self.path_prefix):
            return False
        return self.method is None or self.method.upper() == method.upper()


@dataclass
class RateLimitStatus:
    """The outcome of counting one request against the quota."""

    allowed: bool
    quota: int
    left: int
    window_ms: int
    reset_ms: int

    def headers(self) -> dict[str, str]:
        return {
            "X-Rate-Limit-Time-Window-Ms": str(self.window_ms),
            "X-Rate-Limit-Time-Reset-Ms": str(self.reset_ms),
            "X-Rate-Limit-Requests-Quota": str(self.quota),
            "X-Rate-Limit-Requests-Left": str(self.left),
        }


class SandboxStore:
    """An emulated BigCommerce store: catalogue, customers and orders in memory.

    v2 and v3 routes read and write the same tables, so a product created
    through one API version is visible through the other. `clock` returns
    seconds (like `time.time`) and drives dates, the rate-limit window and
    minted tokens, so tests can control time.
    """

    def __init__(
        self,
        seed: bool = True,
        *,
        store_hash: str = "sandbox",
        access_token: str = "sandbox-token",
        client_id: str = "sandbox-client-id",
        client_secret: str = "sandbox-client-secret-0123456789abcdef",
        basic_auth: tuple[str, str] = ("admin", "sandbox-api-key"),
        quota: int = DEFAULT_QUOTA,
        window_ms: int = DEFAULT_WINDOW_MS,
        clock: Callable[[], float] | None = None,
    ) -> None:
        if quota < 1:
            raise ValueError(f"quota must be at least 1, got {quota!r}")
        if window_ms < 1:
            raise ValueError(f"window_ms must be at least 1, got {window_ms!r}")
        self.seeded = seed
        self.store_hash = store_hash
        self.access_token = access_token
        self.client_id = client_id
        self.client_secret = client_secret
        self.basic_auth = basic_auth
        self.quota = quota
        self.window_ms = window_ms
        self.clock: Callable[[], float] = clock or time.time
        self.lock = threading.RLock()
        self.tables: dict[str, dict[int, Record]] = {}
        self.next_ids: dict[str, int] = {}
        self.install_codes: dict[str, _tokens.InstallCode] = {}
        self._faults: list[Fault] = []
        self._log: deque[dict[str, Any]] = deque(maxlen=REQUEST_LOG_SIZE)
        self._window_start = 0.0
        self._window_used = 0
        self.reset()

    # -- state -------------------------------------------------------------

    def reset(self) -> None:
        """Restore the seeded state (or the empty one) and clear every counter."""
        with self.lock:
            tables = copy.deepcopy(_seed_tables()) if self.seeded else {}
            self.tables = {name: tables.get(name, {}) for name in TABLES}
            self.next_ids = {
                name: max(rows, default=_FIRST_IDS.get(name, 1) - 1) + 1
                for name, rows in self.tables.items()
            }
            self.install_codes.clear()
            self._faults.clear()
            self._log.clear()
            self._window_start = self.clock()
            self._window_used = 0

    def now(self) -> datetime:
        """Return the store clock's current time, to the second, in UTC."""
        return datetime.fromtimestamp(int(self.clock()), timezone.utc)

    def table(self, name: str) -> dict[int, Record]:
        return self.tables[name]

    def new_id(self, name: str) -> int:
        with self.lock:
            value = self.next_ids[name]
            self.next_ids[name] = value + 1
            return value

    # -- rate limit --------------------------------------------------------

    def count_request(self) -> RateLimitStatus:
        """Count one request in the current fixed window and report the quota."""
        with self.lock:
            now = self.clock()
            window_s = self.window_ms / 1000
            if now - self._window_start >= window_s:
                elapsed_windows = int((now - self._window_start) // window_s)
                self._window_start += elapsed_windows * window_s
                self._window_used = 0
            reset_ms = max(0, int((self._window_start + window_s - now) * 1000))
            allowed = self._window_used < self.quota
            if allowed:
                self._window_used += 1
            left = self.quota - self._window_used
            return RateLimitStatus(allowed, self.quota, left, self.window_ms, reset_ms)

    # -- faults ------------------------------------------------------------

    def add_fault(
        self,
        status: int,
        count: int = 1,
        *,
        headers: Mapping[str, str] | None = None,
        body: str = "",
        content_type: str = "application/json",
        path_prefix: str = "/",
        method: str | None = None,
        delay: float = 0.0,
    ) -> Fault:
        """Make the next `count` requests under `path_prefix` get this response."""
        _check_fault(
            status, count, headers, body, content_type, path_prefix, method, delay
        )
        fault = Fault(
            status=status,
            count=count,
            headers=dict(headers or {}),
            body=body,
            content_type=content_type,
            path_prefix=path_prefix,
            method=method,
            delay=delay,
        )
        with self.lock:
            self._faults.append(fault)
        return fault

    def clear_faults(self) -> None:
        with self.lock:
            self._faults.clear()

    def take_fault(self, method: str, path: str) -> Fault | None:
        """Consume one use of the first fault matching this request, if any."""
        with self.lock:
            for fault in self._faults:
                if fault.matches(method, path):
                    fault.count -= 1
                    if fault.count <= 0:
                        self._faults.remove(fault)
                    return fault
        return None

    @property
    def faults(self) -> list[Fault]:
        with self.lock:
            return list(self._faults)

    # -- request log -------------------------------------------------------

    def log_request(
        self,
        method: str,
        path: str,
        query: str,
        status: int,
        headers: Mapping[str, str],
    ) -> None:
        masked = {
            name: MASK if name.lower() in SECRET_HEADERS else value
            for name, value in headers.items()
        }
        entry = {
            "method": method,
            "path": path,
            "query": query,
            "status": status,
            "headers": masked,
        }
        with self.lock:
            self._log.append(entry)

    @property
    def requests(self) -> list[dict[str, Any]]:
        """The logged API requests, oldest first, with secret headers masked."""
        with self.lock:
            return list(self._log)

    def clear_requests(self) -> None:
        with self.lock:
            self._log.clear()

    # -- OAuth and callback helpers ---------------------------------------

    def mint_install_code(
        self,
        scope: str = "store_v2_products store_v2_orders",
        redirect_uri: str = "https://app.example/auth",
        context: str | None = None,
    ) -> str:
        """Create a one-use authorization code for `POST /oauth2/token`."""
        return _tokens.mint_install_code(self, scope, redirect_uri, context)

    def mint_signed_payload_jwt(self, **options: Any) -> str:
        """Build a `signed_payload_jwt` as the control panel sends to app callbacks.

        See `bigcommerce.sandbox._tokens.signed_payload_jwt_claims` for the
        keyword arguments; any other keyword overrides or adds a claim.
        """
        return _tokens.mint_signed_payload_jwt(self, **options)

    def mint_signed_payload(self, **options: Any) -> str:
        """Build a legacy `signed_payload`: base64(JSON) "." base64(hex HMAC)."""
        return _tokens.mint_signed_payload(self, **options)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_header(name: str, value: Any) -> None:
    if not isinstance(name, str) or not HEADER_NAME.fullmatch(name):
        raise ValueError(f"fault header name {name!r} is not a valid HTTP token")
    if not isinstance(value, str) or not HEADER_VALUE.fullmatch(value):
        raise ValueError(
            f"fault header {name} has the invalid value {value!r}: use a string "
            "of Latin-1 characters without line breaks"
        )


def _check_fault(
    status: Any,
    count: Any,
    headers: Any,
    body: Any,
    content_type: Any,
    path_prefix: Any,
    method: Any,
    delay: Any,
) -> None:
    """Raise ValueError for a fault setting that could not be served as given."""
    # A 1xx status is informational and cannot end a response.
    if not _is_int(status) or not 200 <= status <= 599:
        raise ValueError(f"fault status must be from 200 to 599, got {status!r}")
    if not _is_int(count) or count < 1:
        raise ValueError(f"fault count must be an integer from 1, got {count!r}")
    if headers is not None and not isinstance(headers, Mapping):
        raise ValueError(f"fault headers must be an object, got {headers!r}")
    for name, value in (headers or {}).items():
        _check_header(name, value)
    _check_header("Content-Type", content_type)
    for name, text in (("body", body), ("path_prefix", path_prefix)):
        if not isinstance(text, str):
            raise ValueError(f"fault {name} must be a string, got {text!r}")
    if status in (204, 304) and body:
        raise ValueError(f"a fault with status {status} cannot have a body")
    if method is not None and not (
        isinstance(method, str) and HEADER_NAME.fullmatch(method)
    ):
        raise ValueError(f"fault method must be an HTTP method or null, got {method!r}")
    if (
        not isinstance(delay, (int, float))
        or isinstance(delay, bool)
        or not math.isfinite(delay)
        or delay < 0
    ):
        raise ValueError(f"fault delay must be seconds from 0, got {delay!r}")


# The first id of each sequence in an empty store.
_FIRST_IDS = {
    "products": 77,
    "categories": 18,
    "brands": 35,
    "orders": 100,
}

_SEED_CACHE: dict[str, dict[int, Record]] = {}


def _seed_tables() -> dict[str, dict[int, Record]]:
    if not _SEED_CACHE:
        _SEED_CACHE.update(build_seed())
    return _SEED_CACHE
