"""Near-miss incident log: chained SQLite rows without patient data, export, report, syslog."""
