"""Take the README's pictures of graph pages with the same browser the tests use.

    python docs/screenshot.py [PAGE] [PNG] [--select ENTITY_ID]

Without PAGE, builds the example graph and pictures it with Lei Jun selected,
so that his details show (docs/graph.png).  With PAGE (for example the BBC
corpus page, docs/bbc.png), pictures it as it opens, selecting ENTITY_ID if
given.  Runs Debian's headless Chromium via Playwright.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from test_browser import FLAGS, wait_until_settled

    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("page", nargs="?", type=Path)
    parser.add_argument("png", nargs="?", type=Path, default=ROOT / "docs" / "graph.png")
    parser.add_argument("--select", metavar="ENTITY_ID")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp())
    page_path, png, select = args.page, args.png, args.select
    if page_path is None:
        select = "lei-jun"
        subprocess.run([sys.executable, "-m", "graphbuild", "-q", "build", str(ROOT / "examples" / "articles"), "-o", str(work / "out")], check=True)
        page_path = work / "out" / "graph.html"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch_persistent_context(str(work / "profile"), executable_path=shutil.which("chromium"), headless=True, args=FLAGS, viewport={"width": 1400, "height": 860})
            page = browser.new_page()
            page.goto(page_path.resolve().as_uri())
            wait_until_settled(page, 120)
            if select:  # select the entity and show its details, keeping the whole graph in view
                page.evaluate(
                    f"network.selectNodes([{select!r}]); network.body.emitter.emit('click', {{nodes: [{select!r}], edges: [], pointer: {{DOM: {{x: 0, y: 0}}, canvas: {{x: 0, y: 0}}}}}})"
                )
            page.wait_for_timeout(300)
            page.screenshot(path=str(png))
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"wrote {png}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
