"""Text tidying shared by the parsers in `pipeline/`."""

from __future__ import annotations

import re

# A page whose markup was dropped without a space glues a field's value to the next label: "£15phJob Type",
# "£13.50Location: Basingstoke", "£35kStore bonus scheme", "Wednesday 3 JuneBenefits". A capital that follows a
# lower-case letter or a digit and starts a lower-case word begins a new field, as a comma would
# ("PhD", "AfC Band", "NHS" stay whole).
_GLUED_WORD = re.compile(r"(?<=[a-z\d])(?=[A-Z][a-z])")


def unglue(text: str) -> str:
    """`text` with a comma and a space before each word glued to the one before it."""
    return _GLUED_WORD.sub(", ", text)
