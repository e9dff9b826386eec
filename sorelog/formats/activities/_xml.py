"""The XML check both watch readers share: the bytes parsed by defusedxml, so a billion
laughs, an external entity or any DTD is refused before a library that trusts its input
(gpxpy uses the standard library's parser) ever sees them.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from . import Unreadable

NOT_ALLOWED = "XML entities and DTDs are not allowed"


def parse_safely(data: bytes) -> Element:
    """The document's root element, or Unreadable: for a DTD or entity of any kind
    (`NOT_ALLOWED`), or for bytes that are not well-formed XML ("not valid XML: ...")."""
    try:
        root: Element = fromstring(data, forbid_dtd=True)
    except DefusedXmlException as error:
        raise Unreadable(NOT_ALLOWED) from error
    except ParseError as error:
        raise Unreadable(f"not valid XML: {error}") from error
    except (ValueError, TypeError, RecursionError) as error:
        raise Unreadable(f"not valid XML: {error}") from error
    return root


def local_name(element: Element) -> str:
    """A tag without its namespace: "Activity" for "{http://...}Activity"."""
    return element.tag.rpartition("}")[2] if isinstance(element.tag, str) else ""
