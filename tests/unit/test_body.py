import datetime as dt
import json
from decimal import Decimal

import pytest

from bigcommerce import ConfigurationException
from bigcommerce._body import encode_body


def test_decimal_digits_kept_exactly():
    body = encode_body({"price": Decimal("225.1000"), "n": [Decimal("1E+2")]}, "v3")
    assert body == b'{"price": 225.1000, "n": [100]}'


def test_many_decimals_restored_in_place():
    values = [Decimal(f"{i}.05") for i in range(12)]
    assert json.loads(encode_body(values, "v3"), parse_float=Decimal) == values


def test_datetimes_per_version():
    when = dt.datetime(2024, 1, 2, 3, 4, 5)
    assert encode_body({"d": when}, "v2") == b'{"d": "Tue, 02 Jan 2024 03:04:05 +0000"}'
    assert encode_body({"d": when}, "v3") == b'{"d": "2024-01-02T03:04:05+00:00"}'


def test_unicode_written_as_utf8():
    assert encode_body({"name": "Café"}, "v3") == '{"name": "Café"}'.encode()


def test_placeholder_text_in_data_is_left_alone():
    body = {"note": "abc:0", "price": Decimal("1.5")}
    assert json.loads(encode_body(body, "v3")) == {"note": "abc:0", "price": 1.5}


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"price": Decimal("NaN")}, "body['price']"),
        ({"tags": {1, 2}}, "body['tags'] is a set"),
        ({"items": [{"when": object()}]}, "body['items'][0]['when']"),
        ({("a", 1): 2}, "JSON keys must be strings"),
        ({"x": float("inf")}, "cannot be encoded"),
        ({"name": "\ud800"}, "cannot be encoded"),
    ],
)
def test_unencodable_values_named(body, fragment):
    with pytest.raises(ConfigurationException) as raised:
        encode_body(body, "v3")
    assert fragment in str(raised.value)


def test_circular_body_rejected():
    body: dict = {"a": []}
    body["a"].append(body)
    with pytest.raises(ConfigurationException, match="circular"):
        encode_body(body, "v3")


def test_shared_but_not_circular_body_allowed():
    shared = {"id": 1}
    assert json.loads(encode_body([shared, shared], "v3")) == [{"id": 1}, {"id": 1}]


def test_deep_body_rejected_clearly():
    body: list = []
    for _ in range(100_000):
        body = [body]
    with pytest.raises(ConfigurationException, match="nested too deeply"):
        encode_body(body, "v3")
