"""The Markdown report: renders an Analysis, computes nothing of its own."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial

from ftready import humanize
from ftready.humanize import NA, significant
from ftready.model import Analysis, Finding, Severity
from ftready.model.duplicates import Leakage
from ftready.vocabulary import APPROACH_NAMES, cost_line, plural, severity_counts, verdict_label

MAX_LINES_SHOWN = 12
MAX_PROBLEMS = 100
MAX_GROUPS = 5

# money in the Markdown report: always two decimals, the currency code before the amount
money = partial(humanize.money, style="cents", unknown=NA, code_first=True)


def esc(text: object) -> str:
    """Make text safe inside a Markdown table cell or list item."""
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("`", "'")


def lines_text(lines: Sequence[int], total: int | None = None, limit: int = MAX_LINES_SHOWN) -> str:
    shown = ", ".join(str(x) for x in lines[:limit])
    more = (total if total is not None else len(lines)) - min(len(lines), limit)
    return shown + (f", … (+{more} more)" if more > 0 else "")


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(esc(c) for c in r) + " |" for r in rows]
    return out


def render(a: Analysis) -> str:
    out: list[str] = []
    for section in SECTIONS:
        part = section(a)
        if part:
            out += [*part, ""]
    return "\n".join(out).rstrip() + "\n"


def _verdict(a: Analysis) -> list[str]:
    v = a.verdict
    out = [
        f"# ftready: {esc(a.dataset.path)}",
        "",
        f"**Verdict: {verdict_label(v.recommendation)}** — {esc(v.headline)}",
        "",
    ]
    out += [f"- {esc(r)}" for r in v.reasons]
    return out


def _counts(findings: Sequence[Finding]) -> str:
    n = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    return severity_counts(n[Severity.ERROR], n[Severity.WARNING], n[Severity.INFO])


def _summary(a: Analysis) -> list[str]:
    d = a.dataset
    rows: list[tuple[str, str]] = [
        ("Format", f"{d.format_name} ({d.container}{', forced' if d.format_forced else ', detected'})"),
        ("Records", f"{d.records:,} read · {d.examples:,} valid · {d.invalid:,} invalid"),
    ]
    if d.mapping:
        shown = ", ".join(f"{role} = `{fld}`" for role, fld in d.mapping.items())
        rows.insert(1, ("Fields mapped", f"{shown} (change with `--map ROLE=FIELD`)"))
    if a.effective_examples is not None and a.effective_examples != d.examples:
        rows.append(("Effective examples", f"{a.effective_examples:,} (valid minus redundant duplicates)"))
    if d.validation_path:
        rows.append(("Validation", f"{d.validation_path} ({d.validation_examples:,} valid examples)"))
    t = a.tokens
    if t is not None:
        approx = " (approximate)" if t.approximate else ""
        rows.append(
            ("Tokens", f"{t.total:,} total · {t.per_example.mean:,.0f} mean per example · {t.encoding}{approx}")
        )
        if t.reasoning_total:
            share = t.reasoning_total / t.response_total if t.response_total else 0.0
            rows.append(
                ("Reasoning tokens", f"{t.reasoning_total:,} of the {t.response_total:,} reply tokens ({share:.0%})")
            )
    dup = a.duplicates
    if dup:
        rows.append(
            (
                "Duplicates",
                f"{dup.exact.redundant:,} exact · {dup.near.redundant:,} near · "
                f"{plural(dup.conflicts.group_count, 'conflict group')}"
                + (f" · {plural(dup.leakage.total, 'leaked validation example')}" if d.validation_path else ""),
            )
        )
    if a.labels:
        rows.append(("Labels", f"{a.labels.n_labels} labels"))
    chosen = a.costs.chosen if a.costs is not None else None
    if a.costs is not None and chosen is not None:
        rows.append(
            (
                "First-year cost",
                f"{money(chosen.first_year_total, a.costs.currency)} ({chosen.provider} {chosen.model})",
            )
        )
    rows.append(("Findings", _counts(a.findings)))
    return ["## Summary", "", *table(("", ""), rows)]


def findings_markdown(a: Analysis) -> str:
    """The report's Findings section alone (what `ftready check` prints for each file)."""
    return "\n".join(_findings(a)) + "\n"


