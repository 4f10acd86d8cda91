"""PA: the owner and the parties. Only members may run projects, and they must cooperate."""

from __future__ import annotations

from finsam_rules.hookspecs import hookimpl
from finsam_rules.model import Application, MemberKind
from finsam_rules.rules import Check, Param, ParamType, Scope, Severity, explain, law, rule

GROUP_NAMES = {
    MemberKind.SOCIAL_INSURANCE_AGENCY: {"sv": "Försäkringskassan", "en": "Social Insurance Agency"},
    MemberKind.EMPLOYMENT_SERVICE: {"sv": "Arbetsförmedlingen", "en": "Employment Service"},
    MemberKind.REGION: {"sv": "regionen", "en": "the region"},
    MemberKind.MUNICIPALITY: {"sv": "kommunerna", "en": "the municipalities"},
}


@rule(
    code="PA001",
    name="owner-is-member",
    scope=Scope.APPLICATION,
    severity=Severity.BLOCKER,
    source=law("Lag (2003:1210) 1-4 §§"),
    title={"sv": "Projektägaren är medlem", "en": "Owner is a member"},
    needs_association=True,
    messages={
        "not_member": {
            "sv": "Projektägaren {owner!r} är inte medlem i {association} (medlemmar: {members:list}).",
            "en": "The owner {owner!r} is not a member of {association} (members: {members:list}).",
        },
    },
    explanation=explain(
        sv=(
            "Kontrollerar att projektägaren finns bland förbundets medlemmar.",
            "Förbundet finansierar insatser som medlemmarna bedriver; det bedriver ingen "
            "egen rehabilitering och får inte finansiera någon utanför samverkan.",
            "En ansökan från ett privat företag som projektägare avstyrks.",
            "Lag (2003:1210) om finansiell samordning av rehabiliteringsinsatser, 1-4 §§.",
        ),
        en=(
            "Checks that the owner is among the association's members.",
            "The association funds work its members do; it runs no rehabilitation itself "
            "and may not fund anyone outside the cooperation.",
            "An application with a private company as owner is rejected.",
            "Lag (2003:1210), sections 1-4.",
        ),
    ),
)
def owner_is_member(app: Application, check: Check):
    """Flag an owner who is not a member of the association (a blocker)."""
    association = check.require_association()
    if association.member(app.owner) is None:
        yield check.finding(
            "not_member",
            owner=app.owner,
            association=association.name,
            members=[m.id for m in association.members],
        )


@rule(
    code="PA002",
    name="at-least-two-parties",
    scope=Scope.APPLICATION,
    severity=Severity.BLOCKER,
    source=law("Lag (2003:1210) 1-4 §§; prop. 2002/03:132"),
    title={"sv": "Minst två samverkande parter", "en": "At least two parties"},
    needs_association=True,
    params=[
        Param(
            "min_parties",
            ParamType.INTEGER,
            "parter",
            "Fewest parties that must cooperate; the municipalities count as one",
            minimum=1,
            maximum=4,
        )
    ],
    messages={
        "too_few": {
            "sv": "Projektet har {count} samverkande part(er) ({groups_sv}); minst "
            "{min_parties} krävs, där alla kommuner tillsammans räknas som en part.",
            "en": "The project has {count} cooperating part(ies) ({groups_en}); at least "
            "{min_parties} are required, all municipalities together counting as one.",
        },
        "not_members": {
            "sv": "Parterna {unknown:list} är inte medlemmar och räknas inte.",
            "en": "The parties {unknown:list} are not members and are not counted.",
        },
    },
    explanation=explain(
        sv=(
            "Räknar projektägaren och parterna per medlemsslag: Försäkringskassan, "
            "Arbetsförmedlingen, regionen och kommunerna (alla kommuner tillsammans är en "
            "part).",
            "Finansiell samordning förutsätter att minst två huvudmän samverkar kring "
            "individen; ett projekt som en myndighet driver ensam är ordinarie verksamhet.",
            "Lerums kommun och Alingsås kommun utan Försäkringskassan, Arbetsförmedlingen "
            "eller regionen är en part, inte två.",
            "Lag (2003:1210) 1-4 §§; prop. 2002/03:132. Parametern min_parties.",
        ),
        en=(
            "Counts the owner and the parties by kind of member: the Social Insurance "
            "Agency, the Employment Service, the region and the municipalities (all "
            "municipalities together are one party).",
            "Financial coordination presupposes that at least two authorities cooperate "
            "around the individual; a project one authority runs alone is ordinary work.",
            "Lerum and Alingsås municipalities without the agencies or the region are one party, not two.",
            "Lag (2003:1210) sections 1-4; prop. 2002/03:132. Parameter min_parties.",
        ),
    ),
)
def at_least_two_parties(app: Application, check: Check):
    """Flag an application where fewer than ``min_parties`` kinds of member cooperate."""
    association = check.require_association()
    kinds: dict[MemberKind, None] = {}
    unknown = []
    for member_id in app.all_parties:
        member = association.member(member_id)
        if member is None:
            if member_id != app.owner:  # a non-member owner is PA001's finding
                unknown.append(member_id)
        else:
            kinds[member.kind] = None
    if unknown:
        yield check.note("not_members", unknown=unknown)
    if len(kinds) < check.params["min_parties"]:
        groups = sorted(kinds, key=list(MemberKind).index)
        yield check.finding(
            "too_few",
            count=len(kinds),
            groups_sv=", ".join(GROUP_NAMES[k]["sv"] for k in groups) or "inga",
            groups_en=", ".join(GROUP_NAMES[k]["en"] for k in groups) or "none",
        )


@hookimpl
def register_rules(register):
    """Register PA001 and PA002."""
    register(owner_is_member)
    register(at_least_two_parties)
