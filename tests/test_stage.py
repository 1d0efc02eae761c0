"""The sentence-labelling brief stage without a model: segments, speakers, checks, plan."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from summarizer import load_articles
from summarizer.assemble import Stage, plan
from summarizer.cast import cast_of
from summarizer.checks import check_stance, own_negation, stance_topics
from summarizer.label import HEDGES, STANCES, STATUSES, Ask, Label, read_label
from summarizer.llm import Completion
from summarizer.plans import drive
from summarizer.profile import load_profile
from summarizer.records import Usage
from summarizer.segment import segment
from summarizer.speakers import speakers
from summarizer.status import stated_status

from .conftest import SEEDS, scripted, staged

ARTICLES = {a.article_id[:3]: a for a in load_articles([SEEDS])}
PROFILE = load_profile()


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("The U.S. envoy met Gen. Smith on Friday. They spoke for an hour.", 2),
        ("“No one promised Ukraine membership,” he said. Talks resume Monday.", 2),
        ("He said: “We will respond. We are ready.” Officials declined to comment.", 2),
        ("Mr. Li told reporters the deal was “dead.” Beijing did not reply.", 2),
        ("Is it over? Nobody knows! The vote is at 5 p.m. on Friday.", 3),
    ],
)
def test_sentences_keep_abbreviations_and_quotes_whole(text: str, count: int) -> None:
    assert len(segment(text)) == count


@pytest.mark.parametrize("key", sorted(ARTICLES))
def test_every_sentence_sits_at_its_offsets(key: str) -> None:
    text = ARTICLES[key].text
    for sentence in segment(text):
        assert text[sentence.start : sentence.end] == sentence.text


def _speakers(key: str) -> dict[str, list[str]]:
    sentences = segment(ARTICLES[key].text)
    who = speakers(sentences, cast_of(sentences, PROFILE))
    return {s.text: [x.actor for x in w] for s, w in zip(sentences, who, strict=True)}


def test_speakers_come_from_reporting_verbs_pronouns_and_roles() -> None:
    said = _speakers("001")
    by_start = {text[:30]: actors for text, actors in said.items()}
    assert by_start["NATO Secretary General Mark Ru"] == ["Mark Rutte"]
    assert by_start["“When it comes to the aspects "] == ["Mark Rutte"]  # "the political head"
    assert by_start["However, the Dutch leader avoi"] == ["Mark Rutte"]
    assert by_start["“We need Russians to tango.”"] == ["Mark Rutte"]  # a quote continued
    assert by_start["He stressed that “Ukraine requ"] == ["Mark Rutte"]  # not Trump, named last


def test_a_reported_clause_gives_its_own_subject() -> None:
    said = _speakers("004")
    line = next(t for t in said if t.startswith("He confirmed that Trump"))
    assert said[line] == ["Mark Rutte", "Donald Trump"]
    moscow = next(t for t in said if t.startswith("Moscow has consistently"))
    assert said[moscow] == ["Russia"]  # a capital stands for its state


def test_a_name_that_modifies_a_noun_is_not_the_reported_clause_subject() -> None:
    sentences = segment("Moscow has long claimed that NATO expansion triggered the war. "
                        "Moscow has long claimed that NATO wants the war.")  # fmt: skip
    who = speakers(sentences, cast_of(sentences, PROFILE))
    assert [[s.actor for s in w] for w in who] == [["Russia"], ["Russia", "NATO"]]


def test_the_cast_names_people_outlets_and_states_but_not_places() -> None:
    sentences = segment(ARTICLES["004"].text)
    cast = cast_of(sentences, PROFILE)
    kinds = {m.name: m.kind for m in cast.members.values() if m.active}
    assert kinds["Steve Witkoff"] == "person" and kinds["Bloomberg"] == "media"
    assert kinds["Russia"] == "state" and "Saudi Arabia" not in kinds  # "in Saudi Arabia"
    rutte = cast.members["Mark Rutte"]
    assert rutte.role == "NATO Secretary General" and "Rutte" in rutte.aliases


def test_a_supports_label_on_a_negated_clause_is_dropped() -> None:
    topic = PROFILE.topic_cues(PROFILE.topics[0])
    text = "“No one promised Ukraine that NATO membership would be part of the deal,” he said."
    assert check_stance("supports", text, topic, PROFILE).polarity is None
    assert check_stance("opposes", text, topic, PROFILE).polarity == "opposes"
    conditional = "NATO supports membership talks, but only after a ceasefire holds."
    assert check_stance("supports", conditional, topic, PROFILE).polarity == "conditional"


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        ("The club would sell the ground if the council agrees.", ["if"]),
        ("The club would sell the ground unless the council objects.", ["unless"]),
        ("The club would sell the ground in return for a new stadium.", ["in return for"]),
        # "if" meaning "whether" or "although" sets no condition.
        ("Reporters asked if the club would sell the ground.", []),
        ("The club will sell the ground even if the council objects.", []),
        # a condition word that is also a verb sets one only after a comma
        ("The club would sell the ground, he said, provided the council agrees.", ["provided"]),
        ("The club will sell the ground it has provided to the council.", []),
    ],
)  # fmt: skip
def test_a_condition_is_a_cue_but_asked_if_and_even_if_are_not(text: str, cues: list[str]) -> None:
    from summarizer.checks import conditions

    assert [c.group() for c in conditions(text, PROFILE.lang)] == cues
    topic = PROFILE.topic_cues(PROFILE.topics[0])
    expected = "conditional" if cues else "supports"
    assert check_stance("supports", text, topic, PROFILE).polarity == expected


@pytest.mark.parametrize(
    "text",
    [
        # the side-taking words are about something else than the topic's clause
        "Keller stressed that \"Acme requested membership, but we know there is no consensus "
        "for Acme to join, and the league must decide.\"",
        "\"There are various ways to provide security guarantees... But a direct league role "
        "would be challenging,\" Keller said.",
        # a possibility modal predicts; it takes no side
        "The union warned that the security guarantees could cost the town its ferry.",
    ],
)  # fmt: skip
def test_supports_needs_a_side_taking_word_on_the_topics_own_clause(text: str) -> None:
    topic = next(t for t in PROFILE.topics if t.name in ("NATO membership", "security guarantees")
                 and PROFILE.topic_cues(t).any(text))  # fmt: skip
    checked = check_stance("supports", text, PROFILE.topic_cues(topic), PROFILE)
    assert checked.polarity is None and "takes no side" in checked.note
    for taking in ("Keller pledged that the league will keep its membership offer open.",
                   "Keller said the guarantees could not be dropped.",
                   "Keller said Acme's path to membership was irreversible."):  # fmt: skip
        cues = next(
            PROFILE.topic_cues(t) for t in PROFILE.topics if PROFILE.topic_cues(t).any(taking)
        )
        assert check_stance("supports", taking, cues, PROFILE).polarity == "supports", taking


def test_for_as_long_as_is_a_duration_not_a_condition() -> None:
    topic = PROFILE.topic_cues(next(t for t in PROFILE.topics if t.name.startswith("troops")))
    text = "Keller promised that Riverton's troops would stay for as long as needed."
    assert check_stance("supports", text, topic, PROFILE).polarity == "supports"
    assert check_stance("supports", "Riverton would send troops as long as the truce holds.",
                        topic, PROFILE).polarity == "conditional"  # fmt: skip


def test_supports_on_a_sentence_that_takes_no_side_is_dropped() -> None:
    topic = PROFILE.topic_cues(PROFILE.topics[0])
    background = "Moscow has stated that the bid to join NATO is a major factor in the war."
    checked = check_stance("supports", background, topic, PROFILE)
    assert checked.polarity is None and "takes no side" in checked.note
    assert check_stance("opposes", background, topic, PROFILE).polarity == "opposes"
    for taking in ("Oslo backs the bid to join NATO.", "Oslo wants Kyiv to join NATO.",
                   "Oslo pledged help for the bid to join NATO."):  # fmt: skip
        assert check_stance("supports", taking, topic, PROFILE).polarity == "supports"


def test_a_later_clause_states_the_status_of_the_first_guarantee_named_only() -> None:
    kinds = [PROFILE.guarantee_cues(g) for g in PROFILE.guarantees]
    troops, guarantees = kinds[2], kinds[1]
    text = ("NATO supports sending troops as part of future security guarantees, but only "
            "after a ceasefire.")  # fmt: skip
    rest = [k for k in kinds if k is not troops]
    assert stated_status(text, troops, PROFILE, others=rest) == ("conditional", "only after")
    rest = [k for k in kinds if k is not guarantees]
    assert stated_status(text, guarantees, PROFILE, others=rest) is None
    assert stated_status(text, guarantees, PROFILE) == ("conditional", "only after")


@pytest.mark.parametrize(
    "text",
    [
        "The union said it wants the fees on imports lifted.",
        "The mayor said the town does not want the night trains to be scaled back.",
        "The union wants the levy to end soon.",
    ],
)
def test_an_object_the_speaker_wants_undone_is_not_asked_about(text: str) -> None:
    from summarizer.checks import open_topics

    assert open_topics(text, PROFILE) == []  # "supports fees" would be false


def test_a_tracked_topic_is_worded_as_the_sentence_words_it_and_filed_under_its_name(
    tmp_path: Path,
) -> None:
    text = ("Border talks\n\nThe mayor of Riverton, Anna Keller, said on Monday that the city "
            "opposes foreign troops on its soil. Anna Keller said NATO membership was never "
            "a goal.")  # fmt: skip
    stage, asked = _staged(tmp_path, text, {"stance": "opposes"})
    # asked by the tracked name, so the question is the one the profile defines
    assert "Anna Keller on troops after a ceasefire" in [a.about for a in asked]
    troops = next(p for p in stage.positions if p.issue == "troops after a ceasefire")
    # the article says nothing of a ceasefire: the stance names what it does say
    assert troops.topic == "foreign troops on its soil"
    assert troops.stance == "Anna Keller opposes foreign troops on its soil."
    # with no verb object naming the topic, the tracked name is the wording too
    (member,) = [p for p in stage.positions if p.issue == "NATO membership"]
    assert member.topic == "NATO membership"


@pytest.mark.parametrize(("label", "kept"), [("opposes", None), ("supports", "supports")])
def test_an_opposes_label_on_an_urged_act_is_dropped(
    tmp_path: Path, label: str, kept: str | None
) -> None:
    text = "Fishing row\n\nAnna Keller urged the harbour council to seize the trawlers, she said."
    stage, _ = _staged(tmp_path, text, {"stance": label})
    assert [p.polarity for p in stage.positions if p.topic == "seizing the trawlers"] == (
        [kept] if kept else []
    )
    assert kept or any("urges the act" in d.reason for d in stage.dropped)


def test_no_stance_on_the_tracked_topic_asks_the_sentences_own_object(tmp_path: Path) -> None:
    text = ("Brigade plans\n\nRiverton will send 300 troops to a new training brigade in "
            "Norway, Defence Minister Anna Keller said on Monday. Anna Keller said Riverton "
            "will send troops to the mission after a ceasefire.")  # fmt: skip
    (tmp_path / "article.txt").write_text(text, encoding="utf-8")
    article = load_articles([tmp_path / "article.txt"])[0]
    asked: list[Ask] = []

    def answer(question: Ask) -> Any:
        asked.append(question)
        # no stance on the tracked topic in the first sentence; a stance in the second
        first = "training brigade" in question.messages[-1]["content"]
        value = "none" if first and question.about.endswith("ceasefire") else "supports"
        return Completion(Label(value if question.kind == "stance" else "none"),
                          Usage(requests=1), 1, 0.0)  # fmt: skip

    stage: Stage = drive(plan(article, PROFILE), answer)
    about = [a.about for a in asked if a.kind == "stance"]
    assert "Anna Keller on sending 300 troops" in about  # asked after the tracked "none"
    brigade = next(p for p in stage.positions if p.topic.startswith("sending 300 troops"))
    assert brigade.issue is None and brigade.polarity == "supports"  # filed under no issue
    # a stance found on the tracked topic asks nothing more of that sentence
    assert about.count("Anna Keller on troops after a ceasefire") == 2
    assert len(about) == 3


@pytest.mark.parametrize(
    ("text", "topic", "negated_by"),
    [
        # A tracked topic in the object of a verb of opposition; a negated group alone
        # forces nothing ("Moscow cannot dictate ... enlargement decisions").
        ("The mayor said the city will never join NATO and will keep its neutrality.",
         "NATO membership", ""),
        ("The mayor said the city firmly opposes any new peacekeepers.",
         "troops after a ceasefire", "opposes"),
        # A double negative forces nothing.
        ("The mayor said the city does not oppose new peacekeepers.",
         "troops after a ceasefire", ""),
    ],
)  # fmt: skip
def test_a_tracked_topic_against_which_a_verb_stands_is_marked(
    text: str, topic: str, negated_by: str
) -> None:
    (found,) = stance_topics(text, PROFILE)[:1]
    assert (found.name, found.negated_by) == (topic, negated_by)


def test_not_ruling_out_is_no_negation_and_a_condition_names_no_topic() -> None:
    from summarizer.checks import open_topics

    (joining,) = open_topics("Tokyo would not rule out joining a regional league.", PROFILE)
    assert (joining.name, joining.negated_by) == ("joining a regional league", "")
    waiver = "The envoy said the waiver stays only as long as the city keeps its troops home."
    assert stance_topics(waiver, PROFILE) == []  # the troops are in the condition
    kind = PROFILE.guarantee_cues(PROFILE.guarantees[2])
    kept = "The envoy said the troops would stay only as long as the city pays."
    assert stated_status(kept, kind, PROFILE) == ("conditional", "as long as")


def test_retaliating_against_something_is_not_a_negation() -> None:
    retaliation = PROFILE.topic_cues(PROFILE.topics[0])
    text = "Ottawa will retaliate against new duties unless talks resume."
    assert check_stance("supports", text, retaliation, PROFILE).polarity == "conditional"
    voted = "Ottawa voted against new duties on membership."
    assert check_stance("supports", voted, retaliation, PROFILE).polarity is None


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("The council said it will not lift its ban on night flights.", True),
        ("The council has no plans to end the ban on night flights.", True),
        ("The council said it would not scale back the ban on night flights.", True),
        ("The council said the ban on night flights is here and nothing can change that.", True),
        # a verb that opposes cancels nothing, nor does a negation of something else
        ("The council said it will not oppose the ban on night flights.", False),
        ("The council did not rule out a ban on night flights.", False),
        ("The council said the ban on night flights is not working.", False),
    ],
)  # fmt: skip
def test_a_negation_that_falls_on_undoing_the_object_does_not_drop_supports(
    text: str, kept: bool
) -> None:
    from summarizer.profile import Cues

    checked = check_stance("supports", text, Cues(phrases=("ban",)), PROFILE)
    assert (checked.polarity == "supports") is kept


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        ("If membership stays off the table, the allies must give guarantees.",
         ["security guarantees"]),
        ("If NATO membership is offered, Kyiv will accept.", []),  # only the condition
        ("Kyiv supports membership if the allies agree.", ["NATO membership"]),
    ],
)  # fmt: skip
def test_a_topic_in_a_leading_condition_is_not_the_stances(text: str, topics: list[str]) -> None:
    assert [t.name for t in stance_topics(text, PROFILE)] == topics


def test_a_proposed_status_on_a_negated_clause_is_not_used() -> None:
    from summarizer.status import status_conflict

    kind = PROFILE.guarantee_cues(PROFILE.guarantees[0])  # membership
    text = "The premier says membership is not on the agenda for now."
    assert status_conflict("proposed", text, kind, PROFILE) == "the clause negates ('not')"
    assert status_conflict("ruled_out", text, kind, PROFILE) == ""
    assert status_conflict("proposed", "The premier wants membership.", kind, PROFILE) == ""
    plain = "The allies agreed on Thursday to extend their support for membership."
    assert status_conflict("conditional", plain, kind, PROFILE) == "the sentence sets no condition"
    assert (
        status_conflict("conditional", "Membership only after a peace deal.", kind, PROFILE) == ""
    )


def test_a_one_word_object_is_named_as_the_article_first_named_it() -> None:
    from summarizer.checks import open_topics

    before = ("Farmers protested against the planned river dam near the old town. "
              "The mayor's dam plan is disputed.")  # fmt: skip
    (dam,) = open_topics("The council opposes the dam.", PROFILE, before=before)
    assert dam.name == "planned river dam"  # "near" ends the phrase, "the" opens it
    (alone,) = open_topics("The council opposes the dam.", PROFILE)
    assert alone.name == "dam"  # no earlier mention: the article's own word
    (longer,) = open_topics("The council opposes the new dam levy.", PROFILE, before=before)
    assert longer.name == "new dam levy"  # more than one word: left as the sentence has it
    (kept,) = open_topics("The council opposes the dam.", PROFILE, before="Ana's dam. ")
    assert kept.name == "dam"  # a possessive is a name's, not a modifier


def test_a_guarantee_that_is_the_object_of_a_negated_verb_group_is_rejected() -> None:
    troops = PROFILE.guarantee_cues(PROFILE.guarantees[2])
    refused = "The premier said the government would not accept foreign troops on the border."
    assert stated_status(refused, troops, PROFILE) == ("rejected", "would not accept")
    assert stated_status("Paris will not lift the ban on troops.", troops, PROFILE) is None
    assert stated_status("Allies would send troops to the border.", troops, PROFILE) is None


def test_stated_status_skips_if_clauses() -> None:
    kind = PROFILE.guarantee_cues(PROFILE.guarantees[0])
    said = "Rutte stated that the issue of NATO membership for Kyiv is now off the table."
    assert stated_status(said, kind, PROFILE) == ("ruled_out", "off the table")
    iffy = "If membership remains off the table for now, he argued, allies must act."
    assert stated_status(iffy, kind, PROFILE) is None


def _staged(tmp_path: Path, text: str, labels: dict[str, Any]) -> tuple[Stage, list[Ask]]:
    return staged(tmp_path, text, labels, PROFILE)


def test_the_plan_cites_whole_sentences_and_records_every_drop() -> None:
    article = ARTICLES["003"]
    asked: list[Ask] = []
    labels = {"stance": "supports", "status": "proposed", "hedge": "open_question"}
    stage: Stage = drive(plan(article, PROFILE), scripted(labels, asked))
    spans = {(s.start, s.end) for s in segment(article.text)}
    items = [*stage.positions, *stage.guarantees, *stage.uncertainties]
    assert items and all((e.start, e.end) in spans for i in items for e in i.evidence)
    assert any("negates" in d.reason for d in stage.dropped)  # "No one promised ..."
    statuses: dict[str, str] = {}  # each kind's first: the article's own status
    for g in stage.guarantees:
        statuses.setdefault(g.kind, g.status)
    assert statuses["NATO membership"] == "ruled_out"  # the sentence says so, not the model
    assert {p.actor for p in stage.positions} <= {a.name for a in stage.actors}
    assert stage.attempts == len(asked) and stage.answered == len(asked)
    # The same article, the same questions: the plan is deterministic.
    again: list[Ask] = []
    drive(plan(article, PROFILE), scripted(labels, again))
    assert [a.messages for a in again] == [a.messages for a in asked]


def test_a_failed_question_costs_that_label_only() -> None:
    stage = drive(plan(ARTICLES["002"], PROFILE), scripted({"stance": "fail"}, []))
    assert stage.errors and stage.answered > 0 and not stage.positions
    assert any(w.startswith("no answer for") for w in stage.warnings)


def test_an_unsure_label_is_not_used_and_says_so() -> None:
    labels = {"stance": ("supports", 0.41), "status": ("proposed", 0.9), "hedge": "none"}
    stage = drive(plan(ARTICLES["003"], PROFILE, min_probability=0.5), scripted(labels, []))
    assert not stage.positions and stage.unsure > 0
    assert any("supports at p=0.41, not used" in w for w in stage.warnings)
    sure = drive(plan(ARTICLES["003"], PROFILE, min_probability=0.4), scripted(labels, []))
    assert sure.positions and sure.unsure == 0


@pytest.mark.parametrize(
    ("text", "choices", "expected"),
    [
        ("opposes", STANCES, "opposes"),
        (" Opposes.", STANCES, "opposes"),
        ('"supports"', STANCES, "supports"),
        ("opposed", STANCES, "opposes"),
        ("ruled out", STATUSES, "ruled_out"),
        ("under_discussion", STATUSES, "under_discussion"),
        ("conditional: only after", STATUSES, "conditional"),
        ("unverified", HEDGES, "unverified_report"),
        ("The sentence", STANCES, None),  # names no label: re-asked by the client
        ("no", STANCES, None),  # too short to name one
        ("", HEDGES, None),
    ],
)
def test_an_answer_names_one_label_or_none(
    text: str, choices: tuple[str, ...], expected: str | None
) -> None:
    found = read_label(text, choices)
    assert (found.value if found else None) == expected


def test_a_label_probability_is_its_share_of_the_label_mass() -> None:
    # Qwen's first tokens as the embedded server reports them: "op" starts "opposes".
    top = [("supports", -0.47), ("op", -1.65), ("none", -3.35), ("The", -0.9)]
    found = read_label("supports", STANCES, top)
    assert found is not None and found.value == "supports"
    assert found.probability == pytest.approx(0.733, abs=0.002)  # "The" is no label's mass
    assert read_label("supports", STANCES).probability is None  # no log-probabilities given


def test_a_second_profile_needs_no_code() -> None:
    trade = load_profile("trade")
    assert trade.name == "trade" and trade.lang.reporting_verbs == PROFILE.lang.reporting_verbs
    assert {t.name for t in trade.topics} & {"tariffs", "retaliation"}


def test_no_profile_word_is_written_into_the_code() -> None:
    """Domain knowledge lives in profiles/: no actor, topic or guarantee name in the code."""
    import tomllib

    from .conftest import ROOT

    words: set[str] = set()
    for name in ("security", "trade"):
        profile = load_profile(name)
        for actor in profile.actors:
            words |= {actor.name, *actor.aliases}
        words |= {t.name for t in profile.topics} | {g.kind for g in profile.guarantees}
        words |= set(profile.spellings) | set(profile.spellings.values())
    merge = tomllib.loads((ROOT / "profiles" / "merge.toml").read_text("utf-8"))
    words |= set(merge["spellings"]) | set(merge["seats"])
    # Names and phrases; acronyms ("US", "U.S.") are language, too common to test.
    words = {w for w in words if len(w) >= 4 and (not w.islower() or " " in w) and "." not in w}
    for path in sorted((ROOT / "summarizer").glob("*.py")):
        text = path.read_text("utf-8")
        found = sorted(w for w in words if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text))
        assert not found, f"{path.name} names {found}"


def test_a_topic_named_only_in_a_subordinate_clause_is_not_asked_about() -> None:
    from summarizer.checks import stance_topics

    background = ("According to Rutte, Trump is keen on a sustainable peace agreement, which "
                  "may involve offering alternatives to NATO membership.")  # fmt: skip
    assert [t.name for t in stance_topics(background, PROFILE)] == ["peace plan"]
    stated = "Rutte said NATO membership is off the table, as the peace plan takes shape."
    assert [t.name for t in stance_topics(stated, PROFILE)] == ["NATO membership"]


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        ("The mayor said the city supports building the bridge before the election.",
         ["building the bridge"]),
        ("He stressed that the three unions reject any return of night shifts to the plant.",
         ["return of night shifts"]),
        ("The council welcomed the agreement and said it backs long-term contracts with "
         "local farms.", ["agreement", "long-term contracts"]),
        ("The governor says she opposes the new U.S. tariffs.", ["new U.S. tariffs"]),
        ("The mayor backed it.", []),  # a pronoun names nothing
        ("She supports the idea.", []),  # nor does a vague word
        ("The town grew with the support of the region.", []),  # "support of" is no object
        ("He backs a plan that would cut taxes for every family in the county by half.", []),
        ("Residents opposed the costly still unfinished eastern ring road extension.",
         []),  # longer than six words: no topic rather than a cut one
        ("The board, which rejects the merger, met on Friday.", []),  # subordinate clause
        # With no stance verb, the object of a verb group's main verb:
        ("The mayor said the city would not sell the harbour to investors.",
         ["selling the harbour"]),  # the act is part of the topic
        ("The union said members want the contract signed before May.", ["contract"]),
        ("The minister said the state will keep the curfew in place.", ["keeping the curfew"]),
        ("She said the club does not want a new stadium.", ["new stadium"]),
        ("He said the board has sought for years to merge.", []),  # "sought for": no object
        # a group word that is a verb has its object when no "to" follows, and a name is no verb
        ("Keller said Riverton has sought League membership for years.", ["League membership"]),
        ("Keller said Riverton refused the offer.", ["offer"]),
        ("Keller said: \"We need Acme crews to help.\"", []),  # who is needed is no topic
        ("The mayor said talks would be difficult.", []),  # "be" has no object
        ("The union rejects the deal and will strike on Monday.", ["deal"]),  # one rule only
        ("He acknowledged the need to draw Russia into the agreement.", []),  # a noun "need"
        ("She said Paris would invite Germany to the talks.", []),  # an actor is no topic
        # an urged act is the speaker's, after an addressee of up to four words
        ("Keller urged the harbour council to seize the trawlers.", ["seizing the trawlers"]),
        ("Keller urged calm, saying talks go on.", []),
    ],
)  # fmt: skip
def test_a_stance_verb_object_is_the_topic_outside_the_profile(
    text: str, topics: list[str]
) -> None:
    from summarizer.anaphors import asked_before
    from summarizer.checks import open_topics

    # as the stage asks them: a bare "the plan" never named before is dropped (asked_before)
    assert [t.name for t in asked_before(open_topics(text, PROFILE), "", PROFILE)] == topics


@pytest.mark.parametrize(
    ("text", "name", "worded"),
    [
        ("The union said it supports safeguards for dairy imports, officials said.",
         "safeguards", "safeguards for dairy imports"),
        ("The mayor would send ferries to the flooded islands if asked.", "sending ferries",
         "sending ferries to the flooded islands"),
        ("The council will keep the ban on night flights in place.", "keeping the ban",
         "keeping the ban on night flights"),
        ("Brasilia would retaliate against the quotas, she said.", "retaliating against the quotas",
         ""),  # a verb with no object has its complement
        # "to" before a verb is no complement, and nothing past a comma is
        ("The club wants the deal to be signed soon.", "deal", ""),
        ("The mayor opposes the levy, calling it unfair.", "levy", ""),
        # a quoted object is the speaker's own phrase, whole
        ('The mayor has called for "a swift and fair answer" and says the law allows it.',
         "swift and fair answer", ""),
    ],
)  # fmt: skip
def test_an_object_is_worded_with_its_complement_but_asked_about_alone(
    text: str, name: str, worded: str
) -> None:
    from summarizer.checks import open_topics

    (found,) = open_topics(text, PROFILE)
    assert (found.name, found.worded) == (name, worded)


def test_a_sentence_outside_the_profile_is_asked_about_in_its_own_words(tmp_path: Path) -> None:
    text = ("Water dispute eases\n\nThe mayor of Riverton, Anna Keller, said on Monday that "
            "the city supports building the dam before the spring floods. Anna Keller added "
            "that NATO membership was never discussed.")  # fmt: skip
    stage, asked = _staged(tmp_path, text, {"stance": "supports"})
    about = [a.about for a in asked if a.kind == "stance"]
    assert "Anna Keller on building the dam" in about
    # A sentence naming a tracked topic is asked about that topic, not a verb's object.
    assert not any("never discussed" in a for a in about)
    dam = next(p for p in stage.positions if p.topic == "building the dam")
    assert dam.actor == "Anna Keller" and dam.polarity == "supports"
    assert dam.stance == "Anna Keller supports building the dam."


@pytest.mark.parametrize(
    ("text", "topic", "negated_by"),
    [
        ("The mayor said the city would not sell the harbour to investors.", "selling the harbour",
         "would not sell"),
        ("She said the club does not want a new stadium.", "new stadium", "does not want"),
        ("He said the council refused to raise the levy.", "raising the levy", "refused to raise"),
        # A verb that undoes something opens the act, and the act is negated: against
        # "lifting the curfew" (never "supports lifting the curfew" for "will not lift").
        ("The minister said the state will not lift the curfew.", "lifting the curfew",
         "will not lift"),
        ("The minister said the state will never give up its levy.", "giving up its levy",
         "will never give up"),
        ("The minister said the state will keep the curfew in place.", "keeping the curfew", ""),
        # A verb of opposition or wanting is no act: the object alone is asked about.
        ("The mayor said the city would block the sale.", "sale", ""),
        # A chain of verbs before "to": the last is the main verb, the negation carries over.
        ("The board said it does not plan to sell the old mill.", "selling the old mill",
         "does not plan to sell"),
        ("The union said it wants to reopen the wage talks.", "reopening the wage talks", ""),
        # A time phrase ends the object.
        ("The city said it would not renew the lease this year.", "renewing the lease",
         "would not renew"),
        # A negated stance verb reads as the negated group does; an undoing one forces nothing.
        ("The union said it will not accept the new pay scales.", "new pay scales",
         "will not accept"),
        ("She said the club never backed the stadium plan.", "stadium plan", "never backed"),
        ("She said the club does not oppose the harbour sale.", "harbour sale", ""),
        # "challenge" opposes as "oppose" does ("will challenge the levy" is against it)
        ("The council said it will challenge the new levy in court.", "new levy", "challenge"),
    ],
)  # fmt: skip
def test_a_negated_verb_group_marks_its_object(text: str, topic: str, negated_by: str) -> None:
    from summarizer.checks import open_topics

    (found,) = open_topics(text, PROFILE)
    assert (found.name, found.negated_by) == (topic, negated_by)


def test_supports_on_the_object_of_a_negated_verb_group_is_read_as_opposes(tmp_path: Path) -> None:
    text = ("Harbour sale\n\nThe mayor of Riverton, Anna Keller, said on Monday that the city "
            "would not sell the harbour to investors.")  # fmt: skip
    stage, _ = _staged(tmp_path, text, {"stance": "supports"})
    (harbour,) = [p for p in stage.positions if p.topic == "selling the harbour"]
    assert harbour.polarity == "opposes"
    assert harbour.stance == "Anna Keller opposes selling the harbour."
    assert any("read as opposes" in w and "would not sell" in w for w in stage.warnings)


def test_a_speaker_who_relays_a_quantified_subjects_view_is_not_asked_for_a_stance() -> None:
    from summarizer.speakers import holders

    text = ("The mayor of Riverton, Anna Keller, spoke on Monday. She acknowledged that "
            "several councillors still oppose the dam. Keller said some residents want a "
            "referendum. Keller said the city supports the dam.")  # fmt: skip
    sentences = segment(text)
    cast = cast_of(sentences, PROFILE)
    who = speakers(sentences, cast)
    assert [s.how for s in who[1]] == ["relaying"] and [s.how for s in who[2]] == ["relaying"]
    assert holders(who[1], cast) == [] and holders(who[2], cast) == []
    # her own city's stance, and her as an actor of the article, are kept
    assert [s.actor for s in holders(who[3], cast)] == ["Anna Keller"]


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("The Riverton Anglers Association criticised the dam, warning of lost trout.",
         "Riverton Anglers Association"),
        ("The Alliance for Clean Rivers praised the decision.", "Alliance for Clean Rivers"),
        ("The Riverton Dockers union backs the levy.", "Riverton Dockers"),
    ],
)  # fmt: skip
def test_a_body_no_profile_lists_is_found_by_its_head_word_and_speaks(text: str, body: str) -> None:
    sentences = segment(f"Keller's levy\n\n{text}")
    cast = cast_of(sentences, PROFILE)
    assert cast.members[body].kind == "organization"
    assert [s.actor for s in speakers(sentences, cast)[1]] == [body]


def test_a_capitalised_run_without_a_head_word_is_no_body() -> None:
    sentences = segment("The Riverton Ministry of Water said on Monday it backs the levy.")
    bodies = [m for m in cast_of(sentences, PROFILE).members.values() if m.kind == "organization"]
    assert bodies == []  # an organ of government speaks for its state, not as a body


def test_an_appositive_name_speaks_and_a_pronoun_means_who_was_named_before_it() -> None:
    text = (
        "Azerbaijan's foreign minister, Jeyhun Bayramov, said Baku wants a deal. "
        "Secretary-General Antonio Guterres said he supports dialogue."
    )
    sentences = segment(text)
    cast = cast_of(sentences, PROFILE)
    assert cast.members["Jeyhun Bayramov"].role == "foreign minister"
    who = [[s.actor for s in w] for w in speakers(sentences, cast)]
    assert who[0][0] == "Jeyhun Bayramov"
    # "he" is Guterres, named before it in the same sentence, not Bayramov who spoke last
    assert who[1] == ["Antonio Guterres"]


def test_a_capitalised_role_before_an_appositive_name_makes_a_titled_person() -> None:
    text = (
        "The Minister of Fisheries, Anna Keller, hosted the talks in Oslo. "
        "Norway's Trade Minister, Tom Brandt, presented a proposal. "
        "The Minister stressed that Riverton backs the truce."
    )
    sentences = segment(text)
    cast = cast_of(sentences, PROFILE)
    assert cast.members["Anna Keller"].role == "Minister of Fisheries"
    assert cast.members["Tom Brandt"].role == "Trade Minister"
    # capitalised words with no title in them are no role: a place, not a post
    plain = segment("In Riverton Harbour, Anna Keller said the fish are gone.")
    assert cast_of(plain, PROFILE).members["Anna Keller"].role == ""


def test_a_status_cue_before_the_guarantee_is_named_is_about_something_else() -> None:
    kind = PROFILE.guarantee_cues(PROFILE.guarantees[1])  # security guarantees
    text = (
        "“There is no consensus on the border,” he said, noting that any deal must "
        "include security guarantees."
    )
    assert stated_status(text, kind, PROFILE) is None
    after = "Allies back security guarantees for Kyiv, but only after a ceasefire."
    assert stated_status(after, kind, PROFILE) == ("conditional", "only after")


def test_cue_words_match_whole_words_prefixes_and_a_trailing_space() -> None:
    from summarizer.profile import Cues

    cues = Cues(phrases=("retaliat*", "tariff", "no "))
    assert [m.group() for m in cues.find("Brussels will retaliate.")] == ["retaliate"]
    assert not cues.any("New tariffs.")  # whole words unless the phrase ends in *
    assert cues.any("There will be no peacekeepers") and not cues.any("a notable nobody")
    troops = PROFILE.topic_cues(next(t for t in PROFILE.topics if "peacekeep*" in t.words))
    said = "“There will be no peacekeepers from any third country,” he told reporters."
    assert check_stance("supports", said, troops, PROFILE).polarity is None


def test_a_sentence_is_asked_about_the_first_topic_it_names() -> None:
    from summarizer.checks import stance_topics

    text = "Rutte pledged that NATO will continue to support Ukraine after any ceasefire."
    assert [t.name for t in stance_topics(text, PROFILE)][:1] == ["continued military support"]


def test_a_states_ministry_speaks_for_it_but_a_persons_aide_does_not() -> None:
    text = ("President Donald Trump met the envoy on Monday. "
            "China's commerce ministry said it firmly opposes the new rules. "
            "Trump's envoy said talks would resume.")  # fmt: skip
    sentences = segment(text)
    who = [[s.actor for s in w] for w in speakers(sentences, cast_of(sentences, PROFILE))]
    assert who[1] == ["China"]
    assert who[2] == []  # the aide is unnamed: not Trump's words


def test_a_reporter_of_another_persons_view_is_not_asked_for_a_stance() -> None:
    def stance_asks(key: str, words: str) -> list[str]:
        asked: list[Ask] = []
        drive(plan(ARTICLES[key], PROFILE), scripted({"stance": "supports"}, asked))
        return [a.about for a in asked
                if a.kind == "stance" and words in a.messages[-1]["content"]]  # fmt: skip

    # "Rutte added that Trump desires a 'peace to be lasting and durable'": Trump's view
    assert stance_asks("004", "peace to be lasting") == ["Donald Trump on peace plan"]
    # "Rutte pledged that NATO will continue ...": a body is not a person; both are asked
    assert stance_asks("003", "will continue to support") == [
        "Mark Rutte on continued military support", "NATO on continued military support"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        # a tracked topic in a circumstance of the act is not what the speaker is against
        ("Keller said Riverton will not give up its dairy quotas in trade talks with Acme.", []),
        ("The council defends its fishing quotas in trade talks.", []),
        # ... but it is when the act goes on to it, or when it is the act's object
        ("Keller welcomed the decision to keep tariffs on grain.", ["tariffs"]),
        ("Keller said Riverton will buy grain and cut tariffs on steel.", ["tariffs"]),
        ("Keller said Riverton will not join trade talks with Acme.", ["trade talks"]),
        ("Keller said trade talks with Acme are off the table.", ["trade talks"]),  # the subject
    ],
)  # fmt: skip
def test_a_tracked_topic_in_a_circumstance_is_not_asked(text: str, topics: list[str]) -> None:
    trade = load_profile("trade")
    assert [t.name for t in stance_topics(text, trade)][:1] == topics


def test_a_circumstance_leaves_the_act_to_be_asked() -> None:
    from summarizer.checks import open_topics

    text = "Keller said Riverton will not give up its dairy quotas in trade talks with Acme."
    (found,) = open_topics(text, load_profile("trade"))
    assert (found.name, found.negated_by) == ("giving up its dairy quotas", "will not give up")


def test_a_negated_undoing_act_is_no_stance_against_its_object() -> None:
    trade = load_profile("trade")
    tariffs = trade.topic_cues(next(t for t in trade.topics if t.name == "tariffs"))
    side = frozenset({"riverton"})
    kept = "Keller said Riverton will never give up its levy."
    assert own_negation(kept, tariffs, side, trade) == ""
    assert own_negation("Keller said Riverton will never accept the levy.", tariffs, side, trade)


def test_only_a_definite_one_word_object_borrows_its_first_mention() -> None:
    from summarizer.checks import open_topics

    before = "Riverton rules out Acmean troops in the valley. Riverton will not send troops."
    (bare_plural,) = open_topics("Anna Keller said Acme is ready to deploy troops.", PROFILE,
                                 before=before)  # fmt: skip
    assert bare_plural.name == "deploying troops"  # not the headline's "out Acmean troops"
    before = "Farmers protested against the planned river dam near the old town. "
    (dam,) = open_topics("The council opposes the dam.", PROFILE, before=before)
    assert dam.name == "planned river dam"
    before = "Riverton, Acme extend fishing truce\n\n"  # a headline's verb has no ending
    (truce,) = open_topics("Anglers criticised the truce.", PROFILE, before=before)
    assert truce.name == "fishing truce"  # not "extend fishing truce"


def test_a_quantity_before_a_number_is_not_the_object() -> None:
    from summarizer.checks import open_topics

    text = "Riverton will send up to 300 soldiers to a new brigade in the north, Anna Keller said."
    (sent,) = open_topics(text, PROFILE)
    assert sent.name == "sending 300 soldiers"  # not "sending up"


def test_a_hedge_that_states_the_uncertainty_overrules_a_none(tmp_path: Path) -> None:
    text = ("Harbour talks stall\n\nIt remains unclear when the two mayors will meet again. "
            "Anna Keller said the ferry may run late.")  # fmt: skip
    stage, asked = _staged(tmp_path, text, {"stance": "none", "hedge": "none"})
    assert len([a for a in asked if a.kind == "hedge"]) == 2  # both asked, both "none"
    # "unclear" says by itself that it is not known; "may" does not
    (open_item,) = stage.uncertainties
    assert open_item.kind == "open_question" and "unclear" in open_item.evidence[0].quote
    assert any("labelled none, read as open_question" in w for w in stage.warnings)


def test_a_negated_topic_labelled_conditional_with_no_condition_is_opposed() -> None:
    topic = PROFILE.topic_cues(next(t for t in PROFILE.topics if t.name.startswith("troops")))
    text = "Keller said Riverton would not send troops before a truce."
    assert check_stance("conditional", text, topic, PROFILE, negated_by="would not").polarity == (
        "opposes"
    )
    assert check_stance("conditional", text, topic, PROFILE).polarity is None
    # with a condition, the label stands
    text = "Keller said Riverton would not send troops unless a truce holds."
    assert check_stance("conditional", text, topic, PROFILE, negated_by="would not").polarity == (
        "conditional"
    )


def test_a_stated_hedge_must_be_a_hedge() -> None:
    from pydantic import ValidationError

    from summarizer.profile import Language

    data = PROFILE.lang.model_dump() | {"stated_hedges": ("unclear", "nobody can tell")}
    with pytest.raises(ValidationError, match="nobody can tell"):
        Language.model_validate(data)


def test_not_known_and_unnamed_sources_are_uncertain_even_when_labelled_none(
    tmp_path: Path,
) -> None:
    text = ("Harbour talks stall\n\nIt is not known how many boats would join the convoy. "
            "Nobody knows whether the mayor will sign. "
            "According to two officials familiar with the talks, the toll includes a rebate. "
            "The ferry will run on Monday.")  # fmt: skip
    stage, _asked = _staged(tmp_path, text, {"stance": "none", "hedge": "none"})
    kinds = [(u.kind, u.evidence[0].quote[:12]) for u in stage.uncertainties]
    assert kinds == [("open_question", "It is not kn"), ("open_question", "Nobody knows"),
                     ("unverified_report", "According to")]  # fmt: skip
