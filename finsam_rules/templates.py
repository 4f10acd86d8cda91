"""Filled-in templates for ``finsam new``: a place to start that already validates."""

from __future__ import annotations

from typing import Any

import tomli_w

HEADERS = {
    "application": "# Ansökan om finansiering (mall från `finsam new application`).\n"
    "# Ersätt exemplets uppgifter med projektets. Belopp i hela kronor.\n"
    "# gender_analysis och implementation_plan är instruktioner: granskningen godtar dem inte\n"
    "# (GA001, IM001) förrän de är ersatta med projektets egna texter.\n",
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
            # Instructions, not answers: GA001 and IM001 recognise them as the template's text
            # and fail until the applicant replaces them (placeholder text never passes).
            "gender_analysis": (
                "Beskriv hur kvinnor och män är representerade i målgruppen eller bland de "
                "remitterade (eller varför det inte är känt), vad projektet gör åt skillnaderna "
                "och hur projektet följer upp per kön, till exempel i SUS varje tertial. "
                "Ersätt hela denna text."
            ),
            "implementation_plan": (
                "Beskriv vem som tar över vad när förbundets finansiering upphör, från när, och "
                "vem som beslutar om det. Ersätt hela denna text."
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
