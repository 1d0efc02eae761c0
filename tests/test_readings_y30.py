"""Readings the rows of heldout45 showed missing: belief verbs that name whose view a
sentence gives ("Chile believes a cap is the only way"), holder frames with no verb of
saying ("For Peru, the offer is a good deal", "In Riverton's view, ...", "It was Chile that
first proposed ..."), the object of a pseudo-cleft ("What Peru wants, officials say, is a
pact that ..."), verdicts without a copula ("retaliation would hurt Europe") and a plan's
infinitive ("Chile's offer to cut car tariffs") read as undoing the tariffs; a dateline
with a dash and no agency that placed no one ("YEREVAN, Nov 22 — Armenia will not ..."),
a second verb group with no subject of its own ("would not seek ... and would not ask
for ..."), and a body named by its place ("South Korea's fishing industry")."""

from __future__ import annotations

from summarizer.acts import own_subject
from summarizer.cast import cast_of
from summarizer.checks import Checked, check_stance, own_negation
from summarizer.datelines import dateline_end, home_of
from summarizer.intents import unless_set_aside
from summarizer.judged import judged_topics
from summarizer.nominal import noun_stances
from summarizer.objects import open_topics
from summarizer.phrases import first_mention
from summarizer.profile import TrackedTopic, load_profile
from summarizer.segment import segment
from summarizer.tracked_words import complement_only

from .conftest import speaker_rows

TRADE = load_profile("trade")
SECURITY = load_profile("security")


def test_a_belief_verb_names_the_holder_of_the_view() -> None:
    said = "Chile believes a cap on anchovy catches is the only way to save the stocks."
    assert speaker_rows(said, TRADE) == [[("Chile", "reported")]]
    feared = "Peru fears the pact would shut its fleet out, Anna Keller said."
    assert ("Peru", "reported") in speaker_rows(feared, TRADE)[0]


def test_a_holder_frame_names_whose_view_the_sentence_gives() -> None:
    rows = speaker_rows(
        "For Chile, the offer is a good deal, Anna Keller said. "
        "In Peru's view, the phase-in is far too slow. "
        "It was Chile that first proposed the levy, and it is Peru that now presses for it. "
        "Peru's position is that any pact must include Chile.",
        TRADE,
    )
    assert rows[0][:2] == [("Chile", "framed"), ("Anna Keller", "reported")]
    assert rows[1] == [("Peru", "framed")]
    assert [a for a, how in rows[2] if how == "framed"] == ["Chile", "Peru"]
    assert rows[3][0] == ("Peru", "framed")
    # not a frame: "for" after a verb, and a name inside a phrase that opens no clause
    assert ("Chile", "framed") not in speaker_rows("Peru called for Chile, then left.", TRADE)[0]


def test_a_frame_joins_its_clause_so_the_verdict_judges_what_follows() -> None:
    before = "Peru offered to cut car tariffs over 15 years. "
    slow = judged_topics("In Chile's view, the 15-year phase-in is far too slow.", TRADE,
                         before=before)  # fmt: skip
    assert [(t.name, t.negated_by) for t in slow] == [("15-year phase-in", "too slow")]
    good = judged_topics("For Chile, Peru's offer to cut car tariffs is a good deal.", TRADE)
    assert [(t.name, t.worded) for t in good] == [
        ("Peru's offer", "Peru's offer to cut car tariffs")
    ]


def test_a_plans_infinitive_is_its_content_not_undoing_of_its_object() -> None:
    said = "For Chile, Peru's offer to cut car tariffs is a good deal."
    offer = judged_topics(said, TRADE)[0]
    assert check_stance("supports", said, TRADE.topic_cues(offer), TRADE).polarity == "supports"
    tariffs = TrackedTopic(name="tariffs", words=("tariffs",))
    assert complement_only(said, tariffs, TRADE, [], judged_topics(said, TRADE))
    # only a plan's act: "Peru's path to the tariffs" stays on the tracked tariffs
    path = "Anna Keller said Peru's path to the tariffs was irreversible."
    assert judged_topics(path, TRADE)
    assert not complement_only(path, tariffs, TRADE, [], judged_topics(path, TRADE))
    # a topic undone after it is still undone: "calls for the safeguard to expire"
    safeguard = TRADE.topic_cues(TrackedTopic(name="safeguard", words=("safeguard",)))
    expire = "Chile calls for the safeguard to expire."
    assert check_stance("supports", expire, safeguard, TRADE).polarity is None
    # a noun before a verb group makes it a noun: "the EU's offer to cut" is no act of cutting
    assert [t.name for t in open_topics("The EU's offer to cut tariffs stands.", TRADE)] == []


