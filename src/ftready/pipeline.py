"""`analyse()`: load the file, run the stages, the rules and the verdict, and return one immutable `Analysis`.

load (tokens counted in the background) -> the stages that do not need token counts, beside the counting ->
the stages that do -> the rules of the code table -> the verdict. A stage runs when a selected rule reads its
section or another running stage needs it (`ftready.stages`); long stages take the progress callback and the
cancel event.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Protocol, TypeVar

import polars as pl

from ftready._version import __version__
from ftready.errors import InputError, UsageError
from ftready.humanize import byte_size
from ftready.load import LoadResult, load_dataset
from ftready.load.readers import regular_file
from ftready.model import Analysis, Finding, Problem, Severity, TokenStats
from ftready.neardup import Sketcher
from ftready.procs import spawn_pool
from ftready.progress import ProgressFn, check_cancel, no_progress
from ftready.redact import mask_tree, redact
from ftready.rules.base import Hit
from ftready.rules.codes import BY_CODE, CODES, DEFAULTS, is_selected
from ftready.settings import DEFAULT_ENCODING, DEFAULT_MAX_EXAMPLE_TOKENS, Settings
from ftready.stages.base import TOKENS, Stage
from ftready.stages.catalogue import STAGES
from ftready.stages.context import Context, LoadNotes
from ftready.tokens import Encoder, FastSample, TokenStream, count_frame, count_slots, get_encoder
from ftready.verdict import decide

BY_NAME = {s.name: s for s in STAGES}
EXCERPT_CHARS = 100
PROCESS_THRESHOLD_BYTES = 32 * 1024 * 1024


def _model_limits(settings: Settings) -> tuple[str, int, str | None]:
    """Encoding and per-example limit: flags first, then the chosen model's pricing entry, then defaults."""
    encoding = settings.encoding
    limit = settings.max_example_tokens
    note = None
    model = settings.assumption("model")
    if isinstance(model, str) and model and (encoding is None or limit is None):
        from ftready.pricing import load_pricebook

        entry = load_pricebook(settings.pricing_dirs).find(model)
        if entry is None:
            note = f"model {model!r} is not in the pricing tables; default limits used"
        else:
            encoding = encoding or entry.encoding
            limit = limit or entry.max_example_tokens
    return encoding or DEFAULT_ENCODING, int(limit or DEFAULT_MAX_EXAMPLE_TOKENS), note


def _warm_diversity() -> None:
    with contextlib.suppress(Exception):  # only a head start; the stage imports what it needs itself
        importlib.import_module("ftready.stages.diversity").warm()


_T = TypeVar("_T")


class Timed(Protocol):
    """`timed(name, fn)`: run fn, add its wall time to the timings under `name`, return its result."""

    def __call__(self, name: str, fn: Callable[[], _T]) -> _T: ...


class _Timer:
    def __init__(self, timings: dict[str, float]) -> None:
        self.timings = timings

    def __call__(self, name: str, fn: Callable[[], _T]) -> _T:
        t0 = time.perf_counter()
        try:
            return fn()
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - t0


def _timer(timings: dict[str, float]) -> Timed:
    """`timed(name, fn)`: run fn and add its wall time to timings[name]."""
    return _Timer(timings)


