"""Reports: the spans of a sentence that each report a stance of their own.

"Stubb welcomed the decision | and said Finland wants allied forces all year round" states
two stances; each span is asked about and checked on its own (`assemble`).
"""

from __future__ import annotations

import itertools
import re
from functools import cache

from .datelines import after_dateline
from .patterns import any_word
from .phrases import QUOTED, lowered
from .profile import Cues, Language
from .subjects import possessive

__all__ = ["credited_subjects", "opened_by", "part_subjects", "reports", "without_source"]


def reports(text: str, lang: Language) -> list[tuple[int, int]]:
    """The spans of a sentence that each report a stance of their own.

    A sentence is cut before a joint (`report_joints`: "and", "but") followed, after an
    optional pronoun ("but she backed ..."), by a reporting or stance verb ("and called
    for") or a verb group that negates nothing ("and would keep"; "but does not seek" goes
    with the subject before it): "Stubb welcomed the decision | and said Finland wants
    allied forces all year round" states two stances, each asked and checked on its own
    span, as does "would appeal the ruling | and would keep the ban", and so does a second
    reported clause ("said Beijing was willing to talk, and that it would
    retaliate if ..."). A joint inside quotation marks cuts nothing, nor does a verb group
    in a clause reported with "that" ("testified that the tariffs had saved jobs and should
    stay": the tariffs' second predicate). A semicolon outside quotation marks always cuts:
    "Chile backs the ban; Peru has not decided" joins two clauses. A sentence with no such
    joint is one span.
    """
    pattern = _joint_pattern(lang.report_joints, lang.pronouns)
    if pattern is None:
        return [(0, len(text))]
    verbs = lang.cues("reporting_verbs", "stance_verbs").pattern
    groups = _affirmative(lang.verb_groups, lang.group_negations).pattern
    reported, sided = lang.cues("reporting_verbs"), lang.cues("reporting_verbs", "stance_verbs")
    relatives = lowered(lang.relatives)
    quoted = [m.span() for m in QUOTED.finditer(text)]
    cuts = [0]
    for joint in pattern.finditer(text):
        inside = any(x < joint.start() < y for x, y in quoted)
        said = verbs.match(text, joint.start(1)) is not None  # "and called for a ceasefire"
        # "and would keep"; not in a reported clause ("testified that the tariffs had saved
        # jobs and should stay": the tariffs' own second predicate)
        since = text[cuts[-1] : joint.start()]
        within = any(since.startswith(" that ", v.end()) for v in reported.find(since))
        said = said or (groups.match(text, joint.start(1)) is not None and not within)
        # "said Beijing was willing to talk| and that it would retaliate if ...": a second
        # reported clause, whose condition is not the first one's
        said = said or (joint.group(1).lower() in relatives
                        and reported.any(text[cuts[-1] : joint.start()]))  # fmt: skip
        # ", but Acme's trade chief Anna Keller said ...": another speaker's own report, and
        # ", while Peru is wary of it": another subject's own side
        said = said or (text[joint.start()] == "," and _named(text[joint.start(1) :], sided))
        if said and not inside and text[cuts[-1] : joint.start()].strip():
            cuts.append(joint.start())
    for semicolon in re.finditer(";", text):  # "Chile backs it; Peru does not": two clauses
        if (
            not any(x < semicolon.start() < y for x, y in quoted)
            and text[semicolon.end() :].strip()
        ):
            cuts.append(semicolon.start())
    cuts = sorted(set(cuts))
    # ", while Peru is wary of it" is Peru's main clause: its span starts after the joint
    subordinate, spans = lowered(lang.subordinators), []
    for a, b in itertools.pairwise([*cuts, len(text)]):
        opener = re.match(r"[\s,;]*(\w+)\s+", text[a:b]) if a else None
        spans.append((a + opener.end(), b) if opener and opener.group(1).lower() in subordinate
                     else (a, b))  # fmt: skip
    return spans


_LINKS = (",", "and", ", and", "&")  # between the names of one subject: "Chile and Peru"


def part_subjects(part: str, mentions: list[tuple[int, int, str]], lang: Language) -> list[str]:
    """The actors a report part opens with as its subject, or none.

    "; Italy and France want an exemption" and ", while the Netherlands, home of Acme,
    opposes it" open with their subjects; a possessive ("; Chile's minister said ...") or
    a verb first ("and said ...") names none. `mentions` are the cast's, in `part`.
    """
    lead = re.match(r"[\s,;:—–-]*", part)
    at = lead.end() if lead else 0
    opened = _opening(lang.report_joints).match(part, at)
    at = opened.end() if opened else at
    named: list[str] = []
    for start, end, actor in mentions:
        if start < at:
            continue
        gap = part[at:start].strip()
        if start != at and not (named and gap.lower() in _LINKS):
            break
        if possessive(part, end):
            return []  # "Chile's minister said": the minister's part
        named += [actor] if actor not in named else []
        at = end
        between = re.match(r"\s*(?:,\s*and|,|and|&)\s+(?:the\s+)?", part[at:], re.IGNORECASE)
        at += between.end() if between else 0
    return named


