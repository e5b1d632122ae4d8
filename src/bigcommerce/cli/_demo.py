"""`bigcommerce demo`: the original README's calls, run against a local sandbox.

Each step is one function that opens its own connection, written the way an
application would call the library, and shows each call before its result.
The steps run in order against one seeded sandbox, over real HTTP on loopback.
"""

from __future__ import annotations

import base64
import errno
import json
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.traceback import Traceback

import bigcommerce as api
from bigcommerce.cli._output import Printer, mask_secret

if TYPE_CHECKING:
    from bigcommerce.sandbox import SandboxServer

LOOPBACK = "127.0.0.1"
SCOPE = "store_v2_products store_v2_information_read_only"
REDIRECT_URI = "https://app.example/auth"
# Small pages, so that paging through the sample catalogue takes several requests.
PAGE_SIZE = 20
# An id far above the sample catalogue's, so that it is never found.
MISSING_ID = 999_999


class DemoCheckFailed(Exception):
    """The sandbox responded, but not with what the demo expected."""


def show_legacy_v2(out: Printer, server: SandboxServer) -> None:
    """Read, update, create and delete products with legacy basic auth on v2."""
    store = server.store
    out.call("conn = api.Connection(server.url, store.basic_auth)")
    with api.Connection(server.url, store.basic_auth) as conn:
        out.call('products = conn.get("products", limit=5)')
        products = conn.get("products", limit=5)
        out.table(products, ["id", "name", "price", "sku"])

        product_id = products[0].id
        out.call(f'product = conn.get("products", {product_id})')
        product = conn.get("products", product_id)
        out.value("product.name", product.name)
        out.value('product["price"]', product["price"])

        out.call(f'conn.update("products", {product_id}, {{"name": "Something Else"}})')
        conn.update("products", product_id, {"name": "Something Else"})
        out.call(f'conn.get("products", {product_id}).name')
        new_name = conn.get("products", product_id).name
        out.value("name", new_name)
        if new_name != "Something Else":
            raise DemoCheckFailed(f"the product's name reads {new_name!r} after update")

        out.call(f'images = conn.get("products/{{}}/images".format({product_id}))')
        images = conn.get(f"products/{product_id}/images")
        out.table(images, ["id", "image_file", "is_thumbnail", "sort_order"])

        out.call(f'conn.get("products", {MISSING_ID})  # handled below')
        try:
            conn.get("products", MISSING_ID)
        except api.ClientRequestException as error:
            out.line("except api.ClientRequestException as error:")
            out.value("error.status_code", error.status_code)
            out.value("error.message", error.message)
            out.value("error.errors", error.errors)
        else:
            raise DemoCheckFailed(f"product {MISSING_ID} exists, but should not")

        data = {
            "name": "Demo Product",
            "type": "physical",
            "price": "12.50",
            "weight": 1,
            "categories": product.categories,
            "availability": "available",
        }
        out.call(f"data = {data!r}")
        out.call('created = conn.create("products", data)')
        created = conn.create("products", data)
        out.value("created.id", created.id)
        out.value("created.name", created.name)

        out.call(f'conn.delete("products", {created.id})')
        conn.delete("products", created.id)
        out.call(f'conn.get("products", {created.id})')
        try:
            conn.get("products", created.id)
        except api.NotFoundException as error:
            out.success(f"gone: NotFoundException, status {error.status_code}")
        else:
            raise DemoCheckFailed(f"product {created.id} still exists after delete")


def show_oauth_v3(out: Printer, server: SandboxServer) -> None:
    """Read the v3 catalogue with an OAuth access token: envelopes unwrapped."""
    store = server.store
    out.call(
        "conn = api.OAuthConnection(client_id, store_hash, access_token, "
        "api_url=server.url)"
    )
    conn = api.OAuthConnection(
        store.client_id, store.store_hash, store.access_token, api_url=server.url
    )
    with conn:
        out.call('products = conn.v3.get("catalog/products", limit=5)')
        products = conn.v3.get("catalog/products", limit=5)
        out.table(products, ["id", "name", "price", "sku"])
        pagination = products.meta["pagination"]
        out.call('products.meta["pagination"]')
        out.value(
            "pagination",
            f"{pagination['total']} products, page {pagination['current_page']} "
            f"of {pagination['total_pages']}, {pagination['per_page']} per page",
        )

        product_id = products[0].id
        out.call(f'product = conn.v3.get("catalog/products", {product_id})')
        product = conn.v3.get("catalog/products", product_id)
        out.value("product.name", product.name)
        out.value("product.categories", product.categories)

        out.call(
            'variants = conn.v3.get("catalog/products/{}/variants"'
            f".format({product_id}), limit=3)"
        )
        variants = conn.v3.get(f"catalog/products/{product_id}/variants", limit=3)
        out.table(variants, ["id", "sku", "calculated_price", "inventory_level"])
        out.value(
            'variants.meta["pagination"]["total"]', variants.meta["pagination"]["total"]
        )

        out.call(
            f'images = conn.v3.get("catalog/products/{{}}/images".format({product_id}))'
        )
        images = conn.v3.get(f"catalog/products/{product_id}/images")
        out.table(images, ["id", "is_thumbnail", "url_standard"])


