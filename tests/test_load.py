"""The loader: every format, every problem code, containers, the canonical frame."""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ftready.errors import InputError, UsageError
from ftready.load import load_dataset
from ftready.rules.codes import CODES

Write = Callable[[str, "str | bytes"], Path]


def jl(*records: object) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n"


def chat(user: str = "Hi", reply: str = "Hello!", system: str | None = "Be brief.") -> dict:
    msgs = [{"role": "system", "content": system}] if system is not None else []
    return {"messages": [*msgs, {"role": "user", "content": user}, {"role": "assistant", "content": reply}]}


# ----------------------------------------------------------------------------------------------- formats

FORMAT_CASES = {
    "openai-chat": chat("What is 2+2?", "4"),
    "openai-preference": {
        "input": {"messages": [{"role": "user", "content": "Hi"}]},
        "preferred_output": [{"role": "assistant", "content": "Hello! How can I help?"}],
        "non_preferred_output": [{"role": "assistant", "content": "What."}],
    },
    "preference-messages": {
        "chosen_messages": [
            {"role": "user", "content": [{"type": "text", "value": "Sky colour?"}]},
            {"role": "assistant", "content": [{"type": "text", "value": "Blue."}]},
        ],
        "rejected_messages": [
            {"role": "user", "content": [{"type": "text", "value": "Sky colour?"}]},
            {"role": "assistant", "content": [{"type": "text", "value": "Green."}]},
        ],
    },
    "sharegpt-preference": {
        "conversations": [{"from": "human", "value": "Sky colour?"}],
        "chosen": {"from": "gpt", "value": "Blue."},
        "rejected": {"from": "gpt", "value": "Green."},
    },
    "preference": {"prompt": "The sky is", "chosen": " blue.", "rejected": " green."},
    "sharegpt": {
        "conversations": [
            {"from": "system", "value": "Be nice"},
            {"from": "human", "value": "Hi"},
            {"from": "gpt", "value": "Hello"},
        ]
    },
    "alpaca": {"instruction": "Summarise", "input": "Long text here.", "output": "Short."},
    "prompt-completion": {"prompt": "Translate: Hello", "completion": "Bonjour"},
    "prompt-response": {"prompt": "Capital of France?", "response": "Paris"},
    "gemini": {
        "systemInstruction": {"role": "system", "parts": [{"text": "Be terse."}]},
        "contents": [{"role": "user", "parts": [{"text": "2+2?"}]}, {"role": "model", "parts": [{"text": "4"}]}],
    },
    "classification": {"text": "my card is lost", "intent": "lost_card"},
    "text": {"text": "A document about rivers."},
    "turns": {"id": "u1", "data": ["How do I bake bread?", "Mix, knead, rise, bake.", "And rye?", "Use a starter."]},
}


def test_alternating_turns_become_a_conversation_and_other_data_fields_do_not(write_file: Write) -> None:
    r = load_dataset(write_file("u.jsonl", jl({"dialog": ["Hi there.", "Hello! How can I help?", "Nothing, thanks."]})))
    assert r.info.format == "turns" and r.info.examples == 1
    row = r.frame.row(0, named=True)
    assert row["response"] == "Hello! How can I help?" and "Nothing, thanks." in row["prompt"]
    # a `data` field that is not a list of texts is not a conversation: the file fits no layout
    with pytest.raises(InputError, match="no record fits a known layout"):
        load_dataset(write_file("v.jsonl", jl({"data": {"a": 1}}, {"data": [1, 2]})))


@pytest.mark.parametrize("fmt", sorted(FORMAT_CASES))
def test_every_format_is_detected_and_normalised(write_file: Write, fmt: str) -> None:
    p = write_file("d.jsonl", jl(FORMAT_CASES[fmt], FORMAT_CASES[fmt]))
    r = load_dataset(p)
    assert r.info.format == fmt
    assert r.info.examples == 2 and not r.problems
    row = r.frame.row(0, named=True)
    assert row["response"], "every format yields a reply"
    assert row["line"] == 1
    assert r.info.is_fine_tuning_format == (fmt != "text")


