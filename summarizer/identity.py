"""Identity for the merger: which names are one actor, which topic wordings one issue.

Actors are joined by explicit rules, each logged: the same name once spelling variants
are unified (Peking/Beijing); a capital standing for its state (Lima for Peru); the same
person once titles are stripped ("US President Donald Trump" and "Donald Trump"); a name
the briefs list as an alias; a surname that belongs to exactly one person ("Costa"); a
role reference that fits exactly one person ("the UN chief"). Joins never cross kinds
(a person is never an alliance) and never rest on a shared first name or role word alone,
so Ana Costa stays apart from Ana Silva, Donald Trump from Donald Tusk, and the UN
from its Secretary-General.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

import snowballstemmer

from .errors import UserError
from .prompts import data_dir

__all__ = [
    "ActorResolver",
    "Mention",
    "TopicClusters",
    "guarantee_noise",
    "kind_group",
    "name_key",
    "topic_key",
]


@dataclass(frozen=True)
class _Vocabulary:
    """The merger's tables, read once from profiles/merge.toml (see that file)."""

    spellings: dict[str, str]
    capitals: dict[str, str]
    titles: frozenset[str]
    role_words: dict[str, str]
    role_bodies: frozenset[str]
    guarantee_noise: frozenset[str]
    topic_synonyms: dict[str, str]
    topic_stopwords: frozenset[str]


@cache
def _vocabulary() -> _Vocabulary:
    from .profile import countries

    path = data_dir("profiles") / "merge.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise UserError(f"{path}: {exc}") from exc
    spellings = {k.casefold(): v.casefold() for k, v in data["spellings"].items()}
    capitals: dict[str, str] = {}
    for country, capital in countries().items():
        if capital:
            capitals[_fold(capital)] = _fold(country)
    for seat, state in data["seats"].items():  # the table wins over the package
        capitals[seat.casefold()] = state.casefold()
    for variant, canonical in spellings.items():  # a variant stands for what its spelling does
        if canonical in capitals:
            capitals.setdefault(variant, capitals[canonical])
    return _Vocabulary(
        spellings=spellings,
        capitals=capitals,
        titles=frozenset(data["titles"]),
        role_words=dict(data["role_words"]),
        role_bodies=frozenset(data["role_bodies"]),
        guarantee_noise=frozenset(data["guarantee_noise"]),
        topic_synonyms=dict(data["topic_synonyms"]),
        topic_stopwords=frozenset(data["topic_stopwords"]),
    )


_WORD = re.compile(r"[\w.'’-]+")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


@lru_cache(maxsize=1 << 16)
def _tokens(text: str) -> tuple[str, ...]:
    words = []
    for raw in _WORD.findall(_fold(text)):
        word = raw.strip(".'-")
        if word.endswith("'s"):
            word = word[:-2]
        if word:
            words.append(_vocabulary().spellings.get(word, word))
    return tuple(words)


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """A name folded for comparison: case, accents, possessives and spelling variants."""
    tokens = _tokens(name)
    return " ".join(tokens[1:] if tokens[:1] == ("the",) and len(tokens) > 1 else tokens)


def kind_group(kind: str) -> str:
    """Kinds that may be joined: organizations and alliances together, others alone."""
    return "collective" if kind in {"organization", "alliance"} else kind


@dataclass(frozen=True)
class Mention:
    """One actor as one brief lists it."""

    article_id: str
    name: str
    kind: str
    role: str
    aliases: tuple[str, ...]


