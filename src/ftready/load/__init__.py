"""Load a dataset file into the canonical frame, with every unusable record turned into problems.

`load_dataset(path)` streams the file once: each record is parsed, its format detected from its keys (the file's
format is the most common one among the first records, unless forced), validated, and normalised into one row of
the canonical frame (see `ftready.load.frame`). Nothing is ever written to the input file.
"""

from __future__ import annotations

import gc
import threading
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from ftready.errors import InputError
from ftready.formatids import FORMATS, resolve_format
from ftready.io import printable
from ftready.load.formats import KNOWN_KEYS, REQUIRED_KEYS, detect, missing_for, normalise
from ftready.load.frame import SCHEMA, empty_frame
from ftready.load.mapping import FieldMap, choose_mapping, suggestion
from ftready.load.messages import OPENAI_ROLES, Msg, Normalised
from ftready.load.readers import RawRecord, Source, open_source, read_records
from ftready.load.transcripts import split_think
from ftready.model import DatasetInfo, Problem
from ftready.neardup import Sketcher
from ftready.progress import ProgressFn, check_cancel, no_progress
from ftready.redact import redact
from ftready.tokens import FastSample, TokenStream
from ftready.vocabulary import plural

DETECT_WINDOW = 1000  # records used to decide the file's format
PART_ROWS = 50_000  # examples held as Python lists before they become polars columns
PART_CHECK = 5000  # records between progress reports, cancel checks and part flushes
# Chat records with only these keys, and only {"role", "content"} string messages, take `_Builder.add_chat`.
_PLAIN_CHAT_KEYS = frozenset({"messages", "id", "metadata"})
PLAIN_CHAT = True  # tests switch the shortcut off to compare it with the general path
MAX_PROBLEMS = 10_000  # problems kept one by one; past it only their count per code (a file of broken lines)
_NOT_A_DATASET = {"FT101", "FT102", "FT103", "FT104", "FT116"}


@dataclass
class LoadResult:
    frame: pl.DataFrame
    info: DatasetInfo
    problems: list[Problem]
    remarks: dict[str, list[int]]  # finding code -> lines of usable records it applies to
    segments: pl.DataFrame  # idx (row in frame), role ("p" prompt side, "r" reply, "x" rejected), text
    overhead: list[int] = field(default_factory=list)  # chat-format tokens per example (3/message, 1/name, 3)
    extra_keys: Counter[str] = field(default_factory=Counter)
    problem_counts: dict[str, int] = field(default_factory=dict)  # every problem by code, kept or not


