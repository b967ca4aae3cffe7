"""Sentence-by-sentence explanation of what the pipeline saw and concluded."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language

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
    doc = nlp(article.text)
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
    lines.extend(_mission_choice(nlp, article.text))
    lines.append("\nrecords:")
    for record in build_records(findings, article):
        partners = "+".join(p.id for p in record.partners)
        mission = record.mission.id if record.mission else "-"
        lines.append(
            f"  {partners} / {mission}: {record.status}, date {record.date}, rules {', '.join(record.rules)}"
        )
    return "\n".join(lines)


def _mission_choice(nlp: Language, text: str) -> list[str]:
    """Each partner set's candidate missions with the model's score, kept (+) or dropped (-)."""
    if not nlp.has_pipe(CHOICE_PIPE):
        return []
    chooser = nlp.get_pipe(CHOICE_PIPE)
    model = chooser.model  # type: ignore[attr-defined]
    if model is None:
        return []
    with nlp.select_pipes(disable=[CHOICE_PIPE]):
        doc = nlp(text)
    kept = {
        (frozenset(p["id"] for p in f["partners"]), (f["mission"] or {}).get("id"))
        for f in doc_findings(nlp(text))
    }
    ctx = chooser.context(doc)  # type: ignore[attr-defined]
    groups = featurise(ctx, doc_findings(doc), frozenset(model.context_words))
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