def credited_subjects(part: str, mentions: list[tuple[int, int, str]], lang: Language) -> list[str]:
    """The subjects of a clause that a trailing credit reports, or none.

    "Japan will not join the curbs, Trade Minister Yoji Muto said" states Japan's side as
    well as the minister's: the clause opens with its subject (after a dateline), and the
    credit after its last comma is a short named subject and its reporting verb
    (`_named`). "Chile's plan is flawed, Keller said" opens with a possessive: none.
    """
    start = after_dateline(part)
    reported = lang.cues("reporting_verbs")
    verbs = [v for v in reported.find(part) if v.start() >= start and v.group()[:1].islower()]
    # the credit's verb is the last: "Chile, whose ..., supports a levy, Keller said"
    commas = [part.rfind(",", start, v.start()) for v in reversed(verbs)]
    comma = next((c for c in commas if c >= 0 and _named(part[c + 1 :], reported)), -1)
    if comma < 0:
        return []
    if any(q in part[start:comma] for q in '"“”'):
        return []  # a quotation before its credit: whose words they are is the credit's
    inside = [(s - start, e - start, a) for s, e, a in mentions if start <= s and e <= comma]
    return part_subjects(part[start:comma], inside, lang)


@cache
def _opening(joints: tuple[str, ...]) -> re.Pattern[str]:
    """A part's joint and article before its subject: "; the", ", while"."""
    joint = "|".join(map(re.escape, joints)) or "(?!)"
    return re.compile(rf"\s*(?:(?:{joint})\s+)?(?:the\s+)?", re.IGNORECASE)


def _subject(text: str, reported: Cues) -> str | None:
    """The words before the first lower-case reporting verb, or None when there is none.

    Lower case: "the Riverton States Council" holds no "states".
    """
    verb = next((v for v in reported.find(text) if v.group()[:1].islower()), None)
    return text[: verb.start()] if verb else None


def _named(text: str, reported: Cues) -> bool:
    """Whether `text` opens with a named subject and its reporting verb.

    "Acme's trade chief Anna Keller said": up to eight words, one capitalised, before the
    first comma or quotation mark.
    """
    head = (_subject(re.split(r"[,;:“”\"]", text, maxsplit=1)[0], reported) or "").split()
    return 1 <= len(head) <= 8 and any(w[:1].isupper() for w in head)


def opened_by(part: str, forms: frozenset[str], lang: Language) -> bool:
    """Whether a report part names one of `forms` (lower case) before its reporting verb.

    "but Acme's trade chief Anna Keller said ..." is her part: a stance stated before it in
    the same sentence ("Riverton backs the tariffs, | but ...") is not hers.
    """
    head = (_subject(part, lang.cues("reporting_verbs")) or "").lower().lstrip(" ,")
    if "," in head:  # ", and will fund it, Keller said": a trailing credit, not its subject
        return False
    return any_word(frozenset(f for f in forms if f)).search(head) is not None


@cache  # `reports` runs for every sentence with a speaker
def _joint_pattern(joints: tuple[str, ...], pronouns: tuple[str, ...]) -> re.Pattern[str] | None:
    """A joint, an optional pronoun and the next word: ", and said", "but she backed"."""
    if not joints:
        return None
    joint, subject = "|".join(map(re.escape, joints)), "|".join(map(re.escape, pronouns))
    return re.compile(rf",?\s+(?:{joint})\s+(?:(?:{subject})\s+)?(\w+)", re.I)


@cache
def _affirmative(groups: tuple[str, ...], negations: tuple[str, ...]) -> Cues:
    """The verb groups with no negation in them: "would", "wants", not "does not"."""
    negating = lowered(negations)
    kept = [g for g in groups if not {g.lower(), *g.lower().split()} & negating]
    return Cues(phrases=tuple(kept))


def without_source(text: str, lang: Language) -> str:
    """`text` without a trailing source clause (", two officials familiar with the talks said").

    The words that say who told the reporter name no topic of the stance: "Acme is
    prepared to shelve the levy, officials familiar with the talks said on Sunday" is
    not about talks. The clause is the sentence's last, after a comma and outside
    quotation marks: a short subject with no reporting verb of its own, one reporting verb,
    and at most a few words after it with no "that" ("said on Sunday", "told reporters").
    """
    cut = text.rfind(",")
    tail = text[cut + 1 :] if cut > 0 else ""
    verbs = lang.cues("reporting_verbs").find(tail)
    if len(verbs) != 1 or any(q in tail for q in '"“”'):
        return text
    subject, rest = tail[: verbs[0].start()].split(), tail[verbs[0].end() :].split()
    if not 1 <= len(subject) <= 8 or len(rest) > 4 or "that" in (w.lower() for w in rest):
        return text
    return text[:cut]
