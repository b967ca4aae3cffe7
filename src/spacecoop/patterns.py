"""Turn the gazetteer tables into entity-ruler patterns and a lexicon, and check them.

Generated files (committed, guarded by a staleness test):

* ``organisations.jsonl`` and ``missions.jsonl``: spaCy ``entity_ruler`` phrase patterns, one a
  line, ``{"label", "pattern", "id"}``, the canonical id in ``"id"``;
* ``lexicon.json``: what the ruler cannot carry: display names and kinds by id, the surface forms
  that need context, and the aliases several entities share with their default.

``dates.jsonl`` is hand-written (token patterns for date expressions) and only validated here.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .gazetteer import Gazetteer, MissionRow, OrgRow, load_gazetteer
from .io import atomic_writer

LEXICON_VERSION = "spacecoop.lexicon.v1"
#: Entity labels the gazetteer assigns, by organisation kind; missions are MISSION.
LABEL_BY_KIND = {
    "agency": "AGENCY",
    "intergovernmental": "AGENCY",
    "company": "COMPANY",
    "institution": "INSTITUTION",
    "government": "GOVERNMENT",
}
ORG_LABELS = frozenset(LABEL_BY_KIND.values())
GAZ_LABELS = ORG_LABELS | {"MISSION"}
#: tagger tags of a finite verb; the pipeline runs no parser, so clause tests read the tags
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
#: possessive marks after a name: "SpaceX's Dragon", "Intuitive Machines' Nova-C"
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


class RulerPattern(BaseModel):
    """One entity-ruler pattern: a phrase (string) or token pattern, with its canonical id."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str = Field(min_length=1)
    pattern: str | list[dict[str, Any]]
    id: str = Field(min_length=1)


class OrgEntry(BaseModel):
    """What the pipeline needs to know about an organisation id."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    kind: str
    country: str | None


class MissionEntry(BaseModel):
    """What the pipeline needs to know about a mission id."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    type: str
    operators: list[str]


