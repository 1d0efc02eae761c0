"""summarizer: evidence-grounded briefs of news articles, merged into one corpus digest."""

from .api import Summarizer
from .articles import load_articles
from .briefs import abrief, brief
from .changes import Changes, what_changed
from .corpus import CorpusDigest
from .errors import (
    BudgetExceeded,
    EmailError,
    EndpointError,
    InputError,
    IntegrityError,
    LocalModelUnavailable,
    LocalServerError,
    ModelError,
    ModelOutputError,
    PromptError,
    StoreError,
    SummarizerError,
    UserError,
)
from .mail import Delivery
from .merge import merge
from .pipeline import asummarize, summarize
from .records import (
    Actor,
    Article,
    ArticleBrief,
    DroppedItem,
    Evidence,
    Guarantee,
    Position,
    Provenance,
    Uncertainty,
    Usage,
)
from .render import digest_html, digest_markdown
from .review import review_html
from .rows import actor_rows, coverage_rows, disagreement_rows, guarantee_rows, position_rows
from .settings import Settings
from .store import StoredDigest

__all__ = [
    "Actor",
    "Article",
    "ArticleBrief",
    "BudgetExceeded",
    "Changes",
    "CorpusDigest",
    "Delivery",
    "DroppedItem",
    "EmailError",
    "EndpointError",
    "Evidence",
    "Guarantee",
    "InputError",
    "IntegrityError",
    "LocalModelUnavailable",
    "LocalServerError",
    "ModelError",
    "ModelOutputError",
    "Position",
    "PromptError",
    "Provenance",
    "Settings",
    "StoreError",
    "StoredDigest",
    "Summarizer",
    "SummarizerError",
    "Uncertainty",
    "Usage",
    "UserError",
    "abrief",
    "actor_rows",
    "asummarize",
    "brief",
    "coverage_rows",
    "digest_html",
    "digest_markdown",
    "disagreement_rows",
    "guarantee_rows",
    "load_articles",
    "merge",
    "position_rows",
    "review_html",
    "summarize",
    "what_changed",
]
