"""A speaker who says another will act takes no side, in shapes heldout34 showed ("said
beef farmers would bear the cost of a deal", "in our view, an escalation would hurt
consumers"); and a body the article shortens to its initials is found, whatever its
head word; and a verb of belief has no object to take a side on."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.intents import others_act
from summarizer.objects import open_topics
from summarizer.profile import load_profile

from .conftest import staged

TRADE = load_profile("trade")
TARIFFS = TRADE.topic_cues(next(t for t in TRADE.topics if t.name == "tariffs"))
KELLER = frozenset({"anna keller", "keller"})
NAMED = KELLER | {"riverton", "chile", "norway"}


def _other(text: str) -> str:
    return others_act(text, TARIFFS, KELLER, NAMED, TRADE.lang)


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Anna Keller said the farmers would welcome new tariffs.", "the farmers"),
        ("In our view, a long escalation would bring more tariffs.", "a long escalation"),
        ("Keller said salmon growers want higher tariffs.", "salmon growers"),
        ("Accepting the quota would invite more tariffs, Keller said.", "accepting the quota"),
    ],
)
def test_anothers_act_or_wish_on_the_topic_is_named(text: str, subject: str) -> None:
    assert _other(text) == subject


@pytest.mark.parametrize(
    "text",
    [
        "Anna Keller said we will impose tariffs.",  # the speaker's own side
        "Keller said the government will impose tariffs.",
        "Keller said it would impose tariffs.",
        "Keller said both sides would keep tariffs suspended.",  # hers among them
        "Keller said the minister will impose tariffs.",  # may be Keller herself
        "Keller said Riverton will impose tariffs.",  # an actor's name: whose side is unknown
        "Keller said Acme Boats will impose tariffs.",  # a name the cast may not hold
        "Keller said the farmers will not accept tariffs.",  # negated: the negation checks
        "Keller said the farmers must accept tariffs.",  # a demand is the speaker's
        "Keller said any deal would need lower tariffs.",  # so is a requirement
        "Keller said the tariffs would hurt the farmers.",  # the topic is the subject
        "Keller said the farmers would suffer, and backed tariffs.",  # another clause
    ],
)
def test_the_speakers_side_a_name_or_a_demand_is_no_others_act(text: str) -> None:
    assert _other(text) == ""


def test_a_supports_on_anothers_act_is_dropped_and_says_why(tmp_path: Path) -> None:
    said = "Anna Keller said the farmers would welcome new tariffs on Chilean salmon."
    own = "Anna Keller said the government would impose new tariffs on Chilean salmon."
    stage, _ = staged(tmp_path, f"Levy row\n\n{said} {own}\n", {"stance": "supports"}, TRADE)
    quotes = [(p.actor, p.polarity, p.evidence[0].quote) for p in stage.positions]
    assert ("Anna Keller", "supports", own) in quotes
    assert not any(quote == said for _, _, quote in quotes)
    [dropped] = [d for d in stage.dropped if d.quote == said]
    assert "'the farmers' will do or wants" in dropped.reason


def test_a_verb_of_belief_opens_no_topic_of_its_own() -> None:
    for text in ("We do not believe these quotas are permanent.",
                 "Keller does not think the quotas will last.",
                 "We would not expect the quotas to go."):  # fmt: skip
        assert open_topics(text, TRADE, before="", headline="") == []
    assert [t.name for t in open_topics("We will not accept the quotas.", TRADE,
                                        before="", headline="")] == ["quotas"]  # fmt: skip
