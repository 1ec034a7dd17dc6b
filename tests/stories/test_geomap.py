"""The offline SVG map: bundled Natural Earth outlines, events placed with their precision."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from typer.testing import CliRunner

from tests.stories.test_exports import _store
from wirebrief.cli import app
from wirebrief.stories.geomap import ATTRIBUTION, countries, events_map_svg
from wirebrief.stories.merge import merge_events
from wirebrief.stories.query import load_events

NS = "{http://www.w3.org/2000/svg}"


def test_outlines_are_bundled_and_decoded() -> None:
    shapes = {name: rings for _, name, rings in countries()}
    assert len(shapes) > 150 and "Belarus" in shapes
    lons = [lon for ring in shapes["Belarus"] for lon, _ in ring]
    lats = [lat for ring in shapes["Belarus"] for _, lat in ring]
    assert 23 < min(lons) < 24.5 and 32 < max(lons) < 33.5 and 51 < min(lats) < 52.5


def test_map_places_events_with_their_precision_and_escapes_text(tmp_path: Path) -> None:
    merged = merge_events(load_events(_store(tmp_path), types=["AID"]))
    merged[0].location = "Minsk"  # a named place: a solid dot
    svg = events_map_svg(merged, "<b>Belarus</b>")
    root = ET.fromstring(svg)  # well-formed
    circles = [c for c in root.iter(f"{NS}circle") if c.find(f"{NS}title") is not None]
    assert len(circles) == len(merged)
    solid = [c for c in circles if c.get("fill") != "none"]
    assert len(solid) == 1 and "at Minsk" in (solid[0].find(f"{NS}title").text or "")  # type: ignore[union-attr]
    assert any("somewhere in Belarus" in (c.find(f"{NS}title").text or "")  # type: ignore[union-attr]
               for c in circles if c.get("fill") == "none")
    assert "<b>" not in svg and "&lt;b&gt;Belarus" in svg and ATTRIBUTION in svg
    assert len(list(root.iter(f"{NS}path"))) > 5
    assert int(root.get("width", "0")) == 960


def test_cli_events_map(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    _store(tmp_path).close()
    out = tmp_path / "m.svg"
    res = CliRunner().invoke(app, ["events", "--db", str(db), "--map", str(out)])
    assert res.exit_code == 0 and out.read_text(encoding="utf-8").startswith("<svg")
    bad = CliRunner().invoke(app, ["events", "--db", str(db), "--map", str(tmp_path / "m.png")])
    assert bad.exit_code != 0
