"""Citing and reusing the site: CITATION.cff, the dataset's citation under /api/, /llms.txt.

CITATION.cff is checked against the CFF 1.2.0 JSON Schema vendored in
tests/fixtures/cff-1.2.0 (cffconvert 2.0.0 needs jsonschema<4, which the project's
pin rules out). What the built files must say comes from CITATION.cff, mkdocs.yml
and the records under data/, never from the build's own output.
"""

from __future__ import annotations

import datetime
import json
import re
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

from atlas import reuse
from atlas.escape import bibtex, text_line
from atlas.kinds import KINDS
from conftest import MINI, ROOT, Build

SCHEMA = ROOT / "tests" / "fixtures" / "cff-1.2.0" / "schema.json"
SITE_URL = re.search(
    r'^site_url: !ENV \[SITE_URL, "([^"]+)"\]', (ROOT / "mkdocs.yml").read_text("utf-8"), re.M
).group(1)
# One /llms.txt entry: a link with an absolute address, then an optional note.
ENTRY = re.compile(r"^- \[((?:[^\[\]\\]|\\.)+)\]\(<(https?://[^<>\s]+)>\)(?:: (.+))?$")


def cff_errors(data: object) -> list[str]:
    """Every CFF 1.2.0 schema error; dates cast to strings, as the schema asks of tools."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(
        schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )
    data = json.loads(json.dumps(data, default=str))
    return [error.message for error in validator.iter_errors(data)]


def citation() -> dict:
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


# -- CITATION.cff --------------------------------------------------------------


def test_citation_cff_is_valid_cff_1_2_0() -> None:
    assert cff_errors(citation()) == []


def test_the_schema_check_refuses_what_cff_refuses() -> None:
    broken = dict(citation(), license="CC BY 4.0")  # not an SPDX identifier
    del broken["authors"]
    errors = cff_errors(broken)
    assert any("authors" in e for e in errors) and any("CC BY 4.0" in e for e in errors)


def test_citation_cff_describes_this_dataset_and_site() -> None:
    cff = citation()
    assert cff["type"] == "dataset"
    assert "GPT Lineage Atlas" in cff["title"] and "GPT 演化图谱" in cff["title"]
    assert cff["url"] == SITE_URL  # the published address mkdocs.yml falls back to
    # The licence the site states in its footer, as an SPDX id.
    copyright_line = re.search(r"^copyright: (.+)$", (ROOT / "mkdocs.yml").read_text("utf-8"), re.M)
    assert "CC BY 4.0" in copyright_line.group(1) and cff["license"] == "CC-BY-4.0"


# -- the dataset's citation under /api/ ------------------------------------------


def test_api_publishes_the_citation_file_unchanged(site: Build) -> None:
    published = (site.site / "api" / "CITATION.cff").read_bytes()
    assert published == (ROOT / "CITATION.cff").read_bytes()


def test_api_bibtex_is_made_from_the_citation_file(site: Build) -> None:
    bib = (site.site / "api" / "citation.bib").read_text(encoding="utf-8")
    cff = citation()
    assert bib.startswith("@misc{gpt-lineage-atlas,\n")
    fields = dict(re.findall(r"^  (\w+) = \{(.*)\},?$", bib, re.M))
    assert fields["title"] == "{" + cff["title"] + "}"  # double braces keep its case
    assert fields["author"] == "{" + cff["authors"][0]["name"] + "}"  # an entity, not split
    assert fields["url"] == cff["url"]
    assert cff["license"] in fields["note"]
    # The year of the last commit to data/, read from git here; never the clock's.
    assert fields.get("year") == last_data_commit_year()
    assert _balanced(bib)


def last_data_commit_year() -> str | None:
    folders = [f"data/{kind}" for kind in KINDS]
    out = subprocess.run(
        ["git", "log", "-1", "--format=%ct", "--", *folders],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    shallow = (ROOT / ".git" / "shallow").exists()
    if not out or shallow:
        return None
    return str(datetime.datetime.fromtimestamp(int(out), datetime.UTC).year)


def test_without_git_history_the_citation_has_no_year(mini_site: Build) -> None:
    bib = (mini_site.site / "api" / "citation.bib").read_text(encoding="utf-8")
    assert "  year = " not in bib and "  url = " in bib  # the mini project is no repository


def test_the_exports_list_offers_the_citation_files(site: Build) -> None:
    for url, root in (("models/", "../"), ("en/models/", "../../")):
        html = site.page(url)
        for name in ("citation.bib", "CITATION.cff"):
            assert f'<a href="{root}api/{name}" download>/api/{name}</a>' in html


def _balanced(text: str) -> bool:
    depth = 0
    for char in re.sub(r"\\[{}]", "", text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def test_bibtex_fields_stay_inside_their_braces() -> None:
    hostile = {"title": "A} , note = {pwned", "authors": [{"name": "x}\n@misc{y,"}]}
    hostile |= {"url": "https://example.org/", "license": "CC-BY-4.0", "type": "dataset"}
    bib = reuse.citation_bib(hostile, "2024")
    assert _balanced(bib)
    assert bib.count("@misc{") == 1 and "\n@" not in bib
    assert len(re.findall(r"^  \w+ = ", bib, re.M)) == 5  # author title year url note
    assert bibtex("50% & $x_1$ {a} \\ ^ ~ #") == (
        r"50\% \& \$x\_1\$ \{a\} \textbackslash{} \^{} \~{} \#"
    )


def test_no_citation_file_means_no_citation_exports(tmp_path: Path) -> None:
    assert reuse.read_citation(tmp_path) is None
    (tmp_path / "CITATION.cff").write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(reuse.DataError) as raised:
        reuse.read_citation(tmp_path)
    assert raised.value.problems[0].path == "CITATION.cff"


# -- /llms.txt -----------------------------------------------------------------


def llms(build: Build) -> tuple[list[str], dict[str, list[re.Match]]]:
    """The file's lines, and its entries by section heading."""
    lines = (build.site / "llms.txt").read_text(encoding="utf-8").split("\n")
    sections: dict[str, list[re.Match]] = {}
    heading = None
    for line in lines:
        if line.startswith("## "):
            heading = line[3:]
            sections[heading] = []
        elif line.startswith("- "):
            match = ENTRY.match(line)
            assert match, f"not an llms.txt entry: {line!r}"
            assert heading is not None
            sections[heading].append(match)
    return lines, sections


