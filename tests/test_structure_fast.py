"""The fast structuring path gives exactly what the converter gives, or leaves it to it.

For every document the fast path (:mod:`finsam_rules.structure_fast`) takes, the converter
(cattrs) must give an equal object with values of the same types; for every document the
converter refuses, the fast path must refuse too, so the converter's messages are the only
messages. The loader leaves out the depth check for a document the fast path has
structured: the model's bounds below prove that such a document cannot be too deep nor hold
an integer long enough to need tomllib's verdict, and the loader is compared with the full
checks on the hostile corpus and on files made to test each bound.
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
import importlib.util
import math
import tomllib
import typing
from pathlib import Path
from typing import Any

import attrs
import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finsam_rules import converter as conv
from finsam_rules import loading
from finsam_rules.errors import InputError
from finsam_rules.loading import MAX_DEPTH, classify, load_document, read_bytes, read_toml
from finsam_rules.model import Application, Association, Report
from finsam_rules.structure_fast import make_fast

ROOT = Path(__file__).parent.parent
HOSTILE = Path(__file__).parent / "hostile"
CLASSES = (Application, Report, Association)


def _bench() -> Any:
    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def same(a: Any, b: Any) -> bool:
    """Equal, and of identical types all the way down (an enum member, not its text; a
    float share, not the integer 1; a tuple, not a list)."""
    if type(a) is not type(b):
        return False
    if attrs.has(type(a)):
        return all(same(getattr(a, f.name), getattr(b, f.name)) for f in attrs.fields(type(a)))
    if isinstance(a, tuple | list):
        return len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))
    return bool(a == b)


def by_converter(data: Any, cls: type) -> tuple[bool, Any]:
    try:
        return True, conv.structure(data, cls, fast=False)
    except conv.StructureFailure as failure:
        return False, failure.problems


def assert_agrees(data: Any, cls: type) -> Any:
    """The fast path's object equals the converter's; it refuses what the converter refuses.
    Returns the fast path's object (``None`` where it left the data to the converter)."""
    fast = conv.fast_structure(copy.deepcopy(data), cls)
    ok, reference = by_converter(copy.deepcopy(data), cls)
    if fast is not None:
        assert ok, (data, reference)
        assert same(fast, reference), (fast, reference)
    return fast


def _toml_data(paths: list[Path]) -> list[dict[str, Any]]:
    found = []
    for path in paths:
        try:
            found.append(tomllib.loads(path.read_bytes().decode("utf-8").removeprefix("\ufeff")))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError, RecursionError):
            continue
    return found


EXAMPLES = sorted(ROOT.glob("examples/**/*.toml")) + sorted((ROOT / "tests" / "cases").glob("**/*.toml"))
HOSTILE_FILES = sorted(HOSTILE.glob("*.toml"))


# == Equal objects, the same refusals ==========================================================


def test_the_example_documents_are_structured_alike_and_by_the_fast_path():
    taken = 0
    documents = 0
    for data in _toml_data(EXAMPLES):
        kind = classify(data)
        for cls in CLASSES:
            obj = assert_agrees(data, cls)
            expected = {"application": Application, "report": Report, "association": Association}.get(
                kind or ""
            )
            if cls is expected:
                documents += 1
                taken += obj is not None
    # The examples are well-formed but for a few made to be refused: nearly all go fast.
    assert documents > 120
    assert taken >= 0.9 * documents


def test_the_hostile_corpus_is_structured_alike():
    for data in _toml_data(HOSTILE_FILES):
        for cls in CLASSES:
            assert_agrees(data, cls)


def test_the_benchmark_documents_with_their_defects_go_the_fast_way_and_agree():
    bench = _bench()
    association = bench.association(2016)
    assert assert_agrees(association, Association) is not None
    for i in range(120):
        assert assert_agrees(bench.application(i, 2016, defects=0.15), Application) is not None
        assert assert_agrees(bench.report(i, 2016, i, i % 3, defects=0.15), Report) is not None


