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

REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
