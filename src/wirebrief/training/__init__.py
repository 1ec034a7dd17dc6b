"""Training data and training commands for Wirebrief's learned components.

Nothing here runs when an article is briefed: this package reads the annotation corpus
(standoff labels in `annotation/` at the repository root) against the source texts in
`../shared`, and writes the small model files that ship inside `wirebrief.analyze`.
"""
