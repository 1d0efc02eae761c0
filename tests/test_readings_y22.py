"""Readings heldout37 showed code getting wrong, each stated as a false brief: a titled
name in the possessive never made a person ("Prime Minister Anna Keller's office"), so
"the prime minister" was taken for the trade minister who spoke before; a one-word answer
("No.") read the other way; a question put to someone read as their stance; an object
run across a question mark ("quota? We") or ending in a verb's particle ("beef out"); a
question's inverted verb group worded as an act ("wing retaliate"); and "opposed removing
the counter-tariffs" worded as against the counter-tariffs."""

from __future__ import annotations

from pathlib import Path

from summarizer.answers import answered
from summarizer.cast import cast_of
from summarizer.checks import Checked
from summarizer.named_objects import object_topic
from summarizer.objects import open_topics
from summarizer.profile import Cues, load_profile
from summarizer.segment import segment
from summarizer.speakers import speakers
from summarizer.tracked_words import asked_about, worded

from .conftest import staged

TRADE = load_profile("trade")


def test_a_titled_name_in_the_possessive_is_a_person() -> None:
    text = "Tariffs\n\nPrime Minister Anna Keller's office went further.\n"
    assert cast_of(segment(text), TRADE).members["Anna Keller"].role == "Prime Minister"
    # an untitled possessive run is still no person: "Acme Steel's plant"
    plain = "Tariffs\n\nAcme Steel's plant closed on Monday.\n"
    assert "Acme Steel" not in cast_of(segment(plain), TRADE).members


def test_the_prime_minister_is_the_one_so_titled_not_the_last_speaker() -> None:
    text = ("Tariffs\n\nTrade Minister Tom Brandt said Riverton would lift the tariffs.\n\n"
            "Prime Minister Anna Keller's office went further. A spokesperson said the prime "
            "minister opposed removing the tariffs.\n\n"
            "Later the trade minister said he had been misunderstood.\n")  # fmt: skip
    sentences = segment(text)
    found = speakers(sentences, cast_of(sentences, TRADE))
    assert [s.actor for s in found[3]][:1] == ["Anna Keller"]
    # and "the trade minister", after the prime minister spoke, is the trade minister
    assert [s.actor for s in found[4]][:1] == ["Tom Brandt"]


def _cues(word: str) -> Cues:
    return Cues(phrases=(word,))


def test_a_one_word_answer_says_the_side_on_what_the_question_asks() -> None:
    lang = TRADE.lang
    no = 'Asked whether Riverton would lift the tariffs, Keller said: "No. Not this year."'
    assert answered(Checked("supports"), no, _cues("tariffs"), lang).polarity == "opposes"
    yes = 'Asked if Riverton should sign the deal, Keller replied: "Yes, and soon."'
    assert answered(Checked("opposes"), yes, _cues("deal"), lang).polarity == "supports"
    # a yes with a condition stays conditional; an answer of more than a word is the model's
    cond = 'Asked whether Chile would sign the deal, Keller said: "Yes. If Acme does."'
    assert answered(Checked("conditional"), cond, _cues("deal"), lang).polarity == "conditional"
    long = 'Asked whether Chile would sign the deal, Keller said: "Nothing is decided."'
    assert answered(Checked("supports"), long, _cues("deal"), lang).polarity == "supports"
    # a question about a fact or a belief is answered about that, not about the topic
    fact = 'Asked whether she trusted Acme\'s promises of a truce, Keller said: "No."'
    assert answered(Checked("opposes"), fact, _cues("truce"), lang).polarity is None


def test_a_question_put_to_someone_is_no_stance_of_theirs(tmp_path: Path) -> None:
    said = "Trade Minister Anna Keller was asked whether Riverton would accept a steel quota."
    stage, _ = staged(tmp_path, f"Quotas\n\n{said}\n", {"stance": "supports"}, TRADE)
    assert not stage.positions
    assert any("question put to the speaker" in d.reason for d in stage.dropped)
    # "was asked to lead" is a request, not a question: the stance stays the model's
    led = "Trade Minister Anna Keller, who was asked to lead the talks, backs a steel quota."
    stage, _ = staged(tmp_path, f"Quotas\n\n{led}\n", {"stance": "supports"}, TRADE)
    assert [p.polarity for p in stage.positions] == ["supports"]


