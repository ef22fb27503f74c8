"""Side effects of article changes (related-article recomputation, cache purges)."""
