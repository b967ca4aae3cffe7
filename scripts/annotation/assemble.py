"""Add checked annotator folders to the corpus and their proposed rows to the gazetteer.

usage: .venv/bin/python scripts/annotation/assemble.py [--corpus-only | --gazetteer-only] FOLDER...

Each FOLDER has the layout ``check.py`` checks (run it first: this script trusts the format).
Articles, metadata, gold records and gold entity spans are appended to ``corpus/``, in the order
of the folders and, within one, of its metadata file. Proposed organisation rows go to
``patterns/gazetteer/agencies.csv`` (agencies and intergovernmental organisations) or
``companies.csv`` (companies and institutions), mission rows to ``missions_world.csv``; a row
whose id (case-insensitive) is already in the gazetteer, or proposed twice, is skipped and
reported. Regenerate the pattern files afterwards: ``spacecoop patterns build``.

``--corpus-only`` leaves the gazetteer alone (to score a batch on arrival with the gazetteer it
was written against); ``--gazetteer-only`` adds only the rows.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
GAZETTEER = ROOT / "patterns" / "gazetteer"
AGENCY_KINDS = {"agency", "intergovernmental"}


def _lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _append(path: Path, lines: list[str]) -> None:
    text = path.read_text(encoding="utf-8")
    if text and not text.endswith("\n"):
        text += "\n"
    path.write_text(text + "".join(line + "\n" for line in lines), encoding="utf-8")


def add_corpus(folder: Path) -> int:
    """Append one folder's articles and gold files to the corpus; the number of articles."""
    meta = [json.loads(line) for line in _lines(folder / "metadata.jsonl")]
    existing = {json.loads(line)["id"] for line in _lines(CORPUS / "metadata.jsonl")}
    clash = [m["id"] for m in meta if m["id"] in existing]
    if clash:
        raise SystemExit(f"{folder}: ids already in the corpus: {', '.join(clash)}")
    for m in meta:
        shutil.copyfile(
            folder / "articles" / f"{m['id']}.txt", CORPUS / "articles" / f"{m['id']}.txt"
        )
    order = {m["id"]: i for i, m in enumerate(meta)}
    records = [json.loads(line) for line in _lines(folder / "records.jsonl")]
    records.sort(key=lambda r: order[r["article_id"]])  # stable: the annotator's order within
    entities = [json.loads(line) for line in _lines(folder / "entities.jsonl")]
    entities.sort(key=lambda e: order[e["article_id"]])
    _append(CORPUS / "metadata.jsonl", [json.dumps(m, ensure_ascii=False) for m in meta])
    _append(CORPUS / "gold" / "records.jsonl", [json.dumps(r, ensure_ascii=False) for r in records])
    _append(
        CORPUS / "gold" / "entities.jsonl", [json.dumps(e, ensure_ascii=False) for e in entities]
    )
    return len(meta)


def _known_ids() -> set[str]:
    known: set[str] = set()
    for path in GAZETTEER.glob("*.csv"):
        if path.name == "shared_aliases.csv":
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            known.update(row["id"].casefold() for row in csv.DictReader(handle))
    return known


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write_rows(path: Path, rows: list[dict[str, str]]) -> None:
    if not rows:
        return
    header, _ = _rows(path)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    for row in rows:
        writer.writerow({k: row.get(k, "") for k in header})
    _append(path, buffer.getvalue().splitlines())


def add_gazetteer(folders: list[Path]) -> None:
    """Append the folders' proposed rows, skipping ids the gazetteer (or an earlier row) has."""
    known = _known_ids()
    targets: dict[Path, list[dict[str, str]]] = {}
    for folder in folders:
        for name in ("orgs.csv", "missions.csv"):
            _, rows = _rows(folder / name)
            for row in rows:
                key = row["id"].casefold()
                if key in known:
                    print(f"skipped {folder / name}: {row['id']} (already in the gazetteer)")
                    continue
                known.add(key)
                if name == "missions.csv":
                    target = GAZETTEER / "missions_world.csv"
                elif row["kind"] in AGENCY_KINDS:
                    target = GAZETTEER / "agencies.csv"
                else:
                    target = GAZETTEER / "companies.csv"
                targets.setdefault(target, []).append(row)
    for target, rows in targets.items():
        _write_rows(target, rows)
        print(f"{target.relative_to(ROOT)}: {len(rows)} rows added")


def main(argv: list[str]) -> int:
    flags = {a for a in argv if a.startswith("--")}
    folders = [Path(a) for a in argv if not a.startswith("--")]
    if not folders or flags - {"--corpus-only", "--gazetteer-only"}:
        print(__doc__, file=sys.stderr)
        return 2
    if "--gazetteer-only" not in flags:
        total = sum(add_corpus(folder) for folder in folders)
        print(f"corpus: {total} articles added")
    if "--corpus-only" not in flags:
        add_gazetteer(folders)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
