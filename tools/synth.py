"""Synthetic datasets for benchmarks: a complete, valid copy of the project with N models.

    python tools/synth.py --models 1000 --seed 0 --out /tmp/atlas-1000

writes data/ (N models in families with realistic lineage, plus papers, methods,
capabilities, glossary terms, limitations and sources), copies the hand-written
docs/, hooks/, overrides/ and mkdocs.yml of the real project, and leaves a project
that `python -m atlas check --root OUT` accepts and `mkdocs build` builds.

The data is fictional (invented families, organisations and papers) and is never
published. The same N, seed and hand-written pages always give the same files.

Hand-written pages cite papers and sources (`[^2203.02155]`), embed pipelines
(`<!-- atlas:pipeline rlhf-ppo -->`) and link to generated pages
(`../models/davinci.md`, `../glossary/index.md#rlhf`). The generator reads those
references and gives the synthetic data records with exactly those ids, so the
copied pages build unchanged.
"""

from __future__ import annotations

import argparse
import posixpath
import random
import re
import shutil
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from atlas.capabilities import status_of  # noqa: E402
from atlas.kinds import ID_PATTERN, KINDS  # noqa: E402
from atlas.shortcodes import CANDIDATE, FENCE, FOOTNOTE_DEF, FOOTNOTE_REF, SHORTCODE  # noqa: E402
from atlas.snapshot import base_uri  # noqa: E402

Data = dict[str, Any]

MIN_MODELS, MAX_MODELS = 1, 20000
LATEST = (2023, 10)  # no release later than this: tests validate with a 2023-11 build date

# ---------------------------------------------------------------------------
# Fixed vocabulary: methods, capabilities and glossary terms with real-looking names
# ---------------------------------------------------------------------------

# id: (category, zh name, en name, abbreviation)
METHODS: dict[str, tuple[str, str, str, str]] = {
    "pretraining": ("pretraining", "自回归预训练", "Autoregressive pretraining", ""),
    "masked-language-modeling": ("pretraining", "掩码语言建模", "Masked language modelling", "MLM"),
    "denoising-pretraining": ("pretraining", "去噪预训练", "Denoising pretraining", ""),
    "code-training": ("code", "代码训练", "Training on code", ""),
    "supervised-fine-tuning": ("sft", "有监督微调", "Supervised fine-tuning", "SFT"),
    "feedme": ("feedme", "FeedME 训练", "FeedME", "FeedME"),
    "reward-modeling": ("reward-model", "奖励模型训练", "Reward modelling", "RM"),
    "rlhf-ppo": ("rlhf", "基于人类反馈的强化学习", "Reinforcement learning from feedback", "RLHF"),
    "dialogue-rlhf": ("rlhf", "面向对话的强化学习", "Dialogue RLHF", ""),
    "instruction-tuning": ("instruction-tuning", "指令微调", "Instruction tuning", ""),
    "contrastive-pretraining": ("contrastive", "对比预训练", "Contrastive pretraining", ""),
    "behavior-cloning": ("sft", "行为克隆", "Behaviour cloning", "BC"),
    "few-shot-prompting": ("prompting", "少样本提示", "Few-shot prompting", ""),
    "chain-of-thought-prompting": ("prompting", "思维链提示", "Chain-of-thought prompting", "CoT"),
    "successor": ("successor", "后继版本", "Successor", ""),
    "snapshot": ("snapshot", "定期快照", "Dated snapshot", ""),
    "replication": ("replication", "开源复现", "Open replication", ""),
}
ROOT_METHODS = (("pretraining", 80), ("masked-language-modeling", 8), ("denoising-pretraining", 8))
ROOT_METHODS += (("contrastive-pretraining", 4),)
EDGE_METHODS = (
    ("supervised-fine-tuning", 20),
    ("instruction-tuning", 14),
    ("code-training", 8),
    ("feedme", 6),
    ("rlhf-ppo", 10),
    ("dialogue-rlhf", 5),
    ("snapshot", 10),
    ("successor", 8),
    ("behavior-cloning", 3),
    ("reward-modeling", 4),
)
SHORT_METHOD = {
    "supervised-fine-tuning": "sft",
    "instruction-tuning": "instruct",
    "code-training": "code",
    "feedme": "feedme",
    "rlhf-ppo": "rlhf",
    "dialogue-rlhf": "chat",
    "snapshot": "snap",
    "successor": "next",
    "behavior-cloning": "bc",
    "reward-modeling": "rm",
    "replication": "repro",
}
PIPELINE_METHODS = ("rlhf-ppo", "feedme", "dialogue-rlhf", "instruction-tuning")

CAPABILITIES: dict[str, tuple[str, str]] = {
    "language-generation": ("语言生成", "Language generation"),
    "world-knowledge": ("世界知识", "World knowledge"),
    "knowledge-storage": ("知识存储", "Knowledge storage"),
    "in-context-learning": ("上下文学习", "In-context learning"),
    "instruction-following": ("遵循指令", "Following instructions"),
    "unseen-task-generalization": ("泛化到新任务", "Generalising to unseen tasks"),
    "code-generation": ("代码生成", "Code generation"),
    "chain-of-thought-reasoning": ("思维链推理", "Chain-of-thought reasoning"),
    "long-range-dependency": ("长距离依赖", "Long-range dependencies"),
    "zero-shot-performance": ("零样本表现", "Zero-shot performance"),
    "informative-answers": ("信息充分的回答", "Informative answers"),
    "impartial-answers": ("立场中立的回答", "Impartial answers"),
    "refusing-improper-questions": ("拒绝不当问题", "Refusing improper questions"),
    "refusing-out-of-scope-questions": ("拒答知识范围外的问题", "Refusing out-of-scope questions"),
    "dialogue-history-modeling": ("对话历史建模", "Modelling dialogue history"),
    "web-browsing": ("网页浏览", "Web browsing"),
}

