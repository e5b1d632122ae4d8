"""Connection settings: defaults, environment variables and argument checks."""

from __future__ import annotations

import dataclasses
import math
import os
import re
from collections.abc import Callable, Mapping
from typing import Any

import httpx

from ._core import RetryPolicy
from ._exceptions import ConfigurationException
from ._version import __version__

DEFAULT_API_URL = "https://api.bigcommerce.com"
DEFAULT_LOGIN_URL = "https://login.bigcommerce.com"
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)
USER_AGENT = f"bigcommerce-client/{__version__} (python; httpx/{httpx.__version__})"


class Unset:
    """Marks an option the caller did not pass, because None is a valid value.

    For `timeout`, None means "no time-out", so it cannot also mean "keep the
    connection's setting".
    """

    def __repr__(self) -> str:
        return "<unset>"


UNSET: Any = Unset()


@dataclasses.dataclass(frozen=True)
class Options:
    timeout: httpx.Timeout
    retry: RetryPolicy
    decimal: bool


def to_timeout(value: Any) -> httpx.Timeout:
    if isinstance(value, httpx.Timeout):
        return value
    if value is None:
        return httpx.Timeout(None)
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not math.isfinite(value)
        or value <= 0
    ):
        raise ConfigurationException(
            f"timeout={value!r} must be a positive number of seconds, an "
            "httpx.Timeout, or None for no time-out."
        )
    return httpx.Timeout(float(value), connect=min(float(value), 5.0))


def check_max_retries(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigurationException(
            f"max_retries={value!r} must be a whole number, 0 or more."
        )
    return value


def check_seconds(name: str, value: Any) -> float:
    """Return a duration or epoch time in seconds as a float.

    Raises ConfigurationException unless it is a finite number, 0 or more.
    """
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not math.isfinite(value)
        or value < 0
    ):
        raise ConfigurationException(
            f"{name}={value!r} must be a finite number of seconds, 0 or more."
        )
    return float(value)


def check_max_wait(value: Any) -> float:
    return check_seconds("max_wait", value)


def check_bool(name: str, value: Any) -> bool:
    # bool("no") is True, so a string from a settings file must not slip through.
    if not isinstance(value, bool):
        raise ConfigurationException(f"{name}={value!r} must be True or False.")
    return value


def check_token(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ConfigurationException(
            f"access_token must be a string, got {type(value).__name__}."
        )
    token = value.strip()
    if not token or any(not " " < character <= "~" for character in token):
        # The token itself is never quoted, not even in this message.
        raise ConfigurationException(
            "access_token contains spaces, control or non-ASCII characters; "
            "check that the whole token was copied, and nothing else."
        )
    return token


def environment(name: str) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or None


def origin(host: Any, setting: str) -> str:
    """Return `scheme://host[:port][/prefix]` for a host that may lack a scheme."""
    if not isinstance(host, str):
        raise ConfigurationException(
            f"{setting} must be a host name or URL string, got {type(host).__name__}."
        )
    text = host.strip().rstrip("/")
    if not text:
        raise ConfigurationException(f"{setting} is empty; pass a host name or URL.")
    if "://" not in text:
        text = f"https://{text}"
    try:
        url = httpx.URL(text)
    except httpx.InvalidURL:
        url = None
    if url is not None and url.userinfo:
        # The value is not quoted: it contains a password.
        raise ConfigurationException(
            f"{setting} contains a user name or password; pass credentials as "
            "auth= or access_token= instead."
        )
    if url is None or url.scheme not in ("http", "https") or not url.host:
        raise ConfigurationException(
            f"{setting}={host!r} is not an http(s) URL or host name."
        )
    if url.port is not None and not 0 < url.port < 65536:
        raise ConfigurationException(
            f"{setting}={host!r} has the port {url.port}, outside 1 to 65535."
        )
    if url.query or url.fragment:
        raise ConfigurationException(
            f"{setting}={host!r} has a query or fragment; pass the origin only, "
            "such as 'https://api.bigcommerce.com'."
        )
    return text


STORE_HASH = re.compile(r"[A-Za-z0-9_-]+")


@dataclasses.dataclass(frozen=True)
class RateLimitManagement:
    """The original client's `rate_limiting_management` setting.

    After a response that leaves `min_requests_remaining` requests or fewer in
    the window, the connection sleeps until the window resets (when `wait` is
    true) and then calls `callback_function(**callback_args)`.
    """

    min_requests_remaining: int = 2
    wait: bool = True
    callback_function: Callable[..., Any] | None = None
    callback_args: Mapping[str, Any] = dataclasses.field(default_factory=dict)


def rate_limit_management(value: Any) -> RateLimitManagement | None:
    """Check the `rate_limiting_management` dict and build its setting."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise ConfigurationException(
            "rate_limiting_management must be a dict with min_requests_remaining, "
            f"wait, callback_function and callback_args; got {type(value).__name__}."
        )
    known = {field.name for field in dataclasses.fields(RateLimitManagement)}
    unknown = sorted(set(value) - known)
    if unknown:
        raise ConfigurationException(
            f"rate_limiting_management has unknown keys {unknown}; the keys are "
            f"{sorted(known)}."
        )
    setting = RateLimitManagement(**value)
    minimum = setting.min_requests_remaining
    if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 0:
        raise ConfigurationException(
            f"rate_limiting_management min_requests_remaining={minimum!r} must be "
            "a whole number, 0 or more."
        )
    check_bool("rate_limiting_management wait", setting.wait)
    if setting.callback_function is not None and not callable(
        setting.callback_function
    ):
        raise ConfigurationException(
            "rate_limiting_management callback_function must be callable or None."
        )
    if not isinstance(setting.callback_args, Mapping):
        raise ConfigurationException(
            "rate_limiting_management callback_args must be a dict of keyword "
            "arguments."
        )
    return setting
