"""The public Python API is what the command line uses."""

from __future__ import annotations

import json
from pathlib import Path

import ftready
from ftready import Settings, analyse
from ftready.rules.base import HEADINGS
from ftready.rules.codes import CODES, FAMILIES, is_selected
from testkit import obj, objs


def test_analyse_returns_the_json_report_data(tmp_path: Path) -> None:
    p = tmp_path / "d.jsonl"
    rows = [
        {"messages": [{"role": "user", "content": f"hello {i}"}, {"role": "assistant", "content": f"hi there {i}"}]}
        for i in range(4)
    ]
    p.write_text("\n".join(json.dumps(r) for r in rows))
    a = analyse(p, Settings(select=("FT1", "FT2")))
    d = a.to_dict()
    assert obj(d["dataset"])["examples"] == 4 == a.dataset.examples
    assert a.tokens is not None
    assert obj(d["tokens"])["total"] == a.tokens.total > 0
    assert [f["code"] for f in objs(d["findings"])] == [f.code for f in a.findings]
    assert all(f.code.startswith(("FT1", "FT2")) for f in a.findings)
    assert a.exit_code() == (1 if a.errors else 0)
    assert ftready.__version__ == obj(d["tool"])["version"]


def test_selection_is_ruff_like() -> None:
    assert is_selected("FT301", (), ())
    assert not is_selected("FT301", ("FT2",), ())
    assert is_selected("FT301", ("FT3",), ("FT30",)) is False
    assert is_selected("FT301", ("FT301",), ("FT3",))  # the longer prefix wins
    assert not is_selected("FT301", (), ("FT301",))


def test_every_check_is_documented() -> None:
    assert len({s.code for s in CODES}) == len(CODES)
    for s in CODES:
        assert s.code[:3] in FAMILIES
        assert s.summary and len(s.doc.why) > 60, s.code
        assert "-" in s.name or s.name.isalpha()


def test_every_rule_docstring_has_the_four_headings_and_documents_its_parameters() -> None:
    for s in CODES:
        if s.fn is None or s.doc_text is not None:  # problem codes; families documented by their old registry
            continue
        doc = s.fn.__doc__ or ""
        for head in HEADINGS:
            assert f"\n    {head}:\n" in doc, f"{s.code}: no '{head}:' heading"
        assert s.doc.what and s.doc.why and s.doc.fix, s.code
        for name in s.params:
            assert s.doc.parameter(name), f"{s.code}: parameter {name} is not documented"
        if not s.params:
            assert s.doc.parameters == "None.", f"{s.code}: Parameters should say None."


def test_generated_docs_are_up_to_date() -> None:
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    res = subprocess.run(
        [sys.executable, str(root / "scripts" / "gen_docs.py"), "--check"], capture_output=True, text=True
    )
    assert res.returncode == 0, res.stderr


def test_reassess_matches_a_full_analysis(tmp_path: Path, monkeypatch) -> None:
    from ftready.pipeline import reassess

    monkeypatch.setenv("FTREADY_TODAY", "2026-11-23")
    p = tmp_path / "d.jsonl"
    rows = [
        {
            "messages": [
                {"role": "user", "content": f"How do I export report {i} as a spreadsheet file?"},
                {"role": "assistant", "content": f"Open report {i}, choose Export, then pick the {i % 3} format."},
            ]
        }
        for i in range(120)
    ]
    p.write_text("\n".join(json.dumps(r) for r in rows))
    base = Settings(select=("FT2", "FT6", "FT7"))
    first = analyse(p, base)
    changed = base.with_assumptions(epochs=7, updates_per_year=12)
    quick = reassess(first, changed)
    full = analyse(p, changed)

    def strip(d: dict) -> dict:
        d = dict(d)
        d.pop("timings")
        return d

    assert strip(quick.to_dict()) == strip(full.to_dict())
    assert quick.costs is not None and quick.costs.chosen is not None and quick.costs.chosen.epochs == 7
    assert first.costs is not None and first.costs.chosen is not None
    assert quick.costs.chosen.training_per_run != first.costs.chosen.training_per_run
    assert "load" not in quick.timings  # the file was not read again
    other = reassess(first, Settings(select=("FT2",)))  # not only assumptions changed: a full run
    assert "load" in other.timings and other.costs is None


def test_loader_remarks_become_findings_with_lines(tmp_path: Path) -> None:
    def conv(*turns: tuple[str, str], **extra: object) -> dict:
        return {"messages": [{"role": r, "content": c} for r, c in turns], **extra}

    rows = [
        conv(("system", "s"), ("user", "a"), ("assistant", "b")),
        conv(("system", "s"), ("assistant", "x")),  # FT151
        conv(("user", "a"), ("user", "b"), ("assistant", "c")),  # FT152 (and FT150)
        conv(("user", "a"), ("assistant", "b"), ("user", "c")),  # FT153
        conv(("system", "s"), ("user", "a"), ("assistant", "b"), source="web"),  # FT154
    ]
    p = tmp_path / "r.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in rows))
    a = analyse(p, Settings(select=("FT15",)))
    got = {f.code: f.lines for f in a.findings}
    assert got["FT151"] == (2,) and got["FT152"] == (3,) and got["FT153"] == (4,) and got["FT154"] == (5,)
    assert got["FT150"] == (3, 4)
    ft151 = a.finding("FT151")
    assert ft151 is not None and ft151.message == "1 of 5 examples (20%) have no user message"
