"""Take the README's picture of the example graph with the same browser the tests use.

    python docs/screenshot.py [PAGE] [PNG]

Opens the page in Debian's headless Chromium (via Playwright), waits for the
layout to settle, selects Lei Jun so his details show, and saves a PNG.
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

    work = Path(tempfile.mkdtemp())
    page_path = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    png = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "docs" / "graph.png"
    if page_path is None:
        subprocess.run([sys.executable, "-m", "graphbuild", "-q", "build", str(ROOT / "examples" / "articles"), "-o", str(work / "out")], check=True)
        page_path = work / "out" / "graph.html"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch_persistent_context(str(work / "profile"), executable_path=shutil.which("chromium"), headless=True, args=FLAGS, viewport={"width": 1400, "height": 860})
            page = browser.new_page()
            page.goto(page_path.resolve().as_uri())
            wait_until_settled(page, 120)
            # Select Lei Jun and show his details, keeping the whole graph in view.
            page.evaluate(
                "network.selectNodes(['lei-jun']); network.body.emitter.emit('click', {nodes: ['lei-jun'], edges: [], pointer: {DOM: {x: 0, y: 0}, canvas: {x: 0, y: 0}}})"
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
