"""Open311 output in its two formats: JSON (a list or object as is) and XML (the spec's element tree).

XML follows the spec's examples: a root element, one element per item, list fields as a container of
singular elements (`<attributes><attribute>`, `<values><value>`), booleans as true/false, and a
UTF-8 declaration.
"""

from __future__ import annotations

import json
from typing import Any, Literal
from xml.etree import ElementTree

from starlette.responses import Response

from .bad_characters import BAD_TEXT

Format = Literal["json", "xml"]
FORMATS: tuple[Format, ...] = ("json", "xml")
MEDIA_TYPES = {"json": "application/json", "xml": "text/xml"}
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
SINGULAR = {"endpoints": "endpoint", "formats": "format", "attributes": "attribute", "values": "value",
            "updates": "update", "errors": "error", "services": "service", "service_requests": "request"}


class XMLResponse(Response):
    media_type = "text/xml"


def render(fmt: Format, root: str, payload: Any, status_code: int = 200, headers: dict | None = None) -> Response:
    """`payload` is a list of item dicts (rendered as `<root><item/>...</root>`) or one dict (`<root>...`)."""
    if fmt == "json":
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
        return Response(body, status_code, headers, media_type=MEDIA_TYPES["json"])
    element = ElementTree.Element(root)
    _fill(element, payload, SINGULAR.get(root, "item"))
    body = XML_DECLARATION + ElementTree.tostring(element, encoding="utf-8", xml_declaration=False)
    return XMLResponse(body, status_code, headers)


def errors(fmt: Format, status_code: int, descriptions: list[str], headers: dict | None = None) -> Response:
    """The spec's error list: `[{"code": N, "description": "..."}]`, in XML `<errors><error>...`."""
    items = [{"code": status_code, "description": text} for text in descriptions]
    return render(fmt, "errors", items, status_code, headers)


def format_of_path(path: str) -> Format:
    return "json" if path.endswith(".json") else "xml"


def _fill(element: ElementTree.Element, value: Any, item_tag: str) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            _fill(ElementTree.SubElement(element, key), child, SINGULAR.get(key, "item"))
    elif isinstance(value, list):
        for child in value:
            _fill(ElementTree.SubElement(element, item_tag), child, SINGULAR.get(item_tag, "item"))
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        # Input is checked for these characters, but rows stored before that check may hold some.
        element.text = BAD_TEXT.sub("\ufffd", str(value))
