"""Components of the serverless items API; `ServerlessApi` is the entry point."""

from .service import ServerlessApi, ServerlessApiArgs

__all__ = ["ServerlessApi", "ServerlessApiArgs"]
