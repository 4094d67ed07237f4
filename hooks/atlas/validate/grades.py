"""The grade rules: no claim stronger than its source.

A claim is a lineage edge, an effect on an edge, a capability's source stage or an
observation of a capability (atlas.claims lists where each sits). Its grade says how
we know, and two grades promise something a reader can check:

- `official`: the developer says so. At least one citation is of a source record that
  is primary and published by the model's developer, and carries the sentence itself
  (`quote`) and where it stands (`locator`).
- `paper`: a paper shows it. At least one citation is of a paper, with `locator` and
  `quote`.

Whether the quote really states the relation is for a reviewer to read; that there is
a quote to read, from the right kind of source, is checked here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..claims import CLAIM_PLACES, subject_of
from ..errors import Problem
from ..load import FieldPath, Record
from .fields import clip, select


@dataclass(frozen=True)
class Rule:
    """What a grade promises: a citation of the right kind, with a quote and a locator."""

    kind: str  # "source" or "paper": the citation key that names what is cited
    none: str  # the message when no citation of the right kind is there
    none_hint: str
    missing: str  # the message when it is there without its words; {cited} and {missing}
    where: str  # what a locator is, for this kind of source
    how: str  # where a quote is copied from


RULES = {
    "official": Rule(
        "source",
        "'official' needs a page by {org}, the developer of '{subject}', and this claim cites none",
        "cite a primary source published by {org} with quote: and locator:, or grade it"
        " 'inference'",
        "'official' rests on the developer's own words, but the citation of '{cited}' has"
        " no {missing}",
        "the heading it stands under",
        "copied from the page",
    ),
    "paper": Rule(
        "paper",
        "'paper' needs a paper that shows it, and this claim cites none",
        "cite the paper with locator: and quote:, or grade it 'inference'",
        "'paper' needs the place in the paper that shows it, but the citation of '{cited}'"
        " has no {missing}",
        "section, table, figure or page",
        "copied from the paper",
    ),
}


def grade_problems(records: list[Record], readable: list[Record]) -> list[Problem]:
    """Every official or paper claim in `records` that lacks what its grade promises.

    Sources and models are looked up among all `readable` records, so that a source
    with a schema problem of its own does not also turn every claim citing it wrong.
    """
    sources = {r.id: r.data for r in readable if r.kind == "sources"}
    models = {r.id: r.data for r in readable if r.kind == "models"}
    problems = []
    for record in records:
        for kind, pattern in CLAIM_PLACES.get(record.kind, ()):
            for at, claim in select(record.data, pattern):
                rule = RULES.get(claim.get("grade")) if isinstance(claim, dict) else None
                if rule is None:
                    continue
                subject = subject_of(kind, record.id, claim)
                organization = (models.get(subject) or {}).get("organization")
                counts = _developer(organization, sources) if rule.kind == "source" else None
                problem = _check(record, at, claim, rule, subject, str(organization), counts)
                if problem is not None:
                    problems.append(problem)
    return problems


def _developer(organization: Any, sources: dict[str, Any]) -> Callable[[dict], bool]:
    """Whether a citation is of a primary page published by the model's developer."""

    def by_developer(citation: dict) -> bool:
        source = sources.get(citation.get("source"))
        return bool(
            source and source.get("primary") is True and source.get("publisher") == organization
        )

    return by_developer


def _check(
    record: Record,
    at: FieldPath,
    claim: dict,
    rule: Rule,
    subject: str,
    organization: str,
    counts: Callable[[dict], bool] | None,
) -> Problem | None:
    cited = [
        (i, c)
        for i, c in enumerate(claim.get("sources") or [])
        if rule.kind in c and (counts is None or counts(c))
    ]
    if any(c.get("quote") and c.get("locator") for _, c in cited):
        return None
    org = clip(organization)
    if not cited:
        return record.problem(
            (*at, "grade"),
            rule.none.format(org=org, subject=subject),
            rule.none_hint.format(org=org),
        )
    i, citation = cited[0]
    missing = [key for key in ("quote", "locator") if not citation.get(key)]
    what = {"locator": f"locator: ({rule.where})", "quote": f"quote: (the sentence, {rule.how})"}
    return record.problem(
        (*at, "sources", i),
        rule.missing.format(cited=citation[rule.kind], missing=" and no ".join(missing)),
        f"add {' and '.join(what[key] for key in missing)}, or grade the claim 'inference'",
    )
