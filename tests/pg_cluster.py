"""A throwaway PostgreSQL cluster of a test's own (for restarts and password logins).

``initdb`` into a fresh folder, started on 127.0.0.1 on a free port with its
socket in that folder; as the ``postgres`` user when the tests run as root
(PostgreSQL refuses to run as root). Needs the server's binaries (Debian's
``postgresql`` package: /usr/lib/postgresql/N/bin).
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def server_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl, or None."""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                        key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    return Path(candidates[-1]).parent if candidates else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Cluster:
    """``Cluster(password=None)``: started at once; ``url``, ``restart()``, ``stop()``.

    With a password, TCP logins must give it (scram-sha-256) and the URL has none.
    ``durable=False`` (tests) turns fsync off; a benchmark keeps the server's default.
    """

    def __init__(self, password: str | None = None, *, durable: bool = False) -> None:
        self.durable = durable
        binaries = server_binaries()
        if binaries is None:
            raise RuntimeError("PostgreSQL's server binaries (initdb, pg_ctl) are not installed")
        self.bin = binaries
        self.folder = Path(tempfile.mkdtemp(prefix="ea-pg-", dir="/tmp"))
        self.data = self.folder / "data"
        self.port = free_port()
        self._as_postgres = os.geteuid() == 0
        if self._as_postgres:
            shutil.chown(self.folder, "postgres", "postgres")
        initdb = [str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres",
                  "-E", "UTF8", "--no-sync", "-A", "trust"]
        if password is not None:
            secret = self.folder / "pw"
            secret.write_text(password + "\n")
            if self._as_postgres:
                shutil.chown(secret, "postgres", "postgres")
            initdb += ["--auth-host=scram-sha-256", f"--pwfile={secret}"]
        self._run(initdb)
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        self.start()

    def _run(self, command: list[str]) -> None:
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       cwd="/tmp")

    def _ctl(self, *args: str) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        if not self.durable:
            options += " -c fsync=off"
        self._run([str(self.bin / "pg_ctl"), "-D", str(self.data), "-l",
                   str(self.folder / "log"), "-o", options, "-w", "-t", "30", *args])

    def start(self) -> None:
        self._ctl("start")

    def restart(self) -> None:
        """A fast restart: every connection is cut, the data stays."""
        self._ctl("-m", "fast", "restart")

    def stop(self) -> None:
        self._ctl("-m", "immediate", "stop")

    def close(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        for _ in range(20):
            try:
                shutil.rmtree(self.folder)
                return
            except OSError:
                time.sleep(0.1)
