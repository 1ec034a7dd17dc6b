"""The store's SQL, written once, and what it becomes on PostgreSQL.

Every query in Wirebrief is written once, in the SQL both backends share (qmark parameters,
SQLite's spelling where the two differ). On PostgreSQL, `to_postgres` rewrites the handful of
SQLite spellings the queries use into their PostgreSQL equivalents; the meaning is the same:

    ?                                   ->  %s (psycopg parameters; a literal % becomes %%)
    INSERT OR IGNORE INTO t ...         ->  INSERT INTO t ... ON CONFLICT DO NOTHING
    BEGIN IMMEDIATE                     ->  BEGIN
    x LIKE ?                            ->  x ILIKE ?            (SQLite's LIKE ignores case)
    max(a, b), min(a, b)                ->  GREATEST(a, b), LEAST(a, b)
    x = ? COLLATE NOCASE                ->  lower(x) = lower(?)
    x GLOB '[0-9]*'                     ->  x ~ '^[0-9].*$'
    json_each(x) w                      ->  json_array_elements_text((x)::json) AS w(value)
    json_extract(x, '$.a.b')            ->  CAST((x)::json #>> '{a,b}' AS DOUBLE PRECISION)
    strftime('%Y-%m-%dT%H:%M:%SZ', 'now') -> to_char(now() AT TIME ZONE 'UTC', ...)
    WHERE 1                             ->  WHERE TRUE

and `ddl_to_postgres` does the same for the migrations' DDL (types, identity keys, a `rowid`
column on every table so that insertion order reads the same on both). Full-text search is the
one place where the two engines differ in kind (FTS5 against tsvector); `Store` and the query
layer ask the backend's `FullText` for that SQL instead.
"""

from __future__ import annotations

import functools
import re

from wirebrief.errors import StoreError

_KEYWORDS = {"WHERE", "ON", "JOIN", "LEFT", "INNER", "GROUP", "ORDER", "LIMIT", "AND", "OR",
             "UNION", "AS"}
_JSON_EACH_RE = re.compile(r"json_each\(([^()]*)\)(?:\s+(?:AS\s+)?(\w+))?", re.IGNORECASE)
_JSON_EXTRACT_RE = re.compile(r"json_extract\(([^,()]+),\s*'\$\.([\w.]+)'\)", re.IGNORECASE)
_GLOB_RE = re.compile(r"\bGLOB\s+'([^']*)'")
_NOCASE_RE = re.compile(r"([\w.]+)\s*=\s*\?\s+COLLATE\s+NOCASE", re.IGNORECASE)
_STRFTIME_RE = re.compile(r"strftime\('([^']*)',\s*'now'\)", re.IGNORECASE)
_INSERT_IGNORE_RE = re.compile(r"^\s*INSERT\s+OR\s+IGNORE\s+INTO", re.IGNORECASE)
_WHERE_ONE_RE = re.compile(r"\bWHERE\s+1\b(?!\s*[=<>!])")
_SCALAR_MINMAX_RE = re.compile(r"\b(max|min)\(([^(),]+),([^(),]+)\)", re.IGNORECASE)
_LIKE_RE = re.compile(r"(?<!I)\bLIKE\b")
_STRFTIME_PARTS = {"%Y": "YYYY", "%m": "MM", "%d": "DD", "%H": "HH24", "%M": "MI", "%S": "SS",
                   "%f": "SS.MS"}  # SQLite's %f: seconds with milliseconds
_INSERT_INTO_RE = re.compile(r"^\s*INSERT\s+INTO\s+(\w+)", re.IGNORECASE)
# Tables whose `INTEGER PRIMARY KEY id` is SQLite's rowid: an INSERT returns the new id.
IDENTITY_TABLES = frozenset({"stories", "digest_runs"})


def _glob_to_regex(pattern: str) -> str:
    out = []
    for ch in pattern:
        out.append(".*" if ch == "*" else "." if ch == "?" else ch)
    return "^" + "".join(out) + "$"


