"""The spam filter: a pipeline of small explainable checks and a learned classifier."""
