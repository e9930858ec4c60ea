"""The names of the counters a crawl keeps in Scrapy's stats, shared by spiders, pipelines and the crawl log."""

BROKEN_CARD = "pmjobs/broken_card"
SEARCH_TRUNCATED = "pmjobs/search_truncated"
#: Listings the spider read; per raw field, how many had it: field_stat(name, "filled").
LISTINGS_READ = "pmjobs/listings_read"
NOT_RELEVANT = "pmjobs/dropped/not_relevant"
INVALID = "pmjobs/validate/dropped"
#: Of those, adverts whose link is not http(s) (javascript:, data:, vbscript:): never stored or republished.
URL_NOT_WEB = "pmjobs/validate/url_not_http"
SALARY_MIN_ABOVE_MAX = "pmjobs/validate/salary_min_above_max"
CLOSING_BEFORE_POSTED = "pmjobs/validate/closing_before_posted"
STORED = "pmjobs/store/items"
NEW_LISTINGS = "pmjobs/store/new"
RESPONSES = "response_received_count"
ROBOTS_RESPONSES = "robotstxt/response_count"
# A source's crawl is complete only when every page it requested was read and parsed: these are
# the evidence pipeline/health.py judges a run by.
PAGES_REQUESTED = "pmjobs/pages/requested"
PAGES_READ = "pmjobs/pages/read"
#: Pages that never arrived (HTTP error, timeout, reset, redirect loop, robots.txt).
PAGES_FAILED = "pmjobs/pages/failed"
#: Pages that arrived but were not what the spider reads (error page, redesign, undecodable bytes).
PAGES_UNREADABLE = "pmjobs/pages/unreadable"
#: Pages the site refused to serve us (HTTP 403, a "Request blocked" page, robots.txt disallow).
PAGES_BLOCKED = "pmjobs/pages/blocked"
#: The first page that went wrong and why, for the crawl log.
FIRST_PROBLEM = "pmjobs/pages/first_problem"
#: Exceptions in the spider's callbacks and in the item pipelines, counted per crawler (Scrapy's
#: log_count/ERROR counts every spider of the process, so it is not used).
SPIDER_EXCEPTIONS = "spider_exceptions/count"
ITEM_ERRORS = "pmjobs/item_errors"
#: Every pmjobs counter starts with this; the crawl log keeps them all as its field_stats.
PREFIX = "pmjobs/"


def field_stat(field: str, what: str) -> str:
    """Per-field counter, e.g. pmjobs/field/salary/unread or pmjobs/field/closing/missing."""
    return f"{PREFIX}field/{field}/{what}"