class _Builder:
    """Accumulates canonical rows column by column (no per-row dicts)."""

    def __init__(self, tokens: TokenStream | FastSample | None = None, sketch: Sketcher | None = None) -> None:
        self.cols: dict[str, list[Any]] = {c: [] for c in SCHEMA if c not in ("bytes", "tokens", "response_tokens")}
        self.seg_idx: list[int] = []
        self.seg_role: list[str] = []
        # each segment's text; with a token stream the text's id in the stream (texts are counted as they come);
        # with a FastSample the text's UTF-8 length (the sample keeps the texts it needs)
        self.seg_text: list[Any] = []
        self.stream = tokens
        self.sketch = sketch
        self.overhead: list[int] = []
        self.n = 0
        # Rows already turned into polars columns, PART_ROWS at a time: the Python strings are freed as the file
        # is read, rather than held until the end beside their polars copy.
        self._parts: dict[str, list[pl.Series]] = {c: [] for c in self.cols}
        self._seg_parts: list[pl.DataFrame] = []
        self._part_start = 0

    def _seg_schema(self) -> dict[str, pl.DataType]:
        if isinstance(self.stream, FastSample):
            value: tuple[str, pl.DataType] = ("nbytes", pl.Int64())
        elif self.stream is not None:
            value = ("slot", pl.Int64())
        else:
            value = ("text", pl.String())
        return {"idx": pl.Int64(), "role": pl.String(), value[0]: value[1]}

    def flush(self, at_least: int | None = None) -> None:
        """Turn the rows added since the last flush into polars columns, if there are at least `at_least`
        (PART_ROWS by default)."""
        if self.n - self._part_start < max(PART_ROWS if at_least is None else at_least, 1):
            return
        for name, values in self.cols.items():
            self._parts[name].append(pl.Series(name, values, dtype=SCHEMA[name]))
            self.cols[name] = []
        schema = self._seg_schema()
        data = dict(zip(schema, (self.seg_idx, self.seg_role, self.seg_text), strict=True))
        self._seg_parts.append(pl.DataFrame(data, schema=schema))
        self.seg_idx, self.seg_role, self.seg_text = [], [], []
        self._part_start = self.n

    def add(self, line: int, fmt: str, norm: Normalised) -> None:
        idx = self.n
        self.n += 1
        system: list[str] = []
        prompt: list[str] = []
        response: list[str] = []
        blocks: list[str] = []
        n_assistant = 0
        names = 0
        si, sr = self.seg_idx, self.seg_role
        st: list[str] = []  # the segments' texts
        kto_rejected: list[str] = []
        for m in norm.messages:
            role = m.role
            content = m.content
            if role == "system":
                system.append(content)
                seg_role = "p"
            else:
                reasoning = m.reasoning
                if role == "assistant" and "<think" in content:
                    reasoning, content = _think(reasoning, content)
                if reasoning:
                    # reasoning is trained with the reply but counted apart ("t") and kept out of reply checks
                    si.append(idx)
                    sr.append("t")
                    st.append(reasoning)
                body = content or m.extra
                blocks.append(role + ": " + body)
                if role == "assistant" and norm.undesirable:
                    # KTO: an undesirable reply is what the model is trained away from, like a rejected reply
                    kto_rejected.append(body)
                    seg_role = "x"
                elif role == "assistant":
                    n_assistant += 1
                    response.append(body)
                    seg_role = "r"
                else:
                    prompt.append(content)
                    seg_role = "p"
            if content:
                si.append(idx)
                sr.append(seg_role)
                st.append(content)
            if m.extra:
                si.append(idx)
                sr.append(seg_role)
                st.append(m.extra)
            if m.name:
                names += 1
                si.append(idx)
                sr.append("p")
                st.append(m.name)
        rejected = "\n\n".join(kto_rejected) if kto_rejected else None
        if norm.rejected is not None:
            rejected = "\n\n".join(_body(m) for m in norm.rejected if m.role == "assistant")
            blocks.append(f"rejected: {rejected}")
            for m in norm.rejected:
                if _body(m):
                    si.append(idx)
                    sr.append("x")
                    st.append(_body(m))
        if norm.tools:
            si.append(idx)
            sr.append("p")
            st.append(norm.tools)
        n_msgs = len(norm.messages)
        self._texts(idx, st, 0 if norm.raw_text else 3 * n_msgs + names + 3)
        self._row(line, fmt, system, prompt, response, rejected, blocks, norm.label, n_msgs, n_assistant)

    def add_chat(self, line: int, msgs: Any) -> list[str] | None:
        """The common chat record ({"role", "content"} string messages, nothing else) in one pass: what
        `normalise` and `add` together do for it, without the intermediate objects. Returns the record's remarks,
        or None, before changing anything, for any record that is not that simple or has a problem; the general
        path then handles it."""
        if type(msgs) is not list or not msgs:
            return None
        roles = OPENAI_ROLES
        system: list[str] = []
        prompt: list[str] = []
        response: list[str] = []
        blocks: list[str] = []
        seg_role: list[str] = []
        seg_text: list[str] = []
        prev = ""
        has_user = out_of_order = False
        for m in msgs:
            if type(m) is not dict or len(m) != 2:
                return None
            content = m.get("content")
            raw = m.get("role")
            if type(content) is not str or type(raw) is not str:
                return None
            role = roles.get(raw)
            if role is None:
                return None
            if role == "system":
                system.append(content)
                r = "p"
            else:
                blocks.append(role + ": " + content)
                if role == "assistant":
                    if not content or content.isspace() or "<think" in content:
                        return None  # an empty reply is a problem (FT110); reasoning is split apart
                    response.append(content)
                    r = "r"
                else:
                    has_user = has_user or role == "user"
                    prompt.append(content)
                    r = "p"
                if role == prev and role in ("user", "assistant"):
                    out_of_order = True
                prev = role
            if content:
                seg_role.append(r)
                seg_text.append(content)
        if not response:
            return None  # no assistant turn is a problem (FT111)
        # the remarks `_check_turns` gives, in its order
        remarks = []
        if not has_user:
            remarks.append("FT151")
        if not system:
            remarks.append("FT150")
        elif roles[msgs[0]["role"]] != "system":
            out_of_order = True
        if out_of_order:
            remarks.append("FT152")
        if prev != "assistant":
            remarks.append("FT153")
        idx = self.n
        self.n += 1
        self.seg_idx.extend([idx] * len(seg_role))
        self.seg_role.extend(seg_role)
        n_msgs = len(msgs)
        self._texts(idx, seg_text, 3 * n_msgs + 3)
        self._row(line, "openai-chat", system, prompt, response, None, blocks, None, n_msgs, len(response))
        return remarks

    def _row(
        self,
        line: int,
        fmt: str,
        system: list[str],
        prompt: list[str],
        response: list[str],
        rejected: str | None,
        blocks: list[str],
        label: str | None,
        n_msgs: int,
        n_assistant: int,
    ) -> None:
        """Append one example's row (the turns of each side joined by a blank line, the conversation's blocks
        by a newline) and hand its conversation to the sketcher."""
        c = self.cols
        c["line"].append(line)
        c["format"].append(fmt)
        c["system"].append(system[0] if len(system) == 1 else "\n\n".join(system))
        c["prompt"].append(prompt[0] if len(prompt) == 1 else "\n\n".join(prompt))
        c["response"].append(response[0] if len(response) == 1 else "\n\n".join(response))
        c["rejected"].append(rejected)
        text = "\n".join(blocks)
        c["text"].append(text)
        if self.sketch is not None:
            self.sketch.add(text)
        c["label"].append(label)
        c["n_messages"].append(n_msgs)
        c["n_assistant"].append(n_assistant)

    def _texts(self, idx: int, texts: list[str], overhead: int) -> None:
        """Example idx's chat overhead and the texts of its segments (in order), as the segments keep them."""
        self.overhead.append(overhead)
        stream = self.stream
        if stream is None:
            self.seg_text.extend(texts)
        elif isinstance(stream, FastSample):
            self.seg_text.extend(stream.example(idx, texts, overhead))
        else:
            slot = stream.slot
            self.seg_text.extend([slot(t) for t in texts])

    def frames(self) -> tuple[pl.DataFrame, pl.DataFrame]:
        self.flush(1)
        schema = self._seg_schema()
        segments = pl.concat(self._seg_parts, rechunk=False) if self._seg_parts else pl.DataFrame(schema=schema)
        self._seg_parts = []
        if self.n == 0:
            return empty_frame(), segments
        # The frame is built in one go, in schema order, from the parts without copying them: a join, re-sort,
        # rechunk or column selection afterwards would copy every text column again, which matters when a single
        # record holds hundreds of megabytes.
        per_example = np.zeros(self.n, dtype=np.int64)
        # with a token stream the byte counts come with the token counts
        measured = isinstance(self.stream, FastSample)
        if self.stream is None or measured:
            if measured:
                seg_len = segments.get_column("nbytes").to_numpy()
            else:
                seg_len = segments.get_column("text").str.len_bytes().cast(pl.Int64).to_numpy()
            idx = segments.get_column("idx").to_numpy()
            per_example = np.bincount(idx, weights=seg_len, minlength=self.n).astype(np.int64)
        nulls = pl.Series(values=[None] * self.n, dtype=pl.Int64())
        columns: dict[str, Any] = {}
        for name, dtype in SCHEMA.items():
            if name == "bytes":
                columns[name] = pl.Series(name, per_example, dtype=dtype)
            elif name in ("tokens", "response_tokens"):
                columns[name] = nulls.alias(name)
            else:
                columns[name] = pl.concat(self._parts[name], rechunk=False)
                self._parts[name] = []
        return pl.DataFrame(columns), segments


