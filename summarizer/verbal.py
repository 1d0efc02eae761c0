"""A noun for an act the article first told with its verb.

"The pledge" after "Chile pledged on Monday to keep sending patrol boats" is the pledge to
keep sending them. `phrases.first_mention` names a one-word topic as the article first
named it; when the article never used the noun before, only its verb (`noun_verbs`:
"pledge" — "pledged"), the verb's infinitive says what the noun is: "opposes the pledge"
is against "pledge to keep sending patrol boats", not a bare "pledge".
"""

from __future__ import annotations

import re
from functools import cache

from .profile import Language, TrackedTopic

__all__ = ["verbal_mention"]

MAX_ACT_WORDS = 8  # the act after "to", as far as the first clause or object end after it
_WORD = re.compile(r"[\w’'-]+|[,;:.!?()\"“”]")


@cache
def _told(forms: tuple[str, ...]) -> re.Pattern[str]:
    verbs = "|".join(map(re.escape, sorted(forms, key=len, reverse=True)))
    return re.compile(rf"\b(?:{verbs})(?:\s+on\s+[A-Z]\w+)?\s+to\s+(?=[a-z])", re.I)


def verbal_mention(topic: TrackedTopic, before: str, lang: Language) -> TrackedTopic:
    """`topic` ("pledge") worded by the verb the article first told it with, else as it is.

    "Chile pledged on Monday to keep sending patrol boats to Peru for as long as needed"
    gives "pledge to keep sending patrol boats to Peru": the act up to the first
    punctuation or object end (`object_ends`), past one complement ("to Peru"), and at most
    `MAX_ACT_WORDS` words.
    """
    forms = lang.noun_verbs.get(topic.name.lower())
    told = _told(tuple(forms)).search(before) if forms else None
    if told is None:
        return topic
    ends, leads = {w.lower() for w in lang.object_ends}, {w.lower() for w in lang.complement_leads}
    words: list[str] = []
    led = False  # one complement ("to Peru") is part of the act
    for word in _WORD.findall(before[told.end() :])[:MAX_ACT_WORDS]:
        lower = word.lower()
        if not word[0].isalnum() or (lower in ends and (led or lower not in leads or not words)):
            break
        led = led or lower in leads
        words.append(word)
    if len(words) < 2:
        return topic
    name = f"{topic.name} to {' '.join(words)}"
    return TrackedTopic(name=name, words=(name.lower(), *topic.words), negated_by=topic.negated_by)
