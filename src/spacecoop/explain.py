"""Sentence-by-sentence explanation of what the pipeline saw and concluded."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from .mission_choice import CHOICE_PIPE, featurise, score
from .pipeline import build_pipeline
from .records import build_records, doc_findings
from .schema import Article


def explain_article(
    article: Article, model: str | None = None, patterns_dir: Path | None = None
) -> str:
    """Return a readable trace: per sentence (split at line breaks), its entities, cues and
    findings, and why a sentence was skipped; then each partner set's candidate missions with
    the mission choice's scores; then the records."""
    nlp = build_pipeline(model, patterns_dir)
    with nlp.select_pipes(disable=[CHOICE_PIPE]):
        doc = nlp(article.text)
    choice = _mission_choice(nlp, doc)  # scores the rules' findings, then applies the choice
    coop = nlp.get_pipe("spacecoop_cooperation")
    cue_spans = coop.cue_spans(doc)  # type: ignore[attr-defined]
    findings = doc_findings(doc)
    lines: list[str] = [f"article {article.id} (published {article.published or 'unknown'})"]
    for unit in coop.units(doc):  # type: ignore[attr-defined]
        span = doc[unit.start : unit.end]
        text = span.text.strip()
        if not text:
            continue
        skipped = f" (skipped: {unit.skip})" if unit.skip else ""
        lines.append(f"\n[{unit.index + 1}]{skipped} {text}")
        ents = [f"{e.text} {e.label_}{'=' + e.ent_id_ if e.ent_id_ else ''}" for e in span.ents]
        if ents:
            lines.append("    entities: " + "; ".join(ents))
        cues = [f"{s.text!r} {s.label_}" for s in cue_spans if unit.start <= s.start < unit.end]
        if cues:
            lines.append("    cues:     " + "; ".join(cues))
        for f in findings:
            if span.start_char <= f["start"] < span.end_char + 1:
                partners = "+".join(p["id"] for p in f["partners"])
                mission = f["mission"]["id"] if f["mission"] else "-"
                rules = ",".join(f["rules"])
                lines.append(
                    f"    finding:  {partners} / {mission} {f['status']} date={f['date_text']} rules={rules}"
                )
    lines.extend(choice)
    lines.append("\nrecords:")
    for record in build_records(findings, article):
        partners = "+".join(p.id for p in record.partners)
        mission = record.mission.id if record.mission else "-"
        lines.append(
            f"  {partners} / {mission}: {record.status}, date {record.date}, rules {', '.join(record.rules)}"
        )
    return "\n".join(lines)


def _mission_choice(nlp: Language, doc: Doc) -> list[str]:
    """Run the mission choice on ``doc``, which holds the rules' findings, and list each
    partner set's candidate missions with the model's score, kept (+) or dropped (-)."""
    chooser = nlp.get_pipe(CHOICE_PIPE)
    model = chooser.model  # type: ignore[attr-defined]
    if model is None:
        return []
    ctx = chooser.context(doc)  # type: ignore[attr-defined]
    groups = featurise(ctx, doc_findings(doc), frozenset(model.context_words))
    chooser(doc)
    kept = {
        (frozenset(p["id"] for p in f["partners"]), (f["mission"] or {}).get("id"))
        for f in doc_findings(doc)
    }
    lines = [
        f"\nmission choice (threshold {model.threshold:.2f}; + kept, - dropped; "
        "* chosen by the rules):"
    ]
    for group in groups:
        shown = []
        for cand in group.candidates:
            mid = cand.mission["id"] if cand.mission else None
            mark = "+" if (group.key, mid) in kept else "-"
            star = "*" if cand.predicted else ""
            shown.append(f"{mark}{mid or '(none)'}{star} {score(model, cand.features):.2f}")
        lines.append(f"  {'+'.join(sorted(group.key))}: " + ", ".join(shown))
    return lines
