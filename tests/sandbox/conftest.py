"""Fixtures: a fresh seeded store and a synchronous in-process client for it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from bigcommerce.sandbox import SandboxStore, create_app

V2 = "/stores/sandbox/v2"
V3 = "/stores/sandbox/v3"


class Clock:
    """A settable clock for the store, in seconds."""

    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


class SyncClient:
    """Send requests to the app through httpx's ASGI transport on a private loop."""

    def __init__(self, store: SandboxStore) -> None:
        self.store = store
        self.loop = asyncio.new_event_loop()
        self.http = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=create_app(store)),
            base_url="http://127.0.0.1",
            headers={"X-Auth-Token": store.access_token, "Accept": "application/json"},
        )

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        return self.loop.run_until_complete(self.http.request(method, url, **kwargs))

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)

    def put(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("PUT", url, **kwargs)

    def delete(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("DELETE", url, **kwargs)

    def close(self) -> None:
        self.loop.run_until_complete(self.http.aclose())
        self.loop.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(clock: Clock) -> SandboxStore:
    return SandboxStore(clock=clock)


@pytest.fixture
def client(store: SandboxStore) -> Iterator[SyncClient]:
    sync_client = SyncClient(store)
    yield sync_client
    sync_client.close()


@pytest.fixture
def make_client() -> Iterator[Callable[[SandboxStore], SyncClient]]:
    """Build clients for stores a test configures itself; closed at teardown."""
    clients: list[SyncClient] = []

    def build(store: SandboxStore) -> SyncClient:
        clients.append(SyncClient(store))
        return clients[-1]

    yield build
    for sync_client in clients:
        sync_client.close()
