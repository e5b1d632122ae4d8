"""A Python client for the BigCommerce APIs.

import bigcommerce as api

conn = api.OAuthConnection(client_id, store_hash, access_token)
conn.get("products", limit=5)          # v2
conn.v3.get("catalog/products", 77)    # v3, envelope unwrapped
"""

from ._auth import (
    decode_payload,
    decode_payload_jwt,
    verify_payload,
    verify_payload_jwt,
)
from ._connection import Connection, OAuthConnection
from ._core import PartialSuccessWarning, RateLimit, ResponseWarning
from ._exceptions import (
    BadRequestException,
    BigcommerceException,
    ClientRequestException,
    ConfigurationException,
    ConflictException,
    ConnectionException,
    EmptyResponseWarning,
    ForbiddenException,
    GraphQLException,
    HttpException,
    NotFoundException,
    PayloadTooLargeException,
    RateLimitingException,
    RedirectionException,
    ServerException,
    TimeoutException,
    TransportException,
    UnauthorizedException,
    UnprocessableEntityException,
    VerificationException,
)
from ._mapping import Mapping, ResultList
from ._paging import Pager
from ._version import __version__

__all__ = [
    "BadRequestException",
    "BigcommerceException",
    "ClientRequestException",
    "ConfigurationException",
    "ConflictException",
    "Connection",
    "ConnectionException",
    "EmptyResponseWarning",
    "ForbiddenException",
    "GraphQLException",
    "HttpException",
    "Mapping",
    "NotFoundException",
    "OAuthConnection",
    "Pager",
    "PartialSuccessWarning",
    "PayloadTooLargeException",
    "RateLimit",
    "RateLimitingException",
    "RedirectionException",
    "ResponseWarning",
    "ResultList",
    "ServerException",
    "TimeoutException",
    "TransportException",
    "UnauthorizedException",
    "UnprocessableEntityException",
    "VerificationException",
    "__version__",
    "decode_payload",
    "decode_payload_jwt",
    "verify_payload",
    "verify_payload_jwt",
]
