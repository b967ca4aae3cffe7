"""Pydantic models for everything spacecoop reads or writes: articles, records, entities.

These models are the public contract of the JSON Lines outputs. Records are strict
(``extra="forbid"``) and frozen; they are built in one place, :mod:`spacecoop.records`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

PartnerKind = Literal["agency", "intergovernmental", "company", "institution", "government"]
Status = Literal["signed", "active", "completed", "terminated", "planned", "proposed"]
EntityLabel = Literal["AGENCY", "COMPANY", "INSTITUTION", "GOVERNMENT", "MISSION", "DATE", "ORG"]

#: Status strength, strongest first, as the annotation guideline orders it.
STATUS_ORDER: tuple[Status, ...] = (
    "signed",
    "active",
    "completed",
    "terminated",
    "planned",
    "proposed",
)

_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _check_partial_date(value: str | None) -> str | None:
    if value is None:
        return None
    if not _PARTIAL_DATE.match(value):
        raise ValueError(f"date must be YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as err:
        raise ValueError(f"not a calendar date: {value!r}") from err
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Partner(_Strict):
    """An organisation taking part in a cooperation."""

    id: str = Field(min_length=1, description="Canonical gazetteer id (ISO code for governments).")
    name: str = Field(min_length=1, description="Display name.")
    kind: PartnerKind


class Mission(_Strict):
    """The named mission, spacecraft, programme, station or facility a cooperation is about."""

    id: str = Field(min_length=1, description="Canonical gazetteer name.")
    name: str = Field(min_length=1)


class Evidence(_Strict):
    """A sentence of the article supporting a record; ``text == article[start:end]``."""

    text: str = Field(min_length=1)
    start: int = Field(ge=0)
    end: int = Field(gt=0)

    @model_validator(mode="after")
    def _span_length(self) -> Evidence:
        if self.end - self.start != len(self.text):
            raise ValueError("evidence end - start must equal len(text)")
        return self


class Record(_Strict):
    """One cooperation record: partners, mission, status, date and evidence."""

    record_id: str = Field(pattern=r"^[0-9a-f]{16}$", description="Hash of the record identity.")
    article_id: str = Field(min_length=1)
    partners: list[Partner] = Field(min_length=2)
    mission: Mission | None
    status: Status
    date: str | None = Field(
        pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="YYYY, YYYY-MM or YYYY-MM-DD, or null."
    )
    evidence: list[Evidence] = Field(min_length=1)
    rules: list[str] = Field(default_factory=list, description="Ids of the rules that fired.")

    @field_validator("date")
    @classmethod
    def _date(cls, value: str | None) -> str | None:
        return _check_partial_date(value)

    @field_validator("partners")
    @classmethod
    def _partners_sorted_unique(cls, value: list[Partner]) -> list[Partner]:
        keys = [p.id.casefold() for p in value]
        if len(set(keys)) != len(keys):
            raise ValueError("partners must be unique")
        if keys != sorted(keys):
            raise ValueError("partners must be sorted by id")
        return value


class Entity(_Strict):
    """An entity mention with character offsets into the article text."""

    text: str
    label: EntityLabel
    start: int = Field(ge=0)
    end: int = Field(gt=0)
    id: str | None = None


class ArticleEntities(_Strict):
    """One line of the entities output: an article's entity mentions."""

    article_id: str
    entities: list[Entity]


class Article(BaseModel):
    """An input article. ``published`` anchors relative dates."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str = Field(min_length=1)
    text: str
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    source: str | None = None

    @field_validator("text")
    @classmethod
    def _text_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is empty or whitespace only")
        return value


class ErrorLine(_Strict):
    """One line of the errors output: an input rejected (``error``) or repaired (``warning``)."""

    level: Literal["error", "warning"] = Field(
        description="error: the article was not processed; warning: processed after a repair."
    )
    source: str = Field(description="File the input came from ('-' for stdin).")
    line: int | None = Field(description="1-based line in a JSONL input, null for a .txt file.")
    article_id: str | None
    reason: str
