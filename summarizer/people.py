"""Who of an article's capitalised names are people, and the roles it gives them.

Found by shape and the language's word lists, not by the model: a title before the name
("Mayor Anna Keller"), a role in apposition ("Acme's chief, Anna Keller,"), a reporting
verb after it, or the surname used again. `cast.cast_of` makes them cast members.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from .bylines import byline, panelists, sign_offs
from .patterns import whole_word
from .phrases import lowered
from .profile import Language, Profile
from .segment import CAPITALS, Sentence

if TYPE_CHECKING:
    from .cast import Cast

__all__ = ["ATTRIBUTION", "CAP_RUN", "label_name", "label_speaker", "people", "turn"]

CAP_RUN = re.compile(rf"[{CAPITALS}][\w.’'-]*(?:[ \t]+[{CAPITALS}][\w.’'-]*)*")
# "spokeswoman Anna Keller": the lower-case word just before a run of names
_WORD_BEFORE = re.compile(r"(?<![\w’'-])(?P<word>[a-z][\w-]*)[ \t]+$")


@cache
def _name_run(particles: tuple[str, ...]) -> re.Pattern[str]:
    """Runs of capitalised words, through a name's particles ("Ana da Costa")."""
    if not particles:
        return CAP_RUN
    inner = "|".join(map(re.escape, particles))
    capital = f"[{CAPITALS}]"
    return re.compile(rf"{capital}[\w.’'-]*(?:[ \t]+(?:(?:{inner})[ \t]+)*{capital}[\w.’'-]*)*")


