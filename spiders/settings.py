"""Scrapy settings for pmjobs: polite by default (robots.txt, AutoThrottle, a contactable User-Agent)."""

BOT_NAME = "pmjobs"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

USER_AGENT = "pmjobs/0.1 (+https://github.com/pmjobs/pmjobs; job-vacancy aggregator for GP practice managers)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
RETRY_TIMES = 2
# A 429/503 is retried after the Retry-After it carries, up to this many seconds; longer, the page fails.
PMJOBS_RETRY_AFTER_MAX = 120
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "spiders.middlewares.RetryAfterMiddleware": 550,
}
# One hung page must not hold the nightly: each request gives up after DOWNLOAD_TIMEOUT, and each
# source's whole crawl after CLOSESPIDER_TIMEOUT (it then counts as failed and closes nothing).
DOWNLOAD_TIMEOUT = 30
CLOSESPIDER_TIMEOUT = 15 * 60
# Development runs replay responses from .scrapy/httpcache; `pmjobs crawl --cache` turns it on.
HTTPCACHE_ENABLED = False
HTTPCACHE_EXPIRATION_SECS = 24 * 3600
HTTPCACHE_DIR = "httpcache"

ITEM_PIPELINES = {
    "pipeline.pipelines.NormalisePipeline": 300,  # raw strings -> parsed salary, dates, place, role
    "pipeline.pipelines.RelevancePipeline": 400,  # drop (and count) adverts that are not practice/PCN management
    "pipeline.pipelines.ValidatePipeline": 700,  # drop items without identity, count suspicious fields
    "pipeline.pipelines.StorePipeline": 900,  # upsert into the SQLite listings table, log the crawl
}

#: The database every pmjobs command reads and writes unless given --db.
PMJOBS_DB = "data/pmjobs.db"
# The day closing dates are read against (ISO date); empty means the real date. `pmjobs nightly --today`.
PMJOBS_TODAY = ""

REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
