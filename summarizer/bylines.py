"""Signed arguments: a byline that names an outside author, and the sentences it signs.

"By Anna Keller, professor of law at Acme University" opens an argument that is hers;
"By Anna Keller, Acme Gazette correspondent" opens a report, which states nobody's stance.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from .phrases import QUOTED, lowered
from .profile import Language
from .segment import CAPITALS, Sentence

if TYPE_CHECKING:
    from .cast import Cast

__all__ = ["byline", "panelists", "sign_offs", "signed_sentences"]


def byline(text: str, lang: Language) -> re.Match[str] | None:
    """The lead of a byline ("By Anna Keller, professor of law"): `byline_leads`."""
    leads = "|".join(map(re.escape, lang.byline_leads)) or "(?!)"
    return re.match(rf"\s*(?:{leads})\s+(?=[{CAPITALS}])", text)


def signed_sentences(sentences: Sequence[Sentence], cast: Cast) -> dict[int, str]:
    """The author of each sentence of a signed argument, by sentence number.

    "By Anna Keller, professor of law at Acme University" (`byline_leads`) signs what
    follows, to the next byline, when the role has none of the `newsroom_roles`: a
    reporter's byline, or one with no role, signs nobody's stance. A byline is a line of
    its own ("By Monday, Chile will ..." in the body is none). A sentence there that
    reports no one's words ("Riverton should join the League now", "I doubt it") is the
    author's; one whose subject takes a side in a verb of its own ("Chile backs the
    deal") stays its subject's (speakers).
    """
    lang = cast.profile.lang
    newsroom = lowered(lang.newsroom_roles)
    panel = panelists(sentences, lang)
    author: str | None = None  # a byline's, to the next byline
    answerer: str | None = None  # a panel heading's, to the next heading
    found: dict[int, str] = _signed_at_end(sentences, cast)
    for i, sentence in enumerate(sentences):
        lead = byline(sentence.text, lang) if sentence.headline else None  # a line of its own
        if lead is not None:
            named = [n for a, _, n in cast.mentions(sentence.text)
                     if a == lead.end() and cast.kind(n) == "person"]  # fmt: skip
            role = cast.members[named[0]].role if named else ""
            words = set(re.findall(r"\b[a-z][\w-]*", role))
            author, answerer = (named[0] if words and not words & newsroom else None), None
        elif i in panel:  # a panel's answers: each under its answerer
            name = panel[i][0]
            answerer = name if name in cast.members and cast.kind(name) == "person" else None
        elif sentence.headline:
            answerer = None
        elif author is not None:
            found[sentence.number] = author
        elif answerer is not None:
            found.setdefault(sentence.number, answerer)
    return found


# "Anna Keller, professor of law at Acme University": a name, a comma, a role in words
_PANELIST = re.compile(
    rf"(?P<name>[{CAPITALS}][\w.’'-]+(?:[ \t]+[{CAPITALS}][\w.’'-]+){{1,3}}),[ \t]+"
    r"(?P<role>(?!(?:and|or)\b)[^\n]*?\b[a-z]{2,}\b[^\n]*)"
)


def panelists(sentences: Sequence[Sentence], lang: Language) -> dict[int, tuple[str, str]]:
    """The headings a panel's answers stand under: {sentence index: (name, role)}.

    "We asked four experts": each answer follows a line of its own that gives a name and,
    after a comma, a role ("Anna Keller, professor of law at Acme University"); what
    follows, to the next heading, is theirs (`signed_sentences`). Two such lines at least
    make a panel (one may be a byline), and a role with a `newsroom_roles` word is none.
    """
    newsroom = lowered(lang.newsroom_roles)
    found = {}
    for i, sentence in enumerate(sentences):
        plain = sentence.headline and not byline(sentence.text, lang)  # a byline signs itself
        heading = _PANELIST.fullmatch(sentence.text.strip()) if plain else None
        if heading and not set(re.findall(r"\b[a-z][\w-]*", heading["role"])) & newsroom:
            found[i] = (heading["name"], heading["role"].strip())
    return found if len(found) >= 2 else {}


# A signature: a line of one to three capitalised words ("Anna Keller", "Anna")
_SIGNATURE = re.compile(rf"[{CAPITALS}][\w.’'-]+(?:[ \t]+[{CAPITALS}][\w.’'-]+){{0,2}}")
# "Anna Keller, Chief Economist": a signature line may give the role after a comma
_SIGNED = re.compile(rf"(?P<name>{_SIGNATURE.pattern})(?:,[ \t]+(?P<role>[^,\n]+(?:,[^,\n]+)?))?")


def sign_offs(sentences: Sequence[Sentence]) -> list[tuple[int, str, list[str]]]:
    """Where a text is signed at its end: (its valediction's index, the name, the lines after).

    A valediction is a line of its own that ends in a comma ("Sincerely,", "Thank you for
    your work,"); the line after it is the signer's name, and the next two lines of their
    own may give a role and a body ("Chief Economist" / "Acme Federation"), as may the
    name's own line after a comma ("Anna Keller, Chief Economist").
    """
    found = []
    for i, (line, name) in enumerate(pairwise(sentences)):
        closing = line.headline and name.headline and line.text.rstrip().endswith(",")
        if closing and (signed := _SIGNED.fullmatch(name.text.strip())):
            after = [s.text.strip() for s in sentences[i + 2 : i + 4] if s.headline]
            found.append((i, signed["name"], [signed["role"], *after] if signed["role"] else after))
    return found


def _signed_at_end(sentences: Sequence[Sentence], cast: Cast) -> dict[int, str]:
    """The signer of each sentence a sign-off signs, by sentence number.

    A sign-off signs the sentences above it, back to the previous sign-off or to a
    salutation ("Dear colleagues,", "To the Committee:"); with neither, only the sentences
    in the first person (`first_person`, `first_person_plural`), since the text may open
    with someone else's introduction. "We" and "our" are the body the signature block
    names, if it names one.
    """
    lang = cast.profile.lang
    own_voice = lang.cues("first_person", "first_person_plural")
    plural = lang.cues("first_person_plural")
    found: dict[int, str] = {}
    start = 0
    for at, name, after in sign_offs(sentences):
        signer = _member(name, cast, "person")
        body = next((m for line in after if (m := _member(line, cast, "organization"))), None)
        opened = [i for i in range(start, at) if sentences[i].headline
                  and sentences[i].text.rstrip().endswith((",", ":"))]  # fmt: skip
        first_line = opened[-1] + 1 if opened else start
        whole = bool(opened) or start > 0
        for sentence in sentences[first_line:at]:
            voiced = own_voice.any(QUOTED.sub("", sentence.text))
            if signer and not sentence.headline and (whole or voiced):
                we = voiced and plural.any(sentence.text)
                found[sentence.number] = body if body and we else signer
        start = at + 2
    return found


def _member(line: str, cast: Cast, kind: str) -> str | None:
    """The cast member of `kind` a signature line names: a name, or a person's first name."""
    for name, member in cast.members.items():
        first = kind == "person" and name.split()[0] == line
        if member.kind == kind and (line in member.forms() or first):
            return name
    return None