#: Values of every kind that a file (or a form, or a caller of the API) may hold where the
#: model expects something else: the edges of each check the converter makes.
ODD_VALUES = [
    None,
    True,
    False,
    0,
    1,
    -1,
    2,
    10**12,
    10**12 + 1,
    -(10**12),
    -(10**12) - 1,
    10**30,
    0.0,
    -0.0,
    0.5,
    1.0,
    1.5,
    -0.1,
    math.nan,
    math.inf,
    "",
    " ",
    "\t\n",
    "x",
    "work",
    "studies",
    "granted",
    "implementation",
    "progress",
    "municipality",
    "molndal",
    "2016-01-01",
    "2016-02-30",
    "20160101",
    "Mölndals stad",
    dt.date(2016, 1, 1),
    dt.date(2015, 1, 1),
    dt.date(2030, 12, 31),
    dt.datetime(2016, 1, 1, 12, 0),
    dt.time(12, 0),
    [],
    ["work"],
    ["work", "work"],
    ["work", "studies"],
    ["x"],
    [1],
    [{}],
    [{"measure": "work", "share": 0.3}],
    {},
    {"a": 1},
    {"start": dt.date(2016, 1, 1), "end": dt.date(2016, 12, 31)},
    {"start": dt.date(2016, 12, 31), "end": dt.date(2016, 1, 1)},
    {"status": "granted"},
    {"total": 1},
]


def _places(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path in ``value`` (dict keys and list indexes), the value's own included."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _places(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _places(item, (*prefix, index))
    return found


def _container(data: Any, place: tuple[Any, ...]) -> Any:
    for step in place[:-1]:
        data = data[step]
    return data


def _seeds() -> list[dict[str, Any]]:
    bench = _bench()
    seeds = [bench.application(i, 2016, defects=0.15) for i in range(8)]
    seeds += [bench.report(i, 2016, i, i % 3, defects=0.15) for i in range(8)]
    seeds.append(bench.association(2016))
    seeds += [d for d in _toml_data(EXAMPLES) if classify(d) in ("application", "report", "association")][:40]
    return seeds


SEEDS = _seeds()


@st.composite
def _mutated(draw: st.DrawFn) -> tuple[dict[str, Any], type]:
    data = copy.deepcopy(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 3))):
        place = draw(st.sampled_from(_places(data)[1:] or [()]))
        if not place:
            break
        container = _container(data, place)
        action = draw(st.sampled_from(["replace", "replace", "replace", "delete", "add", "wrap"]))
        if action == "replace":
            container[place[-1]] = copy.deepcopy(draw(st.sampled_from(ODD_VALUES)))
        elif action == "delete":
            del container[place[-1]]
        elif action == "wrap":
            container[place[-1]] = [container[place[-1]]]
        elif isinstance(container, dict):  # a key that is not in the model, or a near one
            key = draw(st.sampled_from(["titel", "extra", "zebra", "women", "total", "start", "measure"]))
            container[key] = copy.deepcopy(draw(st.sampled_from(ODD_VALUES)))
    cls = draw(st.sampled_from(CLASSES))
    return data, cls


@given(case=_mutated())
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_fuzz_mutated_documents_are_structured_alike(case):
    """Replace, delete, wrap or add values anywhere in real documents: whatever the fast
    path accepts, the converter accepts as the very same object."""
    data, cls = case
    assert_agrees(data, cls)