TERMS: dict[str, tuple[str, str, str]] = {
    "emergent-ability": ("涌现能力", "Emergent ability", ""),
    "prompt": ("提示", "Prompt", ""),
    "in-context-learning": ("上下文学习", "In-context learning", "ICL"),
    "chain-of-thought": ("思维链", "Chain of thought", "CoT"),
    "scaling-laws": ("缩放定律", "Scaling laws", ""),
    "parameter-efficient-adaptation": ("参数高效适配", "Parameter-efficient adaptation", "PEFT"),
    "distribution-shift": ("分布偏移", "Distribution shift", ""),
    "instruction-tuning": ("指令微调", "Instruction tuning", ""),
    "code-tuning": ("代码微调", "Code tuning", ""),
    "reward-model": ("奖励模型", "Reward model", "RM"),
    "sft": ("有监督微调", "Supervised fine-tuning", "SFT"),
    "rlhf": ("人类反馈强化学习", "Reinforcement learning from human feedback", "RLHF"),
    "alignment": ("对齐", "Alignment", ""),
    "alignment-tax": ("对齐税", "Alignment tax", ""),
    "ppo": ("近端策略优化", "Proximal policy optimisation", "PPO"),
    "kl-penalty": ("KL 惩罚", "KL penalty", ""),
    "policy-gradient": ("策略梯度", "Policy gradient", ""),
    "feedme": ("FeedME 方法", "FeedME method", "FeedME"),
    "zero-shot": ("零样本", "Zero-shot", ""),
    "few-shot": ("少样本", "Few-shot", ""),
    "autoregressive": ("自回归", "Autoregressive", ""),
    "autoencoding": ("自编码", "Autoencoding", ""),
    "masked-language-model": ("掩码语言模型", "Masked language model", "MLM"),
    "prompt-learning": ("提示学习", "Prompt learning", ""),
    "pet": ("模式利用训练", "Pattern-exploiting training", "PET"),
    "completion": ("补全", "Completion", ""),
    "fine-tuning": ("微调", "Fine-tuning", ""),
    "pretraining": ("预训练", "Pretraining", ""),
    "large-language-model": ("大语言模型", "Large language model", "LLM"),
    "transformer": ("Transformer 架构", "Transformer", ""),
    "token": ("词元", "Token", ""),
    "context-window": ("上下文窗口", "Context window", ""),
    "demonstration": ("示范", "Demonstration", ""),
    "language-modeling": ("语言建模", "Language modelling", ""),
    "reinforcement-learning": ("强化学习", "Reinforcement learning", "RL"),
    "absolute-position-embedding": ("绝对位置编码", "Absolute position embedding", ""),
    "pairwise-comparison": ("成对比较", "Pairwise comparison", ""),
    "llm-api": ("大模型 API", "LLM API", ""),
}
LIMITATIONS: dict[str, tuple[str, str]] = {
    "belief-revision": ("难以修正已有认知", "Hard to revise beliefs"),
    "formal-reasoning": ("形式推理薄弱", "Weak formal reasoning"),
    "internet-retrieval": ("无法检索互联网", "No internet retrieval"),
}

# Invented names: families, organisations, people.
FAMILY_WORDS = tuple(
    [
        "orion",
        "lyra",
        "vega",
        "altair",
        "draco",
        "cygnus",
        "pavo",
        "lynx",
        "corvus",
        "hydra",
        "auriga",
        "carina",
        "cetus",
        "delphi",
        "fornax",
        "grus",
        "indus",
        "lepus",
        "mensa",
        "norma",
        "octans",
        "pictor",
        "pyxis",
        "sagitta",
        "scutum",
        "tucana",
        "volans",
        "aquila",
        "ara",
        "caelum",
    ]
)
ORGS = (
    "Northwind AI",
    "Aster Labs",
    "Bluefin Research",
    "Cobalt Systems",
    "Driftwood Institute",
    "Ember Computing",
    "Fjord Foundation",
    "Granite Works",
    "Heron Collective",
    "Ivory Tower Lab",
    "Juniper University",
    "Kestrel Group",
)
SURNAMES = tuple(
    [
        "Li",
        "Wang",
        "Zhang",
        "Chen",
        "Liu",
        "Smith",
        "Garcia",
        "Müller",
        "Rossi",
        "Novak",
        "Sato",
        "Kim",
        "Okafor",
    ]
)
GIVEN = tuple(
    [
        "Ada",
        "Ben",
        "Chen",
        "Dana",
        "Eli",
        "Fang",
        "Gus",
        "Hana",
        "Ivo",
        "Jun",
        "Kai",
        "Lena",
        "Min",
        "Nia",
        "Omar",
        "Pia",
        "Qi",
    ]
)
SIZES = (0.125, 0.35, 0.76, 1.3, 2.7, 6.7, 13, 20, 52, 70, 137, 175, 540)
CONTEXTS = (512, 1024, 2048, 2048, 4096)
GRADES = (("official", 35), ("paper", 30), ("inference", 25), ("hypothesis", 10))
LOCATORS = ("Table 1", "Table 2", "§3.2", "§4", "Figure 2", "Appendix B", "p. 7")

# Sentence pairs written for this generator: filler that reads like a record.
FILLER: tuple[tuple[str, str], ...] = (
    (
        "训练数据以公开网页文本为主，另外混入了书籍和百科条目。",
        "Its training data is mostly public web text, with books and encyclopaedias mixed in.",
    ),
    ("开发者没有公布完整的数据配比。", "The developer has not published the full data mixture."),
    (
        "评测显示它在阅读理解上明显好于上一代。",
        "Evaluations show clearly better reading comprehension than the previous generation.",
    ),
    (
        "它主要通过 API 提供，权重没有公开。",
        "It was offered mainly through an API; the weights were not released.",
    ),
    (
        "这一步的标注数据由合同标注员编写。",
        "The labelled data for this step was written by contracted labellers.",
    ),
    (
        "论文只报告了最大尺寸模型的结果。",
        "The paper reports results for the largest size only.",
    ),
    (
        "有些资料把它和同家族的另一个版本混为一谈。",
        "Some write-ups confuse it with another version in the same family.",
    ),
    (
        "它的输出更长，也更愿意解释自己的推理。",
        "Its answers are longer, and it explains its reasoning more readily.",
    ),
    (
        "开发者在发布说明中提到了这次更新。",
        "The developer mentioned this update in its release notes.",
    ),
    (
        "之后的版本沿用了同样的分词器。",
        "Later versions kept the same tokenizer.",
    ),
    (
        "与同尺寸模型相比，它在代码任务上的提升最大。",
        "Compared with models of the same size, it improved most on code tasks.",
    ),
    (
        "这一版本在几个月后被新的快照取代。",
        "This version was replaced by a new snapshot a few months later.",
    ),
    (
        "人工评价者更偏好它的回答，但差距并不大。",
        "Human raters preferred its answers, though not by a wide margin.",
    ),
    (
        "具体的超参数只在附录中给出。",
        "The exact hyperparameters are given only in an appendix.",
    ),
)


