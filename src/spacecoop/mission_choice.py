"""Choose each partner set's missions with a small learned model over the rules' candidates.

The relation step's rules pair partners with missions sentence by sentence. This component
looks at each partner set of a document as a whole and scores every candidate mission with a
logistic model: the missions the rules gave the set, the missions named in the set's evidence
sentences or in any other sentence naming one of its partners, the document's most-named
mission, and no mission. A candidate is kept when its score reaches the model's threshold (the
rules' no-mission record of an agreement in general, such as a joint statement, always is); when
none does, the best one is kept (``keep_best``, as the packaged model has it), so the component
changes which missions a partner set's records name, never whether the set has a record.

The weights are rule data (``patterns/mission_choice.json``, validated by
:class:`MissionChoiceModel`), trained on the dev split only by ``spacecoop patterns
train-missions`` (:mod:`spacecoop.train`). Without that file the component passes the findings
through unchanged.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from spacy.language import Language
from spacy.tokens import Doc, Span

from .cooperation import EXTENSION, ensure_extension, is_vehicle
from .patterns import ORG_LABELS, POSSESSIVE, Lexicon, fingerprint, load_lexicon
from .resources import default_patterns_dir

MODEL_FILE = "mission_choice.json"
CHOICE_PIPE = "spacecoop_mission_choice"
#: The rule id added to findings the component creates for a candidate the rules did not pair.
CHOICE_RULE = "mission.choice"
#: Rules that mark an agreement in general (a frame, no mission unless one is named).
GENERAL_RULES = frozenset({"coop.framework", "frame.artemis_accords"})
#: After one of these just before a mission name, the word before it is a feature too ("to the ISS").
DETERMINERS = frozenset({"the", "its", "a", "their"})


class MissionChoiceModel(BaseModel):
    """The learned weights and the decision rule (``patterns/mission_choice.json``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int = 1
    threshold: float = Field(ge=0.0, le=1.0, description="Keep candidates scoring at least this.")
    keep_best: bool = Field(
        default=True, description="Keep the best candidate when none reaches the threshold."
    )
    context_words: list[str] = Field(
        description="Words before a mission name that get a feature of their own."
    )
    bias: float
    weights: dict[str, float]
    training: dict[str, Any] = Field(
        default_factory=dict, description="Provenance: data, settings and cross-validated figures."
    )


def load_model(path: Path) -> MissionChoiceModel | None:
    """Read the model file; ``None`` when there is none. A malformed file raises ``ValueError``."""
    if not path.exists():
        return None
    try:
        return MissionChoiceModel.model_validate_json(path.read_text(encoding="utf-8"))
    except ValidationError as err:
        raise ValueError(f"{path}: invalid mission choice model:\n{err}") from None


def rules_fingerprint(patterns_dir: Path) -> str:
    """The fingerprint of the rule and pattern files the model's candidates come from."""
    return fingerprint(patterns_dir, exclude={MODEL_FILE})


def stale_model(patterns_dir: Path) -> bool:
    """True when the model file was trained with other rule or pattern files than these (the
    rules make the candidates it learned from): retrain with ``spacecoop patterns
    train-missions``. Changes to the relation step's code are not seen."""
    model = load_model(patterns_dir / MODEL_FILE)
    if model is None:
        return False
    return model.training.get("patterns_fingerprint") != rules_fingerprint(patterns_dir)


@dataclass
class Candidate:
    """One mission (or none) a partner set's records could name."""

    mission: dict[str, str] | None
    predicted: bool
    features: dict[str, float] = field(default_factory=dict)
    #: kept whatever its score: the rules' no-mission record of an agreement in general (a
    #: framework, a joint statement), which the guideline makes a record of its own
    protected: bool = False


@dataclass
class Group:
    """The findings of one partner set in a document, and its candidate missions."""

    key: frozenset[str]
    findings: list[dict[str, Any]]
    candidates: list[Candidate] = field(default_factory=list)
    #: the sentences of its findings (its evidence), as character offsets
    spans: list[tuple[int, int]] = field(default_factory=list)
    #: the sentences naming at least one of its partners, evidence or not
    nearby: list[tuple[int, int]] = field(default_factory=list)
    #: the partners' kinds, the rules that fired, the missions (ids, None) the rules paired
    kinds: list[str] = field(default_factory=list)
    rules: set[str] = field(default_factory=set)
    predicted: set[str | None] = field(default_factory=set)


class DocContext:
    """What the features read from the document: mission and organisation mentions."""

    def __init__(self, doc: Doc, lexicon: Lexicon) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.missions: list[Span] = [
            e
            for e in doc.ents
            if e.label_ == "MISSION" and e.ent_id_ and not is_vehicle(lexicon, e.ent_id_)
        ]
        #: where a mention names a mission only as a time or context ("post-ISS", "given ...")
        self.background: frozenset[int] = frozenset(
            (doc._.get(EXTENSION) or {}).get("background_missions", [])
        )
        self.orgs: list[Span] = [e for e in doc.ents if e.label_ in ORG_LABELS and e.ent_id_]
        self.counts: Counter[str] = Counter(e.ent_id_ for e in self.missions)
        self.topic: str | None = self.counts.most_common(1)[0][0] if self.counts else None
        named: dict[int, set[str]] = {}
        for org in self.orgs:
            named.setdefault(org.sent.start, set()).add(org.ent_id_)
        #: each sentence, as character offsets, with the organisations it names
        self.sentence_orgs: list[tuple[int, int, frozenset[str]]] = [
            (s.start_char, s.end_char, frozenset(named.get(s.start, ()))) for s in doc.sents
        ]

    def sentences_naming(self, orgs: frozenset[str]) -> list[tuple[int, int]]:
        """The sentences naming at least one of ``orgs``."""
        return [(start, end) for start, end, ids in self.sentence_orgs if ids & orgs]

    def mission(self, ent: Span) -> dict[str, str]:
        entry = self.lexicon.missions.get(ent.ent_id_)
        return {"id": ent.ent_id_, "name": entry.name if entry else ent.text}

    def first_mention(self, mission_id: str) -> Span | None:
        return next((e for e in self.missions if e.ent_id_ == mission_id), None)


def group_findings(findings: list[dict[str, Any]]) -> list[Group]:
    """The findings by partner set, in order of first finding."""
    groups: dict[frozenset[str], Group] = {}
    for f in findings:
        key = frozenset(p["id"] for p in f["partners"])
        groups.setdefault(key, Group(key, [])).findings.append(f)
    for group in groups.values():
        group.spans = sorted({(f["start"], f["end"]) for f in group.findings})
        group.kinds = [p["kind"] for p in group.findings[0]["partners"]]
        group.rules = {r for f in group.findings for r in f["rules"]}
        group.predicted = {(f["mission"] or {}).get("id") for f in group.findings}
    return list(groups.values())


def _mentions(ctx: DocContext, spans: list[tuple[int, int]], mission_id: str) -> list[Span]:
    return [e for e in ctx.missions if e.ent_id_ == mission_id and _in(e, spans)]


def candidates(group: Group, ctx: DocContext) -> list[Candidate]:
    """None, the rules' missions, the missions named in the evidence, those named in another
    sentence naming a partner, and the most-named mission."""
    out: dict[str | None, Candidate] = {None: Candidate(None, False)}
    for f in group.findings:
        mission = f["mission"]
        mid = mission["id"] if mission else None
        if mid not in out or not out[mid].predicted:
            out[mid] = Candidate(mission, True)
        if mission is None and f.get("general"):
            out[None].protected = True
    for spans in (group.spans, group.nearby):
        for ent in ctx.missions:
            if ent.ent_id_ not in out and _in(ent, spans):
                out[ent.ent_id_] = Candidate(ctx.mission(ent), False)
    if ctx.topic is not None and ctx.topic not in out:
        first = ctx.first_mention(ctx.topic)
        if first is not None:
            out[ctx.topic] = Candidate(ctx.mission(first), False)
    return list(out.values())


def features(
    group: Group, cand: Candidate, ncands: int, ctx: DocContext, model_words: frozenset[str]
) -> dict[str, float]:
    """The candidate's features (names as in the model's ``weights``)."""
    spans, kinds, rules, predicted = group.spans, group.kinds, group.rules, group.predicted
    f: dict[str, float] = {
        "pred": float(cand.predicted),
        "npred_log": math.log(len(predicted)),
        "ncands_log": math.log(ncands),
        "nev_log": math.log(len(spans)),
        "allgov": float(all(k == "government" for k in kinds)),
        "industrial": float(all(k in {"company", "institution"} for k in kinds)),
        "np3": float(len(group.key) >= 3),
    }
    if cand.mission is None:
        f["none"] = 1.0
        f["none_pred"] = float(cand.predicted)
        f["none_general"] = float(bool(rules & GENERAL_RULES))
        f["none_agreement"] = float(any(x.get("general") for x in group.findings))
        bare = [x for x in spans if not any(_in(e, [x]) for e in ctx.missions)]
        f["none_bare_frac"] = len(bare) / len(spans)
        f["none_has_ment"] = float(any(_in(e, spans) for e in ctx.missions))
        f["none_signed"] = float(any(x["status"] == "signed" for x in group.findings))
        f["none_other_pred"] = float(any(x["mission"] for x in group.findings))
        f["none_pred_agreement"] = f["none_pred"] * f["none_agreement"]
        f["none_pred_signed"] = f["none_pred"] * f["none_signed"]
        return f
    mid = cand.mission["id"]
    entry = ctx.lexicon.missions.get(mid)
    kind = entry.type if entry else "open"
    f["mission"] = 1.0
    f["m_pred"] = float(cand.predicted)
    f["type_" + kind] = 1.0
    if cand.predicted:
        f["pred_type_" + kind] = 1.0
    operators = set(entry.operators) if entry else set()
    if operators:
        shared = len(operators & group.key)
        f["ops_none"] = float(shared == 0)
        f["ops_all"] = float(group.key <= operators)
        f["ops_some"] = float(shared > 0 and not group.key <= operators)
    else:
        f["ops_unknown"] = 1.0
    f["mcount_log"] = math.log1p(ctx.counts.get(mid, 0))
    f["topic"] = float(mid == ctx.topic)
    mentions = _mentions(ctx, spans, mid)
    f["in_ev"] = float(bool(mentions))
    f["background"] = float(
        bool(mentions) and all(e.start_char in ctx.background for e in mentions)
    )
    f["ev_frac"] = len({(s, t) for s, t in spans for e in mentions if s <= e.start_char < t}) / len(
        spans
    )
    nearby = _mentions(ctx, group.nearby, mid) if not mentions else []
    #: named only outside the evidence, in a sentence naming a partner
    f["in_psent"] = float(bool(nearby))
    f["topic_not_in_ev"] = float(mid == ctx.topic and not mentions)
    partner_mentions = [e for e in ctx.orgs if e.ent_id_ in group.key]
    nearest: int | None = None
    possessed = False
    doc = ctx.doc
    for ent in mentions or nearby:
        for p in partner_mentions:
            if p.end_char <= ent.start_char:
                gap = ent.start_char - p.end_char
            else:
                gap = abs(p.start_char - ent.end_char)
            nearest = gap if nearest is None else min(nearest, gap)
            if (
                p.end < ent.start
                and doc[p.end].text in POSSESSIVE
                and ent.start_char - p.end_char < 40
            ):
                possessed = True
        for name, value in _context(doc, ent, model_words).items():
            f[name] = value
    if nearest is not None:
        f["dist_log"] = math.log1p(nearest)
    f["possessed_by_partner"] = float(possessed)
    return f


def _in(ent: Span, spans: list[tuple[int, int]]) -> bool:
    return any(s <= ent.start_char < t for s, t in spans)


def _context(doc: Doc, ent: Span, words: frozenset[str]) -> dict[str, float]:
    """ "p1_to"/"p1_POS"/"p1_OTHER" for the word before the name, and "p2_..." for the word
    before a determiner ("carry it to the ISS": p1_the, p2_to)."""
    if ent.start == 0:
        return {}
    before = doc[ent.start - 1].lower_
    if before in words:
        out = {"p1_" + before: 1.0}
    elif before in POSSESSIVE:
        out = {"p1_POS": 1.0}
    else:
        out = {"p1_OTHER": 1.0}
    if before in DETERMINERS and ent.start >= 2:
        word = doc[ent.start - 2].lower_
        out["p2_" + (word if word in words else "OTHER")] = 1.0
    return out


def score(model: MissionChoiceModel, feats: dict[str, float]) -> float:
    """The logistic model's probability that the candidate is one of the set's missions."""
    z = model.bias + sum(model.weights.get(k, 0.0) * v for k, v in feats.items())
    return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


def kept_indices(scored: list[tuple[float, bool]], threshold: float, keep_best: bool) -> list[int]:
    """The decision rule: the indices of the ``(score, protected)`` candidates kept, those
    scoring at least ``threshold`` or protected, else (``keep_best``) the first best one."""
    out = [i for i, (p, protected) in enumerate(scored) if p >= threshold or protected]
    if not out and keep_best and scored:
        out = [max(range(len(scored)), key=lambda i: scored[i][0])]
    return out


def featurise(
    ctx: DocContext, findings: list[dict[str, Any]], words: frozenset[str]
) -> list[Group]:
    """The document's partner sets with their candidates and each candidate's features."""
    groups = group_findings(findings)
    for group in groups:
        group.nearby = ctx.sentences_naming(group.key)
        group.candidates = candidates(group, ctx)
        for cand in group.candidates:
            cand.features = features(group, cand, len(group.candidates), ctx, words)
    return groups


def choose(
    doc: Doc, findings: list[dict[str, Any]], lexicon: Lexicon, model: MissionChoiceModel
) -> list[dict[str, Any]]:
    """The findings with each partner set's missions as the model chooses them.

    Findings of a kept candidate the rules paired are kept as they are; a kept candidate the
    rules did not pair gets a copy of each of the set's findings in a sentence naming it (all of
    them when none does: no mission, the document's subject mission, or a mission named only in
    another sentence naming a partner), tagged ``mission.choice``.
    """
    ctx = DocContext(doc, lexicon)
    order = {id(f): i for i, f in enumerate(findings)}
    out: list[dict[str, Any]] = []
    for group in featurise(ctx, findings, frozenset(model.context_words)):
        scored = [(score(model, c.features), c.protected) for c in group.candidates]
        for i in kept_indices(scored, model.threshold, model.keep_best):
            cand = group.candidates[i]
            mid = cand.mission["id"] if cand.mission else None
            if cand.predicted:
                out.extend(f for f in group.findings if ((f["mission"] or {}).get("id")) == mid)
                continue
            mentions = _mentions(ctx, group.spans, mid) if mid else []
            seen: set[tuple[int, int]] = set()
            for f in group.findings:
                where = (f["start"], f["end"])
                if where in seen:
                    continue
                if mentions and not any(_in(e, [where]) for e in mentions):
                    continue
                seen.add(where)
                copy = dict(f, mission=cand.mission, rules=sorted({*f["rules"], CHOICE_RULE}))
                order[id(copy)] = order[id(f)]
                out.append(copy)
    out.sort(key=lambda f: (f["start"], order[id(f)]))
    return out


class MissionChoice:
    """spaCy component: rewrite ``doc._.spacecoop`` findings with the model's mission choice."""

    def __init__(self, nlp: Language, name: str, *, patterns_dir: str | None = None) -> None:
        directory = Path(patterns_dir) if patterns_dir else default_patterns_dir()
        self.name = name
        self.model = load_model(directory / MODEL_FILE)
        self.lexicon = load_lexicon(directory)
        ensure_extension()

    def context(self, doc: Doc) -> DocContext:
        """What the features read from ``doc``."""
        return DocContext(doc, self.lexicon)

    def __call__(self, doc: Doc) -> Doc:
        if self.model is None:
            return doc
        data = doc._.get(EXTENSION) or {}
        findings = data.get("findings", [])
        if findings:
            doc._.set(
                EXTENSION,
                {**data, "findings": choose(doc, findings, self.lexicon, self.model)},
            )
        return doc
