"""The status a guarantee's own sentences give it, read in code before the model is asked.

A clause naming the guarantee may state its status outright with the profile's cue words
("off the table": ruled out; "only after a ceasefire": conditional), or make it the
object of a negated verb group ("would not accept foreign troops": rejected). A model's
`proposed` or `endorsed` for a clause that negates the guarantee is not taken
(`status_conflict`). Each decision carries the cue it rests on, which the brief records.
"""

from __future__ import annotations

from collections.abc import Sequence

from .checks import IF_CLAUSE, clauses_naming, conditions
from .objects import WORD, add_object, clauses, group_object, lowered
from .profile import Cues, Language, Profile, TrackedTopic
from .records import GuaranteeStatus

__all__ = ["stated_status", "status_conflict"]

# A clause stating two statuses ("no consensus ... only after") gives the first of these.
_STATUS_ORDER: tuple[GuaranteeStatus, ...] = (
    "ruled_out", "rejected", "conditional", "endorsed", "under_discussion", "proposed"
)  # fmt: skip


def status_conflict(label: str, text: str, kind: Cues, profile: Profile) -> str:
    """The negation that contradicts a model's `proposed` or `endorsed` status, or "".

    "membership of an alliance is not on the agenda for now" is not a proposal, whatever
    the model answers; the label is then not used (precision first), as a `supports`
    stance on a negated clause is not.
    """
    if label not in ("proposed", "endorsed"):
        return ""
    negated = profile.lang.cues("negation").find(" ".join(clauses_naming(text, kind)))
    return negated[0].group().strip() if negated else ""


def stated_status(
    text: str, kind: Cues, profile: Profile, *, others: Sequence[Cues] = ()
) -> tuple[GuaranteeStatus, str] | None:
    """The status a clause naming the guarantee states outright, with its cue; else None.

    Clauses naming the guarantee are read first; an "if" or "whether" clause states
    nothing ("If membership remains off the table ..."). When the clauses naming it state
    nothing, and the guarantee is not the object of a negated verb group ("would not accept
    foreign troops": rejected), a later clause may ("troops ..., but only after a
    ceasefire"), but only for the first guarantee the sentence names: "sending troops as
    part of future guarantees, but only after a ceasefire" conditions the troops
    (`others`: the other kinds' cues). A clause before the guarantee is named is about
    something else ("there is no consensus on X, noting that the deal must include a
    bridge" says nothing of the bridge).
    """
    spans = clauses(text)
    naming = [text[a:b] for a, b in spans if kind.any(text[a:b])]
    first = next((a for a, b in spans if kind.any(text[a:b])), len(text))
    rest = [text[a:b] for a, b in spans if a > first and not kind.any(text[a:b])]
    named_at = kind.pattern.search(text)
    if named_at and any(
        (other := cues.pattern.search(text)) and other.start() < named_at.start() for cues in others
    ):
        rest = []
    stated = _cued(naming, profile) or _refused(naming, kind, profile.lang)
    return stated or _conditioned(naming, profile.lang) or _cued(rest, profile, later=True)


def _conditioned(texts: list[str], lang: Language) -> tuple[GuaranteeStatus, str] | None:
    """`conditional`, when a clause naming the guarantee sets a condition.

    "would stay in place only as long as ..." does: the language's condition cues, except
    a bare "if".
    """
    for clause in texts:
        found = [c for c in conditions(clause, lang) if c.group().lower() != "if"]
        if found and not IF_CLAUSE.search(clause):
            return "conditional", found[0].group()
    return None


def _cued(
    texts: list[str], profile: Profile, *, later: bool = False
) -> tuple[GuaranteeStatus, str] | None:
    """The first status cue in the clauses `texts`, skipping "if" and "whether" clauses.

    In a `later` clause, a cue with an object of its own states that object's status, not
    the guarantee's: "troops on a rotating basis, ... but he ruled out any new bases".
    """
    openers = lowered(profile.lang.object_openers)
    for clause in texts:
        if IF_CLAUSE.search(clause):
            continue
        for status in _STATUS_ORDER:
            for found in profile.status_cue(status).find(clause):
                after = WORD.findall(clause[found.end() :])[:1]
                if later and status != "conditional" and after and after[0].lower() in openers:
                    continue
                return status, found.group()
    return None


def _refused(texts: list[str], kind: Cues, lang: Language) -> tuple[GuaranteeStatus, str] | None:
    """`rejected`, when the guarantee is the object of a negated verb group.

    "would not accept foreign troops on the border" rejects the troops, as the same group
    reads a position as opposition; a verb that undoes ("will not lift") forces nothing.
    """
    for clause in texts:
        if IF_CLAUSE.search(clause):
            continue
        for group in lang.cues("verb_groups").find(clause):
            found = group_object(clause, group, lang)
            if found is None or not found.negated_by:
                continue
            objects: list[TrackedTopic] = []
            if add_object(objects, clause, found.start, lang, frozenset()) and kind.any(
                objects[0].name
            ):
                return "rejected", found.negated_by
    return None
