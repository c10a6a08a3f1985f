"""Which packages an example needs, and which an interpreter lacks."""

from __future__ import annotations

import sys
from pathlib import Path

from pool_guide.example_imports import missing_modules, third_party_imports


def test_imports_are_read_from_the_script_and_the_modules_beside_it(tmp_path: Path) -> None:
    (tmp_path / "helpers.py").write_text("import numpy as np\nfrom tqdm import tqdm\n")
    script = tmp_path / "example.py"
    script.write_text(
        "import os, multiprocessing\nfrom concurrent.futures import ProcessPoolExecutor\n"
        "import helpers\n\ndef f():\n    import ray  # inside a function too\n"
        "from __future__ import annotations\nfrom . import nothing\n"
    )
    assert third_party_imports(script) == ["numpy", "ray", "tqdm"]


def test_missing_modules_asks_the_interpreter_itself() -> None:
    wanted = ("json", "no_such_package_pool_guide")
    assert missing_modules(sys.executable, wanted) == ("no_such_package_pool_guide",)
    assert missing_modules(sys.executable, ()) == ()