def show_app_install(out: Printer, server: SandboxServer) -> None:
    """Run an app's OAuth install, then verify a load callback's signed payload."""
    store = server.store

    # The sandbox mints the code that BigCommerce would send to the auth callback.
    out.call("code = store.mint_install_code(scope, redirect_uri)")
    code = store.mint_install_code(scope=SCOPE, redirect_uri=REDIRECT_URI)
    out.value("code", mask_secret(code))
    out.call('context = "stores/" + store_hash')
    context = "stores/" + store.store_hash

    out.call(
        "with api.OAuthConnection(client_id, store_hash, api_url=server.url, "
        "login_url=server.url) as installing:"
    )
    installing = api.OAuthConnection(
        store.client_id, store.store_hash, api_url=server.url, login_url=server.url
    )
    with installing:
        out.call(
            "    token = installing.fetch_token(client_secret, code, context, "
            "scope, redirect_uri)",
            continued=True,
        )
        token = installing.fetch_token(
            store.client_secret, code, context, SCOPE, REDIRECT_URI
        )
        out.value('token["access_token"]', mask_secret(token["access_token"]))
        out.value('token["scope"]', token["scope"])
        out.value('token["user"]["email"]', token["user"]["email"])

        out.call('    store_info = installing.get("store")', continued=True)
        store_info = installing.get("store")
        out.value("store_info.name", store_info.name)

    out.call("signed_payload_jwt = store.mint_signed_payload_jwt()")
    signed_payload_jwt = store.mint_signed_payload_jwt()
    out.call(
        "claims = api.OAuthConnection.verify_payload_jwt(signed_payload_jwt, "
        "client_secret, client_id)"
    )
    claims = api.OAuthConnection.verify_payload_jwt(
        signed_payload_jwt, store.client_secret, store.client_id
    )
    if claims is False:
        raise DemoCheckFailed("the sandbox's signed_payload_jwt did not verify")
    out.value('claims["user"]["email"]', claims["user"]["email"])
    out.value('claims["sub"]', claims["sub"])

    tampered = edit_jwt_claims(signed_payload_jwt, user_email="intruder@app.example")
    out.line("# tampered: the same token with the user's email edited after signing")
    out.call(
        "result = api.OAuthConnection.verify_payload_jwt(tampered, client_secret, "
        "client_id)"
    )
    result = api.OAuthConnection.verify_payload_jwt(
        tampered, store.client_secret, store.client_id
    )
    out.value("result", result)
    if result is not False:
        raise DemoCheckFailed("a signed_payload_jwt with edited claims verified")

    out.call("signed_payload = store.mint_signed_payload()")
    signed_payload = store.mint_signed_payload()
    out.call(
        "payload = api.OAuthConnection.verify_payload(signed_payload, client_secret)"
    )
    payload = api.OAuthConnection.verify_payload(signed_payload, store.client_secret)
    if payload is False:
        raise DemoCheckFailed("the sandbox's legacy signed_payload did not verify")
    out.value('payload["user"]["email"]', payload["user"]["email"])
    out.value('payload["store_hash"]', payload["store_hash"])


