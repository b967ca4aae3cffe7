"""The ``spacecoop`` command line: thin typer commands over the package's functions.

Exit codes: 0 success; 1 some articles were rejected (see the errors output) or, for
``evaluate --min-f1``, the score is below the bar; 2 usage error (bad option, missing file,
refusing to overwrite without ``--force``, model not installed).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from pydantic import BaseModel

from .about import __version__

if TYPE_CHECKING:
    from .corpus import Corpus
    from .evaluate import SplitResult
    from .schema import Record

app = typer.Typer(
    help="Extract validated cooperation records between space organisations from news articles.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
patterns_app = typer.Typer(
    help="Build, check and count the gazetteer patterns.", no_args_is_help=True
)
app.add_typer(patterns_app, name="patterns")

USAGE = 2


def _fail(message: str, code: int = USAGE) -> typer.Exit:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    return typer.Exit(code=code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"spacecoop {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """spacecoop: who works with whom in space, on what."""


ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model", help="Installed spaCy pipeline (default: en_core_web_sm, else its re-upload)."
    ),
]
PatternsOpt = Annotated[
    Path | None,
    typer.Option(
        "--patterns", help="Folder of pattern and rule files (default: the packaged ones)."
    ),
]
JobsOpt = Annotated[
    int, typer.Option("--jobs", "-j", min=1, help="Worker processes (local engine).")
]
EngineOpt = Annotated[str, typer.Option("--engine", help="local (default) or dask.")]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler", help="Dask scheduler address (default: a LocalCluster started here)."
    ),
]
WorkersOpt = Annotated[
    int | None,
    typer.Option(
        "--workers", min=1, help="LocalCluster workers for --engine dask (default: --jobs)."
    ),
]


def _engine_options(
    engine: str, scheduler: str | None, workers: int | None, jobs: int
) -> tuple[str, int]:
    if engine not in {"local", "dask"}:
        raise _fail(f"unknown engine {engine!r}; choose local or dask")
    if engine == "local" and (scheduler or workers):
        raise _fail("--scheduler and --workers go with --engine dask")
    if engine == "dask":
        import importlib.util

        if importlib.util.find_spec("distributed") is None:
            raise _fail("the Dask engine needs the optional extra: pip install 'spacecoop[dask]'")
        return engine, workers or max(jobs, 2)
    return engine, jobs


def _guard(path: str | Path | None, force: bool) -> None:
    if path is None or str(path) == "-":
        return
    if Path(path).exists() and not force:
        raise _fail(f"{path} exists; pass --force to overwrite it")


@app.command()
def extract(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Article .txt files, folders of them, .jsonl files of articles, or - (JSONL on stdin)."
        ),
    ],
    output: Annotated[str, typer.Option("--output", "-o", help="Records JSONL, or - for stdout.")],
    entities: Annotated[
        str | None, typer.Option("--entities", help="Also write entity mentions (JSONL) here.")
    ] = None,
    errors: Annotated[
        str | None, typer.Option("--errors", help="Write rejected/repaired inputs (JSONL) here.")
    ] = None,
    metadata: Annotated[
        Path | None,
        typer.Option(
            "--metadata",
            help="JSONL of article metadata (id, published, title...) for .txt inputs.",
        ),
    ] = None,
    jobs: JobsOpt = 1,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    workers: WorkersOpt = None,
    model: ModelOpt = None,
    patterns: PatternsOpt = None,
    cache: Annotated[
        Path | None,
        typer.Option("--cache", help="SQLite results cache: re-runs skip unchanged articles."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite existing output files.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No per-article messages on stderr.")
    ] = False,
) -> None:
    """Extract cooperation records from articles into JSON Lines.

    Exit code 0 when every article was processed, 1 when some were rejected (each is named with
    file, line and reason on stderr and in --errors), 2 on usage errors.
    """
    from .extract import Options, run_extraction
    from .io import read_metadata
    from .pipeline import ModelNotFoundError

    for target in (output, entities, errors):
        _guard(target, force)
    try:
        meta = read_metadata(metadata) if metadata else None
    except (OSError, ValueError) as err:
        raise _fail(str(err)) from None
    engine, jobs = _engine_options(engine, scheduler, workers, jobs)
    options = Options(
        jobs=jobs,
        model=model,
        patterns_dir=patterns,
        cache_path=cache,
        metadata=meta,
        progress=output != "-",
        quiet=quiet,
        engine=engine,
        scheduler=scheduler,
    )
    try:
        summary = run_extraction(inputs, output, entities, errors, options)
    except ModelNotFoundError as err:
        raise _fail(str(err)) from None
    if not quiet:
        typer.echo(
            f"{summary.articles} articles ({summary.cached} cached), {summary.records} records, "
            f"{summary.rejected} rejected, {summary.warnings} repaired, "
            f"{summary.words / max(summary.seconds, 1e-9):,.0f} words/s",
            err=True,
        )
    raise typer.Exit(code=summary.exit_code)


@app.command()
def build(
    corpus: Annotated[
        Path, typer.Option("--corpus", help="Corpus folder (articles/, metadata.jsonl, gold/).")
    ] = Path("corpus"),
    out: Annotated[Path, typer.Option("--out", help="Output folder.")] = Path("outputs"),
    jobs: JobsOpt = 1,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    workers: WorkersOpt = None,
    model: ModelOpt = None,
    patterns: PatternsOpt = None,
    cache: Annotated[
        Path | None,
        typer.Option("--cache", help="Results cache (default: OUT/.cache/results.sqlite)."),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Process every article afresh.")
    ] = False,
    evaluate_: Annotated[
        bool,
        typer.Option(
            "--evaluate/--no-evaluate", help="Print the accuracy summary against the gold files."
        ),
    ] = True,
    baseline: Annotated[
        bool, typer.Option("--baseline/--no-baseline", help="Include the baseline row.")
    ] = True,
) -> None:
    """Regenerate OUT (records, entities, errors, manifest) from the corpus, then evaluate."""
    from .build import build_outputs
    from .corpus import Corpus
    from .extract import Options
    from .pipeline import ModelNotFoundError

    if not (corpus / "articles").is_dir():
        raise _fail(f"{corpus}/articles is not a folder")
    cache_path = None if no_cache else (cache or out / ".cache" / "results.sqlite")
    engine, jobs = _engine_options(engine, scheduler, workers, jobs)
    options = Options(
        jobs=jobs,
        model=model,
        patterns_dir=patterns,
        cache_path=cache_path,
        progress=True,
        quiet=True,
        engine=engine,
        scheduler=scheduler,
    )
    try:
        result = build_outputs(Corpus(corpus), out, options)
    except ModelNotFoundError as err:
        raise _fail(str(err)) from None
    s = result.summary
    typer.echo(
        f"built {out}/: {s.articles} articles ({s.cached} from cache), {s.records} records, "
        f"{s.rejected} rejected, in {s.seconds:.1f}s"
    )
    if evaluate_ and Corpus(corpus).gold_records.exists():
        from .evaluate import format_summary

        results = _evaluate_corpus(
            Corpus(corpus), out, model, patterns, baseline, out / "evaluation.json"
        )
        typer.echo(format_summary(results))
    raise typer.Exit(code=s.exit_code)


def _evaluate_corpus(
    corpus: Corpus,
    out: Path,
    model: str | None,
    patterns: Path | None,
    baseline: bool,
    json_path: Path,
) -> list[SplitResult]:
    from .evaluate import evaluate, read_entities, read_records, to_json
    from .io import atomic_writer

    gold = read_records(corpus.gold_records)
    pred = read_records(out / "records.jsonl")
    gold_ents = read_entities(corpus.gold_entities) if corpus.gold_entities.exists() else None
    pred_ents = read_entities(out / "entities.jsonl")
    base = _baseline(corpus, model, patterns) if baseline else None
    splits = corpus.splits() or {"all": {r.article_id for r in gold}}
    ordered = {k: splits[k] for k in sorted(splits)}
    results = evaluate(gold, pred, ordered, gold_ents, pred_ents, base)
    with atomic_writer(json_path) as handle:
        handle.write(
            json.dumps(to_json(results), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        )
    return results


def _baseline(corpus: Corpus, model: str | None, patterns: Path | None) -> list[Record]:
    import spacy

    from .baseline import baseline_records
    from .io import iter_items
    from .pipeline import resolve_model

    name, _ = resolve_model(model)
    nlp = spacy.load(name)
    articles = [
        i.article for i in iter_items([str(corpus.articles)], corpus.metadata()) if i.article
    ]
    return baseline_records(nlp, articles, patterns)


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Option("--gold", help="Gold records JSONL.")] = Path(
        "corpus/gold/records.jsonl"
    ),
    pred: Annotated[
        Path | None, typer.Option("--pred", help="Predicted records JSONL (omit with --run).")
    ] = None,
    gold_entities: Annotated[
        Path | None, typer.Option("--gold-entities", help="Gold entities JSONL.")
    ] = None,
    pred_entities: Annotated[
        Path | None, typer.Option("--entities", help="Predicted entities JSONL.")
    ] = None,
    corpus: Annotated[
        Path, typer.Option("--corpus", help="Corpus folder, for splits and --run.")
    ] = Path("corpus"),
    split: Annotated[
        str | None, typer.Option("--split", help="Only this split (dev or test).")
    ] = None,
    run: Annotated[
        bool, typer.Option("--run", help="Run the extractor on the corpus articles first.")
    ] = False,
    baseline: Annotated[
        bool, typer.Option("--baseline/--no-baseline", help="Add the baseline row.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    min_f1: Annotated[
        float | None,
        typer.Option("--min-f1", min=0.0, max=1.0, help="Exit 1 if strict record F1 is below."),
    ] = None,
    model: ModelOpt = None,
    patterns: PatternsOpt = None,
) -> None:
    """Score records (strict and lenient), status, dates and entities against gold; list every error."""
    import tempfile

    from .corpus import Corpus
    from .evaluate import evaluate as run_eval
    from .evaluate import format_report, lowest_f1, read_entities, read_records, to_json
    from .extract import Options, run_extraction

    c = Corpus(corpus)
    tmp = None
    if run:
        tmp = Path(tempfile.mkdtemp(prefix="spacecoop-eval-"))
        run_extraction(
            [str(c.articles)],
            tmp / "records.jsonl",
            tmp / "entities.jsonl",
            None,
            Options(model=model, patterns_dir=patterns, metadata=c.metadata(), quiet=True),
        )
        pred = tmp / "records.jsonl"
        pred_entities = pred_entities or tmp / "entities.jsonl"
    if pred is None:
        raise _fail("give --pred RECORDS or --run")
    if gold_entities is None and pred_entities is not None and c.gold_entities.exists():
        gold_entities = c.gold_entities
    try:
        gold_records = read_records(gold)
        pred_records = read_records(pred)
        g_ents = read_entities(gold_entities) if gold_entities else None
        p_ents = read_entities(pred_entities) if pred_entities else None
    except (OSError, ValueError) as err:
        raise _fail(str(err)) from None
    splits = c.splits() if c.metadata_path.exists() else {}
    if not splits:
        splits = {"all": {r.article_id for r in gold_records}}
    if split:
        if split not in splits:
            raise _fail(f"no split {split!r}; have {', '.join(sorted(splits))}")
        splits = {split: splits[split]}
    splits = {k: splits[k] for k in sorted(splits)}
    base = _baseline(c, model, patterns) if baseline else None
    results = run_eval(gold_records, pred_records, splits, g_ents, p_ents, base)
    if as_json:
        typer.echo(json.dumps(to_json(results), indent=2, sort_keys=True, ensure_ascii=False))
    else:
        typer.echo(format_report(results))
    if min_f1 is not None and lowest_f1(results) < min_f1:
        typer.secho(
            f"strict record F1 {lowest_f1(results):.3f} is below --min-f1 {min_f1}", err=True
        )
        raise typer.Exit(code=1)


@app.command()
def schema(
    kind: Annotated[str, typer.Argument(help="record, entities, errors or article.")] = "record",
) -> None:
    """Print the JSON Schema of an output (or input) line."""
    from .schema import Article, ArticleEntities, ErrorLine, Record

    models: dict[str, type[BaseModel]] = {
        "record": Record,
        "entities": ArticleEntities,
        "errors": ErrorLine,
        "article": Article,
    }
    if kind not in models:
        raise _fail(f"unknown schema {kind!r}; choose from {', '.join(models)}")
    typer.echo(json.dumps(models[kind].model_json_schema(), indent=2, sort_keys=True))


@app.command()
def explain(
    article: Annotated[Path, typer.Argument(help="A .txt article, or a .jsonl file with --id.")],
    article_id: Annotated[
        str | None, typer.Option("--id", help="Article id inside a .jsonl file.")
    ] = None,
    published: Annotated[
        str | None,
        typer.Option("--published", help="Publication date (YYYY-MM-DD) for relative dates."),
    ] = None,
    model: ModelOpt = None,
    patterns: PatternsOpt = None,
) -> None:
    """Show, sentence by sentence, the entities, cues and records the pipeline finds."""
    from .explain import explain_article
    from .io import iter_items

    items = [
        i
        for i in iter_items([str(article)])
        if i.article and (article_id is None or i.article.id == article_id)
    ]
    if not items:
        raise _fail(f"no article {'with id ' + article_id + ' ' if article_id else ''}in {article}")
    art = items[0].article
    assert art is not None
    if published:
        import datetime as dt

        try:
            art = art.model_copy(update={"published": dt.date.fromisoformat(published)})
        except ValueError:
            raise _fail(f"--published must be YYYY-MM-DD, got {published!r}") from None
    typer.echo(explain_article(art, model, patterns))


@patterns_app.command("build")
def patterns_build(patterns: PatternsOpt = None) -> None:
    """Regenerate the ruler patterns and lexicon from the gazetteer tables."""
    from .gazetteer import GazetteerError
    from .patterns import build as build_patterns
    from .resources import default_patterns_dir

    directory = patterns or default_patterns_dir()
    try:
        changed = build_patterns(directory)
    except GazetteerError as err:
        raise _fail(str(err)) from None
    for name, was_changed in changed.items():
        typer.echo(f"{'updated' if was_changed else 'unchanged'}: {directory / name}")


@patterns_app.command("check")
def patterns_check(patterns: PatternsOpt = None) -> None:
    """Validate the tables and fail (exit 1) if generated files are stale or the mission choice
    was trained with other rule files."""
    from .gazetteer import GazetteerError
    from .mission_choice import MODEL_FILE, stale_model
    from .patterns import stale_files
    from .resources import default_patterns_dir

    directory = patterns or default_patterns_dir()
    try:
        stale = stale_files(directory)
    except GazetteerError as err:
        raise _fail(str(err), code=1) from None
    if stale:
        raise _fail(f"stale: {', '.join(stale)}; run 'spacecoop patterns build'", code=1)
    try:
        stale_choice = stale_model(directory)
    except ValueError as err:
        raise _fail(str(err), code=1) from None
    if stale_choice:
        raise _fail(
            f"stale: {MODEL_FILE} was trained with other rule files; "
            "run 'spacecoop patterns train-missions'",
            code=1,
        )
    typer.echo("patterns are valid and up to date")


@patterns_app.command("import-gcat")
def patterns_import_gcat(
    orgs_tsv: Annotated[
        Path, typer.Argument(help="GCAT's organisations table (orgs.tsv).", metavar="ORGS_TSV")
    ],
    patterns: PatternsOpt = None,
) -> None:
    """Write gazetteer/gcat_orgs.csv from GCAT's organisations (those the hand tables lack)."""
    from .gcat import write_gcat_table
    from .resources import default_patterns_dir

    if not orgs_tsv.is_file():
        raise _fail(f"{orgs_tsv}: no such file")
    out, count = write_gcat_table(orgs_tsv, (patterns or default_patterns_dir()) / "gazetteer")
    typer.echo(f"wrote {out}: {count} organisations; now run 'spacecoop patterns build'")


