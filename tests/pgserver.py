"""A throwaway PostgreSQL server for the tests: `initdb` into a temporary folder, listening on
127.0.0.1 only (and a socket in that folder), stopped and deleted afterwards.

`.ci/run` starts one with `python -m tests.pgserver start` and hands its URL to the tests in
`WIREBRIEF_TEST_PG`; without that variable the `pg_url` fixture starts its own. Without the
PostgreSQL binaries or psycopg, the tests that need a server skip and say why.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

USER = "wirebrief"


def find_bin() -> Path | None:
    """The folder of initdb and pg_ctl: $PG_BIN, the PATH, or Debian's versioned folders."""
    candidates = [os.environ.get("PG_BIN", "")]
    found = shutil.which("initdb")
    if found:
        candidates.append(str(Path(found).parent))
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    candidates += sorted(glob.glob("/usr/local/pgsql/bin"))
    for folder in candidates:
        if folder and (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    return None


def why_not() -> str | None:
    """None when the tests can start and use a server here; else the reason they cannot."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install 'wirebrief[postgres]')"
    return why_no_server()


def why_no_server() -> str | None:
    if find_bin() is None:
        return "PostgreSQL binaries (initdb, pg_ctl) not found; set PG_BIN to their folder"
    if os.geteuid() == 0 and (_run_as() is None or shutil.which("runuser") is None):
        return "running as root and no unprivileged 'postgres' user to run the server as"
    return None


def _run_as() -> str | None:
    """PostgreSQL refuses to run as root: as root, run it as the 'postgres' user."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam("postgres").pw_name
    except KeyError:
        return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    folder: Path
    port: int
    bin: Path
    user: str | None

    @property
    def url(self) -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/postgres"

    def _cmd(self, *args: str) -> list[str]:
        return (["runuser", "-u", self.user, "--"] if self.user else []) + list(args)

    def stop(self) -> None:
        subprocess.run(self._cmd(str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"),
                                 "-m", "immediate", "-w", "stop"),
                       capture_output=True, check=False)
        shutil.rmtree(self.folder, ignore_errors=True)


def start() -> Server:
    reason = why_no_server()
    if reason:
        raise RuntimeError(reason)
    pg_bin = find_bin()
    assert pg_bin is not None
    folder = Path(tempfile.mkdtemp(prefix="wirebrief-pg-"))
    user = _run_as()
    if user:
        shutil.chown(folder, user=user)
    server = Server(folder, _free_port(), pg_bin, user)
    data = folder / "data"
    subprocess.run(server._cmd(str(pg_bin / "initdb"), "-D", str(data), "-U", USER,
                               "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"),
                   check=True, capture_output=True)
    options = (f"-c listen_addresses=127.0.0.1 -p {server.port} -k {folder} "
               "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
    proc = subprocess.run(server._cmd(str(pg_bin / "pg_ctl"), "-D", str(data), "-o", options,
                                      "-l", str(folder / "server.log"), "-w", "start"),
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        log = (folder / "server.log").read_text() if (folder / "server.log").exists() else ""
        server.stop()
        raise RuntimeError(f"PostgreSQL did not start: {proc.stderr.strip()} {log[-500:]}")
    return server


def create_database(admin_url: str, name: str) -> str:
    """A new empty database on the server; its URL."""
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return admin_url.rsplit("/", 1)[0] + "/" + name


if __name__ == "__main__":  # python -m tests.pgserver start|stop FOLDER PORT
    if sys.argv[1:2] == ["start"]:
        s = start()
        print(f"{s.url} {s.folder} {s.port} {s.bin} {s.user or ''}")
    elif sys.argv[1:2] == ["stop"]:
        folder, port, pg_bin, *user = sys.argv[2:]
        Server(Path(folder), int(port), Path(pg_bin), user[0] if user else None).stop()
