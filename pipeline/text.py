"""Text tidying shared by the parsers in `pipeline/`."""

from __future__ import annotations

import re

# A page whose markup was dropped without a space glues a field's value to the next label: "£15phJob Type",
# "£13.50Location: Basingstoke", "£35kStore bonus scheme", "Wednesday 3 JuneBenefits", "£13.50phTERM: 3 months",
# "£30KLocation". A capital that follows a lower-case letter, a digit or a thousands "K" and starts a lower-case
# word (or, after a lower-case letter, a word in capitals) begins a new field, as a comma would ("PhD", "AfC Band",
# "NHS", "9AM" stay whole).
_GLUED_WORD = re.compile(r"[A-Z](?:(?<=[a-z\d].)(?=[a-z])|(?<=\dK.)(?=[a-z])|(?<=[a-z].)(?=[A-Z]{2}))")


def unglue(text: str) -> str:
    """`text` with a comma and a space before each word glued to the one before it."""
    return _GLUED_WORD.sub(r", \g<0>", text)
