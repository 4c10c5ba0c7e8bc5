from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
import yaml

from ftready.errors import PricingError
from ftready.pricing import (
    check_paths,
    load_pricebook,
    pricing_inventory,
    shipped_pricing_dir,
    user_pricing_dir,
)
from ftready.report.pricing import render_list

SHIPPED = {
    "openai",
    "azure_openai",
    "together",
    "fireworks",
    "vertex_ai",
    "mistral",
    "bedrock",
    "selfhosted",
}

# A small valid provider table; the tests below break one thing at a time.
VALID = """\
# a test table
schema_version: 1
provider: together
display_name: Together test
currency: USD
as_of: 2026-09-09
status: active
sources:
  page: {url: https://example.com/pricing, retrieved: 2026-09-09}
defaults:
  source: page
  training:
    unit: per_1m_tokens
    minimum_charge: 4.00
  hosting: {kind: dedicated, per_hour: 5.49}
models:
  m1:
    aliases: [small]
    training:
      rates: {sft_lora: 0.48}
    inference: {input: 0.20, output: 0.20}
    base_inference: {input: 0.18, output: 0.18}
  m2:
    training:
      rates: {sft: null}
    hosting: {kind: none}
"""


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line containing `needle`."""
    hits = [i for i, line in enumerate(text.splitlines(), start=1) if needle in line]
    return hits[occurrence - 1]


@pytest.fixture(autouse=True)
def _no_user_tables(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FTREADY_PRICING_DIR", str(tmp_path_factory.mktemp("user-pricing")))


@pytest.fixture
def table_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder `pricing/` under the working directory, so problems read `pricing/<file>:<line>: ...`."""
    monkeypatch.chdir(tmp_path)
    d = tmp_path / "pricing"
    d.mkdir()
    return d


def problems_for(table_dir: Path, text: str, name: str = "together.yaml") -> list[str]:
    (table_dir / name).write_text(text, encoding="utf-8")
    return check_paths([table_dir / name])


# --- the shipped tables -------------------------------------------------------------------------------------------


def test_shipped_dir_holds_every_table() -> None:
    d = shipped_pricing_dir()
    names = {p.stem for p in d.glob("*.yaml")}
    assert names >= SHIPPED | {"rag"}


def test_shipped_tables_validate() -> None:
    assert check_paths([shipped_pricing_dir()]) == []
    book = load_pricebook(include_user=False)
    assert set(book.providers) == SHIPPED
    for provider in SHIPPED:
        assert book.models_for(provider), provider
    assert book.rag is not None
    assert book.rag.default_embedding in book.rag.embeddings
    assert book.rag.default_vector_store is None  # the cheapest store for the corpus


def test_shipped_openai_lifecycle_and_status() -> None:
    book = load_pricebook(include_user=False)
    m = book.find("gpt-4.1-mini")
    assert m is not None and m.provider == "openai"
    assert m.status == "winding_down"
    assert m.lifecycle.training_until == dt.date(2027, 1, 6)
    assert m.lifecycle.inference_shutdown == dt.date(2027, 1, 14)
    assert m.encoding == "o200k_base" and m.max_example_tokens == 65536


def test_shipped_together_and_fireworks_host_on_dedicated_endpoints() -> None:
    book = load_pricebook(include_user=False)
    for provider in ("together", "fireworks"):
        for m in book.models_for(provider):
            assert m.hosting.kind == "dedicated", m.key


def test_shipped_unknown_prices_are_null_not_zero() -> None:
    book = load_pricebook(include_user=False)
    mistral = book.models_for("mistral")
    assert mistral and all(m.training.rates["sft"] is None for m in mistral)
    assert all(m.inference is None for m in mistral)


def test_shipped_unconfirmed_paths_name_model_keys() -> None:
    book = load_pricebook(include_user=False)
    for m in book.models:
        for path in m.unconfirmed:
            assert path.split(".")[0] in {
                "training",
                "inference",
                "base_inference",
                "hosting",
                "lifecycle",
                "max_example_tokens",
                "default_epochs",
                "encoding",
                "status",
            }, (m.key, path)


# --- broken files: one precise line each --------------------------------------------------------------------------