def test_normalised_columns_for_chat_with_tools(write_file: Write) -> None:
    rec = {
        "messages": [
            {"role": "system", "content": "You help with weather."},
            {"role": "user", "content": "Weather in Paris?"},
            {
                "role": "assistant",
                "tool_calls": [
                    {
                        "id": "c1",
                        "type": "function",
                        "function": {"name": "get_weather", "arguments": '{"city":"Paris"}'},
                    }
                ],
            },
            {"role": "tool", "tool_call_id": "c1", "content": "21C"},
            {"role": "assistant", "content": "It is 21C.", "weight": 1},
        ],
        "tools": [{"type": "function", "function": {"name": "get_weather", "parameters": {}}}],
    }
    r = load_dataset(write_file("t.jsonl", jl(rec)))
    row = r.frame.row(0, named=True)
    assert row["system"] == "You help with weather."
    assert row["prompt"] == "Weather in Paris?\n\n21C"
    assert "get_weather" in row["response"] and row["response"].endswith("It is 21C.")
    assert "You help with weather" not in row["text"]
    assert row["text"].startswith("user: Weather in Paris?")
    assert row["n_messages"] == 5 and row["n_assistant"] == 2


def test_content_parts_and_multimodal_remark(write_file: Write) -> None:
    rec = {
        "messages": [
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": "What is "},
                    {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}},
                    {"type": "text", "text": "this?"},
                ],
            },
            {"role": "assistant", "content": "A cat."},
        ]
    }
    r = load_dataset(write_file("m.jsonl", jl(rec)))
    assert r.frame["prompt"][0] == "What is this?"
    assert r.remarks["FT158"] == [1]


def test_label_sources(write_file: Write) -> None:
    r = load_dataset(write_file("c.jsonl", jl({"text": "a", "category": "x"}, {"text": "b", "category": "y"})))
    assert r.frame["label"].to_list() == ["x", "y"]
    kto = {"prompt": "The sky is", "completion": " blue.", "label": True}
    r = load_dataset(write_file("k.jsonl", jl(kto)))
    assert r.frame["label"].to_list() == ["desirable"]  # KTO labels are named for what they mean


def test_sharegpt_tool_roles(write_file: Write) -> None:
    rec = {
        "conversations": [
            {"from": "human", "value": "Convert 5 USD"},
            {"from": "function_call", "value": '{"name": "convert", "arguments": {"amount": 5}}'},
            {"from": "observation", "value": '{"eur": 4.6}'},
            {"from": "gpt", "value": "5 USD is 4.60 EUR."},
        ],
        "tools": '[{"name": "convert"}]',
    }
    r = load_dataset(write_file("s.jsonl", jl(rec)))
    assert not r.problems
    assert r.frame["n_assistant"][0] == 2
    assert "convert" in r.frame["response"][0]


def test_preference_rejected_and_tokens_segments(write_file: Write) -> None:
    r = load_dataset(write_file("p.jsonl", jl(FORMAT_CASES["preference-messages"])))
    assert r.frame["response"][0] == "Blue."
    assert r.frame["rejected"][0] == "Green."
    assert "rejected: Green." in r.frame["text"][0]


# ----------------------------------------------------------------------------------------------- problems

