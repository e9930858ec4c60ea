"""One timed crawl for bench/bench_pipeline.py (Twisted runs once per process).

python bench/_bench_pipeline_run.py URL DB bare|full PAGES   -> one JSON line: adverts, stored, seconds, CPU seconds
"""

import json
import sys
import time

from scrapy import signals
from scrapy.crawler import CrawlerProcess

from pmjobs.crawl import OFFLINE_SETTINGS, project_settings
from spiders import stats as keys
from spiders.nhs_jobs import NhsJobsSpider


class HtmlSearch(NhsJobsSpider):
    """The real nhs_jobs spider on its HTML results pages, one search (the pages bench_pipeline serves)."""

    read_api = False
    keywords = ("practice manager",)


url, db, mode, pages = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
overrides = {**OFFLINE_SETTINGS, "LOG_LEVEL": "ERROR", **({"ITEM_PIPELINES": {}} if mode == "bare" else {})}
process = CrawlerProcess(project_settings(db, **overrides))
crawler = process.create_crawler(HtmlSearch)
clock = {}
crawler.signals.connect(
    lambda spider: clock.update(opened=time.perf_counter(), opened_cpu=time.process_time()), signals.spider_opened, weak=False
)
crawler.signals.connect(
    lambda spider, reason: clock.update(closed=time.perf_counter(), closed_cpu=time.process_time()), signals.spider_closed, weak=False
)
process.crawl(crawler, base_url=url, max_pages=pages)
process.start()
stats = crawler.stats.get_stats()
print(
    json.dumps(
        {
            "adverts": stats.get("item_scraped_count", 0) + stats.get("item_dropped_count", 0),
            "stored": stats.get(keys.STORED, 0),
            "pages": stats.get(keys.PAGES_READ, 0),
            "seconds": clock["closed"] - clock["opened"],
            "cpu_seconds": clock["closed_cpu"] - clock["opened_cpu"],
        }
    )
)
