import datetime as dt
from decimal import Decimal
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bigcommerce import ConfigurationException
from bigcommerce._query import encode_query, join_path

UTC = dt.timezone.utc


def test_booleans_and_lists():
    query = encode_query({"is_visible": True, "id:in": [1, 2]}, "v3")
    assert query == "is_visible=true&id:in=1,2"


def test_false_boolean():
    assert encode_query({"is_visible": False}, "v3") == "is_visible=false"


def test_none_drops_parameter():
    assert encode_query({"name": None, "limit": 5}, "v2") == "limit=5"


def test_v2_datetime_is_rfc2822_encoded_once():
    when = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    query = encode_query({"min_date_created": when}, "v2")
    assert query == "min_date_created=Tue,%2002%20Jan%202024%2003:04:05%20%2B0000"
    assert unquote(query.partition("=")[2]) == "Tue, 02 Jan 2024 03:04:05 +0000"


def test_v3_datetime_is_iso8601():
    when = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    query = encode_query({"date_modified:min": when}, "v3")
    assert query == "date_modified:min=2024-01-02T03:04:05%2B00:00"


def test_naive_datetime_taken_as_utc():
    naive = dt.datetime(2024, 1, 2, 3, 4, 5)
    aware = naive.replace(tzinfo=UTC)
    assert encode_query({"d": naive}, "v2") == encode_query({"d": aware}, "v2")


def test_other_zone_converted_to_utc():
    plus_two = dt.timezone(dt.timedelta(hours=2))
    when = dt.datetime(2024, 1, 2, 5, 4, 5, tzinfo=plus_two)
    assert encode_query({"d": when}, "v3") == "d=2024-01-02T03:04:05%2B00:00"


def test_date_is_iso():
    assert encode_query({"d": dt.date(2024, 1, 2)}, "v2") == "d=2024-01-02"


def test_decimal_keeps_digits():
    assert encode_query({"price": Decimal("225.1000")}, "v3") == "price=225.1000"
    assert encode_query({"price": Decimal("1E+2")}, "v3") == "price=100"


def test_special_characters_encoded():
    query = encode_query({"name": "Fog & Linen + #1 50%"}, "v3")
    assert query == "name=Fog%20%26%20Linen%20%2B%20%231%2050%25"


def test_already_encoded_text_encoded_again_exactly_once():
    # A literal "%20" in a value is data, so it must reach the server as "%2520".
    assert encode_query({"name": "a%20b"}, "v3") == "name=a%2520b"


def test_unicode_value():
    assert encode_query({"name": "Café"}, "v3") == "name=Caf%C3%A9"


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ({"a": 1}, "mapping"),
        (object(), "no query encoding"),
        ([[1, 2]], "nested"),
        (float("nan"), "finite"),
        (Decimal("NaN"), "finite"),
        (b"bytes", "no query encoding"),
    ],
)
def test_invalid_values_rejected(value, fragment):
    with pytest.raises(ConfigurationException, match=fragment) as raised:
        encode_query({"name": value}, "v3")
    assert "'name'" in str(raised.value)


@pytest.mark.parametrize("limit", [0, -1, "abc", 1.5])
def test_invalid_limit_rejected(limit):
    with pytest.raises(ConfigurationException, match="limit"):
        encode_query({"limit": limit}, "v2", max_limit=250)


def test_limit_above_v2_maximum_rejected():
    with pytest.raises(ConfigurationException, match="maximum of 250"):
        encode_query({"limit": 300}, "v2", max_limit=250)


def test_limit_at_maximum_accepted():
    assert encode_query({"limit": 250}, "v2", max_limit=250) == "limit=250"


def test_page_must_be_positive():
    with pytest.raises(ConfigurationException, match="page=0"):
        encode_query({"page": 0}, "v2")


@given(st.text(min_size=1, max_size=30))
def test_any_text_round_trips_through_query(text):
    query = encode_query({"name": text}, "v3")
    name, _, value = query.partition("=")
    assert name == "name"
    assert "&" not in value
    assert " " not in value
    assert unquote(value) == text


def test_join_path_with_integer_id():
    assert join_path("products", 35) == "products/35"


def test_join_path_zero_id_is_valid():
    assert join_path("products", 0) == "products/0"


def test_join_path_string_id_is_one_segment():
    assert join_path("pages", "a/b?c") == "pages/a%2Fb%3Fc"


def test_join_path_strips_outer_slashes():
    assert join_path("/products/35/images/") == "products/35/images"


@pytest.mark.parametrize(
    ("resource", "fragment"),
    [
        ("products/{}/images", "placeholder"),
        ("products/{product_id}/images", "placeholder"),
        ("products//images", "empty segment"),
        ("", "empty segment"),
        ("products?limit=5", "query"),
    ],
)
def test_join_path_rejects(resource, fragment):
    with pytest.raises(ConfigurationException, match=fragment):
        join_path(resource)


@pytest.mark.parametrize("bad_id", [True, 1.5, "", [1]])
def test_join_path_rejects_bad_ids(bad_id):
    with pytest.raises(ConfigurationException):
        join_path("products", bad_id)
