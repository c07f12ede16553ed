"""Components of the multi-region web application; `RegionalStack` is the entry point."""

from .region import RegionalStack, RegionalStackArgs

__all__ = ["RegionalStack", "RegionalStackArgs"]
