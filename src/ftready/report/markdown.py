"""The Markdown report: renders an Analysis, computes nothing of its own."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ftready.model import Analysis, Finding, Severity

MAX_LINES_SHOWN = 12
MAX_PROBLEMS = 100
MAX_GROUPS = 5


def esc(text: Any) -> str:
    """Make text safe inside a Markdown table cell or list item."""
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("`", "'")


def lines_text(lines: Sequence[int], total: int | None = None, limit: int = MAX_LINES_SHOWN) -> str:
    shown = ", ".join(str(x) for x in lines[:limit])
    more = (total if total is not None else len(lines)) - min(len(lines), limit)
    return shown + (f", … (+{more} more)" if more > 0 else "")


def money(v: Any, currency: str = "USD") -> str:
    if v is None:
        return "n/a"
    sym = "$" if currency == "USD" else f"{currency} "
    return f"{sym}{v:,.2f}"


def num(v: Any) -> str:
    if v is None:
        return "n/a"
    if isinstance(v, float):
        return f"{v:,.0f}" if abs(v) >= 100 else f"{v:,.3g}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


def table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[str]:
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
    state = "READY" if v.ready else "NOT READY"
    out = [
        f"# ftready: {esc(a.dataset.path)}",
        "",
        f"**Verdict: {state} · recommendation: {v.recommendation}** — {esc(v.headline)}",
        "",
    ]
    out += [f"- {esc(r)}" for r in v.reasons]
    return out


def _counts(findings: Sequence[Finding]) -> str:
    n = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    return f"{n[Severity.ERROR]} error(s), {n[Severity.WARNING]} warning(s), {n[Severity.INFO]} note(s)"


def _summary(a: Analysis) -> list[str]:
    d = a.dataset
    rows: list[tuple[str, str]] = [
        ("Format", f"{d.format_name} ({d.container}{', forced' if d.format_forced else ', detected'})"),
        ("Records", f"{d.records:,} read · {d.examples:,} valid · {d.invalid:,} invalid"),
    ]
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
    dup = a.duplicates
    if dup:
        rows.append(
            (
                "Duplicates",
                f"{dup['exact']['redundant']:,} exact · {dup['near']['redundant']:,} near · "
                f"{len(dup['conflicts']['groups']):,} conflict group(s)"
                + (f" · {len(dup['leakage']['lines']):,} leaked validation example(s)" if d.validation_path else ""),
            )
        )
    if a.labels:
        rows.append(("Labels", f"{a.labels.get('n_labels', len(a.labels.get('counts', {})))} labels"))
    costs = a.costs or {}
    chosen = costs.get("chosen")
    if chosen:
        rows.append(
            (
                "First-year cost",
                f"{money(chosen.get('first_year_total'), costs.get('currency', 'USD'))} "
                f"({chosen.get('provider')} {chosen.get('model')})",
            )
        )
    rows.append(("Findings", _counts(a.findings)))
    return ["## Summary", "", *table(("", ""), rows)]


def _findings(a: Analysis) -> list[str]:
    if not a.findings:
        return ["## Findings", "", "No findings."]
    out = ["## Findings"]
    titles = {Severity.ERROR: "Errors", Severity.WARNING: "Warnings", Severity.INFO: "Notes"}
    for sev in Severity:
        group = [f for f in a.findings if f.severity is sev]
        if not group:
            continue
        out += ["", f"### {titles[sev]}", ""]
        for f in group:
            item = f"- **{f.code} {f.name}** — {esc(f.message)}"
            if f.lines:
                item += f" Lines: {lines_text(f.lines, f.count or len(f.lines))}."
            out.append(item)
    out += ["", "Run `ftready explain CODE` for what a check means and why it matters."]
    return out


def _problems(a: Analysis) -> list[str]:
    if not a.problems:
        return []
    rows = [(p.line, p.code, p.message) for p in a.problems[:MAX_PROBLEMS]]
    what = "record" if a.dataset.container.startswith(("json", "csv")) and a.dataset.container != "jsonl" else "line"
    out = ["## Problems (records that cannot be used)", "", *table((what, "code", "problem"), rows)]
    if len(a.problems) > MAX_PROBLEMS:
        out += ["", f"… and {len(a.problems) - MAX_PROBLEMS:,} more (see `--report json`)."]
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
                ("per example", num(e.min), num(e.p50), num(e.p95), num(e.max), num(e.mean), f"{t.total:,}"),
                (
                    "assistant replies",
                    num(r.min),
                    num(r.p50),
                    num(r.p95),
                    num(r.max),
                    num(r.mean),
                    f"{t.response_total:,}",
                ),
            ],
        ),
        "",
        f"- Encoding: {t.encoding}"
        + (f" (requested {t.requested_encoding})" if t.requested_encoding != t.encoding else ""),
        f"- Counting: {t.convention}",
        f"- Over the {t.max_example_tokens:,}-token training limit: {t.over_limit:,} example(s)"
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


def _groups(a: Analysis, title: str, groups: Sequence[Sequence[int]], side: str = "train") -> list[str]:
    if not groups:
        return []
    out = [f"**{title}** — {len(groups):,} group(s); largest:", ""]
    for g in groups[:MAX_GROUPS]:
        out.append(f"- {len(g)} examples, lines {lines_text(list(g), limit=8)}")
        for line in list(g)[:3]:
            out.append(f"  - {line}: `{esc(_excerpt(a, line, side))}`")
    return [*out, ""]


def _duplicates(a: Analysis) -> list[str]:
    d = a.duplicates
    if not d:
        return []
    out = ["## Duplicates", ""]
    near = d["near"]
    out.append(
        f"- Exact duplicates: {d['exact']['redundant']:,} redundant example(s) in {len(d['exact']['groups']):,} group(s)"
    )
    out.append(
        f"- Near duplicates (Jaccard ≥ {near.get('threshold')}): {near['redundant']:,} redundant example(s) in "
        f"{len(near['groups']):,} group(s)"
    )
    out.append(f"- Conflicting answers: {len(d['conflicts']['groups']):,} group(s)")
    leak = d.get("leakage") or {}
    if leak.get("validation_path"):
        out.append(f"- Validation examples also in training: {len(leak.get('lines', [])):,}")
    out.append("")
    out += _groups(a, "Exact duplicate groups", d["exact"]["groups"])
    out += _groups(a, "Near-duplicate groups", near["groups"])
    out += _groups(a, "Conflicting answers (same prompt, different reply)", d["conflicts"]["groups"])
    pairs = leak.get("pairs") or []
    if pairs:
        out += ["**Leaked validation examples** (validation line → training line):", ""]
        for v, t in pairs[: MAX_GROUPS * 2]:
            out.append(f"- {v} → {t}: `{esc(_excerpt(a, v, 'validation'))}`")
    return out


def _generic(title: str, key: str) -> Callable[[Analysis], list[str]]:
    """Fallback renderer for a section: its scalar values as a table."""

    def render_section(a: Analysis) -> list[str]:
        data = getattr(a, key)
        if not data:
            return []
        rows = [(k, _scalar(v)) for k, v in data.items() if not isinstance(v, (dict, list))]
        return [f"## {title}", "", *table(("", ""), rows)] if rows else []

    return render_section


def _scalar(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.3g}"
    return str(v)


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
    _generic("Diversity", "diversity"),
    _generic("Labels", "labels"),
    _generic("Overfitting risk", "risk"),
    _generic("Costs", "costs"),
    _generic("Churn", "churn"),
    _generic("Privacy", "privacy"),
    _notes,
]
