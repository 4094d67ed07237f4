"""Check every record against its JSON Schema and against the rest of the data.

`validate(root)` returns a `Dataset` only when there is no problem at all, so the
renderers never see half-valid data. It runs in three rounds, each on what the one
before it let through:

1. per record: characters, numbers, ids, then the schema (*what shape* is wrong);
2. across records: unknown ids, citations, addresses, dates, translations, names,
   edges, cycles, release order, and grades stronger than their sources (*what does
   not fit together*);
3. on the lineage itself, which needs a valid Dataset: capabilities traced to a
   step their model never went through, effects that contradict what the parent
   has, observations that contradict what the lineage computes.

So validation sits after `graph`, `dataset` and `capabilities` in the package: it
builds the lineage to check it.
"""

from __future__ import annotations

from pathlib import Path

from ..dataset import Dataset
from ..errors import Problem
from ..kinds import KINDS
from ..load import Record, load_records
from .fields import SCHEMA_FOR_KIND, SINGULAR, build_date, parse_date
from .grades import grade_problems
from .lineage import (
    cycle_problems,
    edge_problems,
    observation_problems,
    pipeline_problems,
    release_order_problems,
    stage_problems,
)
from .records import (
    alias_problems,
    character_problems,
    citation_problems,
    date_problems,
    duplicate_problems,
    id_problems,
    name_problems,
    number_problems,
    reference_problems,
    translation_problems,
    url_problems,
)
from .schema import load_validators, misplaced_problems, schema_problems

__all__ = ["SCHEMA_FOR_KIND", "SINGULAR", "build_date", "load_validators", "parse_date", "validate"]


def validate(root: Path) -> tuple[Dataset | None, list[Problem]]:
    """Load and check everything under root/data; a Dataset only when all is well."""
    records, problems = load_records(root)
    validators, unloadable = load_validators(root / "data" / "schema")
    if validators is None:
        return None, sorted(set(problems + unloadable))

    valid: list[Record] = []
    readable: list[Record] = []
    for record in records:
        # Text and numbers first: a record that fails them goes no further, since a
        # lone surrogate or a NaN would break the checks (and the outputs) after them.
        found = character_problems(record) + number_problems(record)
        if not found:
            readable.append(record)
            found = schema_problems(record, validators[SCHEMA_FOR_KIND[record.kind]])
            found += misplaced_problems(record, validators, found)
        found += id_problems(record)
        problems += found
        if not found:
            valid.append(record)
    problems += duplicate_problems(records)
    problems += name_problems(valid)

    known = {kind: {r.id for r in records if r.kind == kind} for kind in KINDS}
    # A file that failed to load still names an id; don't report every use of it too.
    for problem in problems:
        parts = problem.path.split("/")
        if len(parts) == 3 and parts[1] in known and parts[2].endswith(".yaml"):
            known[parts[1]].add(parts[2][: -len(".yaml")])
    methods = {r.id: r.data for r in valid if r.kind == "methods"}
    # Checks that only read what is there run on every readable record, even one with
    # schema problems, so that a contributor sees everything at once. Checks that rely
    # on the shape the schema promises run on records that passed it.
    for record in readable:
        problems += reference_problems(record, known)
        problems += citation_problems(record, known)
        problems += url_problems(record)
        problems += date_problems(record)
        problems += translation_problems(record)
    for record in valid:
        if record.kind == "models":
            problems += edge_problems(record, methods)
        if record.kind == "methods":
            problems += pipeline_problems(record)
    problems += cycle_problems([r for r in valid if r.kind == "models"])
    problems += alias_problems([r for r in valid if r.kind == "glossary"])
    problems += release_order_problems([r for r in valid if r.kind == "models"])
    problems += grade_problems(valid, readable)

    if problems:
        return None, sorted(set(problems))

    dataset = Dataset.from_records(valid)
    problems += stage_problems(dataset, valid)
    problems += observation_problems(dataset, valid)
    if problems:
        return None, sorted(set(problems))
    return dataset, []