def test_the_fast_path_refuses_every_edge_of_the_converters_checks():
    """Each check at its edge: the value just inside is taken, the one just outside is left
    to the converter (which gives the message)."""
    app = _bench().application(3, 2016)
    inside_outside = [
        ("requested", 10**12, 10**12 + 1),
        ("requested", 0, -1),
        ("requested", 5, True),
        ("requested", 5, 5.0),
        ("title", "", 1),
        ("owner", "x", " "),
        ("county_wide", True, 1),
        ("submitted", dt.date(2015, 10, 1), dt.datetime(2015, 10, 1)),
        ("submitted", "2015-10-01", "2015-10-32"),
        ("kind", "implementation", "Implementation"),
        ("parties", ["molndal"], ("molndal",)),
        ("parties", ["molndal"], ["molndal", 1]),
        ("extra", {"x": 1}, [1]),
    ]
    for key, inside, outside in inside_outside:
        taken = assert_agrees({**app, key: inside}, Application)
        assert taken is not None, (key, inside)
        assert conv.fast_structure({**app, key: outside}, Application) is None, (key, outside)
        assert not by_converter({**app, key: outside}, Application)[0], (key, outside)
    targets = [{"measure": "work", "share": 1}, {"measure": ["work", "studies"], "count": 3}]
    taken = assert_agrees({**app, "outcome_targets": targets}, Application)
    assert taken is not None and type(taken.outcome_targets[0].share) is float
    for bad in ({"measure": "work", "share": 1.01}, {"measure": ["work", "work"]}, {"measure": []}):
        assert conv.fast_structure({**app, "outcome_targets": [bad]}, Application) is None


def test_an_unknown_key_anywhere_is_left_to_the_converter():
    app = _bench().application(3, 2016)
    for where in ([], ["period"], ["decision"], ["target_group"]):
        data = copy.deepcopy(app)
        table = data
        for key in where:
            table = table[key]
        table["titel"] = "Samverkan"
        assert conv.fast_structure(data, Application) is None
        ok, problems = by_converter(data, Application)
        assert not ok and problems[0].code == "unknown_keys"


def test_a_failed_structural_check_is_left_to_the_converter():
    """The period's order, the decision's early end: checked by the same function."""
    app = _bench().application(3, 2016)
    backwards = {**app, "period": {"start": dt.date(2016, 12, 31), "end": dt.date(2016, 1, 1)}}
    assert conv.fast_structure(backwards, Application) is None
    ok, problems = by_converter(backwards, Application)
    assert not ok and problems[0].code == "period_order"


# == The fast path exists only while the converter structures each type the same way ===========


def test_no_fast_path_when_the_converter_structures_a_type_otherwise():
    hooks = conv.converter.get_structure_hook
    assert make_fast(Application, hooks, conv.MAX_NUMBER) is not None

    def changed(tp: Any) -> Any:
        return (lambda value, _: value) if tp is conv.model.Kronor else hooks(tp)

    assert make_fast(Application, changed, conv.MAX_NUMBER) is None
    assert make_fast(Report, changed, conv.MAX_NUMBER) is None  # its costs are kronor too


def test_a_class_that_is_not_an_attrs_class_is_left_to_the_converter():
    assert conv.fast_structure({"a": 1}, dict) is None


# == The model's bounds: why a structured document needs no depth check ======================


def _depth(tp: Any, top: bool = True) -> float:
    """How deeply a value of type ``tp`` nests tables and lists in a file (1 for a flat
    table, as :func:`finsam_rules.loading._depth` counts); a free table is unbounded."""
    if tp == dict[str, Any]:
        return math.inf
    if tp is conv.model.Measure:
        return 1  # a text, or a list of texts
    args = typing.get_args(tp)
    if type(None) in args:
        return _depth(next(a for a in args if a is not type(None)), top)
    if typing.get_origin(tp) is tuple:
        return 1 + _depth(args[0], False)
    if attrs.has(tp):
        attrs.resolve_types(tp)
        return 1 + max((_depth(f.type, False) for f in attrs.fields(tp)), default=0)
    return 0


def test_a_structured_document_nests_far_less_deep_than_the_limit():
    for cls in (Application, Report):
        fields = attrs.fields(cls)
        free = [f.name for f in fields if _depth(f.type) == math.inf]
        assert free == ["extra"], "the loader checks in full only documents with a non-empty extra"
        bounded = 1 + max(_depth(f.type, False) for f in fields if f.name != "extra")
        assert bounded <= 4 < MAX_DEPTH


def _leaf_types(cls: type) -> set[Any]:
    found: set[Any] = set()

    def walk(tp: Any) -> None:
        args = typing.get_args(tp)
        if attrs.has(tp):
            attrs.resolve_types(tp)
            for field in attrs.fields(tp):
                walk(field.type)
        elif type(None) in args or typing.get_origin(tp) is tuple:
            for arg in args:
                if arg is not type(None) and arg is not Ellipsis:
                    walk(arg)
        else:
            found.add(tp)

    walk(cls)
    return found


