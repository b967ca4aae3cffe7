"""Reading articles from files, folders and JSON Lines, and writing outputs atomically.

Every input problem becomes an :class:`~spacecoop.schema.ErrorLine` naming the file, the line and
the reason, and reading goes on with the next article: one bad line never stops a batch.
"""

from __future__ import annotations

import codecs
import contextlib
import html
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from pydantic import ValidationError

from .schema import Article, ErrorLine

_TAG = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?|!--.*?--)>", re.DOTALL)
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|h[1-6]|li|ul|ol|article|section|header|footer|tr|table)\b[^>]*>", re.I
)
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.DOTALL)
INPUT_SUFFIXES = (".txt", ".jsonl")


@dataclass
class Item:
    """An article read from an input, or the error that stopped it, plus repair warnings."""

    article: Article | None
    error: ErrorLine | None = None
    warnings: list[ErrorLine] = field(default_factory=list)
    source: str = ""
    line: int | None = None


def _error(source: str, line: int | None, article_id: str | None, reason: str) -> ErrorLine:
    return ErrorLine(level="error", source=source, line=line, article_id=article_id, reason=reason)


def _warning(source: str, line: int | None, article_id: str | None, reason: str) -> ErrorLine:
    return ErrorLine(
        level="warning", source=source, line=line, article_id=article_id, reason=reason
    )


def decode_bytes(data: bytes) -> tuple[str, list[str]]:
    """Decode an article file: UTF-8, with a UTF-8 BOM or as UTF-16 with a BOM.

    Returns the text and the repairs made. Raises ``ValueError`` for binary data or bytes that are
    not valid UTF-8.
    """
    repairs: list[str] = []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16")
        repairs.append("decoded as UTF-16 (byte order mark)")
    else:
        if data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8) :]
            repairs.append("removed UTF-8 byte order mark")
        if b"\x00" in data:
            raise ValueError("binary data (NUL bytes), not a text article")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            raise ValueError(f"invalid UTF-8 at byte {err.start}") from None
    return text, repairs


def clean_text(text: str) -> tuple[str, list[str]]:
    """Normalise line ends and strip HTML markup; offsets refer to the cleaned text."""
    repairs: list[str] = []
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        repairs.append("normalised CRLF line ends to LF")
    if "\x00" in text:
        raise ValueError("binary data (NUL characters), not a text article")
    if _TAG.search(text):
        text = _SCRIPT.sub("", text)
        text = _BLOCK_TAG.sub("\n\n", text)
        text = html.unescape(_TAG.sub("", text))
        text = re.sub(r"[ \t]+\n", "\n", text)
        text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
        repairs.append("removed HTML markup")
    return text, repairs


def _article(source: str, line: int | None, payload: dict[str, object], repairs: list[str]) -> Item:
    raw_id = payload.get("id")
    article_id = raw_id if isinstance(raw_id, str) else None
    if "text" not in payload:
        return Item(None, _error(source, line, article_id, "missing field 'text'"))
    if not isinstance(payload["text"], str):
        kind = type(payload["text"]).__name__
        return Item(None, _error(source, line, article_id, f"'text' must be a string, got {kind}"))
    try:
        text, more = clean_text(payload["text"])
    except ValueError as err:
        return Item(None, _error(source, line, article_id, str(err)))
    repairs = repairs + more
    try:
        article = Article.model_validate({**payload, "text": text})
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "article"
        return Item(None, _error(source, line, article_id, f"{where}: {first['msg']}"))
    warnings = [_warning(source, line, article.id, r) for r in repairs]
    return Item(article, None, warnings, source, line)


def read_txt(path: Path, metadata: dict[str, dict[str, object]] | None = None) -> Item:
    """One ``.txt`` article; its id is the file stem, its metadata from ``metadata`` if given."""
    source = str(path)
    try:
        text, repairs = decode_bytes(path.read_bytes())
    except (OSError, ValueError) as err:
        return Item(None, _error(source, None, path.stem, str(err)))
    meta = dict((metadata or {}).get(path.stem, {}))
    meta.pop("text", None)
    return _article(source, None, {**meta, "id": path.stem, "text": text}, repairs)


def read_jsonl(handle: IO[bytes], source: str) -> Iterator[Item]:
    """Articles from a JSON Lines stream: one object a line with ``id`` and ``text``."""
    for number, raw in enumerate(handle, start=1):
        if not raw.strip():
            continue
        try:
            line, repairs = decode_bytes(raw)
            payload = json.loads(line)
        except ValueError as err:
            yield Item(None, _error(source, number, None, f"malformed JSON line: {err}"))
            continue
        if not isinstance(payload, dict):
            kind = type(payload).__name__
            yield Item(None, _error(source, number, None, f"expected a JSON object, got {kind}"))
            continue
        if not isinstance(payload.get("id"), str) or not payload["id"].strip():
            yield Item(None, _error(source, number, None, "missing or non-string 'id'"))
            continue
        yield _article(source, number, payload, repairs)


def expand_inputs(inputs: Iterable[str]) -> list[str]:
    """Files to read, in order: folders expand to their ``.txt``/``.jsonl`` files, sorted."""
    out: list[str] = []
    for name in inputs:
        path = Path(name)
        if name == "-" or not path.is_dir():
            out.append(name)
            continue
        out.extend(
            str(p) for p in sorted(path.rglob("*")) if p.is_file() and p.suffix in INPUT_SUFFIXES
        )
    return out


def iter_items(
    inputs: Iterable[str], metadata: dict[str, dict[str, object]] | None = None
) -> Iterator[Item]:
    """Read every input in order; duplicate article ids become errors after the first."""
    seen: dict[str, str] = {}
    for name in expand_inputs(inputs):
        for item in _iter_one(name, metadata):
            article = item.article
            if article is not None:
                where = name + (f":{item.line}" if item.line else "")
                if article.id in seen:
                    reason = f"duplicate id {article.id!r} (first in {seen[article.id]})"
                    yield Item(
                        None, _error(name, item.line, article.id, reason), [], name, item.line
                    )
                    continue
                seen[article.id] = where
            yield item


def _iter_one(name: str, metadata: dict[str, dict[str, object]] | None) -> Iterator[Item]:
    if name == "-":
        yield from read_jsonl(sys.stdin.buffer, "-")
        return
    path = Path(name)
    if not path.exists():
        yield Item(None, _error(name, None, None, "no such file or folder"))
        return
    if path.suffix == ".jsonl":
        try:
            with path.open("rb") as handle:
                yield from read_jsonl(handle, name)
        except OSError as err:
            yield Item(None, _error(name, None, None, f"cannot read: {err.strerror}"))
        return
    if path.suffix == ".txt":
        yield read_txt(path, metadata)
        return
    yield Item(
        None, _error(name, None, None, "unsupported input: expected .txt, .jsonl, a folder or -")
    )


def read_metadata(path: Path) -> dict[str, dict[str, object]]:
    """Article metadata by id from a JSON Lines file (``id`` plus any article fields)."""
    out: dict[str, dict[str, object]] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                raise ValueError(f"{path}:{number}: malformed JSON: {err.msg}") from None
            if not isinstance(row, dict) or not isinstance(row.get("id"), str):
                raise ValueError(f"{path}:{number}: expected an object with a string 'id'")
            out[row["id"]] = row
    return out


@contextlib.contextmanager
def atomic_writer(target: str | Path) -> Iterator[IO[str]]:
    """Write a text file atomically: to a temporary file beside it, renamed when complete.

    ``-`` writes to standard output. If the block raises, the target is left untouched.
    """
    if str(target) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600; outputs get the usual permissions
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