def analyse(
    path: str | Path,
    settings: Settings | None = None,
    *,
    progress: ProgressFn = no_progress,
    cancel: threading.Event | None = None,
    findings_only: bool = False,
) -> Analysis:
    """Analyse a dataset file. Raises FtreadyError subclasses for runs that cannot be done (exit code 2).

    `findings_only` (`ftready check`): the caller shows the findings alone, so measurements that cannot produce a
    finding at this input's size are skipped (see `ftready.stages.diversity`) and nothing is imported ahead of
    need; the findings are the same, the sections may hold less."""
    settings = settings or Settings()
    timings: dict[str, float] = {}
    notes: list[str] = []
    timed = _timer(timings)

    # Every input is checked before anything opens it: a FIFO would block the run, a device never end.
    inputs = ((path, None), (settings.validation, "--validation"), (settings.previous, "--previous"))
    for p, what in (*inputs, *((a, "--against") for a in settings.against)):
        if p:
            regular_file(p, what)
    on_disk = check_memory(path, settings.validation, *settings.against)
    # Large inputs use worker processes, so that their work never waits for the interpreter lock the parsing
    # thread holds; small ones use threads, which start instantly.
    big = on_disk > PROCESS_THRESHOLD_BYTES
    enabled = enabled_stages(settings)
    diversity = "diversity" in enabled
    duplicates = "duplicates" in enabled
    helper = _helper_process(diversity) if big and (diversity or duplicates) else None
    if diversity and helper is None and not findings_only:  # scikit-learn takes a second or two to import
        threading.Thread(target=_warm_diversity, name="ftready-warm", daemon=True).start()
    encoding, limit, note = _model_limits(settings)
    if note:
        notes.append(note)
    encoder = get_encoder(encoding)
    # Exact mode: texts are counted in the background while the file is read and the token-free stages run.
    # --fast: only the texts of a sample (and of examples that could exceed the limit) are kept, to be counted.
    counter: TokenStream | FastSample = (
        FastSample(limit, settings.seed)
        if settings.fast
        else TokenStream(encoder, cancel=cancel, progress=progress, processes=big)
    )
    # Near-duplicate signatures are computed in the helper process while the file is read.
    sketcher = None
    if helper is not None and duplicates:
        from ftready.stages.duplicates import text_hashes

        sketcher = Sketcher(helper, settings.seed, cancel=cancel, extra=text_hashes)
    try:
        return _run(
            path,
            settings,
            encoder,
            limit,
            counter,
            sketcher,
            helper,
            timed,
            timings,
            notes,
            progress,
            cancel,
            findings_only,
        )
    except MemoryError:
        raise InputError(
            f"{path}: ran out of memory analysing the file; analyse it in shards (see docs/scaling.md)"
        ) from None
    finally:
        counter.close()
        if helper is not None:
            helper.shutdown(wait=True, cancel_futures=True)  # see TokenStream.close
        if sketcher is not None:
            sketcher.close()


def _helper_process(warm: bool) -> Executor | None:
    """One spawned process for work that would otherwise wait for the interpreter lock the parsing thread holds:
    near-duplicate signatures while the file is read, and the topic model (`warm`: it imports scikit-learn at
    once). None when no process can be started here."""
    try:
        pool = spawn_pool(1, _warm_diversity if warm else None)
        pool.submit(int)  # starts the process now
    except Exception:
        return None
    return pool


def _run(
    path: str | Path,
    settings: Settings,
    encoder: Encoder,
    limit: int,
    stream: TokenStream | FastSample,
    sketcher: Sketcher | None,
    helper: Executor | None,
    timed: Timed,
    timings: dict[str, float],
    notes: list[str],
    progress: ProgressFn,
    cancel: threading.Event | None,
    findings_only: bool = False,
) -> Analysis:
    def load(p: str | Path, what: str | None, count: bool = True, sketch: Sketcher | None = None) -> LoadResult:
        try:
            return load_dataset(
                p,
                settings.format,
                progress=progress,
                cancel=cancel,
                tokens=stream if count else None,
                sketch=sketch,
                field_map=dict(settings.field_map) or None,
            )
        except InputError as exc:
            if what is None:
                raise
            raise InputError(f"{what}: {exc}") from None

    loaded: LoadResult = timed("load", lambda: load(path, None, sketch=sketcher))
    check_cancel(cancel)
    val = prev = None
    if settings.validation:
        vpath = settings.validation
        # every text of the validation file is counted, also with --fast
        val = timed("load", lambda: load(vpath, "--validation", count=not settings.fast))
    if settings.previous:
        ppath = settings.previous
        prev = timed("load", lambda: load(ppath, "--previous", count=False))

    against: list[LoadResult] = [timed("load", partial(load, a, "--against", count=False)) for a in settings.against]

    info = loaded.info
    if val is not None:
        info = replace(info, validation_path=val.info.path, validation_examples=val.info.examples)
    ctx = Context(
        frame=loaded.frame,
        info=info,
        problems=loaded.problems,
        settings=settings,
        tokens=None,
        effective_examples=loaded.frame.height,
        validation=val.frame if val is not None else None,
        validation_info=val.info if val is not None else None,
        validation_problems=tuple(val.problems) if val is not None else (),
        previous=prev.frame if prev is not None else None,
        previous_info=prev.info if prev is not None else None,
        against=tuple((other.info.path, other.frame) for other in against),
        load=LoadNotes(loaded.remarks, dict(loaded.extra_keys.most_common()), loaded.problem_counts),
        defaults=DEFAULTS,
        cancel=cancel,
        helper=helper,
        sketches=sketcher,
        findings_only=findings_only,
    )
    enabled = enabled_stages(settings)
    first = tuple(n for n in enabled if TOKENS not in _all_needs(n))
    second = tuple(n for n in enabled if n not in first)

    # The token counts (the rest of the background counting, or the --fast sample) are taken in a thread beside
    # the token-free stages: tiktoken, numpy and polars release the interpreter lock.
    with ThreadPoolExecutor(1, "ftready-count") as pool:
        counted = pool.submit(
            timed, "tokens", lambda: _count(loaded, val, stream, encoder, limit, settings, progress, cancel)
        )
        try:
            _run_stages(ctx, first, timed, progress)
        except BaseException:
            counted.cancel()
            stream.close()
            raise
        frame, tokens, val_frame = counted.result()
    ctx.frame, ctx.tokens, ctx.validation = frame, tokens, val_frame
    _run_stages(ctx, second, timed, progress)
    ctx.helper = ctx.sketches = None  # both end with the run; what reassess keeps must not refer to them
    extra = validation_findings(val) if val is not None else []
    for other in against:
        extra += validation_findings(other, "evaluation file")
    saved = _Saved(ctx, (encoder.requested, limit), settings, tuple(loaded.problems), tuple(extra))
    return _finish(saved, timed, timings, notes)