def test_every_integer_of_a_structured_document_is_far_below_the_long_integer_check():
    """Integers of at least _BIG_INT_BITS bits are checked with tomllib; the model takes
    none over MAX_NUMBER, and no other type of the model holds an integer."""
    assert conv.MAX_NUMBER.bit_length() < loading._BIG_INT_BITS
    integer_types = {int, conv.model.Kronor, conv.model.SignedKronor, conv.model.Count}
    others = {str, bool, dt.date, conv.model.Ident, conv.model.Share, conv.model.Measure, dict[str, Any]}
    for cls in (Application, Report):
        leaves = _leaf_types(cls)
        enums = {t for t in leaves if isinstance(t, type) and issubclass(t, enum.Enum)}
        assert leaves - enums <= integer_types | others
        for tp in leaves & integer_types:
            hook = conv.converter.get_structure_hook(tp)
            hook(conv.MAX_NUMBER, tp)
            with pytest.raises(conv.FieldError):
                hook(conv.MAX_NUMBER + 1, tp)


# == The loader: the same documents and the same messages as with every check made ============


def reference_load(path: Path) -> tuple[str, Any]:
    """What the loader did before: the checked parse, then the converter alone."""
    try:
        data = read_toml(path)
        kind = classify(data)
        if kind not in ("application", "report"):
            return "kind", kind
        cls = Application if kind == "application" else Report
        return "ok", conv.structure(data, cls, fast=False)
    except InputError as exc:
        return "error", exc.problems
    except conv.StructureFailure as failure:
        return "error", failure.problems


def loaded(path: Path) -> tuple[str, Any]:
    try:
        document = load_document(path)
    except InputError as exc:
        if exc.problems and exc.problems[0].code in ("association_file", "unknown_document"):
            return "kind", classify(read_toml(path))
        return "error", exc.problems
    return "ok", document


def assert_loads_alike(path: Path) -> tuple[str, Any]:
    old, new = reference_load(path), loaded(path)
    assert old[0] == new[0], (path, old, new)
    if old[0] == "ok":
        assert same(old[1], new[1])
    else:
        assert repr(old[1]) == repr(new[1]), (path, old, new)  # the same problems (nan too)
    return new


@pytest.mark.parametrize("path", HOSTILE_FILES, ids=lambda p: p.name)
def test_the_hostile_corpus_loads_alike(path):
    assert_loads_alike(path)


def test_the_examples_load_alike():
    for path in EXAMPLES:
        assert_loads_alike(path)


def _application_text(drop: str = "", tail: str = "", head: str = "") -> str:
    """A well-formed application as TOML, without the key ``drop``, with ``head`` before
    (top-level keys) and ``tail`` after (tables)."""
    app = _bench().application(7, 2016)
    app.pop(drop, None)
    return head + "\n" + tomli_w.dumps(app) + tail + "\n"


def test_a_deep_free_table_is_still_refused_as_too_deep(tmp_path):
    deep = "[extra]\nx = " + "[" * MAX_DEPTH + "1" + "]" * MAX_DEPTH
    path = tmp_path / "deep.toml"
    path.write_text(_application_text(tail=deep), encoding="utf-8")
    kind, problems = assert_loads_alike(path)
    assert kind == "error" and problems[0].code == "too_deep"
    shallow = tmp_path / "shallow.toml"
    shallow.write_text(_application_text(tail="[extra]\nx = [[1]]"), encoding="utf-8")
    assert assert_loads_alike(shallow)[0] == "ok"


def test_a_deep_value_where_the_model_expects_outcomes_is_refused_as_too_deep(tmp_path):
    path = tmp_path / "deep-measure.toml"
    nested = "[" * MAX_DEPTH + '"work"' + "]" * MAX_DEPTH
    text = _application_text(drop="outcome_targets", tail=f"[[outcome_targets]]\nmeasure = {nested}")
    path.write_text(text, encoding="utf-8")
    kind, problems = assert_loads_alike(path)
    assert kind == "error" and problems[0].code == "too_deep"


