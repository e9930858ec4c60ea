"""Total order for Datasette's sorted table pages, as a plugin hook.

Datasette 0.65 breaks ties by primary key only from the second page on (`order by col, pk` once a
`_next` token is given, `order by col` before), so the first page of a sort with ties holds
arbitrary rows of the tie and paging skips and repeats rows (a crawl stamps one `last_seen` on
every listing). Giving the first page a `_next` token that starts before every row makes Datasette
order it, like every later page, by the sort column and then the primary key. A streamed CSV
(`_stream=on`, which refuses a `_next`) is sorted by the primary key alone, so an export is whole.
Datasette counts facets under the token's condition too; the store's vacancy indexes end in the
table's sort column so that SQLite reads the condition from them (pipeline/store.py VACANCY_INDEXES).
"""

from __future__ import annotations

from urllib.parse import parse_qsl, unquote, urlencode

from datasette.utils import tilde_encode

from datasette import hookimpl

_FORMATS = ("", ".json", ".csv")
#: Sorts after every text and number SQLite stores (blobs aside): the start of a descending sort.
_AFTER_ALL = "\U0010ffff" * 4
#: Before every value of a primary key column, by its declared type.
_BEFORE_ALL = {"INTEGER": "-9223372036854775808", "TEXT": ""}


def first_page_token(sort_desc: bool, pk_types: list[str]) -> str:
    """A `_next` token that Datasette reads as "from the very start" of a sort."""
    start = tilde_encode(_AFTER_ALL) if sort_desc else "$null"
    return ",".join([start, *(tilde_encode(_BEFORE_ALL.get(kind.upper(), "")) for kind in pk_types)])


async def _total_order_query(datasette, path: str, query: str) -> str | None:
    """The query string with a first-page `_next` token, when `path` is a sorted table's first page."""
    parts = unquote(path).strip("/").split("/")
    if len(parts) != 2:
        return None
    database, table = parts
    table, _, extension = table.partition(".")
    if "." + extension not in _FORMATS and extension:
        return None
    args = dict(parse_qsl(query, keep_blank_values=True))
    if "_next" in args or database not in datasette.databases:
        return None
    db = datasette.databases[database]
    if not await db.table_exists(table):
        return None
    metadata = datasette.table_metadata(database, table)
    if "_sort" in args or "_sort_desc" in args:
        if (args.get("_sort") or args.get("_sort_desc")) not in await db.table_columns(table):
            return None  # Datasette says why it cannot sort so
        descending = "_sort_desc" in args
    elif metadata.get("sort") or metadata.get("sort_desc"):
        descending = bool(metadata.get("sort_desc"))
    else:
        return None
    pks = [
        (row["name"], row["type"])
        for row in await db.execute("select name, type from pragma_table_info(?) where pk > 0 order by pk", [table])
    ]
    if args.get("_stream"):
        unsorted = {key: value for key, value in args.items() if key not in ("_sort", "_sort_desc")}
        return urlencode({**unsorted, "_sort": pks[0][0]} if len(pks) == 1 else unsorted)
    pk_types = [kind for _, kind in pks] or ["INTEGER"]  # a rowid table pages by rowid
    return urlencode({**args, "_next": first_page_token(descending, pk_types)})


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def totally_ordered(scope, receive, send):
            if scope["type"] == "http" and scope.get("method") == "GET":
                query = await _total_order_query(datasette, scope["path"], scope.get("query_string", b"").decode("latin-1"))
                if query is not None:
                    scope = {**scope, "query_string": query.encode("latin-1")}
            await app(scope, receive, send)

        return totally_ordered

    return wrap
