"""PostgreSQL behind the store's one query interface (psycopg 3, the `postgres` extra).

`PgConnection` gives the store and the query layer the small part of the sqlite3 connection
interface they use (`execute`, `executemany`, rows readable by index and by name, `lastrowid`,
`in_transaction`), running each statement in its PostgreSQL spelling (`sql.to_postgres`). So
every query is written once; nothing above the store knows which engine answers.

Transactions are explicit, as with SQLite: the connection is in autocommit mode and the store
sends BEGIN / SAVEPOINT / COMMIT itself. Writers from several machines are kept apart by unique
keys with upserts, and by a transaction-level advisory lock taken before the near-duplicate check
(`Store.lock_for_write`), so two machines cannot both decide that the same story is new.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from wirebrief.errors import StoreError
from wirebrief.store.sql import to_postgres

POSTGRES_HINT = "pip install 'wirebrief[postgres]'"
URL_RE = re.compile(r"^(postgres|postgresql)(\+\w+)?://", re.IGNORECASE)
# Any other scheme://: a URL the store cannot use, never a local path.
ANY_URL_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
WRITE_LOCK_KEY = 0x77697265  # "wire": one advisory lock for every Wirebrief writer


def is_postgres_url(target: object) -> bool:
    return isinstance(target, str) and bool(URL_RE.match(target))


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def open_pool(url: str, max_size: int = 8) -> Any:
    """A connection pool for a server (`wirebrief serve`): connections in autocommit mode, as
    `PgConnection` expects, checked before reuse."""
    try:
        from psycopg_pool import ConnectionPool
    except ImportError as exc:
        raise StoreError(f"serving a postgresql:// store needs psycopg_pool: {POSTGRES_HINT}",
                         reason="missing_extra") from exc
    return ConnectionPool(URL_RE.sub("postgresql://", url), min_size=1, max_size=max_size,
                          kwargs={"autocommit": True}, check=ConnectionPool.check_connection,
                          name="wirebrief", open=True)


class Row(tuple):  # type: ignore[type-arg]
    """A result row readable like sqlite3.Row: by position, by column name, `keys()`."""

    _names: tuple[str, ...] = ()

    def __new__(cls, names: tuple[str, ...], values: Sequence[Any]) -> Row:
        row = super().__new__(cls, values)
        row._names = names
        return row

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            try:
                return tuple.__getitem__(self, self._names.index(key))
            except ValueError:
                raise IndexError(f"no such column: {key}") from None
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


def _value(v: Any) -> Any:
    if isinstance(v, Decimal):  # sum() of integers is numeric in PostgreSQL
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, memoryview):
        return v.tobytes()
    return v


class PgCursor:
    def __init__(self, cursor: Any, lastrowid: int | None) -> None:
        self._cursor = cursor
        self.lastrowid = lastrowid
        self.rowcount = cursor.rowcount

    def _rows(self) -> Iterator[Row]:
        if self._cursor.description is None:
            return
        names = tuple(d.name for d in self._cursor.description)
        for values in self._cursor:
            yield Row(names, [_value(v) for v in values])

    def fetchone(self) -> Row | None:
        return next(self._rows(), None)

    def fetchall(self) -> list[Row]:
        return list(self._rows())

    def __iter__(self) -> Iterator[Row]:
        return self._rows()


def _translate_error(exc: Exception, sql: str) -> Exception:
    """psycopg errors as the sqlite3 errors the callers already handle."""
    import psycopg

    message = f"{type(exc).__name__}: {str(exc).strip()}"
    if isinstance(exc, psycopg.errors.IntegrityError):
        return sqlite3.IntegrityError(message)
    if isinstance(exc, psycopg.OperationalError):
        return StoreError(f"the PostgreSQL server failed: {message}", reason="store_unavailable")
    if isinstance(exc, psycopg.ProgrammingError | psycopg.DataError):
        return sqlite3.OperationalError(f"{message} (in: {sql[:200]})")
    return sqlite3.DatabaseError(message)


class PgConnection:
    """A psycopg connection in autocommit mode, spoken to in the store's SQL."""

    def __init__(self, url: str, connection: Any | None = None) -> None:
        try:
            import psycopg
        except ImportError as exc:
            raise StoreError(f"a postgresql:// store needs psycopg 3: {POSTGRES_HINT}",
                             reason="missing_extra") from exc
        self.url = url
        try:
            self.raw = connection or psycopg.connect(
                URL_RE.sub("postgresql://", url), autocommit=True, connect_timeout=15)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to {redact(url)}: {str(exc).strip()}",
                             reason="store_unavailable") from exc

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> PgCursor:
        import psycopg

        pg = to_postgres(sql)
        cursor = self.raw.cursor()
        try:
            cursor.execute(pg, tuple(params) if not isinstance(params, dict) else params)
        except psycopg.Error as exc:
            raise _translate_error(exc, pg) from exc
        lastrowid = None
        if pg.endswith(" RETURNING id"):
            row = cursor.fetchone()
            lastrowid = int(row[0]) if row else None
        return PgCursor(cursor, lastrowid)

    def execute_ddl(self, statement: str) -> None:
        """A schema statement as written (no parameters, no rewriting)."""
        import psycopg

        try:
            self.raw.execute(statement)
        except psycopg.Error as exc:
            raise _translate_error(exc, statement) from exc

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        import psycopg

        pg = to_postgres(sql)
        batch = [tuple(r) for r in rows]
        if not batch:
            return
        try:
            with self.raw.cursor() as cursor:
                cursor.executemany(pg, batch)
        except psycopg.Error as exc:
            raise _translate_error(exc, pg) from exc

    def close(self) -> None:
        self.raw.close()
