"""The gazetteer: organisation and mission tables, read and validated with pydantic.

Tables live in ``patterns/gazetteer/``: organisation tables (the hand-kept ``agencies.csv``,
``companies.csv``, ``governments.csv``, and ``gcat_orgs.csv`` when present, written from GCAT by
:mod:`spacecoop.gcat`; columns ``id,name,kind,country,aliases,wikidata``), mission tables
(``missions*.csv``; columns ``id,name,type,operators,launch_year,aliases,context_required``) and
``shared_aliases.csv`` (``alias,default_id,note``), the rule for an alias two entities claim.
Every problem is a :class:`GazetteerError` naming the file and row.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

OrgKind = Literal["agency", "intergovernmental", "company", "institution", "government"]
#: A ``vehicle`` is a reusable craft flown on numbered flights (a shuttle orbiter): it is tagged
#: as a mission, but a record names the flight ("STS-107"), never the vehicle.
MissionType = Literal[
    "mission", "spacecraft", "programme", "station", "instrument", "facility", "vehicle"
]

ORG_COLUMNS = ["id", "name", "kind", "country", "aliases", "wikidata"]
MISSION_COLUMNS = ["id", "name", "type", "operators", "launch_year", "aliases", "context_required"]
SHARED_COLUMNS = ["alias", "default_id", "note"]

_NORM = re.compile(r"[\W_]+", re.UNICODE)


def norm_key(value: str) -> str:
    """Comparison key for ids: case-insensitive, ignoring punctuation and spaces."""
    return _NORM.sub("", value.replace("’", "'")).casefold()


class GazetteerError(ValueError):
    """A gazetteer table is malformed; the message names the file and row."""


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class OrgRow(_Row):
    """One organisation: an agency, company, institution or government."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    kind: OrgKind
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    aliases: tuple[str, ...] = ()
    wikidata: str | None = Field(default=None, pattern=r"^Q[1-9][0-9]*$")

    @field_validator("country", "wikidata", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("aliases", mode="before")
    @classmethod
    def _aliases(cls, value: object) -> object:
        return tuple(_split(value)) if isinstance(value, str) else value

    @property
    def surface_forms(self) -> list[str]:
        """The id, name and aliases, de-duplicated, in table order."""
        return list(dict.fromkeys([self.id, self.name, *self.aliases]))


class MissionRow(_Row):
    """One mission, spacecraft, programme, station, instrument, facility or vehicle."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    type: MissionType
    operators: tuple[str, ...] = ()
    launch_year: int | None = Field(default=None, ge=1950, le=2060)
    aliases: tuple[str, ...] = ()
    context_required: bool = False

    @field_validator("launch_year", mode="before")
    @classmethod
    def _year(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("operators", "aliases", mode="before")
    @classmethod
    def _lists(cls, value: object) -> object:
        return tuple(_split(value)) if isinstance(value, str) else value

    @field_validator("context_required", mode="before")
    @classmethod
    def _flag(cls, value: object) -> object:
        if isinstance(value, str):
            lowered = value.strip().lower()
            if lowered not in {"true", "false", ""}:
                raise ValueError("context_required must be true or false")
            return lowered == "true"
        return value

    @property
    def surface_forms(self) -> list[str]:
        """The id, name and aliases, de-duplicated, in table order."""
        return list(dict.fromkeys([self.id, self.name, *self.aliases]))


class SharedAlias(_Row):
    """The rule for an alias claimed by several entities: which one it means by default."""

    alias: str = Field(min_length=1)
    default_id: str = Field(min_length=1)
    note: str = ""


@dataclass
class Gazetteer:
    """All gazetteer tables, validated and indexed."""

    orgs: list[OrgRow] = field(default_factory=list)
    missions: list[MissionRow] = field(default_factory=list)
    shared: list[SharedAlias] = field(default_factory=list)
    sources: list[Path] = field(default_factory=list)


#: organisations imported from GCAT (Jonathan McDowell, GCAT, https://planet4589.org, CC-BY)
GCAT_TABLE = "gcat_orgs.csv"


def _read_csv(path: Path, columns: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != columns:
            raise GazetteerError(
                f"{path}: header must be {','.join(columns)}, got {reader.fieldnames}"
            )
        for row in reader:
            if None in row or any(v is None for v in row.values()):
                raise GazetteerError(f"{path}:{reader.line_num}: wrong number of fields")
            yield reader.line_num, row


_RowT = TypeVar("_RowT", bound="_Row")


def _parse(model: type[_RowT], path: Path, line: int, row: dict[str, str]) -> _RowT:
    try:
        return model.model_validate(row)
    except ValidationError as err:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'row'}: {e['msg']}" for e in err.errors()
        )
        raise GazetteerError(f"{path}:{line}: {problems}") from None


def load_gazetteer(directory: Path) -> Gazetteer:
    """Read and validate every table in ``directory`` (``patterns/gazetteer``).

    Raises:
        GazetteerError: on any malformed row, duplicate id, unknown country or operator, or an
            alias claimed by two entities without a rule in ``shared_aliases.csv``.
    """
    gaz = Gazetteer()
    origin: dict[int, str] = {}
    org_files = [directory / n for n in ("governments.csv", "agencies.csv", "companies.csv")]
    for path in org_files:
        if not path.exists():
            raise GazetteerError(f"{path}: missing organisation table")
    if (directory / GCAT_TABLE).exists():  # written by `spacecoop patterns import-gcat`
        org_files.append(directory / GCAT_TABLE)
    for path in org_files:
        gaz.sources.append(path)
        for line, row in _read_csv(path, ORG_COLUMNS):
            org = _parse(OrgRow, path, line, row)
            origin[id(org)] = f"{path}:{line}"
            gaz.orgs.append(org)
    for path in sorted(directory.glob("missions*.csv")):
        gaz.sources.append(path)
        for line, row in _read_csv(path, MISSION_COLUMNS):
            mission = _parse(MissionRow, path, line, row)
            origin[id(mission)] = f"{path}:{line}"
            gaz.missions.append(mission)
    shared_path = directory / "shared_aliases.csv"
    if shared_path.exists():
        gaz.sources.append(shared_path)
        for line, row in _read_csv(shared_path, SHARED_COLUMNS):
            gaz.shared.append(_parse(SharedAlias, shared_path, line, row))
    _validate(gaz, origin, shared_path)
    return gaz


def _validate(gaz: Gazetteer, origin: dict[int, str], shared_path: Path) -> None:
    countries = {row.id for row in gaz.orgs if row.kind == "government"}
    seen: dict[str, str] = {}
    for org in gaz.orgs:
        where = origin[id(org)]
        key = org.id.casefold()
        if key in seen:
            raise GazetteerError(
                f"{where}: duplicate organisation id {org.id!r} (first at {seen[key]})"
            )
        seen[key] = where
        if org.kind == "government" and org.id != org.country:
            raise GazetteerError(f"{where}: a government's id must be its ISO code, got {org.id!r}")
        if org.kind == "intergovernmental" and org.country is not None:
            raise GazetteerError(f"{where}: intergovernmental organisations have no country")
        if org.country is not None and org.country not in countries:
            raise GazetteerError(f"{where}: unknown country {org.country!r} for {org.id!r}")
    org_ids = set(seen)
    mission_seen: dict[str, str] = {}
    for mission in gaz.missions:
        where = origin[id(mission)]
        key = norm_key(mission.id)
        if key in mission_seen:
            raise GazetteerError(
                f"{where}: duplicate mission id {mission.id!r} (first at {mission_seen[key]})"
            )
        mission_seen[key] = where
        for operator in mission.operators:
            if operator.casefold() not in org_ids:
                raise GazetteerError(f"{where}: unknown operator {operator!r} of {mission.id!r}")
    shared = {s.alias: s for s in gaz.shared}
    entity_ids = org_ids | {m.id.casefold() for m in gaz.missions}
    for rule in gaz.shared:
        if rule.default_id.casefold() not in entity_ids:
            raise GazetteerError(f"{shared_path}: default_id {rule.default_id!r} is not an entity")
    claims: dict[str, list[str]] = {}
    rows: list[OrgRow | MissionRow] = [*gaz.orgs, *gaz.missions]
    for row in rows:
        for form in row.surface_forms:
            owners = claims.setdefault(form, [])
            if row.id not in owners:
                owners.append(row.id)
    for form, owners in sorted(claims.items()):
        if len(owners) < 2:
            continue
        shared_rule = shared.get(form)
        if shared_rule is None:
            raise GazetteerError(
                f"alias {form!r} is claimed by {', '.join(owners)} with no rule in {shared_path}"
            )
        if shared_rule.default_id not in owners:
            raise GazetteerError(
                f"{shared_path}: {form!r} defaults to {shared_rule.default_id!r}, not one of {owners}"
            )
