"""Field mapping: records whose keys are not a known format's, mapped to one by field names and value shapes.

Datasets are published with whatever keys their authors chose: `question`/`answer`, `instruction`/`response`,
`query`/`target`, `human`/`assistant`, a CSV of `text,intent` or one with a misspelled header. A *mapping* names,
for each role of an example (prompt, input, reply, system, label), the record field that holds it. It is
inferred from the first records of the file when they do not fit a known format (field names first, from the
synonyms below, then value shapes: the longest text column is the text, a column of few short distinct values is
the label), and given with `--map reply=response,prompt=question` or a `[tool.ftready.map]` table, which override
the inferred roles. A mapped record is rewritten as an Alpaca record (prompt, input, reply, system) or a
classification record (text, label) and checked as that format; the report's dataset section names the mapping.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ftready.errors import UsageError
from ftready.formatids import MAP_ROLES as ROLES
from ftready.formatids import parse_map

# Field names per role, most specific first. Names are compared lower-cased, with spaces and hyphens as "_".
SYNONYMS: dict[str, tuple[str, ...]] = {
    "system": ("system", "system_prompt", "system_message", "sys", "persona"),
    "label": ("label", "labels", "category", "intent", "class", "sentiment", "topic", "tag", "kto_tag", "target_label"),
    "prompt": (
        "instruction",
        "prompt",
        "question",
        "query",
        "problem",
        "request",
        "human",
        "user",
        "user_input",
        "source",
        "src",
        "utterance",
        "message",
        "text",
        "sentence",
        "input",
        "inputs",
        "instructions",
        "prompts",
        "questions",
        "article",
        "document",
        "dialogue",
        "passage",
    ),
    "input": ("input", "context", "input_text"),
    "reply": (
        "output",
        "response",
        "answer",
        "completion",
        "target",
        "assistant",
        "gpt",
        "bot",
        "reply",
        "solution",
        "output_text",
        "tgt",
        "model",
        "targets",
        "outputs",
        "responses",
        "answers",
        "completions",
        "summary",
        "highlights",
    ),
}


def _norm(key: str) -> str:
    return key.strip().lower().replace(" ", "_").replace("-", "_")


@dataclass(frozen=True)
class FieldMap:
    """role -> the record field that holds it; `fmt` is the format mapped records are checked as."""

    fields: Mapping[str, str]
    inferred: bool = True

    @property
    def fmt(self) -> str:
        return "alpaca" if "reply" in self.fields else "classification"

    def ordered(self) -> dict[str, str]:
        return {r: self.fields[r] for r in ROLES if r in self.fields}

    def describe(self) -> str:
        return ",".join(f"{r}={self.fields[r]}" for r in ROLES if r in self.fields)

    def apply(self, rec: Mapping[str, Any]) -> dict[str, Any]:
        """The record rewritten in the mapped format; fields that play no role are kept under their own name
        (and reported as extra keys), except empty unnamed CSV columns."""
        f = self.fields
        used = set(f.values())
        out: dict[str, Any] = {k: v for k, v in rec.items() if k not in used and k not in _TARGETS[self.fmt]}
        if self.fmt == "alpaca":
            if f["prompt"] in rec:
                out["instruction"] = rec[f["prompt"]]
            out["input"] = rec.get(f["input"], "") if "input" in f else ""
            if out["input"] is None:
                out["input"] = ""
            if f["reply"] in rec:
                out["output"] = rec[f["reply"]]
            if "system" in f and rec.get(f["system"]) not in (None, ""):
                out["system"] = rec[f["system"]]
            if "label" in f and f["label"] in rec:
                out["kto_tag"] = rec[f["label"]]
        else:
            if "prompt" in f and f["prompt"] in rec:
                out["text"] = rec[f["prompt"]]
            if f["label"] in rec:
                out["label"] = rec[f["label"]]
        return out


_TARGETS = {
    "alpaca": frozenset({"instruction", "input", "output", "system", "kto_tag"}),
    "classification": frozenset({"text", "label"}),
}


@dataclass
class _Column:
    name: str
    seen: int = 0
    strings: int = 0
    length: int = 0
    scalars: int = 0  # booleans and numbers
    values: Counter[str] | None = None

    def add(self, v: Any) -> None:
        self.seen += 1
        if isinstance(v, str):
            self.strings += 1
            self.length += len(v)
            if self.values is not None and len(self.values) < 1000:
                self.values[v.strip()] += 1
        elif isinstance(v, (bool, int, float)):
            self.scalars += 1
            if self.values is not None:
                self.values[str(v)] += 1

    @property
    def mean(self) -> float:
        return self.length / self.strings if self.strings else 0.0

    def texty(self) -> bool:
        return self.strings >= 0.8 * self.seen and self.mean > 0

    def labelish(self, n: int) -> bool:
        """Few distinct short values that repeat."""
        if self.values is None or not self.values or self.seen < 0.8 * n:
            return False
        if self.scalars and self.scalars + self.strings >= 0.8 * self.seen and len(self.values) <= 20:
            return True
        distinct = len(self.values)
        return self.mean <= 40 and distinct <= max(2, min(200, n // 3)) and self.strings >= 0.8 * self.seen


def columns(records: Iterable[Mapping[str, Any]]) -> tuple[dict[str, _Column], int]:
    cols: dict[str, _Column] = {}
    n = 0
    for rec in records:
        n += 1
        for k, v in rec.items():
            c = cols.get(k)
            if c is None:
                c = cols[k] = _Column(k, values=Counter())
            c.add(v)
    return cols, n


def infer(records: Sequence[Mapping[str, Any]], given: Mapping[str, str] | None = None) -> FieldMap | None:
    """The mapping the records' field names and values suggest, with `given` roles fixed; None when no prompt and
    reply (or text and label) can be found."""
    cols, n = columns(records)
    if n == 0:
        return None
    fields: dict[str, str] = dict(given or {})
    used = set(fields.values())
    used_by_name: set[str] = set(fields)  # roles given or found by a field's name
    common = {k: c for k, c in cols.items() if c.seen >= 0.5 * n}
    by_norm: dict[str, str] = {}
    for k in common:
        by_norm.setdefault(_norm(k), k)
    for role in ("system", "label", "prompt", "input", "reply"):
        if role in fields:
            continue
        for syn in SYNONYMS[role]:
            hit = by_norm.get(syn)
            if hit is None or hit in used:
                continue
            c = common[hit]
            if role == "label" and not (c.labelish(n) or c.scalars):
                continue
            if role != "label" and not c.texty():
                continue
            if role == "input" and "prompt" not in fields:
                continue
            fields[role] = hit
            used.add(hit)
            used_by_name.add(role)
            break
    # by content: texts are the long string columns, the label a column of few short values
    rest = sorted((c for k, c in common.items() if k not in used and c.texty()), key=lambda c: (-c.mean, c.name))
    if "reply" not in fields and "label" not in fields:
        # by content a label has at least two values
        lab = next((c for c in rest if c.labelish(n) and len(c.values or ()) >= 2), None)
        if lab is None:
            lab = next(
                (
                    c
                    for k, c in common.items()
                    if k not in used and c.scalars and len(c.values or ()) >= 2 and c.labelish(n)
                ),
                None,
            )
        if lab is not None and ("prompt" in fields or len(rest) >= 2):
            fields["label"] = lab.name
            used.add(lab.name)
            rest = [c for c in rest if c.name != lab.name]
    if "prompt" not in fields and rest:
        fields["prompt"] = rest[0].name
        used.add(rest[0].name)
        rest = rest[1:]
    if "reply" not in fields and "label" not in fields and rest:
        fields["reply"] = rest[0].name
    if "prompt" not in fields or not ("reply" in fields or "label" in fields):
        return None
    if not used_by_name and not _content_is_convincing(cols, fields, n):
        return None  # a config file or a log ({"name": ..., "version": ...}) is not a dataset in disguise
    if "reply" not in fields:
        fields.pop("input", None)
        fields.pop("system", None)
    elif "label" in fields and "label" not in (given or {}) and not _kto_values(cols[fields["label"]]):
        fields.pop("label")  # a category beside a reply (Dolly's `category`) is kept as an extra field
    return FieldMap(fields, inferred=not given or set(fields) != set(given))


# Mapped by content alone (no field name says prompt, reply or label), records must look like a dataset: enough of
# them, and texts long enough to be prompts rather than names, versions or ids.
CONTENT_MIN_RECORDS = 20
CONTENT_MIN_MEAN_CHARS = 20


def _content_is_convincing(cols: Mapping[str, _Column], fields: Mapping[str, str], n: int) -> bool:
    if n < CONTENT_MIN_RECORDS:
        return False
    return all(cols[fields[r]].mean >= CONTENT_MIN_MEAN_CHARS for r in ("prompt", "reply") if r in fields)


def fits(records: Sequence[Mapping[str, Any]]) -> bool:
    """At least half the records have every key of the format they are detected as (none is reported missing)."""
    from ftready.load.formats import detect, normalise

    ok = 0
    for rec in records:
        fmt = detect(rec)
        if fmt is None:
            continue
        _, problems = normalise(rec, fmt)
        if not any(code == "FT112" and msg.endswith("is missing") for code, msg in problems):
            ok += 1
    return ok >= 0.5 * len(records)


def choose_mapping(
    window: list[Any], forced: str | None, given: Mapping[str, str] | None, path: str
) -> FieldMap | None:
    """The mapping to apply to a file whose first records are `window` (RawRecords): the given one (completed by
    inference), else an inferred one when the records fit no format and no format is forced; else None."""
    records = [r.value for r in window if r.problem is None and isinstance(r.value, dict)]
    if given:
        seen: Counter[str] = Counter(k for rec in records for k in rec)
        for role, fld in given.items():
            if records and fld not in seen:
                shown = ", ".join(_show(k) for k, _ in seen.most_common(12))
                raise UsageError(f"--map {role}={fld}: no record has the field {fld!r} (fields seen: {shown})")
        fm = infer(records, given) if records else None
        if fm is None:
            raise UsageError(f"--map: {suggestion(records)} (a prompt and a reply or a label are needed)")
        return fm
    if forced or not records or fits(records):
        return None
    return infer(records)


KTO_VALUES = frozenset({"true", "false", "1", "0", "desirable", "undesirable", "good", "bad", "yes", "no"})


def _kto_values(c: _Column) -> bool:
    return bool(c.values) and {v.lower() for v in c.values or ()} <= KTO_VALUES


def suggestion(records: Sequence[Mapping[str, Any]]) -> str:
    """One message for records that fit no format: the fields seen and the `--map` that would fit, if any."""
    cols, n = columns(records)
    seen = ", ".join(_show(k) for k in sorted(cols, key=lambda k: (-cols[k].seen, k))[:12]) or "no fields"
    fm = infer(records)
    if fm is not None:
        return f"fields seen: {seen}; try --map {fm.describe()}"
    texts = [k for k, c in sorted(cols.items(), key=lambda kv: -kv[1].mean) if c.texty()]
    if len(texts) >= 2:
        return f"fields seen: {seen}; if {_show(texts[1])} holds the prompt and {_show(texts[0])} the reply, try --map prompt={texts[1]},reply={texts[0]}"
    return f"fields seen: {seen}; name the prompt and reply fields with --map prompt=FIELD,reply=FIELD"


def _show(k: str) -> str:
    shown = k if k.isprintable() else repr(k)[1:-1]
    return shown if len(shown) <= 40 else shown[:39] + "…"


__all__ = ["ROLES", "SYNONYMS", "FieldMap", "choose_mapping", "fits", "infer", "parse_map", "suggestion"]
