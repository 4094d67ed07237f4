"""The claims page: every graded claim with its quote and source, filterable by grade."""

from __future__ import annotations

from ..escape import html
from ..i18n import t
from ..vocabulary import GRADES
from .writer import Context, Page, Writer, site_root


def claim_anchor(key: str) -> str:
    """A claim's anchor on this page: its key, which only ids and ':' make up."""
    return f"claim:{key}"


def claims_page(ctx: Context) -> Page:
    ds, lang = ctx.dataset, ctx.lang
    w = Writer(ctx, "claims/index.md")
    w.heading(1, t("claims", lang))
    api = f"{site_root(w.src_uri, lang)}api/claims.json"
    w.para(t("claims.intro", lang, link=f'<a href="{api}" download>/api/claims.json</a>'))
    counts = {grade: 0 for grade in GRADES}
    for claim in ctx.claims.values():
        counts[claim.grade] += 1
    w.para(" · ".join(f"{w.grade(grade)} {counts[grade]}" for grade in GRADES if counts[grade]))
    boxes = "".join(
        f'<label><input type="checkbox" value="{grade}" checked> {html(value.label[lang])}</label>'
        for grade, value in GRADES.items()
    )
    w.add(
        '<form class="atlas-filter" data-atlas-filter="grade" hidden>'
        f"<fieldset><legend>{html(t('claims.filter', lang))}</legend>{boxes}</fieldset>"
        f'<p class="atlas-filter__count" aria-live="polite"'
        f' data-template="{html(t("claims.count", lang))}"></p></form>',
        "",
    )
    by_model: dict[str, list] = {}
    for claim in ctx.claims.values():
        by_model.setdefault(claim.model, []).append(claim)
    for mid in ds.lineage.order:
        if mid not in by_model:
            continue
        w.add('<section class="atlas-claims" markdown>', "")
        w.heading(2, w.model(mid), anchor=f"_model-{mid}")
        for claim in by_model[mid]:
            w.add(*w.claim_block(claim, claim_anchor(claim.key)))
        w.add("</section>", "")
    return w.page()
