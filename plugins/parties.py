"""PA: the owner and the parties. Only members may run projects, and they must cooperate."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from finsam_rules.members import member_ids, nearest, resolve
from finsam_rules.pack import (
    Application,
    Association,
    Change,
    Check,
    Explanation,
    Finding,
    Member,
    MemberKind,
    Param,
    ParamType,
    Remedy,
    Rule,
    Scope,
    Severity,
    explain,
    hookimpl,
    law,
    plan,
    rule,
)


@rule(
    code="PA001",
    scope=Scope.APPLICATION,
    severity=Severity.BLOCKER,
    fields=("$.owner",),
    source=law("Lag (2003:1210) 1-4 §§"),
    title={"sv": "Projektägaren är medlem", "en": "Owner is a member"},
    needs_association=True,
    remedies={
        "use_member": {
            "sv": "Ange medlemmen {nearest_member:else@member.none_alike} i stället för {ref!r}.",
            "en": "Name the member {nearest_member:else@member.none_alike} instead of {ref!r}.",
        }
    },
    messages={
        "not_member": {
            "sv": "Projektägaren {owner!r} är inte medlem i {association} (medlemmar: "
            "{members:list}; närmast: {nearest_member:else@member.none_alike}).",
            "en": "The owner {owner!r} is not a member of {association} (members: "
            "{members:list}; nearest: {nearest_member:else@member.none_alike}).",
        },
    },
    explanation=explain(
        sv=Explanation(
            what=(
                "Kontrollerar att projektägaren finns bland förbundets medlemmar, angiven med "
                'medlemmens id eller exakta namn (owner = "Mölndals stad" är medlemmen molndal).'
            ),
            why=(
                "Förbundet finansierar insatser som medlemmarna bedriver; det bedriver ingen "
                "egen rehabilitering och får inte finansiera någon utanför samverkan."
            ),
            example="En ansökan från ett privat företag som projektägare avstyrks.",
            source="Lag (2003:1210) om finansiell samordning av rehabiliteringsinsatser, 1-4 §§.",
        ),
        en=Explanation(
            what=(
                "Checks that the owner is among the association's members, given by the member's "
                'id or exact name (owner = "Mölndals stad" is the member molndal).'
            ),
            why=(
                "The association funds work its members do; it runs no rehabilitation itself "
                "and may not fund anyone outside the cooperation."
            ),
            example="An application with a private company as owner is rejected.",
            source="Lag (2003:1210), sections 1-4.",
        ),
    ),
)
def owner_is_member(app: Application, check: Check) -> Iterator[Finding]:
    """Flag an owner who is not a member of the association (a blocker)."""
    association = check.require_association()
    if resolve(association, app.owner) is None:
        figures = _nearest_figures(association, app.owner)
        yield check.finding(
            "not_member",
            remedy=_use_member(check, "$.owner", app.owner, figures),
            owner=app.owner,
            association=association.name,
            members=member_ids(association),
            **figures,
        )


def _use_member(check: Check, path: str, ref: str, figures: dict[str, str]) -> Remedy | None:
    """The remedy "name the nearest member instead", when a member is alike."""
    if not figures["nearest"]:
        return None
    return check.remedy(
        "use_member",
        changes=[Change(path, figures["nearest"])],
        ref=ref,
        nearest=figures["nearest"],
        nearest_member=figures["nearest_member"],
    )


def _nearest_figures(association: Association, ref: str) -> dict[str, str]:
    """The nearest member to ``ref`` as figures: its id, and words for the message."""
    member = nearest(association, ref)
    if member is None:
        return {"nearest": "", "nearest_member": ""}
    return {"nearest": member.id, "nearest_member": f"{member.id} ({member.name})"}


@rule(
    code="PA002",
    scope=Scope.APPLICATION,
    severity=Severity.BLOCKER,
    fields=("$.parties",),
    source=law("Lag (2003:1210) 2 §; Nationella rådets vägledning (minst två parter per insats)"),
    title={"sv": "Minst två samverkande parter", "en": "At least two parties"},
    needs_association=True,
    params=[Param("min_parties", ParamType.INTEGER, minimum=1, maximum=4)],
    remedies={
        "add_parties": {
            "sv": "Lägg till {added_members:list} som part.",
            "en": "Add {added_members:list} as a party.",
        }
    },
    messages={
        "too_few": {
            "sv": "Projektet har {count:plural@samverkande part/samverkande parter} "
            "({groups:words@party_group}); minst "
            "{min_parties} krävs, där alla kommuner tillsammans räknas som en part.",
            "en": "The project has {count:plural@cooperating party/cooperating parties} "
            "({groups:words@party_group}); at least "
            "{min_parties} are required, all municipalities together counting as one.",
        },
    },
    explanation=explain(
        sv=Explanation(
            what=(
                "Räknar projektägaren och parterna per medlemsslag: Försäkringskassan, "
                "Arbetsförmedlingen, regionen och kommunerna (alla kommuner tillsammans är en "
                "part)."
            ),
            why=(
                "Finansiell samordning förutsätter att minst två huvudmän samverkar kring "
                "individen; ett projekt som en myndighet driver ensam är ordinarie verksamhet."
            ),
            example=(
                "Lerums kommun och Alingsås kommun utan Försäkringskassan, Arbetsförmedlingen "
                "eller regionen är en part, inte två."
            ),
            source=(
                "Lag (2003:1210) 2 § (samverkan mellan parterna) och Nationella rådets vägledning "
                "(minst två parter per insats)."
            ),
        ),
        en=Explanation(
            what=(
                "Counts the owner and the parties by kind of member: the Social Insurance "
                "Agency, the Employment Service, the region and the municipalities (all "
                "municipalities together are one party)."
            ),
            why=(
                "Financial coordination presupposes that at least two authorities cooperate "
                "around the individual; a project one authority runs alone is ordinary work."
            ),
            example=(
                "Lerum and Alingsås municipalities without the agencies or the region are one party, not two."
            ),
            source=(
                "Lag (2003:1210) section 2 (cooperation between the parties) and the national "
                "council's guidance (at least two parties per project)."
            ),
        ),
    ),
)
def at_least_two_parties(app: Application, check: Check) -> Iterator[Finding]:
    """Flag an application where fewer than ``min_parties`` kinds of member cooperate.
    References that are no member are not counted (PA001 and PA003 report them)."""
    association = check.require_association()
    kinds: dict[MemberKind, None] = {}
    for ref in app.all_parties:
        member = resolve(association, ref)
        if member is not None:
            kinds[member.kind] = None
    if len(kinds) < check.params["min_parties"]:
        groups = sorted(kinds, key=list(MemberKind).index)
        yield check.finding(
            "too_few",
            remedy=_add_parties(check, app, association, kinds),
            count=len(kinds),
            groups=[k.value for k in groups],
        )


def _add_parties(
    check: Check, app: Application, association: Association, kinds: dict[MemberKind, None]
) -> Remedy | None:
    """The fewest members to add as parties: one of each kind not yet cooperating, in the
    order of the law (the agencies, the region, the municipalities), the first of its kind."""
    need = check.params["min_parties"] - len(kinds)
    added: list[Member] = []
    for kind in MemberKind:
        if len(added) == need:
            break
        if kind in kinds:
            continue
        member = next(
            (m for m in association.members if m.kind is kind and m.id not in app.all_parties), None
        )
        if member is not None:
            added.append(member)
    if len(added) < need:
        return None
    return check.remedy(
        "add_parties",
        changes=[Change("$.parties", [*app.parties, *(m.id for m in added)])],
        added=[m.id for m in added],
        added_members=[f"{m.id} ({m.name})" for m in added],
    )


@rule(
    code="PA003",
    scope=Scope.APPLICATION,
    severity=Severity.ERROR,
    source=plan("Förbundsordningen: förbundets medlemmar (association.toml)"),
    title={"sv": "Hänvisningar till medlemmar", "en": "References to members"},
    needs_association=True,
    remedies={
        "use_member": {
            "sv": "Ange medlemmen {nearest_member:else@member.none_alike} i stället för {ref!r}.",
            "en": "Name the member {nearest_member:else@member.none_alike} instead of {ref!r}.",
        }
    },
    messages={
        "not_member": {
            "sv": "{where} = {ref!r} är inte en medlem i {association} (medlemmar: {members:list}; "
            "närmast: {nearest_member:else@member.none_alike}).",
            "en": "{where} = {ref!r} is not a member of {association} (members: {members:list}; "
            "nearest: {nearest_member:else@member.none_alike}).",
        },
        "not_municipality": {
            "sv": "{where} = {ref!r} är medlem men inte en kommun (kommuner: {municipalities:list}).",
            "en": "{where} = {ref!r} is a member but not a municipality (municipalities: "
            "{municipalities:list}).",
        },
    },
    explanation=explain(
        sv=Explanation(
            what=(
                "Kontrollerar att parterna (parties), styrgruppen (steering_group) och kommunerna "
                "(municipalities) är förbundets medlemmar, angivna med id eller exakt namn, och att "
                "kommunerna är kommuner. För varje annan hänvisning anges vilka medlemmar som finns "
                "och vilken som ligger närmast. Projektägaren prövas av PA001."
            ),
            why=(
                "En felstavad medlem räknas inte som part eller kommun; då blir samverkan och "
                "täckningen fel utan att någon ser varför. Kontrollen görs på ett ställe, så att "
                "granskningen av dokumenten och rapporten till styrelsen säger samma sak."
            ),
            example=(
                'parties = ["Försäkringskassan"] är medlemmen fk; parties = ["Molndal"] är ingen '
                "medlem: närmast molndal (Mölndals stad)."
            ),
            source="Förbundsordningen (förbundets medlemmar).",
        ),
        en=Explanation(
            what=(
                "Checks that the parties, the steering group and the municipalities are members of "
                "the association, given by id or exact name, and that the municipalities are "
                "municipalities. For any other reference it lists the members that exist and the "
                "nearest one. The owner is PA001's."
            ),
            why=(
                "A misspelt member does not count as a party or a municipality, and cooperation and "
                "coverage then come out wrong without anyone seeing why. The check is made in one "
                "place, so that the screening of documents and the board report agree."
            ),
            example=(
                'parties = ["Försäkringskassan"] is the member fk; parties = ["Molndal"] is no '
                "member: nearest molndal (Mölndals stad)."
            ),
            source="The association's charter (its members).",
        ),
    ),
)
def member_references(app: Application, check: Check) -> Iterator[Finding]:
    """Flag a party, steering-group member or municipality that is no member."""
    association = check.require_association()
    municipalities = [m.id for m in association.municipalities]
    for field, refs in (
        ("parties", app.parties),
        ("steering_group", app.steering_group),
        ("municipalities", app.municipalities),
    ):
        for index, ref in enumerate(refs):
            where = f"{field}[{index}]"
            member = resolve(association, ref)
            if member is None:
                figures = _nearest_figures(association, ref)
                yield check.finding(
                    "not_member",
                    remedy=_use_member(check, f"$.{where}", ref, figures),
                    subject=where,
                    where=where,
                    ref=ref,
                    association=association.name,
                    members=member_ids(association),
                    **figures,
                )
            elif field == "municipalities" and member.kind is not MemberKind.MUNICIPALITY:
                yield check.finding(
                    "not_municipality", subject=where, where=where, ref=ref, municipalities=municipalities
                )


@hookimpl
def register_rules(register: Callable[[Rule], None]) -> None:
    """Register PA001, PA002 and PA003."""
    register(owner_is_member)
    register(at_least_two_parties)
    register(member_references)
