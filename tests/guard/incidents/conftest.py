"""Shared helpers for incident-log tests: events, a real rsyslog, small real filesystems."""

from __future__ import annotations

import itertools
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from guard.protocol import Event

_counter = itertools.count()

RSYSLOGD = shutil.which("rsyslogd") or ("/usr/sbin/rsyslogd" if Path("/usr/sbin/rsyslogd").exists() else None)


def make_event(**overrides) -> Event:
    data = {
        "type": "event", "id": f"ev-{next(_counter)}", "site": "chatgpt.com", "outcome": "blocked",
        "proposed_action": "block", "counts": {"NOM": 1, "SECU": 1}, "max_score": 0.97,
    }
    data.update(overrides)
    return Event.model_validate(data)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Rsyslog:
    """A real rsyslogd in the foreground on loopback, writing each message's MSGID and
    structured data (and the raw message) to a file in its own folder."""

    def __init__(self, workdir: Path, port: int, *, tls: dict[str, str] | None = None) -> None:
        if RSYSLOGD is None:
            pytest.skip("rsyslogd not installed (apt-get install rsyslog)")
        self.workdir = workdir
        self.port = port
        self.out = workdir / "received.log"
        self.conf = workdir / "rsyslog.conf"
        self.pidfile = workdir / "rsyslog.pid"
        self.proc: subprocess.Popen | None = None
        if tls:
            head = (f'global(workDirectory="{workdir}" DefaultNetstreamDriver="gtls" '
                    f'DefaultNetstreamDriverCAFile="{tls["ca"]}" DefaultNetstreamDriverCertFile="{tls["cert"]}" '
                    f'DefaultNetstreamDriverKeyFile="{tls["key"]}")\n'
                    'module(load="imtcp" StreamDriver.Name="gtls" StreamDriver.Mode="1" '
                    'StreamDriver.Authmode="anon")\n')
        else:
            head = f'global(workDirectory="{workdir}")\nmodule(load="imtcp")\n'
        self.conf.write_text(
            head
            + f'input(type="imtcp" port="{port}" address="127.0.0.1")\n'
            + 'template(name="vigieRaw" type="string" string="%msgid% %structured-data% %rawmsg%\\n")\n'
            + f'if $msgid != "-" then action(type="omfile" file="{self.out}" template="vigieRaw")\n')

    def start(self) -> None:
        self.pidfile.unlink(missing_ok=True)
        self.proc = subprocess.Popen(
            [RSYSLOGD, "-n", "-f", str(self.conf), "-i", str(self.pidfile)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"rsyslogd exited: {self.proc.stderr.read().decode(errors='replace')[-500:]}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("rsyslogd did not listen in time")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        if self.proc.stderr:
            self.proc.stderr.close()
        self.proc = None

    def received_lines(self) -> list[str]:
        try:
            return self.out.read_text(encoding="utf-8", errors="replace").splitlines()
        except FileNotFoundError:
            return []

    def received_ids(self) -> set[str]:
        ids = set()
        for line in self.received_lines():
            msgid = line.split(" ", 1)[0]
            if len(msgid) == 32:
                ids.add(f"{msgid[:8]}-{msgid[8:12]}-{msgid[12:16]}-{msgid[16:20]}-{msgid[20:]}")
        return ids


@pytest.fixture
def rsyslog(tmp_path: Path) -> Iterator[Rsyslog]:
    workdir = tmp_path / "rsyslog"
    workdir.mkdir()
    server = Rsyslog(workdir, free_port())
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _can_mount() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("mount") is not None


@contextmanager
def small_tmpfs(size_kib: int) -> Iterator[Path]:
    """A real, size-limited filesystem (tmpfs) mounted for the test; skipped without root."""
    if not _can_mount():
        pytest.skip("needs root to mount a small tmpfs")
    mnt = Path(tempfile.mkdtemp(prefix="vigie-tmpfs-"))
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kib}k,mode=0755", "vigie-test", str(mnt)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        mnt.rmdir()
        pytest.skip(f"cannot mount tmpfs here: {done.stderr.strip()[:200]}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)
        shutil.rmtree(mnt, ignore_errors=True)


def remount(mnt: Path, mode: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{mode}", str(mnt)], check=True, capture_output=True)
