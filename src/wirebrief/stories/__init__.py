"""Stories: related articles, incremental story threads, merged events, timelines, digests."""

from wirebrief.store.read_models import Story
from wirebrief.stories.related import RelatedArticle, related_articles
from wirebrief.stories.threads import (
    Placement,
    assign_to_story,
    build_stories,
    get_story,
    list_stories,
    story_of,
)

__all__ = [
    "Placement",
    "RelatedArticle",
    "Story",
    "assign_to_story",
    "build_stories",
    "get_story",
    "list_stories",
    "related_articles",
    "story_of",
]
