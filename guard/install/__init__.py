"""Installing Vigie on a practice PC: autostart, browser policies, packed extension.

`plan` computes every file to write for an OS (pure, testable for all three OSes on any
machine); `apply` writes a plan under a root and records it so `uninstall` removes exactly
what was put; `pack` builds the signed CRX and its update manifest.
"""