def test_a_pseudo_clefts_object_follows_its_copula() -> None:
    wanted = "What Chile wants, according to its ministry, is a pact that also covers Peru."
    assert [(t.name, t.worded) for t in open_topics(wanted, SECURITY)] == [
        ("pact", "pact that also covers Peru")
    ]
    pact = SECURITY.topic_cues(TrackedTopic(name="pact", words=("pact",)))
    assert check_stance("supports", wanted, pact, SECURITY).polarity == "supports"
    objected = "What Chile objects to is not the pact itself but the cost of the radars."
    assert [t.name for t in open_topics(objected, SECURITY)] == ["cost of the radars"]
    asked = "What Chile wants to know is whether Peru will pay."
    assert open_topics(asked, SECURITY) == []


def test_a_verdict_without_a_copula_judges_its_subject() -> None:
    said = 'Anna Keller warns against a trade war, says retaliation "would hurt Chile more."'
    topic = TRADE.topic_cues(TrackedTopic(name="retaliation", words=("retaliation",)))
    judged = judged_topics(said, TRADE)
    assert [(t.name, t.negated_by) for t in judged] == [("retaliation", "would hurt")]
    checked = check_stance("supports", said, topic, TRADE, negated_by="would hurt")
    assert checked.polarity == "opposes"


def test_a_dateline_with_a_dash_places_the_speakers_own_side() -> None:
    sentences = segment("Talks\n\nLIMA, Nov 22 — Peru will not sign the levy, Anna Keller said.\n")
    assert home_of(sentences, cast_of(sentences, TRADE)) == frozenset({"peru", "lima"})
    compound = segment("Talks\n\nUS-led talks — Peru will not sign the levy.\n")
    assert home_of(compound, cast_of(compound, TRADE)) == frozenset()  # no dateline


def test_a_verb_group_joined_to_another_shares_its_subject() -> None:
    said = "Anna Keller said Peru would not seek a levy and would not ask for quotas on fish."
    quotas = TRADE.topic_cues(TrackedTopic(name="quotas", words=("quotas",)))
    assert own_negation(said, quotas, frozenset({"anna keller", "peru"}), TRADE) == (
        "would not ask"
    )
    other = "Anna Keller said Chile would not seek a levy and would not ask for quotas on fish."
    assert own_negation(other, quotas, frozenset({"anna keller", "peru"}), TRADE) == ""


def test_a_place_named_before_a_lower_case_body_names_the_body() -> None:
    text = "Talks\n\nSouth Korea's fishing industry is convinced the levy would cost jobs.\n"
    assert "South Korea's fishing industry" in cast_of(segment(text), TRADE).members
    forum = "Talks\n\nThe Pacific Islands Forum thinks the levy should go.\n"
    assert cast_of(segment(forum), TRADE).kind("Pacific Islands Forum") == "organization"
    # a frame may describe its name before it: "... of Chile's steel lobby Acero,"
    said = "From the perspective of Chile's steel lobby Acero, any levy would hurt plants."
    rows = speaker_rows(f"Acero is a lobby. {said}", TRADE)
    assert rows[1][:1] == [("Acero", "framed")]


