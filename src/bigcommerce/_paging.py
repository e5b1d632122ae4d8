"""Pagination state for v2 page/limit, v3 offset, v3 cursor and channel listings.

The state decides, from each page, what to yield and which query fetches the
next page; the drivers only send the requests.

    scheme         next page                  stops on
    v2 page/limit  page + 1                   204 or empty page, page shorter
                                              than the limit sent, repeated page
    v3 offset      page + 1                   empty page, page shorter than
                                              meta.pagination.per_page, repeated
    v3 cursor      after = end_cursor         no `next` link, repeated cursor
    listings       after = last listing_id    page shorter than the limit sent
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from ._exceptions import ConfigurationException

__all__ = ["DEFAULT_PAGE_LIMIT", "PageState", "Pager"]

DEFAULT_PAGE_LIMIT = 250

# Channel listings page with `after` = the last listing id and a meta block
# without totals, unlike every other v3 list.
_LISTINGS = re.compile(r"(^|/)channels/[^/]+/listings$")


def _fingerprint(items: Sequence[Any]) -> str:
    encoded = json.dumps(items, sort_keys=True, default=str).encode()
    return hashlib.blake2b(encoded, digest_size=16).hexdigest()


def _block(meta: Any, name: str) -> Mapping[str, Any] | None:
    if isinstance(meta, Mapping):
        value = meta.get(name)
        if isinstance(value, Mapping):
            return value
    return None


class PageState:
    """The position of a pager and the parameters of its next request.

    `start` resumes from a saved position: a page number for page-based
    schemes, or a cursor string for cursor-based ones (see `position`).
    """

    def __init__(
        self,
        api_version: str,
        resource: str,
        *,
        limit: int = DEFAULT_PAGE_LIMIT,
        start: int | str | None = None,
    ) -> None:
        self.api_version = api_version
        self.limit = limit
        self.listings = api_version == "v3" and bool(_LISTINGS.search(resource))
        self.page = 1
        self.cursor: str | None = None
        if isinstance(start, bool):
            raise ConfigurationException(
                f"start={start!r} must be a page number or a cursor string."
            )
        if isinstance(start, int):
            if start < 1:
                raise ConfigurationException(f"start={start} must be 1 or more.")
            self.page = start
        elif isinstance(start, str):
            if api_version == "v2":
                raise ConfigurationException(
                    f"start={start!r} is a cursor, but v2 lists page by number; "
                    "pass an integer page."
                )
            self.cursor = start
        elif start is not None:
            raise ConfigurationException(
                f"start={start!r} must be a page number or a cursor string."
            )
        self.done = False
        self.pages_read = 0
        self._seen_pages: set[str] = set()
        self._seen_cursors: set[str] = set()
        self._last_position: int | str = self.position

    @property
    def position(self) -> int | str:
        """The `start` value that resumes at the page this state would fetch next."""
        return self.cursor if self.cursor is not None else self.page

    @property
    def last_position(self) -> int | str:
        """The `start` value that fetches the page accepted last again."""
        return self._last_position

    def params(self) -> dict[str, Any]:
        """Return the pagination parameters of the next request."""
        params: dict[str, Any] = {"limit": self.limit}
        if self.cursor is not None:
            params["after"] = self.cursor
        elif self.page != 1 or self.api_version == "v2":
            params["page"] = self.page
        return params

    def accept(self, items: Sequence[Any], meta: Any) -> Sequence[Any]:
        """Record a page and return the items to yield from it.

        Sets `done` when no further request should be made.
        """
        self.pages_read += 1
        self._last_position = self.position
        if not items:
            self.done = True
            return items

        fingerprint = _fingerprint(items)
        if fingerprint in self._seen_pages:
            # The endpoint ignores the page parameter, or its cursors loop, and
            # sent rows that were yielded already.
            self.done = True
            return ()
        self._seen_pages.add(fingerprint)

        if self.api_version == "v2":
            self._advance_by_page(len(items), self.limit)
        elif self.listings:
            self._advance_listings(items)
        else:
            self._advance_v3(items, meta)
        return items

    def _advance_by_page(self, count: int, page_size: int) -> None:
        if count < page_size:
            self.done = True
        else:
            self.page += 1

    def _advance_listings(self, items: Sequence[Any]) -> None:
        last = items[-1]
        last_id = last.get("listing_id") if isinstance(last, Mapping) else None
        if len(items) < self.limit or last_id is None:
            self.done = True
        else:
            self.cursor = str(last_id)

    def _advance_v3(self, items: Sequence[Any], meta: Any) -> None:
        cursor_block = _block(meta, "cursor_pagination")
        if cursor_block is not None:
            self._advance_by_cursor(cursor_block)
            return
        pagination = _block(meta, "pagination")
        if pagination is None:
            # A list without pagination metadata is complete in one response.
            self.done = True
            return
        per_page = pagination.get("per_page")
        if not isinstance(per_page, int) or isinstance(per_page, bool) or per_page < 1:
            per_page = self.limit
        # Totals have been wrong, so a full page is always followed by another
        # request even when total_pages claims it was the last. A per_page above
        # the limit sent cannot make a full page look short.
        self._advance_by_page(len(items), min(per_page, self.limit))

    def _advance_by_cursor(self, block: Mapping[str, Any]) -> None:
        links = block.get("links")
        has_next = isinstance(links, Mapping) and bool(links.get("next"))
        end_cursor = block.get("end_cursor")
        if self.cursor is not None:
            self._seen_cursors.add(self.cursor)
        if not has_next or not end_cursor or str(end_cursor) in self._seen_cursors:
            self.done = True
            return
        self.cursor = str(end_cursor)


class Pager:
    """A lazy iterator over every item of a list, one page in memory at a time.

    `pages_read` counts the requests made so far, and `position` is the
    `start=` value that resumes without losing an item (see its docstring). A
    pager is an iterator for one thread at a time.
    """

    def __init__(
        self,
        fetch: Callable[[dict[str, Any]], Any],
        state: PageState,
        *,
        max_items: int | None,
        on_page: Callable[[Pager, Any], None] | None,
    ) -> None:
        self._fetch = fetch
        self._state = state
        self._max_items = max_items
        self._on_page = on_page
        self.items_read = 0
        self._page_finished = True
        self._iterator = self._run()

    @property
    def position(self) -> int | str:
        """The `start=` value to resume from: a page number or a cursor.

        After a page was read to its end, it points at the next page. When
        iteration stopped inside a page (`max_items`, or a `break`), it points
        at that page again, so a resumed pager yields the page's items that
        were already read once more rather than skip the rest.
        """
        if self._page_finished:
            return self._state.position
        return self._state.last_position

    @property
    def pages_read(self) -> int:
        return self._state.pages_read

    @property
    def done(self) -> bool:
        return self._state.done and self._page_finished

    def __iter__(self) -> Iterator[Any]:
        return self._iterator

    def __next__(self) -> Any:
        return next(self._iterator)

    def _run(self) -> Iterator[Any]:
        if self._max_items == 0:
            return
        while not self._state.done:
            page = self._fetch(self._state.params())
            if isinstance(page, list):
                items = page
            elif page is None:
                items = []
            else:
                items = [page]
            meta = getattr(page, "meta", None)
            to_yield = self._state.accept(items, meta)
            if self._on_page is not None:
                self._on_page(self, page)
            # The page counts as finished only once the caller comes back for
            # the item after its last one: an exception or a `break` while the
            # last item is processed leaves `position` on this page.
            self._page_finished = not to_yield
            for item in to_yield:
                if self._max_items is not None and self.items_read >= self._max_items:
                    return
                yield item
                self.items_read += 1
            self._page_finished = True
            if self._max_items is not None and self.items_read >= self._max_items:
                return
