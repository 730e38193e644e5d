"""Where a session lives: an SQLite file (the default) or a PostgreSQL server (a team).

A location is a path (SQLite) or ``postgresql://user@host[:port]/db?session=NAME``
(PostgreSQL; each session is a schema of that database). The session store
(:class:`erroranalysis.core.session.ReviewSession`) speaks one SQL; the
PostgreSQL backend (:mod:`.postgres`) translates the few SQLite-isms and
keeps SQLite's connection interface (``execute``, ``executemany``, cursors
of tuples), so one store serves both.

Passwords: libpq's own sources first (the URL, ``PGPASSWORD``, ``PGPASSFILE`` /
``~/.pgpass``); one typed at a prompt is kept in this process's memory only
(:func:`remember_password`), never in the session, the settings or the recent list.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from erroranalysis.core.errors import UserError
from erroranalysis.i18n import translate

SCHEMES = ("postgresql", "postgres")

#: Passwords typed by the user in this process, by server (user@host:port/db).
_PASSWORDS: dict[str, str] = {}


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
        return self.public_url

    @property
    def display_url(self) -> str:
        """The server's URL without a password or options (for messages and titles)."""
        parts = urlsplit(self.url)
        return urlunsplit((parts.scheme, _netloc_without_password(parts.netloc), parts.path,
                           "", ""))

    @property
    def public_url(self) -> str:
        """The location as a URL that reopens it, without the password (for the recent
        list and messages): options such as ``sslmode`` and ``?session=NAME`` kept."""
        parts = urlsplit(self.url)
        query = [*parse_qsl(parts.query), ("session", self.session)]
        return urlunsplit((parts.scheme, _netloc_without_password(parts.netloc), parts.path,
                           urlencode(query), ""))

    @property
    def server_key(self) -> str:
        """user@host:port/db: what a remembered password belongs to."""
        parts = urlsplit(self.url)
        return f"{_netloc_without_password(parts.netloc)}{parts.path}"

    @property
    def has_password(self) -> bool:
        """The URL itself carries a password."""
        netloc = urlsplit(self.url).netloc
        return "@" in netloc and ":" in netloc.rsplit("@", 1)[0]


def _netloc_without_password(netloc: str) -> str:
    user_host = netloc.rsplit("@", 1)
    if len(user_host) == 2:
        return f"{user_host[0].split(':', 1)[0]}@{user_host[1]}"
    return netloc


def is_server_location(text: object) -> bool:
    """Whether a session location names a server (a ``postgresql://`` URL or a
    :class:`ServerLocation`)."""
    if isinstance(text, ServerLocation):
        return True
    return isinstance(text, str) and "://" in text and \
        text.split("://", 1)[0].lower() in SCHEMES


def parse_location(text: str | ServerLocation, session: str | None = None) -> ServerLocation:
    """``postgresql://user@host/db?session=NAME`` (or ``--server URL --session NAME``).

    Other query options (``sslmode=require``, ``sslrootcert=...``, ``connect_timeout``)
    stay in the URL and go to libpq as they are.
    """
    if isinstance(text, ServerLocation):
        return text if session is None else ServerLocation(text.url, session)
    if not is_server_location(text):
        raise UserError(
            translate(
                "core.errors",
                "{text}: not a server URL (postgresql://user@host/database?session=NAME)",
            ).format(text=text)
        )
    parts = urlsplit(text)
    query = parse_qsl(parts.query, keep_blank_values=True)
    named = [v for k, v in query if k == "session"]
    name = (session or (named[-1] if named else "")).strip()
    if not name:
        raise UserError(
            translate(
                "core.errors",
                "{display_url}: say which session: add ?session=NAME to the URL (or --session "
                "NAME)",
            ).format(display_url=ServerLocation(text, '-').display_url)
        )
    if len(name) > 48 or not any(c.isalnum() for c in name):
        raise UserError(
            translate(
                "core.errors",
                "session name '{name}' must be 1-48 characters with a letter or digit",
            ).format(name=name)
        )
    rest = urlencode([(k, v) for k, v in query if k != "session"])
    url = urlunsplit((parts.scheme, parts.netloc, parts.path, rest, ""))
    return ServerLocation(url, name)


def location_of(path_or_url: object, session: str | None = None) -> object:
    """A :class:`ServerLocation` for a server URL, else the value as given (a path)."""
    if is_server_location(path_or_url):
        return parse_location(path_or_url, session)  # type: ignore[arg-type]
    return path_or_url


def remember_password(location: ServerLocation, password: str) -> None:
    """Keep a password the user typed, in memory only, for this server's connections."""
    _PASSWORDS[location.server_key] = password


def remembered_password(location: ServerLocation) -> str | None:
    return _PASSWORDS.get(location.server_key)


def forget_passwords() -> None:
    _PASSWORDS.clear()