def _findings(a: Analysis) -> list[str]:
    if not a.findings:
        return ["## Findings", "", "No findings."]
    out = ["## Findings"]
    titles = {Severity.ERROR: "Errors", Severity.WARNING: "Warnings", Severity.INFO: "Info"}
    for sev in Severity:
        group = [f for f in a.findings if f.severity is sev]
        if not group:
            continue
        out += ["", f"### {titles[sev]}", ""]
        for f in group:
            item = f"- **{f.code} {f.name}** — {esc(f.message)}"
            if f.lines:
                item = _sentence(item) + f" Lines: {lines_text(f.lines, f.count or len(f.lines))}."
            out.append(item)
    out += ["", "Run `ftready explain CODE` for what a check means and why it matters."]
    return out


def _problems(a: Analysis) -> list[str]:
    if not a.problems:
        return []
    rows = [(p.line, p.code, p.message) for p in a.problems[:MAX_PROBLEMS]]
    container = a.dataset.container.removesuffix("+gzip")
    what = {"jsonl": "line", "parquet": "row"}.get(container, "record")
    out = ["## Problems (records that cannot be used)", "", *table((what, "code", "problem"), rows)]
    total = max(a.dataset.problems, len(a.problems))
    if total > MAX_PROBLEMS:
        more = f"… and {total - MAX_PROBLEMS:,} more"
        out += ["", more + (" (see `--report json`)." if len(a.problems) > MAX_PROBLEMS else ".")]
    return out


def _tokens(a: Analysis) -> list[str]:
    t = a.tokens
    if t is None:
        return []
    e, r = t.per_example, t.response_per_example
    out = [
        "## Tokens",
        "",
        *table(
            ("", "min", "p50", "p95", "max", "mean", "total"),
            [
                (
                    "per example",
                    significant(e.min),
                    significant(e.p50),
                    significant(e.p95),
                    significant(e.max),
                    significant(e.mean),
                    f"{t.total:,}",
                ),
                (
                    "assistant replies",
                    significant(r.min),
                    significant(r.p50),
                    significant(r.p95),
                    significant(r.max),
                    significant(r.mean),
                    f"{t.response_total:,}",
                ),
            ],
        ),
        "",
        f"- Encoding: {t.encoding}"
        + (f" (requested {t.requested_encoding})" if t.requested_encoding != t.encoding else ""),
        f"- Counting: {t.convention}",
        f"- Over the {t.max_example_tokens:,}-token training limit: {plural(t.over_limit, 'example')}"
        + (
            f" (lines {lines_text(t.over_limit_lines)}; {t.truncated_tokens:,} tokens would be cut)"
            if t.over_limit
            else ""
        ),
    ]
    if t.approximate and t.approximate_reason:
        out.append(f"- **Approximate:** {esc(t.approximate_reason)}")
    return out


def _excerpt(a: Analysis, line: int, side: str = "train") -> str:
    return a.excerpts.get(side, {}).get(line, "")


def _groups(a: Analysis, title: str, groups: Sequence[Sequence[int]], count: int, side: str = "train") -> list[str]:
    if not groups:
        return []
    out = [f"**{title}** — {plural(count, 'group')}; largest:", ""]
    for g in groups[:MAX_GROUPS]:
        out.append(f"- {len(g)} examples, lines {lines_text(list(g), limit=8)}")
        for line in list(g)[:3]:
            out.append(f"  - {line}: `{esc(_excerpt(a, line, side))}`")
    return [*out, ""]


def _leak_lines(leak: Leakage, what: str) -> str:
    same = f"{leak.count:,} the same example ({leak.exact:,} exact, {leak.near:,} near)"
    return (
        f"- {what}: {leak.total:,} of {significant(leak.validation_examples)} examples also in training — {same}, "
        f"{leak.same_prompt:,} the same prompt with another reply"
    )


def _leak_pairs(a: Analysis, leak: Leakage, side: str | None) -> list[str]:
    out: list[str] = []
    for title, pairs in (
        ("same example", leak.pairs),
        ("same prompt, another reply", leak.prompt_pairs),
    ):
        if not pairs:
            continue
        where = esc(leak.validation_path) if side is None else "validation"
        out += [f"**Leaked examples of {where}: {title}** ({side or 'evaluation'} line → training line):", ""]
        for v, t in pairs[: MAX_GROUPS * 2]:
            shown = _excerpt(a, v, side) if side is not None else _excerpt(a, t)
            out.append(f"- {v} → {t}" + (f": `{esc(shown)}`" if shown else ""))
        out.append("")
    return out