@dataclass
class _Saved:
    """What `reassess` needs to redo the cost-dependent stages without reading the file again."""

    ctx: Context
    limits: tuple[str, int]
    settings: Settings
    problems: tuple[Problem, ...]
    extra_findings: tuple[Finding, ...]


def _all_needs(name: str) -> set[str]:
    """The sections a stage needs, directly or through the stages it needs."""
    out: set[str] = set()
    todo = list(BY_NAME[name].needs)
    while todo:
        n = todo.pop()
        if n not in out:
            out.add(n)
            if n in BY_NAME:
                todo.extend(BY_NAME[n].needs)
    return out


def enabled_stages(settings: Settings) -> tuple[str, ...]:
    """The stages this run needs, in an order that respects every stage's needs: those whose section a selected
    rule reads, and the stages they need."""
    wanted: set[str] = set()
    for rule in CODES:
        if rule.fn is not None and is_selected(rule.code, settings.select, settings.ignore):
            wanted.update(r for r in rule.reads if r in BY_NAME)
    return enabled_order(s.name for s in STAGES if s.name in wanted)  # the catalogue's order where needs allow


def _run_stages(ctx: Context, names: Iterable[str], timed: Timed, progress: ProgressFn) -> None:
    """Run the named stages, already in dependency order. A stage declared `thread` (numpy and polars, which
    release the interpreter lock) runs in a thread of its own beside the others; a stage that needs its section
    waits for it. Each stage writes only its own section."""
    todo = [BY_NAME[n] for n in names]

    def one(stage: Stage) -> None:
        check_cancel(ctx.cancel)
        progress(stage.name, 0, 1)
        if stage.progress is not None:
            run = stage.progress
            result = timed(stage.name, lambda: run(ctx, progress))
        else:
            result = timed(stage.name, lambda: stage.run(ctx))
        setattr(ctx, stage.name, result)
        progress(stage.name, 1, 1)

    beside = [st for st in todo if st.thread]
    with ThreadPoolExecutor(max(1, len(beside)), "ftready-stage") as pool:
        futures = {st.name: pool.submit(one, st) for st in beside}
        try:
            for st in todo:
                if st.thread:
                    continue
                for need in _all_needs(st.name):
                    if need in futures:
                        futures[need].result()
                one(st)
        finally:
            for f in futures.values():
                f.result()
    if "duplicates" in futures or any(st.name == "duplicates" for st in todo):
        d = ctx.duplicates
        if d is not None:
            ctx.effective_examples = max(0, ctx.frame.height - d.redundant)


def _finish(saved: _Saved, timed: Timed, timings: dict[str, float], notes: list[str]) -> Analysis:
    ctx = saved.ctx
    findings = timed("checks", lambda: run_checks(ctx)) + list(saved.extra_findings)
    findings.sort(key=lambda f: (f.severity.rank, f.code))
    # the one masking step: every string from the data (labels, openings, topic terms, key names in problem
    # messages, the file name, ...) leaves the core with its secrets and personal data masked and its control
    # characters escaped, whatever family produced it
    analysis = Analysis(
        tool_version=__version__,
        dataset=ctx.info,
        tokens=ctx.tokens,
        problems=saved.problems,
        findings=tuple(findings),
        verdict=decide(ctx, findings),
        duplicates=ctx.duplicates,
        diversity=ctx.diversity,
        labels=ctx.labels,
        costs=ctx.costs,
        churn=ctx.churn,
        privacy=ctx.privacy,
        quality=ctx.quality,
        risk=ctx.risk,
        excerpts=_excerpts(ctx),
        effective_examples=ctx.effective_examples,
        settings=saved.settings.to_dict(),
        timings=timings,
        notes=tuple(notes),
        context=saved,
    )
    return mask_tree(analysis)


