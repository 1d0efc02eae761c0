"""How a name before a reporting verb relates to it: its subject, an organ's, a member's.

"Anna Keller, a senior official, said" (`plain`), "Riverton's commerce ministry said"
(`organ_of`), "An Acme executive said" (`member_of`), "An Acme spokesman in Riverton
said" (`based`), and "the union's claim that Acme expansion ..." (`modifier`: a name
that modifies a noun is no subject). `speakers` decides with these who speaks; a role
reference ("the League chief") means the person `role_holder` finds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Protocol

from .cast import Cast
from .datelines import after_dateline
from .demonyms import demonym_state

__all__ = [
    "Ref", "Said", "based", "clause_subject", "described", "frame_end", "framed", "frames",
    "freed", "joined_frame", "listed_members", "member_of", "modifier", "office_of",
    "organ_of", "own_clause", "owned_organ", "plain", "possessive", "role_holder",
]  # fmt: skip

Ref = tuple[int, int, str, str]  # (start, end, actor, how) of one reference to an actor

# "China's commerce ministry said", "Riverton's Ministry of Fisheries said": a state's (or
# body's) organ speaks for it
_ORGAN = re.compile(r"[’']s(?:\s+(?:[a-z-]+|[A-Z][a-z-]+)){1,4}\s+")
# "An Acme executive said", "a Riverton Dockers spokesperson said": one of a body's people
_MEMBER = re.compile(r"(?:\s+[a-z-]+){1,3}\s+")
_INDEFINITE = re.compile(r"\b(?:an?|An?)\s+$")
# "Kim Yo Jong, a senior official of the ruling party, said": a role between name and verb;
# "Anna Keller, for her part, has said": a short aside in lower case; "Tom Brandt,
# president of the Acme Growers' Association, said": a role with no article
_APPOSED = re.compile(r",\s+(?:(?:an?|the)\s+[^,;“”\"]{1,100}|[a-z][^,;“”\"]{1,100}),\s*")


def plain(between: str, filler: re.Pattern[str]) -> bool:
    """Whether `between` (name to reporting verb) holds only fillers, after an aside."""
    aside = _APPOSED.match(between)
    return filler.fullmatch(between[aside.end() if aside else 0 :]) is not None


def organ_of(between: str, filler: re.Pattern[str], organs: frozenset[str]) -> bool:
    """Whether `between` is "’s commerce ministry ": a state's or body's organ speaking.

    The phrase must hold an organ or a role (`organ_nouns`, `role_heads`: "Riverton's
    Ministry of Fisheries"): "Riverton's Western supporters said" is the supporters
    speaking, not Riverton.
    """
    organ = _ORGAN.match(between)
    return (
        organ is not None
        and any(w.lower() in organs for w in organ.group().split()[1:])
        and filler.fullmatch(between[organ.end() :]) is not None
    )


def possessive(text: str, end: int) -> bool:
    """Whether the name ending at `end` is followed by a possessive "’s" ("Chile's plan")."""
    return text[end : end + 2] in ("’s", "'s")


# "’s embassy in Oslo": up to four words after a possessive, to the first punctuation
_OWNED = re.compile(r"[’']s((?:[ \t]+[\w-]+){1,4})")


def owned_organ(text: str, end: int, organs: frozenset[str], next_name: int) -> bool:
    """Whether the name ending at `end` owns the organ that is its sentence's subject.

    "Riverton's embassy in Oslo, in a post ..., called the plan ..." and "Riverton's new
    government ... has not taken a position": the state speaks through its organ
    (`organ_nouns`, and a document: "Riverton's written submission backs ..."). A person
    named soon after ("Riverton's foreign ministry spokeswoman Anna Keller", starting at
    `next_name`) is who speaks, not the owner.
    """
    owned = _OWNED.match(text, end)
    return (
        owned is not None
        and any(w.lower() in organs for w in owned.group(1).split())
        and not end < next_name <= owned.end() + 2
    )


# "Mining company ", "The Riverton dockers' union ": what a body is, before its name
_DESCRIPTION = re.compile(
    r"(?:[Tt]he\s+)?(?:[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*[’']s\s+)?"
    r"(?P<words>(?:[A-Za-z][a-z-]*[’']?\s+)(?:[a-z][a-z-]*[’']?\s+){0,3})"
)


def described(
    text: str, body: int, start: int, heads: frozenset[str], stops: frozenset[str]
) -> bool:
    """Whether the words from `body` to the name at `start` only say what the body is.

    "Mining company Antofagasta said", "Riverton's coffee exporters' association Acme
    came out against": up to four words, the last a noun for a body (`heads`), none a word
    that links or acts (`stops`: "Talks with Acme", "Rising prices hurt Acme").
    """
    found = _DESCRIPTION.fullmatch(text, body, start)
    if found is None:
        return False
    words = [w.lower().rstrip("’'") for w in found.group("words").split()]
    return words[-1] in heads and not stops & set(words)


def member_of(text: str, ref: Ref, end: int, organs: frozenset[str]) -> bool:
    """Whether `text[ref:end]` is "An Acme executive": one of a body's people speaking for it.

    The name follows "a" or "an" and is followed by a role or organ word ("executive",
    "spokesperson", "official"): the body speaks, as "Acme's spokesperson" would.
    """
    member = _MEMBER.fullmatch(text, ref[1], end)
    return (
        member is not None
        and _INDEFINITE.search(text, 0, ref[0]) is not None
        and any(w in organs for w in member.group().lower().split())
    )


def based(
    text: str, ref: Ref, place: int, based_in: re.Pattern[str], organs: frozenset[str]
) -> bool:
    """Whether the place at `place` is where `ref` is, not who speaks.

    "The Chamber in Riverton said", "An Acme spokesman in Riverton said" (one of its
    people there, `member_of`) and "Chile's embassy in Norway said" (its organ there).
    """
    between = text[ref[1] : place]
    tail = re.search(rf"(?:{based_in.pattern})$", between, re.I)
    if based_in.fullmatch(between) is not None:
        return True
    if tail is None:
        return False
    organ = _ORGAN.fullmatch(between, 0, tail.start() + 1)
    return member_of(text, ref, ref[1] + tail.start() + 1, organs) or (
        organ is not None and any(w.lower() in organs for w in organ.group().split()[1:])
    )


def modifier(text: str, end: int, noun_endings: tuple[str, ...]) -> bool:
    """Whether the name ending at `end` modifies a noun rather than being a subject.

    A possessive ("Ana's bid") or a noun after it ("the union's claim that Acme expansion
    triggered the strike": a lower-case word with a noun ending, `noun_endings`) makes the
    name part of the subject, not the subject that speaks.
    """
    if possessive(text, end):
        return True
    after = re.match(r"\s+([a-z]+)\b", text[end:])
    return after is not None and after.group(1).endswith(noun_endings)


def freed(text: str, start: int, relatives: tuple[str, ...]) -> bool:
    """Whether the name at `start` is a free relative's subject ("what Keller suggested")."""
    return _relative(relatives).search(text, 0, start) is not None


@cache
def _relative(relatives: tuple[str, ...]) -> re.Pattern[str]:
    words = "|".join(map(re.escape, relatives)) or "(?!)"
    return re.compile(rf"\b(?:{words})\s+$", re.I)


# "The agriculture ministers of ": a role's holders, then the list of whose they are
_ROLES_OF = re.compile(r"(?:[Tt]he\s+)?(?:[\w-]+\s+){0,2}?(?P<role>[\w-]+?)s?\s+of\s+(?:the\s+)?")
_LISTED = re.compile(r"\s*(?:,\s*and|,|and)\s+(?:the\s+)?")


def listed_members(text: str, refs: list[Ref], start: int, offices: frozenset[str]) -> list[str]:
    """The actors a sentence opens with as "The agriculture ministers of Chile, Peru and Bolivia".

    The role (`offices`: a title or organ word, plural or not) opens the sentence at
    `start` and the names follow it, joined by commas and "and": each is a subject.
    """
    opened = _ROLES_OF.match(text, start)
    if opened is None or opened.group("role").lower() not in offices:
        return []
    listed: list[str] = []
    at = opened.end()
    for ref in refs:
        if ref[0] < at:
            continue
        if ref[0] != at or possessive(text, ref[1]):
            break
        listed += [ref[2]] if ref[2] not in listed else []
        joint = _LISTED.match(text, ref[1])
        if joint is None:
            break
        at = joint.end()
    return listed if len(listed) > 1 else []


def office_of(
    text: str, refs: list[Ref], person: Ref, states: frozenset[str], titles: frozenset[str]
) -> Ref | None:
    """The reference to the state a person speaks for by office, right before them, or None.

    "Latvian Foreign Minister| Baiba Braže" (the cast's titled form of the state, ending
    where the name starts) and "Estonia's| Margus Tsahkna", "Germany's Economy Minister|
    Katherina Reiche" (the state's name, its possessive and title words only, `titles`).
    """
    for ref in refs:
        if ref[2] not in states or ref[1] > person[0]:
            continue
        between = text[ref[1] : person[0]]
        if not between.strip():
            return ref
        owned = re.fullmatch(r"[’']s\s+((?:[\w-]+\s+){0,4})", between)
        if owned and all(w.lower() in titles for w in owned.group(1).split()):
            return ref
    return None


# Where a frame may open: the sentence's body, or a clause after a comma, dash or "and"
_CLAUSE_OPEN = re.compile(r"(?:[,;:—–]|\band|\bbut)\s+$", re.I)


@cache
def frames(templates: tuple[str, ...]) -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
    """Each holder frame as the text before its name and the text after it."""
    out = []
    for template in templates:
        before, _, after = template.partition("{name}")
        described = r"(?:[A-Z][\w-]*[’']s\s+)?(?:[a-z][\w’'-]*\s+){0,3}" if before else ""
        lead = f"(?i:{re.escape(before)})" if before else ""  # "and it is Peru that"
        out.append((re.compile(lead + described + "$"), re.compile(re.escape(after), re.I)))
    return out


def framed(text: str, refs: list[Ref], templates: tuple[str, ...]) -> list[str]:
    """The actors a frame names as holding the sentence's view.

    "For Chile, the deal is fair", "It was Peru that first proposed ...", "Acme's position
    is that ..." (the language's `holder_frames`).
    The frame opens the sentence (after a dateline) or a clause; the name is a whole
    reference to one actor, not a word inside a longer name.
    """
    body, out = after_dateline(text), []
    for start, end, actor, how in refs:
        if how != "named" or actor in out:
            continue
        for before, after in frames(templates):
            lead = before.search(text, body, start) if before.pattern != "$" else None
            at = lead.start() if lead else start
            if (
                (lead or before.pattern == "$")
                and after.match(text, end)
                and (at == body or _CLAUSE_OPEN.search(text, body, at))
            ):
                out.append(actor)
                break
    return out


@cache
def _leading_frames(templates: tuple[str, ...]) -> re.Pattern[str] | None:
    shapes = [re.escape(t).replace(re.escape("{name}"), r"[^,;:]{1,60}?")
              for t in templates if t.endswith(",")]  # fmt: skip
    return re.compile(rf"\s*(?:{'|'.join(shapes)})\s*", re.I) if shapes else None


def frame_end(text: str, templates: tuple[str, ...]) -> int | None:
    """The end of a holder frame that opens `text` ("For Chile, |the deal is fair"), or None."""
    pattern = _leading_frames(templates)
    found = pattern.match(text, after_dateline(text)) if pattern else None
    return found.end() if found else None


def joined_frame(
    text: str, parts: list[tuple[int, int]], templates: tuple[str, ...]
) -> list[tuple[int, int]]:
    """A sentence's clauses, a holder frame that opens it joined to the clause it frames.

    "In Riverton's view, the levy is unfair" is one clause: the frame is no clause of its
    own, and the words after it are no appositive of the name in it.
    """
    end = frame_end(text, templates)
    k = sum(1 for _, b in parts if end is not None and b < end)
    return [(parts[0][0], parts[k][1]), *parts[k + 1 :]] if 0 < k < len(parts) else parts


def clause_subject(
    text: str, ref: Ref, clause_verb: re.Pattern[str] | None, *, bare: bool = True
) -> bool:
    """Whether a name right after a reporting verb is its clause's subject, whose side it is.

    `bare`: with no "that". "Keller said Chile would not sign": Chile's stance, as in
    "said that Chile would ...". Not a role ("said the league would"), nor, with or without
    "that", a name the speaker urges ("said (that) Chile must sign": `clause_verb`'s group
    "urging" is the speaker's side, not Chile's).
    """
    found = clause_verb.match(text, ref[1]) if clause_verb else None
    if found is not None and found.group("urging"):
        return False
    named = ref[3] == "named" and text[ref[0] : ref[0] + 1].isupper()  # not "the league"
    return not bare or (named and found is not None)


class Said(Protocol):
    """What `own_clause` reads of a speaker (`speakers.Speaker`, which imports this module)."""

    @property
    def actor(self) -> str: ...
    @property
    def how(self) -> str: ...
    @property
    def reported(self) -> bool: ...


def own_clause(speaker: Said, here: Sequence[Said], home: frozenset[str], cast: Cast) -> bool:
    """Whether a `bare_clause` speaker ("Keller said Chile would not sign") states its own side.

    The clause's subject is the speaker's side when it is the dateline's state (`home`), or
    when who reports it holds a state office (`office_titles`) of no other state: "Foreign
    Minister Anna Keller said Chile would ..." is Chile's; an analyst's "Moscow would call
    any deployment an escalation" is a forecast, and a Peruvian minister's "Chile would" is
    Peru's reading of Chile. Any other speaker is kept as it is.
    """
    if speaker.how != "bare_clause" or speaker.actor.lower() in home:
        return True
    lang, reporter = cast.profile.lang, next((s.actor for s in here if s.reported), None)
    words = cast.role_words(reporter) if reporter else set()
    states = {demonym_state(w.capitalize(), lang) for w in words} - {None}
    offices = {w for t in lang.office_titles for w in t.lower().split()}
    return bool(words & offices) and states <= {speaker.actor}


def role_holder(phrase: str, person: str, named: list[str], cast: Cast) -> str:
    """The person a role reference means: the latest named whose role shares its names.

    "the League chief" carries a capitalised word: it means the latest person named whose
    role holds it ("League Secretary General"), even when someone else spoke since. So does
    "the prime minister", all its words, when `person` (the latest heard or named) is not
    one. Otherwise ("the minister", or no role fits) it means `person`.
    """
    words = {w.lower() for w in re.findall(r"\b[A-Z][\w’'-]*", phrase)} - {"the"}
    if words:
        return next((n for n in reversed(named) if words & cast.role_words(n)), person)
    words = set(re.findall(r"[\w’'-]+", phrase.lower())) - {"the", "of"}
    if len(words) < 2 or words <= cast.role_words(person):
        return person
    return next((n for n in reversed(named) if words <= cast.role_words(n)), person)