def _duplicates(a: Analysis) -> list[str]:
    d = a.duplicates
    if d is None:
        return []
    out = ["## Duplicates", ""]
    near = d.near
    out.append(
        f"- Exact duplicates: {plural(d.exact.redundant, 'redundant example')} in {plural(d.exact.group_count, 'group')}"
    )
    out.append(
        f"- Near duplicates (Jaccard ≥ {near.threshold}; {near.shingles}): "
        f"{plural(near.redundant, 'redundant example')} in {plural(near.group_count, 'group')}"
    )
    out.append(f"- Conflicting answers: {plural(d.conflicts.group_count, 'group')}")
    out.append(f"- Templated replies (one reply for several prompts): {plural(d.replies.group_count, 'group')}")
    if d.leakage.validation_path:
        out.append(_leak_lines(d.leakage, "Validation set"))
    for leak in d.against:
        out.append(_leak_lines(leak, f"Evaluation set {esc(leak.validation_path)}"))
    out.append("")
    out += _groups(a, "Exact duplicate groups", d.exact.groups, d.exact.group_count)
    out += _groups(a, "Near-duplicate groups", near.groups, near.group_count)
    out += _groups(a, "Conflicting answers (same prompt, different reply)", d.conflicts.groups, d.conflicts.group_count)
    out += _groups(a, "Templated replies (same reply, different prompts)", d.replies.groups, d.replies.group_count)
    out += _leak_pairs(a, d.leakage, "validation")
    for leak in d.against:
        out += _leak_pairs(a, leak, None)
    while out[-1] == "":
        out.pop()
    return out


def _diversity(a: Analysis) -> list[str]:
    d = a.diversity
    if d is None:
        return []
    out = ["## Diversity", ""]
    rows = []
    dn = d.distinct_n
    for n in range(1, 5):
        rows.append(
            (f"distinct-{n}", *(_side(None if s is None else s.distinct(n)) for s in (dn.prompts, dn.responses)), "")
        )
    rows[0] = (*rows[0][:3], dn.meaning + f" (budget {significant(dn.budget_words)} words)")
    comp = d.compression
    rows.append(
        (
            "compression ratio",
            *(_side(None if s is None else s.ratio) for s in (comp.prompts, comp.responses)),
            comp.meaning,
        )
    )
    op = d.openings
    sides = (op.prompts, op.responses)
    rows.append(("top opening share", *(_side(None if s is None else s.top_share) for s in sides), op.meaning))
    rows.append(
        ("distinct openings", *(_side(None if s is None else s.distinct_in_sample) for s in sides), "in a fixed sample")
    )
    out += table(("metric", "prompts", "replies", "meaning"), rows)
    dom = d.dominant
    if dom is not None and dom.top:
        out += ["", f"Most repeated replies ({significant(dom.replies)} replies):", ""]
        out += table(("share", "count", "reply"), [(f"{t.share:.1%}", t.count, t.text[:90]) for t in dom.top[:5]])
    topics = d.topics
    if topics.clusters:
        out += [
            "",
            f"Topic spread: normalised entropy {topics.normalized_entropy} over {topics.k} clusters, "
            f"largest cluster {topics.largest_share or 0:.0%} (sample of {significant(topics.sample)}). "
            + _sentence(topics.meaning),
            "",
        ]
        out += table(
            ("cluster", "share", "top terms"),
            [(i + 1, f"{c.share:.1%}", ", ".join(c.terms[:6])) for i, c in enumerate(topics.clusters[:8])],
        )
    return out


def _side(v: float | int | None) -> str:
    if v is None:
        return "n/a"
    return f"{v:.3f}" if isinstance(v, float) else significant(v)


def _labels(a: Analysis) -> list[str]:
    lab = a.labels
    if lab is None:
        return ["## Labels", "", "No label found (no label field, and the replies are not a small set of classes)."]
    counts = lab.counts
    out = [
        "## Labels",
        "",
        f"{lab.n_labels} labels from {esc(lab.source)}; imbalance ratio "
        f"{lab.imbalance_ratio} (largest/smallest), normalised entropy {lab.normalized_entropy}.",
        "",
    ]
    items = list(counts.items())
    total = sum(counts.values()) or 1
    rows: list[tuple[str, object, str]] = [(k, v, f"{v / total:.1%}") for k, v in items[:15]]
    if len(items) > 15:
        rows.append((f"… {len(items) - 15} more", "", ""))
        rows += [(k, v, f"{v / total:.1%}") for k, v in items[-3:]]
    return out + table(("label", "examples", "share"), rows)


def _risk(a: Analysis) -> list[str]:
    r = a.risk
    if not r:
        return []
    out = ["## Overfitting risk", "", f"**{r.level.upper()}** — {esc(r.meaning)}", ""]
    for f in r.factors:
        out.append(f"- {f.level}: {esc(f.reason)}")
    return out


