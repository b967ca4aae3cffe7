"""The command line: CliRunner for behaviour, one real subprocess of the installed command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from spacecoop.cli import app
from spacecoop.schema import ArticleEntities, Record

from .conftest import CORPUS, SEED_ID
from .test_schema import validate_lines

runner = CliRunner()
SEED = CORPUS / "articles" / f"{SEED_ID}.txt"


def test_help_lists_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("extract", "build", "evaluate", "schema", "explain", "patterns"):
        assert command in result.output


def test_extract_seed_writes_valid_records_and_entities(tmp_path: Path) -> None:
    out, ents, errs = tmp_path / "r.jsonl", tmp_path / "e.jsonl", tmp_path / "err.jsonl"
    result = runner.invoke(
        app,
        [
            "extract",
            str(SEED),
            "-o",
            str(out),
            "--entities",
            str(ents),
            "--errors",
            str(errs),
            "--metadata",
            str(CORPUS / "metadata.jsonl"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert validate_lines(out, Record) >= 10
    assert validate_lines(ents, ArticleEntities) == 1
    assert errs.read_text(encoding="utf-8") == ""
    text = SEED.read_text(encoding="utf-8")
    for line in out.read_text(encoding="utf-8").splitlines():
        for ev in json.loads(line)["evidence"]:
            assert text[ev["start"] : ev["end"]] == ev["text"]
    for ent in json.loads(ents.read_text(encoding="utf-8"))["entities"]:
        assert text[ent["start"] : ent["end"]] == ent["text"]


def test_extract_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "r.jsonl"
    out.write_text("keep\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(SEED), "-o", str(out)])
    assert result.exit_code == 2
    assert "--force" in result.output
    assert out.read_text(encoding="utf-8") == "keep\n"


def test_extract_reports_bad_input_and_exits_1(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "ok", "text": "NASA and ESA signed an agreement on Monday."})
        + "\n{oops\n",
        encoding="utf-8",
    )
    out, errs = tmp_path / "r.jsonl", tmp_path / "err.jsonl"
    result = runner.invoke(app, ["extract", str(feed), "-o", str(out), "--errors", str(errs)])
    assert result.exit_code == 1
    assert f"{feed}:2" in result.output
    error = json.loads(errs.read_text(encoding="utf-8"))
    assert error["line"] == 2 and error["level"] == "error"
    assert [json.loads(x)["article_id"] for x in out.read_text(encoding="utf-8").splitlines()] == [
        "ok"
    ]


def test_schema_command_prints_json_schema() -> None:
    result = runner.invoke(app, ["schema", "record"])
    assert result.exit_code == 0
    assert json.loads(result.output) == Record.model_json_schema()


def test_installed_command_runs_as_subprocess(tmp_path: Path) -> None:
    exe = str(Path(sys.executable).parent / "spacecoop")
    assert Path(exe).exists(), "the console script is not installed"
    feed = json.dumps(
        {
            "id": "s1",
            "text": "JAXA and ESA signed a joint statement on Nov. 20.",
            "published": "2024-11-22",
        }
    )
    done = subprocess.run(
        [exe, "extract", "-", "-o", "-", "--quiet"],
        input=feed,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout.splitlines()[0])
    assert {p["id"] for p in record["partners"]} == {"ESA", "JAXA"}
    assert record["status"] == "signed" and record["date"] == "2024-11-20"


def test_evaluate_json_and_min_f1(tmp_path: Path) -> None:
    gold = CORPUS / "gold" / "records.jsonl"
    pred = tmp_path / "pred.jsonl"
    lines = gold.read_text(encoding="utf-8").splitlines()
    pred.write_text("\n".join(lines[: len(lines) // 2]) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "--gold", str(gold), "--pred", str(pred), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"dev", "test"}
    strict = data["dev"]["records"]["strict"]
    assert strict["p"] == 1.0 and 0 < strict["r"] < 1  # half the gold, all correct
    kinds = {e["kind"] for split in data.values() for e in split["errors"]}
    assert kinds == {"missed"}
    failed = runner.invoke(
        app, ["evaluate", "--gold", str(gold), "--pred", str(pred), "--min-f1", "0.99"]
    )
    assert failed.exit_code == 1
    report = runner.invoke(app, ["evaluate", "--gold", str(gold), "--pred", str(pred)])
    assert "missed" in report.output and "status confusion" in report.output


def test_patterns_commands(tmp_path: Path) -> None:
    assert runner.invoke(app, ["patterns", "check"]).exit_code == 0
    stats = runner.invoke(app, ["patterns", "stats", "--json"])
    assert stats.exit_code == 0
    assert json.loads(stats.output)["missions"] >= 1000


def test_explain_traces_sentences() -> None:
    result = runner.invoke(app, ["explain", str(SEED), "--published", "2024-11-22"])
    assert result.exit_code == 0, result.output
    assert "signed.sign" in result.output and "(skipped: bio)" in result.output
    assert "ESA+JAXA / LUPEX" not in result.output and "ISRO+JAXA / LUPEX" in result.output
    # each partner set's candidate missions, scored, kept or dropped; "*" marks the rules' choice
    assert "mission choice (threshold" in result.output and "+LUPEX* " in result.output
    bad = runner.invoke(app, ["explain", str(SEED), "--published", "22/11/2024"])
    assert bad.exit_code == 2


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    """On a terminal, extract shows a progress bar with articles/s; it must not crash."""
    import os
    import pty

    exe = str(Path(sys.executable).parent / "spacecoop")
    primary, secondary = pty.openpty()
    proc = subprocess.Popen(
        [exe, "extract", str(SEED), "-o", str(tmp_path / "r.jsonl"), "-q"],
        stdin=subprocess.DEVNULL,
        stdout=secondary,
        stderr=secondary,
    )
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(primary)
    assert proc.wait(timeout=300) == 0
    screen = b"".join(chunks).decode("utf-8", "replace")
    assert "articles/s" in screen and "1/1" in screen
