"""Interface words for generated pages, in both languages, and locale formatting.

Chinese is written for Chinese readers, not translated word for word: dates read
"2022年3月", sizes read "1750 亿".
"""

from __future__ import annotations

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

_LABELS: dict[str, tuple[str, str]] = {
    # sections
    "models": ("模型", "Models"),
    "papers": ("论文", "Papers"),
    "methods": ("训练方法", "Training methods"),
    "capabilities": ("能力", "Capabilities"),
    "glossary": ("术语表", "Glossary"),
    "limitations": ("局限", "Limitations"),
    "sources": ("参考资料", "References"),
    "lineage": ("演化谱系", "Lineage"),
    "matrix": ("模型 × 能力矩阵", "Model × capability matrix"),
    # model facts
    "organization": ("机构", "Organisation"),
    "family": ("家族", "Family"),
    "aliases": ("别名", "Also known as"),
    "alias.api": ("API 名称", "API name"),
    "alias.paper": ("论文中的名称", "Name in papers"),
    "alias.product": ("产品名", "Product name"),
    "alias.other": ("其他叫法", "Other names"),
    "parameters": ("参数量", "Parameters"),
    "context_window": ("上下文窗口", "Context window"),
    "tokens": ("个 token", "tokens"),
    "dates": ("时间", "Dates"),
    "availability": ("获取方式", "Availability"),
    "training_data": ("训练数据", "Training data"),
    "undisclosed": ("未公开", "undisclosed"),
    "approximately": ("约", "about"),
    "date.announced": ("公布", "Announced"),
    "date.paper": ("论文发表", "Paper"),
    "date.beta": ("测试版", "Beta"),
    "date.api-release": ("API 上线", "API release"),
    "date.product-launch": ("产品发布", "Product launch"),
    "date.open-weights": ("开放权重", "Weights released"),
    "date.deprecated": ("宣布弃用", "Deprecated"),
    "date.shutdown": ("停止服务", "Shut down"),
    "date.training-cutoff": ("训练数据截止", "Training data up to"),
    "avail.api": ("API", "API"),
    "avail.product": ("产品", "Product"),
    "avail.open-weights": ("开放权重", "Open weights"),
    "avail.research-only": ("仅限研究", "Research only"),
    "avail.internal": ("内部模型", "Internal"),
    # lineage
    "parents": ("上游模型", "Derived from"),
    "children": ("下游模型", "Led to"),
    "no_parents": (
        "数据中没有它的上游模型：它是从头训练的（{method}）。",
        "No parent in the data: it was trained from scratch ({method}).",
    ),
    "no_children": ("数据中还没有由它派生的模型。", "No model in the data derives from it yet."),
    "model": ("模型", "Model"),
    "parent": ("上游", "Parent"),
    "child": ("下游", "Child"),
    "method": ("方法", "Method"),
    "evidence": ("证据", "Evidence"),
    "grade": ("证据等级", "Evidence grade"),
    "note": ("说明", "Note"),
    "source": ("来源", "Source"),
    "effects": ("能力变化", "Effect on capabilities"),
    "diagram.neighbourhood": ("{name} 的上下游", "Ancestors and descendants of {name}"),
    "diagram.neighbourhood.desc": (
        "以 {name} 为中心、向上 {up} 代、向下 {down} 代的谱系图。箭头从上游模型指向下游模型，线型表示训练方法，实线为官方或论文证据，虚线为推断，点线为假说。",
        "Lineage around {name}, {up} generations up and {down} down. Arrows point from parent to child; line colour gives the training method; solid lines are backed by an official statement or a paper, dashed lines by inference, dotted lines are hypotheses.",
    ),
    "diagram.lineage": ("完整谱系", "The whole lineage"),
    "diagram.lineage.desc": (
        "数据中全部 {count} 个模型的演化图，按时间从左到右排列，按家族分组。",
        "All {count} models in the data, earliest on the left, grouped by family.",
    ),
    "diagram.pipeline": ("{name}：流程图", "{name}: pipeline"),
    "diagram.pipeline.desc": (
        "{name} 的各个步骤及其输入输出。",
        "The steps of {name} and what flows between them.",
    ),
    "diagram.capability": ("{name} 在谱系中的路径", "{name} through the lineage"),
    "diagram.capability.desc": (
        "具备{name}的模型；加粗的是最早获得它的模型。",
        "Models that have {name}; the ones where it first appears are drawn bold.",
    ),
    "diagram.edges": ("图中的连线（文字版）", "The edges in this diagram, as text"),
    "diagram.scroll": (
        "图较宽时可以左右滑动查看。",
        "Scroll sideways when the diagram is wider than the page.",
    ),
    "diagram.legend": ("图例", "Legend"),
    "legend.methods": ("连线：训练方法与证据", "Edges: training method and evidence"),
    "legend.families": ("节点：模型家族", "Nodes: model family"),
    "legend.solid": ("实线：官方说明或论文", "Solid: official statement or paper"),
    "legend.dashed": ("虚线：有依据的推断", "Dashed: informed inference"),
    "legend.dotted": ("点线：假说", "Dotted: hypothesis"),
    "diagram.truncated": (
        "图中只画出离 {name} 最近的 {shown} 个模型（共 {total} 个），完整列表见下表。",
        "The diagram shows the {shown} models nearest to {name} (of {total}); the table below lists all.",
    ),
    # grades
    "grade.official": ("官方说明", "Official"),
    "grade.paper": ("论文", "Paper"),
    "grade.inference": ("推断", "Inference"),
    "grade.hypothesis": ("假说", "Hypothesis"),
    "grade.official.title": ("开发者本身的说明", "Stated by the developer"),
    "grade.paper.title": ("论文中的报告", "Reported in a paper"),
    "grade.inference.title": ("根据证据做出的推断", "Inferred from evidence"),
    "grade.hypothesis.title": ("合理但未经证实的假说", "Plausible but unconfirmed"),
    # capabilities
    "change.origin": ("首次出现", "first appears"),
    "change.added": ("获得", "gained"),
    "change.strengthened": ("增强", "strengthened"),
    "change.weakened": ("减弱", "weakened"),
    "change.lost": ("失去", "lost"),
    "cell.gained": ("获得", "gained here"),
    "cell.has": ("具备", "has"),
    "cell.strengthened": ("增强", "strengthened"),
    "cell.weakened": ("减弱", "weakened"),
    "cell.lost": ("失去", "lost"),
    "cell.absent": ("无", "absent"),
    "capability": ("能力", "Capability"),
    "source_stage": ("来源阶段", "Source stage"),
    "first_model": ("最早的模型", "First model"),
    "ability_sources": ("这些能力从哪里来", "Where this model's abilities come from"),
    "ability_sources.intro": (
        "下表由谱系数据自动推算：沿着上游链路找到每项能力最早出现的模型和对应的训练步骤。",
        "Computed from the lineage: each capability is followed up the chain of parents to the model and training step where it first appears.",
    ),
    "ability_sources.none": (
        "数据中还没有记录这个模型的能力。",
        "No capability is traced to this model yet.",
    ),
    "gained_at": ("获得于", "Gained at"),
    "along_the_way": ("途中的变化", "Changes since"),
    "path": ("路径", "Path"),
    "observed": ("文献中的观察", "Observed in the sources"),
    "status.present": ("具备", "present"),
    "status.weak": ("较弱", "weak"),
    "status.absent": ("不具备", "absent"),
    "origins": ("来源", "Where it comes from"),
    "open_questions": ("反证与未解问题", "Counter-evidence and open questions"),
    "models_with": ("具备这项能力的模型", "Models with this capability"),
    "matrix.intro": (
        "每一格由谱系推算：“获得”表示能力在这里首次出现或由这一步训练加入；“增强”“减弱”“失去”来自连线上记录的变化；“具备”表示从上游继承。点击表头可以排序。",
        "Each cell is computed from the lineage: 'gained here' is where a capability first appears or a training step adds it; 'strengthened', 'weakened' and 'lost' come from changes recorded on edges; 'has' means inherited from a parent. Click a column heading to sort.",
    ),
    "capabilities.intro": (
        "每项能力来自哪一步训练、最早出现在哪个模型，以及证据有多强。",
        "Which training step each capability comes from, the first model that has it, and how strong the evidence is.",
    ),
    "affects": ("受影响的模型", "Affected models"),
    "examples": ("例子", "Examples"),
    "mitigations": ("缓解办法", "What helps"),
    "limitations.intro": (
        "GPT-3.5 系列做不到或做不好的事，以及后来的工作如何应对。",
        "What the GPT-3.5 models cannot do, or do poorly, and how later work addresses it.",
    ),
    # papers
    "title": ("标题", "Title"),
    "published": ("发表时间", "Published"),
    "authors": ("作者", "Authors"),
    "et_al": ("等", "et al."),
    "venue": ("发表于", "Venue"),
    "read": ("阅读论文", "Read the paper"),
    "introduces": ("提出的模型", "Models introduced"),
    "model_mapping": ("论文模型与 API 模型的对应", "Models in the paper and in the API"),
    "paper_name": ("论文中的名称", "Name in the paper"),
    "api_name": ("API 中的名称", "API name"),
    "no_api_match": ("API 中没有相近的模型", "No close match in the API"),
    "described_by": ("相关论文", "Papers"),
    # methods
    "category": ("类别", "Category"),
    "numbers": ("数字", "Figures"),
    "pipeline": ("流程", "Pipeline"),
    "used_by": ("用这种方法得到的模型", "Models produced this way"),
    "related_terms": ("相关术语", "Related terms"),
    "category.pretraining": ("预训练", "Pretraining"),
    "category.code": ("代码训练", "Code training"),
    "category.sft": ("有监督微调", "Supervised fine-tuning"),
    "category.feedme": ("FeedME", "FeedME"),
    "category.reward-model": ("奖励模型", "Reward modelling"),
    "category.rlhf": ("人类反馈强化学习", "RLHF"),
    "category.instruction-tuning": ("指令微调", "Instruction tuning"),
    "category.contrastive": ("对比学习", "Contrastive training"),
    "category.prompting": ("提示方法", "Prompting"),
    "category.successor": ("后继模型", "Successor"),
    "category.snapshot": ("快照", "Snapshot"),
    "category.replication": ("复现", "Replication"),
    "category.other": ("其他", "Other"),
    # glossary
    "term": ("术语", "Term"),
    "abbr": ("缩写", "Abbreviation"),
    "definition": ("释义", "Definition"),
    "see_also": ("详见", "See"),
    "glossary.intro": (
        "本站用到的术语。文章中出现这些词时，鼠标悬停即可看到释义。",
        "The terms this site uses. In the articles, hover over a term to see its definition.",
    ),
    # misc
    "notes": ("补充说明", "Notes"),
    "disagreements": ("资料之间的分歧", "Where sources disagree"),
    "claim": ("其他资料的说法", "Claimed elsewhere"),
    "resolution": ("本站的处理", "What we follow"),
    "record_sources": ("来源", "Sources"),
    "edit_data": (
        "这一页由 {path} 生成，发现错误欢迎直接修改该文件。",
        "This page is generated from {path}; to fix a mistake, edit that file.",
    ),
    "name": ("名称", "Name"),
    "field": ("项目", "Field"),
    "value": ("内容", "Value"),
    "date": ("日期", "Date"),
    "summary": ("简介", "Summary"),
    "count.models": ("共 {n} 个模型。", "{n} models."),
    "models.intro": (
        "数据中的全部模型。点击表头可以排序，点击名称查看详情。",
        "Every model in the data. Click a heading to sort, a name for details.",
    ),
    "papers.intro": (
        "数据引用的论文，以及论文中的模型与 API 模型的对应关系。",
        "The papers the data cites, and how their models map to API models.",
    ),
    "methods.intro": (
        "谱系连线上用到的训练方法，以及文章中讨论的提示方法。",
        "The training methods on the lineage edges, and the prompting methods the articles discuss.",
    ),
    "sources.intro": (
        "数据与文章引用的网页资料。论文另见论文列表。",
        "Web pages the data and articles cite. Papers have their own list.",
    ),
    "sources.primary": ("一手资料", "Primary"),
    "sources.secondary": ("二手资料", "Secondary"),
    "lineage.intro": (
        "从 GPT-1 到 ChatGPT，以及文中用来对比的其他模型。每个节点都可以点击。",
        "From GPT-1 to ChatGPT, with the other models the articles compare against. Every node is a link.",
    ),
    "exports": ("数据下载", "Download the data"),
    "exports.intro": (
        "全部数据的 JSON 与 CSV 导出，地址固定：",
        "The whole dataset as JSON and CSV, at stable addresses:",
    ),
    "type.documentation": ("文档", "Documentation"),
    "type.announcement": ("公告", "Announcement"),
    "type.blog": ("博客", "Blog post"),
    "type.article": ("文章", "Article"),
    "type.course": ("课程", "Course"),
    "type.code": ("代码", "Code"),
    "publisher": ("发布者", "Publisher"),
    "type": ("类型", "Type"),
}

_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def t(key: str, lang: str, **values: object) -> str:
    """The interface text for `key` in `lang`, with {placeholders} filled in."""
    zh, en = _LABELS[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


def has(key: str) -> bool:
    return key in _LABELS


def text(value: dict[str, str], lang: str) -> str:
    """Pick a language from a bilingual {zh, en} value."""
    return value[lang]


def format_date(date: str, lang: str) -> str:
    parts = [int(p) for p in date.split("-")]
    if lang == "zh":
        units = ("年", "月", "日")
        return "".join(f"{p}{u}" for p, u in zip(parts, units, strict=False))
    if len(parts) == 1:
        return str(parts[0])
    month = _MONTHS_EN[parts[1] - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{parts[2]} {month} {parts[0]}"


def format_billions(billions: float, lang: str) -> str:
    """175 → '1750 亿' / '175B'; 0.35 → '3.5 亿' / '350M'."""
    if lang == "zh":
        value = billions * 10
        return f"{_trim(value)} 亿"
    if billions < 1:
        return f"{_trim(billions * 1000)}M"
    return f"{_trim(billions)}B"


def format_int(value: int, lang: str) -> str:
    return f"{value:,}"


def _trim(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text
