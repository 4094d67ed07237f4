"""GPT Lineage Atlas: validated YAML data → bilingual pages, diagrams and tables.

The stages, in the order data flows through them:

- `files`, `load`: read data/ and docs/ as a pull request left them;
- `kinds`, `vocabulary`, `i18n`: the registries (record kinds, enum values, words);
- `graph`, `dataset`, `capabilities`: the lineage and what flows along it;
- `validate`: every check, the last of which builds the lineage to test it;
- `escape`, `diagrams`, `pages`, `shortcodes`, `tooltips`: records → Markdown, SVG;
- `articles`, `htmlcheck`: the hand-written pages and what their HTML may contain;
- `exports`, `search`: the files written beside the site;
- `snapshot`: one immutable result per version of the inputs;
- `site`, `hooks`: the MkDocs side, which the thin hooks/site_hooks.py calls.

No module imports one listed after it, except `validate`, as its docstring says.
"""