def _think(reasoning: str, content: str) -> tuple[str, str]:
    """A reply's `<think>` blocks joined to its other reasoning, and the answer without them."""
    more, answer = split_think(content)
    return (f"{reasoning}\n\n{more}" if reasoning and more else reasoning or more), answer


def _body(m: Msg) -> str:
    return m.content or m.extra


def load_dataset(
    path: str | Path,
    fmt: str | None = None,
    *,
    progress: ProgressFn = no_progress,
    cancel: threading.Event | None = None,
    tokens: TokenStream | FastSample | None = None,
    sketch: Sketcher | None = None,
    field_map: dict[str, str] | None = None,
) -> LoadResult:
    """Read, validate and normalise a dataset. Raises InputError when the file cannot be read at all.

    With `tokens`, every message text is handed to it as it is read: a TokenStream counts it in the background
    and the segments hold the texts' ids; the FastSample of --fast keeps the texts of its sample and the segments
    hold the texts' UTF-8 lengths. With `sketch`, every example's `text` is handed to it as it is read
    (near-duplicate signatures are computed in the background). `field_map` (role -> field, from `--map`) maps
    records of other layouts; without it a mapping is inferred when the first records fit no format
    (`ftready.load.mapping`).
    """
    forced = resolve_format(fmt)
    src = open_source(path)
    problems: list[Problem] = []
    remarks: dict[str, list[int]] = defaultdict(list)
    extra_keys: Counter[str] = Counter()
    builder = _Builder(tokens, sketch)
    records = 0
    invalid = [0, 0]  # records with a problem, and the line of the last one (problems come in line order)
    problem_counts: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    label_keys: Counter[str] = Counter()

    def bad(line: int, code: str, message: str) -> None:
        problem_counts[code] += 1
        if len(problems) < MAX_PROBLEMS:
            problems.append(Problem(line, code, message))
        if invalid[1] != line:
            invalid[0] += 1
            invalid[1] = line

    plain = PLAIN_CHAT
    stream = read_records(src)
    window, dominant = _decide_format(stream, forced)
    mapping: FieldMap | None = choose_mapping(window, forced, field_map, str(src.path))
    if mapping is not None:
        dominant = mapping.fmt
    gc_was = gc.isenabled()
    gc.disable()
    try:
        for raw in _chain(window, stream):
            records += 1
            if records % PART_CHECK == 0:
                check_cancel(cancel)
                read = src.position.bytes()
                # bytes of the file read, when the reader streams it (the count of records is not known ahead)
                progress("load", min(read, src.size), src.size) if read and src.size else progress("load", records, 0)
                builder.flush()
            if raw.problem is not None:
                bad(raw.line, *raw.problem)
                continue
            rec = raw.value
            if not isinstance(rec, dict):
                bad(raw.line, "FT102", f"the record is {_kind(rec)}, not an object")
                continue
            if mapping is not None:
                rec = mapping.apply(rec)
            found = detect(rec)
            use = dominant or found
            if use is None or (found is None and not _shares_keys(rec, use)):
                keys = ", ".join(_key(k) for k in sorted(rec.keys())[:8]) or "no keys"
                bad(raw.line, "FT104", f"no known fine-tuning format has these keys: {keys}")
                continue
            if found is not None and found != use and not _shares_keys(rec, use):
                bad(raw.line, "FT105", f"this record is {FORMATS[found][0]}; the file is {FORMATS[use][0]}")
                continue
            if found == use == "openai-chat" and plain and rec.keys() <= _PLAIN_CHAT_KEYS:
                done = builder.add_chat(raw.line, rec["messages"])
                if done is not None:
                    counts[use] += 1
                    for code in done:
                        remarks[code].append(raw.line)
                    continue
            norm, probs = normalise(rec, use)
            if norm is None:
                for code, msg in probs:
                    bad(raw.line, code, msg)
                continue
            counts[use] += 1
            if norm.label_key:
                label_keys[norm.label_key] += 1
            for code in set(norm.remarks):
                remarks[code].append(raw.line)
            if "FT154" in norm.remarks:
                extra_keys.update(set(rec) - KNOWN_KEYS[use])
            builder.add(raw.line, use, norm)
    finally:
        if gc_was:
            gc.enable()
    progress("load", src.size, src.size) if src.size else progress("load", records, 0)
    if sketch is not None:
        sketch.flush()
    if records == 0:
        raise InputError(f"{src.path}: the file holds no records")
    frame, segments = builder.frames()
    final = dominant or (counts.most_common(1)[0][0] if counts else "unknown")
    if not counts and not forced and all(_no_format(p) for p in problems):
        # No record is in any fine-tuning format: the file is not a dataset (a config, a log, unrelated JSON).
        first = problems[0]
        dicts = [r.value for r in window if r.problem is None and isinstance(r.value, dict)]
        wrapped = _wrapped_list(dicts) if records == 1 else None
        if wrapped is not None:
            key, n = wrapped
            raise InputError(
                f"{src.path}: not a fine-tuning dataset as it stands: the file is one JSON object whose "
                f"'{redact(printable(key))}' holds a list of {plural(n, 'record')}; save that list as a JSON array or as JSON "
                "Lines and run ftready on it"
            )
        if dicts and all(p.code in ("FT104", "FT112") for p in problems):
            # records of one layout that fits no format: one message, not one per record
            raise InputError(
                f"{src.path}: not a fine-tuning dataset: no record fits a known layout ({plural(records, 'record')}); "
                f"{suggestion(dicts)}"
            )
        raise InputError(
            f"{src.path}: not a fine-tuning dataset: no record is usable "
            f"(line {first.line}: {first.message}; {plural(problem_counts.total(), 'problem')} in {plural(records, 'record')})"
        )
    name, is_ft = FORMATS.get(final, ("unknown format", False))
    info = DatasetInfo(
        path=str(src.path),
        format=final,
        format_name=name,
        container=src.label,
        records=records,
        examples=frame.height,
        invalid=invalid[0],
        problems=problem_counts.total(),
        bytes=src.size,
        is_fine_tuning_format=is_ft,
        format_forced=forced is not None,
        label_field=label_keys.most_common(1)[0][0] if label_keys else None,
        mapping=mapping.ordered() if mapping is not None else None,
    )
    problems.sort(key=lambda p: (p.line, p.code))
    return LoadResult(
        frame, info, problems, dict(remarks), segments, builder.overhead, extra_keys, dict(problem_counts)
    )