@pytest.mark.parametrize(
    ("digits", "requested", "in_extra"),
    [(4250, "too_big", "ok"), (4301, "toml", "toml")],
)
def test_a_long_integer_gets_tomllibs_verdict_as_before(tmp_path, digits, requested, in_extra):
    """Past the long-integer check but within tomllib's limit (read; the model refuses it
    in a kronor field, the free table keeps it), and past tomllib's limit (refused as TOML)."""
    number = "1" + "0" * digits
    path = tmp_path / "long.toml"
    path.write_text(_application_text(drop="requested", head=f"requested = {number}"), encoding="utf-8")
    kind, found = assert_loads_alike(path)
    assert (found[0].code if kind == "error" else kind) == requested
    path.write_text(_application_text(tail=f"[extra]\nn = {number}"), encoding="utf-8")
    kind, found = assert_loads_alike(path)
    assert (found[0].code if kind == "error" else kind) == in_extra


def test_a_dotted_key_in_a_file_with_arrays_of_tables_is_parsed_by_tomllib_too(tmp_path):
    """Dotted keys with ``[[...]]`` are where toml_rs accepts what tomllib refuses (a dotted
    key reaching into an array of tables): the loader gives tomllib's verdict."""
    head = "period.start = 2016-01-01\nperiod.end = 2016-12-31"
    tail = "[[previous_periods]]\nstart = 2015-01-01\nend = 2015-12-31"
    text = _application_text(drop="period", head=head, tail=tail)
    assert loading._may_extend_array(text)
    path = tmp_path / "dotted.toml"
    path.write_text(text, encoding="utf-8")
    assert assert_loads_alike(path)[0] == "ok"
    path.write_text(_application_text(tail="[[extra.b]]\n[extra]\nb.y = 2"), encoding="utf-8")
    kind, problems = assert_loads_alike(path)
    assert kind == "error" and problems[0].code == "toml"


def test_a_policy_file_is_skipped_while_walking_and_refused_when_named(tmp_path):
    path = tmp_path / "policy.toml"
    path.write_text('[policy]\nname = "x"\n', encoding="utf-8")
    assert load_document(path, skip_other=True) is None
    with pytest.raises(InputError):
        load_document(path)


# == Reading: sized to the file, the same limits =============================================


def test_a_file_larger_than_one_read_step_is_read_whole(tmp_path):
    path = tmp_path / "large.toml"
    content = b"# " + b"x" * (3 * loading._READ_STEP) + b"\n"
    path.write_bytes(content)
    assert read_bytes(path) == content


def test_the_size_limit_holds_to_the_byte(tmp_path):
    path = tmp_path / "limit.toml"
    path.write_bytes(b"a" * 100)
    assert read_bytes(path, limit=100) == b"a" * 100
    with pytest.raises(InputError) as caught:
        read_bytes(path, limit=99)
    assert caught.value.problems[0].code == "too_large"
    assert caught.value.problems[0].details == {"size": 100, "limit": 99}


def test_a_file_of_only_blanks_is_empty_as_before(tmp_path):
    for content in ("", " ", "\n\t \u3000\n", "\ufeff \n"):
        path = tmp_path / "blank.toml"
        path.write_text(content, encoding="utf-8")
        with pytest.raises(InputError) as caught:
            load_document(path)
        assert caught.value.problems[0].code == "empty_file"


def stat_first(path: Path, limit: int) -> tuple[str, Any]:
    """What reading did before: ``stat()`` the path, then open and read it."""
    import os
    import stat as st_

    try:
        info = os.stat(path)
    except FileNotFoundError:
        return "error", "dangling_link" if os.path.islink(path) else "not_found"
    except OSError as exc:
        return "error", ("unreadable", exc.strerror)
    if not st_.S_ISREG(info.st_mode):
        return "error", ("not_a_file", loading._file_kind(info.st_mode))
    if info.st_size > limit:
        return "error", ("too_large", info.st_size)
    try:
        with open(path, "rb") as file:
            return "ok", file.read()
    except OSError as exc:
        return "error", ("unreadable", exc.strerror)


