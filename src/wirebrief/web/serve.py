"""`wirebrief serve`: run the reader and API with uvicorn."""

from __future__ import annotations

import sys

from wirebrief.config import load_settings
from wirebrief.errors import InputError
from wirebrief.web.deps import is_loopback
from wirebrief.web.security import LOOPBACK_NAMES


def serve(db: str | None, host: str, port: int, token: str | None) -> None:
    """Serve the store at `db` on host:port. Off loopback, writes need a token."""
    import uvicorn

    from wirebrief.web.app import create_app

    if not 0 < port < 65536:
        raise InputError(f"--port must be 1-65535, not {port}", reason="bad_port")
    settings = load_settings(db=db)
    token = token or settings.token or None
    exposed = not is_loopback(host)
    if exposed and token is None:
        print(f"warning: serving on {host} without a token: POST /api/brief is disabled "
              "(set WIREBRIEF_TOKEN or --token to enable it)", file=sys.stderr)
    # The Host header must name this server: the address it is bound to (its loopback names
    # on loopback), any IP literal when bound to every interface, and the configured names.
    wildcard = host in ("0.0.0.0", "::", "")
    allowed = set(LOOPBACK_NAMES) if not exposed or wildcard else set()
    allowed.add(host)
    app = create_app(settings, token=token, require_token=exposed,
                     allowed_hosts=frozenset(allowed), any_ip=wildcard)
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False,
                proxy_headers=False)