class Lexicon(BaseModel):
    """Entity facts by canonical id, plus the ambiguity rules the ruler cannot express."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: str = LEXICON_VERSION
    orgs: dict[str, OrgEntry]
    missions: dict[str, MissionEntry]
    context_forms: dict[str, list[str]] = Field(
        description="Surface form -> ids for which that form is tagged only with context."
    )
    shared_aliases: dict[str, str] = Field(
        description="Alias claimed by several ids -> default id."
    )
    alias_claims: dict[str, list[str]] = Field(description="Shared alias -> every id claiming it.")


_COUNT_NOUNS = ("Module", "Satellite", "Lander", "Rover", "Probe", "Orbiter", "Vehicle", "Capsule")


def _variants(form: str) -> list[str]:
    """A surface form, its straight/curly apostrophe twin, and a plural for count nouns
    ("European Service Modules")."""
    out = [form]
    if form.endswith(_COUNT_NOUNS) and " " in form:
        out.append(form + "s")
    if "'" in form:
        out.append(form.replace("'", "’"))
    if "’" in form:
        out.append(form.replace("’", "'"))
    return out


_ACRONYM_STYLE = re.compile(r"^[A-Z]{2,}[a-z]")  # "FLuorescence", "JUpiter"
_SMALL_WORDS = frozenset({"with", "from", "into", "onto", "upon", "over", "under", "about"})


def _plain_case(word: str) -> str:
    """ "FLuorescence" -> "Fluorescence", "ExOPlanet" -> "Exoplanet", "fLyby" -> "flyby";
    all-capital and ordinary words stay as they are."""
    if not word or word.isupper() or word.islower() or word[1:].islower():
        return word
    return word.capitalize() if word[0].isupper() else word.lower()


def _spelled_out(form: str, mission_id: str, named: set[str]) -> list[str]:
    """A mission name that capitalises the letters of its acronym ("FLuorescence EXplorer" for
    FLEX, "JUpiter ICy moons Explorer" for JUICE: its capitals spell the id) as news text writes
    it: its mixed-case words in plain case ("Fluorescence Explorer"), then also its other
    words of four letters or more ("Jupiter Icy Moons Explorer"); none a table already has."""
    words = form.split(" ")
    letters = "".join(c for c in mission_id.casefold() if c.isalpha())
    capitals = "".join(c for c in form if "A" <= c <= "Z").casefold()
    if len(words) < 2 or not letters or not capitals.startswith(letters):
        return []
    if not any(_ACRONYM_STYLE.match(w) for w in words):
        return []
    plain = ["-".join(_plain_case(part) for part in w.split("-")) for w in words]
    titled = [
        w.capitalize() if w.islower() and len(w) >= 4 and w not in _SMALL_WORDS else w
        for w in plain
    ]
    out: list[str] = []
    for variant in (" ".join(plain), " ".join(titled)):
        if variant != form and variant not in out and variant not in named:
            out.append(variant)
    return out


def _needs_context(form: str, row: MissionRow) -> bool:
    if not row.context_required:
        return False
    if any(ch.isdigit() for ch in form) or (form.isupper() and len(form) > 1):
        return False
    return len(form.split()) <= 2


@dataclass(frozen=True)
class Generated:
    """The generated pattern files, as text, keyed by file name."""

    files: dict[str, str]


def generate(gaz: Gazetteer) -> Generated:
    """Build the ruler patterns and the lexicon from validated gazetteer tables."""
    shared = {rule.alias: rule.default_id for rule in gaz.shared}
    named = {f for o in gaz.orgs for f in o.surface_forms} | {
        f for m in gaz.missions for f in m.surface_forms
    }
    org_lines: list[str] = []
    claims: dict[str, list[str]] = {}
    for org in sorted(gaz.orgs, key=lambda r: (r.kind, r.id.casefold())):
        for form in org.surface_forms:
            claims.setdefault(form, []).append(org.id)
            if form in shared and shared[form] != org.id:
                continue
            for variant in _variants(form):
                org_lines.append(_pattern_line(LABEL_BY_KIND[org.kind], variant, org.id))
    mission_lines: list[str] = []
    context: dict[str, list[str]] = {}
    for mission in sorted(gaz.missions, key=lambda r: r.id.casefold()):
        forms = mission.surface_forms
        for form in forms:
            if _redundant_suffix(form, forms):
                continue
            claims.setdefault(form, []).append(mission.id)
            if form in shared and shared[form] != mission.id:
                continue
            for variant in _variants(form) + _spelled_out(form, mission.id, named):
                mission_lines.append(_pattern_line("MISSION", variant, mission.id))
                if _needs_context(variant, mission):
                    context.setdefault(variant, []).append(mission.id)
    lexicon = Lexicon(
        orgs={o.id: _org_entry(o) for o in sorted(gaz.orgs, key=lambda r: r.id.casefold())},
        missions={
            m.id: MissionEntry(name=m.name, type=m.type, operators=list(m.operators))
            for m in sorted(gaz.missions, key=lambda r: r.id.casefold())
        },
        context_forms=dict(sorted(context.items())),
        shared_aliases=dict(sorted(shared.items())),
        alias_claims={a: sorted(ids) for a, ids in sorted(claims.items()) if len(ids) > 1},
    )
    return Generated(
        files={
            "organisations.jsonl": "".join(org_lines),
            "missions.jsonl": "".join(mission_lines),
            "lexicon.json": lexicon.model_dump_json(indent=1) + "\n",
        }
    )


_NOUN_SUFFIXES = (" program", " programme", " mission", " Program", " Programme", " Mission")


def _redundant_suffix(form: str, forms: list[str]) -> bool:
    """ "Artemis program" when "Artemis" is a form too: the span should be the name alone."""
    return any(form.endswith(s) and form[: -len(s)] in forms for s in _NOUN_SUFFIXES)


def _org_entry(org: OrgRow) -> OrgEntry:
    return OrgEntry(name=org.name, kind=org.kind, country=org.country)


def _pattern_line(label: str, pattern: str, entity_id: str) -> str:
    line = {"label": label, "pattern": pattern, "id": entity_id}
    return json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n"


def build(patterns_dir: Path) -> dict[str, bool]:
    """Regenerate the pattern files in ``patterns_dir``; return which files changed."""
    generated = generate(load_gazetteer(patterns_dir / "gazetteer"))
    changed: dict[str, bool] = {}
    for name, text in generated.files.items():
        path = patterns_dir / name
        old = path.read_text(encoding="utf-8") if path.exists() else None
        changed[name] = old != text
        if changed[name]:
            with atomic_writer(path) as handle:
                handle.write(text)
    return changed


def stale_files(patterns_dir: Path) -> list[str]:
    """Names of generated files that differ from what the tables generate now."""
    generated = generate(load_gazetteer(patterns_dir / "gazetteer"))
    stale = []
    for name, text in generated.files.items():
        path = patterns_dir / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale


def read_ruler_patterns(path: Path) -> list[dict[str, Any]]:
    """Read and validate one ``*.jsonl`` ruler pattern file.

    Raises:
        ValueError: naming the file and line of a malformed pattern.
    """
    patterns: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                pattern = RulerPattern.model_validate_json(line)
            except ValueError as err:
                raise ValueError(f"{path}:{number}: invalid pattern: {err}") from None
            patterns.append(pattern.model_dump())
    return patterns


def load_lexicon(patterns_dir: Path) -> Lexicon:
    """Read the generated lexicon."""
    return Lexicon.model_validate_json((patterns_dir / "lexicon.json").read_text(encoding="utf-8"))


def fingerprint(patterns_dir: Path, exclude: Collection[str] = ()) -> str:
    """A hash of every rule and pattern file but those named in ``exclude``: changes whenever
    the extraction rules change."""
    digest = hashlib.sha256()
    for path in sorted(patterns_dir.glob("*.json*")):
        if path.name in exclude:
            continue
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def stats(patterns_dir: Path) -> dict[str, Any]:
    """Counts for ``spacecoop patterns stats``: entities by kind, aliases and patterns."""
    gaz = load_gazetteer(patterns_dir / "gazetteer")
    by_kind = Counter(o.kind for o in gaz.orgs)
    by_type = Counter(m.type for m in gaz.missions)
    patterns = {
        name: sum(
            1
            for line in (patterns_dir / name).read_text(encoding="utf-8").splitlines()
            if line.strip()
        )
        for name in ("organisations.jsonl", "missions.jsonl", "dates.jsonl")
        if (patterns_dir / name).exists()
    }
    return {
        "organisations_by_kind": dict(sorted(by_kind.items())),
        "missions_by_type": dict(sorted(by_type.items())),
        "organisations": len(gaz.orgs),
        "missions": len(gaz.missions),
        "aliases": sum(len(o.aliases) for o in gaz.orgs)
        + sum(len(m.aliases) for m in gaz.missions),
        "shared_aliases": len(gaz.shared),
        "patterns": patterns,
    }
