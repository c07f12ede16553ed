"""Components of the static site; `StaticSite` is the entry point."""

from .site import StaticSite, StaticSiteArgs

__all__ = ["StaticSite", "StaticSiteArgs"]
