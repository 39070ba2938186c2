# SPDX-License-Identifier: GPL-2.0-only
"""scenario_files.py - shared by the scenario generators (tools/gen-*scenarios.py).

collect(families, render) builds {file name: text} from scenario dicts; sync(...) writes
them into a folder, or with check=True only reports what is stale (missing, different, or a
file the generator made that it no longer makes). Deterministic: sorted order throughout.
"""
import os
import sys


def collect(families, render):
    want = {}
    for fam in families:
        for s in fam():
            name = s["id"].split(".", 1)[1] + ".yaml"
            assert name not in want, name
            want[name] = render(s)
    return want


def sync(folder, label, want, mark, check):
    """Write want into folder (or check it). mark: the text that identifies a file this
    generator wrote. Returns 1 if check found something stale, else 0."""
    stale = 0
    have = {f for f in os.listdir(folder) if f.endswith(".yaml")} \
        if os.path.isdir(folder) else set()
    for f in sorted(have - set(want)):
        if mark in open(os.path.join(folder, f), encoding="utf-8").read():
            print(f"stale: {label}/{f} is no longer generated", file=sys.stderr)
            if check:
                stale = 1
            else:
                os.remove(os.path.join(folder, f))
    for name, text in sorted(want.items()):
        path = os.path.join(folder, name)
        cur = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if cur == text:
            continue
        if check:
            print(f"stale: {label}/{name}", file=sys.stderr)
            stale = 1
        else:
            os.makedirs(folder, exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
    return stale
