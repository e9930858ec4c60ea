"""The names of the counters a crawl keeps in Scrapy's stats, shared by spiders, pipelines and the crawl log."""

BROKEN_CARD = "pmjobs/broken_card"
SEARCH_TRUNCATED = "pmjobs/search_truncated"
#: Why the board refused the crawl (HTTP 403/429, a CloudFront or Cloudflare block page); the spider
#: then stops with finish reason "blocked".
BLOCKED = "pmjobs/blocked"
#: Pages without the markup the spider reads (a redesign): logged as errors, nothing read from them.
LAYOUT_CHANGED = "pmjobs/layout_changed"
#: Listings the spider read; per raw field, how many had it: field_stat(name, "filled").
LISTINGS_READ = "pmjobs/listings_read"
NOT_RELEVANT = "pmjobs/dropped/not_relevant"
INVALID = "pmjobs/validate/dropped"
SALARY_MIN_ABOVE_MAX = "pmjobs/validate/salary_min_above_max"
CLOSING_BEFORE_POSTED = "pmjobs/validate/closing_before_posted"
STORED = "pmjobs/store/items"
NEW_LISTINGS = "pmjobs/store/new"
ERRORS = "log_count/ERROR"
RESPONSES = "response_received_count"
ROBOTS_RESPONSES = "robotstxt/response_count"
#: Every pmjobs counter starts with this; the crawl log keeps them all as its field_stats.
PREFIX = "pmjobs/"


def field_stat(field: str, what: str) -> str:
    """Per-field counter, e.g. pmjobs/field/salary/unread or pmjobs/field/closing/missing."""
    return f"{PREFIX}field/{field}/{what}"
