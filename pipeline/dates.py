"""UK closing and posted dates: advert text -> calendar date (day-first), or "open until filled".

Precompiled regexes read the formats boards actually use (labels, weekdays, ordinals, times and
misspelt months around a day-first date); dateparser is only asked about the rare short text they
cannot read, because it is slow and misreads labelled text such as "Closing Date: 30/09/2020".
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

import dateparser

from pipeline.text import unglue


@dataclass(frozen=True)
class ClosingDate:
    """`open_ended` marks adverts that close when filled ("rolling", "ongoing"); their date is None."""

    date: datetime.date | None
    open_ended: bool


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
# NHS Jobs prints Welsh-language adverts' dates in Welsh ("06 Awst 2026"): their months are read as whole words.
_WELSH_MONTHS = ("ionawr", "chwefror", "mawrth", "ebrill", "mai", "mehefin", "gorffennaf", "awst", "medi", "hydref", "tachwedd", "rhagfyr")
_MONTH_PREFIX = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|(?:" + "|".join(_WELSH_MONTHS) + r")\b"
# A time beside a date is noise; a 2-digit number followed by one is not a year.
_NOT_A_YEAR = r"(?!\d)(?!\s*(?:[:.]\d|a\.?m\b|p\.?m\b|noon|midday|midnight|hrs|hours|h\b))"
_YEAR = rf"(?:19|20)\d\d(?!\d)|\d\d{_NOT_A_YEAR}"
_YEARS = range(1990, 2100)  # a year outside is a misread number ("1200hrs" -> year 1200)
_SEP = r"[\s,.\-/'–—]*"

_DATE = re.compile(
    r"(?<!\d)(?P<iy>(?:19|20)\d\d)(?P<isep>[/.\-])(?P<im>\d{1,2})(?P=isep)(?P<id>\d{1,2})(?!\d)"
    r"|(?<!\d)(?<!\d[/.\-])(?P<nd>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<nm>\d{1,2})"
    r"(?:\s*(?P=sep)\s*|\s+(?=(?:19|20)\d\d))(?P<ny>(?:19|20)\d\d(?!\d)|\d\d(?!\d))"
    rf"|(?<!\d)(?P<dd>\d{{1,2}})\s*(?:st|nd|rd|th|h)?{_SEP}(?:of\s+)?(?P<dm>{_MONTH_PREFIX})"
    rf"(?:{_SEP}(?P<dy>{_YEAR}))?"
    rf"|(?P<mm>{_MONTH_PREFIX})\.?[\s\-]*(?:the\s+)?(?P<md>\d{{1,2}})(?!\d)(?:st|nd|rd|th)?"
    rf"(?:,?\s*(?P<my>(?:19|20)\d\d)(?!\d))?",
    re.I,
)
_CLOSE_WORD = re.compile(r"\bclos(?:e|es|ed|ing)\b|\bdeadline\b", re.I)
_OPEN_ENDED = re.compile(
    r"\b(?:until|clos(?:e|es|ing)\s+(?:when|once))\s+(?:all\s+)?(?:the\s+)?(?:(?:post|position|role|vacanc(?:y|ie))s?\s+)?"
    r"(?:is\s+|are\s+|ha(?:s|ve)\s+been\s+)?filled"
    r"|\buntil\s+further\s+notice\b|\buntil\s+(?:a|the)\s+(?:suitable|right|successful)\s+(?:candidate|applicant|person)\s+(?:is|has\s+been)\s+"
    r"(?:found|appointed|identified|recruited)\b"
    r"|\b(?:no|without|(?:won.t|will\s+not)\s+be\s+waiting\s+for)\s+(?:a\s+)?(?:fixed\s+)?closing\s+date\b"
    r"|\bwill\s+(?:be\s+)?close[sd]?\s+(?:once|when|as\s+soon\s+as)\b[^.]{0,40}\bsufficient\b"
    r"|\bwhen\s+sufficient\b[^.]{0,60}\bclosed?\b"
    r"|\b(?:considered|reviewed)\s+as\s+(?:and\s+when\s+)?(?:they\s+are\s+)?received\b"
    r"|\b(?:clos\w*|deadline)(?:\s+date)?\s*:\s*open\b(?!\s+(?:day|evening|event|session)s?\b)"
    r"|\bwe\s+are\s+always\s+(?:recruiting|looking\s+for\b[^.]{0,40}\b(?:staff|people|candidates|applicants|workers))\b",
    re.I,
)
# Rolling work patterns are not rolling recruitment: "a 2-week rolling rota", "let's get the ball rolling".
_ROLLING = re.compile(
    r"\brolling\b(?<!ball rolling)(?!\s+(?:rotas?|shifts?|shift\s+patterns?|patterns?|roads?|contracts?))|\bon-?going\b|\bopen[- ]ended\b",
    re.I,
)
# Nor is the post's own term or anything else it qualifies: "The post is open-ended", "an open-ended contract",
# "ongoing training", "the University's ongoing commitment to redeployment" ("an ongoing basis", "ongoing recruitment",
# "Closing Date: Ongoing", "Recruitment is ongoing and ..." stay recruitment's).
_WORK_STATE = re.compile(
    r"\b(?:contract|post|role|position|appointment|job|employment)s?\s+(?:is|are|will\s+be)\s+(?:an?\s+)?(?:open[- ]ended|on-?going)\b"
    r"|\b(?:open[- ]ended|on-?going)\s+(?!(?:basis|recruit\w*|advert\w*|vacanc\w*|campaigns?|process|applications?|intakes?"
    r"|and|or|but|until|till|unless|with|for|so|as|at|in|on|from|while|whilst|to|we|you|it|this|the|an?|is|are|be)\b)[a-z]",
    re.I,
)
# "We review applications on an ongoing basis ... regardless of the closing date": the advert has a
# closing date and may close before it, so rolling review does not make it open-ended.
_BEFORE_CLOSING_DATE = re.compile(
    r"\b(?:before|prior\s+to|regardless\s+of|ahead\s+of)\s+the\s+(?:(?:stated|advertised)\s+)?(?:closing\s+date|deadline)\b", re.I
)
# Dates of other events say nothing about closing: "Interviews will be held on 16th November" (or "... on
# a rolling basis"), "Shortlisting: 26/11/2020", "Sift dates: w/c 11/12/2023", "Expected start date: 01/02/2025",
# "Start date Friday 20th", an information session or open day, the posting ("Original Posting:04/28/2026 - Until
# Filled"), the page's update ("Page updated on: 13/01/2025", "Last review: 09 October 2025"), a policy's ratification
# or review ("Date Ratified 28th September 2015"), or another field's "... Date:" label ("Closing Date: Hybrid Worker
# Date: 3 Jun 2026").
_OTHER_EVENT_CLAUSE = re.compile(
    r"\b(?:interview\w*|sift\w*|shortlist\w*|start(?:ing)?\s+date|start\s+(?:on|from)|commencement\s+date|information\s+session"
    r"|drop-in|recruitment\s+(?:days?|events?|fairs?)|(?:careers?|jobs?)\s+(?:fairs?|events?)|(?:hold|offer|acceptance)\s+deadline"
    r"|open\s+(?:day|evening)|assessment\s+(?:day|centre)|original\s+posting|(?:page|last)\s+(?:updated|modified|review(?:ed)?)\b"
    r"|updated\s+(?:on\b|:)|review\s+date|date\s+(?:ratified|approved)|(?:ratified|approved)\s+(?:on|date)\b"
    r"|EU\s+Settlement\s+Scheme|EUSS|elections?|(?:applications?|window|registration)\b[^.;]{0,60}?\bopen(?:s|ed|ing)?\s+(?:on|from|at|\()"
    r"|opened\s+to\s+(?:new\s+)?applica\w*|(?!clos|deadline|expir|end\b|applica|last\b|due\b|final\b|live\b)[a-z]+\s+date\s*:)"
    r"(?:(?!clos(?!e\s+of\s+(?:play|business)))[^.;!?])*$",
    re.I,
)
# The post's own term and the advert's publication are other events too, unless their clause goes on to applying:
# "Fixed Term from 26th January 2026 until 31st August 2026", "This contract is due to expire on 31 March 2027",
# "Maternity cover until 31 March 2027", "available from
# 1 September 2025", "Open Date 03/06/2024", a launch ("went live on Friday 2 October 2020"), workshop or visit, an
# appointment ("seeks to appoint ... from 26th August 2019"), a message circulated or issued, a rule taking effect ("The
# new points based Immigration System took effect from 1st January 2021"), a rally, a meeting or anything taking place
# ("It is taking place at ... on Saturday, June 22"), an announcement, taking up the post, a notice's
# own date ("This notice is dated: Tuesday 24 June 2025") or listing ("Date listed 5 October 2025"), a shop's unveiling,
# and a Welsh fixed term ("Cyfnod penodol hyd at 19/09/2023").
# (The lookahead of first letters lets the regex engine skip most positions.)
_POST_TERM = re.compile(
    r"(?=[abcdefhilmnoprstuvw])\b(?:fixed[- ]term|maternity|paternity|parental\s+leave|secondment|(?:sickness|long[- ]term)\s+cover"
    r"|cover\s+(?:until|for)|contract\w*|tenure|funded|funding|temporary|duration|period\s+(?:of|ends?)|probation\w*|availab\w*"
    r"|required\s+(?:from|for|until|immediately)|start\w*|commenc\w*|begin\w*|induction|training|launch\w*|webinar|workshop"
    r"|conference|events?|rall(?:y|ies)|visits?|tours?|presentations?|maintenance|posted|published"
    r"|circulated|issued|appoint\w*|announc\w*|meetings?|unveil\w*|went\s+live|take\s+up|dated|listed|cyfnod\s+penodol"
    r"|advertised\s+on|opens\s+on|opens?(?=\s*:)|open(?:ing)?\s+date"
    r"|let\s+you\s+know|notif\w*|heard?\s+(?:from|back)|(?:took|takes?|taking)\s+(?:effect|place)|c(?:a|o)mes?\s+into\s+force|effective\s+(?:from|on))\b",
    re.I,
)
_TURNS_TO_APPLYING = ("clos", "deadline", "appl", "submi", "return", "receiv", "no later than")
# A start or publication written after its date ("With a 1st July start date", "September 1st Start - for One Term",
# a listing's 'Fri, 27 Feb 2026 "> published'); read only in a text with no closing word, where a card's next label
# ("Closing date: 5 May Start date: 1 June") cannot follow.
_START_AFTER = re.compile(r"[\s\-–\"'>]{0,6}(?:start(?:s|ing)?|published|posted)\b", re.I)


@lru_cache(maxsize=256)
def _month(word: str) -> int | None:
    """Month number of a month name, abbreviation or typo (`Novemeber`, `Febuary`, `Sept`), or a Welsh name (`Awst`)."""
    word = word.lower()
    if word in _WELSH_MONTHS:
        return _WELSH_MONTHS.index(word) + 1
    for number, name in enumerate(_MONTHS, start=1):
        if name.startswith(word[:3]):
            if name.startswith(word) or SequenceMatcher(None, word, name).ratio() >= 0.8:
                return number
            return None
    return None


def _year(text: str | None) -> int | None:
    if not text:
        return None
    year = int(text)
    return year + 2000 if year < 100 else year


def _calendar(year: int | None, month: int, day: int, reference: datetime.date) -> datetime.date | None:
    """A valid date; without a year, the next occurrence on or after `reference`."""
    if year is not None:
        try:
            return datetime.date(year, month, day)
        except ValueError:
            return None
    for year in range(reference.year, reference.year + 9):
        try:
            found = datetime.date(year, month, day)
        except ValueError:
            continue
        if found >= reference:
            return found
    return None


def _read(match: re.Match, reference: datetime.date) -> datetime.date | None:
    """One matched date; numeric dates are day-first unless only month-first is valid."""
    group = match.group
    if group("iy"):
        return _calendar(int(group("iy")), int(group("im")), int(group("id")), reference)
    if group("nd"):
        day, month, year = int(group("nd")), int(group("nm")), _year(group("ny"))
        if month > 12 >= day:
            day, month = month, day
        return _calendar(year, month, day, reference)
    if group("dd"):
        month = _month(group("dm"))
        return _calendar(_year(group("dy")), month, int(group("dd")), reference) if month else None
    month = _month(group("mm"))
    return _calendar(_year(group("my")), month, int(group("md")), reference) if month else None


def _is_date_word(match: re.Match) -> bool:
    """False when the letters beside a number are not a month (`2 junior`, `may 2`)."""
    word = match.group("dm") or match.group("mm")
    return word is None or _month(word) is not None


def _closeness(match: re.Match, close_words: list[re.Match]) -> int:
    """Characters from the nearest "closing" word before a date (one after it counts far less)."""
    return min(match.start() - word.end() if word.end() <= match.start() else 200 + word.start() - match.end() for word in close_words)


def _in_other_event_clause(text: str, position: int) -> bool:
    """The clause before `position` is about another event (an interview, the post's term, the posting); neither
    kind of clause crosses a `.;!?`, so only the text since the last of them is searched, and a post term only
    after the clause's last word of applying or closing (found with `str.rfind`, far faster here than a regex)."""
    start = max(text.rfind(".", 0, position), text.rfind(";", 0, position), text.rfind("!", 0, position), text.rfind("?", 0, position)) + 1
    if _OTHER_EVENT_CLAUSE.search(text, start, position):
        return True
    lowered = text.lower()
    for word in _TURNS_TO_APPLYING:
        found = lowered.rfind(word, start, position)
        if found >= 0:
            start = found + len(word)
    return _POST_TERM.search(text, start, position) is not None


def _blanked(match: re.Match) -> str:
    """Spaces as long as the match, so that positions in the text stay where they were."""
    return " " * len(match.group())


# The dots of "4 p.m." and of a number ("3.30pm", "£25.50") end no clause: "maintenance between 4 p.m., and 7 p.m.,
# on 07/06/2026" and "a recruitment day ... from 10am until 3.30pm on January 28" are one clause each.
_TIME_DOTS = re.compile(r"\b[ap]\.m\.?|(?<=\d)\.(?=\d)", re.I)


def _undotted(match: re.Match) -> str:
    return match.group().replace(".", " ")


# The first date of a window is its opening: "accepted ... between 10am Thursday 14 November 2024 and 4pm Thursday
# 5 December 2024" closes on the second.
_WINDOW_BEFORE = re.compile(r"\bbetween\b[^.;]{0,25}$", re.I)
_WINDOW_AFTER = re.compile(r"[^.;]{0,25}?\band\b", re.I)


def _is_other_event(text: str, match: re.Match) -> bool:
    """The date is another event's: after such a clause, a window's opening, or followed by "start" or "published"
    in a text that names no closing."""
    if _in_other_event_clause(text, match.start()):
        return True
    if _WINDOW_BEFORE.search(text, max(0, match.start() - 40), match.start()) and _WINDOW_AFTER.match(text, match.end()):
        return True
    return _START_AFTER.match(text, match.end()) is not None and not _CLOSE_WORD.search(text)


def _find(text: str, clauses: str, reference: datetime.date, undated: bool, posted: bool) -> tuple[bool, datetime.date | None]:
    """(a date was written, the date read) for the date tied to "closing", else the first date; `clauses`: the
    text with its time dots blanked; `undated`: `reference` is only today, not the text's own date; `posted`: the
    text is a posted date, so other events' dates are not skipped."""
    written = [m for m in _DATE.finditer(text) if _is_date_word(m)]
    close_words = list(_CLOSE_WORD.finditer(text)) if len(written) > 1 else []
    ordered = sorted(written, key=lambda m: _closeness(m, close_words)) if close_words else written
    match = next((m for m in ordered if posted or not _is_other_event(clauses, m)), None)
    if match is None:
        return bool(written), None
    found = _read(match, reference)
    weekday = _WEEKDAY.search(text, max(0, match.start() - 16), match.start())
    if found and weekday and not _year_of(match):
        day = _WEEKDAYS.index(weekday.group(1).lower())
        # a text with no date of its own is dated by the years it writes: "... from 3 August 2020 to 31 January 2021
        # ... returned by Monday 24 August" is 2020's
        years = sorted({year + later for m in written if (year := _year_of(m)) for later in (0, 1)}) if undated else []
        found = next(_fitting(found, day, years), None) or _on_weekday(found, day, reference, undated)
    return True, found


def _year_of(match: re.Match) -> int | None:
    """The year a date match writes, if any."""
    return next((_year(match.group(name)) for name in ("iy", "ny", "dy", "my") if match.group(name)), None)


_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# A weekday written just before a date without a year: "Friday 24 th July".
_WEEKDAY = re.compile(r"\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*(?:the\s+)?$", re.I)


#: How far back the weekday of a text with no reference date may date it: a day and month fall on each
#: weekday at least once in any 11 years.
_UNDATED_YEARS_BACK = 11


def _on_weekday(found: datetime.date, weekday: int, reference: datetime.date, undated: bool) -> datetime.date:
    """A date written with its weekday but no year is in the year nearest `reference` where the weekday fits.

    A text with no date of its own (`undated`: a saved page or article, `reference` only today) may be
    years old: its weekday then gives the latest fitting year up to next year ("next Friday, February 10"
    read in December 2026 is 10 February 2023)."""
    if undated:
        latest = next(_fitting(found, weekday, range(reference.year + 1, reference.year - _UNDATED_YEARS_BACK, -1)), None)
        if latest:
            return latest
    fitting = list(_fitting(found, weekday, (reference.year - 1, reference.year, reference.year + 1)))
    return min(fitting, key=lambda day: abs(day - reference)) if fitting else found


def _fitting(found: datetime.date, weekday: int, years: Iterable[int]) -> Iterator[datetime.date]:
    """`found`'s day and month in each of `years` where it falls on `weekday`."""
    for year in years:
        try:
            candidate = found.replace(year=year)
        except ValueError:  # 29 February
            continue
        if candidate.weekday() == weekday:
            yield candidate


_LABEL = re.compile(r"^(?:.*\b(?:date|clos\w*|deadline|is|on)\b)?\W*", re.I)


def _dateparser(text: str, reference: datetime.date) -> datetime.date | None:
    """Last resort for short odd texts the regexes cannot read."""
    text = _LABEL.sub("", text, count=1).strip()
    if not text or len(text) > 40 or not any(ch.isdigit() for ch in text):
        return None
    try:
        found = dateparser.parse(
            text,
            languages=["en"],
            settings={
                "DATE_ORDER": "DMY",
                "PREFER_DATES_FROM": "future",
                "RELATIVE_BASE": datetime.datetime.combine(reference, datetime.time()),
                "REQUIRE_PARTS": ["day", "month"],
                "PARSERS": ["absolute-time"],  # "2 weeks" after what? no relative readings
            },
        )
    except (ValueError, OverflowError):  # dateparser raises on some out-of-range numbers
        return None
    return found.date() if found and _YEARS.start <= found.year < _YEARS.stop else None


@lru_cache(maxsize=65536)
def _parse(text: str, reference: datetime.date, undated: bool, posted: bool = False) -> ClosingDate:
    clauses = _TIME_DOTS.sub(_undotted, text)
    written, found = _find(text, clauses, reference, undated, posted)
    if found:
        return ClosingDate(found, False)
    # a text whose only dates are other events' may still close when filled ("Original Posting:04/28/2026 - Until Filled")
    rolling = not _BEFORE_CLOSING_DATE.search(text) and any(
        not _in_other_event_clause(clauses, m.start()) for m in _ROLLING.finditer(_WORK_STATE.sub(_blanked, text))
    )
    if _OPEN_ENDED.search(text) or rolling:
        return ClosingDate(None, True)
    return ClosingDate(None if written else _dateparser(text, reference), False)


#: How much of a closing cell is read: the longest labelled closing text seen is under 250 characters,
#: and bounding the input keeps every pattern's work bounded whatever a board sends (a 20 kB cell).
MAX_TEXT = 500
_SPACE_RUN = re.compile(r"\s+")


def parse_closing_date(text: str | None, reference: datetime.date | None = None, read_on: datetime.date | None = None) -> ClosingDate:
    """Closing date of an advert; `reference` (posted or crawl date, default today) dates a text with no year, and a
    deadline written only as a count ("Closes in 5 days", "40 days remaining to apply") counts from `read_on`, the
    day the page was read (default `reference`).

    Only the first MAX_TEXT characters are read, with runs of spaces taken as one.
    """
    if not text or not text.strip():
        return ClosingDate(None, False)
    text = _clean(text)
    found = _parse(text, reference or datetime.date.today(), reference is None)
    if found.date or found.open_ended:
        return found
    return ClosingDate(_counted(text, read_on or reference or datetime.date.today()), False)


# An advert text's clause about closing: from the sentence's start (at most 100 characters back) to its end (at most
# 120 characters on); a sentence ends at ".!?" before a capital, so "4.30pm" and "e.g. the" do not end one.
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z(])")
_CLAUSE_BEFORE, _CLAUSE_AFTER = 100, 120
#: How many closing words of one advert text are tried: the first few are the advert's own closing lines.
_MAX_CLAUSES = 8


