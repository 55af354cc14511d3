"""Vigie: a local guard that keeps identifying patient data out of public chatbots."""

__version__ = "0.1.0"