def _decide_format(stream: Iterator[RawRecord], forced: str | None) -> tuple[list[RawRecord], str | None]:
    """Buffer the first records and pick the most common detected format among them."""
    window: list[RawRecord] = []
    if forced:
        return window, forced
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for raw in stream:
        window.append(raw)
        if raw.problem is None and isinstance(raw.value, dict):
            f = detect(raw.value)
            if f:
                counts[f] += 1
                first_seen.setdefault(f, len(first_seen))
        if len(window) >= DETECT_WINDOW:
            break
    if not counts:
        return window, None
    best = max(counts.items(), key=lambda kv: (kv[1], -first_seen[kv[0]]))[0]
    return window, best


def _wrapped_list(dicts: list[dict[str, Any]]) -> tuple[str, int] | None:
    """(key, length) when the only record is an object holding the records as a list of objects under one key
    (`{"version": 1, "data": [{...}, ...]}`), else None."""
    if len(dicts) != 1:
        return None
    lists = [(k, v) for k, v in dicts[0].items() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
    return (str(lists[0][0]), len(lists[0][1])) if len(lists) == 1 else None


def _no_format(p: Problem) -> bool:
    return p.code in _NOT_A_DATASET or (p.code == "FT112" and p.message.endswith("is missing"))


def _chain(window: list[RawRecord], rest: Iterator[RawRecord]) -> Iterator[RawRecord]:
    yield from window
    yield from rest


def _shares_keys(rec: dict[str, Any], fmt: str) -> bool:
    """A record of another shape that still names some of `fmt`'s required keys is checked as `fmt`."""
    missing = missing_for(rec, fmt)
    return len(missing) < len(REQUIRED_KEYS[fmt])


def _key(k: str) -> str:
    """A key as shown in a message: masked (`ftready.redact.redact`), one line (escapes for control characters),
    clipped."""
    k = redact(k)
    shown = k if k.isprintable() else repr(k)[1:-1]
    return shown if len(shown) <= 40 else shown[:39] + "…"


def _kind(v: Any) -> str:
    if isinstance(v, list):
        return "a list"
    if isinstance(v, str):
        return "a string"
    if isinstance(v, bool):
        return "a boolean"
    if isinstance(v, (int, float)):
        return "a number"
    if v is None:
        return "null"
    return type(v).__name__


__all__ = ["LoadResult", "Source", "load_dataset", "resolve_format"]
