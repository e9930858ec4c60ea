"""Loads the pmjobs paging plugin (pmjobs/paging.py) into Datasette: every sorted table pages in a total order."""

from pmjobs.paging import asgi_wrapper

__all__ = ["asgi_wrapper"]
