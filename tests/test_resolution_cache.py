"""Parameter and setting resolution is cached per interval between a policy's dates.

A decision is judged with the values in force on its date; real portfolios hold documents of
hundreds of dates, but a policy changes its values on a handful of ``valid_from`` dates. The
engine resolves once per interval between those dates, and must resolve exactly as the
policy does for every single date.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finsam_rules.engine import Engine
from finsam_rules.errors import PolicyError
from finsam_rules.plugins import Registry
from finsam_rules.policy import Layer, ParamValue, Policy, PolicyMeta, load_policy, standard_layer

Dated = tuple[dt.date | None, float]
DATES = st.dates(min_value=dt.date(2010, 1, 1), max_value=dt.date(2030, 12, 31))
#: A parameter's dated values in one file: distinct dates, perhaps one undated value.
DATED = st.lists(st.tuples(st.one_of(st.none(), DATES), st.floats(0, 1)), min_size=1, max_size=5).map(
    lambda pairs: list({when: share for when, share in pairs}.items())
)


def _values(pairs: list[tuple[dt.date | None, float]], origin: str) -> list[ParamValue]:
    return [ParamValue(share, when, origin, f"VP {when}") for when, share in pairs]


def _layer(name: str, params: dict[str, dict[str, list[ParamValue]]], **settings: list[ParamValue]) -> Layer:
    return Layer(meta=PolicyMeta(name=name, origin=f"{name}.toml"), params=params, settings=dict(settings))


def _resolved(engine: Engine, policy: Policy, code: str, when: dt.date) -> object:
    """What the engine resolves, and what the policy resolves uncached, or their errors."""
    rule = policy.registry.rules[code]
    out = []
    for resolve in (
        lambda: (engine.params(rule, when), engine.param_sources(rule, when)),
        lambda: (
            policy.params_for(rule, when),
            {p.name: (r.source or r.origin) for p in rule.params for r in [policy.param(rule, p.name, when)]},
        ),
    ):
        try:
            out.append(resolve())
        except PolicyError as exc:
            out.append(exc.line("en"))
    return out


@settings(max_examples=60, deadline=None)
@given(base=DATED, local=DATED, dates=st.lists(DATES, min_size=1, max_size=40))
def test_cached_parameters_equal_uncached_for_any_date(
    registry: Registry, base: list[Dated], local: list[Dated], dates: list[dt.date]
) -> None:
    """OT002's outcome target, dated in two files (no standard defaults, so a date before
    every value has none in force): for each date, in any order, the cached values, sources
    and errors are exactly those of resolving that date alone."""
    policy = Policy(
        registry,
        [
            _layer("vp-2015", {"OT002": {"target": _values(base, "vp-2015.toml")}}),
            _layer("vp-2017", {"OT002": {"target": _values(local, "vp-2017.toml")}}),
        ],
    )
    engine = Engine(policy)
    for when in dates:
        cached, uncached = _resolved(engine, policy, "OT002", when)
        assert cached == uncached, when


@settings(max_examples=40, deadline=None)
@given(dated=DATED, dates=st.lists(DATES, min_size=1, max_size=40))
def test_cached_settings_equal_uncached_for_any_date(registry: Registry, dated, dates) -> None:
    """The settings in force (a dated ``final_report_days`` over the standard ones) are
    resolved per interval exactly as for each date alone."""
    days = [ParamValue(30 + i, when, "vp.toml") for i, (when, _) in enumerate(dated)]
    policy = Policy(registry, [standard_layer(registry), _layer("vp", {}, final_report_days=days)])
    engine = Engine(policy)
    for when in dates:
        assert dict(engine.settings(when)) == policy.settings_for(when), when


def test_a_year_of_dates_shares_one_entry_per_interval(registry: Registry, monkeypatch) -> None:
    """A policy that changes OT002's target on 1 March and 1 July 2016 is resolved three
    times for documents of every day of 2016 (before, between and after), not 366 times."""
    policy = load_policy(registry)
    dated = [(None, 0.5), (dt.date(2016, 3, 1), 0.55), (dt.date(2016, 7, 1), 0.6)]
    policy.layers.append(_layer("vp-2016", {"OT002": {"target": _values(dated, "vp-2016.toml")}}))
    rule = registry.rules["OT002"]
    calls: list[dt.date] = []
    uncached = Policy.params_for

    def counted(self: Policy, rule_: object, as_of: dt.date) -> dict[str, object]:
        calls.append(as_of)
        return uncached(self, rule, as_of)

    monkeypatch.setattr(Policy, "params_for", counted)
    engine = Engine(policy)
    targets = {}
    day = dt.date(2016, 1, 1)
    while day.year == 2016:
        targets[day] = engine.params(rule, day)["target"]
        day += dt.timedelta(days=1)
    assert len(calls) == 3
    assert targets[dt.date(2016, 2, 29)] == 0.5
    assert targets[dt.date(2016, 3, 1)] == 0.55
    assert targets[dt.date(2016, 6, 30)] == 0.55
    assert targets[dt.date(2016, 12, 31)] == 0.6
    assert policy.param_breakpoints(rule) == (dt.date(2016, 3, 1), dt.date(2016, 7, 1))


def test_no_value_in_force_names_each_date(registry: Registry) -> None:
    """A date before every dated value has none in force, and the error names that date,
    however many dates of the same interval were asked before."""
    dated = [(dt.date(2017, 1, 1), 0.7)]
    policy = Policy(registry, [_layer("vp-2017", {"OT002": {"target": _values(dated, "vp-2017.toml")}})])
    engine = Engine(policy)
    rule = registry.rules["OT002"]
    for when in (dt.date(2016, 5, 1), dt.date(2016, 6, 1)):
        with pytest.raises(PolicyError) as raised:
            engine.params(rule, when)
        assert str(when) in raised.value.line("en")
    assert engine.params(rule, dt.date(2017, 3, 1))["target"] == 0.7
