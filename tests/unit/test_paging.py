import pytest

from bigcommerce import ConfigurationException
from bigcommerce._paging import PageState


def rows(start, count):
    return [{"id": i} for i in range(start, start + count)]


def offset_meta(per_page, total_pages=1):
    return {"pagination": {"per_page": per_page, "total_pages": total_pages}}


def test_v2_first_params_send_page_and_limit():
    state = PageState("v2", "products", limit=50)
    assert state.params() == {"limit": 50, "page": 1}


def test_v2_short_page_is_last():
    state = PageState("v2", "products", limit=3)
    assert list(state.accept(rows(1, 3), None)) == rows(1, 3)
    assert not state.done
    assert state.params() == {"limit": 3, "page": 2}
    state.accept(rows(4, 2), None)
    assert state.done


def test_v2_empty_page_stops():
    state = PageState("v2", "products", limit=3)
    assert list(state.accept([], None)) == []
    assert state.done


def test_v2_repeated_page_stops_without_yielding_again():
    state = PageState("v2", "products", limit=2)
    state.accept(rows(1, 2), None)
    assert list(state.accept(rows(1, 2), None)) == []
    assert state.done


def test_v3_offset_uses_server_per_page():
    # The server capped the page at 10 although 250 was requested.
    state = PageState("v3", "catalog/products", limit=250)
    assert state.params() == {"limit": 250}
    state.accept(rows(1, 10), offset_meta(10))
    assert not state.done
    assert state.params() == {"limit": 250, "page": 2}


def test_v3_offset_full_page_continues_despite_total_pages():
    state = PageState("v3", "catalog/products", limit=2)
    state.accept(rows(1, 2), offset_meta(2, total_pages=1))
    assert not state.done


def test_v3_offset_short_page_stops():
    state = PageState("v3", "catalog/products", limit=5)
    state.accept(rows(1, 3), offset_meta(5))
    assert state.done


def test_v3_cursor_follows_end_cursor():
    state = PageState("v3", "customers", limit=2)
    meta = {
        "pagination": {"per_page": 2},
        "cursor_pagination": {
            "end_cursor": "aWQ6Nw==",
            "links": {"next": "?after=aWQ6Nw==&limit=2"},
        },
    }
    state.accept(rows(1, 2), meta)
    assert state.params() == {"limit": 2, "after": "aWQ6Nw=="}
    assert state.position == "aWQ6Nw=="


def test_v3_cursor_stops_without_next_link():
    state = PageState("v3", "customers", limit=2)
    meta = {"cursor_pagination": {"end_cursor": "eA==", "links": {}}}
    state.accept(rows(1, 2), meta)
    assert state.done


def test_v3_cursor_stops_on_repeated_cursor():
    state = PageState("v3", "customers", limit=2, start="eA==")
    meta = {"cursor_pagination": {"end_cursor": "eA==", "links": {"next": "?x"}}}
    state.accept(rows(1, 2), meta)
    assert state.done


def test_v3_without_meta_is_one_page():
    state = PageState("v3", "catalog/summary", limit=2)
    state.accept(rows(1, 2), {})
    assert state.done


def test_channel_listings_page_by_last_listing_id():
    state = PageState("v3", "channels/1/listings", limit=2)
    state.accept([{"listing_id": 10}, {"listing_id": 11}], {})
    assert state.params() == {"limit": 2, "after": "11"}
    state.accept([{"listing_id": 12}], {})
    assert state.done


def test_start_resumes_at_page():
    state = PageState("v2", "products", limit=5, start=3)
    assert state.params() == {"limit": 5, "page": 3}


@pytest.mark.parametrize("start", [0, True, 1.5])
def test_invalid_start_rejected(start):
    with pytest.raises(ConfigurationException, match="start="):
        PageState("v3", "products", start=start)


def test_cursor_start_rejected_on_v2():
    with pytest.raises(ConfigurationException, match="cursor"):
        PageState("v2", "products", start="abc")
