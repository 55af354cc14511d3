"""Table tests for the pure decision function and site matching."""

from __future__ import annotations

import pytest

from guard.detect.finding import Finding
from guard.detect.labels import Label
from guard.policy.decide import decide
from guard.policy.model import Action, LabelRule, Policy
from guard.policy.sites import matching_site, normalize_host


def f(label: Label, score: float = 0.9, start: int = 0) -> Finding:
    return Finding(start, start + 3, label, score, "test")


POLICY = Policy(
    sites=["chatgpt.com", "www.perplexity.ai", "*.example.org"],
    labels={
        **Policy().labels,
        Label.NOM: LabelRule(action=Action.BLOCK, threshold=0.8),
        Label.TEL: LabelRule(action=Action.REDACT, threshold=0.5),
        Label.VILLE: LabelRule(action=Action.WARN, threshold=0.6),
        Label.RPPS: LabelRule(action=Action.ALLOW, threshold=0.1),
    },
)


@pytest.mark.parametrize(
    ("findings", "site", "action", "counts", "max_score", "guarded"),
    [
        ([], "chatgpt.com", Action.ALLOW, {}, 0.0, True),
        ([f(Label.NOM, 0.95)], "chatgpt.com", Action.BLOCK, {Label.NOM: 1}, 0.95, True),
        # below the label threshold: ignored
        ([f(Label.NOM, 0.79)], "chatgpt.com", Action.ALLOW, {}, 0.0, True),
        # exactly at the threshold: kept
        ([f(Label.NOM, 0.8)], "chatgpt.com", Action.BLOCK, {Label.NOM: 1}, 0.8, True),
        # strictest wins
        ([f(Label.VILLE, 0.9), f(Label.TEL, 0.7, 5), f(Label.NOM, 0.85, 10)], "chatgpt.com",
         Action.BLOCK, {Label.NOM: 1, Label.TEL: 1, Label.VILLE: 1}, 0.9, True),
        ([f(Label.VILLE, 0.9), f(Label.TEL, 0.7, 5)], "chatgpt.com", Action.REDACT,
         {Label.TEL: 1, Label.VILLE: 1}, 0.9, True),
        ([f(Label.VILLE, 0.61)], "chatgpt.com", Action.WARN, {Label.VILLE: 1}, 0.61, True),
        # counts add up; max score only over kept findings
        ([f(Label.TEL, 0.6), f(Label.TEL, 0.7, 5), f(Label.NOM, 0.99, 9)][:2], "chatgpt.com",
         Action.REDACT, {Label.TEL: 2}, 0.7, True),
        ([f(Label.TEL, 0.6), f(Label.NOM, 0.5, 5)], "chatgpt.com", Action.REDACT, {Label.TEL: 1}, 0.6, True),
        # an ALLOW label never counts, even with a high score
        ([f(Label.RPPS, 1.0)], "chatgpt.com", Action.ALLOW, {}, 0.0, True),
        # unguarded site: allow, nothing kept
        ([f(Label.NOM, 1.0)], "example.com", Action.ALLOW, {}, 0.0, False),
        ([f(Label.NOM, 1.0)], "notchatgpt.com", Action.ALLOW, {}, 0.0, False),
        ([f(Label.NOM, 1.0)], "chatgpt.com.evil.net", Action.ALLOW, {}, 0.0, False),
        # subdomains, www, URLs, ports and case
        ([f(Label.NOM, 1.0)], "www.chatgpt.com", Action.BLOCK, {Label.NOM: 1}, 1.0, True),
        ([f(Label.NOM, 1.0)], "eu.chatgpt.com", Action.BLOCK, {Label.NOM: 1}, 1.0, True),
        ([f(Label.NOM, 1.0)], "https://ChatGPT.com:443/c/abc?q=1", Action.BLOCK, {Label.NOM: 1}, 1.0, True),
        ([f(Label.NOM, 1.0)], "perplexity.ai", Action.BLOCK, {Label.NOM: 1}, 1.0, True),
        ([f(Label.NOM, 1.0)], "chat.example.org", Action.BLOCK, {Label.NOM: 1}, 1.0, True),
        ([f(Label.NOM, 1.0)], "example.org", Action.BLOCK, {Label.NOM: 1}, 1.0, True),
        ([f(Label.NOM, 1.0)], "", Action.ALLOW, {}, 0.0, False),
    ],
)
def test_decide_table(findings, site, action, counts, max_score, guarded) -> None:
    decision = decide(findings, site, POLICY)
    assert decision.action is action
    assert decision.counts == counts
    assert decision.max_score == pytest.approx(max_score)
    assert decision.guarded is guarded
    assert all(a is not Action.ALLOW for _, a in decision.items)
    assert sum(decision.counts.values()) == len(decision.items)


def test_items_carry_each_label_action() -> None:
    findings = [f(Label.VILLE, 0.9), f(Label.TEL, 0.7, 5), f(Label.NOM, 0.85, 10)]
    decision = decide(findings, "chatgpt.com", POLICY)
    assert [(fi.label, a) for fi, a in decision.items] == [
        (Label.VILLE, Action.WARN), (Label.TEL, Action.REDACT), (Label.NOM, Action.BLOCK)]


def test_label_missing_from_hand_built_policy_blocks() -> None:
    policy = Policy(labels={Label.TEL: LabelRule(action=Action.WARN)})
    assert decide([f(Label.SECU)], "claude.ai", policy).action is Action.BLOCK


def test_default_policy_guards_default_sites() -> None:
    for site in Policy().sites:
        assert decide([f(Label.SECU)], site, Policy()).action is Action.BLOCK


@pytest.mark.parametrize(("raw", "host"), [
    ("https://user@www.Claude.ai:8443/x", "claude.ai"), ("chatgpt.com.", "chatgpt.com"),
    ("*.example.org", "example.org"), ("[::1]:80", "[::1]"),
])
def test_normalize_host(raw: str, host: str) -> None:
    assert normalize_host(raw) == host


def test_matching_site_returns_policy_entry() -> None:
    assert matching_site("www.perplexity.ai", POLICY.sites) == "www.perplexity.ai"
    assert matching_site("evilchatgpt.com", POLICY.sites) is None


# ------------------------------------------------------------------ properties

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_findings = st.lists(
    st.builds(lambda label, score, start: Finding(start, start + 2, label, score, "prop"),
              st.sampled_from(list(Label)), st.floats(0, 1), st.integers(0, 1000)),
    max_size=30)
_rules = st.dictionaries(st.sampled_from(list(Label)),
                         st.builds(LabelRule, action=st.sampled_from(list(Action)), threshold=st.floats(0, 1)))


@settings(max_examples=200, deadline=None)
@given(findings=_findings, rules=_rules)
def test_decision_properties(findings, rules) -> None:
    policy = Policy(labels={**Policy().labels, **rules})
    decision = decide(findings, "claude.ai", policy)
    expected = [fi for fi in findings
                if policy.labels[fi.label].action is not Action.ALLOW and fi.score >= policy.labels[fi.label].threshold]
    assert [fi for fi, _ in decision.items] == expected
    strictest = max((policy.labels[fi.label].action.strictness for fi in expected), default=0)
    assert decision.action.strictness == strictest
    assert decision.max_score == max((fi.score for fi in expected), default=0.0)
    # adding a finding never makes the decision less strict
    more = decide([*findings, Finding(0, 1, Label.SECU, 1.0, "prop")], "claude.ai", policy)
    assert more.action.strictness >= decision.action.strictness
    assert decide(findings, "unguarded.example", policy).action is Action.ALLOW
