"""The reader web app and REST API: `create_app(settings)` builds it.

Pages are rendered on the server and readable without JavaScript; `static/app.js` adds the
summary button and evidence highlighting. The API under /api serves the same library functions
as the CLI, with its OpenAPI description at /docs.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Collection
from contextlib import asynccontextmanager
from pathlib import Path

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException as StarletteHTTPException

from wirebrief import __version__
from wirebrief.config import Settings, load_settings
from wirebrief.errors import WirebriefError
from wirebrief.web import render
from wirebrief.web.deps import FORM_OVERHEAD_BYTES, WebState
from wirebrief.web.errors import error_response, status_for
from wirebrief.web.security import LOOPBACK_NAMES, BodyLimit, HostCheck, SecurityHeaders

HERE = Path(__file__).parent


def make_templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every string from an article is escaped, whatever the file name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_href"] = render.safe_href
    env.filters["entity_href"] = render.entity_href
    env.globals["version"] = __version__
    return Jinja2Templates(env=env)


def create_app(settings: Settings | None = None, *, token: str | None = None,
               require_token: bool = False, allowed_hosts: Collection[str] = LOOPBACK_NAMES,
               any_ip: bool = False) -> FastAPI:
    """Build the app over the store named by `settings.db`.

    `token`: write endpoints then need `Authorization: Bearer TOKEN`. `require_token`: refuse
    writes when no token is set (the server is bound to a non-loopback host).
    `allowed_hosts`: the Host header names answered (loopback by default), with those of the
    `allowed_hosts` setting; `any_ip`: also any IP literal (a server bound to every interface).
    """
    settings = settings or load_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.web.briefs.close()  # the briefing worker processes

    # The API explorer's scripts are served from the package, not a CDN: it works offline.
    app = FastAPIOffline(
        lifespan=lifespan,
        title="Wirebrief",
        version=__version__,
        description="Defense and security news briefings: articles, summaries, entities and "
                    "PLOVER-coded events. Errors are JSON: `{\"error\": reason, \"message\": "
                    "text}`.",
    )
    app.state.web = WebState(settings=settings, db_path=settings.db_target, token=token or None,
                             require_token=require_token)
    app.state.templates = make_templates()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    from wirebrief.web.routers import api, pages, stories

    app.include_router(api.router)
    app.include_router(stories.api)
    app.include_router(pages.router)
    app.include_router(stories.pages)

    @app.exception_handler(WirebriefError)
    async def wirebrief_error(request: Request, exc: WirebriefError) -> Response:
        return error_response(request, status_for(exc), exc.reason, exc.message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()) if p != 'query')}: {e.get('msg')}"
            for e in exc.errors())
        return error_response(request, 422, "invalid_request", problems or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        reason = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        # Keep the exception's headers (Allow on 405).
        return error_response(request, exc.status_code, reason, message, exc.headers)

    app.add_middleware(BodyLimit, limits={"/api/brief": settings.max_brief_bytes,
                                          "/brief": settings.max_brief_bytes + FORM_OVERHEAD_BYTES},
                       default=64 * 1024)
    app.add_middleware(SecurityHeaders)
    configured = {h.strip() for h in settings.allowed_hosts.split(",") if h.strip()}
    app.add_middleware(HostCheck, allowed=frozenset(allowed_hosts) | configured, any_ip=any_ip)
    return app
