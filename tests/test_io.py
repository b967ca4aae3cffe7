"""Reading inputs: every bad input gets one clear error, good ones go through; atomic writes."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from spacecoop.io import atomic_writer, iter_items


def _reasons(items: list) -> list[str]:  # type: ignore[type-arg]
    return [i.error.reason for i in items if i.error]


def test_txt_variants(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("NASA and ESA signed a deal.\n", encoding="utf-8")
    (tmp_path / "bom.txt").write_bytes(codecs.BOM_UTF8 + b"NASA and ESA signed a deal.\n")
    (tmp_path / "crlf.txt").write_bytes(b"NASA and ESA\r\nsigned a deal.\r\n")
    (tmp_path / "utf16.txt").write_bytes("NASA and ESA signed.".encode("utf-16"))
    (tmp_path / "html.txt").write_text("<p>NASA and <b>ESA</b> signed.</p>", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n\t\n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff")
    (tmp_path / "latin1.txt").write_bytes("Agência Espacial".encode("latin-1"))
    items = {
        i.article.id if i.article else i.error.article_id: i for i in iter_items([str(tmp_path)])
    }
    assert items["good"].article is not None and not items["good"].warnings
    assert items["bom"].article.text.startswith("NASA")
    assert items["crlf"].article.text == "NASA and ESA\nsigned a deal.\n"
    assert items["utf16"].article.text == "NASA and ESA signed."
    assert "<" not in items["html"].article.text and "ESA" in items["html"].article.text
    for name in ("bom", "crlf", "utf16", "html"):
        assert len(items[name].warnings) == 1, name
    assert "empty or whitespace" in items["empty"].error.reason
    assert "binary" in items["binary"].error.reason
    assert "invalid UTF-8" in items["latin1"].error.reason
    assert items["latin1"].error.source.endswith("latin1.txt")


def test_jsonl_errors_name_line_and_reason(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": "NASA and ESA signed."}),
        "{not json",
        json.dumps(["a list"]),
        json.dumps({"id": "b"}),
        json.dumps({"id": "c", "text": 42}),
        json.dumps({"id": "d", "text": "ok", "published": "2024-13-40"}),
        json.dumps({"id": "a", "text": "duplicate"}),
        json.dumps({"text": "no id"}),
        json.dumps({"id": "e", "text": "fine", "published": "2024-11-22"}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_items([str(path)]))
    good = [i.article.id for i in items if i.article]
    assert good == ["a", "e"]
    errors = [(i.error.line, i.error.reason) for i in items if i.error]
    assert [line for line, _ in errors] == [2, 3, 4, 5, 6, 7, 8]
    reasons = " | ".join(r for _, r in errors)
    for fragment in (
        "malformed JSON",
        "expected a JSON object",
        "missing field 'text'",
        "'text' must be a string",
        "published",
        "duplicate id 'a'",
        "'id'",
    ):
        assert fragment in reasons


def test_duplicate_ids_across_inputs(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("text", encoding="utf-8")
    feed = tmp_path / "more.jsonl"
    feed.write_text(json.dumps({"id": "x", "text": "again"}) + "\n", encoding="utf-8")
    items = list(iter_items([str(tmp_path / "x.txt"), str(feed)]))
    assert items[0].article is not None
    assert items[1].error is not None and "duplicate id 'x'" in items[1].error.reason


def test_missing_input_is_an_error_not_a_crash(tmp_path: Path) -> None:
    items = list(iter_items([str(tmp_path / "nope.txt")]))
    assert items[0].error is not None and "no such file" in items[0].error.reason


def test_atomic_writer_keeps_previous_output_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("previous\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_writer(target) as handle:
        handle.write("partial")
        raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert list(tmp_path.iterdir()) == [target]
    with atomic_writer(target) as handle:
        handle.write("new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
