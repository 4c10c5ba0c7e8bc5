"""Formats people use now: Human/Assistant transcripts (preference and plain text), KTO labels, typed parts for
reasoning and tool calls, reasoning_content and <think> blocks, multimodal parts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ftready.load import load_dataset
from ftready.load.transcripts import is_transcript, parse, split_think, template
from ftready.pipeline import analyse
from ftready.settings import Settings


def jl(path: Path, recs: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in recs))
    return path


def hh(prompt_turns: list[tuple[str, str]], reply: str) -> str:
    body = "".join(f"\n\n{'Human' if r == 'user' else 'Assistant'}: {t}" for r, t in prompt_turns)
    return body + ("\n\nAssistant:" + (f" {reply}" if reply else ""))


def test_transcript_parsing() -> None:
    t = "\n\nHuman: Hi\nthere\n\nAssistant: Hello.\n\nHuman: Bye\n\nAssistant:"
    assert is_transcript(t) and not is_transcript("Assistant: only") and not is_transcript("plain text")
    assert parse(t) == [("user", "Hi\nthere"), ("assistant", "Hello."), ("user", "Bye"), ("assistant", "")]
    assert split_think("<think>a b</think>Answer.") == ("a b", "Answer.")
    assert split_think("No thinking.") == ("", "No thinking.")


def test_hh_preference_transcripts_are_parsed_into_turns(tmp_path: Path) -> None:
    recs = []
    for i in range(10):
        ctx = [("user", f"How do I bake loaf {i}?"), ("assistant", "Knead it."), ("user", "How long?")]
        recs.append({"chosen": hh(ctx, f"About {30 + i} minutes."), "rejected": hh(ctx, "No idea.")})
    ctx = [("user", "Question A"), ("assistant", "x"), ("user", "Question B")]
    recs.append({"chosen": hh(ctx, ""), "rejected": hh(ctx, "Something.")})  # an empty chosen reply
    bad_order = [("user", "hi"), ("user", "again")]
    recs.append({"chosen": hh(bad_order, "Hello there."), "rejected": hh(bad_order, "Go away.")})
    r = load_dataset(jl(tmp_path / "hh.jsonl", recs))
    assert r.info.format == "preference" and r.info.examples == 11
    assert [(p.line, p.code) for p in r.problems] == [(11, "FT110")]
    assert "FT151" not in r.remarks  # every example has its user turns
    assert r.remarks["FT152"] == [12]
    assert r.frame["prompt"][0] == "How do I bake loaf 0?\n\nHow long?"
    # the reply column holds every assistant turn; the rejected side is the last reply alone
    assert r.frame["response"][0] == "Knead it.\n\nAbout 30 minutes." and r.frame["rejected"][0] == "No idea."


def test_transcripts_in_plain_text_are_conversations(tmp_path: Path) -> None:
    recs = [{"text": f"\n\nHuman: Fact {i}?\n\nAssistant: Fact {i} is true."} for i in range(5)]
    recs.append({"text": "\n\nHuman: Last one?\n\nAssistant:"})
    r = load_dataset(jl(tmp_path / "t.jsonl", recs))
    assert (r.info.format, r.info.is_fine_tuning_format, r.info.examples) == ("transcript", True, 5)
    assert [p.code for p in r.problems] == ["FT110"]


TURNS = [
    ("system", "Be brief."),
    ("user", "Capital of France?"),
    ("assistant", "Paris."),
    ("user", "And Spain?"),
    ("assistant", "Madrid."),
]
RENDERED = {
    "chatml": "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nCapital of France?<|im_end|>\n"
    "<|im_start|>assistant\nParis.<|im_end|>\n<|im_start|>user\nAnd Spain?<|im_end|>\n<|im_start|>assistant\n"
    "Madrid.<|im_end|>\n",
    "llama-3": "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>"
    "<|start_header_id|>user<|end_header_id|>\n\nCapital of France?<|eot_id|><|start_header_id|>assistant"
    "<|end_header_id|>\n\nParis.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nAnd Spain?<|eot_id|>"
    "<|start_header_id|>assistant<|end_header_id|>\n\nMadrid.<|eot_id|>",
    "llama-2": "<s>[INST] <<SYS>>\nBe brief.\n<</SYS>>\n\nCapital of France? [/INST] Paris. </s>"
    "<s>[INST] And Spain? [/INST] Madrid. </s>",
    "zephyr": "<|system|>\nBe brief.</s>\n<|user|>\nCapital of France?</s>\n<|assistant|>\nParis.</s>\n"
    "<|user|>\nAnd Spain?</s>\n<|assistant|>\nMadrid.</s>",
}
NO_SYSTEM = {
    "gemma": "<bos><start_of_turn>user\nCapital of France?<end_of_turn>\n<start_of_turn>model\nParis.<end_of_turn>\n"
    "<start_of_turn>user\nAnd Spain?<end_of_turn>\n<start_of_turn>model\nMadrid.<end_of_turn>",
    "guanaco": "### Human: Capital of France?### Assistant: Paris.### Human: And Spain?### Assistant: Madrid.",
}
# Phi-3 writes the Zephyr roles with <|end|> after each turn
PHI3 = (
    "<|user|>\nCapital of France?<|end|>\n<|assistant|>\nParis.<|end|>\n<|user|>\nAnd Spain?<|end|>\n"
    "<|assistant|>\nMadrid.<|end|>\n"
)


@pytest.mark.parametrize("name", sorted(RENDERED) + sorted(NO_SYSTEM))
def test_chat_templates_are_parsed_into_turns(name: str) -> None:
    text = RENDERED.get(name) or NO_SYSTEM[name]
    assert template(text) == name
    assert parse(text) == (TURNS if name in RENDERED else TURNS[1:])


def test_phi3_turn_ends_are_not_text() -> None:
    assert template(PHI3) == "zephyr" and parse(PHI3) == TURNS[1:]


def test_an_alpaca_prompt_template_is_one_exchange() -> None:
    text = (
        "Below is an instruction that describes a task.\n\n### Instruction:\nSummarise the text.\n\n"
        "### Input:\nA long text.\n\n### Response:\nShort.</s>"
    )
    assert template(text) == "alpaca"
    assert parse(text) == [("user", "Summarise the text.\n\nA long text."), ("assistant", "Short.")]


def test_text_that_only_mentions_a_template_is_not_a_conversation() -> None:
    assert template("Use <|im_start|>user to open a turn in ChatML; that is all.") is None  # no assistant turn
    assert template("[INST] tags wrap the user turn") is None  # no [/INST]
    assert template("A document about rivers. ### Instruction: none here") is None


def test_templated_text_is_checked_as_conversations_not_as_a_corpus(tmp_path: Path) -> None:
    recs = [{"text": RENDERED["chatml"].replace("France", f"country {i}")} for i in range(30)]
    r = load_dataset(jl(tmp_path / "t.jsonl", recs))
    assert (r.info.format, r.info.is_fine_tuning_format, r.info.examples) == ("transcript", True, 30)
    row = r.frame.row(0, named=True)
    assert row["system"] == "Be brief." and "<|im_end|>" not in row["prompt"] + row["response"]
    assert row["response"] == "Paris.\n\nMadrid."


def test_kto_labels_counted_and_undesirable_replies_kept_out_of_reply_checks(tmp_path: Path) -> None:
    recs = [
        {
            "messages": [{"role": "user", "content": f"Q {i}?"}, {"role": "assistant", "content": f"Answer {i}."}],
            "label": i % 3 != 0,
        }
        for i in range(30)
    ]
    r = load_dataset(jl(tmp_path / "kto.jsonl", recs))
    assert r.info.examples == 30 and "FT154" not in r.remarks  # the label is not an extra key
    labels = r.frame["label"].to_list()
    assert labels.count("desirable") == 20 and labels.count("undesirable") == 10
    und = r.frame.filter(r.frame["label"] == "undesirable")
    assert und["response"].to_list() == [""] * 10 and und["rejected"][0] == "Answer 0."
    a = analyse(tmp_path / "kto.jsonl", Settings(select=("FT5",)))
    assert a.labels is not None and dict(a.labels.counts) == {"desirable": 20, "undesirable": 10}
    trl = jl(tmp_path / "trl.jsonl", [{"prompt": "Sky?", "completion": "Green.", "label": "undesirable"}])
    assert load_dataset(trl).frame["label"].to_list() == ["undesirable"]
    bad = jl(tmp_path / "b.jsonl", [{**recs[0], "label": "maybe"}])
    assert [p.code for p in load_dataset(bad).problems] == ["FT117"]


def test_typed_reasoning_and_tool_call_parts(tmp_path: Path) -> None:
    def rec(i: int) -> dict:
        call = {"name": "get_weather", "arguments": {"city": i}}
        return {
            "messages": [
                {"role": "user", "content": [{"type": "text", "value": f"Weather in {i}?"}]},
                {
                    "role": "assistant",
                    "content": [
                        {"type": "reasoning", "value": "The user wants the weather; call the tool."},
                        {"type": "tool_call", "value": json.dumps(call)},
                    ],
                },
                {"role": "tool", "content": [{"type": "text", "value": "sunny"}]},
                {"role": "assistant", "content": [{"type": "text", "value": f"Sunny in {i}."}]},
            ]
        }

    recs = [rec(i) for i in range(5)]
    recs.append(
        {
            "messages": [
                {
                    "role": "user",
                    "content": [{"type": "text", "text": "What?"}, {"type": "image_url", "image_url": {}}],
                },
                {"role": "assistant", "content": "<think>A cat.</think>It is a cat.", "reasoning_content": "Look."},
            ]
        }
    )
    r = load_dataset(jl(tmp_path / "r.jsonl", recs))
    assert r.info.examples == 6 and not r.problems
    assert r.frame["response"][5] == "It is a cat."
    assert "get_weather" in r.frame["response"][0] and "call the tool" not in r.frame["response"][0]
    assert r.remarks["FT158"] == [6]
    reasoning = r.segments.filter(r.segments["role"] == "t")["text"].to_list()
    assert len(reasoning) == 6 and reasoning[5] == "Look.\n\nA cat."
    a = analyse(tmp_path / "r.jsonl", Settings(select=("FT2",)))
    assert a.tokens is not None and 0 < a.tokens.reasoning_total < a.tokens.response_total


def _ft150(path: Path) -> list:
    return [f for f in analyse(str(path), Settings(select=("FT150",))).findings if f.code == "FT150"]


def test_no_system_prompt_only_where_the_layout_has_one_or_the_data_is_mixed(tmp_path: Path) -> None:
    """Alpaca and ShareGPT files without any system prompt say nothing about the data: no FT150. A chat file
    without one, or a ShareGPT file where some examples have one, is reported."""
    qa = [
        (f"How do I export note {i} as a PDF file?", f"Open note {i} and choose Export, then PDF.") for i in range(20)
    ]
    alpaca = jl(tmp_path / "a.jsonl", [{"instruction": q, "input": "", "output": a} for q, a in qa])
    share = [{"conversations": [{"from": "human", "value": q}, {"from": "gpt", "value": a}]} for q, a in qa]
    sharegpt = jl(tmp_path / "s.jsonl", share)
    mixed = jl(tmp_path / "m.jsonl", [{**c, "system": "You help with the notes app."} for c in share[:5]] + share[5:])
    chat = [{"messages": [{"role": "user", "content": q}, {"role": "assistant", "content": a}]} for q, a in qa]
    chat_path = jl(tmp_path / "c.jsonl", chat)
    assert _ft150(alpaca) == [] and _ft150(sharegpt) == []
    (m,) = _ft150(mixed)
    assert m.count == 15
    (c,) = _ft150(chat_path)
    assert c.count == 20


def test_media_are_counted_and_named_by_kind(tmp_path: Path) -> None:
    """Typed parts (image_url, input_audio) and LLaMA-Factory's record-level `images` list are named in FT158."""
    recs = []
    for i in range(12):
        user: object = f"<image>What is shown in picture {i}?"
        extra: dict = {"images": [f"data/{i}.jpg"]}
        if i >= 8:
            user = [{"type": "text", "text": f"Transcribe clip {i}."}, {"type": "input_audio", "input_audio": {}}]
            extra = {}
        recs.append(
            {"messages": [{"role": "user", "content": user}, {"role": "assistant", "content": f"Item {i}."}], **extra}
        )
    path = jl(tmp_path / "mm.jsonl", recs)
    (f,) = [f for f in analyse(str(path), Settings(select=("FT158",))).findings if f.code == "FT158"]
    assert f.count == 12 and list(f.lines) == list(range(1, 13))
    assert "contain images (8), audio (4); only their text is analysed" in f.message


