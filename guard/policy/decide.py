"""The pure decision: given findings on a site, what does the policy ask for?

Kept free of I/O and state so it can be table-tested exhaustively and reused by the daemon,
`vigie scan` and tests alike.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.policy.model import Action, LabelRule, Policy
from guard.policy.sites import is_guarded

# Used only if a label is missing from a hand-built Policy: never weaker than blocking.
_MISSING_RULE = LabelRule(action=Action.BLOCK)


@dataclass(frozen=True)
class Decision:
    """`items` holds the findings that reach their label's threshold and whose label action
    is not ALLOW, each with that action. `action` is the strictest of them (ALLOW when none,
    or when the site is not guarded — then `items` is empty too). `counts` and `max_score`
    are computed over `items` only: they are what the incident log records."""

    action: Action
    items: tuple[tuple[Finding, Action], ...] = ()
    counts: dict[Label, int] = field(default_factory=dict)
    max_score: float = 0.0
    guarded: bool = True


def rule_for(label: Label, policy: Policy) -> LabelRule:
    return policy.labels.get(label, _MISSING_RULE)


def decide(findings: Iterable[Finding], site: str, policy: Policy) -> Decision:
    if not is_guarded(site, policy.sites):
        return Decision(action=Action.ALLOW, guarded=False)
    items: list[tuple[Finding, Action]] = []
    for finding in findings:
        rule = rule_for(finding.label, policy)
        if rule.action is Action.ALLOW or finding.score < rule.threshold:
            continue
        items.append((finding, rule.action))
    if not items:
        return Decision(action=Action.ALLOW, guarded=True)
    action = max((a for _, a in items), key=lambda a: a.strictness)
    counts = Counter(f.label for f, _ in items)
    return Decision(
        action=action,
        items=tuple(items),
        counts={label: counts[label] for label in Label if label in counts},
        max_score=max(f.score for f, _ in items),
        guarded=True,
    )
