"""Loads the pmjobs site plugin (pmjobs/site.py) into Datasette: `pmjobs serve` passes this folder as --plugins-dir."""

from pmjobs.site import canned_queries, prepare_connection, prepare_jinja2_environment, register_routes, render_cell, startup

__all__ = ["canned_queries", "prepare_connection", "prepare_jinja2_environment", "register_routes", "render_cell", "startup"]