def test_sft_priced_on_preference_pairs_is_noted(tmp_path: Path) -> None:
    recs = [{"prompt": f"Question {i}?", "chosen": f"Good answer {i}.", "rejected": f"Bad {i}."} for i in range(30)]
    path = jl(tmp_path / "pref.jsonl", recs)
    (f,) = [f for f in analyse(str(path), Settings(select=("FT708",))).findings if f.code == "FT708"]
    assert f.severity.value == "info" and "trains on the chosen replies only" in f.message
    dpo = Settings(select=("FT708",), assumptions={"method": "dpo"})
    assert not [f for f in analyse(str(path), dpo).findings if f.code == "FT708"]


def test_sharegpt_turns_under_the_messages_key_are_read_as_sharegpt(tmp_path: Path) -> None:
    turns = [{"from": "human", "value": f"Hi {i}"} for i in range(3)]
    recs = [{"messages": [t, {"from": "gpt", "value": f"Hello {n}."}]} for n, t in enumerate(turns)]
    r = load_dataset(jl(tmp_path / "m.jsonl", recs))
    assert not r.problems and r.info.examples == 3
    assert r.frame["prompt"].to_list() == ["Hi 0", "Hi 1", "Hi 2"] and r.frame["response"][2] == "Hello 2."


def test_conversational_pairs_that_repeat_the_prompt_keep_it_once(tmp_path: Path) -> None:
    def pair(i: int, with_prompt: bool) -> dict[str, object]:
        user = {"role": "user", "content": f"Name a river, number {i}."}
        chosen = [user, {"role": "assistant", "content": f"The Danube ({i})."}]
        rejected = [user, {"role": "assistant", "content": "No."}]
        rec: dict[str, object] = {"chosen": chosen, "rejected": rejected}
        if with_prompt:  # UltraFeedback: the prompt again, the chosen side again as `messages`, the scores
            rec |= {"prompt": user["content"], "prompt_id": str(i), "messages": chosen, "score_chosen": 8.0}
        return rec

    for with_prompt in (False, True):
        r = load_dataset(jl(tmp_path / f"p{with_prompt}.jsonl", [pair(i, with_prompt) for i in range(4)]))
        assert (r.info.format, r.info.examples, r.problems) == ("preference", 4, [])
        row = r.frame.row(1, named=True)
        assert (row["prompt"], row["response"], row["rejected"]) == (
            "Name a river, number 1.",
            "The Danube (1).",
            "No.",
        )
        assert "FT154" not in r.remarks  # messages, prompt_id and the scores belong to the layout


