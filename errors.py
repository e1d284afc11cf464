"""Errors the service raises on purpose. Their messages are safe to show to clients.

* AppError                 code INTERNAL
  x NotFound               code NOT_FOUND
  x InvalidInput           code BAD_USER_INPUT
  x Conflict               code CONFLICT          (uniqueness constraint, state clash)
  x Unauthenticated        code UNAUTHENTICATED
  x Forbidden              code FORBIDDEN
  x RateLimited            code RATE_LIMITED
  x DatabaseUnavailable    code UNAVAILABLE
  x QueryTooCostly         code QUERY_TOO_COSTLY  (over the cost budget, depth, alias or token limits)
  x RequestTimeout         code TIMEOUT           (the request deadline passed; its database work was stopped)

Errors graphql-core raises itself get GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED or BAD_USER_INPUT, and
anything unexpected INTERNAL_SERVER_ERROR with a masked message (schema/limits.py, docs/limits.md).

graphql-core copies the `extensions` attribute of the original exception into the GraphQL error, so clients
read `errors[0].extensions.code` while this module stays free of GraphQL imports.
"""

from __future__ import annotations

from typing import Any


class AppError(Exception):
    code = "INTERNAL"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        self.extensions: dict[str, Any] = {"code": self.code}


class NotFound(AppError):
    code = "NOT_FOUND"


class InvalidInput(AppError):
    code = "BAD_USER_INPUT"


class Conflict(AppError):
    code = "CONFLICT"


class Unauthenticated(AppError):
    code = "UNAUTHENTICATED"


class Forbidden(AppError):
    code = "FORBIDDEN"


class RateLimited(AppError):
    code = "RATE_LIMITED"


class DatabaseUnavailable(AppError):
    code = "UNAVAILABLE"


class QueryTooCostly(AppError):
    code = "QUERY_TOO_COSTLY"


class RequestTimeout(AppError):
    code = "TIMEOUT"