@patterns_app.command("train-missions")
def patterns_train_missions(
    corpus: Annotated[Path, typer.Option("--corpus", help="Corpus folder.")] = Path("corpus"),
    split: Annotated[str, typer.Option("--split", help="Split to train on.")] = "dev",
    c: Annotated[
        float, typer.Option("--c", min=0.0001, help="Inverse L2 regularisation strength.")
    ] = 0.3,
    threshold: Annotated[
        float, typer.Option("--threshold", min=0.0, max=1.0, help="Keep candidates scoring this.")
    ] = 0.35,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the cross-validation only; write nothing.")
    ] = False,
    model: ModelOpt = None,
    patterns: PatternsOpt = None,
) -> None:
    """Fit the mission choice model (mission_choice.json) to a split's gold records (dev only:
    the test split stays unseen) and print its cross-validated effect beside the rules alone."""
    import sys

    from rich.console import Console
    from rich.progress import Progress

    from .corpus import Corpus
    from .pipeline import ModelNotFoundError
    from .train import train, write_model

    if not (corpus / "metadata.jsonl").is_file():
        raise _fail(f"{corpus}: no metadata.jsonl (not a corpus folder)")
    if split == "test":
        typer.secho("warning: training on the test split spoils it as a measure", err=True)
    total = len(Corpus(corpus).splits().get(split, ()))
    try:
        console = Console(stderr=True)
        with Progress(console=console, transient=True, disable=not sys.stderr.isatty()) as bar:
            task = bar.add_task(f"running the rules on {split}", total=total)
            trained = train(
                Corpus(corpus),
                split,
                model,
                patterns,
                c=c,
                threshold=threshold,
                progress=lambda n: bar.advance(task, n),
            )
    except (ValueError, RuntimeError, ModelNotFoundError) as err:
        raise _fail(str(err)) from None
    info = trained.training
    typer.echo(
        f"{info['articles']} {split} articles, {info['candidates']} candidate missions "
        f"({info['in_gold']} in gold), {len(trained.weights)} weights"
    )
    typer.echo(f"cross-validated by article ({info['cross_validation']['folds']} folds), strict:")
    for name in ("rules", "rules+choice"):
        m = info["cross_validation"][name]
        typer.echo(
            f"  {name:<13} P {100 * m['p']:5.1f}  R {100 * m['r']:5.1f}  F1 {100 * m['f']:5.1f}"
        )
    if not dry_run:
        typer.echo(f"wrote {write_model(trained, patterns)}")


@patterns_app.command("stats")
def patterns_stats(
    patterns: PatternsOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Count entities by kind, aliases and patterns."""
    from .patterns import stats
    from .resources import default_patterns_dir

    data = stats(patterns or default_patterns_dir())
    if as_json:
        typer.echo(json.dumps(data, indent=2, sort_keys=True))
        return
    typer.echo("organisations by kind:")
    for kind, n in data["organisations_by_kind"].items():
        typer.echo(f"  {kind:<18} {n:>5}")
    typer.echo("missions by type:")
    for kind, n in data["missions_by_type"].items():
        typer.echo(f"  {kind:<18} {n:>5}")
    typer.echo(
        f"organisations {data['organisations']}, missions {data['missions']}, "
        f"aliases {data['aliases']}, shared aliases {data['shared_aliases']}"
    )
    typer.echo("patterns: " + ", ".join(f"{k} {v}" for k, v in data["patterns"].items()))


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
