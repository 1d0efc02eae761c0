"""A topic the model names where code found none (`named_objects`), and how its answer is
read (`label.read_span`): only words of the sentence count, and what they name is checked
before any stance is asked about it. Fresh held-out sets showed sentences with a speaker and
no topic code could find ("has ruled out sending ...", "declined to take part in ...")."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from summarizer.label import Ask, Label, ask_object, clean_span, read_span
from summarizer.named_objects import object_topic
from summarizer.profile import load_profile

from .conftest import staged

TRADE = load_profile("trade")
SENTENCE = "Norway has ruled out sending inspectors to Chile, the ministry said."
RIVERTON = frozenset({"norway", "oslo"})


def test_a_span_answer_is_the_sentences_own_words_or_nothing() -> None:
    assert read_span("sending inspectors to Chile", SENTENCE) == Label(
        "sending inspectors to Chile"
    )
    # case, quotes, a full stop and spacing aside, the sentence's own text is kept
    assert read_span('"Sending  inspectors to chile."', SENTENCE) == Label(
        "sending inspectors to Chile"
    )
    assert read_span("None.", SENTENCE) == Label("none")
    assert read_span("dispatching inspectors to Chile", SENTENCE) is None  # a paraphrase
    assert read_span("sending inspect", SENTENCE) is None  # not a whole word of the sentence
    long = "Norway has ruled out sending inspectors to Chile the ministry said"
    assert read_span(long, SENTENCE) is None  # more than a phrase: an explanation


def test_a_span_is_stored_as_given_and_found_in_its_sentence_only_when_used(
    tmp_path: Path,
) -> None:
    assert clean_span('Answer: "sending inspectors to Chile."\nBecause ...') == (
        "sending inspectors to Chile"
    )
    assert clean_span("") == "none" and clean_span("None of them.") == "none"
    # a batch output line is stored as a live answer is: its sentence is not at hand there
    from summarizer.batch import store_answers
    from summarizer.store import Store

    body = {"model": "m", "usage": {}, "choices": [{"message": {"content": '"raising levies"'}}]}
    line = {"custom_id": "object-k1", "response": {"status_code": 200, "body": body}}
    with Store(tmp_path / "s.db") as store:
        got = store_answers([json.dumps(line)], store)
        assert got.answered == 1 and store.get_label("k1") == ("raising levies", None)


def test_the_object_question_shows_the_sentence_as_data_and_bounds_its_answer() -> None:
    asked = ask_object(SENTENCE, "Norway")
    assert asked.choices == () and 10 <= asked.tokens <= 32
    assert "<text>Norway has ruled out" in asked.messages[-1]["content"]


def test_a_named_object_must_be_in_the_part_name_something_and_not_the_speaker() -> None:
    topic = object_topic("sending inspectors to Chile", SENTENCE, RIVERTON, TRADE)
    assert topic is not None and topic.name == "sending inspectors to Chile"
    assert topic.negated_by == ""
    assert object_topic("sending inspectors", "The ministry said so.", RIVERTON, TRADE) is None
    assert object_topic("Norway", SENTENCE, RIVERTON, TRADE) is None  # the speaker
    assert object_topic("the ministry said", SENTENCE, RIVERTON, TRADE) is None  # speech
    idea = "Norway welcomed the idea on Monday."
    assert object_topic("the idea", idea, RIVERTON, TRADE) is None  # names nothing


def test_a_bare_verb_is_named_as_an_act_and_a_negation_before_it_is_kept() -> None:
    declined = "Norway declined to take part in any deployment."
    topic = object_topic("take part in any deployment", declined, RIVERTON, TRADE)
    assert topic is not None and topic.name == "taking part in any deployment"
    negated = "Norway will not send inspectors to Chile."
    topic = object_topic("send inspectors to Chile", negated, RIVERTON, TRADE)
    assert topic is not None and topic.name == "sending inspectors to Chile"
    assert topic.negated_by == "not"
    # a stance verb between reads the sentence its own way ("does not oppose")
    opposing = "Norway does not oppose the inspectors."
    topic = object_topic("the inspectors", opposing, RIVERTON, TRADE)
    assert topic is not None and topic.negated_by == ""


def _stage(tmp_path: Path, text: str, answers: dict[str, str]) -> tuple[Any, list[Ask]]:
    return staged(tmp_path, text, answers, TRADE)


def test_a_sentence_with_a_speaker_and_no_topic_is_asked_what_it_is_about(
    tmp_path: Path,
) -> None:
    said = "Norway has shelved sending inspectors to Chile, the ministry said."
    text = f"Inspection row\n\n{said} Chile said the talks would resume.\n"
    answers = {"object": "sending inspectors to Chile", "stance": "opposes"}
    stage, asked = _stage(tmp_path, text, answers)
    objects = [a for a in asked if a.kind == "object"]
    assert [said in a.messages[-1]["content"] for a in objects][:1] == [True]
    [position] = [p for p in stage.positions if p.actor == "Norway"]
    assert position.topic == "sending inspectors to Chile"
    assert position.polarity == "opposes" and position.evidence[0].quote == said


def test_a_named_object_the_sentence_does_not_hold_gives_no_position(tmp_path: Path) -> None:
    text = "Inspection row\n\nNorway has shelved sending inspectors to Chile, it said.\n"
    stage, asked = _stage(tmp_path, text, {"object": "a levy on salmon", "stance": "opposes"})
    assert any(a.kind == "object" for a in asked)
    assert not any(a.kind == "stance" for a in asked)  # nothing to ask a stance on
    assert not stage.positions


def test_a_sentence_whose_topic_code_finds_is_not_asked_for_one(tmp_path: Path) -> None:
    text = "Levy row\n\nNorway opposes the new salmon levy, the ministry said.\n"
    stage, asked = _stage(tmp_path, text, {"object": "the new salmon levy", "stance": "opposes"})
    assert not any(a.kind == "object" for a in asked)
    assert any(p.actor == "Norway" and p.polarity == "opposes" for p in stage.positions)


def test_words_that_are_not_what_the_speaker_wants_done_name_no_topic() -> None:
    cases = [
        ("Norway called the levy a dangerous gamble.", "a dangerous gamble"),  # a verdict
        ('Norway said the plan was "a costly mistake" for Chile.', "a costly mistake"),
        ("Norway said the levy would protect local boatyards.", "local boatyards"),  # a thing's
        ("Norway said the cost could reach two billion kroner.", "two billion kroner"),
        ('"If Chile believes the cost is higher than the gain, it will wait," Norway said.',
         "higher than the gain"),  # the condition, not the aim
        ("Norway said the ruling protects boatyards from unlawful levies.", "unlawful levies"),
        ("Norway said its real contribution would be ships and training.", "ships and training"),
        ("Norway said it would raise it with the League.", "raise it with the League"),
        ("NORWAY: I agree with the minister.", "agree with the minister"),
        ("Norway said Anna Keller of Acme would lead the talks.", "Anna Keller of Acme"),
    ]  # fmt: skip
    for sentence, span in cases:
        assert object_topic(span, sentence, RIVERTON, TRADE) is None, span


def test_a_stance_verb_or_against_that_opens_the_span_is_not_part_of_the_topic() -> None:
    text = "The protest was organised by Acme, which rejects any levy on boatyards."
    topic = object_topic("rejects any levy on boatyards", text, frozenset({"acme"}), TRADE)
    assert topic is not None and topic.name == "any levy on boatyards"
    text = "Norway said it stood against a levy on boatyards."
    topic = object_topic("against a levy on boatyards", text, RIVERTON, TRADE)
    assert topic is not None and topic.name == "a levy on boatyards"
    # a vote is the stance, not its topic: "voted in favour" names nothing voted on
    voted = "– I voted in favour of the levy on boatyards."
    for span in ("voted in favour of the levy on boatyards", "in favour of the levy on boatyards"):
        topic = object_topic(span, voted, RIVERTON, TRADE)
        assert topic is not None and topic.name == "the levy on boatyards", span
    assert object_topic("voted in favour", "– I voted in favour.", RIVERTON, TRADE) is None