def closing_in_text(text: str | None, reference: datetime.date | None = None, read_on: datetime.date | None = None) -> ClosingDate:
    """The closing date an advert's text states, for a board whose own closing field says nothing: the first clause
    about closing that names a date ("... Closing date: Friday 13th November 2020 Interview Date: ..."), else
    open-ended when one says so ("This job advert will close as soon as sufficient applications have been
    received"). `reference` and `read_on` as for parse_closing_date."""
    if not text:
        return ClosingDate(None, False)
    text = _SPACE_RUN.sub(" ", text)
    open_ended = False
    for number, word in enumerate(_CLOSE_WORD.finditer(text)):
        if number == _MAX_CLAUSES:
            break
        start = max(0, word.start() - _CLAUSE_BEFORE)
        start = max((end.end() for end in _SENTENCE_END.finditer(text, start, word.start())), default=start)
        end = _SENTENCE_END.search(text, word.end(), word.end() + _CLAUSE_AFTER)
        found = parse_closing_date(text[start : end.end() if end else word.end() + _CLAUSE_AFTER], reference, read_on)
        if found.date:
            return found
        open_ended = open_ended or found.open_ended
    return ClosingDate(None, open_ended)


def _clean(text: str) -> str:
    return _SPACE_RUN.sub(" ", unglue(text)).strip()[:MAX_TEXT]


