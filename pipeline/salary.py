"""UK advert salary text -> figures, pay period, pro rata flag and Agenda for Change band.

Conventions: docs/normalisation.md (salary section) and tests/data/README.md. The reading is rule
based: find the money figures (skipping hours, percentages, phone numbers, dates, postcodes, band
and spine-point numbers), take the first stated pay (one figure, a range, a list of pay points
on one scale, rates for several ways of being paid or kinds of candidate, a progression), repair
typing slips from the two ends together, then take the period from the unit
words beside the pay, or from its size when there are none. Additions after it are not read.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

from pipeline.afc_pay import band_range
from pipeline.text import unglue

WEEKS_PER_YEAR = 52.143
HOURS_PER_WEEK = 37.5
DAYS_PER_WEEK = 5

# Multiplier from one unit of a period to a full-time year; `session` has none.
_ANNUAL_FACTOR = {
    "annual": 1.0,
    "monthly": 12.0,
    "weekly": WEEKS_PER_YEAR,
    "daily": DAYS_PER_WEEK * WEEKS_PER_YEAR,
    "hourly": HOURS_PER_WEEK * WEEKS_PER_YEAR,
}

# Plausible amounts for a stated period; a unit word outside its range (the "weekly" of
# "£13.79 Weekly pay will include ...") is not trusted and the size decides instead.
_PLAUSIBLE = {
    "hourly": (3, 500),
    "daily": (30, 5000),
    "weekly": (50, 20000),
    "monthly": (300, 50000),
    "annual": (3000, 2000000),
    "session": (20, 50000),
}

_MAX_FIGURE = 5_000_000  # anything larger is an id or a run of digits, not pay
_MIN_FIGURE = 0.01  # a penny: less is not money ("£0.0010 PA")


@dataclass(frozen=True)
class Salary:
    """A parsed salary; figures are in the unit of `period`, FTE figures are annual."""

    min: float | None
    max: float | None
    period: str
    pro_rata: bool
    band: str
    annual_fte_min: float | None
    annual_fte_max: float | None
    band_min: float | None
    band_max: float | None
    currency: str  # ISO code of the figures: GBP unless the advert writes another currency


_UNIT_PATTERNS = {
    "session": r"(?:per|a|p\s*/?)\s*(?:clinical\s*)?session|/\s*session|sessional",
    "hourly": r"(?:per|pr|an?|p)\s*/?\s*(?:hours?|hr)\b|p\.?\s*/?\s*h\b\.?|ph\b|phr\b|/\s*h(?:ou)?rs?\b|/\s*h\b"
    r"|hourly",
    "weekly": r"(?:per|a|p)\s*/?\s*(?:week|wk)\b|pw\b|/\s*w(?:ee)?k\b|weekly",
    # "pm" after one or two digits is a time of day ("Monday to Friday, 9am - 5pm"), not pay per month
    "monthly": r"(?:per|a|p)\s*/?\s*(?:calendar\s*)?(?:month|mth)\b|p\.?c\.?m\b\.?|/\s*(?:month|mth)\b|monthly"
    r"|(?<!\d)(?<!\d\s)pm\b|(?<=\d{3})\s?pm\b|p\.m\.",
    "daily": r"(?:per|a|p)\s*/?\s*day\b|pd\b|/\s*day\b|daily|per\s*diem",
    "annual": r"(?:per|a|p)\s*/?\s*(?:ann?um|year|yr)\b|p\.?\s*/?\s*a\b\.?|pa\b|/\s*(?:yr|year|annum)\b"
    r"|annually|annual|yearly|per\s*anum",
}
_UNIT = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in _UNIT_PATTERNS.items()))
_ANY_UNIT = "|".join(_UNIT_PATTERNS.values())  # the same, without group names, for use inside other patterns

# A money figure: optional £, digits with separators, optional k; letters glued to its end are
# kept in `tail` so that postcodes, times and ordinals ("0fe", "9am", "1st") can be told apart
# from pay written without a space ("£12ph", "£45,000pro rata").
_FIGURE = re.compile(r"(?P<cur>£\s*)?(?<![\w.,])(?P<num>\d+(?:[.,]\d+)*)(?P<k>\s?k(?![a-z])|k(?=p))?(?P<tail>[a-z]*)")
_WHOLE_TIME = re.compile(r"\s*(?:wte|fte)\b")
_SPACED_UNIT = re.compile(r"\s*(?:" + _UNIT.pattern + ")")
# Words after a bare number that make it a quantity rather than pay.
_QUANTITY = re.compile(
    r"\s*-?\s*(?:%|per\s*cent|percent|hours?\b|hrs?\b|h\b|hpw\b|sessions?\b|days?\b|weeks?\b|months?\b"
    r"|years?\b|yrs?\b|x\b|mins?\b|minutes\b|staff\b|patients?\b|pts\b|am\b|nd\b|rd\b"
    r"|people\b|employees\b|members\b|pupils\b|students\b"
    r"|programmed\s*activit|pas\b|(?:starting\s*)?points?\b)"  # "(5.11 starting point)": a spine point
)

_BAND_CODE = r"(8[a-d]|[1-9])\b"
# "B5" is a band, but not in a list of another scale's letter grades ("Grade: Level 1 A1/B1").
_BAND_WORD = r"(?:\b(?:afc|a4c|agenda\s*for\s*change)\s*(?:pay\s*)?(?:bands?)?|\bbands?(?:\s*equivalent)?|(?<![a-z]\d/)\bb(?=\d))"
_BAND = re.compile(
    _BAND_WORD
    + r"\s*:?\s*"
    + _BAND_CODE
    + r"(?:\s*(?:-|/|to|or|and|&)\s*(?:(?:afc\s*)?bands?\s*|b)?"
    + _BAND_CODE
    + r")?"
    + r"(?:(?<=8[a-d])\s*[-/]\s*([a-d])(?![\w.]))?"  # "band 8b/c", not "band 8a - c. £55k"
    + r"|\b(8[a-d])\s*(?:-|/|to)\s*(8[a-d])\b|\b(8[a-d])\b"
)

# Spans holding numbers that are never pay.
_NOT_PAY = re.compile(
    r"(?:\+44\s?|\b0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b"  # phone numbers
    r"|\b\d{1,2}([/.-])\d{1,2}\1\d{2,4}\b"  # dates
    r"|\b(?:19|20)\d\d\s*[/-]\s*(?:19|20)?\d\d\b"  # pay years 2020/21
    r"|\b(?:spine\s*)?(?:points?|pts?|scp|grade|level|step|tier|nmw|range|clinical|annex)\s*:?\s*\d+[a-z]?"
    r"(?:\s*(?:-|to)\s*\d+)?\b"
    r"|\b[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b"  # postcodes
    r"|\b[a-z]{1,3}\d{1,3}\s*[/-]\s*\d{1,3}\b(?![.,]\d)"  # grade and point codes: "H8/25", "P23-25"
)

# Pro rata in any spelling, also glued to a figure: "£50,000pro rata", "pa pr", "p/r", "pro rota",
# "Pro tata", "per rata", "pro for part time" ("pr hour" is "per hour").
_PRO_RATA = re.compile(
    r"(?<![a-z])(?:pro\s*[-.]?\s*(?:r|tata)[a-z]*|pro(?=\s*(?:for|if)\s*part)|prorat[a-z]*|per\s*r[ao]ta\b|p\s*/\s*r\b"
    r"|pr\b(?!\s*(?:hour|hr|annum|week|month|day|session)))"
)
# Pro rata right after the holiday, or after its number of days, is the holiday's ("35 days' holiday (pro rata)",
# "Annual leave: 25 days pro rata"), not the pay's.
_HOLIDAY_BEFORE = re.compile(r"(?:holidays?|leave)\W*(?:\d+\s*days?\W*)?$")
_ABOUT = r"(?:\s*(?:circa|c\.|approx(?:imately|\.)?|around|about))?\s*:?\s*$"  # "from circa £38k"
_UP_TO = re.compile(
    r"(?:\bu[op](?:\s*-?\s*to)?|\bupto|^\W*(?:(?:basic|salary|pay)\b\W*)*to|\bmax(?:imum)?\.?(?:\s*of)?|\bnot\s*exceeding)" + _ABOUT
)
# "Starting at/from £X" is from £X; "Salary starting: £X" and "Starting salary £X" name the salary one starts on.
_FROM = re.compile(
    r"(?:\bfrom|(?<!salary\s)\bstarting(?:\s*(?:at|from))?|\bmin(?:imum)?\.?(?:\s*of)?|\bin\s*excess\s*of|\bover"
    r"|\babove|\bat\s*least|\bupwards\s*of)" + _ABOUT
)
# After a single figure: a "+" glued to it or to its unit ("£30k+", "£15.66+ per hour", "£9.21ph+"),
# a lone trailing "+", or "and above". A "+" followed by words is an addition ("£60,000 + bonuses").
_OPEN_ABOVE = re.compile(
    r"(?:[a-z]*|\s*(?:" + _ANY_UNIT + r"))\+(?=\s*(?:$|[^\w\s£]|" + _ANY_UNIT + r"))"
    r"|\s*\+\s*$"
    r"|\+(?=\s*[a-z])(?!\s*(?:" + _ANY_UNIT + r"))"  # glued to the figure, then words: "£45,000+ Excellent Benefits"
    r"|\s*(?:and|or)\s*(?:above|over|more)\b|\s*upwards\b|\s*plus\s*$"
)
# Scales other than Agenda for Change: a band beside them is a council's or an academy's, not an AfC band
# ("Band 6, SCP 6 to SCP 11", "Band 7 - Point 11-17", "Academy Trust Pay Scale, Band 6, Scale point 29 - 32").
_OTHER_SCALE = re.compile(r"\b(?:scp|spinal|spine|njc|points?\s*\d)")
_BETWEEN = re.compile(r"\bbetween\s*(?:£\s*)?$")
_MAX_AFTER = re.compile(r"\s*(?:max(?:imum)?|up\s*-?\s*to|upto)\b")
# Ways of being paid that a rate is written for ("£34.20 per hour PAYE / £45.00 per hour Umbrella").
_ROUTE = r"(?:paye|umb(?:rella)?|ltd|limited(?:\s*company)?|self[-\s]*employed|freelance|sole\s*trader|cis|(?:inside|outside)\s*ir35)"
_ROUTE_WORD = re.compile(_ROUTE)
# A verb of pay progression before a later step: "rising to", "increasing to", "progress to", "progress towards".
_PROGRESSES = r"(?:ris(?:e|es|ing)|increas(?:e|es|ing)|progress(?:es|ing)?)\s*to(?:wards)?\b"
# Between the two ends of a range: a dash or "to", perhaps after the first end's unit ("£12 ph - £14 ph")
# or a full stop ("£26,100. - £31,500.").
_RANGE_GAP = re.compile(
    r"\.?\s*(?:\(?\s*(?:" + _ANY_UNIT + r")\.?\s*\)?\s*)?\)?\s*"
    r"(?:(?:fte|wte|basic|base|" + _ROUTE + r")\b\.?\s*)?"  # "19,807 FTE - £20,392 FTE", "£43430 basic - and up to"
    r"(?:[,(]\s*)?(?:plus\s*enhancements?[\s,)]*)?"  # "£11.44 plus enhancements to £13.00 per hour"
    r"(?:salary\s*)?(?:(?:at|after)\s*\d+\s*(?:months?|years?)\s*)?"  # "£46,813. Salary at 12 months - £48,813"
    r"(?:-+\s*(?:and\s*)?(?:up\s*to)?|~|to|up\s*to|upto|until"  # "£12.71- up to £14.40"
    r"|(?:\([^()£]*\)\s*)?" + _PROGRESSES + ")"  # "£28,598 (level 1) rising to"
    r"\s*(?:[a-z]{2,5}\s?\d{1,2}\s*\(?\s*)?(?:£\s*)?"
)  # a grade code before the upper end: "NJC07 £24,294.00 - NJC11 £25,979.00", "SCP 23 (£35,571) - SCP 28 (£40,446)"
# A range whose upper end is a word: "£25,000 to Negotiable" is "from £25,000" (a dash is a remark:
# "£10k/session - negotiable subject to experience" is £10k).
_OPEN_TOP = re.compile(
    r"\s*(?:\(\s*(?:" + _ANY_UNIT + r")\s*\)\s*|(?:" + _ANY_UNIT + r")\s*)?to\s*"
    r"(?:negotiable|neg\b|tbc|tba|doe|dependent|depending|competitive|market\s*rate)"
)
_AND_GAP = re.compile(r"\s*(?:(?:" + _ANY_UNIT + r")\s*)?and\s*(?:£\s*)?")  # "between £11.75 an hour and £12.75 an hour"
# Between pay points of one list: "£24,907/£26,970/£27,416/£30,615", "£31,634 - £34,001 - £36,368".
_LIST_GAP = re.compile(r"\s*(?:/|,|-+|to)\s*(?:£\s*)?")
# Between rates offered for one post, each named for a way of being paid or a kind of candidate:
# "£16 per hour (PAYE) or £20 per hour", "£13.45/hr (SW) £14.00/hr", "£31,795 appointed / £32,216
# confirmed", "B5 £24,907 - £30,615 B6 £31,365 - £37,890", "8a (£45,753 - £51,668) or 8b (53,168 - £62,001)".
_WHO_WORD = r"(?!or\b)[a-z][a-z/-]*"
_ALTERNATIVE_GAP = re.compile(
    r"\s*(?:(?:"
    + _ANY_UNIT
    + r")\s*)?\)?\s*(?:-\s*)?(?P<who>\([^()£]*\)|for\s+"
    + _WHO_WORD
    + r"(?:\s+"
    + _WHO_WORD
    + r"){0,3}|"
    + _ROUTE
    + r"|"
    + _WHO_WORD
    + r"(?:\s+"
    + _WHO_WORD
    + r")?)?"
    r"\s*(?:(?P<or>or)\b|/|,|;|\.)?\s*(?P<label>[a-z][a-z ]{0,30}?\s*[:-])?\s*(?:(?:circa|approx\.?)\s*:?\s*)?(?P<route>"
    + _ROUTE
    + r")?\s*(?P<band>(?:(?:afc\s*)?(?:band\s*|b)(?:8[a-d]|[1-9])|8[a-d])\b)?\s*\(?\s*(?:£\s*)?"
)
# Words that make the second rate an enhancement or a restatement of the first, not an alternative
# ("£14.27 weekday rate, £15.27 weekend rate", "£29,600 pa, £37,000 FTE").
_NOT_ALTERNATIVE = re.compile(
    r"week|satur|sun|night|day|bank|sleep|overtime|holiday|evening|enhanc|fte|wte|actual|ote|equivalent|full|part"
    r"|pro|rata|inc|plus|bonus|basic|base|then|after|max|up|approx|per|to\b|and\b|from"
)
# When each rate names its own place, the places' rates are alternatives, read lowest to highest ("Circa: £140k
# London / Circa: £120k National", "£92,701 - £115,000 per annum (outside London) £107,304 - £130,000 per annum
# (London)", "Manchester: £34,000 - £36,900 / Milton Keynes: £35,400 - £38,400"); a headline with no place of its
# own before a place's figure is the salary ("£53,669 London minimum £57498", "£31,120 - £37,260 National: ...").
_PLACE_WORDS = r"london|national|inner|outer|fringe|regional|\bhq\b"
_PLACE = re.compile(_PLACE_WORDS)
# A second rate for another place ("£53,669 London minimum £57498", "£36,597 Croydon Salary £40,329") is a
# location's rate: the first stated wins, unless an "or" offers both ("£57,091 (London) or £51,934 (National)")
# or each rate names its place (above).
_LOCATION_RATE = re.compile(_PLACE_WORDS + r"|location|salary|\bmin(?:imum)?\b")
_LABEL_BEFORE = re.compile(r"(?:^|[^a-z\s])\s*([a-z][a-z ]{0,30}?)\s*[:-]\s*(?:(?:circa|approx\.?)\s*:?\s*)?$")
_ABOUT_LABEL = re.compile(r"(?:circa|approx\.?|salary|pay|rate|basic)\s*[:-]$")
_OWN_PLACE_SPAN = 50  # characters after a rate's first figure that may name its place ("... £130,000 per annum (London)")


def _places_each(text: str, opening: _Figure, who: str, label: str, b: _Figure) -> bool:
    """Whether the rate starting at `opening` and the one starting at `b` each name their place."""
    first = _PLACE.search(who) or (_LABEL_BEFORE.search(text, 0, opening.start) and not _ABOUT_LABEL.search(text, 0, opening.start))
    second = label or _PLACE.search(text, b.end, b.end + _OWN_PLACE_SPAN)
    return bool(first and second)


# A rate per piece of work has no period: "Up to £250 per completed assessment".
_NOT_PIECE = r"(?!a[nm]|hou|hr|we|wk|mon|mth|da|ye|yr|ses|cen|ful|fte|wte|r[ao]t)"  # units, misspelt or cut ("per anuum", "per rota")
_PIECE = re.compile(r"\s*per\s+(?:" + _NOT_PIECE + r"[a-z]+\s+)?" + _NOT_PIECE + r"[a-z]{4,}\b")
_RISING_TO = re.compile(_PROGRESSES + r"\s*(?:£\s*)?$")  # a later step of a progression
_ADDITION = re.compile(r"\+|\bplus\b|\binc|\bexc|\bwith\b|\bbonus")
# Pay written as a word before an addition: the figures after it are the addition's
# ("£negotiable + bonus/pension c.£6,150", "Competitive salary plus bonus up to £10,000"); "competitive, with a
# guideline range up to £60,000" states the pay.
_WORDED_PAY = re.compile(r"\b(?:negotiable|competitive|attractive|excellent|doe|tbc|tba)\b[^£\d]*?(?:\+|\bplus\b)")


class _Figure(NamedTuple):
    start: int
    end: int
    value: float
    pound: bool
    k: bool
    alt: float | None  # the other reading of an ambiguous figure ("19.020", "45,0000"); see _other_reading


_SEPARATOR = re.compile(r"[.,]")
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"(?:19|20)\d\d")
_DOT_THOUSANDS = re.compile(r"\d{1,3}\.\d{3}")
_LONG_GROUP = re.compile(r"\d{1,3},\d{4}")
_SHORT_GROUP = re.compile(r"\d{1,3},\d{2}\.\d{2}")


def _number(digits: str, k: bool) -> float:
    """Read UK figures with stray separators: 13,79 -> 13.79; 19.020 -> 19020; 29.191.50 -> 29191.50;
    33,65700 -> 33657.00 (five digits after a comma are a thousands group that lost its pence point)."""
    parts = _SEPARATOR.split(digits)
    if len(parts) == 1:
        value = float(digits)
    else:
        last = parts[-1]
        whole = "".join(parts[:-1])
        if len(last) in (1, 2) or (len(last) > 3 and digits[-len(last) - 1] == ".") or (k and len(last) == 3):
            value = float(f"{whole}.{last}")
        elif len(last) == 5 and digits[-6] == ",":
            value = float(f"{whole}{last[:3]}.{last[3:]}")
        else:
            value = float(whole + last)
    return value * 1000 if k and value < 1000 else value  # "£29000k": the k is a slip


def _other_reading(digits: str) -> float | None:
    """The second reading of an ambiguous figure, for the other end of a range to decide:
    "19.020" may be 19.02, "45,0000" (read 450000, like "11,0683") may be 45000.0, and
    "49,32.00" (read 4932.00) may have lost a digit from its thousands group, like "33,00"."""
    if _DOT_THOUSANDS.fullmatch(digits):
        return float(digits)
    if _LONG_GROUP.fullmatch(digits):
        return float(f"{digits[:-1].replace(',', '')}.{digits[-1]}")
    if _SHORT_GROUP.fullmatch(digits):
        return float(digits.replace(",", "")) * 10
    return None


_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+")


def _is_pay_tail(text: str, at: int, digits: str, tail: str) -> bool:
    """Letters glued to a figure are pence, a unit, "to", pro rata or FTE ("£12ph", "£24907to"), a lost space
    after a figure in thousands ("Up to £46,000No sponsorship offered"), or not pay."""
    if tail in ("", "p") or _GROUPED.fullmatch(digits) or _UNIT.fullmatch(tail):  # "£12.91ph37.5 hours a week"
        return True
    return any(pattern.match(text, at) for pattern in (_UNIT, _RANGE_GAP, _PRO_RATA, _WHOLE_TIME))


_CUT_AFTER_COMMA = re.compile(r",[^\d\s]")
_CLOCK = re.compile(r"\d{1,2}:\d\d(?!\d)")
_SMALL_RANGE = re.compile(r"\s*(?:-|to)\s*(?P<num>\d+(?:\.\d+)?)(?![\d,])")


def _is_quantity(text: str, digits: str, after: int) -> bool:
    """Bare numbers that count hours, sessions, staff, contract fractions or years rather than pounds."""
    if _QUANTITY.match(text, after):
        return True
    if _WHOLE_TIME.match(text, after) and _number(digits, False) <= 2:
        return True  # "0.8 WTE"
    unit = _SPACED_UNIT.match(text, after)
    if unit:  # pay, unless a whole number is implausible for the unit: "10 PA" counts programmed activities
        low, high = _PLAUSIBLE[unit.lastgroup or ""]
        return digits.isdigit() and not low <= int(digits) <= high
    if _YEAR.fullmatch(digits):
        return True  # a year
    if not (digits.isdigit() and int(digits) < 10):
        return False
    # "Clinical 5", "Band Equivalent 6"; but the lower end of a range whose upper end is pay is pay ("5 to 7 per hour")
    upper = _SMALL_RANGE.match(text, after)
    return not upper or _is_quantity(text, upper["num"], upper.end())


# An amount that its own clause names as something other than pay: an organisation's money ("£16.5 billion"),
# a contribution, budget or allowance ("£7,641 towards you being a member of the ... Pension scheme", "£250
# Brighten your day annual budget", "a £4,000 allowance in recognition of ..."). The clause after a figure ends
# at punctuation, a bullet or an addition ("£25,000 plus training budget" is pay); words that run on to the next
# figure name that one ("£82,096 - £110,683 London Allowance £2,162"); a unit or FTE right after the figure, or a
# pay word before the purpose, states pay ("£12.75 per hour Weekly pay Holiday allowance ...").
_NOT_PAY_CLAUSE = re.compile(r"[^£\d.,;:()+•|]*")
_NEXT_FIGURE = re.compile(r":?\s*£?\d")  # the clause runs on to the next figure, or labels it ("Mileage: 40p")
_NAMING_WORDS = 5  # words after a figure that may name it ("£250 Brighten your day annual budget")
_OWN_MONEY = re.compile(r"\s*(?:billion|million|bn)\b")
_NOT_PAY_PURPOSE = re.compile(
    r"\b(?:towards|budget|turnover|income|funding|allowance|incentive|supplement|retainer|retention|relocation|expenses"
    r"|mileage|mile)\b"
)
# The clause before a figure, back to the previous figure or the end of a sentence, names the money too: an
# addition or a benefit's value with no pay word beside it ("Company bonus: Up to £2,500", "employer pension
# contributions, for this role ranging from £14,858", "a Digital Skills Allowance of up to £11,400", "Reward and
# Recognition - £250-£5000", "a cycle to work scheme (worth up to £4000)"); "Alongside your salary of £28,300" is pay.
_CLAUSE_START = re.compile(r".*[£\d.;|]", re.S)
_OTHER_MONEY_BEFORE = re.compile(
    r"\b(?:allowance|bonus|pension|contribution|reward|worth\b|incentive|supplement|retainer|retention|relocation|expenses"
    r"|mileage)"
)
# A sentence that deducts money ("Standard Check: £23.00 + Administration cost of £3.69 = deduction from salary"), or
# whose figures follow a share of the salary ("5% of basic salary, subject to a minimum payment of £1,346"), names
# money other than the pay.
_SENTENCE_END = re.compile(r"[.!?;](?:\s|$)|:(?!\d)")  # or a field's label
_DEDUCTED = re.compile(r"\bdeduct")
_SHARE_OF_PAY = re.compile(r"%\s*of\s+(?:the\s+|your\s+)?(?:basic\s+|base\s+)?(?:salary|pay)\b")
_PAY_WORD = re.compile(r"salary|salaries|\bpay|\bwages?|\brates?\b|basic|\bearn")
_CLAUSE_SPAN = 100  # characters before a figure that may name it


def _names_other_money(text: str, start: int, end: int) -> bool:
    """Whether the figure from `start` to `end` is money its own clause names as something other than pay."""
    if _OWN_MONEY.match(text, end):
        return True
    clause = _NOT_PAY_CLAUSE.match(text, end)
    addition = _ADDITION.search(clause.group())
    named = clause.group()[: addition.start()] if addition else clause.group()
    purpose = _NOT_PAY_PURPOSE.search(named)
    if purpose and len(named[: purpose.start()].split()) < _NAMING_WORDS and not _NEXT_FIGURE.match(text, clause.end()):
        unit = _SPACED_UNIT.match(text, end)
        stated = (unit and not _UNIT_ADJECTIVE.fullmatch(unit.group().strip())) or _WHOLE_TIME.match(text, end)
        if not stated and not _PAY_WORD.search(named, 0, purpose.start()):
            return True
    if "deduct" in text or "%" in text:
        ends = [m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 2 * _CLAUSE_SPAN), start)]
        following = _SENTENCE_END.search(text, end)
        sentence_start, sentence_end = (ends[-1] if ends else 0), (following.start() if following else len(text))
        if _DEDUCTED.search(text, sentence_start, sentence_end) or _SHARE_OF_PAY.search(text, sentence_start, start):
            return True
    before = text[max(0, start - _CLAUSE_SPAN) : start]
    boundary = _CLAUSE_START.match(before)
    before = before[boundary.end() :] if boundary else before
    return bool(_OTHER_MONEY_BEFORE.search(before)) and not _PAY_WORD.search(before)


def _figures(text: str, bands: list[re.Match]) -> list[_Figure]:
    """Money-like figures in reading order, without numbers that are quantities, ids, other money or `bands`;
    a zero amount ("£0 - £60000", a board's placeholder) is kept with value 0 for `_read` to judge."""
    blocked = sorted([m.span() for m in _NOT_PAY.finditer(text)] + [m.span() for m in bands])
    blocked_starts = [a for a, _ in blocked]
    reach = list(accumulate((b for _, b in blocked), max))  # furthest end of the spans so far
    found = []
    other_money_end = -1  # where the last figure named as other money ends: the rest of its range is that money too
    counting = False  # the number before was a quantity: a bare later step of its progression counts the same
    for m in _FIGURE.finditer(text):
        cur, digits, k, tail = m.group("cur", "num", "k", "tail")
        start, end = m.start("num"), m.start("tail")
        i = bisect_right(blocked_starts, start) - 1
        if i >= 0 and reach[i] > start:
            continue
        if tail and not _is_pay_tail(text, end, digits, tail):
            continue
        after = end if tail in ("fte", "wte") else m.end()  # "1.0FTE": a contract fraction
        bare = not cur and not k
        if text.startswith("%", m.end()) or (bare and _is_quantity(text, digits, after)):
            counting = True
            continue
        if bare and counting and _RISING_TO.search(text, 0, m.start()):
            continue  # "25 days pro rata (rising to 30 after 5 years)"
        if digits[0] == "0" and not (cur and digits == "0") and not digits.startswith(("0.", "0,")):
            continue  # leading zero: a code, not money
        clock = None if cur or len(digits) > 2 else _CLOCK.search(text, max(0, start - 3), m.end() + 3)
        if clock and clock.start() <= start and m.end() <= clock.end():
            continue  # a time of day: "Monday to Friday, 08:30 - 17:00"
        if cur and digits.isdigit() and len(digits) <= 3 and _CUT_AFTER_COMMA.match(text, m.end()):
            continue  # "£60,(Apply online only)": the board cut the digits after the thousands comma
        if _names_other_money(text, m.start(), m.end()) or (
            other_money_end >= 0 and _RANGE_GAP.fullmatch(text, other_money_end, m.start())
        ):
            other_money_end = end
            continue
        value = _number(digits, bool(k))
        alt = None if k else _other_reading(digits)
        if (cur and value == 0) or _MIN_FIGURE <= value <= _MAX_FIGURE:
            found.append(_Figure(m.start(), end, value, bool(cur), bool(k), alt))
            counting = False
    return found


def _period_from_size(value: float) -> str:
    """Bare figures from 1,000 up are annual: adverts name monthly pay, but not part-time annual salaries."""
    if value < 100:
        return "hourly"
    if value < 1000:
        return "daily"
    return "annual"


def _ends(low: _Figure, high: _Figure) -> tuple[float, float]:
    """Read a range's ends together: a shared k or thousands on a shorthand end (£22-£26K,
    £35-£40,000, £25-31000, £30,000-35) and the reading of an ambiguous figure that fits the other end."""
    a, b = low.value, high.value
    if high.alt is not None and (
        _period_from_size(b) != _period_from_size(a) == _period_from_size(high.alt) or (not a <= b <= 3 * a and a <= high.alt <= 3 * a)
    ):
        b = high.alt
    if low.alt is not None and (_period_from_size(a) != _period_from_size(b) == _period_from_size(low.alt) or low.alt <= b < a):
        a = low.alt
    if high.k and not low.k and a < 1000:
        a *= 1000
    elif low.k and not high.k and b < 1000:
        b *= 1000
    elif a < 1000 <= b and 0.3 * b <= a * 1000 <= b:
        a *= 1000
    elif b < 1000 <= a <= b * 1000 <= 3 * a:
        b *= 1000
    return a, b


def _same_size(a: _Figure, b: _Figure) -> bool:
    return _period_from_size(a.value) == _period_from_size(b.value)


def _joined(text: str, a: _Figure, b: _Figure) -> bool:
    """Whether `b` is the upper end of a range that starts at `a`."""
    gap = text[a.end : b.start]
    if _RANGE_GAP.fullmatch(gap) or (_AND_GAP.fullmatch(gap) and _BETWEEN.search(text, 0, a.start)):
        return True
    if _LIST_GAP.fullmatch(gap):  # a shared k: "c£60/65k per annum"
        return _same_size(a, b) or (b.k and not a.k and a.value < 1000 <= b.value <= a.value * 3000)
    # two amounts side by side ("£82,096 £110,683 per annum"), unless the second is the FTE of the first;
    # glued, a feed lost the dash between them ("£800£1,050 per week")
    if a.pound and b.pound and not gap:
        return b.value > a.value
    if a.k and b.k and gap.isspace():  # "£45k 55k per year"
        return b.value > a.value
    # or a thousands figure without its sign ("£60,778  68,422 p.a.")
    written_alike = b.pound or bool(_GROUPED.fullmatch(text, b.start, b.end))
    return a.pound and written_alike and not gap.strip() and _same_size(a, b) and not _WHOLE_TIME.match(text, b.end)


def _listed(text: str, a: _Figure, b: _Figure) -> bool:
    """Whether `b` is the next, higher pay point of a list that `a` belongs to (a lost dash leaves two glued: "rising to
    £52,855£55,608")."""
    gap = text[a.end : b.start]
    return b.value >= a.value and _same_size(a, b) and (bool(_LIST_GAP.fullmatch(gap)) or (a.pound and b.pound and not gap))


# A rate named as one of several may be lower than the one before it ("Higher Rate (£1,353.08 pw) - Lower Rate
# (£1,228.51)", rates of NHS Scotland's salary filter for trainees).
_NAMED_RATE = re.compile(r"\brate\b")


def _alternative(text: str, opening: _Figure, a: _Figure, b: _Figure) -> bool:
    """Whether `b` is another rate for the same post as the rate from `opening` to `a`, named for another way of
    being paid, kind of candidate or place (higher, unless an "or", a way of being paid or places named for both
    say it is an alternative: "£55.47 Umb / £41.11 PAYE ph")."""
    gap = _ALTERNATIVE_GAP.fullmatch(text[a.end : b.start])
    if (
        not gap
        or not (gap["who"] or gap["label"] or gap["route"] or gap["band"] or gap["or"])
        or not _same_size(a, b)
        or b.value == a.value
    ):
        return False
    label = "" if _ABOUT_LABEL.fullmatch(gap["label"] or "") else gap["label"] or ""
    who = " ".join(filter(None, (gap["who"], label)))
    routed = bool(gap["route"] or _ROUTE_WORD.fullmatch(gap["who"] or ""))
    placed = _places_each(text, opening, gap["who"] or "", label, b)
    lower = gap["or"] or routed or placed or _NAMED_RATE.search(who)
    if (b.value < a.value and not lower) or (opening.pound != b.pound and not gap["band"]):
        return False
    if _LOCATION_RATE.search(who) and not (gap["or"] or placed):
        return False
    return not (_NOT_ALTERNATIVE.search(who) or _UNIT.fullmatch(who.strip("() ")))  # "£29.21 (ph) £46.74": a unit, not whom


def _pay(text: str, figures: list[_Figure]) -> tuple[int, bool]:
    """Index of the last figure of the first stated pay, read from lowest to highest: one figure, a range,
    a list of pay points on one scale ("£21,892 / £24,157"), rates for different ways of being paid or
    kinds of candidate (each perhaps a range), and a progression to its last "rising to" step; and whether
    it holds alternative rates (then its ends are its lowest and highest figures)."""
    last, opened, alternatives = 0, True, False  # opened: figures[last] starts a rate, so a range may follow it
    opening = figures[0]  # the first figure of the rate being read
    while last + 1 < len(figures):
        a, b = figures[last], figures[last + 1]
        if _joined(text, a, b) if opened else _listed(text, a, b):
            opened = False
        elif _alternative(text, opening, a, b):
            opened = alternatives = True
            opening = b
        else:
            break
        last += 1
    for k in range(last + 1, len(figures)):
        step = figures[k]
        if step.value > figures[last].value and _same_size(step, figures[last]) and _RISING_TO.search(text, 0, step.start):
            last = k
    return last, alternatives


def _is_code(text: str, bare: _Figure, after: _Figure) -> bool:
    """A small bare number before the pay in pounds names a grade or scale ("CSET 10 £26,403 FTE")."""
    return (
        not bare.pound
        and not bare.k
        and bare.value < 100
        and after.pound
        and not _joined(text, bare, after)
        and _DIGIT.search(text, 0, bare.start) is None
        and bool(text[: bare.start].strip())
    )


# Hours or days worked per week state the working pattern, not the pay's period ("21.5 hours per week ... £12,089",
# "approximately 1 weekend working day per month").
_WORKING_PATTERN = re.compile(r"(?:\d+(?:\.\d+)?\s*)?(?:hours?|hrs?|days?|sessions?)\s*(?:per|a|p\s*/?)\s*(?:week|wk|day|month)\b")


# "Weekly pay will include ..." describes pay; a "per" unit right after the pay states its period as written,
# even when the figure is unlikely for it ("From £45 to £55 per annum", "£55.00-£58.00 per month").
_UNIT_ADJECTIVE = re.compile(r"(?:hour|week|month|dai|year|annual)ly|annual|sessional")


def _stated_period(text: str, value: float) -> str:
    """The period a unit word in `text` states, when plausible for `value`."""
    m = _UNIT.search(_WORKING_PATTERN.sub(" ", text))
    if not m:
        return ""
    period = m.lastgroup or ""
    low, high = _PLAUSIBLE[period]
    return period if low <= value <= high else ""


_BAND_ORDER = ("1", "2", "3", "4", "5", "6", "7", "8", "8a", "8b", "8c", "8d", "9")


def _band(bands: list[re.Match]) -> str:
    """Every band named, as one band or a range from the lowest to the highest."""
    codes = {code if code[0].isdigit() else "8" + code for m in bands for code in m.groups() if code}
    if not codes:
        return ""
    ordered = sorted(codes, key=_BAND_ORDER.index)
    return ordered[0] if len(ordered) == 1 else f"{ordered[0]}-{ordered[-1]}"


@lru_cache(maxsize=65536)
def _read(text: str) -> tuple[float | None, float | None, str, bool, str]:
    """(min, max, period, pro_rata, band) of a lower-cased, tidied salary text."""
    pro_rata = any(not _HOLIDAY_BEFORE.search(text, 0, m.start()) for m in _PRO_RATA.finditer(text))
    if not _DIGIT.search(text):
        return None, None, "", pro_rata, ""
    bands = list(_BAND.finditer(text))
    band = "" if _OTHER_SCALE.search(text) else _band(bands)
    figures = _figures(text, bands)
    placeholder = len(figures) > 1 and figures[0].value == 0 and _joined(text, figures[0], figures[1])
    figures = [figure for figure in figures if figure.value]
    if not figures or _WORDED_PAY.search(text, 0, figures[0].start):
        return None, None, "", pro_rata, band
    if len(figures) > 1 and _is_code(text, figures[0], figures[1]):
        figures = figures[1:]
    j, alternatives = _pay(text, figures)
    first, last = figures[0], figures[j]
    low, high = _ends(first, last) if j else (first.value, first.value)
    if alternatives:
        values = [figure.value for figure in figures[: j + 1]]
        low, high = min(low, *values), max(high, *values)
    if low > high:  # "£35007.97 - £5K Welcome Bonus": the second figure is something else
        last, high, j = first, low, 0
    stop = figures[j + 1].start if j + 1 < len(figures) else len(text)
    after = text[last.end : stop]
    addition = _ADDITION.search(after)
    unit_text = after[: addition.start()] if addition else after
    written = _SPACED_UNIT.match(after)
    period = (
        (written.lastgroup or "" if written and not _UNIT_ADJECTIVE.fullmatch(written.group().strip()) else "")
        or _stated_period(text[first.end : last.start] + " " + unit_text, high)
        or _stated_period(text[: first.start], high)
        or ("" if _PIECE.match(after) else _period_from_size(high))
    )
    if last is first:
        prefix = text[max(0, first.start - 40) : first.start]
        if placeholder or _UP_TO.search(prefix) or _MAX_AFTER.match(after):
            low = None
        elif _FROM.search(prefix) or _OPEN_ABOVE.match(text, last.end) or _OPEN_TOP.match(text, last.end):
            high = None
    return low, high, period, pro_rata, band


_TIDY = str.maketrans(
    {
        "\u2013": "-",
        "\u2014": "-",
        "\u2012": "-",
        "\u2212": "-",
        "\xa0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\t": " ",
        "\u200b": None,
        "\ufeff": None,
    }
)
# A page whose UTF-8 was read as Windows-1252 turns "€" into "â‚¬", or into "‚¬" when the "â" was lost
# on the way too (a Reed.co.uk crawl of 2018-19): the sign the advert wrote.
_MISDECODED_EURO = re.compile("â?‚¬")


# Slips inside a thousands figure: a split ("£37, 020" -> "£37,020", "£30 615" -> "£30615", "£60 ,000" -> "£60,000"), an
# apostrophe ("£30'615"), or a hyphen typed for the comma where the range's other end shows the
# thousands ("£45-753-£51,668" -> "£45,753-£51,668").
# A hyphen typed for the point of one end of a range whose other end shows pence: "£14.25 - £15-75 per hour",
# "Hourly Rate £17-94 - £23.07".
_POINT_SLIP = re.compile(
    r"(?<=\.\d\d\s-\s£)(\d{1,2})-(?=\d\d\b)|(?<=\.\d\d-£)(\d{1,2})-(?=\d\d\b)|(?<=£)(\d{1,2})-(?=\d\d\s*-\s*£\s*\d{1,2}\.\d\d\b)"
)
_THOUSANDS_SLIP = re.compile(
    r"(?<=\d)(?:([,.]) |'| (?=,))(?=,?\d{3}\b)|(?<=(?<![\d.,])\d\d) (?=000\b)"
    r"|(£\d{1,3})(?: (?=\d{3}(?![\d,]))|(-)(?=\d{3}\s*(?:-|to)\s*£?\s*\d{1,3},\d{3}\b))"
)


_REPEATED_WORD = re.compile(r"\b([a-z]+)(?:\s+\1\b)+")  # a word typed twice: "rising to to £36,626"


def _mend_thousands(m: re.Match) -> str:
    """The figure as written without the slip, so that it reads as one number."""
    return m.group(1) or (m.group(2) or "") + ("," if m.group(3) else "")


def _annual(value: float | None, period: str) -> float | None:
    factor = _ANNUAL_FACTOR.get(period)
    return None if value is None or factor is None else round(value * factor, 2)


# Currencies boards write: a symbol or code. Pounds are the default; another currency's figures are
# kept as written, with its code, and not turned into pounds.
# A dollar sign may carry its country ("AUD$90,000", "US$60,000", "NZ$"); a bare "$" is the US dollar.
_CODES = r"gbp|eur|usd|aud|cad|nzd"
_SYMBOL = re.compile(r"\b(?:us|au|ca|nz|hk|sg)d?\s?\$|\b[ac]\$|[£€$]|(?:\b|(?<=\d))(?:" + _CODES + r")\b\s*")
_CURRENCY_CODE = {
    "£": "GBP",
    "€": "EUR",
    "$": "USD",
    "us": "USD",
    "a": "AUD",
    "au": "AUD",
    "c": "CAD",
    "ca": "CAD",
    "nz": "NZD",
    "hk": "HKD",
    "sg": "SGD",
}
# A code beside a figure says nothing more than "£" does ("£30,000.00 (GBP) - £35,000.00 (GBP)").
_CODE_AFTER = re.compile(r"\(\s*(?:" + _CODES + r")\s*\)|(?<=[\s\d])(?:" + _CODES + r")\b(?!\s*\d)")


def _currency(text: str) -> tuple[str, str]:
    """The currency of a lower-cased salary text ("56000USD", "AUD$90,000"), and the text with every
    currency written as "£"."""
    found = _SYMBOL.search(text)
    if not found:
        return "GBP", text
    written = found.group().rstrip("$ ")  # "aud", "us", "£"; "" for a bare "$"
    code = written.upper() if len(written) == 3 else _CURRENCY_CODE.get(written or "$", "USD")
    return code, _SYMBOL.sub("£", _CODE_AFTER.sub("", text))


@lru_cache(maxsize=65536)
def parse_salary(text: str | None, pay_year: int | None = None, nation: str = "") -> Salary:
    """Parse a salary as adverts write it; never guesses a figure the text does not hold.

    `pay_year` (the calendar year the advert was posted) and `nation` (Scotland has its own scales)
    pick the Agenda for Change table that gives a figure-less band its range; see `pipeline.afc_pay`.
    """
    written = unglue(_MISDECODED_EURO.sub("€", text or ""))
    currency, tidy = _currency(written.translate(_TIDY).replace("&pound;", "£").lower().strip())
    tidy = _THOUSANDS_SLIP.sub(_mend_thousands, tidy)
    tidy = _REPEATED_WORD.sub(r"\1", _POINT_SLIP.sub(lambda m: m.group(m.lastindex or 0) + ".", tidy))
    low, high, period, pro_rata, band = _read(tidy)
    pounds = currency == "GBP"
    band_min = band_max = None
    if band and not period:
        limits = band_range(band, pay_year, nation)
        if limits:
            band_min, band_max = float(limits[0]), float(limits[1])
    return Salary(
        min=low,
        max=high,
        period=period,
        pro_rata=pro_rata,
        band=band,
        annual_fte_min=_annual(low, period) if pounds else None,
        annual_fte_max=_annual(high, period) if pounds else None,
        band_min=band_min,
        band_max=band_max,
        currency=currency if period else "",
    )