# ---------------------------------------------------------------------------
# References from the hand-written pages
# ---------------------------------------------------------------------------

LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")
PAGE_LINK = re.compile(r"^(models|papers|methods|capabilities)/([^/#]+)\.md$")
ANCHOR_LINK = re.compile(r"^(glossary|limitations|sources)/index\.md#(.+)$")
ARXIV = re.compile(r"^\d{4}\.\d{4,5}$")


@dataclass
class References:
    """Ids the hand-written pages need, by kind."""

    ids: dict[str, set[str]] = field(default_factory=lambda: {k: set() for k in KINDS})
    pipelines: set[str] = field(default_factory=set)

    def sorted(self, kind: str) -> list[str]:
        return sorted(self.ids[kind])


def scan_docs(docs: Path, data: Path | None = None) -> References:
    """Every record id the Markdown under `docs` refers to."""
    refs = References()
    anchor_kind = {"glossary": "glossary", "limitations": "limitations", "sources": "sources"}
    for path in sorted(docs.rglob("*.md")):
        src_uri = path.relative_to(docs).as_posix()
        text = FENCE.sub("", path.read_text(encoding="utf-8"))
        defined = set(FOOTNOTE_DEF.findall(text))
        for label in FOOTNOTE_REF.findall(text):
            if label not in defined:
                refs.ids[_citation_kind(label, data)].add(label)
        for match in CANDIDATE.finditer(text):
            parsed = SHORTCODE.match(match.group(0))
            name, arg = parsed.groups() if parsed else ("", None)
            if name == "pipeline" and arg:
                refs.ids["methods"].add(arg)
                refs.pipelines.add(arg)
        for target in LINK.findall(text):
            if ":" in target.split("#")[0] or target.startswith("#"):
                continue
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), target))
            resolved = base_uri(resolved.split("#")[0]) + (
                "#" + resolved.split("#")[1] if "#" in resolved else ""
            )
            match = PAGE_LINK.match(resolved.split("#")[0])
            if match and match.group(2) not in ("index", "matrix"):
                refs.ids[match.group(1)].add(match.group(2))
            match = ANCHOR_LINK.match(resolved)
            if match:
                refs.ids[anchor_kind[match.group(1)]].add(match.group(2))
    for kind, ids in refs.ids.items():
        refs.ids[kind] = {i for i in ids if ID_PATTERN.match(i)}
    return refs


def _citation_kind(label: str, data: Path | None) -> str:
    if data is not None:
        if (data / "papers" / f"{label}.yaml").exists():
            return "papers"
        if (data / "sources" / f"{label}.yaml").exists():
            return "sources"
    return "papers" if ARXIV.match(label) or label.startswith("radford-") else "sources"


# ---------------------------------------------------------------------------
# The generator
# ---------------------------------------------------------------------------


@dataclass
class Model:
    id: str
    family: str
    date: tuple[int, int]
    depth: int
    size: float | None
    context: int
    parents: list[Data] = field(default_factory=list)
    origin: str | None = None
    observed: list[Data] = field(default_factory=list)


SHAPES = ("wide", "chain")


