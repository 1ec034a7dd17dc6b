"""Short news is news: a one- or two-sentence bulletin is briefed; a record with no prose is
skipped and counted, not failed; `--strict` fails skips too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wirebrief.errors import NotAnArticle
from wirebrief.extract.lines import has_prose
from wirebrief.ingest.reader import RawDocument
from wirebrief.pipeline import BriefFailure, BriefOptions, brief_record, prepare_article

BULLETIN = "Parliament swore in the country's new defence minister in the capital on Monday."
TWO_SENTENCES = ("Navy ships sailed near the disputed islands on Monday, officials said in the "
                 "capital today. Two patrol aircraft followed them.")
PRICE_TABLE = ("Monday's closing fuel prices in US dollars per barrel, from the exchange:\n\n"
               "Buyers    Sellers\n\nGrade A May    71.20    71.45 N\n\n"
               "Grade B May    69.80    70.10 N\n\nGrade C June   68.15    68.40 N\n")
RESULTS = ("Results of the regional rifle championship on Sunday:\n\nMen\n\n"
           "1. K. Larsen (NOR) 598\n\n2. P. Adeyemi (NGA) 596\n\n3. T. Mori (JPN) 595\n")
FLASH = "FLASH: COALITION WINS MAJORITY IN PARLIAMENT: STATE TV"
NO_ANALYSIS = BriefOptions(analyse=False)


@pytest.mark.parametrize("text", [BULLETIN, TWO_SENTENCES])
def test_bulletins_are_briefed(text: str) -> None:
    result = brief_record(RawDocument(external_id="b", text=text), NO_ANALYSIS)
    assert not isinstance(result, BriefFailure), result
    assert result.text.startswith(text[:40]) and result.summary


@pytest.mark.parametrize(("text", "reason"), [
    (PRICE_TABLE, "no_prose"), (RESULTS, "no_prose"), (FLASH, "no_prose"), ("  \n", "empty"),
])
def test_records_without_prose_are_skipped_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(NotAnArticle) as info:
        prepare_article(RawDocument(external_id="t", text=text), NO_ANALYSIS)
    assert info.value.reason == reason and info.value.message.startswith("skipped")
    result = brief_record(RawDocument(external_id="t", text=text), NO_ANALYSIS)
    assert isinstance(result, BriefFailure) and result.skipped


def test_prose_lost_to_the_cleaner_is_a_failure_not_a_skip() -> None:
    # Every sentence of this page is a cookie or newsletter prompt: prose went in, none came
    # out, so the run must not pass it over as a non-article.
    page = ("We use cookies to improve your experience on this site.\n\n"
            "Sign up for our newsletter to get the latest news in your inbox every morning.\n")
    result = brief_record(RawDocument(external_id="c", text=page), NO_ANALYSIS)
    assert isinstance(result, BriefFailure) and not result.skipped


@pytest.mark.parametrize(("text", "expected"), [
    ("Inder Kumar Gujral was sworn in as India's 12th prime minister here Monday.", True),
    ("Two soldiers were killed, a police source told AFP.", True),
    ("US President George W. Bush met Russian President Vladimir Putin in Moscow on Monday.",
     True),
    ("China Deploys Warships Around Taiwan.", False),
    ("Lions 287-3 in 94 overs (N.McKenzie 135; M. van Wyk 57 no)", False),
    ("Share prices end lower in Hong Kong -- Nov. 29", False),
    ("1-Lin Dan, China, bt 4-Lee Chong-wei, Malaysia, 15-4, 15-6.", False),
])
def test_has_prose(text: str, expected: bool) -> None:
    assert has_prose(text) is expected


def _write(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_process_exits_zero_when_records_are_briefed_or_skipped(tmp_path: Path) -> None:
    from wirebrief.cli import app

    infile = _write(tmp_path / "in.jsonl", [
        {"id": "bulletin", "text": BULLETIN}, {"id": "two", "text": TWO_SENTENCES},
        {"id": "prices", "text": PRICE_TABLE}, {"id": "empty", "text": ""},
    ])
    out = tmp_path / "out.jsonl"
    runner = CliRunner()
    result = runner.invoke(app, ["process", str(infile), "-o", str(out), "--no-analysis"])
    said = " ".join(result.output.split())
    assert result.exit_code == 0, said
    assert "2 briefed, 2 skipped, 0 failed" in said
    assert "skipped prices" in said and "skipped empty" in said
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["bulletin", "two"]

    strict = runner.invoke(app, ["process", str(infile), "-o", str(out), "--no-analysis",
                                 "--strict"])
    assert strict.exit_code == 1


def test_process_exits_non_zero_when_a_record_failed(tmp_path: Path) -> None:
    from wirebrief.cli import app

    infile = _write(tmp_path / "in.jsonl", [{"id": "bulletin", "text": BULLETIN}, {"id": "bad"}])
    result = CliRunner().invoke(app, ["process", str(infile), "-o", str(tmp_path / "o.jsonl"),
                                      "--no-analysis"])
    assert result.exit_code == 1 and "1 briefed, 0 skipped, 1 failed" in result.output


def test_ingest_counts_skips_and_exits_by_failures(tmp_path: Path) -> None:
    from wirebrief.cli import app

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bulletin.txt").write_text(BULLETIN)
    (folder / "prices.txt").write_text(PRICE_TABLE)
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    args = ["ingest", str(folder), "--db", db, "--no-analysis"]
    result = runner.invoke(app, args)
    said = " ".join(result.output.split())
    assert result.exit_code == 0, said
    assert "1 new, 0 already stored, 0 merged as duplicates, 1 skipped, 0 failed" in said
    assert runner.invoke(app, [*args, "--strict"]).exit_code == 1
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    assert runner.invoke(app, args).exit_code == 1
