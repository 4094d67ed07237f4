"""Every enumerated value the data may use, in one place: labels and how each is drawn.

The JSON Schemas list the values a contributor may write; this registry gives each
one its words in both languages and, where a diagram or legend shows it, its colour,
line style or shape. A test checks that the two agree, so a value added to a schema
without its words here fails the tests instead of the build (KeyError).
"""

from __future__ import annotations

from dataclasses import dataclass, field

Text = dict[str, str]  # {"zh": ..., "en": ...}


@dataclass(frozen=True)
class Value:
    label: Text
    title: Text = field(default_factory=dict)  # a longer explanation, where one helps
    colour: str = ""  # edge or node colour in diagrams and legends
    style: str = ""  # Graphviz line style, or node shape
    role: str = ""  # what the rest of the code needs to know about it


def _v(zh: str, en: str, **extra: object) -> Value:
    return Value(label={"zh": zh, "en": en}, **extra)  # type: ignore[arg-type]


# How strong the evidence for a claim is (common.schema.json, $defs/grade).
GRADES: dict[str, Value] = {
    "official": _v(
        "官方说明",
        "Official",
        title={"zh": "开发者本身的说明", "en": "Stated by the developer"},
        style="solid",
    ),
    "paper": _v(
        "论文",
        "Paper",
        title={"zh": "论文中的报告", "en": "Reported in a paper"},
        style="solid",
    ),
    "inference": _v(
        "推断",
        "Inference",
        title={"zh": "根据证据做出的推断", "en": "Inferred from evidence"},
        style="dashed",
    ),
    "hypothesis": _v(
        "假说",
        "Hypothesis",
        title={"zh": "合理但未经证实的假说", "en": "Plausible but unconfirmed"},
        style="dotted",
    ),
}

# What a training method is (method.schema.json, category). Colours are mid-tones
# that read on Material's light and dark backgrounds alike. `role`: "relation" for
# methods that relate models without training one from the other (the child was
# trained from scratch), "replacement" for a relation along which nothing is
# inherited, "prompting" for methods that train nothing at all.
CATEGORIES: dict[str, Value] = {
    "pretraining": _v("预训练", "Pretraining", colour="#8692a9"),
    "code": _v("代码训练", "Code training", colour="#3b82f6"),
    "sft": _v("有监督微调", "Supervised fine-tuning", colour="#1da74f"),
    "instruction-tuning": _v("指令微调", "Instruction tuning", colour="#68a011"),
    "feedme": _v("FeedME", "FeedME", colour="#12a393"),
    "reward-model": _v("奖励模型", "Reward modelling", colour="#b45309"),
    "rlhf": _v("人类反馈强化学习", "RLHF", colour="#f26706"),
    "contrastive": _v("对比学习", "Contrastive training", colour="#a855f7"),
    "prompting": _v("提示方法", "Prompting", colour="#8692a9", role="prompting"),
    "successor": _v("后继模型", "Successor", colour="#d97706", role="relation"),
    # The developer names one model as the replacement of a retired one. Nothing says
    # the new model continues the old one's recipe, so no capability passes along it.
    "replacement": _v("替代模型", "Replacement", colour="#64748b", role="replacement"),
    "snapshot": _v("快照", "Snapshot", colour="#f258a9"),
    "replication": _v("复现", "Replication", colour="#ef4444", role="relation"),
    "other": _v("其他", "Other", colour="#8293ac"),
}

# Dated events of a model (model.schema.json, dates[].kind). "start": the model came
# into being; "end": it was retired (the only dates that may lie in the future).
DATE_KINDS: dict[str, Value] = {
    "announced": _v("公布", "Announced", role="start"),
    "paper": _v("论文发表", "Paper", role="start"),
    "beta": _v("测试版", "Beta", role="start"),
    "api-release": _v("API 上线", "API release", role="start"),
    "product-launch": _v("产品发布", "Product launch", role="start"),
    "open-weights": _v("开放权重", "Weights released", role="start"),
    "deprecated": _v("宣布弃用", "Deprecated", role="end"),
    "shutdown": _v("停止服务", "Shut down", role="end"),
    "training-cutoff": _v("训练数据截止", "Training data up to"),
}

# How a model was available (model.schema.json, availability).
AVAILABILITY: dict[str, Value] = {
    "api": _v("API", "API"),
    "product": _v("产品", "Product"),
    "open-weights": _v("开放权重", "Open weights"),
    "research-only": _v("仅限研究", "Research only"),
    "internal": _v("内部模型", "Internal"),
}

# What a training step did to a capability (model.schema.json, parents[].effects[].change).
CHANGES: dict[str, Value] = {
    "added": _v("获得", "gained"),
    "strengthened": _v("增强", "strengthened"),
    "weakened": _v("减弱", "weakened"),
    "lost": _v("失去", "lost"),
}

# What a source observed of a model (model.schema.json, capabilities[].status).
OBSERVED: dict[str, Value] = {
    "present": _v("具备", "present"),
    "weak": _v("较弱", "weak"),
    "absent": _v("不具备", "absent"),
}

