"""Event exports: ACLED-style CSV and GeoJSON, with outlets, URLs and evidence."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from tests.stories.builders import make
from tests.stories.test_stories import ISK, ISKANDER
from wirebrief.cli import app
from wirebrief.store.db import Store
from wirebrief.stories.exports import ACLED_FIELDS, acled_csv, event_rows, events_geojson
from wirebrief.stories.merge import merge_events
from wirebrief.stories.query import load_events
from wirebrief.stories.threads import assign_to_story

HOSTILE = make("evil-1", "Belarus receives more Iskander-M launchers",
               f"=HYPERLINK(\"http://x\") {ISK} More launchers came.", "2024-03-20",
               "", [(ISK, "AID", "Russia", "Belarus", "2024-03-20", ["Iskander-M"], None)])


FORMULA = make("evil-2", "Belarus holds drills", "Belarus held drills with Russia. " + ISK,
               "2024-04-20", "=SUM(1+1)",
               [(ISK, "AID", "Russia", "Belarus", "2024-04-20", ["Iskander-M"], None)])


def _store(tmp_path: Path) -> Store:
    st = Store(tmp_path / "x.db")
    for b in [*ISKANDER, HOSTILE.model_copy(update={"source": None,
                                                    "url": "https://www.reuters.com/x"}),
              FORMULA.model_copy(update={"url": "javascript:alert(1)"})]:
        st.add(b)
        assign_to_story(st, b)
    return st


def test_acled_rows_carry_place_time_outlets_and_urls(tmp_path: Path) -> None:
    merged = merge_events(load_events(_store(tmp_path), types=["AID"]))
    rows = event_rows(merged)
    first = next(r for r in rows if r.n_articles == 3)
    assert first.actor1 == "Russia" and first.actor2 == "Belarus" and first.country == "Belarus"
    assert first.geo_precision == 3 and first.latitude and 53 < first.latitude < 54.5  # Minsk
    assert first.time_precision == 1 and first.event_date == "2024-03-12"
    assert first.outlet == "wire; daily; monitor"
    assert first.url.split("; ") == ["https://wire-1.test/a", "https://daily-2.test/a",
                                     "https://monitor-3.test/a"]
    assert first.event_id == event_rows(merged)[rows.index(first)].event_id  # stable
    placed = merged[0]
    placed.location = "Asipovichy"
    assert event_rows([placed])[0].geo_precision in (1, 3)


def test_acled_csv_and_geojson_escape_and_name_the_outlet(tmp_path: Path) -> None:
    merged = merge_events(load_events(_store(tmp_path), types=["AID"]))
    table = list(csv.reader(io.StringIO(acled_csv(merged))))
    assert table[0] == ACLED_FIELDS
    reuters = next(r for r in table[1:] if "Reuters" in r)
    assert reuters[ACLED_FIELDS.index("url")] == "https://www.reuters.com/x"
    hostile = next(r for r in table[1:] if "SUM" in r[ACLED_FIELDS.index("outlet")])
    assert hostile[ACLED_FIELDS.index("outlet")] == "'=SUM(1+1)"  # no formula runs
    assert hostile[ACLED_FIELDS.index("url")] == ""  # javascript: is no link
    geo = json.loads(events_geojson(merged))
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == len(merged)
    lon, lat = geo["features"][0]["geometry"]["coordinates"]
    assert 20 < lon < 35 and 50 < lat < 56


def test_cli_events_formats(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    _store(tmp_path).close()
    runner = CliRunner()
    out = runner.invoke(app, ["events", "--db", str(db), "--format", "acled"])
    assert out.exit_code == 0 and out.stdout.startswith("event_id,event_date")
    out = runner.invoke(app, ["events", "--db", str(db), "--format", "geojson"])
    assert out.exit_code == 0 and json.loads(out.stdout)["features"]
    out = runner.invoke(app, ["events", "--db", str(db), "--format", "csv"])
    assert "https://wire-1.test/a" in out.stdout and ",wire," in out.stdout
    bad = runner.invoke(app, ["events", "--db", str(db), "--format", "kml"])
    assert bad.exit_code != 0
