"""Sub-commands of `vigie`: one module per command, each exposing `register(subparsers)`."""