def _costs(a: Analysis) -> list[str]:
    c = a.costs
    if c is None:
        return []
    cur = c.currency
    asm = c.assumptions
    out = ["## Costs", ""]
    out.append(
        f"Assumptions: method {asm.method}, epochs {asm.epochs or 'auto (the same rule for every option)'}, "
        f"{asm.updates_per_year} updates a year ({asm.updates_per_year_source}), "
        f"{significant(asm.requests_per_month)} requests a month of {asm.prompt_tokens} prompt + "
        f"{asm.reply_tokens} reply tokens, hosting {asm.hosting_hours_per_month} h a month, "
        f"horizon {asm.horizon_months} months. "
        "Change them with --model, --epochs, --updates-per-year, --requests-per-month, --reply-tokens, --horizon."
    )
    out.append("")
    ap = c.approaches
    out += table(
        ("approach", f"total over {ap.horizon_months} months", "per month", "option"),
        [
            (APPROACH_NAMES[key], money(x.first_year_total, cur), money(x.monthly, cur), x.option or "")
            for key, x in ap.by_key()
        ],
    )
    be = ap.break_even_requests_per_month
    if be is not None and be.text:
        out += ["", f"Break-even with prompting: {esc(be.text)}."]
    out.append("")
    rows = []
    for o in c.options[:12]:
        mark = " ◀" if o.chosen else ""
        rows.append(
            (
                f"{o.provider}/{o.model}{mark}",
                o.epochs,
                significant(o.training_tokens),
                money(o.training_per_run, cur),
                money(o.hosting_per_month, cur),
                money(o.inference_per_month, cur),
                money(o.retraining_per_year, cur),
                money(o.first_year_total, cur),
                o.lifecycle_status or o.status,
            )
        )
    out += table(
        (
            "provider/model",
            "epochs",
            "training tokens",
            "training/run",
            "hosting/month",
            "inference/month",
            "retraining/year",
            "over the horizon",
            "lifecycle",
        ),
        rows,
    )
    n = len(c.options)
    if n > 12:
        out += ["", f"… {n - 12} more options in the JSON report (cheapest first, unknown prices last)."]
    chosen = c.chosen
    if chosen is not None:
        out += ["", f"Arithmetic for {chosen.provider}/{chosen.model}:", ""]
        out += [f"- {cost_line(k)}: {esc(v)}" for k, v in chosen.arithmetic.items()]
        out += [f"- warning: {esc(w)}" for w in chosen.warnings]
    rag = c.rag
    if rag is not None:
        out += ["", f"RAG alternative ({rag.embedding} + {rag.vector_store}):", ""]
        out += [f"- {cost_line(k)}: {esc(v)}" for k, v in rag.arithmetic.items()]
    return out


def _sentence(text: str) -> str:
    """A description from the model as a sentence of the report: its own full stop, never doubled."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _churn(a: Analysis) -> list[str]:
    c = a.churn
    if c is None:
        return []
    rows = [
        ("previous version", c.previous_path),
        ("added / removed / changed / unchanged", f"{c.added:,} / {c.removed:,} / {c.changed:,} / {c.unchanged:,}"),
        ("churn rate", f"{c.churn_rate:.1%}"),
        ("interval", f"{c.interval_days} days ({c.interval_source})" if c.interval_days else "unknown"),
        ("projected updates a year", significant(c.projected_updates_per_year)),
    ]
    return [
        "## Churn",
        "",
        *table(("", ""), rows),
        "",
        f"Examples are identified by their {c.identity}.",
    ]


def _privacy(a: Analysis) -> list[str]:
    p = a.privacy
    if p is None or not p.kinds:
        return []
    rows = [
        (
            kind,
            k.category.value,
            k.count,
            ", ".join(f"{level} {n}" for level, n in k.confidence.items()),
            lines_text(k.lines, k.examples),
            ", ".join(k.samples),
        )
        for kind, k in p.kinds.items()
    ]
    header = ("kind", "category", "count", "confidence", "lines", "e.g.")
    return ["## Secrets and personal data (masked)", "", *table(header, rows)]


def _notes(a: Analysis) -> list[str]:
    if not a.notes:
        return []
    return ["## Notes", "", *[f"- {esc(n)}" for n in a.notes]]


SECTIONS: list[Callable[[Analysis], list[str]]] = [
    _verdict,
    _summary,
    _findings,
    _problems,
    _tokens,
    _duplicates,
    _costs,
    _churn,
    _risk,
    _diversity,
    _labels,
    _privacy,
    _notes,
]
