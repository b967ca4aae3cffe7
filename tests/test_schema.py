"""The JSON Schemas: the committed copies match the models; emitted lines validate."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from spacecoop.schema import Article, ArticleEntities, ErrorLine, Record

SCHEMAS = Path(__file__).parent.parent / "docs" / "schema"
MODELS = {"record": Record, "entities": ArticleEntities, "errors": ErrorLine, "article": Article}


@pytest.mark.parametrize("name", sorted(MODELS))
def test_committed_schema_is_current(name: str) -> None:
    committed = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert committed == MODELS[name].model_json_schema(), (
        f"run: spacecoop schema {name} > docs/schema/{name}.schema.json"
    )


def test_schema_rejects_bad_records() -> None:
    schema = Record.model_json_schema()
    good = {
        "record_id": "0123456789abcdef",
        "article_id": "a",
        "partners": [
            {"id": "ESA", "name": "ESA", "kind": "intergovernmental"},
            {"id": "JAXA", "name": "JAXA", "kind": "agency"},
        ],
        "mission": None,
        "status": "signed",
        "date": "2024-11-20",
        "evidence": [{"text": "x", "start": 0, "end": 1}],
        "rules": [],
    }
    jsonschema.validate(good, schema)
    for bad in (
        {**good, "status": "agreed"},
        {**good, "partners": good["partners"][:1]},
        {**good, "extra": 1},
        {**good, "date": "20 Nov"},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)


def validate_lines(path: Path, model: type) -> int:  # type: ignore[type-arg]
    """Validate every line of a JSONL output against the exported schema; return the count."""
    schema = model.model_json_schema()
    n = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        jsonschema.validate(json.loads(line), schema)
        n += 1
    return n
