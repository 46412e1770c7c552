"""Read Open311 XML back into the shape of its JSON twin, so the two formats can be compared."""

from __future__ import annotations

from xml.etree import ElementTree

# Containers whose children are list items (the spec's plural/singular element pairs).
LIST_CONTAINERS = {"services", "service_requests", "errors", "attributes", "values", "endpoints", "formats",
                   "updates"}


def parse(body: bytes):
    assert body.startswith(b'<?xml version="1.0" encoding="UTF-8"?>'), body[:60]
    return to_object(ElementTree.fromstring(body))


def to_object(element):
    children = list(element)
    if element.tag in LIST_CONTAINERS:
        return [to_object(child) for child in children]
    if not children:
        return element.text
    return {child.tag: to_object(child) for child in children}


def as_xml_text(value):
    """A JSON value as the XML side shows it: text, true/false, nothing for null or an empty list."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return [as_xml_text(v) for v in value]
    if isinstance(value, dict):
        return {k: as_xml_text(v) for k, v in value.items()}
    return value
