"""Check one annotator's staging folder (never runs the extractor).

usage: .venv/bin/python scripts/annotation/check.py STAGING_FOLDER

Folder layout:
  articles/<id>.txt       the article text (UTF-8, no title line; headings inside allowed)
  metadata.jsonl          one line per article: id,title,published,published_approximate,source,url,event,split
  records.jsonl           gold records, the contract's record format (record_id computed, see below)
  entities.jsonl          gold entity spans, one line per article: {"article_id", "entities": [...]}
  orgs.csv                proposed gazetteer rows for organisations not in the gazetteer (header:
                          id,name,kind,country,aliases,wikidata); may be empty but must exist
  missions.csv            proposed rows for missions not in the gazetteer (header:
                          id,name,type,operators,launch_year,aliases,context_required)
  notes.md                judgement calls the guidelines leave open
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
from pydantic import ValidationError  # noqa: E402

from spacecoop.gazetteer import norm_key  # noqa: E402
from spacecoop.patterns import load_lexicon  # noqa: E402
from spacecoop.records import record_id  # noqa: E402
from spacecoop.schema import ArticleEntities, Record  # noqa: E402

ORG_LABELS = {"AGENCY", "COMPANY", "INSTITUTION", "GOVERNMENT"}
KIND_OF_LABEL = {
    "AGENCY": {"agency", "intergovernmental"},
    "COMPANY": {"company"},
    "INSTITUTION": {"institution"},
    "GOVERNMENT": {"government"},
}
META_KEYS = {"id", "title", "published", "published_approximate", "source", "url", "event", "split"}
ORG_HEADER = ["id", "name", "kind", "country", "aliases", "wikidata"]
MISSION_HEADER = ["id", "name", "type", "operators", "launch_year", "aliases", "context_required"]
MISSION_TYPES = {"mission", "spacecraft", "programme", "station", "instrument", "facility"}


def _parsed(path, model, articles, err):
    """(file:line, validated line) for each line of a JSONL file that parses, names a known
    article and validates; the others are reported through ``err``."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path.name}:{n}"
        try:
            item = model.model_validate_json(line)
        except ValidationError as e:
            err(f"{where}: {e}")
            continue
        if item.article_id not in articles:
            err(f"{where}: unknown article {item.article_id}")
            continue
        yield where, item


