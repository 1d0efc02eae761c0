"""The guarantees a brief lists: each tracked kind an article names, with its status.

A kind's status comes from the article's own cue words (`status.article_statuses`), else
from the model, asked about each holder's sentences apart (a later round when an answer
is not in yet). Then each actor with a checked position on the kind that no status above
is held by can add a status the kind does not have yet, read from that position:
"opposes" is `rejected` ("Peru will not accept fishing crews"), "conditional" is
`conditional`. A "supports" gives none: wanting a guarantee ("Riverton wants
membership") is neither proposing nor endorsing what others would give, and read so
(every supporting position as `endorsed` or, with a word of commitment, `proposed`) it
added more statuses the gold states otherwise than it recalled. These come after every
kind's own statuses, so a brief's bound on guarantees drops them first; each cites the
position's sentences, which name its holder.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from typing import Any, Protocol

from .errors import Unanswered
from .label import Ask, ask_status
from .merge import DEAD
from .profile import Cues, Profile
from .records import MAX_EVIDENCE, Evidence, Guarantee, Position
from .segment import Sentence
from .speakers import Speaker
from .status import article_statuses, check_status

__all__ = ["guarantees", "held", "whole"]

STATUS_QUESTIONS_PER_KIND = 2  # per holder of a guarantee kind, asked until one answers
HOLDERS_ASKED = 3  # of a guarantee kind, when no cue word states its status
_HELD = {"opposes": "rejected", "conditional": "conditional"}


class Staged(Protocol):
    """What the guarantee step reads from and adds to: the brief stage (`assemble.Stage`)."""

    positions: list[Position]
    guarantees: list[Guarantee]
    warnings: list[str]

    def take(self, answer: Any, asked: Ask) -> str | None: ...


def whole(sentence: Sentence) -> Evidence:
    """A whole sentence as evidence, at its exact offsets."""
    return Evidence(
        quote=sentence.text, start=sentence.start, end=sentence.end, match="exact", score=100.0
    )


def guarantees(
    stage: Staged,
    body: list[tuple[Sentence, list[Speaker]]],
    profile: Profile,
    backers: dict[tuple[int, str], str],
) -> Generator[Ask, Any, None]:
    """Add each tracked guarantee kind the `body` names to `stage`, with its statuses."""
    holder = {s.number: w[0].actor for s, w in body if w}  # who speaks in each sentence
    holders: list[tuple[str, str, list[tuple[Position, str]]]] = []  # statuses from positions
    for tracked in profile.guarantees:
        cues = profile.guarantee_cues(tracked)
        naming = [s for s, _ in body if cues.any(s.text)]
        if not naming:
            continue
        other_kinds = [profile.guarantee_cues(g) for g in profile.guarantees if g is not tracked]
        stated = article_statuses(naming, cues, profile, other_kinds, holder.get)
        # Else the model is asked, each holder's sentences apart: "Moscow would not accept
        # foreign troops" and "France was prepared to contribute" are two holders' statuses
        theirs: dict[str | None, list[Sentence]] = {}
        for s in naming if not stated else []:
            theirs.setdefault(holder.get(s.number), []).append(s)
        chosen: list[tuple[Sentence, str, str]] = list(stated)
        for group in list(theirs.values())[:HOLDERS_ASKED]:
            for sentence in group[:STATUS_QUESTIONS_PER_KIND]:
                asked = ask_status(sentence.text, tracked.kind)
                answer = yield asked
                if isinstance(answer, Unanswered):
                    break  # asking the next sentence depends on this answer: a later round
                label = stage.take(answer, asked)
                if label is None or label == "none":
                    continue
                status, how = check_status(label, sentence.text, cues, profile)
                if status is None:
                    stage.warnings.append(f"guarantee {tracked.kind!r}, sentence "
                                          f"{sentence.number}: {how}")  # fmt: skip
                    continue
                chosen.append((sentence, status, how))
                break
        stated_by = {holder.get(s.number) for s, _, _ in chosen}
        stated_by |= {backers.get((s.number, tracked.kind)) for s, _, _ in chosen}
        added = held(stage.positions, cues, stated_by, {_state(st) for _, st, _ in chosen})
        apart = {e.start for p, _ in added for e in p.evidence}  # cited by the holders' own
        for sentence, status, how in chosen:
            pool = [s for s in naming if s.start not in apart]  # "Moscow opposed troops"
            if len(chosen) + len(added) > 1:  # one of several cites its holder's sentences
                pool = [s for s in pool if holder.get(s.number) == holder.get(sentence.number)]
            others = [s for s in pool if s is not sentence][: MAX_EVIDENCE - 1]
            evidence = [whole(s) for s in sorted([sentence, *others], key=lambda s: s.number)]
            backer = backers.get((sentence.number, tracked.kind))
            stage.guarantees.append(
                Guarantee(
                    kind=tracked.kind,
                    description=tracked.description,
                    status=status,
                    proposed_by=backer if status != "ruled_out" else None,
                    evidence=tuple(evidence),
                )
            )
            stage.warnings.append(f"guarantee {tracked.kind!r}: {status} from sentence "
                                  f"{sentence.number} ({how})")  # fmt: skip
        holders.append((tracked.kind, tracked.description, added))
    for kind, description, added in holders:  # after every kind's own statuses
        for position, status in added:
            stage.guarantees.append(
                Guarantee(
                    kind=kind,
                    description=description,
                    status=status,
                    proposed_by=position.actor if status != "rejected" else None,
                    evidence=position.evidence,
                )
            )
            stage.warnings.append(f"guarantee {kind!r}: {status} from the position "
                                  f"{position.stance!r}")  # fmt: skip


def held(
    positions: Sequence[Position], kind: Cues, stated_by: set[str | None], states: set[str]
) -> list[tuple[Position, str]]:
    """The statuses holders' positions give a guarantee `kind` that it has not got yet.

    A position counts when its wording names the kind and it is against it (`rejected`)
    or for it only under conditions (`conditional`); an actor already `stated_by` a
    status of the article's is left to it. The first position of each status not among
    `states` (ruled out and rejected are one) gives it.
    """
    found: list[tuple[Position, str]] = []
    for p in positions:
        status = _HELD.get(p.polarity)
        if status is None or p.actor in stated_by or not kind.any(p.topic):
            continue
        if _state(status) not in states:
            states = states | {_state(status)}
            found.append((p, status))
    return found


def _state(status: str) -> str:
    """One status for ruled out and rejected, as the digest shows them (`merge.DEAD`)."""
    return "rejected" if status in DEAD else status
