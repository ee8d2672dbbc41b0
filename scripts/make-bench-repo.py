#!/usr/bin/env python3
"""Writes a synthetic ML monorepo for benchmarking `ripen audit`.

Deterministic (seeded): 100,000 tracked files, a realistic mix of Python, notebooks, YAML, Markdown,
data and binaries in nested packages, with nested .gitignore files, plus large ignored
node_modules/ and .venv/ trees (20,000 files each) that a good scanner never reads.
"""
import json
import os
import random
import sys

root = sys.argv[1]
total = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
rng = random.Random(42)

PY_BODY = [
    "import numpy as np\nimport pandas as pd\n",
    "from sklearn.model_selection import train_test_split\n",
    "def load(path):\n    return pd.read_parquet(path)\n",
    "class FeatureBuilder:\n    def __init__(self, columns):\n        self.columns = columns\n\n    def transform(self, df):\n        return df[self.columns]\n",
    "# helpers for the data team\nTHRESHOLD = 0.5\n",
    "def score(y_true, y_pred):\n    return float(((y_true - y_pred) ** 2).mean() ** 0.5)\n",
    "logger = logging.getLogger(__name__)\n",
]
MLFLOW = "import mlflow\n\nwith mlflow.start_run():\n    mlflow.log_param('alpha', 0.1)\n    mlflow.log_metric('rmse', 4.2)\n"
MARKDOWN = "# Notes\n\nThis service computes features. We track experiments in MLflow and deploy with helm.\n" * 3


def write(path, text, mode="w"):
    full = os.path.join(root, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, mode) as handle:
        handle.write(text)


def python_file():
    parts = rng.sample(PY_BODY, k=rng.randint(3, 6))
    body = "\n\n".join(parts)
    return body * rng.randint(2, 8)


def notebook():
    cells = [{"cell_type": "markdown", "metadata": {}, "source": ["# Exploration\n", "Looking at the data.\n"]}]
    for _ in range(rng.randint(3, 10)):
        cells.append({"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                      "source": python_file().splitlines(keepends=True)[:12]})
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1)


os.makedirs(root, exist_ok=True)
os.makedirs(os.path.join(root, ".git/info"), exist_ok=True)
write(".git/HEAD", "ref: refs/heads/main\n")
write(".gitignore", "node_modules/\n.venv/\n*.tmp\nbuild/\n__pycache__/\n*.log\n")
write(".github/workflows/ci.yml", "on: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python -m pytest\n")

written = 0
service = 0
while written < total:
    service += 1
    base = f"services/team{service % 40:02d}/svc{service:04d}"
    write(f"{base}/.gitignore", "generated/\n*.cache\n")
    for index in range(min(200, total - written)):
        kind = rng.random()
        package = f"{base}/pkg{index // 25}"
        if kind < 0.60:
            text = python_file()
            if rng.random() < 0.01:
                text += MLFLOW
            write(f"{package}/module_{index}.py", text)
        elif kind < 0.65:
            write(f"{package}/analysis_{index}.ipynb", notebook())
        elif kind < 0.75:
            write(f"{package}/config_{index}.yaml", "model:\n  name: baseline\n  params:\n    alpha: 0.1\nfeatures: [a, b, c]\n" * 4)
        elif kind < 0.85:
            write(f"{package}/README_{index}.md", MARKDOWN)
        elif kind < 0.90:
            write(f"{package}/data_{index}.csv", "a,b,c\n" + "1,2,3\n" * 50)
        elif kind < 0.95:
            write(f"{package}/image_{index}.png", "\x89PNG\r\n\x1a\n\x00\x00" + "x" * 2000, mode="w")
        else:
            write(f"{package}/tests/test_{index}.py", "import pytest\n\n\ndef test_it():\n    assert 1 + 1 == 2\n")
        written += 1
    # Ignored output next to the code: never read.
    write(f"{base}/generated/out.py", MLFLOW)

for tree in ("node_modules", ".venv/lib/python3.11/site-packages"):
    for index in range(20_000):
        write(f"{tree}/pkg{index // 100}/file_{index}.py", MLFLOW + python_file())

print(f"wrote {written} tracked files under {root}")
