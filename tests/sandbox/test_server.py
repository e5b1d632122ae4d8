"""The sandbox over real loopback HTTP with uvicorn."""

from __future__ import annotations

import httpx
import pytest

from bigcommerce._exceptions import ConfigurationException
from bigcommerce.sandbox import SandboxServer, SandboxStore, serve


def test_server_serves_over_loopback() -> None:
    store = SandboxStore()
    with SandboxServer(store=store, port=0) as server:
        assert server.url.startswith("http://127.0.0.1:")
        assert server.store is store
        with httpx.Client(
            base_url=server.url, headers={"X-Auth-Token": store.access_token}
        ) as http:
            response = http.get("/stores/sandbox/v2/products/count")
            assert response.status_code == 200
            assert response.json() == {"count": 64}
            code = store.mint_install_code()
            token = httpx.post(
                server.url + "/oauth2/token",
                data={
                    "client_id": store.client_id,
                    "client_secret": store.client_secret,
                    "code": code,
                    "scope": "store_v2_products",
                    "grant_type": "authorization_code",
                    "redirect_uri": "https://app.example/auth",
                    "context": "stores/sandbox",
                },
            )
            assert token.json()["access_token"] == store.access_token
        assert store.requests[0]["path"] == "/stores/sandbox/v2/products/count"


def test_server_stops_listening() -> None:
    server = SandboxServer().start()
    url = server.url
    server.stop()
    with pytest.raises(httpx.ConnectError):
        httpx.get(url + "/stores/sandbox/v2/time", timeout=2)


def test_server_rejects_public_host() -> None:
    with pytest.raises(ConfigurationException, match="loopback"):
        SandboxServer(host="0.0.0.0")


def test_serve_rejects_public_host() -> None:
    with pytest.raises(ConfigurationException, match="loopback"):
        serve(host="192.0.2.10", port=0)
