"""Records what real Python, JAX 0.10.2 and NumPy print for each cell of the cell files in
sources/ (and for the lab's cells, /work/shared/reference/lab1.py), as the JSON files beside
this script that CellTests compares jaxlab with byte for byte.

    python record.py [NAME ...]        # default: every file; NAME as in sources/NAME.py

Run it with a Python that has jax 0.10.2 installed (`Tests/record` does). A cells file is
Python in the "percent" format: each cell starts with a line '# %% NAME'. Cells share one
namespace and run in order, like a notebook's. Only standard output is recorded; an exception a
cell lets escape is recorded as its last line, 'ExceptionName: message', and the next cell still
runs (as the shared make-reference tool records references). Each file records in a process of
its own.

lab1.json is the shared reference itself, recorded on the reference machine (an AMD Zen 3);
re-recorded elsewhere, cells whose float32 products JAX hands to YNNPACK can differ in the last
bits (see Tests/reference_machine.py), so record it there.
"""
import contextlib
import io
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "../.."))
import reference_machine  # noqa: E402,F401  pins XLA, NumPy and OpenBLAS to the AVX2+FMA kernels

SOURCES = os.path.join(HERE, "sources")
# the lab's cells are the shared reference's; the others live in sources/
EXTERNAL = {"lab1": "/work/shared/reference/lab1.py"}


def read_cells(path):
    cells, name, lines = [], None, []
    for line in open(path, encoding="utf-8"):
        if line.startswith("# %%"):
            if name is not None:
                cells.append((name, "".join(lines).rstrip("\n") + "\n"))
            name, lines = line[4:].strip() or f"cell{len(cells) + 1}", []
        elif name is not None:
            lines.append(line)
    if name is not None:
        cells.append((name, "".join(lines).rstrip("\n") + "\n"))
    return cells


def record(source, target):
    # the cells run as a script's top level does, so classes print as __main__.Name
    namespace, records = {"__name__": "__main__"}, []
    for name, code in read_cells(source):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            try:
                exec(compile(code, name, "exec"), namespace)
            except Exception as error:  # recorded, as a teaching shell would show it
                print(f"{type(error).__name__}: {error}")
        records.append({"cell": name, "code": code, "output": out.getvalue()})
    with open(target, "w", encoding="utf-8") as f:
        json.dump(records, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"{len(records)} cells recorded in {os.path.relpath(target, HERE)}")


def main():
    names = sys.argv[1:] or sorted([f[:-3] for f in os.listdir(SOURCES) if f.endswith(".py")] + list(EXTERNAL))
    if len(names) > 1:
        # one process per file: a file's cells change JAX's global config (x64) for the rest
        for name in names:
            subprocess.run([sys.executable, os.path.abspath(__file__), name], check=True)
        return
    name = names[0]
    record(EXTERNAL.get(name, os.path.join(SOURCES, name + ".py")), os.path.join(HERE, name + ".json"))


if __name__ == "__main__":
    main()
