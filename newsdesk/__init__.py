"""Newsdesk: retrieval-grounded, cited answers about a collection of news articles."""

__version__ = "0.1.0"
