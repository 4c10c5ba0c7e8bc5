"""The text-quality family (FT9xx): detectors, KTO undesirable replies left out, redacted sample lines in the
Markdown report."""

from __future__ import annotations

import json
from pathlib import Path

from ftready.pipeline import analyse
from ftready.report.markdown import render
from ftready.settings import Settings
from ftready.stages import quality as q


def test_detectors_and_their_near_misses() -> None:
    assert q.mojibake("You receivea å£900 prize") and not q.mojibake("Café naïve — “ok”")
    assert q.html("at &lt;#&gt; now") and not q.html("Tom & Jerry") and not q.html("write `&lt;` for <")
    assert q.placeholder_prompt("Name a colour.\n\nNo input") and not q.placeholder_prompt("Name a colour.")
    assert q.placeholder_reply("...") and not q.placeholder_reply("Blue.")
    assert q.refusal("As an AI language model, I can't.") and not q.refusal("I am sorry your parcel was late.")
    assert q.truncated("```py\nx = 1\n") and not q.truncated("Paris")
    assert q.language_mismatch(
        "What is the capital of France and why is it important to the world?",
        "La capital de Francia es París, y es importante por su historia y su cultura en el mundo.",
    )
    assert not q.language_mismatch("Translate into Spanish: the cat is on the table and it is happy", "El gato está")


def test_shapes_seen_in_public_data_are_not_flagged() -> None:
    # an identity set teaches the model what it is; a hashtag or a quotation's attribution ends a reply; a
    # reply to a prompt asking for HTML is HTML; "as" in a list of actors is not Portuguese
    assert not q.refusal("I am an AI assistant developed by {{author}}.")
    assert q.refusal("As an AI, I don't have access to real-time data.")
    long = "Enjoy a healthy lifestyle and lifetime friendship with your little buddy, get a puppy today "
    assert not q.truncated(long + "#PuppyLove")
    assert not q.truncated('"' + long + 'and more." -C.S. Lewis')
    assert q.truncated(long + "and the importance of")
    assert not q.html("<table>\n<tr><td>John</td></tr>\n</table>", "Reformat the JSON into an HTML table.")
    assert not q.language_mismatch(
        "Name the actors in Star Wars: The Last Jedi, please, with the roles they play in the film.",
        "The actors include:\n- Mark Hamill as Luke Skywalker\n- Carrie Fisher as Princess Leia\n- Daisy Ridley as Rey",
    )


def test_kto_undesirable_replies_are_left_out_and_samples_are_redacted(tmp_path: Path) -> None:
    recs = [
        {
            "messages": [
                {"role": "user", "content": f"Question {i}?"},
                {"role": "assistant", "content": "As an AI language model, I cannot answer."},
            ],
            "label": False,
        }
        for i in range(10)
    ]
    recs.append(
        {
            "messages": [
                {"role": "user", "content": "Mail me?"},
                {"role": "assistant", "content": "As an AI language model, write to jane.doe@acme-corp.io."},
            ],
            "label": True,
        }
    )
    p = tmp_path / "kto.jsonl"
    p.write_text("".join(json.dumps(r) + "\n" for r in recs))
    a = analyse(p, Settings(select=("FT904",)))
    f = a.finding("FT904")
    assert f is not None and f.lines == (11,)
    assert "jane.doe" not in f.message and "j***@" in f.message
    md = render(a)
    assert "FT904" in md and "line 11:" in md and "jane.doe" not in md
