"""Judge a source's crawl from its own counters: ok, degraded, blocked or failed, and why.

Only an `ok` crawl may close the listings it did not see. Every counter read here is the spider's
own (Scrapy's `log_count/ERROR` counts every spider of the process, so it is not used).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import median

from spiders import stats as keys

OK, DEGRADED, BLOCKED, FAILED = "ok", "degraded", "blocked", "failed"
#: How many recent good runs the item count is compared with, and below what share of their median
#: a run is degraded (a spider may set its own `degraded_below`).
RECENT_RUNS = 5
DEGRADED_BELOW = 0.5
#: A source whose last runs all failed is tried less often: after 3 in a row every other night, after
#: 4 every fourth, and so on, at least once a week.
FAILURES_BEFORE_BACKOFF = 3
MAX_BACKOFF_HOURS = 7 * 24


@dataclass(frozen=True)
class CrawlHealth:
    status: str
    reason: str

    @property
    def ok(self) -> bool:
        return self.status == OK


def page_errors(stats: Mapping[str, object]) -> int:
    """Pages not read, pages not readable and exceptions: the errors of this crawl alone."""
    return sum(int(stats.get(key, 0)) for key in (keys.PAGES_FAILED, keys.PAGES_UNREADABLE, keys.SPIDER_EXCEPTIONS, keys.ITEM_ERRORS))


def judge_crawl(
    stats: Mapping[str, object],
    finish_reason: str,
    items: int,
    recent_good_items: Sequence[int] = (),
    degraded_below: float = DEGRADED_BELOW,
) -> CrawlHealth:
    """A crawl is ok only when it finished, read every page it requested and kept adverts in line
    with its recent good runs (`recent_good_items`, newest first)."""
    requested, read = int(stats.get(keys.PAGES_REQUESTED, 0)), int(stats.get(keys.PAGES_READ, 0))
    problem = stats.get(keys.FIRST_PROBLEM) or ""
    if stats.get(keys.PAGES_BLOCKED):
        return CrawlHealth(BLOCKED, f"{stats[keys.PAGES_BLOCKED]} of {requested} pages refused by the site ({problem})")
    if finish_reason != "finished":
        return CrawlHealth(FAILED, f"run ended early ({finish_reason}); {read} of {requested} pages read")
    if read < requested or page_errors(stats):
        exceptions = int(stats.get(keys.SPIDER_EXCEPTIONS, 0)) + int(stats.get(keys.ITEM_ERRORS, 0))
        reported = read + int(stats.get(keys.PAGES_FAILED, 0)) + int(stats.get(keys.PAGES_UNREADABLE, 0))
        detail = f"; first: {problem}" if problem else ""
        if reported < requested:  # dropped on the way (a redirect back to a page already asked for)
            detail += f"; {requested - reported} page{'s' if requested - reported > 1 else ''} neither read nor reported"
        return CrawlHealth(FAILED, f"{read} of {requested} pages read, {exceptions} exceptions{detail}")
    if items == 0:
        return CrawlHealth(FAILED, f"no adverts kept from {read} pages")
    recent = list(recent_good_items)[:RECENT_RUNS]
    if recent and items < degraded_below * median(recent):
        return CrawlHealth(
            DEGRADED, f"{items} adverts, under {degraded_below:.0%} of the median {median(recent):g} of the last {len(recent)} good runs"
        )
    return CrawlHealth(OK, f"{read} of {requested} pages read")


def backoff_hours(recent_statuses: Sequence[str]) -> float:
    """Hours to leave a source alone since its last attempt, from its latest statuses (newest first)."""
    failures = 0
    for status in recent_statuses:
        if status == OK:
            break
        failures += 1
    if failures < FAILURES_BEFORE_BACKOFF:
        return 0.0
    # A nightly timer wanders by minutes: two hours of slack keep "every other night" so.
    return min(24.0 * 2 ** (failures - FAILURES_BEFORE_BACKOFF + 1) - 2, MAX_BACKOFF_HOURS)
