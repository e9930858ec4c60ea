"""Why a page the crawl meant to read was not read: a refusal, an error, or bytes that do not decode."""

from __future__ import annotations

import re

from scrapy.http import Response
from twisted.python.failure import Failure

_BLOCK_STATUSES = {401, 403, 451}
_BLOCK_TEXT = re.compile(
    r"request blocked|the request could not be satisfied|access denied|attention required|are you a robot"
    r"|verify you are a human|captcha",
    re.I,
)


def is_block_page(response: Response) -> bool:
    """A refusal page (CDN or bot wall) served in place of the page asked for."""
    if response.status in _BLOCK_STATUSES:
        return True
    text = response.text[:20_000] if hasattr(response, "text") else ""
    return _BLOCK_TEXT.search(text) is not None


def failure_reason(failure: Failure) -> tuple[str, bool]:
    """(what went wrong, whether the site refused us) for a request that produced no page."""
    error = failure.value
    response = getattr(error, "response", None)
    if response is not None:
        return f"HTTP {response.status}", is_block_page(response)
    message = str(error)
    if "robots.txt" in message:
        return "forbidden by robots.txt", True
    return (f"{error.__class__.__name__}: {message}" if message else error.__class__.__name__)[:200], False


def undecodable(response: Response) -> bool:
    """True when the declared encoding did not fit the bytes (the decoder put U+FFFD in their place)."""
    return "\ufffd" in response.text