# A deadline a board counts down: "Closes in 15 days", "Expires tomorrow", "40 days remaining to apply" (a GOV.UK-style
# card), "21 day(s) remaining"; "Expiring in less than 2 weeks" names no day.
_COUNTED = re.compile(
    r"\b(?:clos(?:es|ing)|expir(?:es|ing))\s+(?:in\s+(?P<count>\d{1,3}|one|a)\s+(?P<unit>day|week)s?|(?P<day>today|tomorrow))\b"
    r"|\b(?P<left>\d{1,3})\s+(?P<left_unit>day|week)(?:s|\(s\))?\s+(?:remaining|left)\b",
    re.I,
)


def _counted(text: str, read_on: datetime.date) -> datetime.date | None:
    """The day a counted-down deadline names, counted from the day the text was read."""
    match = _COUNTED.search(text)
    if match is None:
        return None
    if match.group("day"):
        return read_on + datetime.timedelta(days=int(match.group("day").lower() == "tomorrow"))
    return read_on + _span(match.group("count") or match.group("left"), match.group("unit") or match.group("left_unit"))


# A posted date counted back from the day the card was read: a Madgex lister's "3 days ago" (BMJ Careers), Workday's
# "Posted Yesterday", Indeed's "Just posted"; an hour ago is today. "Posted 30+ Days Ago" says only "at least 30 days":
# no date.
_AGO = re.compile(
    r"\b(?:(?P<count>\d{1,3}|an?|one)(?P<more>\+)?\s+(?P<unit>minute|hour|day|week|month)s?\s+ago"
    r"|(?P<day>today|yesterday|just\s+posted))\b",
    re.I,
)
_UNIT_DAYS = {"minute": 0, "hour": 0, "day": 1, "week": 7, "month": 30}