PROBLEM_CASES: dict[str, str] = {
    "FT101": '{"messages": [}',
    "FT102": "[1, 2, 3]",
    "FT104": json.dumps({"foo": "bar"}),
    "FT105": json.dumps({"prompt": "a", "completion": "b"}),
    "FT106": json.dumps({"messages": []}),
    "FT107": json.dumps({"messages": ["hello", {"role": "assistant", "content": "x"}]}),
    "FT108": json.dumps({"messages": [{"role": "robot", "content": "hi"}, {"role": "assistant", "content": "x"}]}),
    "FT109": json.dumps({"messages": [{"role": "user", "content": 42}, {"role": "assistant", "content": "x"}]}),
    "FT110": json.dumps({"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "  "}]}),
    "FT111": json.dumps({"messages": [{"role": "user", "content": "hi"}]}),
    "FT114": json.dumps(
        {"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "x", "weight": 2}]}
    ),
    "FT115": json.dumps({"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "tool_calls": "no"}]}),
}


@pytest.mark.parametrize("code", sorted(PROBLEM_CASES))
def test_each_problem_code_on_its_line(write_file: Write, code: str) -> None:
    good = json.dumps(chat())
    text = "\n".join([good, good, PROBLEM_CASES[code], good]) + "\n"
    r = load_dataset(write_file("p.jsonl", text))
    assert r.info.format == "openai-chat"
    codes = {(p.line, p.code) for p in r.problems}
    assert (3, code) in codes
    assert r.info.invalid == 1 and r.info.examples == 3 and r.info.records == 4
    assert all(p.message for p in r.problems)


def test_field_problems_in_other_formats(write_file: Write) -> None:
    good = {"instruction": "Do", "input": "", "output": "Done"}
    text = jl(
        good,
        {"instruction": 5, "output": "x"},  # FT112 wrong type
        {"instruction": "   ", "output": "x"},  # FT113 empty
        {"text": "t", "label": {"a": 1}},  # other format, no shared keys -> FT105
        good,
    )
    r = load_dataset(write_file("a.jsonl", text))
    got = {(p.line, p.code) for p in r.problems}
    assert {(2, "FT112"), (3, "FT113"), (4, "FT105")} <= got
    cls = jl({"text": "a", "label": "x"}, {"text": "b", "label": [1]}, {"text": "c", "label": None})
    r = load_dataset(write_file("c.jsonl", cls))
    assert {(2, "FT117"), (3, "FT117")} == {(p.line, p.code) for p in r.problems}


def test_invalid_utf8_line(write_file: Write) -> None:
    good = json.dumps(chat()).encode()
    p = write_file("u.jsonl", good + b"\n" + b'{"messages": "\xff\xfe"}\n' + good + b"\n")
    r = load_dataset(p)
    assert [(x.line, x.code) for x in r.problems] == [(2, "FT103")]


def test_trailing_garbage_nan_and_duplicate_keys(write_file: Write) -> None:
    good = json.dumps(chat())
    text = "\n".join(
        [
            good,
            good + " extra",
            '{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "x"}], "w": NaN}',
            '{"messages": [], "messages": [{"role": "user", "content": "hi"}]}',
            good,
        ]
    )
    r = load_dataset(write_file("g.jsonl", text))
    by_line = {p.line: p for p in r.problems}
    assert set(by_line) == {2, 3, 4}
    assert all(p.code == "FT101" for p in by_line.values())
    assert "after the value" in by_line[2].message
    assert "NaN" in by_line[3].message
    assert "duplicate key" in by_line[4].message


def test_blank_lines_are_skipped_not_counted(write_file: Write) -> None:
    good = json.dumps(chat())
    r = load_dataset(write_file("b.jsonl", f"\n{good}\n\n   \n{good}\n"))
    assert r.info.records == 2
    assert r.frame["line"].to_list() == [2, 5]


def test_several_problems_in_one_record_are_all_reported(write_file: Write) -> None:
    rec = {"messages": [{"role": "robot", "content": "x"}, {"role": "user", "content": 3}, {"content": "y"}]}
    r = load_dataset(write_file("s.jsonl", jl(chat(), rec)))
    codes = sorted(p.code for p in r.problems)
    assert codes == ["FT107", "FT108", "FT109", "FT111"]
    assert r.info.invalid == 1


def test_every_problem_code_is_documented() -> None:
    problems = [r for r in CODES if r.is_problem]
    assert len(problems) >= 17
    for r in problems:
        assert r.code.startswith("FT1") and r.name and r.summary and r.doc.what and r.doc.fix


# ----------------------------------------------------------------------------------------------- containers


def test_json_array_and_gzip_and_csv(write_file: Write, tmp_path: Path) -> None:
    recs = [FORMAT_CASES["alpaca"], {"instruction": "Add", "input": "1 2", "output": "3"}]
    r = load_dataset(write_file("a.json", json.dumps(recs, indent=2)))
    # each element's line is the physical line it starts on (the array is indented: 5 lines an element)
    assert (r.info.container, r.info.examples, r.frame["line"].to_list()) == ("json", 2, [2, 7])
    one_line = load_dataset(write_file("b.json", json.dumps(recs)))  # minified: one line, numbered 1, 2
    assert one_line.frame["line"].to_list() == [1, 2]
    gz = tmp_path / "a.jsonl.gz"
    gz.write_bytes(gzip.compress(jl(*recs).encode()))
    r = load_dataset(gz)
    assert (r.info.container, r.info.examples) == ("jsonl+gzip", 2)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerows([["text", "category"], ["lost my card", "card"], ['quote "x", comma', "other"]])
    r = load_dataset(write_file("c.csv", buf.getvalue()))
    assert (r.info.container, r.info.format, r.frame["label"].to_list()) == ("csv", "classification", ["card", "other"])


def test_json_array_with_syntax_error_half_way(write_file: Write) -> None:
    items = [json.dumps(FORMAT_CASES["alpaca"])] * 4
    text = "[\n" + ",\n".join(items[:2]) + ',\n{"instruction": oops},\n' + ",\n".join(items[2:]) + "\n]"
    r = load_dataset(write_file("h.json", text))
    assert r.info.examples == 2
    assert [(p.line, p.code) for p in r.problems] == [(4, "FT101")]
    assert "line 4" in r.problems[0].message and "rest of the file" in r.problems[0].message


def test_csv_row_with_wrong_field_count(write_file: Write) -> None:
    r = load_dataset(write_file("c.csv", "text,label\na,x\nb,y,z\nc,w\n"))
    assert [(p.line, p.code) for p in r.problems] == [(3, "FT116")]
    assert r.info.examples == 2


def test_bom_and_crlf(write_file: Write) -> None:
    good = json.dumps(chat())
    r = load_dataset(write_file("b.jsonl", ("\ufeff" + good + "\r\n" + good + "\r\n").encode()))
    assert r.info.examples == 2 and not r.problems


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("empty.jsonl", b"", "empty"),
        ("blank.jsonl", b"\n\n  \n", "empty"),
        ("bin.jsonl", b"\x00\x01\x02binary\x00", "binary"),
        ("notes.jsonl", b"hello world\nthis is text\n", "not a dataset"),
        ("cfg.jsonl", b'{"foo": 1}\n{"bar": 2}\n', "not a fine-tuning dataset"),
        ("all_bad.jsonl", b"{oops\n{nope\n", "not a fine-tuning dataset"),
    ],
)
def test_unusable_files_raise_input_error_naming_the_file(
    write_file: Write, name: str, content: bytes, needle: str
) -> None:
    p = write_file(name, content)
    with pytest.raises(InputError) as exc:
        load_dataset(p)
    msg = str(exc.value)
    assert name in msg and needle in msg and "\n" not in msg


def test_missing_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_dataset(tmp_path / "nope.jsonl")
    with pytest.raises(InputError, match="is a directory"):
        load_dataset(tmp_path)


def test_forced_format(write_file: Write) -> None:
    text = jl({"prompt": "a", "completion": "b"}, {"prompt": "c", "response": "d"})
    r = load_dataset(write_file("f.jsonl", text), "prompt-response")
    assert r.info.format_forced and r.info.format == "prompt-response"
    assert [(p.line, p.code) for p in r.problems] == [(1, "FT112")]
    with pytest.raises(UsageError):
        load_dataset(write_file("g.jsonl", text), "nonsense")


def test_format_is_the_majority_of_the_first_records(write_file: Write) -> None:
    text = jl({"text": "doc"}, *[chat(f"q{i}", f"a{i}") for i in range(5)])
    r = load_dataset(write_file("m.jsonl", text))
    assert r.info.format == "openai-chat"
    assert [(p.line, p.code) for p in r.problems] == [(1, "FT105")]


def test_remarks_for_usable_records(write_file: Write) -> None:
    recs = [
        chat(system=None),  # FT150
        {"messages": [{"role": "system", "content": "s"}, {"role": "assistant", "content": "x"}]},  # FT151
        {
            "messages": [
                {"role": "user", "content": "a"},
                {"role": "user", "content": "b"},
                {"role": "assistant", "content": "c"},
            ]
        },  # FT152
        {
            "messages": [
                {"role": "user", "content": "a"},
                {"role": "assistant", "content": "b"},
                {"role": "user", "content": "c"},
            ]
        },  # FT153
        {**chat(), "source": "web"},  # FT154
        {"messages": [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b", "weight": 0}]},  # FT157
    ]
    r = load_dataset(write_file("r.jsonl", jl(*recs)))
    assert not r.problems
    assert r.remarks["FT151"] == [2]
    assert r.remarks["FT152"] == [3]
    assert r.remarks["FT153"] == [4]
    assert r.remarks["FT154"] == [5] and r.extra_keys["source"] == 1
    assert r.remarks["FT157"] == [6]
    assert 1 in r.remarks["FT150"]


def test_loader_never_writes_the_input(write_file: Write) -> None:
    p = write_file("d.jsonl", jl(chat(), "{bad"))
    before = (p.read_bytes(), p.stat().st_mtime_ns)
    load_dataset(p)
    assert (p.read_bytes(), p.stat().st_mtime_ns) == before


def test_common_variants_of_the_formats(write_file: Write) -> None:
    qa = jl({"question": "Capital of France?", "answer": "Paris"}, {"query": "2+2?", "response": "4"})
    r = load_dataset(write_file("qa.jsonl", qa))
    assert (r.info.format, r.info.examples, r.frame["prompt"].to_list()) == (
        "prompt-response",
        2,
        ["Capital of France?", "2+2?"],
    )
    io_pairs = jl({"input": "Translate: cat", "output": "chat"}, {"input": "Translate: dog", "output": "chien"})
    r = load_dataset(write_file("io.jsonl", io_pairs))
    assert (r.info.format, r.info.examples, r.frame["response"].to_list()) == ("alpaca", 2, ["chat", "chien"])
    role_style = {"conversations": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}]}
    r = load_dataset(write_file("sg.jsonl", jl(role_style, role_style)))
    assert (r.info.format, r.info.examples, r.frame["response"][0]) == ("sharegpt", 2, "Hello")


@pytest.mark.parametrize("keep", ["texts", "ids", "lengths"])
def test_a_dataset_read_in_parts_gives_the_frame_read_in_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keep: str
) -> None:
    """Rows become polars columns a part at a time while the file is read; the parts join to the same frame."""
    import ftready.load as load_mod
    from ftready.tokens import FastSample, TokenStream, get_encoder

    lines = []
    for i in range(103):
        msgs = [{"role": "user", "content": f"question {i % 17}"}, {"role": "assistant", "content": "ok " * (i % 9)}]
        if i % 4 == 0:
            msgs.insert(0, {"role": "system", "content": "Be brief."})
        lines.append(json.dumps({"messages": msgs}) if i % 10 != 5 else "{not json")
    path = tmp_path / "d.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def load() -> tuple[Any, ...]:
        stream: Any = None
        if keep == "ids":
            stream = TokenStream(get_encoder("cl100k_base"))
        elif keep == "lengths":
            stream = FastSample(30, size=10)
        try:
            r = load_mod.load_dataset(path, tokens=stream)
        finally:
            if stream is not None:
                stream.close()
        return r.frame, r.segments, r.problems, r.overhead

    one = load()
    monkeypatch.setattr(load_mod, "PART_ROWS", 7)
    monkeypatch.setattr(load_mod, "PART_CHECK", 3)
    parts = load()
    assert (
        one[0].height + len({p.line for p in one[2]}) == 103
        and one[0]["line"].n_chunks() == 1
        and parts[0]["line"].n_chunks() > 5
    )
    assert parts[0].equals(one[0]) and parts[1].equals(one[1]) and parts[2:] == one[2:]


@pytest.mark.parametrize("name", ["big.jsonl", "big.jsonl.gz", "big.csv"])
def test_reading_reports_the_share_of_the_file_read(write_file: Write, name: str) -> None:
    rows = [chat(f"Question {i} about invoices?", f"Answer {i}.") for i in range(12_000)]
    if name.endswith(".csv"):
        body = "prompt,response\n" + "".join(f"Question {i}?,Answer {i}.\n" for i in range(12_000))
    else:
        body = jl(*rows)
    data = gzip.compress(body.encode()) if name.endswith(".gz") else body.encode()
    path = write_file(name, data)
    seen: list[tuple[int, int]] = []
    load_dataset(path, progress=lambda stage, done, total: seen.append((done, total)) if stage == "load" else None)
    size = path.stat().st_size
    assert len(seen) >= 3 and all(total == size for _, total in seen), seen[:3]
    done = [d for d, _ in seen]
    assert done == sorted(done) and 0 < done[0] < size and done[-1] == size


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        (
            'prompt;completion\n"What is 2+2?";"4"\nCapital of France?;Paris\n',
            [("What is 2+2?", "4"), ("Capital of France?", "Paris")],
        ),
        ("prompt\tcompletion\nWhat is 2+2?\t4\n", [("What is 2+2?", "4")]),
        # a comma in the header decides: the semicolon inside a field is text
        ('prompt,completion\n"Hi; there",Hello\n', [("Hi; there", "Hello")]),
    ],
)
def test_csv_split_by_semicolons_or_tabs_is_read(write_file: Write, text: str, rows: list[tuple[str, str]]) -> None:
    r = load_dataset(write_file("d.csv", text))
    assert (r.info.format, r.problems) == ("prompt-completion", [])
    assert list(zip(r.frame["prompt"].to_list(), r.frame["response"].to_list(), strict=True)) == rows
