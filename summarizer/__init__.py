"""summarizer: evidence-grounded briefs of news articles, merged into one corpus digest."""

from .articles import load_articles
from .briefs import abrief, brief
from .corpus import CorpusDigest
from .errors import (
    BudgetExceeded,
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
from .merge import merge
from .pipeline import asummarize, summarize
from .schemas import (
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
from .settings import Settings

__all__ = [
    "Actor",
    "Article",
    "ArticleBrief",
    "BudgetExceeded",
    "CorpusDigest",
    "DroppedItem",
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
    "SummarizerError",
    "Uncertainty",
    "Usage",
    "UserError",
    "abrief",
    "asummarize",
    "brief",
    "load_articles",
    "merge",
    "summarize",
]
