"""Draw the site's shared link-preview image (1200 × 630, OpenGraph's size).

Run by hand when the site's name or story changes; the PNG is committed, so builds
need no browser:  .venv/bin/python tools/preview_image.py
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "overrides" / "assets" / "atlas" / "preview.png"
PATH = ["davinci", "code-davinci-002", "text-davinci-002", "text-davinci-003", "ChatGPT"]

CARD = """<!doctype html><meta charset="utf-8"><style>
body { margin: 0; width: 1200px; height: 630px; background: #303f9f; color: #fff;
  font-family: "Noto Sans CJK SC", "Noto Sans", sans-serif; display: flex;
  flex-direction: column; justify-content: center; padding: 0 80px; box-sizing: border-box; }
h1 { font-size: 76px; margin: 0 0 8px; font-weight: 700; }
h2 { font-size: 40px; margin: 0 0 40px; font-weight: 400; opacity: .9; }
p { font-size: 30px; margin: 0 0 48px; line-height: 1.4; }
ol { list-style: none; display: flex; align-items: center; gap: 10px; padding: 0;
  margin: 0; font-size: 23px; }
li { background: #fff; color: #303f9f; border-radius: 12px; padding: 6px 12px; }
li.arrow { background: none; color: #ffab91; padding: 0; }
li:last-child { background: #ff7043; color: #fff; }
</style><h1>GPT 演化图谱</h1><h2>GPT Lineage Atlas</h2>
<p>GPT-3 如何一步步变成 ChatGPT · How GPT-3 became ChatGPT</p><ol>{items}</ol>"""


def main() -> None:
    items = '<li class="arrow">→</li>'.join(f"<li>{name}</li>" for name in PATH)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"]
        )
        page = browser.new_page(viewport={"width": 1200, "height": 630})
        page.set_content(CARD.replace("{items}", items))
        page.screenshot(path=str(OUT))
        browser.close()
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
