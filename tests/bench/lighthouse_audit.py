"""Audit every page of a built site with Lighthouse, served as a real host would.

`nox -s lighthouse` builds the site, installs Lighthouse and `serve` with npm
into build/node, and runs this script. `serve` compresses responses like a real
static host. Lighthouse drives Debian's Chromium (CHROME_PATH, default
/usr/bin/chromium). Reports go to build/lighthouse/<page>.report.{html,json};
the summary table is printed and written to build/lighthouse/summary.md.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from page_weight import reader_pages  # tests/ is on the path now

CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(node_bin: Path, html: Path, port: int, workdir: Path) -> subprocess.Popen:
    # Plain .html URLs, as on the hosts the site targets (no "clean URL" redirects).
    config = workdir / "serve.json"
    config.write_text(json.dumps({"public": str(html), "cleanUrls": False}))
    proc = subprocess.Popen(
        [
            str(node_bin / "serve"),
            "-c",
            str(config),
            "-l",
            f"tcp://127.0.0.1:{port}",
            "--no-port-switching",
            "--no-clipboard",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return proc
        time.sleep(0.2)
    proc.kill()
    sys.exit("serve did not start")


def audit(node_bin: Path, url: str, out: Path) -> dict[str, float]:
    subprocess.run(
        [
            str(node_bin / "lighthouse"),
            url,
            "--quiet",
            f"--chrome-flags={CHROME_FLAGS}",
            "--only-categories=" + ",".join(CATEGORIES),
            "--output",
            "json",
            "--output",
            "html",
            "--output-path",
            str(out),
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
    )
    report = json.loads(out.with_suffix(".report.json").read_text())
    return {c: report["categories"][c]["score"] * 100 for c in CATEGORIES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, default=Path("build/html"))
    parser.add_argument("--node-bin", type=Path, default=Path("build/node/node_modules/.bin"))
    parser.add_argument("--out", type=Path, default=Path("build/lighthouse"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    # Every page a reader opens, sections included (performance/...), not _static or _sources.
    pages = reader_pages(args.html)
    port = free_port()
    server = serve(args.node_bin.resolve(), args.html.resolve(), port, args.out)
    rows = []
    try:
        for page in pages:
            report = args.out / page.removesuffix(".html").replace("/", "-")
            scores = audit(args.node_bin, f"http://127.0.0.1:{port}/{page}", report)
            rows.append((page, scores))
            print(page, scores, file=sys.stderr)
    finally:
        server.kill()
    lines = ["| page | " + " | ".join(CATEGORIES) + " |", "|---|" + "---|" * len(CATEGORIES)]
    lines += [
        f"| {page} | " + " | ".join(f"{s[c]:.0f}" for c in CATEGORIES) + " |" for page, s in rows
    ]
    summary = "\n".join(lines)
    (args.out / "summary.md").write_text(summary + "\n")
    print(summary)


if __name__ == "__main__":
    main()
