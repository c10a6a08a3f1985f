"""A lab script that repeats too few times: the build refuses its data."""

import argparse
import json

parser = argparse.ArgumentParser()
parser.add_argument("--json")
args = parser.parse_args()
data = {"repeats": 2, "machine": {}, "rows": [{"method": "loop", "seconds": [1.0, 1.1]}]}
with open(args.json, "w") as out:
    json.dump(data, out)
