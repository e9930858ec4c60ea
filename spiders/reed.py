"""Reed.co.uk through its Jobseeker API: a search for each phrase, then each advert's job details.

The API needs a free key (https://www.reed.co.uk/developers/jobseeker), sent as the HTTP Basic user
name with an empty password; it is read from REED_API_KEY only. Search results carry the pay as bare
numbers with no unit; the details add the advert's own salary text, contract and full description.
"""

from __future__ import annotations

from typing import ClassVar
from urllib.parse import quote, urlencode

import scrapy
from w3lib.http import basic_auth_header

from spiders.base import JobSpider, clean, money_range, text_of


class ReedSpider(JobSpider):
    name = "reed"
    live_base_url = "https://www.reed.co.uk"
    key_variables = ("REED_API_KEY",)
    why = "Reed Jobseeker API, free key from https://www.reed.co.uk/developers/jobseeker"
    keywords = ("practice manager", "pcn manager")
    per_page = 100
    max_pages = 10
    # The API is used under Reed's API terms with a key; robots.txt (Disallow: /api/) is for crawlers
    # of the site, which this is not. One request at a time, well inside the API's limits.
    custom_settings: ClassVar[dict] = {"ROBOTSTXT_OBEY": False, "CONCURRENT_REQUESTS_PER_DOMAIN": 1, "DOWNLOAD_DELAY": 0.5}
    handle_httpstatus_list: ClassVar[list[int]] = [401, 403, 429]

    async def start(self):
        keys = self.keys()
        if keys is None:
            return
        self.auth = basic_auth_header(keys["REED_API_KEY"], "") if keys else None
        for keyword in self.keywords:
            yield self._search(keyword, skip=0)

    def _request(self, url: str, **kwargs) -> scrapy.Request:
        headers = {"Authorization": self.auth} if self.auth else {}
        return scrapy.Request(url, headers=headers, meta={"dont_cache": True}, **kwargs)

    def _search(self, keyword: str, skip: int) -> scrapy.Request:
        query = urlencode({"keywords": keyword, "resultsToTake": self.per_page, "resultsToSkip": skip}, quote_via=quote)
        return self._request(f"{self.base_url}/api/1.0/search?{query}", callback=self.parse, cb_kwargs={"keyword": keyword, "skip": skip})

    def parse(self, response: scrapy.http.Response, keyword: str, skip: int):
        if response.status == 401:
            self.logger.error("Reed refused REED_API_KEY (HTTP 401): check the key")
            return
        data = self.read_json(response, "results")
        if data is None:
            return
        for index, result in enumerate(data["results"], start=1):
            if not result.get("jobId") or not clean(result.get("jobTitle")):
                self.broken(response, f"result {index}", "no jobId or no jobTitle")
                continue
            if self.single_page:
                yield self._listing(result)
                continue
            yield self._request(
                f"{self.base_url}/api/1.0/jobs/{result['jobId']}", callback=self.parse_details,
                errback=self._details_failed, cb_kwargs={"result": result},
            )
        if skip + self.per_page < int(data.get("totalResults") or 0):
            yield from self.next_page(self._search(keyword, skip + self.per_page), skip // self.per_page + 1)

    def parse_details(self, response: scrapy.http.Response, result: dict):
        details = self.read_json(response, "jobId")
        yield self._listing({**result, **(details or {})})

    def _details_failed(self, failure):
        """Without its details an advert still has its search fields: keep them."""
        self.logger.warning("Reed job details failed for %s: %s", failure.request.url, failure.getErrorMessage())
        yield self._listing(failure.request.cb_kwargs["result"])

    def _listing(self, job: dict):
        patterns = [label for label, flag in (("Full time", job.get("fullTime")), ("Part time", job.get("partTime"))) if flag]
        return self.listing(
            source_id=str(job["jobId"]),
            url=job.get("jobUrl") or f"{self.live_base_url}/jobs/{job['jobId']}",
            title=clean(job.get("jobTitle")),
            employer=clean(job.get("employerName")),
            location=clean(job.get("locationName")),
            salary_text=clean(job.get("salary")) or money_range(job.get("minimumSalary"), job.get("maximumSalary"), job.get("currency")),
            posted_text=clean(job.get("datePosted") or job.get("date")),
            closing_text=clean(job.get("expirationDate")),
            description=text_of(job.get("jobDescription")),
            contract_type=clean(job.get("contractType")),
            working_pattern=", ".join(patterns),
        )