# What the model × capability matrix shows in a cell (capabilities.Status.cell): not
# a schema enum but computed. Only "not-recorded" has no claim behind it.
CELLS: dict[str, Value] = {
    "gained": _v(
        "获得",
        "gained",
        title={
            "zh": "能力从这里开始：这个模型是它的来源，或者这一步训练加入了它。",
            "en": "The capability starts here: this model is its source, or this step added it.",
        },
    ),
    "strengthened": _v(
        "增强",
        "strengthened",
        title={
            "zh": "从上游继承，并有来源记录这一步训练使它变强。",
            "en": "Inherited, and a source records that this training step made it stronger.",
        },
    ),
    "weakened": _v(
        "减弱",
        "weakened",
        title={
            "zh": "从上游继承，并有来源记录这一步训练使它变弱。",
            "en": "Inherited, and a source records that this training step made it weaker.",
        },
    ),
    "lost": _v(
        "失去",
        "lost",
        title={
            "zh": "上游具备，有来源记录这一步训练之后不再具备。",
            "en": "The parent has it, and a source records that it is gone after this step.",
        },
    ),
    "inherited": _v(
        "继承",
        "inherited",
        title={
            "zh": "从上游继承，这一步没有记录变化；证据指向最初获得它的那一步。",
            "en": "Passed down, no change recorded; the evidence is where it was first gained.",
        },
    ),
    "absent": _v(
        "不具备",
        "absent",
        title={
            "zh": "有来源明确记录这个模型不具备这项能力。",
            "en": "A source records that this model does not have the capability.",
        },
    ),
    "not-recorded": _v(
        "未记录",
        "not recorded",
        title={
            "zh": "没有来源记录这个模型具备或不具备这项能力。这不等于不具备。",
            "en": "No source records whether this model has it. That does not mean it lacks it.",
        },
    ),
}

# What kind of web page a source is (source.schema.json, type).
SOURCE_TYPES: dict[str, Value] = {
    "documentation": _v("文档", "Documentation"),
    "announcement": _v("公告", "Announcement"),
    "blog": _v("博客", "Blog post"),
    "article": _v("文章", "Article"),
    "course": _v("课程", "Course"),
    "code": _v("代码", "Code"),
}

# Boxes of a method's pipeline (method.schema.json, pipeline.nodes[].kind).
PIPELINE_KINDS: dict[str, Value] = {
    "data": _v("数据", "Data", colour="#7f8c8d", style="note"),
    "step": _v("步骤", "Step", colour="#2e86de", style="box"),
    "model": _v("模型", "Model", colour="#d86c16", style="ellipse"),
}

# Model families (model.schema.json, family): their names and how their nodes are drawn.
# Each has its own colour (a mid-tone readable on light and dark backgrounds) and a
# border: solid for OpenAI's families, dashed for other developers', so two similar
# hues are still told apart. A family missing here is drawn with a fallback colour and
# its id as its name; tests/test_vocabulary.py keeps every family in data/ listed.
# role "story": the families the home page's GPT-3.5 picture draws beside its path.
FAMILIES: dict[str, Value] = {
    "gpt": _v("GPT-1 与 GPT-2", "GPT-1 and GPT-2", colour="#0284c7", style="solid"),
    "gpt-3": _v("GPT-3", "GPT-3", colour="#2563eb", style="solid"),
    "codex": _v("Codex", "Codex", colour="#874aee", style="solid", role="story"),
    "instructgpt": _v("InstructGPT", "InstructGPT", colour="#16a34a", style="solid", role="story"),
    "gpt-3.5": _v("GPT-3.5", "GPT-3.5", colour="#e11d48", style="solid", role="story"),
    "webgpt": _v("WebGPT", "WebGPT", colour="#db2777", style="solid"),
    "embeddings": _v("嵌入模型", "Embedding models", colour="#a16207", style="solid"),
    "gpt-base": _v(
        "GPT 基础模型（2023）", "GPT base models (2023)", colour="#0d9488", style="solid"
    ),
    "gpt-4": _v("GPT-4", "GPT-4", colour="#c2410c", style="solid"),
    "bert": _v("BERT", "BERT", colour="#64748b", style="dashed"),
    "unilm": _v("UniLM", "UniLM", colour="#645ce8", style="dashed"),
    "t5": _v("T5", "T5", colour="#059669", style="dashed"),
    "bart": _v("BART", "BART", colour="#c28504", style="dashed"),
    "lamda": _v("LaMDA 与 FLAN", "LaMDA and FLAN", colour="#0891b2", style="dashed"),
    "palm": _v("PaLM", "PaLM", colour="#993feb", style="dashed"),
    "opt": _v("OPT", "OPT", colour="#dc2626", style="dashed"),
}
FALLBACK_TINTS = ("#2563eb", "#16a34a", "#ea580c", "#7c3aed", "#dc2626", "#0d9488", "#ca8a04")


def family_style(family_id: str, index: int = 0) -> Value:
    """A family's names, colour and border; `index` picks a fallback for unlisted ones."""
    if family_id in FAMILIES:
        return FAMILIES[family_id]
    colour = FALLBACK_TINTS[index % len(FALLBACK_TINTS)]
    return Value(label={"zh": family_id, "en": family_id}, colour=colour, style="solid")


# Which vocabulary each schema enum uses: (schema file, path to the enum).
SCHEMA_ENUMS: dict[tuple[str, str], dict[str, Value]] = {
    ("common", "$defs.grade"): GRADES,
    ("method", "category"): CATEGORIES,
    ("method", "pipeline.nodes[].kind"): PIPELINE_KINDS,
    ("model", "availability[]"): AVAILABILITY,
    ("model", "dates[].kind"): DATE_KINDS,
    ("model", "parents[].effects[].change"): CHANGES,
    ("model", "capabilities[].status"): OBSERVED,
    ("source", "type"): SOURCE_TYPES,
}


def label_of(vocabulary: dict[str, Value], value: str, lang: str) -> str:
    return vocabulary[value].label[lang]


def with_role(vocabulary: dict[str, Value], role: str) -> tuple[str, ...]:
    return tuple(value for value, entry in vocabulary.items() if entry.role == role)


START_DATES = with_role(DATE_KINDS, "start")
END_DATES = with_role(DATE_KINDS, "end")
RELATION_CATEGORIES = with_role(CATEGORIES, "relation") + with_role(CATEGORIES, "replacement")
UNINHERITED_CATEGORIES = with_role(CATEGORIES, "replacement")
