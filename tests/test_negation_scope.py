"""Where a negation falls: on the topic, on another predicate, or on a verb of opposition."""

from __future__ import annotations

import pytest

from summarizer.checks import check_stance, existential, stance_topics
from summarizer.phrases import predicates
from summarizer.profile import load_profile

PROFILE = load_profile()
TRADE = load_profile("trade")
MEMBERSHIP = PROFILE.topic_cues(PROFILE.topics[0])
TARIFFS = TRADE.topic_cues(next(t for t in TRADE.topics if "tariff" in " ".join(t.words)))


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ('"There will be no peacekeepers from any third country here," she said.', "There will be no"),
        ("There are no foreign troops in the city, the mayor said.", "There are no"),
        ("There would not be any troops on the island, he said.", "There would not be any"),
        # "no" on something else, or the topic in a complement, is no negation of the topic
        ("There is no alternative to troops after a ceasefire, he said.", ""),
        ("There is no prospect of troops being sent, he said.", ""),
        ("There is no doubt that troops will stay, he said.", ""),
    ],
)  # fmt: skip
def test_an_existential_negation_falls_on_the_noun_phrase_after_it(text: str, cue: str) -> None:
    at = text.index("troops") if "troops" in text else text.index("peacekeepers")
    assert existential(text, at, PROFILE.lang) == cue
    (topic,) = stance_topics(text, PROFILE)
    assert topic.negated_by == cue
    checked = check_stance("supports", text, PROFILE.topic_cues(topic), PROFILE,
                           negated_by=topic.negated_by)  # fmt: skip
    assert checked.polarity == ("opposes" if cue else None)


def test_a_clause_is_cut_before_a_coordinated_verb_but_not_before_a_coordinated_noun() -> None:
    text = "The minister accepted the vote and would not bring the tax back this year."
    spans = predicates(text, 0, len(text), PROFILE.lang)
    assert [text[a:b] for a, b in spans] == [
        "The minister accepted the vote ",
        "and would not bring the tax back this year.",
    ]
    nouns = "The minister rejected the vote and the tax."
    assert predicates(nouns, 0, len(nouns), PROFILE.lang) == [(0, len(nouns))]


@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        # the negation is in another predicate of the same subject
        ("The minister welcomed the tariffs and said the city opposes new barriers.", "supports"),
        ("The ministry said its tariffs are a lawful measure and are not aimed at anyone.",
         "supports"),
        # ... but a negation in the topic's own predicate still drops a supports
        ("The minister said the city would not accept the tariffs and would appeal.", None),
        ("The minister rejected the levy and the tariffs.", None),
        # a perfect auxiliary opens another predicate too
        ("The mayor wants lower tariffs and has warned against an escalation.", "supports"),
    ],
)  # fmt: skip
def test_a_negation_in_another_predicate_does_not_drop_a_stance(
    text: str, polarity: str | None
) -> None:
    assert check_stance("supports", text, TARIFFS, TRADE).polarity == polarity


def test_an_offer_takes_a_side_and_a_request_reported_in_a_quote_does_not() -> None:
    offered = "Riverton has offered to cut its tariffs on fish, but only if Norway does the same."
    assert check_stance("supports", offered, TARIFFS, TRADE).polarity == "conditional"
    ready = 'Riverton was ready for lower tariffs on fish "tomorrow", she said.'
    assert check_stance("supports", ready, TARIFFS, TRADE).polarity == "supports"
    # the speaker reports Norway's request and takes no side on it ("requested" is no cue)
    requested = ("Anna Keller stressed that \"Norway requested lower tariffs, but there is no "
                 "consensus for that\".")  # fmt: skip
    assert check_stance("supports", requested, TARIFFS, TRADE).polarity is None