def test_a_conversation_key_holding_messages_is_chat(tmp_path: Path) -> None:
    # LMSYS-Chat-1M and WildChat: `conversation` beside metadata such as `model` and `language`, which the field
    # mapping had taken for the reply and the prompt
    recs = [
        {
            "conversation_id": str(i),
            "model": "vicuna-13b",
            "language": "English",
            "conversation": [
                {"role": "user", "content": f"Which river runs through city {i}?"},
                {"role": "assistant", "content": f"The river of city {i} is the Vistula."},
            ],
        }
        for i in range(5)
    ]
    r = load_dataset(jl(tmp_path / "c.jsonl", [*recs, {"conversation": "not messages", "text": "x"}]))
    assert (r.info.format, r.info.examples) == ("openai-chat", 5)
    assert r.frame["response"][0] == "The river of city 0 is the Vistula."


def test_a_system_prompt_beside_a_question_and_answer_is_part_of_the_request(tmp_path: Path) -> None:
    # OpenOrca: id, system_prompt, question, response
    recs = [
        {"id": f"t0.{i}", "system_prompt": "You are a helpful assistant.", "question": f"Q{i}?", "response": "A."}
        for i in range(3)
    ]
    r = load_dataset(jl(tmp_path / "o.jsonl", recs))
    assert (r.info.format, r.problems) == ("prompt-response", [])
    assert r.frame["system"][0] == "You are a helpful assistant." and "FT154" not in r.remarks


def test_input_output_exchanges_in_a_conversation_are_turns(tmp_path: Path) -> None:
    # Capybara: source, conversation [{input, output}, ...]
    conv = [{"input": "Name a river.", "output": "The Nile."}, {"input": "Another?", "output": "The Amazon."}]
    r = load_dataset(jl(tmp_path / "c.jsonl", [{"source": "Airoboros", "conversation": conv}] * 2))
    assert (r.info.format, r.problems) == ("openai-chat", [])
    row = r.frame.row(0, named=True)
    assert row["prompt"] == "Name a river.\n\nAnother?" and row["response"] == "The Nile.\n\nThe Amazon."
    bad = {"conversation": [{"input": "Hi", "output": 3}]}
    r = load_dataset(jl(tmp_path / "b.jsonl", [{"source": "x", "conversation": conv}, bad]))
    assert {(p.line, p.code) for p in r.problems} == {(2, "FT112"), (2, "FT111")}  # the bad output: no reply
