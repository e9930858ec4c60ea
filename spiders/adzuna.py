"""Adzuna (an aggregator of Reed, CV-Library, Totaljobs and agency boards) through its search API.

The API needs a free app id and key (https://developer.adzuna.com), read from ADZUNA_APP_ID and
ADZUNA_APP_KEY only; they travel in the query string, so those requests are never cached and the
values are masked in every log line. Adzuna gives no closing date, and a salary it estimated
itself (`salary_is_predicted` "1") is not what the advert says, so it is left out.
"""

from __future__ import annotations

from typing import ClassVar
from urllib.parse import quote, urlencode

import scrapy

from spiders.base import JobSpider, clean, json_answer, money_range, strip_query, text_of


class AdzunaSpider(JobSpider):
    name = "adzuna"
    live_base_url = "https://api.adzuna.com"
    key_variables = ("ADZUNA_APP_ID", "ADZUNA_APP_KEY")
    why = "Adzuna search API, free app id and key from https://developer.adzuna.com"
    phrases = ("practice manager", "pcn manager")
    per_page = 50  # the API's maximum
    max_pages = 10
    # An API used under its terms with a key, not a crawl of the site. Adzuna's free tier allows
    # about 25 calls a minute: one at a time, 2.5 s apart.
    custom_settings: ClassVar[dict] = {"ROBOTSTXT_OBEY": False, "CONCURRENT_REQUESTS_PER_DOMAIN": 1, "DOWNLOAD_DELAY": 2.5}

    async def start(self):
        keys = self.keys()
        if keys is None:
            return
        self.credentials = {"app_id": keys["ADZUNA_APP_ID"], "app_key": keys["ADZUNA_APP_KEY"]} if keys else {}
        for phrase in self.phrases:
            yield self._search(phrase, page=1)

    def _search(self, phrase: str, page: int) -> scrapy.Request:
        query = {**self.credentials, "what_phrase": phrase, "results_per_page": self.per_page, "sort_by": "date"}
        return self.page_request(
            f"{self.base_url}/v1/api/jobs/gb/search/{page}?{urlencode(query, quote_via=quote)}",
            meta={"dont_cache": True},
            cb_kwargs={"phrase": phrase, "page": page},
        )

    def page_problem(self, response: scrapy.http.Response) -> str | None:
        return None if json_answer(response, "results") else "not an Adzuna search answer (no JSON 'results')"

    def parse(self, response: scrapy.http.Response, phrase: str, page: int):
        data = json_answer(response, "results")
        for index, job in enumerate(data["results"], start=1):
            title = text_of(job.get("title"))
            if not job.get("id") or not title:
                self.broken(response, f"result {index}", "no id or no title")
                continue
            predicted = str(job.get("salary_is_predicted")) == "1"
            yield self.listing(
                source_id=str(job["id"]),
                url=strip_query(job.get("redirect_url") or f"https://www.adzuna.co.uk/jobs/details/{job['id']}"),
                title=title,
                employer=clean((job.get("company") or {}).get("display_name")),
                location=clean((job.get("location") or {}).get("display_name")),
                salary_text="" if predicted else money_range(job.get("salary_min"), job.get("salary_max")),
                posted_text=clean(job.get("created")),
                description=text_of(job.get("description")),
                category=clean((job.get("category") or {}).get("label")),
                contract_type=clean(job.get("contract_type")),
                working_pattern=clean(job.get("contract_time")),
            )
        if page * self.per_page < int(data.get("count") or 0) and self.follow(page):
            yield self._search(phrase, page + 1)
