"""The merger on hand-written briefs: joins, traps, agreements, disagreements, guarantees."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.corpus import CorpusDigest
from summarizer.merge import merge

from .briefs_factory import CORPUS, actor, brief, guarantee


def _actor(digest: CorpusDigest, name: str):  # type: ignore[no-untyped-def]
    (found,) = [a for a in digest.actors if a.name == name]
    return found


def test_rutte_is_one_actor_with_every_alias_and_article() -> None:
    digest = merge(CORPUS)
    rutte = _actor(digest, "Mark Rutte")
    assert set(rutte.aliases) == {"NATO Secretary General Mark Rutte", "Rutte", "the NATO chief"}
    assert rutte.articles == ("a", "b")
    rules = {step.rule for step in digest.merge_log if step.into == "Mark Rutte"}
    assert rules == {"title-stripped", "surname", "role"}
    for step in digest.merge_log:
        assert step.detail and len(step.joined) >= 1


def test_kiev_and_kyiv_join_and_trump_joins_across_titles() -> None:
    digest = merge(CORPUS)
    kyiv = [a for a in digest.actors if "Kyiv" in (a.name, *a.aliases)]
    assert len(kyiv) == 1 and {kyiv[0].name, *kyiv[0].aliases} >= {"Kiev", "Kyiv"}
    trump = _actor(digest, "Donald Trump")
    assert set(trump.aliases) == {"Trump", "US President Donald Trump"}
    assert trump.articles == ("a", "b", "c")


def test_shared_first_names_roles_and_org_names_never_join() -> None:
    digest = merge(CORPUS)
    names = {a.name for a in digest.actors}
    assert {"Vladimir Putin", "Vladimir Zelensky", "Donald Trump", "Donald Tusk"} <= names
    assert _actor(digest, "Vladimir Putin").aliases == ("Putin",)
    assert _actor(digest, "Donald Tusk").aliases == ()
    nato = _actor(digest, "NATO")
    assert nato.kind == "alliance" and nato.aliases == ()
    assert _actor(digest, "Russia").aliases == ("Moscow",)


def test_positions_are_grouped_by_actor_and_normalized_topic() -> None:
    digest = merge(CORPUS)
    rutte = [p for p in digest.positions if p.actor == "Mark Rutte"]
    assert len(rutte) == 1
    assert rutte[0].articles == ("a", "b")
    assert rutte[0].polarities == ("opposes", "supports")
    assert {e.named_as for e in rutte[0].entries} == {"NATO Secretary General Mark Rutte", "Rutte"}
    topics = {p.topic for p in digest.positions if "troops" not in p.topic}
    assert len(topics) == 1  # membership / accession / "for Ukraine" all normalize together


def test_disagreements_by_the_same_actor_and_between_actors() -> None:
    digest = merge(CORPUS)
    same = [d for d in digest.disagreements if d.kind == "same_actor"]
    assert [d.actor for d in same] == ["Mark Rutte"]
    sides = {s.polarity: s for s in same[0].sides}
    assert sides["supports"].articles == ("a",) and sides["opposes"].articles == ("b",)
    assert sides["supports"].evidence[0].quote == "the path to membership is irreversible"
    assert sides["opposes"].evidence[0].quote == "membership is off the table"
    between = [d for d in digest.disagreements if d.kind == "between_actors"]
    assert len(between) == 1
    pro = next(s for s in between[0].sides if s.polarity == "supports")
    assert set(pro.actors) == {"Mark Rutte", "Vladimir Zelensky"}


def test_agreement_is_the_same_stance_in_two_or_more_articles() -> None:
    digest = merge(CORPUS)
    opposed = [a for a in digest.agreements if a.polarity == "opposes"]
    assert len(opposed) == 1
    assert opposed[0].articles == ("a", "b", "c")
    assert set(opposed[0].actors) == {"Donald Trump", "Mark Rutte", "Vladimir Putin"}
    assert not any(a.polarity == "supports" and a.articles == ("b",) for a in digest.agreements)


def test_guarantee_status_conflicts_are_flagged_not_averaged() -> None:
    digest = merge(CORPUS)
    by_kind = {g.kind: g for g in digest.guarantees}
    membership = next(g for g in digest.guarantees if "membership" in g.kind.lower())
    assert membership.conflicting and membership.statuses == ("endorsed", "ruled_out")
    assert [(r.article_id, r.status) for r in membership.reports] == [
        ("a", "endorsed"), ("b", "ruled_out")]  # fmt: skip
    troops = next(g for k, g in by_kind.items() if "troops" in k.lower())
    assert not troops.conflicting and troops.articles == ("b", "c")
    assert troops.proposed_by == ("Donald Tusk", "coalition of the willing")
    conflict = [d for d in digest.disagreements if d.kind == "guarantee_status"]
    assert len(conflict) == 1 and conflict[0].topic == membership.kind


def test_uncertainties_are_deduplicated_with_their_articles() -> None:
    digest = merge(CORPUS)
    assert len(digest.uncertainties) == 1
    assert digest.uncertainties[0].articles == ("a", "b")


def test_coverage_shows_what_an_article_leaves_out() -> None:
    digest = merge(CORPUS)
    rows = {row.article_id: row for row in digest.coverage}
    assert "Mark Rutte" in rows["c"].missing_actors
    assert "Donald Trump" not in rows["c"].missing_actors
    assert rows["a"].missing_actors == ("Vladimir Putin",)  # in b and c, both other articles


def test_usage_is_summed_and_the_digest_round_trips() -> None:
    digest = merge(CORPUS)
    assert digest.usage.prompt_tokens == 300 and digest.usage.requests == 3
    assert CorpusDigest.model_validate_json(digest.model_dump_json()) == digest
    assert merge([]).articles == ()


@settings(max_examples=30, deadline=None)
@given(st.permutations(CORPUS))
def test_any_order_gives_the_same_bytes(order: list[object]) -> None:
    assert merge(order).model_dump_json() == merge(CORPUS).model_dump_json()  # type: ignore[arg-type]


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(CORPUS))
def test_a_duplicated_brief_adds_no_duplicate_positions(extra: object) -> None:
    once, twice = merge(CORPUS), merge([*CORPUS, extra])  # type: ignore[list-item]
    assert once.positions == twice.positions and once.agreements == twice.agreements
    assert twice.merge_log[0].rule == "duplicate-brief"


def test_every_digest_evidence_is_an_evidence_of_some_input_brief() -> None:
    digest = merge(CORPUS)
    inputs = {(b.article_id, e.quote, e.start, e.end) for b in CORPUS for e in b.evidence()}
    found = [c for p in digest.positions for e in p.entries for c in e.evidence]
    found += [c for g in digest.guarantees for r in g.reports for c in r.evidence]
    found += [c for s in (*digest.agreements, *(x for d in digest.disagreements for x in d.sides))
              for c in s.evidence]  # fmt: skip
    found += [c for u in digest.uncertainties for c in u.evidence]
    assert found and all((c.article_id, c.quote, c.start, c.end) in inputs for c in found)


def test_a_backer_named_with_a_title_is_the_actor_and_a_shared_first_name_is_not() -> None:
    briefs = [
        brief("x", actors=[actor("Mark Rutte"), actor("Donald Trump")],
              guarantees=[guarantee("NATO membership", "ruled_out", "m",
                                    by="Secretary General Mark Rutte"),
                          guarantee("troops after a ceasefire", "proposed", "t",
                                    by="Prime Minister Donald Tusk")]),
    ]  # fmt: skip
    by_kind = {g.kind: g for g in merge(briefs).guarantees}
    assert by_kind["NATO membership"].proposed_by == ("Mark Rutte",)
    assert by_kind["troops after a ceasefire"].proposed_by == ("Prime Minister Donald Tusk",)


def test_positions_on_one_tracked_issue_group_under_it_whatever_their_wording() -> None:
    from .briefs_factory import position

    a = brief(
        "a",
        actors=[actor("Anna Keller")],
        positions=[
            position(
                "Anna Keller",
                "foreign monitors",
                "opposes",
                "Keller opposes foreign monitors.",
                issue="monitors",
            )
        ],
    )
    b = brief(
        "b",
        actors=[actor("Ben Ortiz")],
        positions=[
            position(
                "Ben Ortiz",
                "an observer mission",
                "supports",
                "Ortiz backs an observer mission.",
                issue="monitors",
            )
        ],
    )
    digest = merge([a, b])
    assert {p.topic for p in digest.positions} == {"monitors"}  # the issue heads the group
    # each entry keeps the article's own wording of it
    assert {e.topic for p in digest.positions for e in p.entries} == {
        "foreign monitors",
        "an observer mission",
    }
    (split,) = [d for d in digest.disagreements if d.topic == "monitors"]
    assert split.kind == "between_actors"
