"""Result types: `Mapping` for objects and `ResultList` for lists."""

from __future__ import annotations

from typing import Any

__all__ = ["Mapping", "ResultList", "TokenMapping", "wrap"]


class Mapping(dict[str, Any]):
    """A `dict` of API data whose keys can also be read as attributes.

    Every key the API sent is kept, whatever its name. Attribute access never
    shadows a dict method, so `product.items` is `dict.items` while
    `product["items"]` is the data. Nested objects are `Mapping`s too.

    `meta` and `errors` are attributes, never keys: on a v3 result they hold the
    response's `meta` block and any per-item errors of a 207 response, and they
    are None elsewhere. A data key with either name is read with `result["meta"]`.
    """

    __slots__ = ("errors", "meta")

    meta: Any
    errors: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, value in self.items():
            wrapped = wrap(value)
            if wrapped is not value:
                dict.__setitem__(self, key, wrapped)
        object.__setattr__(self, "meta", None)
        object.__setattr__(self, "errors", None)

    @classmethod
    def _from_decoded(cls, decoded: dict[str, Any]) -> Mapping:
        # Used as the JSON object hook: children were converted already, so the
        # per-value conversion in __init__ would be wasted work.
        mapping = cls.__new__(cls)
        dict.update(mapping, decoded)
        object.__setattr__(mapping, "meta", None)
        object.__setattr__(mapping, "errors", None)
        return mapping

    def __getattr__(self, name: str) -> Any:
        # Only called when normal lookup fails, so dict methods always win.
        try:
            return self[name]
        except KeyError:
            raise AttributeError(
                f"{type(self).__name__} has no attribute or key {name!r}"
            ) from None

    def __setattr__(self, name: str, value: Any) -> None:
        if name in Mapping.__slots__:
            object.__setattr__(self, name, value)
        else:
            self[name] = value

    def __delattr__(self, name: str) -> None:
        try:
            del self[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, wrap(value))

    def update(self, *args: Any, **kwargs: Any) -> None:
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def setdefault(self, key: str, default: Any = None) -> Any:
        if key not in self:
            self[key] = default
        return self[key]

    def __dir__(self) -> list[str]:
        names = set(super().__dir__())
        names.update(key for key in self if isinstance(key, str) and key.isidentifier())
        return sorted(names)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (dict(self),), (self.meta, self.errors))

    def __setstate__(self, state: tuple[Any, Any]) -> None:
        object.__setattr__(self, "meta", state[0])
        object.__setattr__(self, "errors", state[1])

    def copy(self) -> Mapping:
        """Return a shallow copy that is a `Mapping` too, with the same `meta`."""
        return self.__copy__()

    def __copy__(self) -> Mapping:
        copied = type(self)._from_decoded(self)
        object.__setattr__(copied, "meta", self.meta)
        object.__setattr__(copied, "errors", self.errors)
        return copied


class TokenMapping(Mapping):
    """The result of a token exchange, whose repr hides the access token."""

    __slots__ = ()

    def __repr__(self) -> str:
        shown = {
            key: "<redacted>" if key == "access_token" else value
            for key, value in self.items()
        }
        return f"{type(self).__name__}({shown!r})"


class ResultList(list[Any]):
    """A list of API results with the response's `meta` and `errors` attributes.

    `json.dumps` of a `ResultList` gives the items alone.
    """

    __slots__ = ("errors", "meta")

    meta: Any
    errors: Any

    def __init__(self, items: Any = (), meta: Any = None, errors: Any = None) -> None:
        super().__init__(items)
        self.meta = meta
        self.errors = errors

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (list(self), self.meta, self.errors))

    def __copy__(self) -> ResultList:
        return type(self)(self, self.meta, self.errors)


def wrap(value: Any) -> Any:
    """Convert plain dicts, at any depth inside lists, into `Mapping`s."""
    if isinstance(value, Mapping):
        return value
    if isinstance(value, dict):
        return Mapping(value)
    if (
        isinstance(value, list)
        and not isinstance(value, ResultList)
        and any(isinstance(item, (dict, list)) for item in value)
    ):
        return [wrap(item) for item in value]
    return value
