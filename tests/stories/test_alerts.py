"""Watchlist rules: matching, one alert per real-world event, JSONL log and webhook."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.stories.builders import make
from tests.stories.test_stories import ISK, ISKANDER, POTASH
from wirebrief.errors import InputError
from wirebrief.store.db import Store
from wirebrief.stories.alerts import alert_hook, alerts_for, load_rules, parse_rules

RULES = {"rules": [{"name": "iskander", "weapons": ["Iskander-M"]},
                   {"name": "pair", "pairs": [["Belarus", "Russia"]], "types": ["AID"]},
                   {"name": "poland", "entities": ["Poland"]}]}


def test_rules_match_weapons_pairs_either_way_and_entities() -> None:
    rules = parse_rules(RULES)
    ev = ISKANDER[0].events[0]
    assert [r.name for r in rules if r.matches(ev)] == ["iskander", "pair"]
    assert rules[1].pairs == [("blr", "rus")]
    with pytest.raises(InputError):
        parse_rules({"rules": [{"name": "all"}]})
    with pytest.raises(InputError):
        parse_rules({"rules": []})


def test_an_event_merged_into_a_known_one_alerts_once(tmp_path: Path) -> None:
    st = Store(tmp_path / "a.db")
    rules = parse_rules(RULES)
    st.add(ISKANDER[0])
    first = alerts_for(st, ISKANDER[0], rules)
    assert {a.rule for a in first} == {"iskander", "pair"}
    assert first[0].url == "https://wire-1.test/a" and first[0].outlet == "wire"
    st.add(ISKANDER[1])  # another outlet, the same delivery
    assert alerts_for(st, ISKANDER[1], rules) == []
    later = make("wire-9", "Belarus receives Iskander-M launchers again", "Months later. " + ISK,
                 "2024-09-02", "wire",
                 [(ISK, "AID", "Russia", "Belarus", "2024-09-02", ["Iskander-M"], None)])
    st.add(later)  # a later delivery is a new event
    assert {a.rule for a in alerts_for(st, later, rules)} == {"iskander", "pair"}
    st.add(POTASH)
    assert alerts_for(st, POTASH, rules) == []


def test_hook_writes_the_log_and_reports_a_failing_webhook(tmp_path: Path) -> None:
    st = Store(tmp_path / "h.db")
    st.add(ISKANDER[0])
    path = tmp_path / "rules.toml"
    path.write_text('[[rules]]\nname = "iskander"\nweapons = ["Iskander-M"]\n', encoding="utf-8")
    assert load_rules(path)[0].weapons == ["iskander-m"]
    said: list[str] = []
    log = tmp_path / "alerts.jsonl"
    hook = alert_hook(st, path, log=log, webhook="http://127.0.0.1:9/none", say=said.append)
    hook(SimpleNamespace(kind="poll", article_id=None))
    hook(SimpleNamespace(kind="stored", article_id=ISKANDER[0].id))
    lines = [json.loads(x) for x in log.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 1 and lines[0]["rule"] == "iskander" and lines[0]["type"] == "AID"
    assert any(m.startswith("alert [iskander]") for m in said)
    assert any("webhook failed" in m for m in said)
    with pytest.raises(InputError):
        alert_hook(st, None, log=log, webhook=None, say=said.append)
    with pytest.raises(InputError):
        alert_hook(st, path, log=None, webhook="javascript:alert(1)", say=said.append)