def test_the_speakers_own_people_are_its_side() -> None:
    side = frozenset({"peru", "lima"})
    assert own_subject("peruvian ministers", side, TRADE.lang)
    assert own_subject("our fishermen", side, TRADE.lang)
    assert not own_subject("chilean ministers", side, TRADE.lang)
    assert not own_subject("peruvian", side, TRADE.lang)  # a people alone is no subject
    said = "Anna Keller said Peruvian ministers would not sign the quotas."
    quotas = TRADE.topic_cues(TrackedTopic(name="quotas", words=("quotas",)))
    assert own_negation(said, quotas, side, TRADE) == "would not sign"


def test_a_state_named_once_as_an_actor_is_listed_but_not_as_a_place_or_modifier() -> None:
    text = ("Quotas\n\nLima, May 2 (Andean Press) – Talks on the levy resumed in Quito on Monday.\n\n"
            "The only country that has said it will not join is Bolivia. Former US President "
            "Anna Keller backed US-Chile talks.\n")  # fmt: skip
    sentences = segment(text)
    listed = {a.name for a in cast_of(sentences, TRADE).listed(set(), 12)}
    assert "Bolivia" in listed  # named once, as a party
    assert not listed & {"Peru", "Ecuador", "United States", "Chile"}  # places and modifiers
    assert dateline_end("Lima, May 2 (Andean Press) – Talks resumed.") == len(
        "Lima, May 2 (Andean Press) –"
    )
    assert dateline_end("Lima and Quito – talks resumed.") == 0
    assert dateline_end("US-led talks resumed on Monday.") == 0  # a compound, no dateline


def test_a_noun_for_an_act_told_before_with_its_verb_is_named_by_that_act() -> None:
    before = ("LIMA, May 2 — Peru pledged on Monday to keep sending patrol boats to Chile for "
              "as long as needed. Bolivia declined to join the pledge. ")  # fmt: skip
    pledge = TrackedTopic(name="pledge", words=("pledge",))
    named = first_mention(pledge, before, TRADE.lang, frozenset(), said="condemned the pledge")
    assert named.name == "pledge to keep sending patrol boats to Chile"
    assert "pledge" in named.words  # the sentence's own word stays a cue for the checks
    untold = first_mention(pledge, "Peru said so. ", TRADE.lang, frozenset(), said="the pledge")
    assert untold.name == "pledge"
    offer = TrackedTopic(name="offer", words=("offer",))
    told = "Chile offered to cut the levy. "
    assert first_mention(offer, told, TRADE.lang, frozenset(), said="welcomed the offer").name == (
        "offer to cut the levy"
    )


def test_a_relative_of_where_the_subject_has_long_stood_states_its_stance() -> None:
    said = "Peru, which has long opposed any foreign fishing fleet in its waters, welcomed the ban."
    found = {(t.name, t.negated_by) for t in open_topics(said, TRADE)}
    assert ("foreign fishing fleet", "opposed") in found
    past = "Anna Keller, who once opposed tariffs, now backs the quotas."
    assert "tariffs" not in {t.name for t in open_topics(past, TRADE)}


def test_a_state_right_after_said_is_its_clauses_subject_when_it_is_the_speakers_own() -> None:
    rows = speaker_rows(
        "Trade Minister Anna Keller said Peru would not sign the levy. "
        "Tom Brandt, an analyst, said Chile would call any levy a provocation. "
        "Trade Minister Anna Keller said Chile must lift the levy.",
        TRADE,
    )
    assert ("Peru", "bare_clause") in rows[0]  # a minister's own state, no "that"
    assert all(actor != "Chile" for actor, _ in rows[1])  # an analyst's forecast of Chile
    assert all(actor != "Chile" for actor, _ in rows[2])  # what she urges Chile to do
    urged = speaker_rows("Trade Minister Anna Keller said that Chile must lift the levy.", TRADE)
    assert all(actor != "Chile" for actor, _ in urged[0])  # "that" or not, an urged name
    dated = speaker_rows("LIMA (Wire) — Anna Keller said Peru would not sign the levy.", TRADE)
    assert ("Peru", "bare_clause") in dated[0]  # the dateline's state


def test_a_number_between_an_undoing_verb_and_its_topic_does_not_hide_it() -> None:
    tariffs = TRADE.topic_cues(TrackedTopic(name="tariffs", words=("tariff*",)))
    said = "Chile hopes Peru will lower its 20 percent tariff on copper."
    assert check_stance("supports", said, tariffs, TRADE).polarity is None


