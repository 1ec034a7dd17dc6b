"""How the web app answers an error: the status of each Wirebrief error, the JSON body the API
documents (`ErrorOut`, `ERRORS` for a route's `responses=`), and the error page for people."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field

from wirebrief.errors import (
    AnalysisError,
    ExtractionError,
    FetchError,
    InputError,
    NotFoundError,
    StoreError,
    WirebriefError,
)

# Paths answered with JSON errors; every other path gets the error page.
JSON_PREFIXES = ("/api/", "/healthz")


class AuthError(WirebriefError):
    """A write endpoint was called without the right token."""


class ErrorOut(BaseModel):
    error: str = Field(description="Machine-readable reason.")
    message: str = Field(description="What went wrong, for people.")


# The errors every API route may answer, for its OpenAPI description.
ERRORS: dict[int | str, dict[str, object]] = {
    400: {"model": ErrorOut}, 404: {"model": ErrorOut}, 422: {"model": ErrorOut}}


def status_for(exc: WirebriefError) -> int:
    """HTTP status of a Wirebrief error."""
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, AuthError):
        return 403 if exc.reason == "forbidden" else 401
    if isinstance(exc, ExtractionError):
        return 422
    if isinstance(exc, InputError):
        return 413 if exc.reason == "too_large" else 400
    if isinstance(exc, StoreError):
        return 400 if exc.reason == "bad_query" else 500
    if isinstance(exc, FetchError):
        return 502
    if isinstance(exc, AnalysisError):
        return 503
    return 500


def wants_json(request: Request) -> bool:
    return request.url.path.startswith(JSON_PREFIXES)


def error_response(request: Request, status: int, reason: str, message: str,
                   headers: Mapping[str, str] | None = None) -> Response:
    """`{"error": reason, "message": message}` for the API, the error page for the rest."""
    if wants_json(request):
        return JSONResponse({"error": reason, "message": message}, status_code=status,
                            headers=headers)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status,
        headers=headers)