def test_valid_template_is_valid(table_dir: Path) -> None:
    assert problems_for(table_dir, VALID) == []


def test_wrong_type(table_dir: Path) -> None:
    text = VALID.replace("rates: {sft_lora: 0.48}", "rates: {sft_lora: cheap}")
    n = line_of(text, "sft_lora: cheap")
    assert problems_for(table_dir, text) == [
        f'pricing/together.yaml:{n}: models.m1.training.rates.sft_lora: must be a number ≥ 0, got "cheap"'
    ]


def test_negative_price(table_dir: Path) -> None:
    text = VALID.replace("inference: {input: 0.20, output: 0.20}", "inference:\n      input: 0.20\n      output: -1")
    n = line_of(text, "output: -1")
    assert problems_for(table_dir, text) == [
        f"pricing/together.yaml:{n}: models.m1.inference.output: must be a number ≥ 0, got -1"
    ]


def test_negative_minimum_charge_in_defaults(table_dir: Path) -> None:
    text = VALID.replace("minimum_charge: 4.00", "minimum_charge: -4.00")
    n = line_of(text, "minimum_charge: -4.00")
    assert problems_for(table_dir, text) == [
        f"pricing/together.yaml:{n}: defaults.training.minimum_charge: must be a number ≥ 0, got -4.00"
    ]


def test_unknown_key(table_dir: Path) -> None:
    text = VALID.replace("    aliases: [small]\n", "    aliases: [small]\n    trainng_note: oops\n")
    n = line_of(text, "trainng_note")
    problems = problems_for(table_dir, text)
    assert len(problems) == 1
    assert problems[0].startswith(f"pricing/together.yaml:{n}: models.m1.trainng_note: unknown key (known: ")


def test_missing_as_of(table_dir: Path) -> None:
    text = VALID.replace("as_of: 2026-09-09\n", "")
    n = line_of(text, "schema_version")
    assert problems_for(table_dir, text) == [f"pricing/together.yaml:{n}: missing key as_of"]


def test_bad_as_of(table_dir: Path) -> None:
    text = VALID.replace("as_of: 2026-09-09", "as_of: last autumn")
    n = line_of(text, "as_of:")
    assert problems_for(table_dir, text) == [
        f"pricing/together.yaml:{n}: as_of: must be a date YYYY-MM-DD (or YYYY-MM, YYYY when the day is unknown), "
        f'got "last autumn"'
    ]


def test_partial_as_of_is_accepted(table_dir: Path) -> None:
    text = VALID.replace("as_of: 2026-09-09", 'as_of: "2025-11"')
    assert problems_for(table_dir, text) == []
    book = load_pricebook([table_dir], include_user=False)
    m = book.find("together/m1")
    assert m is not None and m.as_of == dt.date(2025, 11, 1) and m.as_of_text == "2025-11"


