"""Which sites are guarded: host matching shared by `decide` and the incident log.

A policy entry `chatgpt.com` covers `chatgpt.com`, `www.chatgpt.com` and any subdomain;
`*.example.org` is accepted as a synonym. A leading `www.` is ignored on both sides so
`www.perplexity.ai` in the policy also covers `perplexity.ai`. Input may be a bare host or
a URL; ports, paths, userinfo and a trailing dot are ignored.
"""

from __future__ import annotations

from collections.abc import Iterable


def normalize_host(site: str) -> str:
    host = site.strip().lower()
    if "://" in host:
        host = host.split("://", 1)[1]
    host = host.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    host = host.rsplit("@", 1)[-1]
    if host.startswith("["):  # IPv6 literal
        return host.split("]", 1)[0] + "]"
    host = host.split(":", 1)[0].rstrip(".")
    if host.startswith("*."):
        host = host[2:]
    if host.startswith("www."):
        host = host[4:]
    return host


def matching_site(site: str, guarded: Iterable[str]) -> str | None:
    """The policy entry that covers `site`, or None when the site is not guarded."""
    host = normalize_host(site)
    if not host:
        return None
    for entry in guarded:
        pattern = normalize_host(entry)
        if pattern and (host == pattern or host.endswith("." + pattern)):
            return entry
    return None


def is_guarded(site: str, guarded: Iterable[str]) -> bool:
    return matching_site(site, guarded) is not None