_POSSESSIVE = re.compile(r"[’']s$")
_INITIAL = re.compile(rf"[{CAPITALS}]\.")  # "Tore O. Sandvik": a middle initial keeps its point
# A speaker's label opening a turn: "KELLER: We are ready", "Anna Keller (Greens): We ...",
# "Anna Keller (Greens), in writing. – I voted ...": up to four capitalised words, a
# bracket, a short lower-case phrase, then a colon or a dash (`label_name`)
_SPEAKER_LABEL = re.compile(
    rf"(?P<name>[{CAPITALS}][\w’'.-]*(?:\s+[{CAPITALS}][\w’'.-]*){{0,3}})"
    r"(?:[ \t]*\([^()\n]{1,40}\))?(?:,[ \t]+[a-z][a-z \t]{0,30})?(?::\s|\.?[ \t]+[–—][ \t])"
)
# A pull quote's credit line: the dash that opens "— Anna Keller, Acme's chief executive"
ATTRIBUTION = re.compile(r"\s*[—–―]\s*")
_APPOSITIVE_ROLE = re.compile(r"(?<![\w’'-])(?P<role>(?:[a-z-]+\s+){0,3}[a-z-]+),\s*$")
# "The Minister of National Defence, Anna Keller," / "Riverton's Defence Minister, ...":
# a capitalised role before the name, titled when one of its words is a title
_CAPITAL_ROLE = re.compile(
    r"(?<![\w’'-])(?P<role>(?:[A-Z][\w’'-]*\s+(?:of\s+(?:the\s+)?)?){0,3}[A-Z][\w-]*),\s*$"
)
# "Kim Yo Jong, a senior official of the ruling party, said": a role after the name
# "Tom Brandt of the Acme Institute of Trade said": a capitalised body after "of"
_OF_BODY = re.compile(
    rf"[ \t]+of[ \t]+(?:the[ \t]+)?(?P<body>[{CAPITALS}][\w&’'-]*"
    rf"(?:[ \t]+(?:(?:of|for|and|&)[ \t]+)?[{CAPITALS}][\w&’'-]*)*)[ \t]+"
)
_ROLE_AFTER = re.compile(
    rf"^,\s+(?:an?|the)\s+(?:[{CAPITALS}][\w.-]*[’']s\s+)?(?P<role>(?:[a-z’'-]+\s+){{0,3}}[a-z’'-]+)\b"
)
# "Minister for Agriculture Anna Keller": a title and "for" or "of" before the run, whose
# words but the last two are then the portfolio ("Agriculture"), not the person's
_PORTFOLIO = re.compile(r"(?<![\w’'-])(?P<title>[A-Za-z-]+)[ \t]+(?:for|of)[ \t]+(?:the[ \t]+)?$")
# "the Coordinating Ministry for Economic Affairs": a run after a capitalised word and a
# link is the rest of a body's name, not a person, unless a title heads or is in it
_BODY_LINK = re.compile(rf"(?P<head>[{CAPITALS}][\w’'-]*)[ \t]+(?:for|of|on)[ \t]+(?:the[ \t]+)?$")
# "The Minister for Defence (Anna Keller): We ...": a parliament's record names an office,
# then the member in brackets, then a colon
_OFFICE_LABEL = re.compile(
    rf"(?:The[ \t]+)?[{CAPITALS}][\w’'-]*(?:[ \t]+(?:and|for|of|the|[{CAPITALS}][\w’'-]*)){{0,8}}"
    rf"[ \t]+\((?P<name>[{CAPITALS}][\w’'.-]*(?:[ \t]+[{CAPITALS}][\w’'.-]*){{1,3}})\):\s"
)
# "Tom Brandt, a hog farmer, said": any appositive closed by a comma before a reporting verb
_APPOSITIVE_SAID = re.compile(r"^,\s+(?P<role>[^,;:.!?\"“”()]{2,80}?),\s+(?P<rest>.*)", re.S)


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
    # "the American Iron and Steel Institute said": no person inside a body's known name
    spans = [(m.start(), m.end()) for name in known if " " in name
             for m in whole_word(name).finditer(sentence.text)]  # fmt: skip
    credit = ATTRIBUTION.match(sentence.text) or (
        byline(sentence.text, lang) if sentence.headline else None
    )
    runs = _name_run(lang.name_particles).finditer(sentence.text, credit.end() if credit else 0)
    for run in runs:
        # inside a known name, or one word ("The") before it: "The Acme Dockers' Union said"
        ahead = [len(sentence.text[run.start() : a].split()) for a, b in spans
                 if a < run.end() <= b]  # fmt: skip
        if any(n <= 1 for n in ahead):
            continue
        words = run.group().split()
        link = _BODY_LINK.search(sentence.text[: run.start()])
        if (link and not {link["head"].lower(), *(w.lower().strip(".,") for w in words)} & titles
                and not any(_POSSESSIVE.search(w) for w in words)):  # fmt: skip
            continue  # "Ministry for Economic Affairs"; "the University of Oslo's Anna Keller"
        # "spokeswoman Anna Keller": a title in lower case just before the run
        lead = _WORD_BEFORE.search(sentence.text[: run.start()])
        if lead and lead.group("word") in titles and len(words) > 1:
            words = [lead.group("word"), *words]
        office = _PORTFOLIO.search(sentence.text[: run.start()])
        portfolio = []
        if office and office["title"].lower() in titles and len(words) >= 3:
            # "Minister for Economic Affairs Anna Keller": the last two words are the name
            portfolio, words = [*office.group().split(), *words[:-2]], words[-2:]
        # Everything up to the last title word is the role: "Peruvian Foreign Minister".
        last_title = max(
            (i for i, w in enumerate(words[:-1]) if w.lower().strip(".,") in titles), default=-1
        )
        prefix, words = [*portfolio, *words[: last_title + 1]], words[last_title + 1 :]
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
        words = [
            w.rstrip(",") if _INITIAL.fullmatch(w.rstrip(",")) else w.rstrip(".,") for w in words
        ]
        # "Prime Minister Anna Keller's office": a titled name's possessive is still her name
        if (
            len(words) >= 2
            and _POSSESSIVE.search(words[-1])
            and any(p.lower().strip(".,") in titles for p in prefix)
        ):
            words[-1] = _POSSESSIVE.sub("", words[-1])
        while words and (words[-1].lower() in stop or _POSSESSIVE.search(words[-1])):
            words.pop()
        inside = sum(w in particles for w in words[1:-1])  # "da" in "Ana da Costa"
        related = _related(sentence.text, run, words, prefix, lang)
        if related:  # "Her neighbour, Tomas, a retired driver, ...": one name will do
            if not (words[0] in known or words[0].lower() in stop | titles):
                found.append((words[0], related, "relation"))
            continue
        if not 2 <= len(words) - inside <= (4 if inside else 3) or any(
            w.lower() in stop | titles for w in words[pronoun_name:]
        ):
            continue
        name = " ".join(words)
        if name in known or any(w in known for w in words[named:]):
            continue
        if words[-1] in lang.place_heads:  # "the Black Sea", "the Panama Canal": a place
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
        # "— Anna Keller, Acme CEO" under a pull quote, "By Anna Keller, professor of law"
        if credit and credit.end() == run.start() and not titled:
            titled, role = True, sentence.text[run.end() :].strip(" ,").split(",")[0].strip()
        # "Anna Keller said" and '"...," said Anna Keller, who runs ...' alike
        said_before = lead is not None and verbs.pattern.fullmatch(lead.group("word"))
        closed = _APPOSITIVE_SAID.match(sentence.text[run.end() : run.end() + 160])
        if (not titled and closed and verbs.pattern.match(_auxiliary_off(closed["rest"], lang))
                and not _body_role(closed["role"], lang)):  # fmt: skip
            role = re.sub(r"^(?:an?|the)\s+", "", closed["role"])
            # "Tom Brandt, who farms near the port, said" / ", 54, said": a person, no role
            relative = role.split()[0].lower() in lowered(lang.relatives)
            titled, role = True, "" if relative or not re.search(r"[a-z]", role) else role
        spoke = _auxiliary_off(after.strip().lstrip(",").strip(), lang)  # "Anna Keller now says"
        body = _OF_BODY.match(sentence.text, run.end())  # "Tom Brandt of the Acme Institute said"
        if not titled and body and verbs.pattern.match(sentence.text, body.end()):
            titled, role = True, body.group("body")
        evidence = ("title" if titled
                    else "verb" if verbs.pattern.match(spoke) or said_before
                    else "")  # fmt: skip
        found.append((name, role if titled else "", evidence))
    return found


