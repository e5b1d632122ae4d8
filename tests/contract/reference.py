"""Read the response examples of the official OpenAPI reference, as test data.

Only files whose `servers` entry is the REST Management API
(`https://api.bigcommerce.com/stores/{store_hash}/v2` or `/v3`) are read. That
leaves out the storefront files served from the store's own domain, the
payments server (`payments.bigcommerce.com`) and the APIs that an app
implements. `pricing.sf.yml` is read despite its name because its server is the
v3 gateway. Nothing here is copied from the reference: the folder is read when
the tests run.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import re
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "ResponseExample",
    "collect_response_examples",
    "locate_openapi_dir",
]

_MANAGEMENT_SERVER = re.compile(
    r"https://api\.bigcommerce\.com/stores/\{store_hash\}/(v2|v3)/?"
)
_HTTP_METHODS = ("get", "put", "post", "delete", "patch")
_PLACEHOLDER = re.compile(r"\{([^}]+)\}")
_JSON_MEDIA_TYPE = re.compile(r"application/(?:[\w.-]+\+)?json(?:;.*)?")


class _StringTimestampLoader(
    yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
):
    """A safe loader that keeps unquoted timestamps as the strings written."""


_StringTimestampLoader.yaml_implicit_resolvers = {
    first: [
        (tag, pattern)
        for tag, pattern in resolvers
        if tag != "tag:yaml.org,2002:timestamp"
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclasses.dataclass(frozen=True)
class ResponseExample:
    """One example body of one documented response status of one operation."""

    file: str
    api_version: str
    method: str
    path: str
    status: str
    media_type: str
    source: str
    value: Any
    path_values: tuple[tuple[str, str | int], ...]
    has_request_body: bool
    skip_reason: str | None = None

    @property
    def test_id(self) -> str:
        media = "" if self.media_type == "application/json" else f" {self.media_type}"
        return (
            f"{self.file} {self.method} {self.path} {self.status}{media} {self.source}"
        )

    @property
    def relative_path(self) -> str:
        """The operation's path with placeholders filled, without a leading slash."""
        values = dict(self.path_values)
        filled = _PLACEHOLDER.sub(lambda match: str(values[match.group(1)]), self.path)
        return filled.lstrip("/")


def locate_openapi_dir() -> Path | None:
    """Find the reference folder the way the suite's `openapi_dir` fixture does.

    Test parameters are generated before any fixture runs, so the lookup is
    repeated here. Tests still request the fixture, which skips or fails when
    the folder is missing.
    """
    configured = os.environ.get("BIGCOMMERCE_OPENAPI_DIR")
    repository = Path(__file__).resolve().parents[2]
    candidates = [Path(configured)] if configured else []
    candidates.append(repository.parent / "shared" / "bigcommerce-openapi")
    for candidate in candidates:
        if candidate.is_dir() and any(candidate.glob("*.y*ml")):
            return candidate
    return None


def load_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as stream:
        return yaml.load(stream, Loader=_StringTimestampLoader)


def _resolve(document: Any, node: Any) -> Any:
    """Follow local `$ref`s (`#/components/...`) until a node has none."""
    seen: set[str] = set()
    while isinstance(node, dict) and "$ref" in node:
        reference = node["$ref"]
        if not reference.startswith("#/") or reference in seen:
            raise ValueError(f"unsupported or circular $ref {reference!r}")
        seen.add(reference)
        node = document
        for part in reference[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def _api_version(document: Any) -> str | None:
    for server in document.get("servers") or []:
        match = _MANAGEMENT_SERVER.fullmatch(str(server.get("url", "")))
        if match:
            return match.group(1)
    return None


def _path_values(
    document: Any, path: str, path_item: Any, operation: Any
) -> tuple[tuple[str, str | int], ...]:
    types: dict[str, str] = {}
    for parameter in [
        *(path_item.get("parameters") or []),
        *(operation.get("parameters") or []),
    ]:
        parameter = _resolve(document, parameter)
        if parameter.get("in") == "path":
            schema = _resolve(document, parameter.get("schema") or {})
            types[parameter["name"]] = str(schema.get("type", "integer"))
    values: list[tuple[str, str | int]] = []
    for name in _PLACEHOLDER.findall(path):
        # An integer fits every id parameter; string parameters get a word.
        value: str | int = 1 if types.get(name, "integer") == "integer" else "abc1"
        values.append((name, value))
    return tuple(values)


def _skip_reason(status: str, media_type: str, value: Any) -> str | None:
    if not _JSON_MEDIA_TYPE.fullmatch(media_type):
        return "the reference lists a non-JSON media type (or an example name) here"
    if not status.isdigit():
        return "the documented status is not a single code (default or a range)"
    if status == "204":
        return "a 204 response has no body, so an example cannot be served"
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        return "the example cannot be written as JSON"
    return None


def _media_examples(document: Any, media: Any) -> list[tuple[str, Any]]:
    """Return (source, value) for every example of one response media type."""
    found: list[tuple[str, Any]] = []
    if "example" in media:
        found.append(("example", media["example"]))
    for name, example in (media.get("examples") or {}).items():
        example = _resolve(document, example)
        if isinstance(example, dict) and "value" in example:
            found.append((f"examples:{name}", example["value"]))
    # Some responses carry their examples on the body schema as `x-examples`.
    schema = _resolve(document, media.get("schema") or {})
    if isinstance(schema, dict):
        for name, value in (schema.get("x-examples") or {}).items():
            found.append((f"x-examples:{name}", value))
    return found


def _file_examples(openapi_dir: Path, path: Path) -> list[ResponseExample]:
    document = load_yaml(path)
    api_version = _api_version(document)
    if api_version is None:
        return []
    relative = path.relative_to(openapi_dir).as_posix()
    examples = []
    for api_path, path_item in (document.get("paths") or {}).items():
        path_item = _resolve(document, path_item)
        for method in _HTTP_METHODS:
            operation = path_item.get(method)
            if operation is None:
                continue
            path_values = _path_values(document, api_path, path_item, operation)
            for status, response in (operation.get("responses") or {}).items():
                response = _resolve(document, response)
                for media_type, media in (response.get("content") or {}).items():
                    if not isinstance(media, dict):
                        continue
                    for source, value in _media_examples(document, media):
                        examples.append(
                            ResponseExample(
                                file=relative,
                                api_version=api_version,
                                method=method.upper(),
                                path=api_path,
                                status=str(status),
                                media_type=str(media_type),
                                source=source,
                                value=value,
                                path_values=path_values,
                                has_request_body="requestBody" in operation,
                                skip_reason=_skip_reason(
                                    str(status), str(media_type), value
                                ),
                            )
                        )
    return examples


@functools.lru_cache(maxsize=4)
def collect_response_examples(openapi_dir: Path) -> tuple[ResponseExample, ...]:
    """Return every response example of the Management API files, sorted."""
    examples: list[ResponseExample] = []
    for path in sorted(openapi_dir.rglob("*.y*ml")):
        if path.suffix in (".yml", ".yaml"):
            examples.extend(_file_examples(openapi_dir, path))
    return tuple(examples)
