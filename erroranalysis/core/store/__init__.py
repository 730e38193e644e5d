"""Where a session lives: an SQLite file (the default) or a PostgreSQL server (a team).

A location is a path (SQLite) or ``postgresql://user@host[:port]/db?session=NAME``
(PostgreSQL; each session is a schema of that database). The session store
(:class:`erroranalysis.core.session.ReviewSession`) speaks one SQL; the
PostgreSQL backend (:mod:`.postgres`) translates the few SQLite-isms and
keeps SQLite's connection interface (``execute``, ``executemany``, cursors
of tuples), so one store serves both.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit, urlunsplit

from erroranalysis.core.errors import UserError

SCHEMES = ("postgresql", "postgres")


@dataclass(frozen=True)
class ServerLocation:
    """A session on a PostgreSQL server: the connection URL (no session in it) and the name."""

    url: str
    session: str

    @property
    def schema(self) -> str:
        """The PostgreSQL schema holding the session's tables."""
        return "ea_" + "".join(c if c.isalnum() else "_" for c in self.session.lower())

    def __str__(self) -> str:
        return f"{self.display_url}?session={self.session}"

    @property
    def display_url(self) -> str:
        """The URL without a password (for messages and titles)."""
        parts = urlsplit(self.url)
        netloc = parts.netloc.rsplit("@", 1)
        if len(netloc) == 2:
            user = netloc[0].split(":", 1)[0]
            netloc_text = f"{user}@{netloc[1]}"
        else:
            netloc_text = parts.netloc
        return urlunsplit((parts.scheme, netloc_text, parts.path, "", ""))


def is_server_location(text: object) -> bool:
    """Whether a session location names a server (a ``postgresql://`` URL)."""
    return isinstance(text, str) and text.split("://", 1)[0].lower() in SCHEMES and "://" in text


def parse_location(text: str, session: str | None = None) -> ServerLocation:
    """``postgresql://user@host/db?session=NAME`` (or ``--server URL --session NAME``)."""
    parts = urlsplit(text)
    query = parse_qs(parts.query)
    name = session or (query.pop("session", [""])[0])
    if not name:
        raise UserError(f"{text}: say which session: add ?session=NAME to the URL "
                        "(or --session NAME)")
    if len(name) > 48 or not any(c.isalnum() for c in name):
        raise UserError(f"session name '{name}' must be 1-48 characters with a letter or digit")
    rest = "&".join(f"{k}={v[0]}" for k, v in query.items())  # sslmode=require etc. stay
    url = urlunsplit((parts.scheme, parts.netloc, parts.path, rest, ""))
    return ServerLocation(unquote(url), name)
