"""Hostile or broken advert text made safe once, before it is stored and republished."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Characters XML 1.0 forbids (C0 controls but TAB, LF, CR; lone surrogates; U+FFFE, U+FFFF): one of
# them in a title makes the Atom feed that republishes it fail for every subscriber.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# What browsers strip from a link before reading its scheme: leading and trailing C0 controls and
# spaces, and TAB, LF, CR anywhere ("\tjava\nscript:" is javascript:).
_URL_EDGES = re.compile("^[\x00-\x20]+|[\x00-\x20]+$")
_URL_INSIDE = re.compile("[\t\n\r]")
WEB_SCHEMES = ("http", "https")


def xml_safe(text: str) -> str:
    """`text` without the characters XML cannot carry."""
    return _NOT_XML.sub("", text)


def web_url(url: str) -> str | None:
    """The link as a browser would read it when it is an http(s) URL with a host; None otherwise
    (`javascript:`, `data:`, `vbscript:` in any case or disguise)."""
    cleaned = _URL_INSIDE.sub("", _URL_EDGES.sub("", url))
    try:
        parts = urlsplit(cleaned)
    except ValueError:  # an unbalanced IPv6 bracket
        return None
    return cleaned if parts.scheme.lower() in WEB_SCHEMES and parts.netloc else None
