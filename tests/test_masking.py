"""The one masking rule: every supported kind of secret and personal datum, planted in every field a dataset has
(system, user and reply text, label, key name, role, the first line of a non-JSON file, a CSV header, the file
name), never appears in clear in any output: the JSON, Markdown, GitHub and JUnit reports, stderr and `clean`'s
summary. Also: control characters from the data never reach an output, and the XML stays parseable.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ftready.model import PrivacyCategory
from ftready.pipeline import analyse
from ftready.redact import KINDS, escape_controls, mask_tree, safe_text
from ftready.report import FORMATS, render
from ftready.settings import Settings
from planted import AWS_LABEL, CARD, PERSONAL, SECRETS
from testkit import isolate, run

# kind -> the value as planted (the AWS secret key is only a secret after its label)
PLANTED: dict[str, str] = {
    **{k: (AWS_LABEL + v if k == "aws-secret-key" else v) for k, v in SECRETS.items()},
    **PERSONAL,
    "credit-card": CARD,
}


def _core(kind: str, value: str) -> str:
    """The part of a planted value that must never be shown: what its mask hides (not the public prefix or the
    last digits a mask keeps)."""
    if kind == "aws-secret-key":
        value = value[len(AWS_LABEL) :]
    if kind == "password":
        value = value.split("=", 1)[1]
    if kind == "azure-storage-key":
        value = value.split("=", 1)[1]
    if kind == "private-key":
        return value.splitlines()[1][4:24]
    if KINDS[kind] is PrivacyCategory.SECRET:
        body = re.sub(r"^[A-Za-z]+[_-](?:[a-z]+-)?|^SG\.|^https://hooks\.slack\.com/|^[a-z]+://", "", value)
        return body[2:14]
    if kind == "email":
        return value.split("@")[0]
    digits = re.sub(r"[^0-9A-Z]", "", value)
    return digits[2:-4] if kind in ("credit-card", "iban") else value[-9:-3] if kind != "ip-address" else value[-6:]


def test_every_kind_is_planted() -> None:
    real = {k for k, c in KINDS.items() if c is not PrivacyCategory.PLACEHOLDER}
    assert set(PLANTED) == real


def _leaks(text: str) -> list[str]:
    low = text.lower()
    return [k for k, v in PLANTED.items() if _core(k, v).lower() in low]


def _assert_clean(outputs: dict[str, str]) -> None:
    leaks = {name: _leaks(text) for name, text in outputs.items()}
    assert {n: ks for n, ks in leaks.items() if ks} == {}


def _chat(user: str, reply: str, system: str | None = None, **extra: object) -> dict:
    msgs = ([{"role": "system", "content": system}] if system else []) + [
        {"role": "user", "content": user},
        {"role": "assistant", "content": reply},
    ]
    return {"messages": msgs, **extra}


def _filler(n: int = 24) -> list[dict]:
    return [_chat(f"question {i} about invoice {i * 7}", f"answer {i}: open Billing, then row {i}") for i in range(n)]


def _records(field: str) -> list[dict]:
    out = _filler()
    for kind, v in PLANTED.items():
        for i in range(3):  # repeated: openings, repeated replies, boilerplate and label counts show them
            if field == "system":
                out.append(_chat(f"ask {kind} {i}", f"reply {i}", system=f"{v} is the system's note"))
            elif field == "user":
                out.append(_chat(f"{v} is what I have", f"reply {kind} {i}"))
            elif field == "reply":
                out.append(_chat(f"what did I send {kind} {i}?", f"{v} is what you sent, and {v} again"))
            elif field == "label":
                out.append({"text": f"ticket {kind} {i} about my account", "label": v})
            elif field == "key":
                out.append(_chat(f"ask {kind} {i}", f"reply {i}", None, **{v: 1}))
            elif field == "role":
                out.append({"messages": [{"role": v, "content": "a"}, {"role": "assistant", "content": "b"}]})
    if field == "label":
        out = [r for r in out if "label" in r] + [
            {"text": f"ticket {i} about billing", "label": "billing"} for i in range(24)
        ]
    return out


def _outputs(path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    analysis = analyse(str(path), Settings())
    outs = {fmt: render(analysis, fmt) for fmt in FORMATS}
    ET.fromstring(outs["junit"].split("\n", 1)[1])  # the XML stays valid
    json.loads(outs["json"])
    _, _, err = run([str(path), "--report", "markdown", "-o", str(path.parent / "report.md")], capsys)
    outs["stderr"] = err
    out_clean = path.parent / "cleaned.jsonl"
    _, _, clean_err = run(["clean", str(path), "-o", str(out_clean)], capsys)
    outs["clean summary"] = clean_err
    return outs


@pytest.mark.parametrize("field", ["system", "user", "reply", "label", "key", "role"])
def test_no_output_shows_a_planted_item(
    field: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    isolate(monkeypatch, tmp_path)
    path = tmp_path / "data.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in _records(field)) + "\n", encoding="utf-8")
    assert _leaks(path.read_text(encoding="utf-8"))  # the test can fail: the data holds every kind
    _assert_clean(_outputs(path, capsys))


def test_first_line_of_a_non_json_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    isolate(monkeypatch, tmp_path)
    errs = {}
    for n, (kind, v) in enumerate(PLANTED.items()):
        path = tmp_path / f"env{n}.jsonl"
        path.write_text(f"MY_SETTING={v}\n" if "\n" not in v else v + "\n", encoding="utf-8")
        code, _, err = run([str(path), "--report", "json"], capsys)
        assert code == 2
        errs[kind] = err
    _assert_clean(errs)


def test_csv_header(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    isolate(monkeypatch, tmp_path)
    errs = {}
    for n, (kind, v) in enumerate(PLANTED.items()):
        if "\n" in v or "," in v:
            continue
        path = tmp_path / f"h{n}.csv"
        path.write_text(f"{v},label\nsome text,a\nmore text,b\n", encoding="utf-8")
        for fmt in ("json", "markdown"):
            _, out, err = run([str(path), "--report", fmt], capsys)
            errs[f"{kind} {fmt}"] = out + err
    _assert_clean(errs)


def test_file_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    isolate(monkeypatch, tmp_path)
    values = [v for v in PLANTED.values() if "/" not in v and "\n" not in v and len(v) < 200]
    assert len(values) >= 12
    names: list[str] = []  # several kinds per file name, each name under 255 bytes
    for v in values:
        if names and len(names[-1]) + len(v) < 200:
            names[-1] += " " + v
        else:
            names.append(v)
    rows = "\n".join(json.dumps(r) for r in _filler())
    outs = {}
    for n, name in enumerate(names):
        path = tmp_path / f"{name}.jsonl"
        path.write_text(rows + "\n", encoding="utf-8")
        analysis = analyse(str(path), Settings())
        for fmt in FORMATS:
            outs[f"{n} {fmt}"] = render(analysis, fmt)
        _, _, err = run([str(tmp_path / f"{name}.missing")], capsys)
        outs[f"{n} stderr"] = err
    _assert_clean(outs)


# --- control characters and XML


def test_control_characters_never_reach_an_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    isolate(monkeypatch, tmp_path)
    evil = "billing\x1b]8;;http://evil.example/\x07click\x1b]8;;\x07\r\x00\u202e"
    rows: list[dict[str, object]] = [{"text": f"ticket {i}", "label": evil if i % 2 else "refund"} for i in range(40)]
    rows.append({"text": "x", "label": "a", "id\x00\x1b[2J": 1})
    path = tmp_path / 'we"ird<name>\n\x1b.jsonl'
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    analysis = analyse(str(path), Settings())
    for fmt in FORMATS:
        text = render(analysis, fmt)
        bad = re.findall("[\x00-\x08\x0b-\x1f\x7f\u202e]", text)
        assert bad == [], fmt
    ET.fromstring(render(analysis, "junit").split("\n", 1)[1])
    assert json.loads(render(analysis, "json"))["dataset"]["path"].endswith("\\x1b.jsonl")
    gh = render(analysis, "github")
    assert all(line.startswith("::") for line in gh.splitlines())  # no annotation broken by a newline


def test_non_utf8_file_name_gives_valid_utf8_reports(tmp_path: Path) -> None:
    name = b"caf\xe9.jsonl"
    path = tmp_path / name.decode("utf-8", "surrogateescape")
    try:
        path.write_text("\n".join(json.dumps(r) for r in _filler()) + "\n", encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("the file system refuses non-UTF-8 names")
    analysis = analyse(str(path), Settings())
    for fmt in FORMATS:
        render(analysis, fmt).encode("utf-8")  # no lone surrogate left
    assert json.loads(render(analysis, "json"))["dataset"]["path"].endswith("caf\\xe9.jsonl")


# --- the masking step itself, on any text

_KIND_VALUES = st.sampled_from(sorted(PLANTED.items()))
_AROUND = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30).map(lambda s: s + " ")


@settings(max_examples=300, deadline=None)
@given(_KIND_VALUES, _AROUND, _AROUND)
def test_safe_text_never_shows_a_planted_item(kv: tuple[str, str], before: str, after: str) -> None:
    kind, value = kv
    out = safe_text(before + " | " + value + " | " + after)
    assert _core(kind, value).lower() not in out.lower()
    assert safe_text(out) == out  # idempotent
    assert re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", out) is None


def _containers(children: st.SearchStrategy) -> st.SearchStrategy:
    return st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)


@settings(max_examples=100, deadline=None)
@given(st.recursive(st.text(max_size=10) | _KIND_VALUES.map(lambda kv: kv[1]) | st.integers(), _containers))
def test_mask_tree_reaches_every_string(tree: object) -> None:
    assert _leaks(repr(mask_tree(tree))) == []


def test_mask_tree_adds_counts_of_keys_that_mask_alike() -> None:
    a, b = "jane.doe" + "@" + "acme-corp.io", "john.roe" + "@" + "acme-corp.io"
    assert mask_tree({a: 2, b: 3, "billing": 1}) == {"j***@a***.io": 5, "billing": 1}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a\x1b[31mb", "a\\x1b[31mb"), ("x\x00y", "x\\x00y"), ("l1\r\nl2", "l1\\x0d\nl2"), ("\u202eabc", "\\u202eabc")],
)
def test_escape_controls(text: str, expected: str) -> None:
    assert escape_controls(text) == expected


def test_junit_drops_xml_illegal_characters_even_from_an_unmasked_analysis(tmp_path: Path) -> None:
    from dataclasses import replace

    from ftready.report.junit import render as junit

    path = tmp_path / "d.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in _filler()) + "\n", encoding="utf-8")
    analysis = analyse(str(path), Settings())
    raw = replace(analysis, dataset=replace(analysis.dataset, path="a\x00b\x1bc.jsonl"))
    root = ET.fromstring(junit(raw).split("\n", 1)[1])  # the renderer alone, without the masking step
    assert any(case.get("file") == "abc.jsonl" for case in root)