def read_now(path: Path, limit: int) -> tuple[str, Any]:
    try:
        return "ok", read_bytes(path, limit)
    except InputError as exc:
        [problem] = exc.problems
        detail = problem.details.get("detail") or problem.details.get("what") or problem.details.get("size")
        return "error", (problem.code, detail) if detail is not None else problem.code


def test_every_path_that_is_not_a_readable_file_is_refused_as_before(tmp_path):
    """Reading in steps sized to the file changes no refusal: a missing file, a dangling
    link, a loop of links, a folder, a FIFO, a socket, a device, a file over the limit, a
    file without permission (for a user other than root) are refused as before."""
    import os
    import socket

    cases = {"missing": tmp_path / "missing.toml"}
    (tmp_path / "dangling.toml").symlink_to(tmp_path / "nowhere.toml")
    cases["dangling"] = tmp_path / "dangling.toml"
    (tmp_path / "loop-a.toml").symlink_to(tmp_path / "loop-b.toml")
    (tmp_path / "loop-b.toml").symlink_to(tmp_path / "loop-a.toml")
    cases["loop"] = tmp_path / "loop-a.toml"
    (tmp_path / "folder.toml").mkdir()
    cases["folder"] = tmp_path / "folder.toml"
    os.mkfifo(tmp_path / "pipe.toml")
    cases["fifo"] = tmp_path / "pipe.toml"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "s.toml"))
    cases["socket"] = tmp_path / "s.toml"
    cases["device"] = Path("/dev/zero")
    cases["null"] = Path("/dev/null")
    (tmp_path / "big.toml").write_bytes(b"a" * 101)
    cases["big"] = tmp_path / "big.toml"
    (tmp_path / "big-locked.toml").write_bytes(b"a" * 101)
    (tmp_path / "big-locked.toml").chmod(0)
    cases["big-locked"] = tmp_path / "big-locked.toml"
    (tmp_path / "locked.toml").write_bytes(b"a")
    (tmp_path / "locked.toml").chmod(0)
    cases["locked"] = tmp_path / "locked.toml"
    (tmp_path / "fine.toml").write_bytes(b"a = 1\n")
    cases["fine"] = tmp_path / "fine.toml"
    try:
        for name, path in cases.items():
            assert read_now(path, 100) == stat_first(path, 100), name
    finally:
        server.close()
    assert read_now(cases["socket"], 100)[1][0] == "not_a_file"


# == Normalising references: nothing to do when every reference is a member's id ============


def normalised_before(app: Application, association: Association) -> Application:
    """What :func:`~finsam_rules.members.normalise` did before: every reference resolved."""
    from finsam_rules.members import resolve

    def one(ref: str) -> str:
        member = resolve(association, ref)
        return member.id if member is not None else ref

    changed = attrs.evolve(
        app,
        owner=one(app.owner),
        parties=tuple(map(one, app.parties)),
        steering_group=tuple(map(one, app.steering_group)),
        municipalities=tuple(map(one, app.municipalities)),
    )
    return app if changed == app else changed


@given(
    picks=st.lists(
        st.tuples(
            st.sampled_from(["owner", "parties", "steering_group", "municipalities"]), st.integers(0, 20)
        ),
        max_size=4,
    ),
    seed=st.integers(0, 40),
)
@settings(max_examples=300, deadline=None)
def test_normalising_gives_what_resolving_every_reference_gave(picks, seed):
    """Ids, members' exact names (with spaces around) and unknown references, anywhere."""
    from finsam_rules.members import normalise

    bench = _bench()
    association = conv.structure(bench.association(2016), Association)
    data = bench.application(seed, 2016)
    choices = [m.id for m in association.members] + [f" {m.name} " for m in association.members]
    choices += ["okänd", "Molndal", ""]
    for key, index in picks:
        ref = choices[index % len(choices)] or "x"
        if key == "owner":
            data["owner"] = ref
        else:
            data[key] = [*data.get(key, []), ref]
    app = conv.structure(data, Application)
    new, old = normalise(app, association), normalised_before(app, association)
    assert same(new, old)
    assert (new is app) == (old is app)


