"""Page 1 of the board report stays a page: a goal's findings are told in full up to a
limit and the rest counted, with the full list under the goals of the plan."""

from __future__ import annotations

from finsam_rules.board import MAX_DECISION_MESSAGES, Decision, DecisionKind, _first
from finsam_rules.render.board_words import decision_text


def _messages(n: int) -> list[dict[str, str]]:
    return [{"sv": f"Rapport {i} minskar.", "en": f"Report {i} decreases."} for i in range(1, n + 1)]


def test_a_goal_with_few_findings_tells_them_all() -> None:
    shown, more = _first(_messages(MAX_DECISION_MESSAGES))
    assert len(shown) == MAX_DECISION_MESSAGES and more == 0


def test_a_goal_with_thousands_of_findings_tells_five_and_counts_the_rest() -> None:
    shown, more = _first(_messages(12_060))
    assert len(shown) == MAX_DECISION_MESSAGES and more == 12_055
    decision = Decision(
        DecisionKind.GOAL_NOT_MET,
        subject="RP003",
        title={"sv": "Ackumulerade siffror minskar", "en": "Cumulative figures decrease"},
        messages=shown,
        codes=("RP003",),
        more=more,
    )
    sv = decision_text(decision, "sv")
    assert sv.startswith("Målet ”Ackumulerade siffror minskar” är inte uppfyllt: Rapport 1 minskar.")
    assert "Rapport 6 minskar" not in sv
    assert sv.endswith("Ytterligare 12 055 anmärkningar redovisas under Verksamhetsplanens mål.")
    assert decision_text(decision, "en").endswith(
        "12,055 further findings are listed under Goals of the plan."
    )


def test_one_more_finding_is_singular_in_both_languages() -> None:
    shown, more = _first(_messages(MAX_DECISION_MESSAGES + 1))
    decision = Decision(DecisionKind.GOAL_NOT_MET, title={"sv": "M", "en": "M"}, messages=shown, more=more)
    assert decision_text(decision, "sv").endswith(
        "Ytterligare 1 anmärkning redovisas under Verksamhetsplanens mål."
    )
    assert decision_text(decision, "en").endswith("1 further finding is listed under Goals of the plan.")
