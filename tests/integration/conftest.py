"""A sandbox store served over real HTTP on loopback, shared by the module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import bigcommerce as api
from bigcommerce.sandbox import SandboxServer, SandboxStore


@pytest.fixture(scope="session")
def server() -> Iterator[SandboxServer]:
    with SandboxServer(host="127.0.0.1", port=0) as running:
        yield running


@pytest.fixture
def store(server: SandboxServer) -> SandboxStore:
    """The server's store, reset to the seed before each test."""
    server.store.reset()
    return server.store


@pytest.fixture
def conn(server: SandboxServer, store: SandboxStore) -> Iterator[api.OAuthConnection]:
    with api.OAuthConnection(
        store.client_id,
        store.store_hash,
        store.access_token,
        api_url=server.url,
        login_url=server.url,
        sleep=lambda seconds: None,
    ) as connection:
        yield connection


@pytest.fixture
def basic(server: SandboxServer, store: SandboxStore) -> Iterator[api.Connection]:
    with api.Connection(
        server.url, store.basic_auth, sleep=lambda seconds: None
    ) as connection:
        yield connection