def reassess(
    previous: Analysis,
    settings: Settings,
    *,
    progress: ProgressFn = no_progress,
    cancel: threading.Event | None = None,
) -> Analysis:
    """The analysis again with other cost assumptions or pricing tables, without reading the file again.

    Only the stages that depend on them (costs, risk), the checks and the verdict run again. Any other change of
    settings (thresholds, selection, the model's encoding or token limit) needs a full `analyse()`, which this
    falls back to.
    """
    saved = previous.context
    if not isinstance(saved, _Saved):
        return analyse(previous.dataset.path, settings, progress=progress, cancel=cancel)

    def bare(s: Settings) -> Settings:
        return replace(s, assumptions={}, pricing_dirs=())

    encoding, limit, note = _model_limits(settings)
    if bare(saved.settings) != bare(settings) or (get_encoder(encoding).requested, limit) != saved.limits:
        return analyse(previous.dataset.path, settings, progress=progress, cancel=cancel)
    ctx = replace(saved.ctx, settings=settings, cancel=cancel, helper=None)
    timings: dict[str, float] = {}
    timed = _timer(timings)
    _run_stages(ctx, [n for n in enabled_stages(settings) if TOKENS in _all_needs(n)], timed, progress)
    notes = [n for n in previous.notes if "not in the pricing tables" not in n] + ([note] if note else [])
    return _finish(replace(saved, ctx=ctx, settings=settings), timed, timings, notes)


MEMORY_PER_BYTE = 7  # peak memory (all processes) per byte of uncompressed input: 5.5 exact, 5.1 --fast at 1M
GZIP_RATIO = 4  # assumed expansion of a gzipped file


def available_memory() -> int | None:
    """Bytes of memory available to this run: FTREADY_MAX_MEMORY if set, else the system's available memory."""
    env = os.environ.get("FTREADY_MAX_MEMORY")
    if env:
        try:
            return int(float(env))
        except ValueError:
            raise UsageError(f"FTREADY_MAX_MEMORY={env!r}: must be a number of bytes") from None
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def check_memory(*paths: str | Path | None) -> int:
    """Report an input too large to analyse in this machine's memory before reading it, instead of crashing.

    Returns the inputs' size on disk in bytes."""
    need = on_disk = 0
    for p in paths:
        if not p:
            continue
        try:
            size = os.stat(p).st_size
            with open(p, "rb") as fh:
                gz = fh.read(2) == b"\x1f\x8b"
        except OSError:
            continue  # the loader reports missing or unreadable files
        on_disk += size
        need += size * MEMORY_PER_BYTE * (GZIP_RATIO if gz else 1)
    have = available_memory()
    if have is not None and need > have:
        raise InputError(
            f"{paths[0]}: too large to analyse in memory here (needs about {byte_size(need)}, {byte_size(have)} "
            "available); analyse it in shards (see docs/scaling.md)"
        )
    return on_disk


def _count(
    loaded: LoadResult,
    val: LoadResult | None,
    stream: TokenStream | FastSample,
    encoder: Encoder,
    limit: int,
    settings: Settings,
    progress: ProgressFn,
    cancel: threading.Event | None,
) -> tuple[pl.DataFrame, TokenStats, pl.DataFrame | None]:
    """Token columns and statistics of the training frame (and the validation frame)."""
    if isinstance(stream, TokenStream):
        slot_tokens, slot_bytes = stream.result()
        frame, stats = count_slots(
            loaded.frame, loaded.segments, loaded.overhead, slot_tokens, slot_bytes, encoder, max_example_tokens=limit
        )
        val_frame = None
        if val is not None:
            val_frame = count_slots(
                val.frame, val.segments, val.overhead, slot_tokens, slot_bytes, encoder, max_example_tokens=limit
            )[0]
        return frame, stats, val_frame

    def count(lr: LoadResult, fast: bool) -> tuple[pl.DataFrame, TokenStats]:
        return count_frame(
            lr.frame,
            lr.segments,
            lr.overhead,
            encoder,
            max_example_tokens=limit,
            fast=fast,
            seed=settings.seed,
            progress=progress,
            cancel=cancel,
            sample=stream if lr is loaded else None,
        )

    frame, stats = count(loaded, settings.fast)
    val_frame = count(val, False)[0] if val is not None else None
    stream.close()  # the sample's texts are no longer needed: free them before the remaining stages
    return frame, stats, val_frame