def test_an_object_stops_at_a_question_mark_and_is_no_verbs_particle() -> None:
    said = '"Would we accept a quota? We would look at anything," Keller said.'
    assert all("?" not in t.name for t in open_topics(said, TRADE))
    part = '"What good is a deal that leaves beef out?" Keller said.'
    assert object_topic("beef out", part, frozenset({"keller"}), TRADE) is None
    plain = "Keller said she opposes steel quotas."
    assert object_topic("steel quotas", plain, frozenset({"keller"}), TRADE) is not None


def test_an_inverted_verb_group_is_a_question_not_an_act() -> None:
    said = '"Why would we retaliate against our closest ally?" Keller asked.'
    assert not [t for t in open_topics(said, TRADE) if "retaliat" in (t.worded or t.name)]
    # the group in a statement still words the act
    stated = "Keller said Riverton would retaliate against Acme's tariffs."
    assert open_topics(stated, TRADE)


def test_a_stance_on_undoing_a_tracked_topic_is_worded_and_asked_with_the_act() -> None:
    said = "Keller said she opposed removing the counter-tariffs before talks."
    [topic] = [t for t in TRADE.topics if t.name == "tariffs"]
    wording = worded(said, topic, TRADE)
    assert wording == "removing the counter-tariffs"
    assert asked_about(topic, wording, TRADE) == (wording, False)  # under no issue
    # a negated group that undoes is still about the object: "will not drop its tariffs"
    kept = worded("Keller said Riverton will not drop its tariffs.", topic, TRADE)
    assert kept == "its tariffs" and asked_about(topic, kept, TRADE) == ("tariffs", True)


def test_a_named_object_in_a_question_is_no_topic() -> None:
    said = '"Would we accept a quota? We would look at anything," Keller said.'
    for span in ("a quota", "accept a quota", "accept a quota?"):
        assert object_topic(span, said, frozenset({"keller"}), TRADE) is None
    stated = "Keller said Riverton would accept a quota."
    assert object_topic("accept a quota", stated, frozenset({"keller"}), TRADE) is not None


def test_an_undoing_act_of_a_verb_group_stays_in_the_wording() -> None:
    [topic] = [t for t in TRADE.topics if t.name == "tariffs"]
    said = "Keller said Riverton would lift the 25 percent counter-tariffs next month."
    assert worded(said, topic, TRADE) == "lifting the 25 percent counter-tariffs"
    # what a thing would do is no one's act, though the thing names a body after its head
    thing = "Keller said the partnership agreement with Acme will remove tariffs on cars."
    assert open_topics(thing, TRADE) == []
    body = "Keller said the Government of Chile will remove tariffs on cars."
    assert [t.name for t in open_topics(body, TRADE)] == ["removing tariffs"]


def test_an_act_on_what_the_topic_only_qualifies_is_asked_as_worded() -> None:
    [topic] = [t for t in TRADE.topics if t.name == "tariffs"]
    said = "Keller said that Congress should reclaim its power over tariffs."
    wording = worded(said, topic, TRADE)
    assert wording == "reclaiming its power over tariffs"
    assert asked_about(topic, wording, TRADE) == (wording, False)
    # an object the topic heads is still the topic: "a deal on tariffs" is asked as tariffs
    deal = worded("Keller backs new tariffs on steel.", topic, TRADE)
    assert asked_about(topic, deal, TRADE) == ("tariffs", True)


def test_a_question_put_to_a_speaker_who_also_speaks_keeps_the_stance(tmp_path: Path) -> None:
    said = ("Trade Minister Anna Keller, who was asked whether talks would resume, said "
            "Riverton backs a steel quota.")  # fmt: skip
    stage, _ = staged(tmp_path, f"Quotas\n\n{said}\n", {"stance": "supports"}, TRADE)
    assert [p.polarity for p in stage.positions] == ["supports"]