def test_not_ruling_something_out_under_a_condition_is_conditional() -> None:
    text = "The envoy said the city would not rule out membership if the vote passes."
    checked = check_stance("supports", text, MEMBERSHIP, PROFILE)
    assert checked.polarity == "conditional" and "'if'" in checked.note
    # without a condition it says too little to keep; a plain negation stays a negation
    assert check_stance("supports", "The city did not rule out membership.", MEMBERSHIP,
                        PROFILE).polarity is None  # fmt: skip
    refused = "The envoy said the city would not seek membership if the vote passes."
    assert check_stance("supports", refused, MEMBERSHIP, PROFILE).polarity is None
    opposed = "The city would not oppose membership if the vote passes."
    assert check_stance("supports", opposed, MEMBERSHIP, PROFILE).polarity == "conditional"


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        # what the act frees something from is not what the speaker is for
        ("Oslo welcomed the decision to exempt fish and timber from new import duties.", []),
        ("Oslo would not give up its tariffs in trade talks with Acme.", ["tariffs"]),
        # a joint after the circumstance starts another act
        ("Oslo will buy grain in May and cut tariffs on timber.", ["tariffs"]),
        ("Oslo welcomed the decision to cut tariffs on timber.", ["tariffs"]),
    ],
)  # fmt: skip
def test_a_topic_after_a_circumstance_lead_is_not_asked_unless_an_act_goes_on(
    text: str, asked: list[str]
) -> None:
    assert [t.name for t in stance_topics(text, TRADE)] == asked


def test_a_name_followed_by_its_role_is_a_person_and_speaks_across_the_role() -> None:
    from summarizer.cast import cast_of
    from summarizer.segment import segment
    from summarizer.speakers import speakers

    text = ("Acme will never sell the harbour, Ana Lindqvist, a senior official of the "
            "ruling party, said on Sunday.\\nShe said Riverton should wait.")  # fmt: skip
    sentences = segment(text.replace("\\n", "\n"))
    cast = cast_of(sentences, PROFILE)
    assert cast.kind("Ana Lindqvist") == "person"
    assert [[s.actor for s in found] for found in speakers(sentences, cast)] == [
        ["Ana Lindqvist"], ["Ana Lindqvist"]]  # fmt: skip
    # any appositive closed right before a reporting verb names a person and their role;
    # without the verb, or when it describes a body, it names no one
    sailor = cast_of(segment("The harbour must stay, Ana Lindqvist, a keen sailor, said."), PROFILE)
    assert sailor.members["Ana Lindqvist"].role == "keen sailor"
    other = segment("Acme will never sell the harbour, Ana Lindqvist, a keen sailor, sold it.")
    assert cast_of(other, PROFILE).members.get("Ana Lindqvist") is None
    works = segment("Acme Steel Works, the country's largest steelmaker, said it would close.")
    assert cast_of(works, PROFILE).members.get("Acme Steel Works") is None


def test_a_second_reported_clause_after_and_that_is_its_own_predicate() -> None:
    from summarizer.checks import check_stance

    text = ("Anna Keller said Riverton's path to NATO membership was irreversible and that "
            "no single country could block it.")  # fmt: skip
    cues = PROFILE.topic_cues(next(t for t in PROFILE.topics if t.name == "NATO membership"))
    assert check_stance("supports", text, cues, PROFILE).polarity == "supports"
    cut = [text[a:b] for a, b in predicates(text, 0, len(text), PROFILE.lang)]
    assert cut[1].startswith("and that no single country")


def test_a_report_is_cut_before_a_second_stance_verb_of_two_words() -> None:
    from summarizer.checks import open_topics
    from summarizer.reports import reports

    text = "Keller said Riverton would veto the plan and called for an immediate truce."
    parts = [text[a:b] for a, b in reports(text, TRADE.lang)]
    assert parts == [
        "Keller said Riverton would veto the plan",
        " and called for an immediate truce.",
    ]
    dismissed = "Keller dismissed the Acme pledge as theatre."
    assert [t.name for t in open_topics(dismissed, TRADE, before="", headline="")] == [
        "Acme pledge"
    ]
    voiced = "Keller expressed support for Acme's position during a call."
    assert [t.name for t in open_topics(voiced, TRADE, before="", headline="")] == [
        "Acme's position"
    ]


