"""Who says what, decided in code: the speaker of each sentence.

A sentence's speaker is the cast's actor next to its reporting verb ("Costa said", "said
Costa", "according to ..."), a pronoun or role reference ("he", "the UN chief") resolved
to the last person named, or else the actor the sentence opens with. A reported clause's
own subject ("confirmed on Monday that Chile had ruled out") is a second candidate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .bylines import signed_sentences
from .cast import Cast
from .credits import credited_quotes, orator_of
from .datelines import after_dateline, home_of
from .documents import document_refs
from .passive import agents
from .people import label_speaker, turn
from .phrases import QUOTED, lowered
from .segment import CAPITALS, Sentence
from .subjects import (
    based,
    clause_subject,
    described,
    framed,
    freed,
    listed_members,
    member_of,
    modifier,
    office_of,
    organ_of,
    own_clause,
    owned_organ,
    plain,
    possessive,
    role_holder,
)

__all__ = ["Speaker", "holders", "speakers"]

_WORD = re.compile(r"[\w.’'-]+")


@dataclass(frozen=True)
class Speaker:
    """The actor whose stance a sentence may state, and how code found it."""

    actor: str
    how: str  # reported | according_to | pronoun | role | subject | listed (the first's side)
    # | continued | clause | bare_clause ("said Chile would": `subjects.own_clause`) | relaying
    # | agent ("was backed by Chile") | signed (`bylines`) | labelled ("SMITH: We are ...") |
    # credited ('"We are ready." — Anna Keller') | excerpted (an unattributed quotation in
    # one person's excerpts) | quoted_as ("quoted Keller as saying") | framed ("For Chile,")
    # | pair ("Chile and Peru agreed ... The two governments said": both)
    reported: bool  # a reporting verb attributes the words


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
    organ_words = frozenset(w.lower() for w in (*lang.organ_nouns, *lang.role_heads))
    subjects = lowered(lang.pronouns) | lowered(lang.particle_subjects)
    leads = "|".join(map(re.escape, lang.addressee_leads))
    addressee = re.compile(rf"\s+(?:{leads})\b", re.I) if leads else None
    places = "|".join(map(re.escape, lang.place_leads)) or "(?!)"
    based_in = re.compile(rf"\s+(?:{places})\s+", re.I)  # " in " before a place
    # "and said Turkey was prepared to": a name and a verb is the clause's subject ("said Costa")
    finite = "|".join(map(re.escape, (*lang.verb_groups, *lang.copulas, *lang.perfect_auxiliaries)))
    urging = "|".join(map(re.escape, lang.urging_groups)) or "(?!)"  # "said Chile must ...": urged
    clause_verb = re.compile(rf"\s+(?:(?P<urging>{urging})|{finite})\b", re.I) if finite else None
    asking = frozenset(q.casefold() for q in lang.question_labels)
    objecting = lowered(lang.addressing_verbs) | lowered(lang.stance_verbs)  # "backs Chile"
    credited = credited_quotes(sentences, cast)
    orator = orator_of(sentences, cast)
    signed = signed_sentences(sentences, cast)
    sided = lang.cues("stance_verbs", "commitment_cues")
    states = frozenset(n for n, m in cast.members.items() if m.kind == "state")
    offices = organ_words | lowered(lang.titles)
    documents = document_refs(sentences, cast)
    owners = lowered(lang.organ_nouns + lang.document_nouns)  # "Chile's embassy", "'s report"
    unowned = [w for w in lang.complement_leads if w not in lowered(lang.owner_leads)]
    governed = re.compile(rf"\b(?:{'|'.join(map(re.escape, unowned))})\s+(?:the\s+)?$", re.I)
    described_by = (  # "Mining company Acme": a body's description before its name
        lowered(lang.organisation_descriptors) | lowered(lang.organisation_heads),
        lowered(lang.object_ends)
        | lowered(lang.complement_leads)
        | lowered(lang.subordinators)
        | lowered(lang.verb_groups)
        | lowered(lang.reporting_verbs)
        | lowered(lang.stance_verbs),
    )
    saying = lang.cues("saying_cues")
    timed = lang.cues("time_phrases").pattern  # "Earlier in the week Chile vetoed ..."
    labelled: tuple[int, str | None] | None = None  # (paragraph, its label's speaker)
    named: list[str] = []  # the persons named so far, the latest last
    bodies: list[str] = []  # the organisations named so far, the latest last
    home = home_of(sentences, cast)  # "WARSAW (Wire) — ... said Poland would"
    org_heads = "|".join(map(re.escape, lang.organisation_heads)) or "(?!)"
    body_ref = re.compile(rf"\b[Tt]he\s+((?i:{org_heads}))\b(?![ \t]+(?:of\b|[A-Z]))")
    last_speaker: str | None = None  # "he said" refers to who spoke last, not who was named
    paired: list[str] = []  # the last two actors named together, of one kind
    pairs = re.compile(rf"\s*(?:{'|'.join(map(re.escape, lang.pair_subjects)) or '(?!)'})\b", re.I)
    voice: str | None = None  # "The representative of Chile said ... He added": that voice
    humans = lowered(lang.titles) | lowered(lang.role_heads)
    result: list[list[Speaker]] = []
    previous: list[Speaker] = []
    for i, sentence in enumerate(sentences):
        text = sentence.text
        quoted = [m.span() for m in QUOTED.finditer(text)]

        def outside(start: int, spans: list[tuple[int, int]] = quoted) -> bool:
            return not any(a < start < b for a, b in spans)

        found = cast.mentions(text)
        refs: list[tuple[int, int, str, str]] = [(s, e, n, "named") for s, e, n in found]
        refs += documents.get(sentence.number, [])  # "the report argues": its author
        person = last_speaker or (named[-1] if named else None)
        for match in pronoun.finditer(text):
            # "Guterres said he supports ...": a person named earlier in the sentence, not a
            # possessor ("Sprūds said ... in Pevkur's plan, which he"), nor who spoke before
            owned = [(n, possessive(text, e)) for _, e, n, how in refs
                       if how == "named" and e <= match.start()
                       and cast.kind(n) == "person"]  # fmt: skip
            earlier = [n for n, owner in owned if not owner] or [n for n, _ in owned]
            meant = earlier[-1] if earlier else voice or person
            if (
                meant
                and (meant not in cast.members or cast.kind(meant) == "person" or meant == voice)
                and outside(match.start())
                and not any(s <= match.start() < e for s, e, _, _ in refs)
            ):
                refs.append((match.start(), match.end(), meant, "pronoun"))
        for match in body_ref.finditer(text):  # "The institute, now led by ..., backs"
            head = match.group(1).lower()
            meant = next((b for b in reversed(bodies) if b.lower().split()[-1] == head), None)
            if meant and not any(s < match.end() and match.start() < e for s, e, _, _ in refs):
                refs.append((match.start(), match.end(), meant, "role"))
        for match in _WHO.finditer(text):  # "Charles Kupchan, a former adviser, who called"
            person_refs = [r for r in refs if r[3] == "named" and r[1] == match.start()]
            personal = match.group("who") == "who"  # "Acme, which opposed": a body's clause
            if person_refs and (cast.kind(person_refs[0][2]) == "person") == personal:
                refs.append((match.start("who"), match.end(), person_refs[0][2], "relative"))
        for match in role_ref.finditer(text):
            if _APPOSED_NAME.match(text, match.end()):
                continue  # "The navy's chief, Vice Admiral Jan Kaack, said": a new person
            meant = role_holder(match.group(), person, named, cast) if person else None
            if meant:  # "the political head of the union" is a person, not the union
                inside = [r for r in refs if match.start() <= r[0] and r[1] <= match.end()]
                if all(r[3] == "named" and cast.kind(r[2]) != "person" for r in inside):
                    refs = [r for r in refs if r not in inside]
                    refs.append((match.start(), match.end(), meant, "role"))
        # "For Chile, ...", "What Chile wants is ...": before the free relative is dropped
        in_frame = framed(text, sorted(refs), lang.holder_frames)
        refs = sorted(r for r in refs if not freed(text, r[0], lang.free_relatives))
        # "Latvian Foreign Minister Baiba Braže": the state speaks by her office, not apart
        by_office = {p[2]: o for p in refs if cast.kind(p[2]) == "person"
                     and (o := office_of(text, refs, p, states, offices))}  # fmt: skip
        refs = [r for r in refs if r not in by_office.values()]
        held = {person: office[2] for person, office in by_office.items()}
        here: list[Speaker] = []
        said = [v for v in verbs.find(text) if outside(v.start())]
        if (found_label := label_speaker(turn(sentences, i), cast, asking)) is not None:
            labelled = (sentence.paragraph, found_label or None)
        elif labelled and labelled[0] != sentence.paragraph:
            labelled = None
        if labelled is not None:  # a transcript's paragraph: its label says who speaks
            here = [Speaker(labelled[1], "labelled", True)] if labelled[1] else []
        elif sentence.paragraph in credited and not sentence.headline:
            here = [Speaker(credited[sentence.paragraph], "credited", True)]
        elif not sentence.headline:
            persons = frozenset(r[2] for r in refs if cast.kind(r[2]) == "person")
            here = [Speaker(r[2], "quoted_as", True) for m in saying.find(text) for r in refs
                    if 0 <= m.start() - r[1] <= 2 and outside(m.start())][:1]  # fmt: skip
            here = here or _speakers_of(text, refs, said, according.find(text), filler, persons,
                                        tuple(lang.noun_endings), relayed, organ_words,
                                        addressee, based_in, clause_verb, quoted, subjects,
                                        states, offices, owners, described_by, timed,
                                        governed, objecting)  # fmt: skip
            here = [Speaker(a, "framed", True) for a in in_frame] + [s for s in here if s.actor
                    not in in_frame and own_clause(s, here, home, cast)]  # fmt: skip
            here += [Speaker(a, "agent", False) for a in agents(text, refs, lang)
                     if all(s.actor != a for s in here)]  # "was backed by Chile"  # fmt: skip
        if paired and pairs.match(text, after_dateline(text)):  # "Chile and Peru ... Both sides"
            here = [Speaker(a, "pair", False) for a in paired] + [
                s for s in here if s.actor not in paired]  # fmt: skip
        if sentence.number in signed and not any(s.reported for s in here):
            # a column's own claim; "Chile backs the deal" in it stays Chile's
            own = [s for s in here if s.how == "subject"] if sided.any(text) else []
            here = own or [Speaker(signed[sentence.number], "signed", True)]
        opens_quote = text.lstrip()[:1] in '“"' and not sentence.headline
        if not here and previous and opens_quote:
            here = [Speaker(previous[0].actor, "continued", True)]
        elif not here and orator and opens_quote:
            here = [Speaker(orator, "excerpted", True)]
        here += [Speaker(held[s.actor], "listed", s.reported) for s in here
                 if s.actor in held and s.how != "relaying"
                 and all(h.actor != held[s.actor] for h in here)]  # fmt: skip
        result.append(here)
        joint = [s.actor for s in here if s.how in ("subject", "reported", "pair")]
        if len(joint) == 2 and len({cast.kind(a) for a in joint}) == 1:
            paired = joint  # the two a later "the two governments" means
        previous = here or previous if sentence.quoted else here
        people = [n for _, _, n, how in refs if cast.kind(n) == "person" and how == "named"]
        seen = [n for _, _, n, how in refs if how == "named" and cast.kind(n) == "organization"]
        bodies = [n for n in bodies if n not in seen] + seen
        named = [n for n in named if n not in people] + people
        voiced = [s for s in here if s.reported and s.how != "signed"]  # an author is no "she"
        talking = [s.actor for s in voiced if cast.kind(s.actor) == "person"]
        said_at = min((v.start() for v in said), default=0)
        if talking or people:
            voice = None
        elif voiced and humans & {w.lower() for w in _WORD.findall(text[:said_at])}:
            voice = voiced[0].actor
        if talking:
            last_speaker = talking[-1]
        elif len(set(people)) == 1 and not sentence.headline and not voiced:
            # "Norway's defence minister, Tore Sandvik, was more cautious. 'Our soldiers
            # ...,' he said": a sentence that speaks of one new person, and reports no
            # one's words, makes them the "he" (even as its subject: "Anna Keller struck a
            # more cautious tone. Riverton would ..., she said")
            last_speaker = people[0]
    return result


# Capitalised words only: what may stand before a subject that is named with its title
_NAMES_ONLY = re.compile(rf"(?:[{CAPITALS}][\w.’'-]*\s+)*")
# A relative "who" after a name and its appositive: the name is the who-clause's subject
_WHO = re.compile(r"(?:,\s+(?:an?|the)\s+[^,;“”\"]{1,60})?,?\s+(?P<who>who|which)\b")
# A capitalised name set after a role by a comma: "The navy's chief, Vice Admiral Jan Kaack,"
_APPOSED_NAME = re.compile(
    rf"(?:’s|'s)?,\s+(?:[{CAPITALS}][\w.’'-]*\s+){{1,5}}?[{CAPITALS}][\w’'-]*,"
)
# One phrase and a comma before the subject ("On Monday, ", "Her neighbour, ")
_OPENING = re.compile(r"[A-Z][^,;:“”\"]{0,60},\s+")
# Capitalised words straight after a place: the place begins a longer name, unless they
# name an office ("the Chile Foreign Ministry", "Chile Secretary of State Anna Keller")
_NAME_GOES_ON = re.compile(rf"(?:[ \t]+(?:of[ \t]+)?[{CAPITALS}][\w’'-]*)+")
# A second subject joined to the first ("Acme and the Riverton Dockers"); a body after a name
_JOINED, _OF = re.compile(r"\s+and\s+(?:the\s+)?"), re.compile(r"\s+of\s+(?:the\s+)?")
# "said| on Tuesday |that", "told| CBC |that": up to four words, not an object ("said the
_THAT = re.compile(r"\s+(?!(?:the|a|an)\s)(?:[\w’'-]+\s+){0,4}?that\s+")  # plan that")


def _speakers_of(
    text: str,
    refs: list[tuple[int, int, str, str]],
    verbs: list[re.Match[str]],
    according: list[re.Match[str]],
    filler: re.Pattern[str],
    persons: frozenset[str] = frozenset(),
    noun_endings: tuple[str, ...] = (),
    relayed: re.Pattern[str] | None = None,
    organ_words: frozenset[str] = frozenset(),
    addressee: re.Pattern[str] | None = None,
    based_in: re.Pattern[str] = re.compile("(?!)"),
    clause_verb: re.Pattern[str] | None = None,
    quoted: Sequence[tuple[int, int]] = (),
    own_subjects: frozenset[str] = frozenset(),
    states: frozenset[str] = frozenset(),
    offices: frozenset[str] = frozenset(),
    organs_only: frozenset[str] = frozenset(),  # organ nouns, not role heads
    described_by: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
    timed: re.Pattern[str] | None = None,  # a time phrase that may open the sentence
    governed: re.Pattern[str] | None = None,  # a preposition right before a name
    objecting: frozenset[str] = frozenset(),  # verbs whose object is no speaker: "told", "backs"
) -> list[Speaker]:
    """The speakers of one sentence, from its reporting verbs and "according to" cues.

    One who relays a quantified subject ("acknowledged that several allies oppose") is
    `relaying`; a place after `based_in` ("Diplomats in Riverton say") is where they are.
    """
    out: list[Speaker] = []

    def placed(ref: tuple[int, int, str, str]) -> bool:
        # "Diplomats in Riverton say", and "In Riverton, the Acme Gazette said" alike
        lead = re.search(r"(?:^|\s+)\S+\s+$", text[: ref[0]])
        return lead is not None and based_in.fullmatch(" " + lead.group().lstrip()) is not None

    def add(actor: str, how: str, reported: bool) -> None:
        if all(s.actor != actor for s in out):
            out.append(Speaker(actor, how, reported))

    for cue in according:  # "according to Acme", "in the view of Prime Minister Anna Keller"
        after = [r for r in refs if 0 <= r[0] - cue.end() <= 3 or (r[0] > cue.end()
                 and _NAMES_ONLY.fullmatch(text, cue.end() + 1, r[0]))]  # fmt: skip
        if after:
            add(after[0][2], "according_to", True)
    for verb in verbs:
        before = [r for r in refs if 0 <= verb.start() - r[1] <= 80]
        # "Anna Keller, a fellow at the Acme Institute, said": the later name is her aside's
        direct = [r for r in before if plain(text[r[1] : verb.start()], filler)][:1]
        organs = [r for r in before if r[2] not in persons and verb.start() - r[1] <= 40
                  and (organ_of(text[r[1] : verb.start()], filler, organ_words)
                       or member_of(text, r, verb.start(), organ_words))]  # fmt: skip
        # "the deal, Costa said" and "the political head of the union said" alike
        chosen = max(direct + organs, default=None)
        if chosen and governed and governed.search(text, 0, chosen[0]):
            chosen = None  # "Chile's submission to the Board backs": not the Board
        if chosen and (of := [r for r in refs if r[1] < chosen[0] and r[2] in persons
                              and _OF.fullmatch(text, r[1], chosen[0])]):  # fmt: skip
            chosen = of[-1]  # "Tom Brandt of the Acme Institute said": the person speaks
        # "The Chamber of Commerce in Riverton said": the body speaks, not its place
        owner = [r for r in refs if chosen and based(text, r, chosen[0], based_in, organ_words)]
        chosen = owner[-1] if owner else None if chosen and placed(chosen) else chosen
        # "Anna Keller ... and said Riverton would": a name before the verb is its subject
        led = any(r[1] <= verb.start() for r in refs)
        if chosen is None and verb.group().lower() not in objecting:  # "said Costa"; no "told"
            after = [r for r in refs if 0 <= r[0] - verb.end() <= 2 and r[3] != "document"
                     and not (addressee and addressee.match(text, r[1]))  # "urged Chile to"
                     and not (led and clause_verb and clause_verb.match(text, r[1]))]  # fmt: skip
            chosen = after[0] if after else None
        if chosen is not None and (chosen in organs or not possessive(text, chosen[1])):
            opens = re.match(r"\s+(?:that\s+)?", text[verb.end() :])
            subject = verb.end() + (opens.end() if opens else 0)
            others = relayed is not None and relayed.match(text, subject) is not None
            how = "relaying" if others else "reported" if chosen[3] == "named" else chosen[3]
            # "Turkey and the Riverton League have welcomed it": both speak
            first = [r for r in refs
                     if r[1] < chosen[0] and _JOINED.fullmatch(text, r[1], chosen[0])]  # fmt: skip
            if first and placed(first[-1]):  # "Chipmakers in Acme and Riverton welcomed"
                continue
            if first and first[-1][2] != chosen[2]:
                add(first[-1][2], how if first[-1][3] == "named" else first[-1][3], True)
            add(chosen[2], how, True)
            # a person only right after "that"; "said Chile would ...": a body or state too
            if clause := _THAT.match(text[verb.end() :]) or re.match(r"\s+", text[verb.end() :]):
                start, bare = verb.end() + clause.end(), not clause.group().strip()
                inner = [r for r in refs if r[0] == start and r[2] != chosen[2]
                         and (clause.group().strip() == "that" or r[2] not in persons)]  # fmt: skip
                inner = [r for r in inner if clause_subject(text, r, clause_verb, bare=bare)]
                if inner and not modifier(text, inner[0][1], noun_endings):
                    add(inner[0][2], "bare_clause" if bare else "clause", False)
    if out:
        return out
    # "MEXICO CITY, Nov. 23 (Wire) - Acme is prepared to ...": the dateline is no subject
    body = after_dateline(text)
    if timed and (time := timed.match(text, body)):  # "Earlier in the week Chile vetoed"
        body = time.end() + len(text[time.end() :]) - len(text[time.end() :].lstrip(" ,"))
    words = [m.start() for m in _WORD.finditer(text, body)]
    opening = words[3] if len(words) > 3 else len(text)
    # "I asked the minister, Anna Keller, whether ...": a sentence opened by a subject
    # pronoun has its subject; a name later in it is no subject
    if listed := listed_members(text, refs, body, offices):  # "The ministers of Chile and Peru"
        return [Speaker(a, "subject" if i == 0 else "listed", False) for i, a in enumerate(listed)]
    opener = _WORD.match(text, words[0]) if words else None
    pronoun_first = opener is not None and opener.group().lower() in own_subjects
    for i, (start, end, actor, how) in enumerate(refs):
        if any(a < start < b for a, b in quoted):  # named inside a quotation, not its speaker
            continue
        longer = _NAME_GOES_ON.match(text, end) if actor in states else None
        if longer and not {w.lower() for w in longer.group().split()} & offices:
            continue  # "The Oslo Accords did not ...": a place inside a longer name
        # "Riverton's Harbour Office spokeswoman Anna Keller called ...": names before;
        # "Riverton's fisheries minister, Anna Keller, visited ...": an opening phrase
        lead = start >= body and (start < opening
                                  or _NAMES_ONLY.fullmatch(text, body, start) is not None
                                  or _OPENING.fullmatch(text, body, start) is not None
                                  or described(text, body, start, *described_by))  # fmt: skip
        lead = lead and not (pronoun_first and start > words[0])
        following = next((r[0] for r in refs[i + 1 :] if r[2] in persons), len(text))
        if lead and (not possessive(text, end)
                     or owned_organ(text, end, organs_only, following)):  # fmt: skip
            if placed((start, end, actor, how)):
                break
            later = refs[i + 1 :]
            add(actor, "subject" if how == "named" else how, False)
            joined = _JOINED.match(text, end)  # "Acme and the Riverton Dockers have welcomed"
            if joined and later and later[0][0] == joined.end():
                add(later[0][2], "subject" if later[0][3] == "named" else later[0][3], False)
            break
    return out


def holders(candidates: list[Speaker], cast: Cast) -> list[Speaker]:
    """The speakers whose own stance a sentence can state: not a reporter of someone's view.

    "Costa added that Silva wants a lasting deal" and "According to Costa, Silva is keen
    on ..." state Silva's view; Costa only relays it. When a person after the first
    speaker is the reported clause's subject (or speaks in it), the first is not asked.
    A body is not a person: "Costa pledged that the union will continue ..." and "Chile
    backs it, Keller said" are asked of both. A speaker who relays a quantified subject's
    view ("acknowledged that several allies still oppose ...") is not asked at all.
    """
    candidates = [s for s in candidates if s.how != "relaying"]
    relayed = [s for s in candidates[1:] if s.how in ("clause", "reported")
               and cast.kind(s.actor) == "person"]  # fmt: skip
    apart = relayed and cast.kind(candidates[0].actor) == "person" and all(
        s.actor != candidates[0].actor for s in relayed)  # fmt: skip
    return candidates[1:] if apart else candidates
