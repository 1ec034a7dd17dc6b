"""Parameter types and parsers the routers share: the store of a request, and dates as the API
(`IsoDate`, validated by FastAPI) and the forms (`form_date`, empty meaning none) take them."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from fastapi import Depends, Query
from pydantic import BeforeValidator

from wirebrief.errors import InputError
from wirebrief.store.db import Store
from wirebrief.web.deps import get_store

StoreDep = Annotated[Store, Depends(get_store)]


def iso_only(value: object) -> object:
    """Refuse a date that is not YYYY-MM-DD (pydantic would also read "0" as a Unix time)."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("dates are YYYY-MM-DD")
    return value


IsoDate = Annotated[date | None, BeforeValidator(iso_only), Query(description="YYYY-MM-DD.")]


def form_date(value: str | None) -> date | None:
    """A YYYY-MM-DD form or query field; empty means none."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"dates are YYYY-MM-DD, not {value[:40]!r}", reason="bad_date") from exc
