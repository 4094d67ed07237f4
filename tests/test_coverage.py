"""The dataset covers what the reference documents name (issue: the dataset).

The lists below are the requirement, not program output: every model, paper and
glossary term the reference articles rely on must exist, in both languages, with at
least one source a reader can open.
"""

from __future__ import annotations

import pytest
import yaml

from conftest import ROOT

REQUIRED = {
    "models": [
        "gpt-1",
        "gpt-2",
        "davinci",
        "curie",
        "babbage",
        "ada",
        "gpt-3-6.7b-pretrain",
        "gpt-3-2.7b-pretrain",
        "gpt-3-1.3b-pretrain",
        "code-cushman-001",
        "code-davinci-001",
        "code-davinci-002",
        "davinci-instruct-beta",
        "text-davinci-001",
        "text-curie-001",
        "text-babbage-001",
        "text-davinci-002",
        "text-davinci-003",
        "gpt-3.5-turbo",
        "gpt-3.5-turbo-0301",
        "instructgpt-175b",
        "instructgpt-6b",
        "instructgpt-1.3b",
        "text-similarity-davinci-001",
        "text-similarity-curie-001",
        "cpt-text-1.2b",
        "webgpt",
        "gpt-4",
        "bert",
        "t5",
        "flan",
        "t0",
        "flan-t5",
        "palm",
        "flan-palm",
        "opt",
        "bart",
        "unilm",
        "uie",
    ],
    "papers": [
        "2005.14165",
        "2107.03374",
        "2201.10005",
        "2009.01325",
        "2203.02155",
        "2201.11903",
        "2109.01652",
        "2110.08207",
        "2210.11416",
        "2204.02311",
        "2211.09110",
        "2112.09332",
        "2205.01068",
        "1810.04805",
        "radford-2019",
        "1910.10683",
        "2208.05051",
    ],
    "methods": [
        "pretraining",
        "code-training",
        "supervised-fine-tuning",
        "feedme",
        "reward-modeling",
        "rlhf-ppo",
        "instruction-tuning",
        "few-shot-prompting",
        "chain-of-thought-prompting",
    ],
    "glossary": [
        # the glossary table of the study notes
        "emergent-ability",
        "prompt",
        "in-context-learning",
        "chain-of-thought",
        "scaling-laws",
        "parameter-efficient-adaptation",
        "distribution-shift",
        "instruction-tuning",
        "code-tuning",
        "reward-model",
        "sft",
        "rlhf",
        "alignment",
        "alignment-tax",
        # terms the other documents rely on
        "ppo",
        "kl-penalty",
        "policy-gradient",
        "feedme",
        "zero-shot",
        "few-shot",
        "autoregressive",
        "autoencoding",
        "masked-language-model",
        "prompt-learning",
        "pet",
    ],
    "limitations": ["belief-revision", "formal-reasoning", "internet-retrieval"],
}
TEXT_FIELDS = {
    "models": ["summary"],
    "papers": ["title", "summary"],
    "methods": ["name", "summary"],
    "glossary": ["term", "definition"],
    "limitations": ["name", "description"],
}
CAPABILITIES = [
    "language-generation",
    "world-knowledge",
    "in-context-learning",
    "instruction-following",
    "unseen-task-generalization",
    "code-generation",
    "chain-of-thought-reasoning",
    "long-range-dependency",
    "informative-answers",
    "impartial-answers",
    "refusing-improper-questions",
    "refusing-out-of-scope-questions",
    "dialogue-history-modeling",
]


def load(kind: str, rid: str) -> dict:
    path = ROOT / "data" / kind / f"{rid}.yaml"
    assert path.is_file(), f"missing {path.relative_to(ROOT)}"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("kind", "rid"), [(k, r) for k, ids in REQUIRED.items() for r in ids])
def test_required_record_exists_bilingual_and_sourced(kind: str, rid: str) -> None:
    record = load(kind, rid)
    for field in TEXT_FIELDS[kind]:
        assert record[field]["zh"].strip() and record[field]["en"].strip(), field
    assert record["sources"], "needs at least one source"


@pytest.mark.parametrize("cid", CAPABILITIES)
def test_capability_has_an_origin_with_evidence(cid: str) -> None:
    record = load("capabilities", cid)
    for origin in record["origins"]:
        assert origin["sources"] and origin["evidence"]["zh"] and origin["evidence"]["en"]


def test_model_index_papers_carry_the_api_mapping() -> None:
    for pid in ("2005.14165", "2107.03374", "2201.10005", "2009.01325", "2203.02155"):
        paper = load("papers", pid)
        assert paper.get("model_mapping"), pid
        assert paper.get("mapping_sources"), pid
    unmatched = [
        row
        for pid in ("2009.01325", "2203.02155", "2201.10005")
        for row in load("papers", pid)["model_mapping"]
        if row["api_name"] is None
    ]
    assert unmatched, "the model index lists paper models with no close match in the API"


# Mistakes in the reference articles that the data must record where it departs from
# them: (record, words the recorded claim must contain).
KNOWN_DISAGREEMENTS = [
    ("models/text-davinci-002", "May–June 2022"),  # the release date (it was 15 March 2022)
    ("models/davinci", "C4"),  # GPT-3's corpus is filtered Common Crawl, not C4
    ("methods/pretraining", "300 billion words"),  # 300 billion tokens
    ("models/code-davinci-002", "8,192"),  # the context window
    ("models/gpt-1", "Google"),  # GPT was OpenAI's
    ("methods/instruction-tuning", "0.4%"),  # Flan-PaLM's tuning compute (about 0.2%)
    ("papers/2204.02311", "8%"),  # PaLM's code share (5%)
    ("methods/reward-modeling", "four answers"),  # labelers ranked 4 to 9 answers
    ("papers/2005.14165", "22 July 2020"),  # the model index's revision dates
]


@pytest.mark.parametrize(("record", "words"), KNOWN_DISAGREEMENTS)
def test_known_disagreements_are_on_the_record(record: str, words: str) -> None:
    """The reference documents contain errors; the record says what it follows instead."""
    kind, rid = record.split("/")
    claims = [d["claim"]["en"] for d in load(kind, rid).get("disagreements") or []]
    assert any(words in claim for claim in claims), (record, claims)
