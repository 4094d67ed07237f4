"""Interface words for generated pages, in both languages, and locale formatting.

Chinese is written for Chinese readers, not translated word for word: dates read
"2022年3月", sizes read "1750 亿".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

LABELS: dict[str, dict[str, str]] = {
    # sections
    "models": {"zh": "模型", "en": "Models"},
    "papers": {"zh": "论文", "en": "Papers"},
    "methods": {"zh": "训练方法", "en": "Training methods"},
    "capabilities": {"zh": "能力", "en": "Capabilities"},
    "glossary": {"zh": "术语表", "en": "Glossary"},
    "limitations": {"zh": "局限", "en": "Limitations"},
    "sources": {"zh": "参考资料", "en": "References"},
    "lineage": {"zh": "演化谱系", "en": "Lineage"},
    "matrix": {"zh": "模型 × 能力矩阵", "en": "Model × capability matrix"},
    # model facts
    "organization": {"zh": "机构", "en": "Organisation"},
    "family": {"zh": "家族", "en": "Family"},
    "aliases": {"zh": "别名", "en": "Also known as"},
    "alias.api": {"zh": "API 名称", "en": "API name"},
    "alias.paper": {"zh": "论文中的名称", "en": "Name in papers"},
    "alias.product": {"zh": "产品名", "en": "Product name"},
    "alias.other": {"zh": "其他叫法", "en": "Other names"},
    "parameters": {"zh": "参数量", "en": "Parameters"},
    "context_window": {"zh": "上下文窗口", "en": "Context window"},
    "tokens": {"zh": "个 token", "en": "tokens"},
    "dates": {"zh": "时间", "en": "Dates"},
    "availability": {"zh": "获取方式", "en": "Availability"},
    "training_data": {"zh": "训练数据", "en": "Training data"},
    "undisclosed": {"zh": "未公开", "en": "undisclosed"},
    "approximately": {"zh": "约", "en": "about"},
    # lineage
    "parents": {"zh": "上游模型", "en": "Derived from"},
    "children": {"zh": "下游模型", "en": "Led to"},
    "no_parents": {
        "zh": "数据中没有它的上游模型：它是从头训练的（{method}）。",
        "en": "No parent in the data: it was trained from scratch ({method}).",
    },
    "no_children": {
        "zh": "数据中还没有由它派生的模型。",
        "en": "No model in the data derives from it yet.",
    },
    "model": {"zh": "模型", "en": "Model"},
    "parent": {"zh": "上游", "en": "Parent"},
    "child": {"zh": "下游", "en": "Child"},
    "method": {"zh": "方法", "en": "Method"},
    "evidence": {"zh": "证据", "en": "Evidence"},
    "grade": {"zh": "证据等级", "en": "Evidence grade"},
    "note": {"zh": "说明", "en": "Note"},
    "source": {"zh": "来源", "en": "Source"},
    "effects": {"zh": "能力变化", "en": "Effect on capabilities"},
    "diagram.neighbourhood": {"zh": "{name} 的上下游", "en": "Ancestors and descendants of {name}"},
    "diagram.neighbourhood.desc": {
        "zh": "以 {name} 为中心、向上 {up} 代、向下 {down} 代的谱系图。箭头从上游模型指向下游模型，线型表示训练方法，实线为官方或论文证据，虚线为推断，点线为假说。",
        "en": "Lineage around {name}, {up} generations up and {down} down. Arrows point from parent to child; line colour gives the training method; solid lines are backed by an official statement or a paper, dashed lines by inference, dotted lines are hypotheses.",
    },
    "diagram.lineage": {"zh": "完整谱系", "en": "The whole lineage"},
    "diagram.lineage.desc": {
        "zh": "数据中全部 {count} 个模型的演化图：时间从上往下走，左侧是年份；颜色和边框区分模型家族，加粗的是通往 ChatGPT 的主线。没有任何记录连线的模型排在最下面一行。",
        "en": "All {count} models in the data. Time runs downwards, with the years down the side; colour and border tell the families apart, and the path to ChatGPT is drawn bold. Models no recorded edge connects stand in the bottom row.",
    },
    "diagram.story": {"zh": "从 GPT-3 到 ChatGPT", "en": "From GPT-3 to ChatGPT"},
    "diagram.story.desc": {
        "zh": "主线自上而下：{path}。旁边画出从主线上的模型训练出来的 {count} 个{families}分支模型。每条连线标着训练方法，实线为官方或论文证据，虚线为推断，点线为假说。",
        "en": "The main path, top to bottom: {path}. Beside it, the {count} {families} models trained from models on the path. Each edge is labelled with its training method; solid lines are backed by an official statement or a paper, dashed lines by inference, dotted lines are hypotheses.",
    },
    "diagram.skip": {"zh": "跳过此图", "en": "Skip this diagram"},
    "diagram.unconnected": {"zh": "未与其他模型连线：", "en": "Not connected to the others:"},
    "preview.image-alt": {
        "zh": "GPT 演化图谱：从 davinci 经 code-davinci-002、text-davinci-002、text-davinci-003 到 ChatGPT",
        "en": "GPT Lineage Atlas: from davinci through code-davinci-002, text-davinci-002 and text-davinci-003 to ChatGPT",
    },
    "and": {"zh": " 与 ", "en": " and "},
    "sentence.join": {"zh": "", "en": " "},  # between two sentences: Chinese needs no space
    "story.more": {
        "zh": "完整谱系里有全部 {count} 个模型，可以缩放、按家族筛选，也可以突出显示某项能力：[打开谱系图]({href})。",
        "en": "The whole lineage has all {count} models, with zoom, a family filter and a capability highlight: [open the lineage]({href}).",
    },
    "explorer.families": {"zh": "显示的家族", "en": "Families shown"},
    "explorer.capability": {"zh": "突出显示一项能力", "en": "Highlight a capability"},
    "explorer.none": {"zh": "（不突出显示）", "en": "(none)"},
    "explorer.zoom-in": {"zh": "放大", "en": "Zoom in"},
    "explorer.zoom-out": {"zh": "缩小", "en": "Zoom out"},
    "explorer.reset": {"zh": "回到主线", "en": "Back to the main path"},
    "explorer.all": {"zh": "全部", "en": "All"},
    "explorer.help": {
        "zh": "拖动可以平移，滚轮或双指可以缩放。选中一项能力后，具备它的模型会被点亮，获得它的那一步连线会加粗。",
        "en": "Drag to pan; use the wheel or pinch to zoom. Pick a capability to light every model that has it and mark the step where it was gained.",
    },
    "explorer.status": {
        "zh": "{count} 个模型具备{name}，在 {edges} 处获得。",
        "en": "{count} models have {name}; gained at {edges} points.",
    },
    "diagram.pipeline": {"zh": "{name}：流程图", "en": "{name}: pipeline"},
    "diagram.pipeline.desc": {
        "zh": "{name} 的各个步骤及其输入输出。",
        "en": "The steps of {name} and what flows between them.",
    },
    "diagram.capability": {"zh": "{name} 在谱系中的路径", "en": "{name} through the lineage"},
    "diagram.capability.desc": {
        "zh": "{name}是在哪里获得的：加粗的是获得它的模型，上方是它训练自的模型，下方最多画出 {children} 个保留了它的下游模型。谱系图可以点亮所有具备它的模型。",
        "en": "Where {name} was gained: the models that gained it are bold, with the model each was trained from above and up to {children} of the children that kept it below. The lineage page can light every model that has it.",
    },
    "diagram.edges": {"zh": "图中的连线（文字版）", "en": "The edges in this diagram, as text"},
    "diagram.scroll": {
        "zh": "图较宽时可以左右滑动查看。",
        "en": "Scroll sideways when the diagram is wider than the page.",
    },
    "diagram.legend": {"zh": "图例", "en": "Legend"},
    "legend.methods": {"zh": "连线：训练方法与证据", "en": "Edges: training method and evidence"},
    "legend.families": {"zh": "节点：模型家族", "en": "Nodes: model family"},
    "legend.solid": {"zh": "实线：官方说明或论文", "en": "Solid: official statement or paper"},
    "legend.dashed": {"zh": "虚线：有依据的推断", "en": "Dashed: informed inference"},
    "legend.dotted": {"zh": "点线：假说", "en": "Dotted: hypothesis"},
    "diagram.truncated": {
        "zh": "图中只画出离 {name} 最近的 {shown} 个模型（共 {total} 个），完整列表见下表。",
        "en": "The diagram shows the {shown} models nearest to {name} (of {total}); the table below lists all.",
    },
    # capabilities
    "capability": {"zh": "能力", "en": "Capability"},
    "source_stage": {"zh": "来源阶段", "en": "Source stage"},
    "first_model": {"zh": "最早的模型", "en": "First model"},
    "ability_sources": {"zh": "这些能力从哪里来", "en": "Where this model's abilities come from"},
    "ability_sources.intro": {
        "zh": "下表由谱系数据自动推算：沿着上游链路找到每项能力最早出现的模型和对应的训练步骤。",
        "en": "Computed from the lineage: each capability is followed up the chain of parents to the model and training step where it first appears.",
    },
    "ability_sources.none": {
        "zh": "数据中还没有记录这个模型的能力。",
        "en": "No capability is traced to this model yet.",
    },
    "gained_at": {"zh": "获得于", "en": "Gained at"},
    "along_the_way": {"zh": "途中的变化", "en": "Changes since"},
    "path": {"zh": "路径", "en": "Path"},
    "path.more": {"zh": "……（中间还有 {n} 个）", "en": "… ({n} more) …"},
    "changes.earlier": {"zh": "此前还有 {n} 处变化", "en": "{n} earlier changes"},
    "observed": {"zh": "文献中的观察", "en": "Observed in the sources"},
    "origins": {"zh": "来源", "en": "Where it comes from"},
    "open_questions": {"zh": "反证与未解问题", "en": "Counter-evidence and open questions"},
    "models_with": {"zh": "记录了这项能力的模型", "en": "Models with a recorded state"},
    "matrix.intro": {
        "zh": "每一格由谱系推算，点一格可以看到它依据的论断和原文引文。世界是开放的：没有任何来源记录的能力标为“未记录”，并不表示模型不具备它。点击表头可以排序。",
        "en": "Each cell is computed from the lineage; open a cell to see the claim it rests on and the quoted source. The world is open: a capability no source recorded is marked 'not recorded', which does not mean the model lacks it. Click a column heading to sort.",
    },
    "matrix.legend": {"zh": "图例", "en": "Legend"},
    "matrix.show": {"zh": "显示的模型家族：", "en": "Model families shown:"},
    "matrix.all": {"zh": "全部", "en": "All"},
    "matrix.default": {
        "zh": "默认只显示 GPT-3.5 家族；勾选其他家族可以展开更多模型。",
        "en": "The GPT-3.5 family is shown first; tick other families to add their models.",
    },
    "matrix.count": {
        "zh": "显示 {shown} / {total} 个模型",
        "en": "Showing {shown} of {total} models",
    },
    # claims and their evidence
    "claims": {"zh": "论断与证据", "en": "Claims and evidence"},
    "claims.intro": {
        "zh": "本站的每一条谱系连线、每一处能力变化、每项能力的来源和每一条观察都是一条论断，都有证据等级和出处。“官方说明”必须引用开发者本身的页面原文，“论文”必须给出论文中的位置和原文；其余是推断或假说。这里按模型列出全部论断，可以按证据等级筛选；同样的数据见 {link}。",
        "en": "Every lineage edge, every change to a capability, every capability's source and every observation on this site is a claim with an evidence grade and its sources. 'Official' must quote the developer's own page; 'paper' must give the place in the paper and its words; anything else is an inference or a hypothesis. All claims are listed here by model and can be filtered by grade; the same data is at {link}.",
    },
    "claims.filter": {"zh": "按证据等级筛选：", "en": "Filter by grade:"},
    "claims.count": {
        "zh": "显示 {shown} / {total} 条论断",
        "en": "Showing {shown} of {total} claims",
    },
    "claims.claim": {"zh": "论断", "en": "Claim"},
    "claims.quote": {"zh": "原文与出处", "en": "Quote and source"},
    "claims.no_quote": {"zh": "（未摘录原文）", "en": "(no quote recorded)"},
    "claim.open": {
        "zh": "证据等级：{grade}，查看证据",
        "en": "Evidence: {grade}; show the evidence",
    },
    "claim.edge": {"zh": "{child} ← {parent}（{method}）", "en": "{child} ← {parent} ({method})"},
    "claim.effect": {
        "zh": "{child} ← {parent}：{capability}{change}",
        "en": "{child} ← {parent}: {capability} {change}",
    },
    "claim.origin": {
        "zh": "{capability}：来自 {model} 的{method}",
        "en": "{capability}: from {method} on {model}",
    },
    "claim.observation": {
        "zh": "{model}：{capability}（观察：{status}）",
        "en": "{model}: {capability} (observed {status})",
    },
    "evidence.intro": {
        "zh": "本页每个证据等级标记背后的论断、原文引文、位置和出处。引文保留原文的语言。",
        "en": "The claim behind each evidence badge on this page, with the quoted words, where they stand and the source. Quotes are in the source's language.",
    },
    "archived_copy": {"zh": "存档", "en": "archived copy"},
    "capabilities.intro": {
        "zh": "每项能力来自哪一步训练、最早出现在哪个模型，以及证据有多强。",
        "en": "Which training step each capability comes from, the first model that has it, and how strong the evidence is.",
    },
    "affects": {"zh": "受影响的模型", "en": "Affected models"},
    "examples": {"zh": "例子", "en": "Examples"},
    "mitigations": {"zh": "缓解办法", "en": "What helps"},
    "limitations.intro": {
        "zh": "GPT-3.5 系列做不到或做不好的事，以及后来的工作如何应对。",
        "en": "What the GPT-3.5 models cannot do, or do poorly, and how later work addresses it.",
    },
    # papers
    "title": {"zh": "标题", "en": "Title"},
    "title.gloss": {"zh": "中文译名", "en": "Translated title"},
    "paper.tag": {"zh": "论文", "en": "Paper"},
    "published": {"zh": "发表时间", "en": "Published"},
    "authors": {"zh": "作者", "en": "Authors"},
    "et_al": {"zh": "等", "en": "et al."},
    "venue": {"zh": "发表于", "en": "Venue"},
    "read": {"zh": "阅读论文", "en": "Read the paper"},
    "introduces": {"zh": "提出的模型", "en": "Models introduced"},
    "model_mapping": {
        "zh": "论文模型与 API 模型的对应",
        "en": "Models in the paper and in the API",
    },
    "paper_name": {"zh": "论文中的名称", "en": "Name in the paper"},
    "api_name": {"zh": "API 中的名称", "en": "API name"},
    "no_api_match": {"zh": "API 中没有相近的模型", "en": "No close match in the API"},
    "described_by": {"zh": "相关论文", "en": "Papers"},
    # methods
    "category": {"zh": "类别", "en": "Category"},
    "numbers": {"zh": "数字", "en": "Figures"},
    "pipeline": {"zh": "流程", "en": "Pipeline"},
    "used_by": {"zh": "用这种方法得到的模型", "en": "Models produced this way"},
    "related_terms": {"zh": "相关术语", "en": "Related terms"},
    # glossary
    "term": {"zh": "术语", "en": "Term"},
    "abbr": {"zh": "缩写", "en": "Abbreviation"},
    "definition": {"zh": "释义", "en": "Definition"},
    "see_also": {"zh": "详见", "en": "See"},
    "glossary.intro": {
        "zh": "本站用到的术语。文章中出现这些词时，鼠标悬停即可看到释义。",
        "en": "The terms this site uses. In the articles, hover over a term to see its definition.",
    },
    # misc
    "notes": {"zh": "补充说明", "en": "Notes"},
    "disagreements": {"zh": "资料之间的分歧", "en": "Where sources disagree"},
    "claim": {"zh": "其他资料的说法", "en": "Claimed elsewhere"},
    "resolution": {"zh": "本站的处理", "en": "What we follow"},
    "record_sources": {"zh": "来源", "en": "Sources"},
    "edit_data": {
        "zh": "这一页由 {path} 生成，发现错误欢迎直接修改该文件。",
        "en": "This page is generated from {path}; to fix a mistake, edit that file.",
    },
    "name": {"zh": "名称", "en": "Name"},
    "field": {"zh": "项目", "en": "Field"},
    "value": {"zh": "内容", "en": "Value"},
    "date": {"zh": "日期", "en": "Date"},
    "summary": {"zh": "简介", "en": "Summary"},
    "count.models": {"zh": "共 {n} 个模型。", "en": "{n} models."},
    "models.intro": {
        "zh": "数据中的全部模型。点击表头可以排序，点击名称查看详情。",
        "en": "Every model in the data. Click a heading to sort, a name for details.",
    },
    "models.order": {
        "zh": "按首次出现的日期排列，最早的在前。",
        "en": "Listed by the date each first appeared, earliest first.",
    },
    "models.undated": {
        "zh": "没有已知日期的模型排在最后。",
        "en": "Models with no known date come last.",
    },
    "papers.intro": {
        "zh": "数据引用的论文，以及论文中的模型与 API 模型的对应关系。",
        "en": "The papers the data cites, and how their models map to API models.",
    },
    "methods.intro": {
        "zh": "谱系连线上用到的训练方法，以及文章中讨论的提示方法。",
        "en": "The training methods on the lineage edges, and the prompting methods the articles discuss.",
    },
    "sources.intro": {
        "zh": "数据与文章引用的网页资料。论文另见论文列表。",
        "en": "Web pages the data and articles cite. Papers have their own list.",
    },
    "sources.primary": {"zh": "一手资料", "en": "Primary"},
    "sources.secondary": {"zh": "二手资料", "en": "Secondary"},
    "lineage.intro": {
        "zh": "从 GPT-1 到 ChatGPT，以及文中用来对比的其他模型。每个节点都可以点击。",
        "en": "From GPT-1 to ChatGPT, with the other models the articles compare against. Every node is a link.",
    },
    "exports": {"zh": "数据下载", "en": "Download the data"},
    "exports.intro": {
        "zh": "全部数据的 JSON 与 CSV 导出，以及整个数据集的引用信息（BibTeX 与 CITATION.cff），地址固定：",
        "en": "The whole dataset as JSON and CSV, and how to cite it (BibTeX and CITATION.cff), at stable addresses:",
    },
    "publisher": {"zh": "发布者", "en": "Publisher"},
    # /llms.txt (reuse.py)
    "site.name": {"zh": "GPT 演化图谱", "en": "GPT Lineage Atlas"},
    "site.summary": {
        "zh": "GPT-3 如何一步步变成 ChatGPT，每一项能力来自哪一步训练。",
        "en": "How GPT-3 became ChatGPT, and which training step gave it each ability.",
    },
    "language.name": {"zh": "中文", "en": "English"},
    "llms.articles": {"zh": "文章", "en": "Articles"},
    "llms.overview": {"zh": "总览页", "en": "Overview pages"},
    "llms.about": {"zh": "关于本站", "en": "About the site"},
    # the change log and its feed (pages/changelog.py)
    "changelog": {"zh": "更新记录", "en": "What changed"},
    "changelog.intro": {
        "zh": "数据记录的新增、修改和删除，取自 data/ 的 git 历史，按日期排列，最新的在前。",
        "en": "Records added, changed and removed, from the git history of data/, newest first.",
    },
    "changelog.feed": {"zh": "订阅 Atom 源", "en": "Follow the Atom feed"},
    "changelog.limit": {
        "zh": "这里只列出最近 {n} 个有改动的日子。",
        "en": "Only the latest {n} days with changes are listed.",
    },
    "changelog.none": {
        "zh": "这次构建没有可用的 git 历史（不在 git 仓库中，或是浅克隆），无法列出更新记录。",
        "en": "The git history is not available in this build (no repository, or a shallow clone), so the changes cannot be listed.",
    },
    "changelog.empty": {
        "zh": "git 历史中还没有数据记录的改动。",
        "en": "The git history has no changes to records yet.",
    },
    "changelog.added": {"zh": "新增", "en": "Added"},
    "changelog.changed": {"zh": "修改", "en": "Changed"},
    "changelog.removed": {"zh": "删除", "en": "Removed"},
    "changelog.count.added": {"zh": "新增 {n} 条", "en": "{n} added"},
    "changelog.count.changed": {"zh": "修改 {n} 条", "en": "{n} changed"},
    "changelog.count.removed": {"zh": "删除 {n} 条", "en": "{n} removed"},
    "changelog.more": {"zh": "另有 {n} 条", "en": "and {n} more"},
    "changelog.colon": {"zh": "：", "en": ": "},
    "changelog.between": {"zh": "；", "en": "; "},
    # "Cite this page" (citation.py)
    "cite.title": {"zh": "引用本页", "en": "Cite this page"},
    "cite.bibtex": {"zh": "BibTeX：", "en": "BibTeX:"},
    "cite.date": {"zh": "，更新于 {date}", "en": ", last updated {date}"},
    "cite.reference": {
        "zh": "{site}. {title}[EB/OL]. 中文版{date}. {url}",
        "en": "{site}. “{title}.” In English{date}. {url}",
    },
    "cite.note": {"zh": "{site}，中文版", "en": "{site}, in English"},
    "cite.note.date": {"zh": "，更新于 {date}", "en": ", last updated {date}"},
    # the not-found page (plumbing.py)
    "notfound.title": {"zh": "找不到这个页面", "en": "Page not found"},
    "notfound.text": {
        "zh": "这个地址没有页面：它可能拼错了，或者页面已经改名。可以从这里继续：",
        "en": "There is no page at this address: it may be mistyped, or the page was renamed. Carry on from here:",
    },
    "notfound.home": {"zh": "首页", "en": "Home page"},
    "notfound.lineage": {"zh": "演化谱系", "en": "The lineage"},
    "notfound.models": {"zh": "全部模型", "en": "All models"},
    "notfound.search": {
        "zh": "也可以按 {shortcut} 键或点页面顶部的搜索框，搜索模型、论文和术语。",
        "en": "Or press {shortcut}, or use the search box at the top of the page, to look for a model, paper or term.",
    },
    "notfound.other": {"zh": "找不到页面。中文版：", "en": "Page not found. In English:"},
    "type": {"zh": "类型", "en": "Type"},
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
    text = LABELS[key][lang]
    return text.format(**values) if values else text


def other(lang: str) -> str:
    """The site's other language (for 'also known as' in the other script)."""
    return next(code for code in LANGS if code != lang)


