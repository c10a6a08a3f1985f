"""A fake lab script with known numbers, so the tests know which claims hold.

It writes the JSON that examples/performance/labkit.py writes, by hand: the
contract between a lab script and the build is that file, not labkit.
"""

import argparse
import json

parser = argparse.ArgumentParser()
parser.add_argument("--repeats", type=int, default=5)
parser.add_argument("--json")
args = parser.parse_args()

rows = []
for method, base in (("loop", 1.0), ("map", 0.5)):
    for size in (1, 10, 100):
        seconds = [base * size * (1 + i / 100) for i in range(args.repeats)]
        rows.append({"method": method, "size": size, "seconds": seconds})
rows.append({"method": "behaviour", "size": 0, "outcome": "works"})
print(f"{len(rows)} rows")
data = {
    "repeats": args.repeats,
    "machine": {"cpu": "Test CPU", "cpu_count": 2, "python": "3", "system": "Test"},
    "rows": rows,
    "marks": [{"axis": "x", "value": 10, "label": "the default"}],
}
with open(args.json, "w") as out:
    json.dump(data, out)
