"""Verdicts as stances: what a sentence judges is asked about (summarizer.judged)."""

from __future__ import annotations

import pytest

from summarizer.checks import check_stance, takes_side
from summarizer.judged import judged_against, judged_topics
from summarizer.profile import Cues, load_profile
from summarizer.tracked_words import worded

PROFILE = load_profile("trade")


@pytest.mark.parametrize(
    ("text", "topic", "worded"),
    [
        # the object of a naming verb, before the verdict
        ("Keller has called the harbour fees unfair to local fishers.", "harbour fees", ""),
        ("The guild called any new quota near the coast a provocation.", "new quota", ""),
        ("Keller has called the fishing accord a win for both towns.", "fishing accord", ""),
        # the subject of a copula, after the reporting verb or "that"
        ("The ministry said that its new licensing rules for boats are lawful.",
         "new licensing rules", "new licensing rules for boats"),
        ("Keller said the fishing accord with Acme was \"a cornerstone\" of the region.",
         "fishing accord", "fishing accord with Acme"),
        ("The guild warned that any new quota would be treated as a threat.", "new quota", ""),
        # "regard ... as": what is regarded, not the "as"; "legitimate targets" is against
        ("Keller said the guild would regard any new quota boats as legitimate targets.",
         "new quota boats", ""),
        # a quoted sentence is its speaker's own: its subject is what the verdict judges
        ("\"The new quota is the wrong answer. Our fishers will pay for it.\"", "new quota", ""),
        # "the decision" is the headline's event
        ("Keller said the decision was \"deeply regrettable\".", "decision",
         "the decision (Riverton bans night fishing)"),
    ],
)  # fmt: skip
def test_what_a_verdict_judges_is_the_topic(text: str, topic: str, worded: str) -> None:
    (found,) = judged_topics(text, PROFILE, headline="Riverton bans night fishing")
    assert (found.name, found.worded) == (topic, worded)
    if "legitimate targets" in text:
        assert found.negated_by == "legitimate targets"


@pytest.mark.parametrize(
    "text",
    [
        "Legal experts say the bill may face a challenge in court.",  # no copula or naming verb
        "The plan remains the main threat, Keller said.",  # no reporting verb before the copula
        "Keller called it a provocation.",  # a pronoun names nothing
        "Keller called the plan a provocation.",  # a vague word names nothing
        "Keller said Riverton backs the levy, which is lawful.",  # a stance verb between
        "Keller said the harbour will reopen in May.",  # no verdict
    ],
)
def test_no_verdict_shape_no_topic(text: str) -> None:
    assert judged_topics(text, PROFILE) == []


def test_a_verdict_takes_a_side_and_a_limited_condition_is_a_condition() -> None:
    text = "Keller said the harbour fees are lawful."
    assert takes_side(text, PROFILE.lang)
    assert check_stance("supports", text, Cues(phrases=("fees",)), PROFILE).polarity == "supports"
    only_under = "Keller said Riverton would send boats only under a League mandate."
    assert check_stance("supports", only_under, Cues(phrases=("boats",)), PROFILE).polarity == (
        "conditional"
    )


def test_an_act_that_undoes_reads_the_other_way_round_on_its_object() -> None:
    from summarizer.acts import undoing_acts
    from summarizer.evaluate import _read
    from summarizer.records import Evidence, Position

    def made(topic: str, polarity: str) -> Position:
        quote = "Keller said Riverton will not lift its ban."
        evidence = Evidence(quote=quote, start=0, end=len(quote), match="exact", score=100.0)
        return Position(actor="Anna Keller", topic=topic, stance="x", polarity=polarity,
                        attribution="paraphrase", hedged=False, evidence=(evidence,))  # fmt: skip

    acts = undoing_acts(PROFILE.lang)
    assert _read(
        "Riverton's ban on night fishing", made("lifting its ban on night fishing", "opposes"), acts
    ) == ("supports")
    assert _read("lifting the ban", made("lifting its ban", "opposes"), acts) == "opposes"
    assert _read("the ban", made("lifting its ban", "conditional"), acts) is None
    assert _read("the ban", made("new ban", "supports"), acts) == "supports"


def test_if_not_is_no_condition() -> None:
    from summarizer.checks import conditions

    assert (
        conditions("If not by joining the League, Riverton must be protected.", PROFILE.lang) == []
    )
    assert conditions("Riverton will join if the League agrees.", PROFILE.lang)


def test_a_supports_on_what_a_verdict_against_judges_reads_as_opposes() -> None:
    text = "The guild warned that any new quota would be treated as a threat."
    (found,) = judged_topics(text, PROFILE)
    assert found.negated_by == "threat"
    checked = check_stance("supports", text, Cues(phrases=("quota",)), PROFILE,
                           negated_by=found.negated_by)  # fmt: skip
    assert checked.polarity == "opposes"
    (lawful,) = judged_topics("The ministry said the new quotas are lawful.", PROFILE)
    assert lawful.negated_by == ""


def test_a_verdict_against_what_names_a_tracked_topic_negates_it() -> None:
    security = load_profile("security")
    troops = next(t for t in security.topics if t.name.startswith("troops"))
    cues = security.topic_cues(troops)
    text = "Keller said Riverton would regard any foreign troops in Acme as legitimate targets."
    assert judged_against(text, cues, security) == "legitimate targets"
    assert worded(text, troops, security) == "any foreign troops"  # not "regarding ..."
    assert judged_against("Keller said Riverton would regard any troops as legitimate.", cues,
                          security) == ""  # fmt: skip


def test_an_opposes_on_what_the_speaker_threatens_reads_as_supports() -> None:
    tariffs = Cues(phrases=("tariffs",))
    text = "Keller threatens tariffs of 30 percent on Riverton's timber."
    assert check_stance("opposes", text, tariffs, PROFILE).polarity == "supports"
    # a supports on a threat takes a side; a negated threat is left as labelled
    assert check_stance("supports", text, tariffs, PROFILE).polarity == "supports"
    negated = "Keller has not threatened tariffs on Riverton's timber."
    assert check_stance("opposes", negated, tariffs, PROFILE).polarity == "opposes"
