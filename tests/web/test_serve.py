from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import TestClient
from wirebrief.errors import InputError
from wirebrief.web import serve as serve_mod
from wirebrief.web.deps import is_loopback


class _Captured:
    def __init__(self) -> None:
        self.app: Any = None
        self.kwargs: dict[str, Any] = {}

    def run(self, app: Any, **kwargs: Any) -> None:
        self.app, self.kwargs = app, kwargs


@pytest.fixture
def captured(monkeypatch: pytest.MonkeyPatch) -> _Captured:
    import uvicorn

    cap = _Captured()
    monkeypatch.setattr(uvicorn, "run", cap.run)
    monkeypatch.delenv("WIREBRIEF_TOKEN", raising=False)
    return cap


def test_serve_loopback_allows_writes_without_token(captured: _Captured, store_path: Path) -> None:
    serve_mod.serve(str(store_path), "127.0.0.1", 8765, None)
    assert captured.kwargs["host"] == "127.0.0.1" and captured.kwargs["port"] == 8765
    web = captured.app.state.web
    assert web.db_path == store_path and web.token is None and not web.require_token


def test_serve_public_host_without_token_disables_writes(
        captured: _Captured, store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    serve_mod.serve(str(store_path), "0.0.0.0", 8765, None)
    assert "without a token" in capsys.readouterr().err
    with TestClient(captured.app, base_url="http://127.0.0.1") as c:
        assert c.post("/api/brief", json={"text": "x"}).status_code == 403
        assert c.get("/healthz").status_code == 200


def test_serve_takes_token_from_environment(captured: _Captured, store_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIREBRIEF_TOKEN", "from-env")
    serve_mod.serve(str(store_path), "0.0.0.0", 8765, None)
    assert captured.app.state.web.token == "from-env"
    serve_mod.serve(str(store_path), "0.0.0.0", 8765, "flag")
    assert captured.app.state.web.token == "flag"  # the flag wins


def test_serve_rejects_bad_port(captured: _Captured) -> None:
    with pytest.raises(InputError):
        serve_mod.serve(None, "127.0.0.1", 70000, None)


@pytest.mark.parametrize(("host", "loop"), [("127.0.0.1", True), ("127.1.2.3", True),
                                            ("localhost", True), ("::1", True),
                                            ("0.0.0.0", False), ("192.168.1.5", False),
                                            ("::", False)])
def test_is_loopback(host: str, loop: bool) -> None:
    assert is_loopback(host) is loop
