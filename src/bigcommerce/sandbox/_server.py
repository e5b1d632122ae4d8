"""Run the sandbox over real HTTP with uvicorn, on loopback addresses only."""

from __future__ import annotations

import ipaddress
import logging
import socket
import threading
import time
from types import TracebackType

import uvicorn

from bigcommerce._exceptions import ConfigurationException
from bigcommerce.sandbox._app import create_app
from bigcommerce.sandbox._state import SandboxStore

logger = logging.getLogger("bigcommerce.sandbox")

START_TIMEOUT_S = 10.0


def check_loopback(host: str) -> str:
    """Return the IP address to bind for a loopback `host`; raise for any other host."""
    if host.lower() == "localhost":
        return "127.0.0.1"
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        address = None
    if address is None or not address.is_loopback:
        raise ConfigurationException(
            f"The sandbox only listens on loopback addresses, not {host!r}: "
            "use 127.0.0.1, ::1 or localhost."
        )
    return str(address)


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


def _url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def _config(store: SandboxStore) -> uvicorn.Config:
    return uvicorn.Config(create_app(store), log_level="warning", lifespan="off")


class SandboxServer:
    """A sandbox served by uvicorn in a background thread; use it as a context manager.

    Port 0 picks a free port; `url` gives the address to use as the client's
    API and login URL.
    """

    def __init__(
        self,
        store: SandboxStore | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.host = check_loopback(host)
        self.store = store if store is not None else SandboxStore()
        self._socket = _bind(self.host, port)
        self.port: int = self._socket.getsockname()[1]
        self.url = _url(self.host, self.port)
        self._server = uvicorn.Server(_config(self.store))
        self._thread: threading.Thread | None = None

    def start(self) -> SandboxServer:
        """Start serving and wait until the server accepts connections."""
        if self._thread is not None:
            return self
        self._thread = threading.Thread(
            target=self._server.run,
            kwargs={"sockets": [self._socket]},
            name=f"bigcommerce-sandbox-{self.port}",
            daemon=True,
        )
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"The sandbox server on {self.url} failed to start.")
            time.sleep(0.01)
        logger.info("sandbox listening on %s", self.url)
        return self

    def stop(self) -> None:
        """Stop serving and close the listening socket."""
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=START_TIMEOUT_S)
            self._thread = None
        self._socket.close()
        logger.info("sandbox on %s stopped", self.url)

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def serve(
    host: str = "127.0.0.1", port: int = 8000, store: SandboxStore | None = None
) -> None:
    """Serve the sandbox in the foreground until interrupted."""
    bind_host = check_loopback(host)
    store = store if store is not None else SandboxStore()
    sock = _bind(bind_host, port)
    logger.info("sandbox listening on %s", _url(bind_host, sock.getsockname()[1]))
    uvicorn.Server(_config(store)).run(sockets=[sock])