def show_paging(out: Printer, server: SandboxServer) -> None:
    """Read every product through the lazy pager, on v2 and on v3."""
    store = server.store
    out.call(
        "conn = api.OAuthConnection(client_id, store_hash, access_token, "
        "api_url=server.url)"
    )
    conn = api.OAuthConnection(
        store.client_id, store.store_hash, store.access_token, api_url=server.url
    )
    with conn:
        out.call('expected = conn.get("products/count")["count"]')
        expected = conn.get("products/count")["count"]
        out.value("expected", expected)

        out.call(f'pager = conn.iterate("products", limit={PAGE_SIZE})')
        out.call("for product in pager: ...")
        pager = conn.iterate("products", limit=PAGE_SIZE)
        v2_read = 0
        with out.progress("v2 products", total=expected) as advance:
            for _product in pager:
                v2_read += 1
                advance()
        out.value("products read", v2_read)
        out.value("pager.pages_read", pager.pages_read)

        out.call(f'pager = conn.v3.iterate("catalog/products", limit={PAGE_SIZE})')
        out.call("for product in pager: ...")
        pager = conn.v3.iterate("catalog/products", limit=PAGE_SIZE)
        v3_read = 0
        with out.progress("v3 products", total=expected) as advance:
            for _product in pager:
                v3_read += 1
                advance()
        out.value("products read", v3_read)
        out.value("pager.pages_read", pager.pages_read)

    if v2_read != expected or v3_read != expected:
        raise DemoCheckFailed(
            f"the pagers read {v2_read} (v2) and {v3_read} (v3) products, "
            f"but GET /v2/products/count returned {expected}"
        )
    out.success(f"both pagers read all {expected} products")


def edit_jwt_claims(token: str, *, user_email: str) -> str:
    """Return `token` with its user's email changed and the old signature kept."""
    header, payload, signature = token.split(".")
    padded = payload + "=" * (-len(payload) % 4)
    claims = json.loads(base64.urlsafe_b64decode(padded))
    claims["user"]["email"] = user_email
    encoded = json.dumps(claims, separators=(",", ":")).encode()
    new_payload = base64.urlsafe_b64encode(encoded).rstrip(b"=").decode()
    return f"{header}.{new_payload}.{signature}"


Step = Callable[[Printer, "SandboxServer"], None]

STEPS: list[tuple[str, Step]] = [
    ("Legacy basic auth on v2: api.Connection", show_legacy_v2),
    ("OAuth access token on v3: api.OAuthConnection", show_oauth_v3),
    ("OAuth app install and load callback", show_app_install),
    ("Paging through every product", show_paging),
]


def run_demo(console: Console, error_console: Console, port: int = 0) -> int:
    """Start a sandbox on loopback, run every step, and return the exit status."""
    out = Printer(console)
    started = time.monotonic()
    stage = "Starting the sandbox"
    try:
        from bigcommerce.sandbox import SandboxServer, SandboxStore

        store = SandboxStore(seed=True)
        with SandboxServer(store=store, host=LOOPBACK, port=port) as server:
            console.print(f"Sandbox store running at {server.url}")
            for number, (title, step) in enumerate(STEPS, start=1):
                stage = f"Step {number} of {len(STEPS)}: {title}"
                out.heading(stage)
                step(out, server)
            stage = "Stopping the sandbox"
    except Exception as error:
        report_failure(error_console, stage, error, port)
        return 1

    elapsed = time.monotonic() - started
    console.print()
    console.print(f"[green]Demo finished[/] in {elapsed:.1f} s.")
    return 0


# Failures that the message and the suggested fix explain without a traceback.
EXPLAINED_ERRORS = (
    DemoCheckFailed,
    api.HttpException,
    api.TransportException,
    ImportError,
    OSError,
)


def report_failure(console: Console, stage: str, error: Exception, port: int) -> None:
    """Print which stage failed, the exception, and what to try next.

    Any other exception most likely comes from a bug in the demo or the
    library, so its traceback is printed too.
    """
    console.print()
    if not isinstance(error, EXPLAINED_ERRORS):
        console.print(Traceback.from_exception(type(error), error, error.__traceback__))
    console.print(f"[bold red]Demo failed[/] at {escape(stage)}.")
    console.print(f"{type(error).__name__}: {escape(str(error))}")
    console.print(f"What to try: {escape(suggest_fix(error, port))}")


def suggest_fix(error: Exception, port: int) -> str:
    """Return the next thing to try for an exception raised by the demo."""
    debug = "Rerun with BIGCOMMERCE_LOG=debug to log every request and response."
    if isinstance(error, ImportError):
        return (
            "The sandbox needs starlette and uvicorn; install them with "
            "pip install 'bigcommerce-client[cli]'."
        )
    if isinstance(error, OSError) and error.errno == errno.EADDRINUSE:
        return f"Port {port} is already in use: pass another --port, or --port 0."
    if isinstance(error, OSError) and port:
        return f"Listening on port {port} failed: pass another --port, or --port 0."
    if isinstance(error, api.TransportException):
        return f"The sandbox on {LOOPBACK} did not answer; check loopback. {debug}"
    if isinstance(error, api.HttpException):
        return f"The sandbox responded with HTTP {error.status_code}. {debug}"
    return debug
