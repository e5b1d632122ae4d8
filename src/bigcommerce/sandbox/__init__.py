"""A local, stateful emulator of a BigCommerce store's REST API.

Needs the `sandbox` extra (Starlette and uvicorn). One `SandboxStore` contains the
state; `create_app(store)` serves it in-process as an ASGI app, and
`SandboxServer` or `serve` serve it over HTTP on loopback. The same origin
serves the API paths and the login host's `/oauth2/token`.

Routes (relative to the server's URL):

    /stores/{hash}/v3/catalog/products          list, get, create, update, delete,
        .../{id}/variants, /images, /custom-fields   batch update, delete by filter
    /stores/{hash}/v3/catalog/categories, /brands
    /stores/{hash}/v3/customers                 offset and cursor pagination, batches
    /stores/{hash}/v2/orders (+ /products, /shipments, /count), /order_statuses
    /stores/{hash}/v2/customers (+ /addresses, /count), /store, /time
    /stores/{hash}/v2/products (+ /images, /skus, /custom_fields, /options, /count),
        /categories, /brands, /option_sets     legacy catalogue, hand-modelled
    /api/v2/...                                 the v2 routes with HTTP Basic auth
    /oauth2/token                               install-code exchange
    /_sandbox/reset, /requests, /faults, /rate-limit, /install-codes   control API

Seeded data (the same on every run; `SandboxStore(seed=False)` starts empty):

    products 77-140     64 "[Sample]" products; product 77 (the Fog Linen
                        Chambray Towel) has 260 variants (v2 SKUs), from 26
                        colours by 10 sizes, for paging past 250
    categories 18-24    Shop All, Bath, Garden, Kitchen, Publications,
                        Utility, and Coffee (a child of Kitchen)
    brands 35-41        Common Good, Sagaform, OFS, Able Brewing, Chemex,
                        Fog Linen Work, Kinfolk
    customers 1-24      each with one or two addresses
    orders 100-135      with order products; shipped and completed orders
                        have shipments

Not modelled: GraphQL, webhooks, and v3 endpoints other than those above.
"""

from bigcommerce.sandbox._app import create_app
from bigcommerce.sandbox._server import SandboxServer, check_loopback, serve
from bigcommerce.sandbox._state import Fault, SandboxStore

__all__ = [
    "Fault",
    "SandboxServer",
    "SandboxStore",
    "check_loopback",
    "create_app",
    "serve",
]