def test_yaml_bomb_is_refused_quickly(table_dir: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [{','.join(['*' + prev] * 9)}]")
    text = "\n".join(lines) + "\n"
    t0 = time.perf_counter()
    problems = problems_for(table_dir, text)
    assert time.perf_counter() - t0 < 2.0
    assert problems == [
        "pricing/together.yaml:1: invalid YAML: anchors and aliases (&name, *name) are not allowed in pricing "
        "files; write values out (column 4)"
    ]


def test_alias_alone_is_refused(table_dir: Path) -> None:
    text = VALID.replace("display_name: Together test", "display_name: *name")
    n = line_of(text, "*name")
    problems = problems_for(table_dir, text)
    assert len(problems) == 1
    assert problems[0].startswith(f"pricing/together.yaml:{n}: invalid YAML: anchors and aliases")


def test_tab_indentation(table_dir: Path) -> None:
    text = VALID.replace("    aliases: [small]", "\taliases: [small]")
    n = line_of(text, "\taliases")
    assert problems_for(table_dir, text) == [
        f"pricing/together.yaml:{n}: tab character in indentation; indent with spaces"
    ]


def test_broken_yaml_names_the_line(table_dir: Path) -> None:
    text = VALID.replace("aliases: [small]", "aliases: [small")
    problems = problems_for(table_dir, text)
    assert len(problems) == 1
    n = int(problems[0].split(":")[1])
    assert problems[0].startswith(f"pricing/together.yaml:{n}: invalid YAML: ")
    assert line_of(text, "aliases: [small") <= n <= line_of(text, "aliases: [small") + 2


def test_duplicate_key(table_dir: Path) -> None:
    text = VALID.replace(
        "    base_inference: {input: 0.18, output: 0.18}\n",
        "    base_inference: {input: 0.18, output: 0.18}\n    aliases: [again]\n",
    )
    first, second = line_of(text, "aliases:"), line_of(text, "aliases:", 2)
    assert problems_for(table_dir, text) == [
        f"pricing/together.yaml:{second}: models.m1.aliases: duplicate key (first at line {first})"
    ]


def test_provider_must_match_file_name(table_dir: Path) -> None:
    n = line_of(VALID, "provider:")
    assert problems_for(table_dir, VALID, name="fireworks.yaml") == [
        f"pricing/fireworks.yaml:{n}: provider: must equal the file name 'fireworks', got \"together\""
    ]


def test_undefined_source_id(table_dir: Path) -> None:
    text = VALID.replace("    hosting: {kind: none}\n", "    hosting: {kind: none}\n    source: nowhere\n")
    n = line_of(text, "source: nowhere")
    assert problems_for(table_dir, text) == [
        f"pricing/together.yaml:{n}: models.m2.source: unknown source id 'nowhere' (defined: page)"
    ]


def test_unknown_rate_key(table_dir: Path) -> None:
    text = VALID.replace("rates: {sft_lora: 0.48}", "rates: {sft_turbo: 0.48}")
    n = line_of(text, "sft_turbo")
    problems = problems_for(table_dir, text)
    assert len(problems) == 1
    assert problems[0].startswith(f"pricing/together.yaml:{n}: models.m1.training.rates.sft_turbo: unknown rate key")


def test_hosting_key_that_does_not_apply(table_dir: Path) -> None:
    text = VALID.replace("    hosting: {kind: none}", "    hosting: {kind: none, per_hour: 1.0}")
    n = line_of(text, "kind: none, per_hour")
    assert problems_for(table_dir, text) == [
        f"pricing/together.yaml:{n}: models.m2.hosting.per_hour: does not apply to hosting kind none"
    ]


def test_hourly_training_needs_a_throughput(table_dir: Path) -> None:
    text = VALID.replace("rates: {sft_lora: 0.48}", "unit: per_gpu_hour\n      rates: {sft_lora: 2.00}")
    n = line_of(text, "  m1:")
    problems = problems_for(table_dir, text)
    assert len(problems) == 1
    assert problems[0].startswith(f"pricing/together.yaml:{n}: models.m1: missing key training.tokens_per_second")


def test_missing_training_everywhere(table_dir: Path) -> None:
    text = VALID.replace("    training:\n      rates: {sft: null}\n", "")
    n = line_of(text, "  m2:")
    assert problems_for(table_dir, text) == [
        f"pricing/together.yaml:{n}: models.m2: missing key training.rates (give it here or under defaults)"
    ]
    text = text.replace("  training:\n    unit: per_1m_tokens\n    minimum_charge: 4.00\n", "")
    n1, n2 = line_of(text, "  m1:"), line_of(text, "  m2:")
    assert problems_for(table_dir, text) == [
        f"pricing/together.yaml:{n1}: models.m1: missing key training.unit (give it here or under defaults)",
        f"pricing/together.yaml:{n2}: models.m2: missing key training (give it here or under defaults)",
    ]


def test_python_tags_are_not_executed(table_dir: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = VALID.replace(
        "display_name: Together test", f'display_name: !!python/object/apply:os.system ["touch {marker}"]'
    )
    problems = problems_for(table_dir, text)
    assert not marker.exists()
    assert len(problems) == 1 and "display_name" in problems[0]


@pytest.mark.parametrize(
    ("find", "bad"),
    [
        ("aliases: [small]", "aliases: [!!binary aGk=]"),
        ("rates: {sft_lora: 0.48}", "rates: {sft_lora: !!binary aGk=}"),
    ],
)
def test_a_value_the_parser_refused_is_reported_once_inside_lists_and_rates(
    table_dir: Path, find: str, bad: str
) -> None:
    assert find in VALID
    problems = problems_for(table_dir, VALID.replace(find, bad))
    assert len(problems) == 1 and "binary values are not allowed" in problems[0], problems
    assert "object at 0x" not in problems[0]


def test_not_a_mapping_and_empty(table_dir: Path) -> None:
    assert problems_for(table_dir, "- a\n- b\n") == [
        "pricing/together.yaml:1: a pricing file must be a mapping of keys (schema_version, provider, ...), got a list"
    ]
    assert problems_for(table_dir, "# nothing\n") == ["pricing/together.yaml:1: empty file"]


def test_every_problem_of_every_file_is_reported(table_dir: Path) -> None:
    (table_dir / "together.yaml").write_text(VALID.replace("0.48", "-0.48").replace("as_of: 2026-09-09\n", ""))
    (table_dir / "fireworks.yaml").write_text(
        VALID.replace("provider: together", "provider: fireworks").replace("5.49", "lots")
    )
    with pytest.raises(PricingError) as exc:
        load_pricebook([table_dir], include_user=False)
    problems = exc.value.problems
    assert len(problems) == 3
    assert any(p.startswith("pricing/together.yaml:") and "missing key as_of" in p for p in problems)
    assert any(
        p.startswith("pricing/together.yaml:") and "sft_lora: must be a number ≥ 0, got -0.48" in p for p in problems
    )
    assert any(
        p.startswith("pricing/fireworks.yaml:") and 'per_hour: must be a number ≥ 0, got "lots"' in p for p in problems
    )
    assert str(exc.value) == "\n".join(problems)


def test_missing_pricing_dir_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(PricingError) as exc:
        load_pricebook([tmp_path / "nope"], include_user=False)
    assert exc.value.problems == [f"{tmp_path / 'nope'}: --pricing folder not found"]


def test_check_paths_accepts_files_and_folders(table_dir: Path, tmp_path: Path) -> None:
    (table_dir / "together.yaml").write_text(VALID)
    assert check_paths([table_dir]) == []
    assert check_paths([table_dir / "together.yaml", shipped_pricing_dir() / "openai.yaml"]) == []
    assert check_paths([tmp_path / "missing.yaml"]) == ["missing.yaml: no such file or folder"]  # relative to cwd


# --- layering and lookup -----------------------------------------------------------------------------------------


def test_later_tables_override_single_models_and_add_models(tmp_path: Path) -> None:
    override = tmp_path / "mine"
    override.mkdir()
    data = yaml.safe_load(VALID)
    data["provider"] = "openai"
    data["models"] = {
        "gpt-4.1-mini-2025-04-14": {"training": {"rates": {"sft": 4.00}}, "hosting": {"kind": "none"}},
        "my-new-model": {"training": {"rates": {"sft": 1.00}}},
    }
    (override / "openai.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    shipped = load_pricebook(include_user=False)
    book = load_pricebook([override], include_user=False)
    m = book.find("openai/gpt-4.1-mini-2025-04-14")
    assert m is not None and m.training.rates == {"sft": 4.00}
    assert book.find("openai/my-new-model") is not None
    # the other shipped OpenAI models are still there
    assert book.find("gpt-4o-mini") is not None
    assert len(book.models) == len(shipped.models) + 1
    assert book.files[-1].endswith("openai.yaml")


def test_user_dir_is_layered_before_pricing_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    user, extra = tmp_path / "user", tmp_path / "extra"
    for d, rate in ((user, 1.0), (extra, 2.0)):
        d.mkdir()
        data = yaml.safe_load(VALID)
        data["models"]["m1"]["training"]["rates"] = {"sft_lora": rate}
        (d / "together.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    monkeypatch.setenv("FTREADY_PRICING_DIR", str(user))
    user_m1, extra_m1 = load_pricebook().find("together/m1"), load_pricebook([extra]).find("together/m1")
    assert user_m1 is not None and user_m1.training.rates["sft_lora"] == 1.0
    assert extra_m1 is not None and extra_m1.training.rates["sft_lora"] == 2.0
    assert load_pricebook(include_user=False).find("together/m1") is None


def test_user_pricing_dir_locations(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FTREADY_PRICING_DIR", str(tmp_path / "a"))
    assert user_pricing_dir() == tmp_path / "a"
    monkeypatch.delenv("FTREADY_PRICING_DIR")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    assert user_pricing_dir() == tmp_path / "cfg" / "ftready" / "pricing"
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert user_pricing_dir() == tmp_path / "home" / ".config" / "ftready" / "pricing"


def test_find_by_key_id_and_alias(table_dir: Path) -> None:
    (table_dir / "together.yaml").write_text(VALID)
    book = load_pricebook([table_dir], include_user=False)
    assert book.find("together/m1") is book.find("m1") is book.find("SMALL")
    assert book.find("nope") is None
    # a bare id listed by OpenAI and Azure resolves to OpenAI; the provider/key form reaches Azure
    m = book.find("gpt-4.1-mini-2025-04-14")
    assert m is not None and m.provider == "openai"
    az = book.find("azure_openai/gpt-4.1-mini-2025-04-14")
    assert az is not None and az.provider == "azure_openai"


def test_null_prices_stay_none(table_dir: Path) -> None:
    (table_dir / "together.yaml").write_text(VALID)
    m2 = load_pricebook([table_dir], include_user=False).find("together/m2")
    assert m2 is not None
    assert m2.training.rates == {"sft": None}
    assert m2.inference is None and m2.base_inference is None
    assert m2.training.minimum_charge == 4.0  # inherited from defaults


def test_render_list_marks_stale_tables(table_dir: Path) -> None:
    (table_dir / "together.yaml").write_text(VALID)
    today = dt.date(2026, 11, 23)
    out = render_list(pricing_inventory([table_dir], include_user=False, today=today))
    row = next(line for line in out.splitlines() if " m1 " in line)
    age = (today - dt.date(2026, 9, 9)).days
    assert f"{age}d" in row and "STALE" not in row and "dedicated 5.49/h" in row
    bedrock = next(line for line in out.splitlines() if "meta.llama2-13b" in line)
    assert "STALE" in bedrock and f"{(today - dt.date(2024, 3, 13)).days}d" in bedrock
    later = render_list(pricing_inventory([table_dir], include_user=False, today=today + dt.timedelta(days=200)))
    assert "STALE" in next(line for line in later.splitlines() if " m1 " in line)


def test_shipped_dir_from_a_plain_install(tmp_path: Path) -> None:
    """Laid out as the wheel installs it (ftready/pricing/tables inside the package), the tables are found there."""
    import os
    import shutil
    import subprocess
    import sys

    src = Path(__file__).resolve().parents[1] / "src" / "ftready"
    site = tmp_path / "site"
    shutil.copytree(src, site / "ftready", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(shipped_pricing_dir(), site / "ftready" / "pricing" / "tables")
    code = (
        "from ftready.pricing import shipped_pricing_dir, load_pricebook\n"
        "d = shipped_pricing_dir()\n"
        "print(d)\n"
        "print(len(load_pricebook(include_user=False).models))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(site), "FTREADY_PRICING_DIR": str(tmp_path / "none")}
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    where, count = res.stdout.split()
    assert Path(where) == site / "ftready" / "pricing" / "tables"
    assert int(count) == len(load_pricebook(include_user=False).models)


def test_libyaml_and_pure_python_parsing_agree(monkeypatch: pytest.MonkeyPatch, table_dir: Path) -> None:
    """libyaml composes plain files quickly; the pure-Python loader must give the same values, lines and errors."""
    from ftready.pricing import yamldoc

    def parse(path: Path) -> tuple[object, dict]:
        doc = yamldoc.Doc(str(path))
        value = yamldoc.parse(path.read_text(encoding="utf-8"), doc)
        return value, doc.lines

    files = sorted(shipped_pricing_dir().glob("*.yaml"))
    (table_dir / "together.yaml").write_text(
        VALID.replace("rates: {sft_lora: 0.48}", "rates: {sft_lora: 0.48, sft_lora: 1}")
    )
    fast = [parse(f) for f in files]
    dup_fast = check_paths([table_dir / "together.yaml"])
    monkeypatch.setattr(yamldoc, "compose_fast", lambda text: None)
    assert [parse(f) for f in files] == fast
    assert check_paths([table_dir / "together.yaml"]) == dup_fast
    assert len(dup_fast) == 1 and "models.m1.training.rates.sft_lora: duplicate key" in dup_fast[0]


def test_rag_default_settings_cannot_be_null(table_dir: Path) -> None:
    """`text_bytes_per_token: null` in rag.yaml was accepted by `pricing check` and then crashed the load with a
    TypeError (float(None)); a setting with a built-in default must be a number or left out."""
    text = (shipped_pricing_dir() / "rag.yaml").read_text(encoding="utf-8")
    broken = "\n".join(
        line.split(":")[0] + ": null" if line.strip().startswith("text_bytes_per_token:") else line
        for line in text.splitlines()
    )
    n = line_of(broken, "text_bytes_per_token: null")
    problems = problems_for(table_dir, broken, name="rag.yaml")
    assert problems == [f"pricing/rag.yaml:{n}: defaults.text_bytes_per_token: must be a number > 0, got null"]
    with pytest.raises(PricingError):
        load_pricebook([table_dir], include_user=False)


# --- the inventory -------------------------------------------------------------------------------------------------


def test_inventory_lists_every_file_in_precedence_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    user, extra = tmp_path / "user", tmp_path / "extra"
    user.mkdir()
    extra.mkdir()
    monkeypatch.setenv("FTREADY_PRICING_DIR", str(user))
    (user / "together.yaml").write_text(VALID, encoding="utf-8")
    mine = yaml.safe_load(VALID)
    mine["as_of"] = "2025-01-01"
    del mine["models"]["m2"]
    (extra / "together.yaml").write_text(yaml.safe_dump(mine), encoding="utf-8")
    (extra / "fireworks.yaml").write_text(
        VALID.replace("provider: together", "provider: fireworks").replace("0.48", "cheap"), encoding="utf-8"
    )
    today = dt.date(2026, 11, 23)

    inv = pricing_inventory([extra], today=today)
    shipped = sorted(shipped_pricing_dir().glob("*.yaml"))
    assert [(f.origin, f.path) for f in inv.files] == [
        *(("shipped", p) for p in shipped),
        ("user", user / "together.yaml"),
        ("--pricing", extra / "fireworks.yaml"),
        ("--pricing", extra / "together.yaml"),
    ]
    assert all(f.name == f"pricing/{f.path.name}" for f in inv.files[: len(shipped)])
    with pytest.raises(PricingError) as exc:
        load_pricebook([extra])
    assert inv.problems == tuple(exc.value.problems) and not inv.ok
    assert inv.book is None and inv.models == ()
    broken = inv.files[-2]
    assert len(broken.problems) == 1 and "models.m1.training.rates.sft_lora" in broken.problems[0]
    assert all(not f.problems for f in inv.files if f is not broken)

    (extra / "fireworks.yaml").unlink()
    inv = pricing_inventory([extra], today=today)
    assert inv.ok and inv.book is not None
    by_name = {(f.origin, f.path.name): f for f in inv.files}
    mine_user, mine_extra = by_name[("user", "together.yaml")], by_name[("--pricing", "together.yaml")]
    assert mine_user.models == ("m1", "m2") and mine_user.overridden == ("m1",)
    assert mine_extra.models == ("m1",) and mine_extra.overridden == ()
    assert (mine_user.as_of_text, mine_user.age_days, mine_user.stale) == ("2026-09-09", 75, False)
    assert (mine_extra.as_of_text, mine_extra.age_days, mine_extra.stale) == ("2025-01-01", 691, True)
    rag = by_name[("shipped", "rag.yaml")]
    assert rag.is_rag and rag.models == () and rag.embeddings and rag.vector_stores
    assert not by_name[("shipped", "bedrock.yaml")].stale  # every shipped table is as of 2026-10 or later
    # the models in use: the book's, in its order, with the age of each model's own prices
    assert [e.price for e in inv.models] == list(inv.book.models)
    m1 = next(e for e in inv.models if e.key == "together/m1")
    assert m1.price.file == mine_extra.name and m1.age_days == 691 and m1.stale
    assert next(e for e in inv.models if e.key == "together/m2").price.file == mine_user.name