def test_a_neutral_label_on_a_negated_clause_is_dropped_not_stated() -> None:
    levy = TRADE.topic_cues(TrackedTopic(name="levy", words=("levy",)))
    said = "Peru's position is unchanged: the levy will not be imposed."
    checked = check_stance("neutral", said, levy, TRADE)
    assert checked.polarity is None
    assert "labelled neutral, but the clause negates" in checked.note
    assert check_stance("neutral", "Peru is studying the levy.", levy, TRADE).polarity == "neutral"


def test_a_thing_that_won_the_backing_of_names_its_backers() -> None:
    text = "Quotas\n\nLIMA, May 2 — A Peruvian-led plan to cap anchovy catches won the backing of Chile and Bolivia on Monday.\n"  # fmt: skip
    sentences = segment(text)
    found = {(n.actor, n.polarity, n.wording)
             for n in noun_stances([s for s in sentences if not s.headline],
                                   cast_of(sentences, TRADE), TRADE)}  # fmt: skip
    assert found == {
        ("Chile", "supports", "Peruvian-led plan"),
        ("Bolivia", "supports", "Peruvian-led plan"),
        ("Peru", "supports", "Peruvian-led plan"),  # "-led": the state leads it
    }
    plain = segment("Quotas\n\nThe plan won the praise of Chile, but Peru-watchers doubt it.\n")
    assert noun_stances([plain[1]], cast_of(plain, TRADE), TRADE) == []  # neither shape


def test_both_sides_are_the_two_actors_last_named_together() -> None:
    rows = speaker_rows(
        "Chile and Peru agreed on Monday to challenge the levy. "
        "Both sides also backed a common quota scheme. "
        "Anna Keller said the two governments would meet again.",
        TRADE,
    )
    assert rows[1][:2] == [("Chile", "pair"), ("Peru", "pair")]
    assert ("Chile", "pair") not in rows[2]  # "the two governments" is no subject here
    text = "Quotas\n\nThe European Union and Bolivia accused each other of stalling.\n"
    assert "European Union and Bolivia" not in cast_of(segment(text), TRADE).members


def test_a_backing_verb_on_the_topic_crosses_an_opposes() -> None:
    levy = TRADE.topic_cues(TrackedTopic(name="levy", words=("levy",)))
    wanted = "Anna Keller wants the levy exempted from the spending cap."
    assert check_stance("opposes", wanted, levy, TRADE).polarity is None
    lifted = "Anna Keller wants the levy lifted."  # an undoing word after it: against it
    assert check_stance("opposes", lifted, levy, TRADE).polarity == "opposes"
    twice = '"He wants the levy. Well, he was never going to get the levy," Keller said.'
    assert check_stance("opposes", twice, levy, TRADE).polarity == "opposes"


def test_stopping_short_of_offering_sets_the_topic_aside() -> None:
    levy = TRADE.topic_cues(TrackedTopic(name="levy", words=("levy",)))
    said = "Chile stopped short on Friday of offering Peru a levy, promising instead to help."
    checked = unless_set_aside(Checked("opposes"), said, levy, TRADE.lang)
    assert checked.polarity is None
    plain = "Chile rejected the levy on Friday."
    assert unless_set_aside(Checked("opposes"), plain, levy, TRADE.lang).polarity == "opposes"


def test_opposing_a_demand_to_undo_the_topic_is_no_opposition_to_it() -> None:
    quotas = TRADE.topic_cues(TrackedTopic(name="quotas", words=("quotas",)))
    said = "Anna Keller said Peru rejects the demands of Chile to withdraw the quotas."
    checked = check_stance("opposes", said, quotas, TRADE, worded="quotas")
    assert checked.polarity is None and "undoing the topic" in checked.note
    kept = "Anna Keller said Peru will not sign a deal that leaves the quotas in place."
    assert check_stance("opposes", kept, quotas, TRADE, worded="quotas").polarity == "opposes"
