"""References from an application to the association's members, resolved in one place.

An application names its owner, parties, steering group and municipalities by member id
(``owner = "molndal"``). Applicants often write the member's name instead
(``owner = "Mölndals stad"``): a member's exact name is accepted as that member. Anything
else that is not a member is reported by rule PA001 (the owner) or PA003 (the other
references), each with the member ids that exist and the nearest one, so that ``finsam
screen`` and ``finsam report`` say the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from finsam_rules.model import Application, Association, Ident, Member


def resolve(association: Association, ref: str) -> Member | None:
    """The member ``ref`` names: by id, else by its exact name (surrounding spaces aside)."""
    found = association.member(ref)
    if found is not None:
        return found
    text = ref.strip()
    for member in association.members:
        if member.name.strip() == text:
            return member
    return None


def nearest(association: Association, ref: str) -> Member | None:
    """The member whose id or name is most like ``ref`` (difflib), if any is close."""
    keys: dict[str, Member] = {}
    for member in association.members:
        keys.setdefault(member.id.casefold(), member)
        keys.setdefault(member.name.casefold(), member)
    import difflib  # only for a reference that matches no member

    close = difflib.get_close_matches(ref.strip().casefold(), list(keys), n=1, cutoff=0.5)
    return keys[close[0]] if close else None


def member_ids(association: Association) -> list[str]:
    """Every member id, in file order."""
    return [m.id for m in association.members]


#: The last association seen and its member ids: a batch screens one portfolio after
#: another, so its applications are checked against one set (held by identity).
_last_ids: tuple[Association | None, frozenset[str]] = (None, frozenset())


def _ids(association: Association) -> frozenset[str]:
    global _last_ids
    if _last_ids[0] is not association:
        _last_ids = (association, frozenset(m.id for m in association.members))
    return _last_ids[1]


def normalise(app: Application, association: Association) -> Application:
    """The application with every reference that names a member by its exact name replaced
    by that member's id; other references are left as they are, for the rules to report."""
    ids = _ids(association)
    if (
        app.owner in ids
        and ids.issuperset(app.parties)
        and ids.issuperset(app.steering_group)
        and ids.issuperset(app.municipalities)
    ):
        return app  # every reference is a member's id: nothing to replace

    def one(ref: Ident) -> Ident:
        member = resolve(association, ref)
        return member.id if member is not None else ref

    def many(refs: tuple[Ident, ...]) -> tuple[Ident, ...]:
        return tuple(one(r) for r in refs)

    changed = attrs.evolve(
        app,
        owner=one(app.owner),
        parties=many(app.parties),
        steering_group=many(app.steering_group),
        municipalities=many(app.municipalities),
    )
    return app if changed == app else changed
