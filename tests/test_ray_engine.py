"""`--engine ray`: the install hint without Ray; with Ray, the same report as the local engine."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ftready.cli import main
from ftready.errors import InputError
from ftready.ray_engine import INSTALL_HINT, expand

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "sample_datasets").glob("*.jsonl"))

try:
    import ray  # noqa: F401

    HAVE_RAY = True
except ImportError:
    HAVE_RAY = False


@pytest.mark.skipif(HAVE_RAY, reason="Ray is installed")
def test_without_ray_engine_ray_says_how_to_install(capsys: pytest.CaptureFixture[str]) -> None:
    code = main([str(SAMPLES[0]), "--engine", "ray", "--report", "json"])
    err = capsys.readouterr().err
    assert code == 2
    assert INSTALL_HINT in err
    assert "Traceback" not in err


def test_a_cluster_that_cannot_be_reached_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import types

    fake = types.ModuleType("ray")

    def init(**kwargs: object) -> None:
        raise ConnectionError("could not connect to 10.0.0.1:6379\nmore detail")

    vars(fake).update(init=init, is_initialized=lambda: False, data=types.ModuleType("ray.data"))
    monkeypatch.setitem(sys.modules, "ray", fake)
    monkeypatch.setitem(sys.modules, "ray.data", fake.data)
    monkeypatch.setenv("RAY_ADDRESS", "10.0.0.1:6379")
    code = main([str(SAMPLES[0]), "--engine", "ray", "--report", "json"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip() == (
        "ftready: --engine ray: cannot start or reach a Ray cluster (10.0.0.1:6379): could not connect to 10.0.0.1:6379"
    )


def test_expand_sorts_a_glob_and_rejects_what_it_cannot_read(tmp_path: Path) -> None:
    for name in ("b.jsonl", "a.jsonl", "c.parquet"):
        (tmp_path / name).write_text("")
    assert [Path(p).name for p in expand(str(tmp_path / "*"))] == ["a.jsonl", "b.jsonl", "c.parquet"]
    assert [Path(p).name for p in expand(str(tmp_path))] == ["a.jsonl", "b.jsonl", "c.parquet"]
    with pytest.raises(InputError, match="no file matches"):
        expand(str(tmp_path / "*.nothing"))
    (tmp_path / "d.txt").write_text("")
    with pytest.raises(InputError, match="shards"):
        expand(str(tmp_path / "*"))


def _report(args: list[str]) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "ftready", *args, "--report", "json", "--quiet"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode in (0, 1), out.stderr
    rep = json.loads(out.stdout)
    rep.pop("timings", None)
    rep["dataset"].pop("path", None)
    return rep


@pytest.mark.skipif(not HAVE_RAY, reason="needs ftready[ray]")
def test_ray_engine_gives_the_local_report(tmp_path: Path) -> None:
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        from ftready.ray_engine import analyse_sharded
        from ftready.report import render
        from ftready.settings import Settings

        def ray_report(path: str) -> dict:
            rep = json.loads(render(analyse_sharded(path, Settings()), "json"))
            rep.pop("timings", None)
            rep["dataset"].pop("path", None)
            return rep

        for sample in SAMPLES:
            assert ray_report(str(sample)) == _report([str(sample)]), sample.name
        # a 4-shard split of one file
        lines = SAMPLES[0].read_bytes().splitlines(keepends=True)
        step = -(-len(lines) // 4)
        for k in range(4):
            (tmp_path / f"part-{k}.jsonl").write_bytes(b"".join(lines[k * step : (k + 1) * step]))
        assert ray_report(str(tmp_path / "part-*.jsonl")) == _report([str(SAMPLES[0])])
        # the same file as two Parquet shards (its records all have the same keys)
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = [json.loads(line) for line in lines]
        half = len(rows) // 2
        for k, part in enumerate((rows[:half], rows[half:])):
            pq.write_table(pa.Table.from_pylist(part), tmp_path / f"shard-{k}.parquet")
        rep = ray_report(str(tmp_path / "shard-*.parquet"))
        local = _report([str(SAMPLES[0])])
        for key in ("bytes",):  # the Parquet rows are re-encoded without the file's spaces
            rep["dataset"].pop(key)
            local["dataset"].pop(key)
        assert rep["dataset"] == local["dataset"]
        assert rep["findings"] == local["findings"]
    finally:
        ray.shutdown()
