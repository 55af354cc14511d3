"""The guard daemon: secured loopback WebSocket service for the browser extension.

Public API (used by `vigie serve`, the tray and the tests): `ServerConfig`, `GuardServer`,
`DaemonStatus`, `PauseRefusedError`, `PortInUseError`, `run_server`.
"""

from guard.server.app import DaemonStatus, GuardServer, PauseRefusedError, PortInUseError, run_server
from guard.server.config import ServerConfig

__all__ = ["DaemonStatus", "GuardServer", "PauseRefusedError", "PortInUseError", "ServerConfig",
           "run_server"]
