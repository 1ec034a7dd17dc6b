"""Wirebrief: defense and security news in, briefings an analyst can trust out."""

import os

# The matrices here are small (a few hundred sentences): threaded OpenBLAS spends more waking
# its threads than it saves, and they take the cores that parallel ingest workers need. Set
# before numpy is first imported (and inherited by worker processes); a value set by the user
# wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"