def _related(
    text: str, run: re.Match[str], words: list[str], prefix: list[str], lang: Language
) -> str:
    """The relation ("neighbour") that one name stands in apposition to, or "".

    "Her neighbour, Tomas, is less sure": a possessive determiner (`possessive_determiners`)
    and a noun or two that is no body ("His company, Acme, ..."), then the name between
    commas.
    """
    if len(words) != 1 or prefix or words[0].isupper() or not lang.possessive_determiners:
        return ""
    dets = "|".join(map(re.escape, lang.possessive_determiners))
    before = re.search(
        rf"(?<![\w’'-])(?i:{dets})[ \t]+(?P<noun>[a-z][\w-]*(?:[ \t]+[a-z][\w-]*)?),[ \t]*$",
        text[: run.start()],
    )
    if before is None or not text[run.end() :].startswith(",") or _body_role(before["noun"], lang):
        return ""
    return before["noun"]


def turn(sentences: Sequence[Sentence], i: int) -> str:
    """Sentence `i` and the next of its paragraph: a label may end a sentence of its own."""
    following = sentences[i + 1] if i + 1 < len(sentences) else None
    if following is not None and following.paragraph == sentences[i].paragraph:
        return f"{sentences[i].text} {following.text}"
    return sentences[i].text


def label_name(text: str, lang: Language) -> str | None:
    """The name of the speaker's label that opens `text` ("KELLER: ..."), or None.

    A dash ends a label only before the speaker's own first person ("Anna Keller (Greens),
    in writing. – I voted"); "Anna Keller — who chairs the board — said" is no label.
    """
    match = _SPEAKER_LABEL.match(text)
    if match is None:
        office = _OFFICE_LABEL.match(text)
        return office["name"] if office else None
    if match.group().rstrip()[-1] in "–—":
        first = lowered(lang.first_person) | lowered(lang.first_person_plural)
        opening = re.match(r"[\w’']+", text[match.end() :])
        if opening is None or opening.group().lower() not in first:
            return None
    return match["name"]


def _body_role(role: str, lang: Language) -> bool:
    """Whether an appositive describes a body: "a big employer", "the country's steelmaker"."""
    head = re.split(r"\s+(?:of|at|for|in|with|from)\s+", role.strip())[0].split()[-1].lower()
    bodies = lowered(lang.organisation_descriptors) | lowered(lang.organisation_heads)
    bodies |= lowered(lang.organisation_nouns)
    return head in bodies or any(
        head.endswith(d) for d in lowered(lang.organisation_descriptors) if len(d) > 4
    )


def _auxiliary_off(text: str, lang: Language) -> str:
    """`text` without the auxiliaries that open it: "has long argued" gives "argued"."""
    words = text.split(" ")
    while len(words) > 1 and words[0].lower() in lowered(lang.auxiliaries):
        words.pop(0)
    return " ".join(words)


