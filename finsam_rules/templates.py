"""Filled-in templates for ``finsam new``: a place to start that already validates."""

from __future__ import annotations

from typing import Any

import tomli_w

HEADERS = {
    "application": "# Ansökan om finansiering (mall från `finsam new application`).\n"
    "# Ersätt exemplets uppgifter med projektets. Belopp i hela kronor.\n",
    "report": "# Läges- eller slutrapport (mall från `finsam new report`).\n"
    '# kind = "progress" för lägesrapport, "final" för slutrapport.\n',
    "association": "# Förbundets uppgifter för året (mall från `finsam new association`).\n",
}


def template(kind: str) -> dict[str, Any]:
    """The template's data for ``application``, ``report`` or ``association``."""
    import datetime as dt

    if kind == "application":
        return {
            "id": "2017/0001",
            "title": "Nytt samverkansprojekt",
            "kind": "implementation",
            "owner": "molndal",
            "submitted": dt.date(2017, 5, 2),
            "parties": ["molndal", "fk", "af"],
            "municipalities": ["molndal"],
            "steering_group": ["molndal", "fk", "af"],
            "attachments": ["budget", "cooperation_agreement"],
            "requested": 1_800_000,
            "gender_analysis": (
                "Beskriv hur kvinnor och män berörs av projektet: vilka som remitteras, "
                "vilka hinder de möter och hur insatserna anpassas så att kvinnor och män "
                "får samma möjligheter. Ange hur fördelningen följs upp i SUS varje tertial "
                "och vad styrgruppen gör om den blir sned."
            ),
            "implementation_plan": (
                "Beskriv hur medlemmarna tar över arbetet när finansieringen upphör: vilka "
                "tjänster som förs över till ordinarie verksamhet, vem som beslutar och när."
            ),
            "period": {"start": dt.date(2017, 9, 1), "end": dt.date(2018, 8, 31)},
            "target_group": {
                "description": "Personer 18-64 år med behov av samordnade insatser",
                "age_min": 18,
                "age_max": 64,
                "priority_groups": ["long_term_support"],
            },
            "planned_participants": {"total": 40, "women": 20, "men": 20},
            "outcome_targets": [
                {"measure": "work", "share": 0.3, "description": "30 % av avslutade deltagare till arbete"}
            ],
            "budget": [
                {"year": 2017, "personnel": 500_000, "premises": 60_000, "other": 40_000, "total": 600_000},
                {
                    "year": 2018,
                    "personnel": 1_000_000,
                    "premises": 120_000,
                    "other": 80_000,
                    "total": 1_200_000,
                },
            ],
        }
    if kind == "report":
        return {
            "project": "2017/0001",
            "kind": "progress",
            "period": {"start": dt.date(2017, 9, 1), "end": dt.date(2017, 12, 31)},
            "comment": "Kort kommentar om perioden.",
            "participants": {"women": 12, "men": 10, "unknown": 0},
            "outcomes": {
                "work": 3,
                "studies": 1,
                "further_rehabilitation": 2,
                "job_seeking": 1,
                "ongoing": 14,
                "dropped_out": 1,
            },
            "costs": {"personnel": 480_000, "premises": 60_000, "other": 35_000, "total": 575_000},
            "budget": {"personnel": 500_000, "premises": 60_000, "other": 40_000, "total": 600_000},
            "forecast": {"cost": 1_790_000, "budget": 1_800_000, "horizon": "project"},
        }
    return {
        "name": "Samordningsförbundet Exempel",
        "org_number": "222000-0000",
        "year": 2017,
        "equity_at_start": 1_000_000,
        "administration_budget": 2_000_000,
        "priority_groups": ["young_adults", "long_term_support"],
        "members": [
            {
                "id": "fk",
                "name": "Försäkringskassan",
                "kind": "social_insurance_agency",
                "contribution": 4_000_000,
            },
            {"id": "af", "name": "Arbetsförmedlingen", "kind": "employment_service", "contribution": 0},
            {"id": "region", "name": "Regionen", "kind": "region", "contribution": 2_000_000},
            {
                "id": "molndal",
                "name": "Mölndals stad",
                "kind": "municipality",
                "contribution": 2_000_000,
                "population": 63_000,
            },
        ],
    }


def template_text(kind: str) -> str:
    """The template as TOML text with a short Swedish header."""
    return HEADERS[kind] + "\n" + tomli_w.dumps(template(kind))
