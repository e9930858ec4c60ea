"""The `pmjobs` command: parse arguments, call one library function, turn known errors into messages."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date

from spiders.settings import PMJOBS_DB as DEFAULT_DB

EXAMPLES = {
    "demo": "pmjobs demo            # build data/pmjobs.db from the snapshots and serve it\n  pmjobs demo --no-serve # build only",
    "crawl": "pmjobs crawl nhs_jobs --db data/pmjobs.db\n  pmjobs crawl --offline  # every source, from the recorded snapshots",
    "nightly": "pmjobs nightly --db /var/lib/pmjobs/pmjobs.db   # e.g. from cron: 15 2 * * *\n"
    "  exit status: 0 every source ok, 1 a source failed, blocked or degraded (the others still land),\n"
    "  3 another run holds the database's lock",
    "restore": "pmjobs restore --db data/pmjobs.db            # the newest backup\n"
    "  pmjobs restore --db data/pmjobs.db --backup data/backups/pmjobs-20260101T021500000000Z.db",
    "serve": "pmjobs serve --db data/pmjobs.db --port 8001\n"
    "  pmjobs serve --db data/pmjobs.db --allow-sql   # local use: Datasette's SQL box too",
    "export": "pmjobs export --format csv --vacancies --output vacancies.csv --excel",
    "normalise": "pmjobs normalise --input adverts.csv --output adverts-normalised.csv",
    "dedupe": "pmjobs dedupe --input listings.csv --output listings-deduped.csv",
    "sources": "pmjobs sources",
    "check": "pmjobs check nhs_scotland      # one live results page: do the selectors still match?",
}


def _add(commands, name: str, help_text: str) -> argparse.ArgumentParser:
    return commands.add_parser(
        name,
        help=help_text,
        description=help_text,
        epilog="example:\n  " + EXAMPLES[name],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pmjobs", description="GP Practice Manager and PCN Manager vacancies, collected and deduplicated."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    demo = _add(commands, "demo", "Offline first run: crawl the recorded snapshots on loopback, dedupe, serve Datasette.")
    demo.add_argument("--db", default=DEFAULT_DB, help=f"database file (default {DEFAULT_DB})")
    demo.add_argument("--no-serve", action="store_true", help="stop after building the database")
    demo.add_argument("--port", type=int, default=8001)

    crawl = _add(commands, "crawl", "Crawl sources (live, or the snapshots with --offline) into the database, then dedupe.")
    crawl.add_argument("sources", nargs="*", metavar="SOURCE", help="sources to crawl (default: every enabled source)")
    crawl.add_argument("--db", default=DEFAULT_DB)
    crawl.add_argument("--offline", action="store_true", help="crawl the recorded snapshots on a loopback server")
    crawl.add_argument("--cache", action="store_true", help="development: replay responses from .scrapy/httpcache (24 h)")

    nightly = _add(commands, "nightly", "Scheduled run: crawl every enabled source, close vanished listings, dedupe, log the crawl.")
    nightly.add_argument("--db", default=DEFAULT_DB)
    nightly.add_argument("--offline", action="store_true", help="crawl the recorded snapshots on a loopback server")
    for command in (crawl, nightly):
        command.add_argument(
            "--today",
            type=date.fromisoformat,
            metavar="YYYY-MM-DD",
            help="read and expire closing dates as of this day (default: today), e.g. to replay a snapshot",
        )

    restore = _add(commands, "restore", "Bring back a backup that pmjobs nightly took before writing to the database.")
    restore.add_argument("--db", default=DEFAULT_DB)
    restore.add_argument("--backup", help="backup file to restore (default: the newest in the backups/ folder beside the database)")

    serve = _add(commands, "serve", "Serve the database with Datasette and the project's metadata.")
    serve.add_argument("--db", default=DEFAULT_DB)
    serve.add_argument("--port", type=int, default=8001)
    serve.add_argument(
        "--allow-sql",
        action="store_true",
        help="let visitors run their own SQL (off by default: the published site offers the canned queries)",
    )
    serve.add_argument("--host", default="127.0.0.1")

    export = _add(commands, "export", "Export vacancies (one row per vacancy) or every listing as CSV.")
    export.add_argument("--format", choices=["csv"], default="csv")
    which = export.add_mutually_exclusive_group()
    which.add_argument("--vacancies", dest="table", action="store_const", const="vacancies", default="vacancies")
    which.add_argument("--listings", dest="table", action="store_const", const="listings")
    export.add_argument("--output", help="file to write (default: standard output)")
    export.add_argument("--excel", "--bom", action="store_true", help="start with a UTF-8 BOM so Excel reads accents and £ correctly")
    export.add_argument("--db", default=DEFAULT_DB)

    normalise = _add(commands, "normalise", "Normalise salary, closing date, role and place columns of a CSV.")
    normalise.add_argument("--input", required=True)
    normalise.add_argument("--output", required=True)

    dedupe = _add(commands, "dedupe", "Give every row of a CSV of listings the vacancy_id of the real job it advertises.")
    dedupe.add_argument("--input", required=True)
    dedupe.add_argument("--output", required=True)

    _add(commands, "sources", "List the sources, whether each is enabled for live crawling, and why not.")

    check = _add(commands, "check", "Fetch one live results page of a source politely and report whether its selectors still match.")
    check.add_argument("source", metavar="SOURCE")
    check.add_argument("--base-url", help="check a copy of the site at this address instead (e.g. a loopback server)")
    return parser


#: A run found the database locked by another; it changed nothing.
EXIT_BUSY = 3


def main(argv: Sequence[str] | None = None) -> int:
    from pmjobs.lock import DatabaseBusy

    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args) or 0
    except DatabaseBusy as error:
        print(f"pmjobs {args.command}: {error}", file=sys.stderr)
        return EXIT_BUSY
    except (OSError, LookupError, ValueError) as error:
        if isinstance(error, BrokenPipeError):  # output piped to `head`: the reader has enough
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
        print(f"pmjobs {args.command}: {error}", file=sys.stderr)
        return 2


def _demo(args) -> int:
    from pmjobs.build import build
    from pmjobs.crawl import available_spiders, default_sources
    from pmjobs.serve import check_port_free, serve
    from pmjobs.site import DEMO_TODAY, TODAY_VARIABLE

    if not args.no_serve:
        check_port_free("127.0.0.1", args.port)  # say so now, not after the build
    # The recorded pages are read as on the day their adverts were open, as the site then shows them:
    # a card's "12 days ago" or a closing date without a year counts from that day, not from today.
    summary = build(default_sources(available_spiders(), offline=True), args.db, offline=True, today=date.fromisoformat(DEMO_TODAY))
    for line in summary.lines():
        print(line)
    if args.no_serve:
        return 0
    os.environ.setdefault(TODAY_VARIABLE, DEMO_TODAY)  # the recorded adverts are shown as on the day they were open
    # The demo is the user's own copy on loopback, to explore: Datasette's SQL box stays on there.
    return serve(args.db, port=args.port, allow_sql=True)


def _crawl(args) -> int:
    from pmjobs.build import build
    from pmjobs.crawl import available_spiders, default_sources

    spiders = available_spiders()
    requested = getattr(args, "sources", [])
    unknown = [name for name in requested if name not in spiders]
    if unknown:
        raise LookupError(f"unknown source {', '.join(unknown)}; known: {', '.join(spiders)}")
    refused = [
        name for name in requested if not spiders[name].has_snapshot or (not args.offline and spiders[name].live_state()[0] == "disabled")
    ]
    if refused:
        raise LookupError(
            "; ".join(f"{name} is not crawled{'' if args.offline else ' live'}: {spiders[name].live_state()[1]}" for name in refused)
            + ("" if args.offline else " (--offline crawls a source's snapshot)")
        )
    sources = requested or default_sources(spiders, offline=args.offline)
    summary = build(
        sources,
        args.db,
        offline=args.offline,
        nightly=args.command == "nightly",
        today=args.today,
        settings={"HTTPCACHE_ENABLED": True} if getattr(args, "cache", False) else {},
    )
    for line in summary.lines():
        print(line)
    return 0 if summary.ok else 1


def _serve(args) -> int:
    from pmjobs.serve import serve

    return serve(args.db, host=args.host, port=args.port, allow_sql=args.allow_sql)


def _export(args) -> int:
    from pmjobs.export import export_csv

    count = export_csv(args.db, args.table, args.output, excel=args.excel)
    print(f"{count} {args.table} written{' to ' + args.output if args.output else ''}", file=sys.stderr)
    return 0


def _normalise(args) -> int:
    from pipeline.csvio import normalise_csv

    summary = normalise_csv(args.input, args.output)
    print(summary, file=sys.stderr)
    return 0


def _dedupe(args) -> int:
    from dedupe.csvio import dedupe_csv

    summary = dedupe_csv(args.input, args.output)
    print(summary, file=sys.stderr)
    return 0


def _restore(args) -> int:
    from pmjobs.backup import restore_database
    from pmjobs.lock import database_lock

    with database_lock(args.db):
        used = restore_database(args.db, args.backup)
    print(f"restored {args.db} from {used}", file=sys.stderr)
    return 0


def _sources(args) -> int:
    from pmjobs.crawl import available_spiders

    for name, spider in available_spiders().items():
        state, why = spider.live_state()
        print(f"{name:15} {state:10} {spider.live_base_url or 'listed pages'}{'  (' + why + ')' if why else ''}")
    return 0


def _check(args) -> int:
    from pmjobs.check import check_source
    from pmjobs.crawl import available_spiders

    spiders = available_spiders()
    if args.source not in spiders:
        raise LookupError(f"unknown source {args.source}; known: {', '.join(spiders)}")
    state, why = spiders[args.source].live_state()
    if state == "disabled" and not (args.base_url and spiders[args.source].has_snapshot):
        raise LookupError(f"{args.source} is not crawled live: {why}")
    report = check_source(args.source, base_url=args.base_url)
    for line in report.lines():
        print(line)
    return 0 if report.ok else 1


COMMANDS = {
    "demo": _demo,
    "crawl": _crawl,
    "nightly": _crawl,
    "serve": _serve,
    "export": _export,
    "normalise": _normalise,
    "dedupe": _dedupe,
    "sources": _sources,
    "restore": _restore,
    "check": _check,
}