class Generator:
    """`shape`: "wide" for families of a few levels, as real lineages are; "chain" for
    one lineage `n` models deep, which shows what the depth of a lineage costs."""

    def __init__(self, n: int, seed: int, refs: References | None = None, shape: str = "wide"):
        if not MIN_MODELS <= n <= MAX_MODELS:
            raise ValueError(f"models must be between {MIN_MODELS} and {MAX_MODELS}")
        if shape not in SHAPES:
            raise ValueError(f"shape must be one of {SHAPES}")
        self.n = n
        self.shape = shape
        self.seed = seed
        self.refs = refs or References()
        self.rng = random.Random(f"atlas-synth:{n}:{seed}")
        self.out: dict[str, dict[str, Data]] = {k: {} for k in References().ids}
        self.models: list[Model] = []
        self.by_id: dict[str, Model] = {}
        self.family_papers: dict[str, list[str]] = {}
        self.family_source: dict[str, str] = {}
        self.model_queue = list(self.refs.sorted("models"))
        self.used_ids: set[str] = set(self.model_queue)

    # -- small helpers ------------------------------------------------------
    def pick(self, weighted: Iterable[tuple[str, int]]) -> str:
        items = list(weighted)
        return self.rng.choices([i for i, _ in items], [w for _, w in items])[0]

    def grade(self) -> str:
        return self.pick(GRADES)

    def filler(self, k: int) -> tuple[str, str]:
        chosen = self.rng.sample(FILLER, k)
        return "".join(zh for zh, _ in chosen), " ".join(en for _, en in chosen)

    def text(self, zh: str, en: str, extra: int = 0) -> Data:
        if extra:
            more_zh, more_en = self.filler(extra)
            zh, en = zh + more_zh, f"{en} {more_en}"
        return {"zh": zh, "en": en}

    def citation(self, family: str | None = None) -> Data:
        """A citation of the family's paper or source, sometimes of another source or a URL."""
        roll = self.rng.random()
        if family and roll < 0.55 and self.family_papers.get(family):
            cite: Data = {"paper": self.rng.choice(self.family_papers[family])}
        elif family and roll < 0.8:
            cite = {"source": self.family_source[family]}
        elif roll < 0.93:
            cite = {"source": self.rng.choice(sorted(self.out["sources"]))}
        else:
            k = self.rng.randrange(1000)
            cite = {
                "url": f"https://example.org/notes/{k}",
                "title": f"Release note {k}",
                "archive_url": f"https://web.archive.org/web/2022/https://example.org/notes/{k}",
            }
        if self.rng.random() < 0.3:
            cite["locator"] = self.rng.choice(LOCATORS)
        return cite

    def citations(self, family: str | None = None, most: int = 2) -> list[Data]:
        cites = [self.citation(family) for _ in range(self.rng.randint(1, most))]
        unique = {repr(sorted(c.items())): c for c in cites}
        return list(unique.values())

    @staticmethod
    def date_text(date: tuple[int, int], day: int, precision: int) -> str:
        year, month = date
        if precision == 0:
            return f"{year}"
        if precision == 1:
            return f"{year}-{month:02d}"
        return f"{year}-{month:02d}-{day:02d}"

    def new_id(self, wanted: str) -> str:
        if self.model_queue:
            mid = self.model_queue.pop(0)
            return mid
        candidate, k = wanted, 2
        while candidate in self.used_ids:
            candidate, k = f"{wanted}-{k}", k + 1
        self.used_ids.add(candidate)
        return candidate

    # -- records --------------------------------------------------------------
    def generate(self) -> dict[str, dict[str, Data]]:
        families = self._families()
        self._sources(families)
        self._papers(families)
        self._methods()
        self._terms()
        for family, size, start, org in families:
            self._family_models(family, size, start, org)
        self._capabilities()
        self._effects_and_status()
        for model in self.models:
            self.out["models"][model.id] = self._model_record(model)
        self._paper_links()
        self._limitations()
        self._referenced_extras()
        self._ground_grades()
        return self.out

    def _families(self) -> list[tuple[str, int, tuple[int, int], str]]:
        if self.shape == "chain":
            return [(FAMILY_WORDS[0], self.n, (2017, 1), ORGS[0])]
        count = max(3, round(self.n / 15))
        count = min(count, self.n)
        weights = [self.rng.paretovariate(2.0) for _ in range(count)]
        total = sum(weights)
        sizes = [max(1, int(self.n * w / total)) for w in weights]
        while sum(sizes) > self.n:
            sizes[sizes.index(max(sizes))] -= 1
        i = 0
        while sum(sizes) < self.n:
            sizes[i % count] += 1
            i += 1
        families = []
        for k in range(count):
            word = FAMILY_WORDS[k % len(FAMILY_WORDS)]
            name = word if k < len(FAMILY_WORDS) else f"{word}-{k // len(FAMILY_WORDS) + 1}"
            start = (self.rng.randint(2017, 2020), self.rng.randint(1, 12))
            if self.rng.random() < 0.3:
                start = (2021, self.rng.randint(1, 6))
            families.append((name, sizes[k], start, self.rng.choice(ORGS)))
        families.sort(key=lambda f: (f[2], f[0]))
        return families

    def _sources(self, families: list) -> None:
        kinds = ("documentation", "announcement", "blog", "article", "course", "code")
        for sid in self.refs.sorted("sources"):
            self._source(sid, self.rng.choice(kinds), True)
        for family, _, start, org in families:
            sid = f"{family}-release-notes"
            self._source(sid, "announcement", True, org, start)
            self.family_source[family] = sid
        for k in range(max(4, self.n // 60)):
            self._source(f"survey-{k + 1}", self.rng.choice(kinds), self.rng.random() < 0.4)

    def _source(self, sid, kind, primary, org=None, start=None) -> None:
        publisher = org or self.rng.choice(ORGS)
        record: Data = {
            "id": sid,
            "title": f"{sid.replace('-', ' ').title()}",
            "publisher": publisher,
            "url": f"https://example.org/{sid}",
            "archive_url": f"https://web.archive.org/web/2022/https://example.org/{sid}",
            "type": kind,
            "primary": primary,
            "description": self.text(
                f"{publisher} 发布的资料，记录了模型的发布时间和训练方式。",
                f"Material published by {publisher} on when models were released and how "
                "they were trained.",
                extra=self.rng.randint(0, 1),
            ),
        }
        if start:
            record["published"] = self.date_text(start, 15, 1)
        self.out["sources"][sid] = record

    def _papers(self, families: list) -> None:
        serial = 0

        def arxiv(year: int, month: int) -> str:
            nonlocal serial
            serial += 1
            return f"{year % 100:02d}{month:02d}.{10000 + serial:05d}"

        for pid in self.refs.sorted("papers"):
            self._paper(pid, (2020, 5), self.rng.choice(ORGS), f"Referenced paper {pid}")
        for family, size, start, org in families:
            ids = []
            for k in range(1 if size < 20 else 2 if size < 80 else 3):
                year, month = start[0] + k, start[1]
                pid = arxiv(year, month)
                self._paper(pid, (year, month), org, f"The {family.title()} models, part {k + 1}")
                ids.append(pid)
            self.family_papers[family] = ids
        for k in range(max(3, self.n // 100)):
            year, month = self.rng.randint(2017, 2023), self.rng.randint(1, 9)
            pid = arxiv(year, month)
            self._paper(pid, (year, month), self.rng.choice(ORGS), f"A study of scaling, no. {k}")

    def _paper(self, pid: str, date: tuple[int, int], org: str, title: str) -> None:
        authors = sorted(
            {f"{self.rng.choice(GIVEN)} {self.rng.choice(SURNAMES)}" for _ in range(3)}
        )
        record: Data = {
            "id": pid,
            "title": {"en": title, "zh": f"论文：{title}"},
            "url": f"https://arxiv.org/abs/{pid}"
            if ARXIV.match(pid)
            else "https://example.org/" + pid,
            "published": self.date_text(date, self.rng.randint(1, 28), 2),
            "authors": authors,
            "et_al": self.rng.random() < 0.7,
            "organizations": [org],
            "summary": self.text(
                f"这篇论文介绍了 {org} 的一组语言模型，并报告了训练细节和评测结果。",
                f"This paper introduces a set of language models from {org} and reports how "
                "they were trained and evaluated.",
                extra=self.rng.randint(1, 2),
            ),
            "sources": [{"paper": pid}],
        }
        if ARXIV.match(pid):
            record["arxiv"] = pid
        else:  # a paper off arXiv needs an archived copy (paper.schema.json)
            record["archive_url"] = "https://web.archive.org/web/2022/https://example.org/" + pid
        if self.rng.random() < 0.2:
            record["venue"] = self.rng.choice(("NeurIPS", "ICML", "ICLR", "ACL", "EMNLP"))
        self.out["papers"][pid] = record

    def _methods(self) -> None:
        ids = sorted(set(METHODS) | self.refs.ids["methods"])
        for mid in ids:
            category, zh, en, abbr = METHODS.get(mid, ("other", f"方法 {mid}", f"Method {mid}", ""))
            record: Data = {
                "id": mid,
                "name": {"zh": zh, "en": en},
                "category": category,
                "summary": self.text(
                    f"{zh}是把一个模型变成下一个模型的一个训练步骤。",
                    f"{en} is a training step that turns one model into the next.",
                    extra=1,
                ),
                "sources": self.citations(most=2),
            }
            if abbr:
                record["abbr"] = abbr
            if self.rng.random() < 0.6:
                record["description"] = self.text(
                    "这一步的数据、目标和代价在相关论文中都有说明。",
                    "The papers describe its data, its objective and its cost.",
                    extra=2,
                )
            papers = self.rng.sample(sorted(self.out["papers"]), 2)
            record["papers"] = papers
            if mid in PIPELINE_METHODS or mid in self.refs.pipelines:
                record["pipeline"] = self._pipeline()
            if self.rng.random() < 0.4:
                record["numbers"] = [
                    {
                        "label": {"zh": "标注样本数", "en": "Labelled examples"},
                        "value": {"zh": f"约 {k} 万条", "en": f"about {k}0,000"},
                        "sources": self.citations(most=1),
                    }
                    for k in (self.rng.randint(1, 9),)
                ]
            self.out["methods"][mid] = record

    def _pipeline(self) -> Data:
        nodes = [
            ("demos", "data", "人工示范", "Human demonstrations"),
            ("sft", "step", "第一步：有监督微调", "Step 1: supervised fine-tuning"),
            ("rankings", "data", "人工排序", "Human rankings"),
            ("rm", "step", "第二步：训练奖励模型", "Step 2: train a reward model"),
            ("rl", "step", "第三步：强化学习", "Step 3: reinforcement learning"),
            ("policy", "model", "得到的模型", "The resulting model"),
        ]
        edges = [("demos", "sft", ""), ("sft", "rankings", "采样"), ("rankings", "rm", "")]
        edges += [("rm", "rl", "奖励"), ("sft", "rl", "初始策略"), ("rl", "policy", "")]
        en_labels = {"采样": "samples", "奖励": "reward", "初始策略": "initial policy"}
        return {
            "nodes": [
                {"id": i, "kind": k, "label": {"zh": zh, "en": en}} for i, k, zh, en in nodes
            ],
            "edges": [
                {"from": a, "to": b, **({"label": {"zh": z, "en": en_labels[z]}} if z else {})}
                for a, b, z in edges
            ],
            "sources": self.citations(most=1),
        }

    def _terms(self) -> None:
        extra = max(0, self.n // 100)
        terms = dict(TERMS)
        for tid in self.refs.sorted("glossary"):
            terms.setdefault(tid, (f"术语{tid}", f"Term {tid}", ""))
        for k in range(extra):
            terms[f"term-{k + 1}"] = (
                f"合成概念{_zh_number(k + 1)}",
                f"Synthetic notion {k + 1}",
                "",
            )
        ids = sorted(terms)
        for tid in ids:
            zh, en, abbr = terms[tid]
            record: Data = {
                "id": tid,
                "term": {"zh": zh, "en": en},
                "definition": self.text(
                    f"{zh}指训练或使用语言模型时常见的一个概念。",
                    f"{en} names an idea that comes up when training or using language models.",
                    extra=self.rng.randint(0, 2),
                ),
                "sources": self.citations(most=1),
            }
            if abbr:
                record["abbr"] = abbr
            if self.rng.random() < 0.4:
                record["related"] = sorted(set(self.rng.sample(ids, 2)) - {tid})
            if self.rng.random() < 0.3:
                record["see"] = {"method": self.rng.choice(sorted(METHODS))}
            self.out["glossary"][tid] = record

    # -- models -----------------------------------------------------------------
    def _family_models(self, family: str, size: int, start: tuple[int, int], org: str) -> None:
        roots = 1 if size < 8 or self.shape == "chain" else self.rng.randint(1, 3)
        members: list[Model] = []
        base_size = self.rng.choice(SIZES)
        for k in range(size):
            counter = k + 1
            if k < roots:
                params = SIZES[min(len(SIZES) - 1, SIZES.index(base_size) + k)]
                tag = _size_tag(params)
                model = Model(
                    id=self.new_id(f"{family}-{tag}"),
                    family=family,
                    date=_add_months(start, self.rng.randint(0, 2)),
                    depth=0,
                    size=params if self.rng.random() > 0.1 else None,
                    context=self.rng.choice(CONTEXTS),
                    origin=self.pick(ROOT_METHODS),
                )
            else:
                parent = self._choose_parent(members)
                method = self.pick(EDGE_METHODS)
                short = SHORT_METHOD[method]
                model = Model(
                    id=self.new_id(f"{family}-{short}-{counter}"),
                    family=family,
                    date=(0, 0),
                    depth=parent.depth + 1,
                    size=parent.size,
                    context=min(32768, parent.context * self.rng.choice((1, 1, 1, 2))),
                )
                model.parents.append(self._edge(parent, method))
                if self.rng.random() < 0.08 and self.shape != "chain":
                    self._second_parent(model, members, parent)
                latest = max(self.by_id[p["model"]].date for p in model.parents)
                model.date = min(LATEST, _add_months(latest, self.rng.randint(0, 3)))
            members.append(model)
            self.models.append(model)
            self.by_id[model.id] = model

    def _choose_parent(self, members: list[Model]) -> Model:
        if self.shape == "chain":
            return members[-1]
        for _ in range(10):
            parent = members[-1] if self.rng.random() < 0.45 else self.rng.choice(members)
            if parent.depth < 8:
                return parent
        return min(members, key=lambda m: m.depth)

    def _second_parent(self, model: Model, members: list[Model], first: Model) -> None:
        if self.rng.random() < 0.5 and len(self.models) > len(members):
            other = self.rng.choice(self.models[: len(self.models) - len(members)])
            method = "replication"
        else:
            other = self.rng.choice(members)
            method = self.pick(EDGE_METHODS)
        if other.id == first.id:
            return
        model.parents.append(self._edge(other, method))
        model.depth = max(model.depth, other.depth + 1)

    def _edge(self, parent: Model, method: str) -> Data:
        edge: Data = {
            "model": parent.id,
            "method": method,
            "grade": self.grade(),
            "sources": self.citations(parent.family, most=1),
        }
        if self.rng.random() < 0.15:
            edge["note"] = self.text(
                "开发者没有直接说明这条关系，这里根据发布时间和命名推断。",
                "The developer does not state this link directly; it is inferred from the "
                "release dates and the names.",
            )
        return edge

    def _model_record(self, m: Model) -> Data:
        rng = self.rng
        name = m.id if m.id in self.refs.ids["models"] else _display_name(m.id)
        org = self.out["sources"][self.family_source[m.family]]["publisher"]
        if m.parents:
            first = m.parents[0]
            method = METHODS[first["method"]]
            summary = self.text(
                f"在 {first['model']} 的基础上经过{method[1]}得到的模型。",
                f"A model derived from {first['model']} by {method[2].lower()}.",
                extra=rng.randint(0, 2),
            )
        else:
            summary = self.text(
                f"{org} 从头预训练的语言模型，是 {m.family} 家族的起点。",
                f"A language model that {org} pretrained from scratch; the first of the "
                f"{m.family} family.",
                extra=rng.randint(0, 2),
            )
        record: Data = {"id": m.id, "name": name}
        if rng.random() < 0.3:
            aliases: Data = {"api": [m.id]}
            if rng.random() < 0.4:
                aliases["paper"] = [f"{m.family.title()} {_size_tag(m.size or 1).upper()}"]
            record["aliases"] = aliases
        record["organization"] = org
        record["family"] = m.family
        record["summary"] = summary
        record["availability"] = sorted(
            set(rng.sample(["api", "product", "open-weights", "research-only", "internal"], 2))
        )
        # Deeper models come out on later days, so that no child precedes its parent
        # within a month (the validator checks the order).
        day = min(28, 1 + 3 * m.depth)
        precision = rng.choice((1, 2, 2, 2))
        dates = [
            {
                "kind": rng.choice(("announced", "paper", "api-release", "beta")),
                "date": self.date_text(m.date, day, precision),
                "sources": self.citations(m.family, most=1),
            }
        ]
        if rng.random() < 0.25:
            dates.insert(
                0,
                {
                    "kind": "training-cutoff",
                    "date": self.date_text(_add_months(m.date, -rng.randint(3, 12)), 1, 1),
                    "sources": self.citations(m.family, most=1),
                },
            )
        if rng.random() < 0.2:
            end = _add_months(m.date, rng.randint(12, 36))
            dates.append(
                {
                    "kind": rng.choice(("deprecated", "shutdown")),
                    "date": self.date_text(end, 4, 2),
                    "note": self.text(
                        "开发者提前公布了这个日期。", "Announced ahead by the developer."
                    ),
                    "sources": self.citations(m.family, most=1),
                }
            )
        record["dates"] = dates
        if m.size is not None:
            params: Data = {"billions": m.size, "sources": self.citations(m.family)}
            if rng.random() < 0.2:
                params["approximate"] = True
        else:
            params = {
                "note": self.text(
                    "开发者没有公开参数量。", "The developer has not disclosed the size."
                ),
                "sources": self.citations(m.family, most=1),
            }
        record["parameters"] = params
        if rng.random() < 0.85:
            window: Data = {"tokens": m.context, "sources": self.citations(m.family, most=1)}
            if rng.random() < 0.1:
                window["note"] = self.text("包括输入和输出。", "Counting both input and output.")
            record["context_window"] = window
        if rng.random() < 0.4:
            zh, en = self.filler(1)
            record["training_data"] = [
                {"text": {"zh": zh, "en": en}, "sources": self.citations(m.family)}
            ]
        papers = self.family_papers.get(m.family) or []
        if papers and rng.random() < 0.5:
            record["papers"] = [rng.choice(papers)]
        if m.origin and m.origin != "pretraining":
            record["origin_method"] = m.origin
        if m.parents:
            record["parents"] = m.parents
        if m.observed:
            record["capabilities"] = m.observed
        if rng.random() < 0.15:
            zh, en = self.filler(1)
            record["notes"] = [{"text": {"zh": zh, "en": en}, "sources": self.citations(m.family)}]
        if rng.random() < 0.04:
            record["disagreements"] = [
                {
                    "claim": self.text(
                        "一篇转载文章说它比上一代多了一个训练步骤。",
                        "A reposted article says it went through one more training step.",
                    ),
                    "resolution": self.text(
                        "开发者的说明里没有这一步，这里以一手资料为准。",
                        "The developer's notes list no such step; we follow the primary source.",
                    ),
                    "sources": self.citations(m.family),
                }
            ]
        record["sources"] = self.citations(m.family)
        return record

    # -- capabilities -------------------------------------------------------------
    def _capabilities(self) -> None:
        count = min(40, 16 + self.n // 200)
        names = dict(CAPABILITIES)
        for cid in self.refs.sorted("capabilities"):
            names.setdefault(cid, (f"能力{cid}", f"Capability {cid}"))
        k = 0
        while len(names) < count:
            k += 1
            names[f"skill-{k}"] = (f"合成技能{_zh_number(k)}", f"Synthetic skill {k}")
        roots = [m for m in self.models if not m.parents]
        self.origins: dict[str, set[str]] = {}
        for cid in sorted(names):
            zh, en = names[cid]
            origins = []
            for _ in range(1 if self.rng.random() < 0.7 else 2):
                if self.rng.random() < 0.5:
                    model = self.rng.choice(roots)
                    method = model.origin or "pretraining"
                else:
                    model = self.rng.choice(self.models)
                    edge = self.rng.choice(model.parents) if model.parents else None
                    method = edge["method"] if edge else (model.origin or "pretraining")
                if any(o["model"] == model.id for o in origins):
                    continue
                origins.append(
                    {
                        "method": method,
                        "model": model.id,
                        "grade": self.grade(),
                        "evidence": self.text(
                            f"相关论文的评测首次在 {model.id} 上观察到{zh}。",
                            f"The evaluations in the paper first observe "
                            f"{en.lower()} in {model.id}.",
                        ),
                        "sources": self.citations(model.family, most=1),
                    }
                )
            self.origins[cid] = {o["model"] for o in origins}
            record: Data = {
                "id": cid,
                "name": {"zh": zh, "en": en},
                "description": self.text(
                    f"{zh}：模型在没有专门训练的情况下完成这类任务的能力。",
                    f"{en}: doing this kind of task without being trained for it specifically.",
                    extra=1,
                ),
                "origins": origins,
                "sources": self.citations(most=2),
            }
            if self.rng.random() < 0.5:
                record["glossary"] = [self.rng.choice(sorted(self.out["glossary"]))]
            if self.rng.random() < 0.3:
                zh_q, en_q = self.filler(1)
                record["open_questions"] = [
                    {"text": {"zh": zh_q, "en": en_q}, "sources": self.citations(most=1)}
                ]
            self.out["capabilities"][cid] = record

    def _effects_and_status(self) -> None:
        """Add edge effects that fit what each parent has, then observations that agree."""
        caps = sorted(self.out["capabilities"])
        has: dict[str, set[str]] = {}
        for model in self.models:  # generation order is topological
            for edge in model.parents:
                if self.rng.random() < 0.25:
                    effects = []
                    held = sorted(has[edge["model"]])
                    for _ in range(self.rng.randint(1, 2)):
                        used = {e["capability"] for e in effects}
                        if held and self.rng.random() < 0.6:
                            cid = self.rng.choice(held)
                            weights = (("strengthened", 50), ("weakened", 35), ("lost", 15))
                            change = self.pick(weights)
                        else:
                            cid = self.rng.choice(caps)
                            change = "added" if cid not in held else "strengthened"
                        if cid in used:
                            continue
                        effects.append(
                            {
                                "capability": cid,
                                "change": change,
                                "grade": self.grade(),
                                "sources": self.citations(model.family, most=1),
                            }
                        )
                    edge["effects"] = effects
            mine = set()
            for cid in caps:  # the package's own rule, with parent indices for edges
                inherited = [i for i, e in enumerate(model.parents) if cid in has[e["model"]]]
                changes = [
                    (x["change"], i)
                    for i, e in enumerate(model.parents)
                    for x in e.get("effects", [])
                    if x["capability"] == cid
                ]
                if status_of(model.id in self.origins[cid], inherited, changes).has:
                    mine.add(cid)
            has[model.id] = mine
            if self.rng.random() < 0.08:
                cid = self.rng.choice(caps)
                status = (
                    ("present" if self.rng.random() < 0.7 else "weak") if cid in mine else "absent"
                )
                model.observed = [
                    {
                        "capability": cid,
                        "status": status,
                        "grade": self.grade(),
                        "sources": self.citations(model.family, most=1),
                    }
                ]

    # -- grades that keep their promise -------------------------------------------
    def _ground_grades(self) -> None:
        """Give every official and paper claim what the validator requires of it.

        Run last, so the random choices before it stay as they were: an official
        claim gets a quoted citation of its developer's release notes, a paper claim a
        quoted, located citation of its family's paper (or becomes an inference when
        the family has none).
        """
        models = self.out["models"]
        for mid, record in sorted(models.items()):
            for edge in record.get("parents") or []:
                self._ground(edge, mid)
                for effect in edge.get("effects") or []:
                    self._ground(effect, mid)
            for seen in record.get("capabilities") or []:
                self._ground(seen, mid)
        for _, cap in sorted(self.out["capabilities"].items()):
            for origin in cap["origins"]:
                self._ground(origin, origin["model"])

    def _ground(self, claim: Data, subject: str) -> None:
        family = self.by_id[subject].family
        if claim["grade"] == "official":
            wanted = {"source": self.family_source[family]}
        elif claim["grade"] == "paper":
            papers = self.family_papers.get(family)
            if not papers:
                claim["grade"] = "inference"
                return
            wanted = {"paper": papers[0]}
        else:
            return
        key = next(iter(wanted))
        cited = next((c for c in claim["sources"] if c.get(key) == wanted[key]), None)
        if cited is None:
            cited = dict(wanted)
            claim["sources"].insert(0, cited)
        cited.setdefault("locator", LOCATORS[len(claim["sources"]) % len(LOCATORS)])
        cited["quote"] = f"{subject} was trained as this record describes."

    # -- links that need every model --------------------------------------------
    def _paper_links(self) -> None:
        by_family: dict[str, list[Model]] = {}
        for model in self.models:
            by_family.setdefault(model.family, []).append(model)
        for family, pids in sorted(self.family_papers.items()):
            members = by_family.get(family, [])
            for pid in pids:
                paper = self.out["papers"][pid]
                introduced = [m.id for m in members[:6]]
                if introduced:
                    paper["introduces"] = introduced
                if members and self.rng.random() < 0.4:
                    rows = []
                    for m in members[:4]:
                        row: Data = {
                            "paper_name": f"{family.title()} {_size_tag(m.size or 1).upper()}",
                            "model": m.id,
                            "api_name": m.id if self.rng.random() < 0.7 else None,
                        }
                        if m.size:
                            row["billions"] = m.size
                        rows.append(row)
                    paper["model_mapping"] = rows
                    paper["mapping_sources"] = [{"source": self.family_source[family]}]

    def _limitations(self) -> None:
        names = dict(LIMITATIONS)
        for lid in self.refs.sorted("limitations"):
            names.setdefault(lid, (f"局限{lid}", f"Limitation {lid}"))
        for k in range(self.n // 250):
            names[f"limit-{k + 1}"] = (
                f"合成局限{_zh_number(k + 1)}",
                f"Synthetic limitation {k + 1}",
            )
        ids = [m.id for m in self.models]
        for lid in sorted(names):
            zh, en = names[lid]
            affected = sorted(set(self.rng.sample(ids, min(len(ids), self.rng.randint(3, 15)))))
            record: Data = {
                "id": lid,
                "name": {"zh": zh, "en": en},
                "description": self.text(
                    f"{zh}是这些模型共有的弱点，提示技巧只能部分弥补。",
                    f"{en} is a weakness these models share; prompting only partly helps.",
                    extra=1,
                ),
                "affects": affected,
                "sources": self.citations(most=1),
            }
            if self.rng.random() < 0.6:
                zh_e, en_e = self.filler(1)
                record["examples"] = [
                    {"text": {"zh": zh_e, "en": en_e}, "sources": self.citations()}
                ]
            if self.rng.random() < 0.5:
                record["mitigations"] = [
                    {
                        "text": self.text(
                            "接入检索可以缓解一部分问题。", "Adding retrieval helps somewhat."
                        ),
                        "models": affected[:1],
                        "papers": [self.rng.choice(sorted(self.out["papers"]))],
                        "sources": self.citations(most=1),
                    }
                ]
            self.out["limitations"][lid] = record

    def _referenced_extras(self) -> None:
        """Models the pages link to but that N was too small to include."""
        for mid in self.model_queue:
            family = self.models[0].family if self.models else "misc"
            self.family_source.setdefault(family, sorted(self.out["sources"])[0])
            model = Model(mid, family, (2020, 1), 0, 1.3, 2048, origin="pretraining")
            self.models.append(model)
            self.out["models"][mid] = self._model_record(model)
        self.model_queue.clear()


# ---------------------------------------------------------------------------
# Small pure helpers
# ---------------------------------------------------------------------------


def _add_months(date: tuple[int, int], months: int) -> tuple[int, int]:
    total = date[0] * 12 + date[1] - 1 + months
    return (total // 12, total % 12 + 1)


def _size_tag(billions: float) -> str:
    if billions < 1:
        return f"{round(billions * 1000)}m"
    return f"{billions:g}b".replace(".", "p")


def _display_name(mid: str) -> str:
    """lyra-sft-18 → Lyra SFT 18, orion-6p7b → Orion 6.7B."""
    words = []
    for part in mid.split("-"):
        if part[:1].isdigit():
            words.append(part.replace("p", ".").upper())
        elif part in ("sft", "rlhf", "rm", "bc"):
            words.append(part.upper())
        else:
            words.append(part.title())
    return " ".join(words)


_DIGITS = "零一二三四五六七八九"


def _zh_number(k: int) -> str:
    """1 → 一, 12 → 一二: distinct Chinese strings, so term names stay distinct."""
    return "".join(_DIGITS[int(d)] for d in str(k))


# ---------------------------------------------------------------------------
# Writing a project
# ---------------------------------------------------------------------------

COPIED = ("docs", "hooks", "overrides", "mkdocs.yml")


class _Dumper(yaml.SafeDumper):
    """Plain YAML: never anchors or aliases (the loader rejects them)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(record: Data, kind: str) -> str:
    header = f"# yaml-language-server: $schema=../schema/{KINDS[kind].schema}.schema.json\n"
    body = yaml.dump(
        record, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, indent=2
    )
    return header + body


def generate(
    n: int, seed: int = 0, refs: References | None = None, shape: str = "wide"
) -> dict[str, dict[str, Data]]:
    """The records of a synthetic dataset, by kind and id."""
    return Generator(n, seed, refs, shape).generate()


def copy_parts(source: Path, target: Path, names: Iterable[str]) -> None:
    """Copy the named files and folders of a project, leaving bytecode behind."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in names:
        path = source / name
        if path.is_dir():
            shutil.copytree(path, target / name, ignore=ignore)
        elif path.is_file():
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / name)


def write_project(
    target: Path, n: int, seed: int = 0, source: Path = ROOT, shape: str = "wide"
) -> dict[str, int]:
    """Write a complete project with `n` synthetic models into `target` (emptied first)."""
    target = Path(target)
    if target.exists():
        for name in ("data", *COPIED):
            path = target / name
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()
    target.mkdir(parents=True, exist_ok=True)
    copy_parts(source, target, COPIED)
    copy_parts(source / "data", target / "data", ("schema", "templates"))
    refs = scan_docs(target / "docs", source / "data")
    records = generate(n, seed, refs, shape)
    counts = {}
    for kind, by_id in records.items():
        folder = target / "data" / kind
        folder.mkdir(parents=True, exist_ok=True)
        for rid, record in sorted(by_id.items()):
            (folder / f"{rid}.yaml").write_text(dump(record, kind), encoding="utf-8")
        counts[kind] = len(by_id)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models", "-n", type=int, default=500, help="number of models (50–5000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True, help="project folder to (re)write")
    parser.add_argument("--source", type=Path, default=ROOT, help="project to copy pages from")
    parser.add_argument("--shape", choices=SHAPES, default="wide", help="families, or one chain")
    args = parser.parse_args(argv)
    counts = write_project(args.out, args.models, args.seed, args.source, args.shape)
    print(f"{args.out}: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
