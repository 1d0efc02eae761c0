"""Who speaks, in shapes heldout28 showed: a memo or submission signed at its end, a body
introduced with its short form ("(RAA)"), a body whose name holds "&" or "for a", a body's
own relative clause ("..., which rejects"); and topic wordings that differ only in word
form ("retaliation" / "retaliating"), which the evaluation and the merger now match."""

from __future__ import annotations

from summarizer.cast import cast_of
from summarizer.checks import Checked, set_apart
from summarizer.evaluate import topics_match
from summarizer.profile import load_profile
from summarizer.segment import segment
from summarizer.speakers import speakers

TRADE = load_profile("trade")


def _who(text: str) -> list[tuple[str, list[str]]]:
    sentences = segment(f"Levy row\n\n{text}")
    cast = cast_of(sentences, TRADE)
    return [(x.text, [s.actor for s in w])
            for w, x in zip(speakers(sentences, cast), sentences, strict=True)
            if not x.headline]  # fmt: skip


MEMO = (
    "The following memo was sent on Thursday by Anna Keller, chief executive of Acme, "
    "to the company's staff.\n\n"
    "To all colleagues,\n\n"
    "The levy starts next month. We oppose the levy. "
    "I have asked Trade Minister Tom Brandt to press Chile for an exemption. "
    "She told me that Norway supports that request.\n\n"
    "Thank you for your work,\n"
    "Anna"
)


def test_a_memo_signed_at_its_end_is_its_signers_from_the_salutation_on() -> None:
    who = dict(_who(MEMO))
    assert who["The levy starts next month."] == ["Anna Keller"]
    assert who["We oppose the levy."] == ["Anna Keller"]
    assert who["I have asked Trade Minister Tom Brandt to press Chile for an exemption."] == [
        "Anna Keller"
    ]
    # the introduction before the salutation is the newspaper's, not hers
    assert who[MEMO.split("\n")[0]] == []
    # "she" is the person named before, not the author, who never calls herself "she"
    assert who["She told me that Norway supports that request."][0] == "Tom Brandt"


def test_a_signature_block_that_names_a_body_makes_we_the_body() -> None:
    submission = (
        "The Riverton Anglers Association thanks the Office for this chance to comment. "
        "We urge Chile to drop the levy. I was a fisherman for thirty years.\n\n"
        "Respectfully submitted,\n"
        "Tom Brandt\n"
        "Executive Director\n"
        "Riverton Anglers Association"
    )
    who = dict(_who(submission))
    assert who["We urge Chile to drop the levy."] == ["Riverton Anglers Association"]
    assert who["I was a fisherman for thirty years."] == ["Tom Brandt"]
    # with no salutation, a sentence not in the first person is not the signer's
    assert (
        "Tom Brandt"
        not in who["The Riverton Anglers Association thanks the Office for this chance to comment."]
    )


def test_a_line_after_a_comma_that_is_no_name_signs_nothing() -> None:
    text = "We oppose the levy.\n\nIn short,\nthe levy must go."
    assert dict(_who(text))["We oppose the levy."] == []


def test_a_short_form_in_brackets_names_the_same_body() -> None:
    text = (
        "The Riverton Anglers Association (RAA) welcomed the hearing. "
        "RAA strongly opposes the proposed levy on Chilean salmon."
    )
    assert _who(text)[1][1] == ["Riverton Anglers Association"]


def test_a_name_its_short_form_spells_is_a_body_whatever_its_head_word() -> None:
    text = (
        "The opposition Alliance for the Union of Riverton (AUR) said Chile should drop the "
        "levy. The Riverton Trade Administration Commission (RTAC) set it. "
        "Moscow (TASS) reported the levy."
    )
    who = _who(text)
    assert who[0][1] == ["Alliance for the Union of Riverton"]  # not "Chile", not "Riverton"
    names = cast_of(segment(f"Levy row\n\n{text}"), TRADE).members
    assert names["Riverton Trade Administration Commission"].kind == "organization"
    assert "RTAC" in names["Riverton Trade Administration Commission"].aliases
    assert "Administration Commission" not in names  # no person inside the body's name
    assert "TASS" not in names and "Moscow" not in names  # "TASS" spells no name's initials


