"""How a position words its topic, and who an article's cast holds, decided in code.

No model: the plan is driven with fixed labels, so each test reads what code found.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.assemble import Stage
from summarizer.cast import cast_of
from summarizer.checks import open_topics, stance_topics
from summarizer.label import Ask
from summarizer.profile import Profile, load_profile
from summarizer.segment import segment
from summarizer.speakers import speakers
from summarizer.tracked_words import worded

from .conftest import staged

SECURITY = load_profile("security")
TRADE = load_profile("trade")


def _staged(tmp_path: Path, text: str, label: str, profile: Profile) -> tuple[Stage, list[Ask]]:
    """The stage of `text` as an article file, every stance labelled `label`."""
    return staged(tmp_path, text, {"stance": label}, profile)


def _worded(text: str, profile: Profile, before: str = "") -> tuple[str, str]:
    (topic, *_) = stance_topics(text, profile)
    return topic.name, worded(text, topic, profile, before=before)


@pytest.mark.parametrize(
    ("text", "profile", "issue", "wording"),
    [
        # The topic word as a subject: the phrase it heads, not the tracked name.
        ('Anna Keller said the duties "protect local growers and will stay."', TRADE,
         "tariffs", "duties"),
        # A word in a verb's place is not a modifier: "send" stays out.
        ("Keller said Riverton would send troops to the joint force if asked.", SECURITY,
         "troops after a ceasefire", "sending troops to the joint force"),
        # A possessive opens the phrase and ends the walk back; a name may modify.
        ("Keller said Chile's new tariffs on timber were lawful.", TRADE,
         "tariffs", "Chile's new tariffs on timber"),
        ("Keller said Riverton expansion had been a mistake.", SECURITY,
         "NATO membership", "Riverton expansion"),
        # A bare verb names nothing: the tracked name is the wording.
        ("Keller urged the council to negotiate.", TRADE, "trade talks", "trade talks"),
        # An act that undoes is left out: the stance asked is on the tariffs themselves.
        ("Keller said Riverton will not drop its own tariffs on timber.", TRADE,
         "tariffs", "its own tariffs on timber"),
        ("Keller said Riverton would raise tariffs on timber.", TRADE,
         "tariffs", "raising tariffs on timber"),
        # A participle after an opener runs on to its noun; a complement stops before a
        # subordinator and never ends on a determiner.
        ("Keller said the city remained open to a negotiated solution but would not wait.",
         TRADE, "trade talks", "negotiated solution"),
        # In a verb's place after "could", the verb is the act worded ("to buy weapons" is
        # no stance on weapons), as after "would" above.
        ("Keller said Riverton could send troops to a monitoring mission once the fighting stops.",
         SECURITY, "troops after a ceasefire", "sending troops to a monitoring mission"),
        ('"Not one euro from Riverton will go to buy weapons," Keller said.', SECURITY,
         "continued military support", "buying weapons"),
        # ... nor one whose clause a comma closed: "to hold, troops must"
        ("If we want a truce to hold, Riverton troops must be there, Keller said.", SECURITY,
         "troops after a ceasefire", "Riverton troops"),
        # ... nor a verb that undoes or opposes: "would block membership for Acme"
        ("Keller said Riverton would block membership for Acme.", SECURITY,
         "NATO membership", "membership for Acme"),
        # A passive predicate names no phrase either.
        ("Keller said Riverton must ensure the town \"is protected by others\".", SECURITY,
         "security guarantees", "security guarantees"),
        # A phrasal verb's particle is the verb's, not the noun's (`verb_particles`).
        ("She ruled out national subsidies to make up for lost sales.", TRADE,
         "subsidies", "national subsidies"),
    ],
)  # fmt: skip
def test_a_tracked_topic_no_object_names_is_worded_by_the_phrase_its_word_heads(
    text: str, profile: Profile, issue: str, wording: str
) -> None:
    assert _worded(text, profile) == (issue, wording)


@pytest.mark.parametrize(
    ("before", "wording"),
    [
        # modifiers and a complement, but not the verb before them
        ("Riverton imposed anti-dumping duties on timber. ", "anti-dumping duties on timber"),
        ("Riverton will raise duties on timber to 40 percent. ", "duties on timber"),
        # the complement stops at the end of a line (a headline has no full stop)
        ("Riverton sets duties\n\nRIVERTON (Wire) — The city said. ", "duties"),
    ],
)  # fmt: skip
def test_a_one_word_phrase_is_named_as_the_article_first_named_it(
    before: str, wording: str
) -> None:
    assert _worded("Keller said the duties were fair.", TRADE, before) == ("tariffs", wording)


@pytest.mark.parametrize(
    ("text", "negated_by"),
    [
        ("Keller said Riverton will fight the duties at the trade court.", "fight"),
        ("Keller said Riverton condemned the duties.", "condemned"),
        # fighting for something is no opposition to it
        ("Keller said Riverton will fight for lower duties.", ""),
        # the object of "rejects" is the demands, not what they ask for
        ("Keller said Riverton rejects the demands of the guilds to keep the duties.", ""),
        # a complement is part of the object
        ("Keller said Riverton opposed the extension of the duties.", "opposed"),
    ],
)  # fmt: skip
def test_a_verb_of_opposition_marks_a_tracked_topic_in_its_object(
    text: str, negated_by: str
) -> None:
    (topic, *_) = stance_topics(text, TRADE)
    assert (topic.name, topic.negated_by) == ("tariffs", negated_by)


def test_the_phrase_is_the_positions_topic_and_the_tracked_name_its_issue(tmp_path: Path) -> None:
    text = ("Levy row\n\nThe mayor of Riverton, Anna Keller, said the duties "
            "\"protect local growers and will stay.\"")  # fmt: skip
    stage, asked = _staged(tmp_path, text, "supports", TRADE)
    assert "Anna Keller on tariffs" in [a.about for a in asked]  # asked by the tracked name
    (duties,) = [p for p in stage.positions if p.actor == "Anna Keller"]
    assert (duties.topic, duties.issue) == ("duties", "tariffs")
    assert duties.stance == "Anna Keller supports duties."


HEADLINE = "Riverton bans night fishing as trout stocks fall"


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        ("The Anglers Association criticised the move.", "the move (Riverton bans night fishing)"),
        ("Keller said the council welcomed this decision.",
         "this decision (Riverton bans night fishing)"),
        # a vague object that says which decision it is, or points nowhere, names no event
        ("The council welcomed the decision of the court to close the pier.", None),
        ("The council opposes any move on the harbour.", None),
        # "the plan" points back to whatever plan was named last, not to the headline
        ("The council welcomed the plan.", None),
    ],
)  # fmt: skip
def test_the_decision_or_the_move_is_worded_with_the_headlines_event(
    sentence: str, event: str | None
) -> None:
    found = open_topics(sentence, SECURITY, headline=HEADLINE)
    events = [t.worded for t in found if t.of_headline]
    assert events == ([event] if event else [])
    assert not any(t.of_headline for t in open_topics(sentence, SECURITY))  # no headline


def test_a_stance_on_the_move_cites_the_headline_too(tmp_path: Path) -> None:
    text = f"{HEADLINE}\n\nThe Riverton Anglers Association criticised the move on Monday."
    stage, asked = _staged(tmp_path, text, "opposes", SECURITY)
    assert [a.about for a in asked] == ["Riverton Anglers Association on move"]
    (move,) = stage.positions
    assert move.topic == "the move (Riverton bans night fishing)" and move.polarity == "opposes"
    assert [e.quote for e in move.evidence] == [text.split("\n\n")[1], HEADLINE]


def test_an_empty_verb_alone_is_no_object() -> None:
    assert open_topics("Anna Keller said Riverton will keep doing that.", TRADE) == []
    (fish,) = open_topics("Anna Keller said Riverton will keep buying fish.", TRADE)
    assert fish.name.endswith("buying fish")  # an object after the empty verb still is one


def test_ready_to_opens_a_verb_group() -> None:
    (boats,) = open_topics(
        "Keller said Riverton is ready to contribute patrol boats, but only if others pay.",
        SECURITY,
    )
    assert boats.name == "contributing patrol boats"


def _speaking(text: str, profile: Profile = TRADE) -> list[list[str]]:
    sentences = segment(f"Levy row\n\n{text}")
    return [[s.actor for s in w] for w in speakers(sentences, cast_of(sentences, profile))][1:]


def test_a_name_spelled_like_a_pronoun_is_a_name() -> None:
    who = _speaking("Ministry spokesperson He Lanfang said Chile welcomes talks. He added more.")
    assert who == [["He Lanfang"], ["He Lanfang"]]


def test_a_states_capitalised_ministry_speaks_for_it() -> None:
    assert _speaking("Chile's Ministry of Agriculture said on Monday it backs the levy.") == [
        ["Chile"]
    ]


def test_a_body_based_in_a_state_speaks_not_the_state() -> None:
    who = _speaking("The Chamber of Fisheries in Chile said the levy would cost jobs.")
    assert who == [["Chamber of Fisheries"]]


@pytest.mark.parametrize("name", ["Riverton Electronics", "Acme Motors", "Keller Holdings"])
def test_a_company_word_at_the_end_of_a_name_makes_it_an_organisation(name: str) -> None:
    sentences = segment(f"Levy row\n\n{name} said it supported the request.")
    assert cast_of(sentences, TRADE).members[name].kind == "organization"


def test_a_descriptor_introduces_a_one_word_body() -> None:
    sentences = segment("Levy row\n\nThe fishing industry chamber Pescanor welcomed the levy.")
    cast = cast_of(sentences, TRADE)
    assert cast.members["Pescanor"].kind == "organization"
    assert [s.actor for s in speakers(sentences, cast)[1]] == ["Pescanor"]
    # a descriptor before a longer capitalised run names no one-word body
    longer = cast_of(segment("Levy row\n\nThe carmaker Riverton Motors said so."), TRADE)
    assert "Riverton" not in longer.members


@pytest.mark.parametrize(
    ("text", "actor", "polarity"),
    [
        # the dateline's state is the speaker's side
        ("Riga vote\n\nRIGA (Wire) — Latvia has no plans to apply for NATO membership, "
         "Prime Minister Anna Keller said on Monday.", "Anna Keller", "opposes"),
        # a word for the speaker's side, and a subject the first clause gives
        ("Levy row\n\nThe mayor of Riverton, Anna Keller, said her government backs the "
         "talks but does not seek NATO membership.", "Anna Keller", "opposes"),
        # another actor's negation is not the speaker's stance: dropped as before
        ("Levy row\n\nThe mayor of Riverton, Anna Keller, said Moscow will never allow "
         "NATO membership for Kyiv.", "Anna Keller", None),
        # the tracked word is a modifier, not the object's head: dropped as before
        ("Levy row\n\nThe mayor of Riverton, Anna Keller, said her government cannot "
         "dictate the alliance's expansion decisions.", "Anna Keller", None),
    ],
)  # fmt: skip
def test_the_speakers_own_side_negating_a_tracked_topic_is_against_it(
    tmp_path: Path, text: str, actor: str, polarity: str | None
) -> None:
    stage, _ = _staged(tmp_path, text, "supports", SECURITY)
    mine = [p for p in stage.positions if p.actor == actor and p.issue == "NATO membership"]
    assert [p.polarity for p in mine] == ([polarity] if polarity else [])
    if polarity is None:
        assert any("negates" in d.reason for d in stage.dropped)
    else:
        assert any("read as opposes" in w for w in stage.warnings)


def test_a_verb_ending_in_ly_is_a_verb_after_a_group() -> None:
    from summarizer.objects import group_object

    clause = "Riverton has no plans to apply for the grant"
    (group,) = SECURITY.lang.cues("verb_groups").find(clause)
    assert group_object(clause, group, SECURITY.lang) == (
        clause.index(" for"),
        "no plans to apply",
        "apply",
    )


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # "continue to" passes on to the verb after it
        ("Keller said Riverton will continue to dredge the harbour.", "dredging the harbour"),
        # a condition's verb is not the object's undoing ("if the fees are eased")
        ("Keller said Riverton is ready to resume ferry talks if the fees are eased.",
         "resuming ferry talks"),
    ],
)  # fmt: skip
def test_a_verb_group_object_after_continue_to_and_before_a_condition(
    text: str, topic: str
) -> None:
    assert [t.name for t in open_topics(text, SECURITY)] == [topic]


def test_lobbying_against_is_opposition_and_a_council_is_a_body() -> None:
    (topic, *_) = stance_topics("Keller said the guild lobbied against the duties.", TRADE)
    assert topic.negated_by == "lobbied against"
    who = _speaking("The Timber Council of Riverton said the duties would cost jobs.")
    assert who == [["Timber Council of Riverton"]]


@pytest.mark.parametrize(
    ("text", "wording"),
    [
        # a cue in a verb's place names no phrase: its object is an actor, no topic
        ("Keller said Riverton wants to join NATO soon.", "NATO membership"),
        ("Keller said NATO will continue to support Latvia.", "continued military support"),
        # a complement ends before a verb group
        ("Keller said any security guarantees for Latvia should be discussed later.",
         "security guarantees for Latvia"),
    ],
)  # fmt: skip
def test_a_wording_never_reverses_or_runs_into_a_verb(text: str, wording: str) -> None:
    assert _worded(text, SECURITY)[1] == wording


def test_a_possessive_before_a_non_organ_is_not_the_owner_speaking() -> None:
    who = _speaking("Chile's Western supporters have indicated the levy could stay.")
    assert who == [[]]
    assert _speaking("Chile's commerce ministry said the levy would stay.") == [["Chile"]]


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        # a main clause ends at a subordinator inside it: the warning is not the council's
        ("Riverton's council voted down a proposed toll on the bridge on Monday after "
         "residents warned it would cost jobs on the coast.", [("proposed toll", "voted down")]),
        # "back" after an object is a particle, and a bare time is no topic
        ("Keller said the council would not bring the toll back this year.", [("bringing the toll", "would not bring")]),
        ("Keller said the council would back the toll.", [("toll", "")]),  # no act: a stance verb
        # a verb that undoes, not negated, is part of what is asked about
        ("Keller said Riverton would lift remaining fishing limits on Acme boats once a panel "
         "finishes its review.", [("lifting remaining fishing limits", "")]),
    ],
)  # fmt: skip
def test_a_main_clause_particle_and_undoing_verb_shape_the_topic(
    text: str, topics: list[tuple[str, str]]
) -> None:
    assert [(t.name, t.negated_by) for t in open_topics(text, SECURITY)] == topics


def test_once_is_a_condition_but_once_again_is_not(tmp_path: Path) -> None:
    text = ("Lift row\n\nAnna Keller said Riverton would lift remaining fishing limits on Acme "
            "boats once a panel finishes its review. Keller said she once again backed the toll on the "
            "bridge.")  # fmt: skip
    stage, _ = _staged(tmp_path, text, "supports", SECURITY)
    stated = {(p.topic, p.polarity) for p in stage.positions}
    assert stated == {("lifting remaining fishing limits on Acme boats", "conditional"),
                      ("toll on the bridge", "supports")}  # fmt: skip


def test_a_later_clause_cue_with_its_own_object_states_nothing_of_the_guarantee() -> None:
    from summarizer.status import stated_status

    troops = SECURITY.guarantee_cues(SECURITY.guarantees[2])
    text = "Riverton will keep hosting League troops, Keller said, but he ruled out any new bases."
    assert stated_status(text, troops, SECURITY) is None
    later = "Riverton will keep hosting League troops, Keller said, but that was ruled out."
    assert stated_status(later, troops, SECURITY) == ("ruled_out", "ruled out")


def test_one_of_a_bodys_people_speaks_for_it_but_a_people_is_no_body() -> None:
    # "A Chilean official" is no body named "Chilean": the state speaks through its official
    who = _speaking("An Acme Robotics executive said the company supports the talks. "
                    "A Chilean official said the levy would stay.")  # fmt: skip
    assert who == [["Acme Robotics"], ["Chile"]]


def test_an_act_on_the_reported_event_is_worded_once_with_its_determiner() -> None:
    (ruling,) = open_topics("Keller said Riverton would appeal the ruling.", SECURITY,
                            headline="Acme bans night fishing")  # fmt: skip
    assert ruling.name == "appealing ruling"
    assert ruling.worded == "appealing the ruling (Acme bans night fishing)"


def test_a_conditional_on_an_act_that_undoes_keeps_the_act(tmp_path: Path) -> None:
    text = ("Duty row\n\nAnna Keller said Riverton would drop the tariffs on Acme cheese only "
            "if Acme lifted its duties on fish.")  # fmt: skip
    stage, _ = _staged(tmp_path, text, "conditional", TRADE)
    assert [(p.topic, p.polarity) for p in stage.positions] == [
        ("dropping the tariffs on Acme cheese", "conditional")
    ]  # conditional on dropping them, which "the tariffs" alone would state the reverse of
    stage, asked = _staged(tmp_path, text.replace(" only if Acme lifted its duties on fish", ""),
                           "supports", TRADE)  # fmt: skip
    # for or against, the act is asked about and kept: "the tariffs" alone would be read
    # the reverse way; a negated group still leaves it out ("will not drop the tariffs")
    assert [p.topic for p in stage.positions] == ["dropping the tariffs on Acme cheese"]
    assert any("dropping the tariffs on Acme cheese" in str(a.messages) for a in asked)


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        # a complement the word limit cuts goes back to its last inner lead
        ("Riverton will impose counter-tariffs on 30 billion dollars of Acme goods from May.",
         [("imposing counter-tariffs", "imposing counter-tariffs on 30 billion dollars")]),
        # a number in words after a quantity lead is a count, not a particle's object
        ("Riverton is ready to train up to ten Acme pilots next year.",
         [("training ten Acme pilots", "")]),
        # "it too" is a pronoun: no topic rather than "supports it too"
        ("Riverton's council supports it too.", []),
    ],
)  # fmt: skip
def test_an_object_is_a_whole_phrase_or_none(text: str, topics: list[tuple[str, str]]) -> None:
    assert [(t.name, t.worded) for t in open_topics(text, TRADE)] == topics


def test_an_opposes_with_a_condition_and_no_negation_is_conditional(tmp_path: Path) -> None:
    # the model, shown the whole sentence, answers the first predicate's "opposes" for the
    # second one's topic; its own clause negates nothing and sets a condition
    text = ("Rule row\n\nAnna Keller said her party opposes the change and would restore the "
            "tariffs on Acme cheese if it enters government.")  # fmt: skip
    stage, _ = _staged(tmp_path, text, "opposes", TRADE)
    assert ("restoring the tariffs on Acme cheese", "conditional") in {
        (p.topic, p.polarity) for p in stage.positions
    }
    stage, _ = _staged(tmp_path, text.replace("would restore", "would not restore"), "opposes",
                       TRADE)  # fmt: skip
    assert all(p.polarity == "opposes" for p in stage.positions)  # negated: stays against
    # a verb of opposition is a negation cue: a condition elsewhere does not soften it
    stage, _ = _staged(tmp_path, "Rule row\n\nAnna Keller opposes the tariffs on Acme cheese, "
                       "which would hurt farmers if imposed.", "opposes", TRADE)  # fmt: skip
    assert [p.polarity for p in stage.positions] == ["opposes"]


def test_what_someone_is_asked_to_do_is_the_topic_not_the_asking() -> None:
    found = open_topics("Keller said Riverton would ask the council to seek an exemption.", TRADE)
    assert [t.name for t in found] == ["seeking an exemption"]


def test_the_principle_of_a_thing_is_a_stance_on_the_thing() -> None:
    found = open_topics("Keller said her party backed the principle of a monitoring mission.",
                        SECURITY)  # fmt: skip
    assert [t.name for t in found] == ["monitoring mission"]