def _pg_strftime(fmt: str) -> str:
    out = []
    for part in re.split(r"(%[A-Za-z])", fmt):
        if part in _STRFTIME_PARTS:
            out.append(_STRFTIME_PARTS[part])
        elif part:
            out.append(f'"{part}"')
    text = "".join(out)
    return f"to_char(now() AT TIME ZONE 'UTC', '{text}')"


def _split_literals(sql: str) -> list[tuple[bool, str]]:
    """(is_literal, text) pieces: rewrites must not touch the inside of '...' strings."""
    pieces: list[tuple[bool, str]] = []
    i = 0
    while i < len(sql):
        j = sql.find("'", i)
        if j < 0:
            pieces.append((False, sql[i:]))
            break
        pieces.append((False, sql[i:j]))
        k = j + 1
        while True:
            k = sql.find("'", k)
            if k < 0:
                k = len(sql)
                break
            if k + 1 < len(sql) and sql[k + 1] == "'":
                k += 2
                continue
            break
        pieces.append((True, sql[j:k + 1]))
        i = k + 1
    return pieces


@functools.lru_cache(maxsize=2048)
def to_postgres(sql: str) -> str:
    """The PostgreSQL spelling of one statement written for both backends."""
    if sql.strip().upper() == "BEGIN IMMEDIATE":
        return "BEGIN"
    sql = _JSON_EXTRACT_RE.sub(
        lambda m: f"CAST(({m.group(1)})::json #>> '{{{m.group(2).replace('.', ',')}}}' "
                  "AS DOUBLE PRECISION)", sql)

    def json_each(m: re.Match[str]) -> str:
        alias = m.group(2)
        keep = ""
        if alias and alias.upper() in _KEYWORDS:
            keep, alias = " " + alias, None
        return f"json_array_elements_text(({m.group(1)})::json) AS {alias or '_j'}(value){keep}"

    sql = _JSON_EACH_RE.sub(json_each, sql)
    sql = _GLOB_RE.sub(lambda m: f"~ '{_glob_to_regex(m.group(1))}'", sql)
    sql = _STRFTIME_RE.sub(lambda m: _pg_strftime(m.group(1)), sql)
    ignore = bool(_INSERT_IGNORE_RE.match(sql))
    if ignore:
        sql = _INSERT_IGNORE_RE.sub("INSERT INTO", sql, count=1)
    out = []
    for literal, text in _split_literals(sql):
        if literal:
            out.append(text.replace("%", "%%"))
            continue
        text = text.replace("%", "%%")
        text = _NOCASE_RE.sub(r"lower(\1) = lower(?)", text)
        text = _LIKE_RE.sub("ILIKE", text)
        text = _SCALAR_MINMAX_RE.sub(
            lambda m: f"{'GREATEST' if m.group(1).lower() == 'max' else 'LEAST'}"
                      f"({m.group(2)},{m.group(3)})", text)
        text = _WHERE_ONE_RE.sub("WHERE TRUE", text)
        out.append(text.replace("?", "%s"))
    sql = "".join(out)
    if ignore:
        sql = sql.rstrip().rstrip(";") + " ON CONFLICT DO NOTHING"
    insert = _INSERT_INTO_RE.match(sql)
    if insert and insert.group(1).lower() in IDENTITY_TABLES and "RETURNING" not in sql.upper():
        sql += " RETURNING id"
    return sql