def test_a_label_the_verb_on_the_topic_contradicts_is_dropped() -> None:
    # the 1.5B carries the first verb over to the second topic; "favours" falls on tariffs
    both = "Anna Keller opposes a quota and favours higher tariffs on fish."
    assert check_stance("opposes", both, TARIFFS, TRADE).polarity is None
    assert check_stance("supports", both, TARIFFS, TRADE).polarity == "supports"
    assert (
        check_stance("supports", "Acme voted against the tariffs.", TARIFFS, TRADE).polarity is None
    )
    # an act between that is no reversal carries the backing over: "favours raising"
    raising = "Anna Keller opposes a quota and favours raising the tariffs on fish."
    assert check_stance("opposes", raising, TARIFFS, TRADE).polarity is None
    # "criticised" is a side the check does not read: the label stands
    criticised = "Acme criticised the tariffs on fish."
    assert check_stance("opposes", criticised, TARIFFS, TRADE).polarity == "opposes"
    # a verb between ("backs ending the tariffs") or a negation ("does not oppose") is no clash
    assert check_stance("opposes", "Acme backs ending the tariffs.", TARIFFS, TRADE).polarity == (
        "opposes"
    )


def test_a_contraction_the_lists_lack_is_no_verb_group_and_a_wh_word_ends_a_phrase() -> None:
    from summarizer.checks import open_topics
    from summarizer.phrases import cue_phrase

    # "can't compete" is not "can" and a verb "t" ("tting compete with ...")
    text = '"We can\'t compete with cheap fish," Anna Keller said.'
    assert [t.name for t in open_topics(text, TRADE, before="", headline="")] == []
    # the phrase a tracked word heads stops at "how": "duties", not "about how duties"
    text = "Keller said no plan was clear about how duties would be handled."
    start = text.index("duties")
    assert cue_phrase(text, start, start + len("duties"), TRADE) == "duties"


def test_backing_only_one_kind_of_a_thing_is_conditional() -> None:
    only = '"We will only back tariff cuts that protect our fishers," the party said.'
    assert check_stance("supports", only, TARIFFS, TRADE).polarity == "conditional"
    plain = '"We will back tariff cuts that protect our fishers," the party said.'
    assert check_stance("supports", plain, TARIFFS, TRADE).polarity == "supports"


def test_a_supports_for_a_topic_the_sentence_undoes_is_dropped_unless_worded_as_the_act() -> None:
    # the 1.5B reads "the deal will remove tariffs" as the speaker for the tariffs
    removed = "Anna Keller said the agreement will remove tariffs on 80 percent of exports."
    checked = check_stance("supports", removed, TARIFFS, TRADE)
    assert checked.polarity is None and "'remove'" in checked.note
    # worded with its act, the same label is faithful; a negated undoing keeps the tariffs
    acted = check_stance("supports", removed, TARIFFS, TRADE, worded="removing tariffs")
    assert acted.polarity == "supports"
    replaced = "Acme called for a regional quota to replace departing tariffs on fish."
    assert check_stance("supports", replaced, TARIFFS, TRADE).polarity is None
    cut = "Riverton will cut tariffs on ethanol, its minister said."
    assert check_stance("supports", cut, TARIFFS, TRADE, worded="cut tariffs").polarity == (
        "supports"
    )
    kept = "Anna Keller said Riverton would never remove tariffs on fish."
    assert check_stance("supports", kept, TARIFFS, TRADE).polarity == "supports"
    # after a verb group that is no modal the word describes the object: "wants lower"
    lower = check_stance("supports", "Acme wants lower tariffs on fish.", TARIFFS, TRADE)
    assert lower.polarity == "supports"
    # a speaker who doubts it will happen takes no side on it
    doubted = "I doubt Riverton will raise tariffs on fish."
    assert check_stance("supports", doubted, TARIFFS, TRADE).note == (
        "labelled supports, but the speaker doubts it ('doubt')"
    )


def test_an_adverb_after_a_verb_group_is_no_act_of_the_topic() -> None:
    from summarizer.checks import open_topics

    text = "Europe should nonetheless start planning now instead of waiting for Riverton."
    assert [t.name for t in open_topics(text, TRADE, before="", headline="")] == [
        "starting planning"
    ]
