"""What an object that points back to an earlier request names.

"Eric Johnson asked the council to lobby Acme for an exemption. Mayor Anna Keller backed
the request." The mayor backs lobbying Acme for an exemption, not the headline's event:
a `request_anaphors` noun after "the", "this" or "that" names the act urged in the
sentence just before, when that sentence urges one (`phrases.urged`).
"""

from __future__ import annotations

import re

from .objects import open_topics
from .phrases import lowered
from .profile import Language, Profile, TrackedTopic

__all__ = ["asked_before", "unnamed"]

# The last sentence of the text before one: after the last full stop that ends a sentence
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘A-Z])")
_ENDED = re.compile(r"[.!?][\"”’]?\s*$|^\s*$")  # a text that ends with a whole sentence


def unnamed(topic: TrackedTopic, lang: Language) -> bool:
    """Whether `topic` is a bare `named_anaphors` noun ("the plan") nothing names further."""
    bare = topic.name.lower() in lowered(lang.named_anaphors)
    return bare and not (topic.worded or topic.of_headline)


def asked_before(topics: list[TrackedTopic], before: str, profile: Profile) -> list[TrackedTopic]:
    """`topics` with a pointing-back request ("backed the request") named as what was asked.

    A `named_anaphors` noun ("the plan") that neither its sentence ("a plan that cuts
    quotas") nor the article before ("the steel safeguard plan", which `first_mention`
    gives) names with more words is the act last proposed or urged in the sentences
    before, up to `PROPOSAL_REACH` of them ("Chile proposed that its neighbours set up a
    copper exchange. ... Peru has rejected the plan"); with none, it says nothing:
    dropped.
    """
    lang = profile.lang
    topics = [_proposed(t, before, profile) if unnamed(t, lang) else t for t in topics]
    topics = [t for t in topics if not unnamed(t, lang)]
    requests = lowered(lang.request_anaphors)
    pointing = [t for t in topics if (t.of_headline or " " not in t.name)
                and t.name.split()[-1].lower() in requests]  # fmt: skip
    if not pointing:
        return topics
    previous = _SENTENCE_END.split(before.strip())[-1]
    asked = [t for t in open_topics(previous, profile) if t.urged]
    if not asked:
        return topics
    act = asked[0]
    return [
        act.model_copy(update={"negated_by": t.negated_by, "urged": False}) if t in pointing else t
        for t in topics  # the urging was the asker's, not this speaker's
    ]


PROPOSAL_REACH = 8  # sentences back in which "the plan" may find the act proposed


def _proposed(topic: TrackedTopic, before: str, profile: Profile) -> TrackedTopic:
    """`topic` as the act last proposed or urged before it, or as it was.

    In a later part of a sentence, it is what the part before names first: "Chile backed a
    one-year delay, while Peru pushed back on the idea" (the delay).
    """
    prefix = "" if _ENDED.search(before) else _SENTENCE_END.split(before.strip())[-1]
    if named := open_topics(prefix, profile) if prefix else []:
        return named[0].model_copy(update={"negated_by": topic.negated_by, "urged": False})
    for sentence in reversed(_SENTENCE_END.split(before.strip())[-PROPOSAL_REACH:]):
        acts = [t for t in open_topics(sentence, profile) if t.urged]
        if acts:
            return acts[0].model_copy(update={"negated_by": topic.negated_by, "urged": False})
    return topic