def test_llms_txt_follows_the_convention(site: Build) -> None:
    lines, sections = llms(site)
    assert lines[0] == "# GPT Lineage Atlas · GPT 演化图谱"
    assert lines[2].startswith("> ")
    assert [line for line in lines if line.startswith("# ")] == [lines[0]]
    body = [line for line in lines[4:] if line]
    assert all(line.startswith(("## ", "- ")) for line in body)
    assert all(entries for entries in sections.values())


def _path(url: str) -> str:
    assert url.startswith(SITE_URL), url
    return url[len(SITE_URL) :]


def test_llms_txt_lists_every_article_and_record_in_both_languages(site: Build) -> None:
    _, sections = llms(site)
    listed = {_path(m.group(2)) for entries in sections.values() for m in entries}
    expected = set()
    for prefix in ("", "en/"):
        for kind in reuse.RECORD_FOLDERS:
            expected |= {f"{prefix}{kind}/{p.stem}/" for p in (ROOT / "data" / kind).glob("*.yaml")}
        expected |= {
            f"{prefix}articles/{p.stem}/".replace("index/", "")
            for p in (ROOT / "docs" / "articles").glob("*.md")
            if not p.name.endswith(".en.md")
        }
    assert expected <= listed
    for path in listed:  # and every address is a page of the built site
        assert (site.site / path / "index.html").is_file(), path


def test_llms_txt_names_and_notes_come_from_the_records(site: Build) -> None:
    _, sections = llms(site)
    by_url = {_path(m.group(2)): m for entries in sections.values() for m in entries}
    for path in sorted((ROOT / "data" / "models").glob("*.yaml")):
        model = yaml.safe_load(path.read_text(encoding="utf-8"))
        for prefix, lang in (("", "zh"), ("en/", "en")):
            entry = by_url[f"{prefix}models/{model['id']}/"]
            assert entry.group(1) == text_line(model["name"])
            assert entry.group(3) == text_line(model["summary"][lang])
    for path in sorted((ROOT / "data" / "methods").glob("*.yaml")):
        method = yaml.safe_load(path.read_text(encoding="utf-8"))
        for prefix, lang in (("", "zh"), ("en/", "en")):
            name = by_url[f"{prefix}methods/{method['id']}/"].group(1)  # the page's title,
            assert name.startswith(text_line(method["name"][lang]))  # which adds the abbr.


def test_llms_txt_sections_are_in_both_languages(site: Build) -> None:
    _, sections = llms(site)
    for lang, language in (("zh", "中文"), ("en", "English")):
        headings = [h for h in sections if h.endswith(f" · {language}")]
        assert f"{reuse.t('models', lang)} · {language}" in headings
        assert f"{reuse.t('llms.articles', lang)} · {language}" in headings
        for heading in headings:
            english = all(_path(m.group(2)).startswith("en/") for m in sections[heading])
            assert english == (lang == "en"), heading


def test_hostile_names_cannot_add_structure_to_llms_txt(poisoned: Build) -> None:
    lines, sections = llms(poisoned)  # every entry line parses as exactly one entry
    entries = [m for found in sections.values() for m in found]
    hostile = [m for m in entries if "/hostile-" in m.group(2)]
    assert len(hostile) >= 2 * len(reuse.RECORD_FOLDERS), "the poisoned records are listed"
    assert all(m.group(2).startswith(SITE_URL) for m in entries)  # only our addresses
    headings = [line for line in lines if line.startswith("#")]
    assert len(headings) == 1 + len(sections)  # no payload's "# " became a heading
    # The payloads are still there, as text: escaped, not dropped.
    text = "\n".join(lines)
    assert "\\<script\\>alert\\(2\\)\\</script\\>" in text
    assert "[link](javascript" not in text


def test_an_injected_newline_or_link_stays_on_its_line() -> None:
    entry = reuse.Entry("x](https://evil.example/)\n## Injected\n- [y", "https://a.example/m/")
    text = reuse.llms_txt("T", "S\n# H", [("Models", [entry])])
    lines = text.split("\n")
    assert [line for line in lines if line.startswith("#")] == ["# T", "## Models"]
    (line,) = [line for line in lines if line.startswith("- ")]
    assert ENTRY.match(line).group(2) == "https://a.example/m/"


def test_page_addresses_follow_mkdocs_and_the_i18n_layout() -> None:
    base = "https://example.org/atlas/"
    assert reuse.page_url(base, "index.md") == base
    assert reuse.page_url(base, "index.en.md") == base + "en/"
    assert reuse.page_url(base, "models/davinci.md") == base + "models/davinci/"
    assert reuse.page_url(base, "models/index.en.md") == base + "en/models/"
    assert reuse.page_url(base, "capabilities/matrix.en.md") == base + "en/capabilities/matrix/"


def test_the_mini_site_has_llms_txt_too(mini_site: Build) -> None:
    _, sections = llms(mini_site)
    listed = {_path(m.group(2)) for entries in sections.values() for m in entries}
    for path in (MINI / "data" / "models").glob("*.yaml"):
        assert {f"models/{path.stem}/", f"en/models/{path.stem}/"} <= listed
