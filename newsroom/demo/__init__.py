"""The demo newsroom: *The Daily Ledger*, a publication we made up.

Every name, place, company and quotation here is invented for the demo.
The content is plain data (see :mod:`newsroom.demo.shapes`); the
``load_demo`` management command writes it with :mod:`newsroom.demo.loading`.
"""

from newsroom.demo import business, culture, news, opinion, science, sport
from newsroom.demo.conversations import CONVERSATIONS
from newsroom.demo.staff import AUTHORS, SECTIONS

PUBLICATION = "The Daily Ledger"

STORIES = (*news.STORIES, *business.STORIES, *sport.STORIES, *culture.STORIES, *science.STORIES, *opinion.STORIES)

__all__ = ["AUTHORS", "CONVERSATIONS", "PUBLICATION", "SECTIONS", "STORIES"]