def people(
    sentences: Sequence[Sentence], profile: Profile, known: set[str]
) -> dict[str, tuple[str, str]]:
    """The people an article names: {name: (role, first name)}, "" where it gives none.

    The first name is one that alone speaks for the person ("Anna said", `_first_names`).

    A run of two or three capitalised words is a name with a title before it, a reporting
    verb after it (also past an appositive: "Tom Brandt, a hog farmer, said"), or a
    surname used again. Names in `known` (the profile's actors and places) are not people.
    """
    found_people: dict[str, tuple[str, str]] = {}
    candidates: dict[str, tuple[str, set[str]]] = {}
    for i, sentence in enumerate(sentences):
        if sentence.headline and not (
            ATTRIBUTION.match(sentence.text) or byline(sentence.text, profile.lang)
        ):
            continue
        found = _person_candidates(sentence, profile, known)
        following = sentences[i + 1] if i + 1 < len(sentences) else None
        label = label_name(turn(sentences, i), profile.lang)
        found = [  # "Anna Keller (Greens): We ...", "The Minister (Anna Keller): We ..."
            (name, role, evidence or ("label" if name == label else ""))
            for name, role, evidence in found
        ]
        if (  # "Her neighbour, Anna Keller, is angry. Acme, she said, ...": one person named
            len(found) == 1  # (the words may open the next paragraph)
            and not found[0][2]
            and following is not None
            and not following.headline
            and _refers_back(following.text, profile)
        ):
            found = [(found[0][0], found[0][1], "pronoun")]
        for name, role, evidence in found:
            role_seen, evidences = candidates.setdefault(name, (role, set()))
            if evidence:
                evidences.add(evidence)
            if role and not role_seen:
                candidates[name] = (role, evidences)
    for _, signed, after in sign_offs(sentences):  # "Sincerely,\nAnna Keller\nChief Economist"
        first = [n for n in candidates if n.split()[0] == signed] if " " not in signed else []
        for name in first or ([signed] if " " in signed and signed not in known else []):
            role = after[0] if after and " " in signed and after[0] not in known else ""
            candidates.setdefault(name, (role, set()))[1].add("signed")
    for name, role in panelists(sentences, profile.lang).values():  # "Anna Keller, professor"
        if name not in known:
            candidates.setdefault(name, (role, set()))[1].add("signed")
    body = " ".join(s.text for s in sentences if not s.headline)
    by_first = _first_names(list(candidates), body, profile.lang)
    for name, (role, evidences) in candidates.items():
        surname = name.split()[-1]
        again = len(whole_word(surname).findall(body)) > 1
        if evidences or again or name in by_first:
            found_people[name] = (role, by_first.get(name, ""))
    return found_people


def _first_names(names: Sequence[str], body: str, lang: Language) -> dict[str, str]:
    """The first names that alone speak for a person named in full once: {name: first}.

    "Anna Keller counts her herd. Anna, who has farmed here for years, says ..." and
    "..., Anna said": the first name alone, not before another capitalised word, next to a
    reporting verb (past a comma-closed clause). A first name two people share is neither's.
    """
    firsts: dict[str, list[str]] = {}
    for name in names:
        if " " in name:
            firsts.setdefault(name.split()[0], []).append(name)
    after, before = _speaking(lang.cues("reporting_verbs").pattern.pattern)
    ends = {m.end() for m in before.finditer(body)}  # where "said " and the like end
    found = {}
    for first, owners in firsts.items():
        if len(owners) != 1 or first not in body:
            continue
        alone = re.compile(rf"(?<![\w’'-]){re.escape(first)}(?![\w’'-])(?![ \t]+[{CAPITALS}])")
        if any(m.start() in ends or after.match(body, m.end()) for m in alone.finditer(body)):
            found[owners[0]] = first
    return found


@cache
def _speaking(verbs: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A reporting verb after a name (past a comma-closed clause), and one before it.

    Compiled once: a pattern per first name that spelled out every reporting verb was
    compiled again for each name, most of the brief stage's time on a large batch.
    """
    verbs = f"(?i:{verbs})"
    after = re.compile(rf"(?:,[^,.;:!?\"“”]{{1,80}},)?[ \t]+{verbs}")
    return after, re.compile(rf"{verbs}[ \t]+")


def _refers_back(text: str, profile: Profile) -> bool:
    """Whether `text` opens with a person's pronoun or reports one's words ("she said")."""
    lang = profile.lang
    pronoun = "|".join(map(re.escape, lang.pronouns))
    verbs = lang.cues("reporting_verbs").pattern.pattern
    opens = re.match(rf"\s*(?:{pronoun})\b", text, re.I)
    said = re.search(rf"\b(?:{pronoun})\s+{verbs}\b|{verbs}\s+(?:{pronoun})\b", text, re.I)
    return bool(pronoun) and (opens is not None or said is not None)


def label_speaker(text: str, cast: Cast, asking: frozenset[str]) -> str | None:
    """The speaker a label opening `text` names ("KELLER: We are ...").

    Also "Anna Keller (Greens), in writing. – I voted ..." (`label_name`). "" for
    the asking side's label ("QUESTION:"), None when `text` opens with no label. A label
    names a person of the cast when it is one of their forms, or its last word is, in upper
    or lower case. A state or body before a colon ("NORWAY: Oslo will ...", a round-up's
    heading) is no speaker, nor is any other word ("Update:").
    """
    name = label_name(text, cast.profile.lang)
    if name is None:
        return None
    label = " ".join(name.split()).casefold()
    if label in asking:
        return ""
    for name, member in cast.members.items():
        if member.kind != "person":
            continue
        forms = {f.casefold() for f in member.forms()}
        if label in forms or label.split()[-1] in forms:
            return name
    return None