@dataclass
class _Union:
    parent: dict[str, str] = field(default_factory=dict)

    def find(self, item: str) -> str:
        root = item
        while self.parent.setdefault(root, root) != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def join(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        low, high = sorted((ra, rb))
        self.parent[high] = low
        return True


def _core(tokens: tuple[str, ...]) -> list[str]:
    """A person's name without leading titles: 'un secretary general ana costa' -> ana costa."""
    core = list(tokens)
    titles = _vocabulary().titles
    while core and core[0] in titles:
        core.pop(0)
    return core


@lru_cache(maxsize=1 << 16)
def _role_signature(text: str) -> tuple[str, ...] | None:
    """('un', 'head') for 'the UN chief' or 'UN Secretary General'; None if no role."""
    folded = " ".join(_tokens(text))
    vocabulary = _vocabulary()
    for phrase, meaning in vocabulary.role_words.items():
        if re.search(rf"\b{re.escape(phrase)}\b", folded):
            rest = re.sub(rf"\b{re.escape(phrase)}\b", " ", folded)
            orgs = [t for t in rest.split() if t in vocabulary.role_bodies]
            if orgs:
                return (orgs[0], meaning)
    return None


class ActorResolver:
    """Union-find over actor names with rule-tagged joins; deterministic for a set of mentions."""

    def __init__(self, mentions: Iterable[Mention]) -> None:
        self.mentions = sorted(set(mentions), key=lambda m: (m.article_id, m.name, m.kind))
        # (rule, surface a, surface b, node of a, detail) for every join, in order.
        self.steps: list[tuple[str, str, str, str, str]] = []
        self._union = _Union()
        self._surface: dict[str, str] = {}  # node -> a surface form, for the log
        self._resolve()

    @staticmethod
    def node(kind: str, name: str) -> str:
        """The graph node of a name of a kind group."""
        return f"{kind_group(kind)}|{name_key(name)}"

    def _join(self, a: str, b: str, rule: str, detail: str) -> None:
        if self._union.join(a, b):
            self.steps.append((rule, self._surface[a], self._surface[b], a, detail))

    def _resolve(self) -> None:
        persons: dict[str, list[str]] = defaultdict(list)  # core key -> nodes
        for mention in self.mentions:
            node = self.node(mention.kind, mention.name)
            self._surface.setdefault(node, mention.name)
            self._union.find(node)
        # Spelling variants and case: same key, different surface.
        by_surface: dict[str, set[str]] = defaultdict(set)
        for mention in self.mentions:
            by_surface[self.node(mention.kind, mention.name)].add(mention.name)
        for node, surfaces in sorted(by_surface.items()):
            first, *others = sorted(surfaces)
            key = node.split("|", 1)[1]
            for other in others:
                detail = f"same name once case, accents and spellings are folded: {key!r}"
                self.steps.append(("same-name", first, other, node, detail))
        for mention in self.mentions:
            if mention.kind != "person":
                continue
            core_words = _core(_tokens(mention.name))
            if core_words:
                persons[" ".join(core_words)].append(self.node("person", mention.name))
        # Titles stripped: "US President Donald Trump" is "Donald Trump".
        for core, nodes in sorted(persons.items()):
            target = f"person|{core}"
            self._surface.setdefault(target, " ".join(w.capitalize() for w in core.split()))
            self._union.find(target)
            for node in sorted(set(nodes)):
                if node != target:
                    self._join(
                        target,
                        node,
                        "title-stripped",
                        f"same person once titles are removed: {core!r}",
                    )
        # Aliases listed by the briefs themselves.
        for mention in self.mentions:
            node = self.node(mention.kind, mention.name)
            for alias in mention.aliases:
                other = self.node(mention.kind, alias)
                if other in self._surface and other != node:
                    self._join(
                        node,
                        other,
                        "alias",
                        f"{mention.article_id} lists {alias!r} as a name of {mention.name!r}",
                    )
        # Surnames: "Costa" is the one person whose full name ends in "costa".
        full = [core for core in persons if len(core.split()) >= 2]
        by_surname: dict[str, set[str]] = defaultdict(set)
        for core in full:
            by_surname[core.split()[-1]].add(core)
        for core in sorted(persons):
            if len(core.split()) != 1:
                continue
            owners = by_surname.get(core, set())
            if len(owners) == 1:
                (owner,) = owners
                self._join(
                    f"person|{owner}",
                    f"person|{core}",
                    "surname",
                    f"{core!r} is the surname of exactly one person, {owner!r}",
                )
        # Capitals for states: "Lima" is Peru, "Beijing" (or "Peking") is China.
        states = {name_key(m.name) for m in self.mentions if m.kind == "state"}
        for capital in sorted(states):
            country = _vocabulary().capitals.get(capital)
            if country in states:
                self._join(f"state|{country}", f"state|{capital}", "capital",
                           f"{capital!r} stands for the state {country!r}")  # fmt: skip
        # Role references: "the UN chief" is the one person with that role.
        holders: dict[tuple[str, ...], set[str]] = defaultdict(set)
        for mention in self.mentions:
            if mention.kind == "person" and _core(_tokens(mention.name)):
                holder = " ".join(_core(_tokens(mention.name)))
                for text in (mention.role, mention.name):
                    signature = _role_signature(text)
                    if signature:
                        holders[signature].add(holder)
        for mention in self.mentions:
            if mention.kind not in {"person", "other"} or _core(_tokens(mention.name)):
                continue
            signature = _role_signature(mention.name)
            owners = holders.get(signature, set()) if signature else set()
            if len(owners) == 1:
                (owner,) = owners
                self._join(
                    f"person|{owner}",
                    self.node(mention.kind, mention.name),
                    "role",
                    f"{mention.name!r} names a role held by one person only, {owner!r}",
                )

    def groups(self) -> dict[str, list[Mention]]:
        """Mentions by the root node of their group."""
        result: dict[str, list[Mention]] = defaultdict(list)
        for mention in self.mentions:
            result[self._union.find(self.node(mention.kind, mention.name))].append(mention)
        return dict(result)

    def root(self, kind: str, name: str) -> str:
        """The group root of a name, for mapping positions to merged actors."""
        return self._union.find(self.node(kind, name))

    def group_of(self, node: str) -> str:
        """The group root of a graph node."""
        return self._union.find(node)


def canonical_name(mentions: list[Mention]) -> str:
    """The name to show for a group.

    A person gets the fullest name without titles ("Ana Costa", not "UN Secretary
    General Ana Costa" nor "Costa"); anything else its most common name. Ties go to the
    longer, then the alphabetically first name.
    """
    counts: Counter[str] = Counter()
    persons = any(m.kind == "person" for m in mentions)
    for mention in mentions:
        words = mention.name.split()
        if persons:
            core = _core(_tokens(mention.name))
            if not core:
                continue  # a role reference such as "the UN chief"
            words = words[-len(core) :]
        counts[" ".join(words)] += 1
    if not counts:
        counts.update(m.name for m in mentions)
    if persons:
        return min(counts, key=lambda n: (-len(n.split()), -counts[n], n))
    # A state is shown by its own name, not by its capital's.
    capitals = _vocabulary().capitals
    return min(counts, key=lambda n: (name_key(n) in capitals, -counts[n], -len(n.split()), n))


# --- Topics and guarantee kinds ---


def guarantee_noise() -> frozenset[str]:
    """Words every guarantee kind shares ("security", "guarantee"): they tell none apart."""
    return _vocabulary().guarantee_noise


@lru_cache(maxsize=1 << 16)
def topic_key(topic: str, *, drop: frozenset[str] = frozenset()) -> frozenset[str]:
    """Content words of a topic with synonyms unified ('Peru's bloc accession')."""
    vocabulary = _vocabulary()
    words = set()
    for token in _tokens(topic):
        if len(token) > 5 and token.endswith("ing"):
            token = _verb_lemma(token)  # "raising the tariffs" is "raises tariffs"
        elif len(token) > 4 and token.endswith("s") and not token.endswith(("ss", "us")):
            token = token[:-1]
        token = vocabulary.topic_synonyms.get(token, token)
        if token not in vocabulary.topic_stopwords and token not in drop:
            words.add(_stem(token))
    return frozenset(words)


@lru_cache(maxsize=1 << 14)
def _stem(word: str) -> str:
    """A word's Snowball stem: "retaliation", "retaliate" and "retaliating" are one word."""
    return str(_STEMMER.stemWord(word))


_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=1 << 12)
def _verb_lemma(token: str) -> str:
    """A gerund's verb as the plural folding leaves a verb's third person ("raise")."""
    from lemminflect import getLemma  # its lexicon loads on first use (~1 s)

    lemmas = getLemma(token, upos="VERB")
    return lemmas[0] if lemmas else token


class TopicClusters:
    """Groups topic wordings whose content words coincide or nest (two words at least)."""

    def __init__(
        self, topics: Iterable[str], *, drop: frozenset[str] = frozenset(), min_nested: int = 2
    ) -> None:
        self.drop = drop
        keys = sorted({topic_key(t, drop=drop) for t in topics}, key=lambda k: (-len(k), sorted(k)))
        self._cluster: dict[frozenset[str], int] = {}
        reps: list[frozenset[str]] = []
        index: dict[str, list[int]] = defaultdict(list)
        for key in keys:
            home = None
            candidates = sorted({c for word in key for c in index.get(word, [])})
            for cluster in candidates:
                rep = reps[cluster]
                overlap = len(key & rep)
                if (len(key) >= min_nested and key <= rep) or overlap / len(key | rep) >= 0.75:
                    home = cluster
                    break
            if home is None:
                home = len(reps)
                reps.append(key)
                for word in key:
                    index[word].append(home)
            self._cluster[key] = home

    def cluster(self, topic: str) -> int:
        """The cluster number of a topic wording."""
        return self._cluster[topic_key(topic, drop=self.drop)]
