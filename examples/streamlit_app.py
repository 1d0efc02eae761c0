"""An analyst's dashboard over the digests summarizer has stored (Streamlit).

    uv run --extra dashboard streamlit run examples/streamlit_app.py

It reads the store under $SUMMARIZER_HOME (or ~/.summarizer) through the Python API,
`summarizer.Summarizer`, and never calls a model: run `summarize seeds/` (or the nightly
`summarize email`) to fill the store. Every table row carries its verbatim quote.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from summarizer import Summarizer

POLARITY_COLOURS = alt.Scale(
    domain=["supports", "opposes", "conditional", "neutral"],
    range=["#3d9a5b", "#c94141", "#d9a21b", "#8a94a6"],
)
STATUS_COLOURS = alt.Scale(
    domain=["proposed", "under_discussion", "conditional", "endorsed", "ruled_out", "rejected"],
    range=["#8fb4ea", "#b8bfcc", "#e9c25a", "#6cc08b", "#e07b7b", "#b83f3f"],
)

COVERED_COLOURS = alt.Scale(range=["#eef1f5", "#5f95d6"])

st.set_page_config(page_title="summarizer digest", layout="wide")


def heatmap(
    rows: pd.DataFrame, title: str, row: str, colour: str, scale: alt.Scale, tooltip: list[str]
) -> alt.Chart:
    """Article (x) by `row` (y), each cell coloured by `colour`."""
    return (
        alt.Chart(rows, title=title)
        .mark_rect()
        .encode(
            x=alt.X("article_id:N", title="article"),
            y=alt.Y(f"{row}:N", title=None),
            color=alt.Color(f"{colour}:N", scale=scale),
            tooltip=tooltip,
        )
    )


@st.cache_resource
def api() -> Summarizer:
    """One API object (and store connection) for the app's lifetime."""
    return Summarizer()


summarizer = api()
stored = summarizer.stored_digests(limit=60)
if not stored:
    st.title("summarizer")
    st.info(f"No digest stored in {summarizer.settings.store_path} yet: run `summarize seeds/`.")
    st.stop()

chosen = st.sidebar.selectbox(
    "Digest",
    stored,
    format_func=lambda d: f"{d.digest_date} · {d.article_count} articles (#{d.id})",
)
digest = chosen.digest
st.title(f"Digest {chosen.digest_date}")
st.caption(digest.summary)

positions = pd.DataFrame(summarizer.position_rows(digest))
guarantees = pd.DataFrame(summarizer.guarantee_rows(digest))
coverage = pd.DataFrame(summarizer.coverage_rows(digest))

st.header("Positions")
if positions.empty:
    st.write("No positions in this digest.")
else:
    actors = sorted(positions["actor"].unique())
    picked = st.multiselect("Actors", actors, default=actors)
    shown = positions[positions["actor"].isin(picked)]
    chart = (
        alt.Chart(shown, title="Positions by actor and polarity")
        .mark_bar()
        .encode(
            y=alt.Y("actor:N", sort="-x", title=None),
            x=alt.X("count():Q", title="positions"),
            color=alt.Color("polarity:N", scale=POLARITY_COLOURS),
            tooltip=["actor", "topic", "polarity", "article_id", "quote"],
        )
    )
    st.altair_chart(chart, use_container_width=True)
    st.table(shown[["actor", "topic", "polarity", "hedged", "article_id", "quote"]])

st.header("Security guarantees")
if guarantees.empty:
    st.write("No guarantees in this digest.")
else:
    tips = ["kind", "article_id", "status", "quote"]
    grid = heatmap(
        guarantees, "Status each article reports", "kind", "status", STATUS_COLOURS, tips
    )
    st.altair_chart(grid, use_container_width=True)
    st.table(guarantees)

st.header("Coverage")
if not coverage.empty:
    tips = ["item_type", "item", "article_id", "covered"]
    covered = heatmap(
        coverage, "What each article covers", "item", "covered", COVERED_COLOURS, tips
    )
    st.altair_chart(covered, use_container_width=True)

st.header("An actor across digests")
names = sorted({row["name"] for row in summarizer.actor_rows(digest)})
if names:
    who = st.selectbox("Actor", names)
    history = pd.DataFrame(summarizer.actor_history(who))
    if history.empty:
        st.write(f"No stored positions for {who}.")
    else:
        history["polarities"] = history["polarities"].map(" / ".join)
        history["articles"] = history["articles"].map(", ".join)
        history["stances"] = history["stances"].map(" | ".join)
        st.table(history[["date", "topic", "polarities", "articles", "stances"]])
