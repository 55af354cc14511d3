"""Everything the daemon needs to start, in one frozen object.

One source of truth for options: `vigie serve`, the tray app and the tests all build a
`ServerConfig` and hand it to the same `GuardServer`, so an option is never spelled twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from guard.policy.model import DEFAULT_PORT

# Loopback only: a guard reachable from the network would be a patient-data leak itself.
LOOPBACK_HOSTS: tuple[str, ...] = ("127.0.0.1", "::1")


@dataclass(frozen=True, slots=True)
class ServerConfig:
    """Options of one daemon instance.

    `port=None` means "the port of the effective policy" (default 47321); `port=0` asks the
    OS for a free one (tests, benchmarks). `admin_policy_path`/`user_settings_path` default
    to the per-OS locations of `guard.paths` when None.
    """

    port: int | None = None
    hosts: tuple[str, ...] = LOOPBACK_HOSTS
    admin_policy_path: Path | None = None
    user_settings_path: Path | None = None
    watch_policy: bool = True
    data_dir: Path | None = None
    model_dir: Path | None = None
    use_model: bool = True
    # Limits (bytes, messages, seconds). 512 KiB holds a 200,000-character paste.
    max_frame: int = 512 * 1024
    max_connections: int = 64
    max_inflight_per_connection: int = 16
    rate_per_second: float = 1000.0
    rate_burst: int = 2000
    rate_strikes_before_close: int = 500
    hello_timeout_s: float = 10.0
    keepalive_s: float = 15.0
    drain_timeout_s: float = 10.0
    # Per-paragraph result cache (memory only, never written). 0 disables it.
    cache_entries: int = 4096
    cache_max_chars: int = 500_000  # fifty 10,000-character prompts; bounds the daemon's RSS
    analysis_threads: int = 1
    extra_origins: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        for host in self.hosts:
            if host not in LOOPBACK_HOSTS:
                raise ValueError(f"adresse d'écoute refusée : {host} (boucle locale uniquement)")
        if self.port is not None and not 0 <= self.port <= 65535:
            raise ValueError(f"port hors limites : {self.port}")
        if self.max_frame < 1024:
            raise ValueError("max_frame trop petit")

    def effective_port(self, policy_port: int | None) -> int:
        if self.port is not None:
            return self.port
        return policy_port if policy_port is not None else DEFAULT_PORT