def test_a_bodys_name_may_hold_an_ampersand_or_for_a() -> None:
    names = cast_of(segment(
        "Levy row\n\nThe Acme Boats & Motors Association opposed the levy, while the "
        "Coalition for a Cleaner Riverton backed it."
    ), TRADE).members  # fmt: skip
    assert "Acme Boats & Motors Association" in names
    assert "Coalition for a Cleaner Riverton" in names


def test_a_bodys_relative_clause_is_the_bodys_stance() -> None:
    text = (
        "The march was organised by the Riverton Anglers Association, which rejects any "
        "levy on salmon."
    )
    assert _who(text)[0][1] == ["Riverton Anglers Association"]


def test_topic_wordings_that_differ_only_in_word_form_match() -> None:
    assert topics_match("retaliation against Chile's levy", "retaliating against Chile's levy")
    assert not topics_match("League membership", "Riverton's veto over League membership")


def test_an_actor_set_against_another_by_while_is_not_labelled_the_same() -> None:
    part = "Acme has opposed the levy, while the Anglers have urged a higher one."
    given: dict[tuple[str, str], int] = {}
    lang = TRADE.lang
    acme = set_apart(Checked("opposes"), part, frozenset({"acme"}), "levy", given, lang)
    assert acme.polarity == "opposes"
    same = set_apart(Checked("opposes"), part, frozenset({"the anglers"}), "levy", given, lang)
    assert same.polarity is None and "while" in same.note
    other = set_apart(Checked("supports"), part, frozenset({"the anglers"}), "levy", given, lang)
    assert other.polarity == "supports"
    # with no contrast, two actors may well share a side
    joint = "Acme and the Anglers have opposed the levy."
    given.clear()
    set_apart(Checked("opposes"), joint, frozenset({"acme"}), "levy", given, lang)
    both = set_apart(Checked("opposes"), joint, frozenset({"the anglers"}), "levy", given, lang)
    assert both.polarity == "opposes"


def test_he_or_she_never_means_an_outlet_or_a_university() -> None:
    text = (
        "Listeners to the morning phone-in on Radio Riverton were asked about the levy. "
        '"We will never pay it," he said. '
        "Anna Keller of Riverton University studies fisheries. "
        "She said Norway's real answer would be new quotas."
    )
    sentences = segment(f"Levy row\n\n{text}")
    cast = cast_of(sentences, TRADE)
    assert cast.kind("Radio Riverton") == "organization"
    assert cast.kind("Riverton University") == "organization"  # not "Anna Keller of ..."
    assert cast.kind("Anna Keller") == "person"
    who = dict(_who(text))
    assert who['"We will never pay it," he said.'] == []  # no person named before
    assert who["She said Norway's real answer would be new quotas."] == ["Anna Keller"]


def test_a_panels_answers_are_each_under_the_name_and_role_heading_them() -> None:
    panel = (
        "We asked two experts whether the levy can last.\n\n"
        "Anna Keller, professor of law at Acme University\n\n"
        "No. Riverton should drop the levy now. Chile backs the deal, according to its envoy.\n\n"
        "Tom Brandt, former trade envoy of Riverton\n\n"
        "Yes. The levy protects the port."
    )
    assert [w for _, w in _who(panel)] == [
        [],
        ["Anna Keller"],
        ["Anna Keller"],
        ["Chile"],
        ["Tom Brandt"],
        ["Tom Brandt"],
    ]
    assert cast_of(segment(panel), TRADE).members["Tom Brandt"].role == (
        "former trade envoy of Riverton"
    )
    # one such line is no panel (a byline-like credit), and a reporter's role signs nothing
    alone = panel[: panel.index("Tom Brandt")] + "The levy protects the port."
    assert [w for _, w in _who(alone)][1:3] == [[], []]
    reporters = panel.replace("former trade envoy", "correspondent").replace(
        "professor of law", "reporter"
    )
    assert [w for _, w in _who(reporters)][1:3] == [[], []]


def test_a_union_or_a_body_named_after_a_comma_and_its_descriptor_is_a_body() -> None:
    members = cast_of(segment(
        "Levy row\n\nThe Riverton Dockers' Union welcomed the levy. Ferrox, the steel "
        "lobby, called on Riverton to keep it. Meanwhile, the steel lobby met in Acme."
    ), TRADE).members  # fmt: skip
    assert members["Riverton Dockers' Union"].kind == "organization"
    assert "Riverton Dockers'" not in members
    assert members["Ferrox"].kind == "organization"
    assert "Meanwhile" not in members