def _ago(text: str, reference: datetime.date) -> datetime.date | None:
    """The day a relative posted date ("3 days ago", "Yesterday") names, counted back from `reference`."""
    match = _AGO.search(text)
    if match is None:
        return None
    if match.group("day"):
        return reference - datetime.timedelta(days=int(match.group("day").lower() == "yesterday"))
    if match.group("more"):
        return None
    return reference - _span(match.group("count"), match.group("unit"))


def _span(count: str, unit: str) -> datetime.timedelta:
    """How long "3 days", "a week" or "one month" is, as a board counts ("a"/"an"/"one" is one)."""
    return datetime.timedelta(days=(int(count) if count.isdigit() else 1) * _UNIT_DAYS[unit.lower()])


def parse_date(text: str | None, reference: datetime.date | None = None) -> datetime.date | None:
    """A date already past (posted, live from): a text with no year is its last occurrence on or before `reference`
    (the crawl date, default today), and a relative one ("3 days ago") is counted back from it."""
    reference = reference or datetime.date.today()
    try:
        year_before = reference.replace(year=reference.year - 1)
    except ValueError:  # 29 February
        year_before = reference.replace(year=reference.year - 1, day=28)
    if not text or not text.strip():
        return None
    text = _clean(text)
    return _parse(text, year_before + datetime.timedelta(days=1), False, posted=True).date or _ago(text, reference)