def main(folder: Path) -> int:
    errors: list[str] = []
    err = errors.append
    lex = load_lexicon(ROOT / "patterns")
    orgs = {k.casefold(): v.kind for k, v in lex.orgs.items()}
    missions = {norm_key(k) for k in lex.missions}
    # proposed rows
    for name, header in (("orgs.csv", ORG_HEADER), ("missions.csv", MISSION_HEADER)):
        path = folder / name
        if not path.exists():
            err(f"{name}: missing (write the header line even when empty)")
            continue
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            rows = list(reader)
        if not rows or rows[0] != header:
            err(f"{name}: first line must be {','.join(header)}")
            continue
        for n, row in enumerate(rows[1:], start=2):
            if not row:
                continue
            if len(row) != len(header):
                err(f"{name}:{n}: {len(row)} columns, expected {len(header)}")
                continue
            d = dict(zip(header, row, strict=True))
            if name == "orgs.csv":
                if d["kind"] not in {
                    "agency",
                    "intergovernmental",
                    "company",
                    "institution",
                    "government",
                }:
                    err(f"{name}:{n}: bad kind {d['kind']!r}")
                if d["id"].casefold() in orgs:
                    err(f"{name}:{n}: id {d['id']!r} already in the gazetteer (use it)")
                orgs[d["id"].casefold()] = d["kind"]
            else:
                if d["type"] not in MISSION_TYPES:
                    err(f"{name}:{n}: type {d['type']!r} not one of {sorted(MISSION_TYPES)}")
                if norm_key(d["id"]) in missions:
                    err(f"{name}:{n}: id {d['id']!r} already in the gazetteer (use it)")
                missions.add(norm_key(d["id"]))
    # metadata and texts
    meta = {}
    for n, line in enumerate(
        (folder / "metadata.jsonl").read_text(encoding="utf-8").splitlines(), 1
    ):
        if not line.strip():
            continue
        row = json.loads(line)
        if set(row) != META_KEYS:
            err(f"metadata.jsonl:{n}: keys {sorted(row)} != {sorted(META_KEYS)}")
        if row.get("split") not in {"dev", "test"}:
            err(f"metadata.jsonl:{n}: split must be dev or test")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(row.get("published"))):
            err(f"metadata.jsonl:{n}: published must be YYYY-MM-DD")
        meta[row["id"]] = row
    texts = {}
    for path in sorted((folder / "articles").glob("*.txt")):
        texts[path.stem] = path.read_text(encoding="utf-8")
    if set(texts) != set(meta):
        err(f"articles and metadata ids differ: {sorted(set(texts) ^ set(meta))}")
    for aid, text in texts.items():
        words = len(text.split())
        if not 150 <= words <= 900:
            err(f"articles/{aid}.txt: {words} words, must be 150-900")
        if text != text.strip() + "\n" and text != text.strip():
            err(f"articles/{aid}.txt: leading/trailing blank lines")
    # records
    seen = set()
    counts = {a: 0 for a in texts}
    for where, r in _parsed(folder / "records.jsonl", Record, set(texts), err):
        counts[r.article_id] += 1
        want = record_id(r.article_id, [p.id for p in r.partners], r.mission and r.mission.id)
        if r.record_id != want:
            err(f"{where}: record_id should be {want}")
        key = (
            r.article_id,
            frozenset(p.id.casefold() for p in r.partners),
            r.mission and norm_key(r.mission.id),
        )
        if key in seen:
            err(f"{where}: duplicate identity")
        seen.add(key)
        for p in r.partners:
            kind = orgs.get(p.id.casefold())
            if kind is None:
                err(f"{where}: partner {p.id!r} not in the gazetteer nor in orgs.csv")
            elif kind != p.kind:
                err(f"{where}: partner {p.id!r} kind {p.kind!r}, gazetteer says {kind!r}")
        if r.mission and norm_key(r.mission.id) not in missions:
            err(f"{where}: mission {r.mission.id!r} not in the gazetteer nor in missions.csv")
        text = texts[r.article_id]
        for ev in r.evidence:
            if text[ev.start : ev.end] != ev.text:
                err(f"{where}: evidence text differs from article[{ev.start}:{ev.end}]")
                continue
            if ev.text != ev.text.strip():
                err(f"{where}: evidence has surrounding white space")
            if ev.text.rstrip("\"”’'")[-1:] not in ".!?":
                err(
                    f"{where}: evidence does not end at a sentence's final punctuation: ...{ev.text[-30:]!r}"
                )
            if ev.start > 0 and not text[ev.start - 1].isspace():
                err(
                    f"{where}: evidence does not start at a sentence start: {text[max(0, ev.start - 20) : ev.start + 10]!r}"
                )
    # entities
    ents_seen = set()
    for where, a in _parsed(folder / "entities.jsonl", ArticleEntities, set(texts), err):
        ents_seen.add(a.article_id)
        end = -1
        for e in a.entities:
            if texts[a.article_id][e.start : e.end] != e.text:
                err(
                    f"{where}: span {e.start}-{e.end} is {texts[a.article_id][e.start : e.end]!r}, not {e.text!r}"
                )
            if e.start < end:
                err(f"{where}: spans overlap or are not sorted at {e.start}")
            end = e.end
            if e.label in ORG_LABELS:
                kind = orgs.get((e.id or "").casefold())
                if kind is None:
                    err(f"{where}: {e.text!r} id {e.id!r} not in the gazetteer nor orgs.csv")
                elif kind not in KIND_OF_LABEL[e.label]:
                    err(f"{where}: {e.text!r} label {e.label} but kind {kind}")
            elif e.label == "MISSION":
                if not e.id or norm_key(e.id) not in missions:
                    err(
                        f"{where}: mission {e.text!r} id {e.id!r} not in the gazetteer nor missions.csv"
                    )
            elif e.label == "DATE" and e.id is not None:
                err(f"{where}: DATE spans have id null")
            elif e.label == "ORG":
                err(f"{where}: use AGENCY/COMPANY/INSTITUTION/GOVERNMENT, not ORG")
    if ents_seen != set(texts):
        err(f"entities.jsonl: articles without a line: {sorted(set(texts) - ents_seen)}")
    if not (folder / "notes.md").exists():
        err("notes.md: missing")
    for e in errors:
        print("ERROR", e)
    print(
        f"{len(texts)} articles, {sum(counts.values())} records "
        f"({', '.join(f'{a}: {c}' for a, c in sorted(counts.items()))}), {len(errors)} errors"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