_TYPE_RES = [
    (re.compile(r"\bINTEGER PRIMARY KEY\b"), "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
    (re.compile(r"\bBLOB\b"), "BYTEA"),
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
    (re.compile(r"\bINTEGER\b"), "BIGINT"),
    (re.compile(r"\)\s*WITHOUT ROWID", re.IGNORECASE), ")"),
]
_CREATE_TABLE_RE = re.compile(r"^\s*CREATE TABLE (?:IF NOT EXISTS )?(\w+)\s*\(", re.IGNORECASE)


def ddl_to_postgres(statement: str) -> list[str]:
    """One migration statement as PostgreSQL statements. The FTS5 table becomes a generated
    tsvector column of `articles` with its GIN index: PostgreSQL's own full-text search."""
    if re.search(r"CREATE VIRTUAL TABLE articles_fts", statement, re.IGNORECASE):
        return list(POSTGRES_SEARCH_DDL)
    statement = _STRFTIME_RE.sub(lambda m: _pg_strftime(m.group(1)), statement)
    for pattern, repl in _TYPE_RES:
        statement = pattern.sub(repl, statement)
    table = _CREATE_TABLE_RE.match(statement)
    if table and "IDENTITY PRIMARY KEY" not in statement:
        # SQLite tables keep insertion order in `rowid`; queries order by it.
        statement = statement[:table.end()] + (
            "\n    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,") + statement[table.end():]
    return [statement]


# Full-text search ------------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"\w+", re.UNICODE)


MAX_SEARCH_WORDS = 32


def _query_parts(query: str) -> list[list[str] | str]:
    """User input as phrases (lists of words) and "OR"s: every word is taken literally
    ("Iskander-M Belarus" is the phrase iskander m, then belarus), OR is kept, AND implied."""
    parts: list[list[str] | str] = []
    n_words = 0
    for chunk in re.split(r"\s+", query.strip()):
        if chunk == "OR" and parts and parts[-1] != "OR":
            parts.append("OR")
            continue
        words = _TOKEN_RE.findall(chunk)
        n_words += len(words)
        if n_words > MAX_SEARCH_WORDS:  # each word costs a pass over its index: cap them
            raise StoreError(f"a search takes at most {MAX_SEARCH_WORDS} words",
                             reason="bad_query")
        if words:
            parts.append(words)
    while parts and parts[-1] == "OR":
        parts.pop()
    return parts


class FullText:
    """The search SQL of one backend. A search is written as

        SELECT ..., {snippet} FROM {source} WHERE {condition} ORDER BY {rank}

    with one parameter, `query(text)`, in `source` or `condition` (never both)."""

    name = "sqlite"
    source = "articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
    condition = "articles_fts MATCH ?"
    rank = "bm25(articles_fts, 5.0, 1.0)"  # lower is better; the title counts five times

    def query(self, text: str) -> str:
        out = []
        for part in _query_parts(text):
            out.append(part if isinstance(part, str) else '"' + " ".join(part) + '"')
        return " ".join(out)

    def snippet(self, open_: str, close: str, words: int) -> str:
        return f"snippet(articles_fts, 1, '{open_}', '{close}', ' … ', {words})"


class PostgresFullText(FullText):
    """tsvector search: `articles.tsv` holds the title (weight A) and the text (weight B)."""

    name = "postgresql"
    source = "articles a CROSS JOIN to_tsquery('english', ?) AS q"
    condition = "a.tsv @@ q"
    # Weights {D, C, B, A}: the title (A) five times the text (B), as in SQLite's bm25 call.
    rank = "-ts_rank('{0.1, 0.1, 0.2, 1.0}', a.tsv, q)"

    def query(self, text: str) -> str:
        out = []
        for part in _query_parts(text):
            if isinstance(part, str):
                out.append("|")
                continue
            if out and out[-1] != "|":
                out.append("&")
            phrase = " <-> ".join(f"'{w}'" for w in part)
            out.append(f"({phrase})" if len(part) > 1 else phrase)
        return " ".join(out)

    def snippet(self, open_: str, close: str, words: int) -> str:
        options = (f'StartSel="{open_}", StopSel="{close}", MaxWords={words}, '
                   f'MinWords={max(1, words // 2)}, MaxFragments=1, FragmentDelimiter=" … "')
        return f"ts_headline('english', a.text, q, '{options}')"


POSTGRES_SEARCH_DDL = (
    "ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', text), 'B')) STORED",
    "CREATE INDEX articles_tsv ON articles USING gin (tsv)",
)
