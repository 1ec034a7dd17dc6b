"""Wirebrief: defense and security news in, briefings an analyst can trust out."""
__version__ = "0.1.0"
