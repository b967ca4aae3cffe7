"""The mission choice: the learned model over the rules' candidate missions, and its training."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc
from typer.testing import CliRunner

from spacecoop.cli import app
from spacecoop.mission_choice import (
    CHOICE_RULE,
    MODEL_FILE,
    DocContext,
    MissionChoiceModel,
    choose,
    featurise,
    load_model,
)
from spacecoop.patterns import load_lexicon
from spacecoop.records import doc_findings
from spacecoop.schema import Record

from .conftest import CORPUS

Extract = Callable[..., list[Record]]

CYGNUS = (
    "Northrop Grumman said on Monday it had bought three launches on SpaceX's Falcon 9 rocket "
    "to carry its Cygnus cargo spacecraft to the International Space Station."
)
GATEWAY = (
    "NASA plans to assemble the Gateway, a small station in lunar orbit, in the late 2020s. "
    "The Gateway would serve as a staging point for crews bound for the lunar surface. "
    "NASA is also discussing the gateway concept with the European Space Agency and the "
    "Canadian Space Agency."
)

AX3 = (
    "The European Space Agency and Axiom Space have signed a memorandum of understanding on "
    "human spaceflight. The International Space Station will be retired in 2030, and the ISS "
    "partners are studying commercial successors. The first result of the agreement will be "
    "Axiom Mission 3 (Ax-3), a commercial astronaut mission sponsored by ESA, which is "
    "scheduled to launch in January."
)


def _identities(records: list[Record]) -> set[tuple[str, str | None]]:
    return {("+".join(p.id for p in r.partners), r.mission and r.mission.id) for r in records}


def test_packaged_model_is_valid_and_fitted_on_dev(patterns_dir: Path) -> None:
    model = load_model(patterns_dir / MODEL_FILE)
    assert model is not None
    assert model.training["split"] == "dev"
    assert model.weights and 0 < model.threshold < 1
    cv = model.training["cross_validation"]
    # what the trainer measured on articles each fold did not see
    assert cv["rules+choice"]["f"] > cv["rules"]["f"]


def test_a_destination_is_not_the_mission(extract: Extract) -> None:
    # the rules pair the launch buyer and seller with both missions the sentence names
    assert _identities(extract(CYGNUS)) == {("Northrop Grumman+SpaceX", "Cygnus")}


def test_the_subject_mission_can_replace_none(nlp: Language, patterns_dir: Path) -> None:
    # the rules give the two sets no mission; the article's subject is a candidate of each,
    # and a model that weighs it (the packaged one scores it near its threshold here, which
    # retraining moves either way) puts it in place of none, on copies of the findings
    doc, findings = _rules_findings(nlp, GATEWAY)
    assert {f["mission"] for f in findings} == {None}
    lexicon = load_lexicon(patterns_dir)
    groups = featurise(DocContext(doc, lexicon), findings, frozenset())
    for group in groups:
        (subject,) = [c for c in group.candidates if c.mission]
        assert subject.mission is not None and subject.mission["id"] == "Gateway"
        assert subject.features["topic"] == 1.0 and not subject.predicted
    topic = MissionChoiceModel(threshold=0.5, context_words=[], bias=-5.0, weights={"topic": 10.0})
    chosen = choose(doc, findings, lexicon, topic)
    assert {(f["mission"] or {}).get("id") for f in chosen} == {"Gateway"}
    assert len(chosen) == len(findings) and all(CHOICE_RULE in f["rules"] for f in chosen)


def test_a_mission_named_beside_a_partner_is_a_candidate(
    nlp: Language, patterns_dir: Path, extract: Extract
) -> None:
    # the rules' evidence is the first sentence; Ax-3 is named in the third, beside ESA, and
    # is not the article's most-named mission (the ISS is)
    doc, findings = _rules_findings(nlp, AX3)
    assert {(f["start"], f["mission"]) for f in findings} == {(0, None)}
    ctx = DocContext(doc, load_lexicon(patterns_dir))
    (group,) = featurise(ctx, findings, frozenset())
    found = {c.mission["id"]: c.features for c in group.candidates if c.mission}
    assert ctx.topic == "ISS" and found["Ax-3"]["in_psent"] == 1.0
    assert "in_ev" in found["Ax-3"] and not found["Ax-3"]["in_ev"]
    assert ("Axiom Space+ESA", "Ax-3") in _identities(extract(AX3))


def test_without_a_model_file_the_rules_decide(tmp_path: Path, patterns_dir: Path) -> None:
    from spacecoop.pipeline import build_pipeline
    from spacecoop.records import build_records
    from spacecoop.schema import Article

    plain = tmp_path / "patterns"
    shutil.copytree(patterns_dir, plain)
    (plain / MODEL_FILE).unlink()
    nlp = build_pipeline(patterns_dir=plain)
    records = build_records(doc_findings(nlp(CYGNUS)), Article(id="t", text=CYGNUS))
    assert _identities(records) == {
        ("Northrop Grumman+SpaceX", "Cygnus"),
        ("Northrop Grumman+SpaceX", "ISS"),
    }


def _rules_findings(nlp: Language, text: str) -> tuple[Doc, list[dict[str, Any]]]:
    with nlp.select_pipes(disable=["spacecoop_mission_choice"]):
        doc = nlp(text)
    return doc, doc_findings(doc)


def test_choose_follows_the_weights(nlp: Language, patterns_dir: Path) -> None:
    lexicon = load_lexicon(patterns_dir)
    doc, findings = _rules_findings(nlp, CYGNUS)
    assert {f["mission"]["id"] for f in findings if f["mission"]} == {"Cygnus", "ISS"}
    trust = MissionChoiceModel(threshold=0.5, context_words=[], bias=-5.0, weights={"pred": 10.0})
    assert choose(doc, findings, lexicon, trust) == findings
    none = MissionChoiceModel(threshold=0.5, context_words=[], bias=-5.0, weights={"none": 10.0})
    chosen = choose(doc, findings, lexicon, none)
    assert [f["mission"] for f in chosen] == [None]  # one finding per sentence, no mission
    assert CHOICE_RULE in chosen[0]["rules"]
    nothing = MissionChoiceModel(
        threshold=0.5, keep_best=True, context_words=[], bias=-5.0, weights={"topic": -1.0}
    )
    assert len(choose(doc, findings, lexicon, nothing)) == 1  # the best one is kept


def test_train_missions_fits_a_small_corpus(tmp_path: Path, patterns_dir: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "articles").mkdir(parents=True)
    (corpus / "gold").mkdir()
    rows = [json.loads(line) for line in (CORPUS / "metadata.jsonl").read_text().splitlines()]
    dev = [r for r in rows if r["split"] == "dev"][:15]
    ids = {r["id"] for r in dev}
    (corpus / "metadata.jsonl").write_text("".join(json.dumps(r) + "\n" for r in dev))
    for article_id in ids:
        shutil.copy(CORPUS / "articles" / f"{article_id}.txt", corpus / "articles")
    gold = [
        line
        for line in (CORPUS / "gold" / "records.jsonl").read_text().splitlines()
        if json.loads(line)["article_id"] in ids
    ]
    (corpus / "gold" / "records.jsonl").write_text("\n".join(gold) + "\n")
    patterns = tmp_path / "patterns"
    shutil.copytree(patterns_dir, patterns)
    before = (patterns / MODEL_FILE).read_bytes()

    runner = CliRunner()
    args = ["patterns", "train-missions", "--corpus", str(corpus), "--patterns", str(patterns)]
    dry = runner.invoke(app, [*args, "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "15 dev articles" in dry.output and "rules+choice" in dry.output
    assert (patterns / MODEL_FILE).read_bytes() == before  # a dry run writes nothing

    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    model = load_model(patterns / MODEL_FILE)
    assert model is not None and model.training["articles"] == 15
    assert model.training["in_gold"] > 0 and model.weights
    assert model.weights.get("pred", 0.0) > 0  # what the rules chose is evidence for it

    empty = runner.invoke(app, [*args, "--split", "nosuch"])
    assert empty.exit_code == 2 and "no articles in split 'nosuch'" in empty.output


def test_a_malformed_model_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / MODEL_FILE
    path.write_text('{"threshold": 2}', encoding="utf-8")
    with pytest.raises(ValueError, match="invalid mission choice model"):
        load_model(path)


def test_check_names_a_model_trained_on_other_rules(tmp_path: Path, patterns_dir: Path) -> None:
    patterns = tmp_path / "patterns"
    shutil.copytree(patterns_dir, patterns)
    runner = CliRunner()
    assert runner.invoke(app, ["patterns", "check", "--patterns", str(patterns)]).exit_code == 0
    rules = patterns / "relation_rules.json"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    result = runner.invoke(app, ["patterns", "check", "--patterns", str(patterns)])
    assert result.exit_code == 1
    assert "mission_choice.json was trained with other rule files" in result.output


def test_train_missions_defaults_are_the_trainers() -> None:
    # the CLI repeats them as literals so that --help does not import spaCy
    import inspect

    from spacecoop.cli import patterns_train_missions
    from spacecoop.train import DEFAULT_C, DEFAULT_THRESHOLD

    params = inspect.signature(patterns_train_missions).parameters
    assert params["c"].default == DEFAULT_C
    assert params["threshold"].default == DEFAULT_THRESHOLD