@given(
    parts=st.lists(st.sampled_from(["a", "b", ".", "..", "", "x.toml", "Härryda", " s "]), max_size=5),
    root=st.sampled_from(["", "/", "//", "./"]),
)
def test_a_documents_folder_is_its_parent(parts, root):
    """The folder object shared by a folder's documents is the path's parent, whatever the
    path (relative, absolute, with ``.`` and ``..``)."""
    path = Path(root + "/".join(parts))
    assert loading.folder_of(path) == path.parent
    assert loading.folder_of(Path(str(path))) is loading.folder_of(path)
    assert loading.folder_of(loading.STDIN) is loading.STDIN


def test_no_fast_path_when_a_list_or_a_nested_class_is_structured_otherwise():
    hooks = conv.converter.get_structure_hook

    def own_for(tp: Any) -> Any:
        def changed(asked: Any) -> Any:
            return (lambda value, _: value) if asked == tp else hooks(asked)

        return changed

    for tp in (tuple[conv.model.Ident, ...], conv.model.Period, conv.model.Decision | None, dict[str, Any]):
        assert make_fast(Application, own_for(tp), conv.MAX_NUMBER) is None, tp
    assert make_fast(Application, own_for(Application), conv.MAX_NUMBER) is None


def test_the_other_files_structured_by_the_converter_agree_too():
    """Waiver files, prep-group states and pack test cases go the fast way as well."""
    from finsam_rules.packtest import CaseFile
    from finsam_rules.prep import PrepFile
    from finsam_rules.waivers import WaiverFile

    for cls in (CaseFile, PrepFile, WaiverFile):
        assert make_fast(cls, conv.converter.get_structure_hook, conv.MAX_NUMBER) is not None
    taken = 0
    files = [p for top in ("examples", "tests", "plugins") for p in sorted((ROOT / top).glob("**/*.toml"))]
    for data in _toml_data(files):
        for cls in (CaseFile, PrepFile, WaiverFile):
            taken += assert_agrees(data, cls) is not None
    assert taken > 50  # the packs' test cases, the examples' waiver and prep-group files


def test_objects_are_built_as_attrs_builds_them():
    """Where attrs' __init__ only sets slots, the fast path sets them itself; wherever a
    field has a validator or a converter, or the class a hook, __init__ builds it."""
    from finsam_rules.structure_fast import _plain_init

    assert _plain_init(Application) and _plain_init(Report) and _plain_init(conv.model.BudgetYear)
    assert not _plain_init(conv.model.OutcomeTarget)  # measure has a converter
    assert not _plain_init(conv.model.Contact)  # validators
    assert not _plain_init(Association)

    @attrs.frozen
    class Hooked:
        a: int

        def __attrs_post_init__(self) -> None:
            pass

    @attrs.define
    class Checked:
        a: int = attrs.field(validator=attrs.validators.gt(0))

    assert not _plain_init(Hooked) and not _plain_init(Checked)
    bench = _bench()
    data = bench.application(5, 2016)
    fast = conv.fast_structure(data, Application)
    reference = conv.structure(data, Application, fast=False)
    assert same(fast, reference) and fast == reference
    assert hash(fast.period) == hash(reference.period)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        fast.title = "x"  # type: ignore[misc]
    assert attrs.evolve(fast) == fast


def test_a_generated_portfolio_with_defects_loads_alike(tmp_path):
    """The benchmark's documents as written to disk, 15 % of them with defects, walked as
    a batch: every one loaded by the fast way, each the same as with every check made."""
    bench = _bench()
    bench.write_portfolio(tmp_path / "forbund", 60, 60, defects=0.15)
    paths = [p for p in loading.iter_paths([tmp_path]) if isinstance(p, Path)]
    assert len(paths) == 120
    for path in paths:
        assert assert_loads_alike(path)[0] == "ok"
        text = loading._read_text(path)
        data, checked = loading._parse_unchecked(path, text)
        assert not checked and loading._fast_document(text, data)[0] is not None
