from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wirebrief.cli import app
from wirebrief.models import Briefing

DATA = Path(__file__).resolve().parents[1] / "data" / "cli"
ARTICLE = DATA / "frigate.txt"
pytestmark = pytest.mark.model


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "store.db")


def test_brief_prints_a_readable_briefing(runner: CliRunner) -> None:
    result = runner.invoke(app, ["brief", str(ARTICLE), "--published", "2024-03-14"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Poland Receives First K2 Tanks From South Korea")
    for heading in ("Summary", "People", "Countries", "Weapon systems", "Events",
                    "Related articles"):
        assert f"\n{heading}\n" in out
    assert "Jan Nowicki" in out and "K2" in out
    assert "Baltic States Discuss Air Defence Gaps" in out
    assert "Share this article" not in out


def test_brief_json_is_a_valid_briefing(runner: CliRunner) -> None:
    result = runner.invoke(app, ["brief", str(ARTICLE), "--json", "--sentences", "2"])
    assert result.exit_code == 0, result.output
    briefing = Briefing.model_validate_json(result.stdout)
    assert len(briefing.summary) == 2
    assert all(briefing.text[s.start:s.end] == s.text for s in briefing.summary)
    assert all(briefing.text[e.start:e.end] == e.text for e in briefing.entities)
    assert "Subscribe to our newsletter" not in briefing.text
    assert {r.title for r in briefing.related} == {
        "Baltic States Discuss Air Defence Gaps", "Finland Orders More Artillery Shells"}


def test_brief_reads_stdin(runner: CliRunner) -> None:
    result = runner.invoke(app, ["brief", "-", "--json"], input=ARTICLE.read_text())
    assert result.exit_code == 0, result.output
    assert Briefing.model_validate_json(result.stdout).title.startswith("Poland Receives")


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        (b"", 2, "empty"),
        (b"\x00\x01\x02\x03" * 100, 2, "binary"),
        (b"No time to read?\nGet a summary\nShare this article\nPrevious Article\nOld title\n", 4,
         "no article text found"),
    ],
)
def test_brief_bad_input_gives_one_line_error(runner: CliRunner, tmp_path: Path, content: bytes,
                                              code: int, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = runner.invoke(app, ["brief", str(path)])
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output


def test_brief_rejects_file_over_size_limit(runner: CliRunner) -> None:
    result = runner.invoke(app, ["brief", str(ARTICLE), "--max-input-mb", "0.0001"])
    assert result.exit_code == 2 and "limit" in result.output


def test_brief_rejects_bad_published_date(runner: CliRunner) -> None:
    result = runner.invoke(app, ["brief", str(ARTICLE), "--published", "last week"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_process_streams_jsonl_and_reports_bad_records(runner: CliRunner, tmp_path: Path) -> None:
    infile = tmp_path / "in.jsonl"
    outfile = tmp_path / "out.jsonl"
    records = [
        {"id": "one", "text": ARTICLE.read_text(), "published": "2024-03-14"},
        {"id": "broken"},
        {"id": "chrome", "text": "Share this article\nAdvertisement"},
        {"id": "two", "html": "<html><body><article><h1>Drill</h1><p>" + "Finnish and US troops "
         "began a joint exercise in Lapland on Monday, the Finnish army said. " * 3
         + "</p></article></body></html>", "url": "https://news.example.test/drill"},
    ]
    infile.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    result = runner.invoke(app, ["process", str(infile), "-o", str(outfile)])
    assert result.exit_code == 1  # some records failed
    assert "broken" in result.output and "chrome" in result.output
    lines = [json.loads(line) for line in outfile.read_text().splitlines()]
    assert [line["id"] for line in lines] == ["one", "two"]
    assert lines[0]["published"] == "2024-03-14" and lines[0]["summary"]


def test_ingest_is_idempotent_and_list_show_search_work(runner: CliRunner, tmp_path: Path,
                                                       db: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "k2.txt").write_text(ARTICLE.read_text())
    (folder / "empty.txt").write_text("")
    first = runner.invoke(app, ["ingest", str(folder), "--db", db])
    assert first.exit_code == 0, first.output
    assert "1 new, 0 already stored, 0 merged as duplicates, 1 skipped, 0 failed" in first.output
    second = runner.invoke(app, ["ingest", str(folder / "k2.txt"), "--db", db])
    assert "0 new, 1 already stored" in second.output

    listing = runner.invoke(app, ["list", "--db", db, "--json"])
    rows = json.loads(listing.stdout)
    assert len(rows) == 1 and rows[0]["external_id"].endswith("k2.txt")

    shown = runner.invoke(app, ["show", rows[0]["id"][:10], "--db", db, "--json"])
    assert shown.exit_code == 0
    assert json.loads(shown.stdout)["external_id"].endswith("k2.txt")

    hits = runner.invoke(app, ["search", "K2 tanks", "--db", db, "--json"])
    assert json.loads(hits.stdout)[0]["id"] == rows[0]["id"]

    missing = runner.invoke(app, ["show", "nope", "--db", db])
    assert missing.exit_code == 6 and "no article" in missing.output


def test_ingest_no_analysis_with_workers_reports_each_bad_record(
    runner: CliRunner, tmp_path: Path, db: str
) -> None:
    from tests.ingest.corpus import page, story_text

    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(5):
        (folder / f"story-{n}.html").write_text(page(f"Story {n} headline here", story_text(n),
                                                     f"https://news.example/{n}"))
    (folder / "empty.html").write_text("")
    args = ["ingest", str(folder), "--db", db, "--no-analysis", "--workers", "2"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output  # the empty page is skipped, not failed
    said = " ".join(first.output.split())  # the console wraps long lines
    assert "skipped" in said and "empty.html: empty input: nothing to read" in said
    assert "5 new, 0 already stored, 0 merged as duplicates, 1 skipped, 0 failed" in said
    again = " ".join(runner.invoke(app, args).output.split())
    assert "0 new, 5 already stored, 0 merged as duplicates, 1 skipped, 0 failed" in again


def test_summarize_styles(runner: CliRunner) -> None:
    headline = runner.invoke(app, ["summarize", str(ARTICLE), "--style", "headline"])
    assert headline.exit_code == 0, headline.output
    assert headline.stdout.count("\n") == 1
    bullets = runner.invoke(app, ["summarize", str(ARTICLE), "--style", "bullets",
                                  "--sentences", "2"])
    assert bullets.stdout.startswith("- ")


def test_summarize_lengths(runner: CliRunner) -> None:
    one = runner.invoke(app, ["summarize", str(ARTICLE), "--ratio", "0.01", "--json"])
    assert one.exit_code == 0, one.output
    assert len(json.loads(one.stdout)) == 1
    short = runner.invoke(app, ["summarize", str(ARTICLE), "--words", "40", "--json"])
    picked = json.loads(short.stdout)
    assert len(picked) == 1 or sum(len(s["text"].split()) for s in picked) <= 40
    both = runner.invoke(app, ["summarize", str(ARTICLE), "--words", "40", "--sentences", "2"])
    assert both.exit_code != 0 and "one of" in both.output
    bad = runner.invoke(app, ["summarize", str(ARTICLE), "--ratio", "2"])
    assert bad.exit_code != 0 and "--ratio" in bad.output


def test_schema_in_docs_is_current(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema"])
    docs = Path(__file__).resolve().parents[2] / "docs" / "briefing.schema.json"
    assert json.loads(result.stdout) == json.loads(docs.read_text()), "run: make schema"


def test_doctor_reports_installed_parts(runner: CliRunner, db: str) -> None:
    result = runner.invoke(app, ["doctor", "--db", db])
    assert "spaCy model" in result.stdout
    assert result.exit_code == 0, result.stdout


def test_train_events_without_data_fails_clearly(runner: CliRunner, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    monkeypatch.setenv("WIREBRIEF_SHARED", str(tmp_path / "nowhere"))
    monkeypatch.chdir(tmp_path)
    model = tmp_path / "model.npz"
    result = runner.invoke(app, ["train", "events", "--shared", str(tmp_path / "nowhere"),
                                 "-o", str(model)])
    assert result.exit_code != 0
    if importlib.util.find_spec("sklearn") is None:
        assert "scikit-learn" in result.output
    assert not model.exists()


def test_one_output_convention(runner: CliRunner, db: str) -> None:
    assert runner.invoke(app, ["ingest", str(ARTICLE), "--db", db]).exit_code == 0
    as_flag = runner.invoke(app, ["list", "--db", db, "--json"])
    as_format = runner.invoke(app, ["list", "--db", db, "--format", "json"])
    assert as_flag.exit_code == as_format.exit_code == 0
    assert json.loads(as_flag.stdout) == json.loads(as_format.stdout)
    bad = runner.invoke(app, ["search", "tanks", "--db", db, "--format", "xml"])
    assert bad.exit_code == 2 and "--format must be one of table, json" in bad.output


def test_demo_loads_the_corpus_and_shows_the_featured_briefing(runner: CliRunner,
                                                                 db: str) -> None:
    result = runner.invoke(app, ["demo", "--db", db])
    assert result.exit_code == 0, result.output
    assert "Belarusian crews begin Iskander-M training" in result.stdout
    assert "demo corpus:" in result.output and "0 failed" not in result.stdout
    again = runner.invoke(app, ["demo", "--db", db])
    assert again.exit_code == 0 and "0 new" in again.output
