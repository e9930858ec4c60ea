"""Run one nightly over a spider per fault case, each aimed at its own fault server.

`python -m tests.reliability.run_cases DB TODAY CASES_JSON [--seed]`; CASES_JSON maps a case name
to {"spider": "nhs_jobs", "url": "http://127.0.0.1:PORT", "settings": {...}}. `--seed` is the first,
fault-free run: patient, and without the cases' own settings. Exit 1 when a source is not ok.
"""

from __future__ import annotations

import json
import sys
from datetime import date

from pmjobs.build import build
from pmjobs.crawl import available_spiders

SEED = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "LOG_LEVEL": "ERROR"}
#: Short waits so that every fault plays out within seconds. Settings a case sets for its own
#: spider (its deadline, its concurrency) are left out: these would override them.
FAST = {**SEED, "RETRY_TIMES": 2, "PMJOBS_RETRY_AFTER_MAX": 3}


def case_spiders(cases: dict[str, dict], seed: bool) -> list[type]:
    """A subclass of the real spider per case, named for it and crawling its server."""
    spiders = available_spiders()
    # The cases fault the NHS Jobs HTML results pages, so its spider reads those (its XML API path
    # has its own fault tests in tests/test_nhs_jobs.py).
    return [
        type(
            f"{spiders[case['spider']].__name__}_{name}",
            (spiders[case["spider"]],),
            {
                "name": f"{case['spider']}_{name}",
                "live_base_url": case["url"],
                "read_api": False,
                "custom_settings": {} if seed else case.get("settings") or {},
            },
        )
        for name, case in cases.items()
    ]


def main(argv: list[str]) -> int:
    db_path, today, cases, seed = argv[0], date.fromisoformat(argv[1]), json.loads(argv[2]), "--seed" in argv
    summary = build(case_spiders(cases, seed), db_path, nightly=True, settings=SEED if seed else FAST, today=today)
    print("\n".join(summary.lines()))
    return 0 if all(result.ok for result in summary.sources) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