def _trim(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _zh_date(parts: list[int]) -> str:
    return "".join(f"{p}{u}" for p, u in zip(parts, ("年", "月", "日"), strict=False))


def _en_date(parts: list[int]) -> str:
    if len(parts) == 1:
        return str(parts[0])
    month = _MONTHS_EN[parts[1] - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{parts[2]} {month} {parts[0]}"


def _zh_billions(billions: float) -> str:
    return f"{_trim(billions * 10)} 亿"


def _en_billions(billions: float) -> str:
    return f"{_trim(billions * 1000)}M" if billions < 1 else f"{_trim(billions)}B"


@dataclass(frozen=True)
class Locale:
    """How a language writes lists, labels, dates and sizes."""

    separator: str  # between items of a list
    colon: str  # after a label
    comma: str  # before a clause that adds to what comes before (a source's locator)
    date: Callable[[list[int]], str]
    billions: Callable[[float], str]


LOCALES = {
    "zh": Locale(separator="、", colon="：", comma="，", date=_zh_date, billions=_zh_billions),
    "en": Locale(separator=", ", colon=": ", comma=", ", date=_en_date, billions=_en_billions),
}


def join(items: Iterable[str], lang: str) -> str:
    return LOCALES[lang].separator.join(items)


def colon(lang: str) -> str:
    return LOCALES[lang].colon


def comma(lang: str) -> str:
    return LOCALES[lang].comma


def format_date(date: str, lang: str) -> str:
    """'2022-03' → '2022年3月' / 'March 2022'."""
    return LOCALES[lang].date([int(p) for p in date.split("-")])


def format_billions(billions: float, lang: str) -> str:
    """175 → '1750 亿' / '175B'; 0.35 → '3.5 亿' / '350M'."""
    return LOCALES[lang].billions(billions)


def format_int(value: int, lang: str) -> str:
    return f"{value:,}"