def _takes_progress(fn: Callable[..., object]) -> bool:
    import inspect

    return "progress" in inspect.signature(fn).parameters


def run_rule(ctx: Context, code: str) -> list[Finding]:
    """One rule's findings on a context whose sections it reads are computed, with the configured severity."""
    rule = BY_CODE[code]
    if rule.fn is None:
        return []
    if not ctx.defaults:
        ctx.defaults = DEFAULTS
    res = rule.fn(ctx, ctx.params_for(code))
    items: list[object] = [] if res is None else (list(res) if isinstance(res, (list, tuple)) else [res])
    out = []
    for item in items:
        if not isinstance(item, Hit):
            raise TypeError(f"{code}: a rule returns hits, not {type(item).__name__}")
        f = rule.finding(item)
        sev = ctx.settings.check_severity.get(f.code)
        out.append(replace(f, severity=Severity(sev)) if sev else f)
    return out


def run_checks(ctx: Context) -> list[Finding]:
    """Every selected rule of the code table, in code order."""
    s = ctx.settings
    return [f for rule in CODES if is_selected(rule.code, s.select, s.ignore) for f in run_rule(ctx, rule.code)]


def evaluate(ctx: Context, code: str) -> list[Finding]:
    """One rule on a context built by hand: the sections it reads are computed first where missing."""
    compute(ctx, *(n for n in BY_CODE[code].reads if n in BY_NAME and getattr(ctx, n) is None))
    return run_rule(ctx, code)


def compute(ctx: Context, *names: str) -> None:
    """Run the named stages on a context, after the stages they need whose sections are still missing (for
    callers that build a context by hand, such as tests and notebooks)."""
    for name in enabled_order(names):
        if name in names or getattr(ctx, name) is None:
            setattr(ctx, name, BY_NAME[name].run(ctx))


def enabled_order(names: Iterable[str]) -> tuple[str, ...]:
    """The named stages and those they need, in dependency order."""
    ordered: list[str] = []

    def visit(name: str) -> None:
        if name in ordered:
            return
        for need in BY_NAME[name].needs:
            if need in BY_NAME:
                visit(need)
        ordered.append(name)

    for name in names:
        visit(name)
    return tuple(ordered)


def validation_findings(val: LoadResult, what: str = "validation file") -> list[Finding]:
    """The validation file (and each --against evaluation file) is checked like the training file: its unusable
    records are an error too, since what cannot be read is neither evaluated nor compared for leakage."""
    if not val.problems:
        return []
    lines = sorted({p.line for p in val.problems})
    invalid = val.info.invalid or len(lines)
    return [
        BY_CODE["FT100"].finding(
            Hit(
                f"{what} {val.info.path}: {invalid:,} of {val.info.records:,} records cannot be used "
                f"(first: line {val.problems[0].line}: {val.problems[0].code} {val.problems[0].message})",
                count=invalid,
            )
        )
    ]


_MASK_WINDOW = 20_000  # characters of a text masked for its excerpt (a PEM block of a 4096-bit key is ~3,300)


def _excerpts(ctx: Context, max_groups: int = 50, per_group: int = 6) -> dict[str, dict[int, str]]:
    """Short texts of the lines the reports show beside duplicate groups, conflicts and leakage (masked)."""
    d = ctx.duplicates
    if d is None:
        return {}
    train: set[int] = set()
    val: set[int] = set()
    for groups in (d.exact.groups, d.near.groups, d.conflicts.groups, d.replies.groups):
        for g in groups[:max_groups]:
            train.update(g[:per_group])
    for pairs in (d.leakage.pairs, d.leakage.prompt_pairs):
        for v, t in pairs[: max_groups * 2]:
            val.add(v)
            train.add(t)
    out: dict[str, dict[int, str]] = {}
    if train:
        out["train"] = _texts(ctx.frame, train)
    if val and ctx.validation is not None:
        out["validation"] = _texts(ctx.validation, val)
    return out


def _texts(frame: pl.DataFrame, lines: set[int]) -> dict[int, str]:
    sub = frame.filter(pl.col("line").is_in(sorted(lines))).select("line", "text")
    res: dict[int, str] = {}
    for line, text in sub.iter_rows():
        # masked before the whitespace is collapsed and the text cut: a private key needs its lines, and an item
        # cut in two by the excerpt's end would no longer be recognised
        one = " ".join(redact((text or "")[:_MASK_WINDOW]).split())
        res[int(line)] = one[:EXCERPT_CHARS]
    return res
