"""Practice Index's jobs board (practiceindex.co.uk/gp/jobs/, WordPress + WPJobBoard): never crawled.

Its terms say "You won't use robots, spiders, scrapers or similar things on the Site", so it is listed
in `pmjobs sources` as disabled and has no snapshot; its adverts reach pmjobs only where the practice
also posts them on another board.
"""

from __future__ import annotations

from spiders.base import JobSpider


class PracticeIndexSpider(JobSpider):
    name = "practice_index"
    live_base_url = "https://www.practiceindex.co.uk/gp/jobs/"
    live_enabled = False
    has_snapshot = False
    why = "its terms forbid robots, spiders and scrapers; never crawled"

    async def start(self):
        self.logger.error("practice_index is never crawled: %s", self.why)
        return
        yield
