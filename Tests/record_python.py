#!/usr/bin/env python3
"""Record what plain CPython 3.11 prints for each cell of a cells file (no JAX needed).

    python3 Tests/record_python.py Tests/LanguageTests/Data/sources/classes.py \
        Tests/LanguageTests/Data/classes.json

A cells file is Python in the "percent" format: each cell starts with '# %% NAME'; cells
share one namespace and run in order. For each cell the JSON has its standard output
("output") and, when it wrote any, its standard error ("stderr": logging, warnings). An
exception a cell lets escape is recorded as the last line Python's traceback would show
('Name: message'), and the next cell still runs.

Re-record every Python-only reference with:

    for f in classes generators complex-numbers stdlib sets; do
        python3 Tests/record_python.py Tests/LanguageTests/Data/sources/$f.py Tests/LanguageTests/Data/$f.json
    done
"""
import contextlib, io, json, linecache, sys, traceback


def read_cells(path):
    cells, name, lines = [], None, []
    for line in open(path, encoding="utf-8"):
        if line.startswith("# %%"):
            if name is not None:
                cells.append((name, "".join(lines).rstrip("\n") + "\n"))
            name, lines = line[4:].strip(), []
        elif name is not None:
            lines.append(line)
    if name is not None:
        cells.append((name, "".join(lines).rstrip("\n") + "\n"))
    return cells


class Redirected:
    """One stream object for the whole run (a logging handler keeps the one it saw) whose
    text goes to the current cell's buffer."""

    def __init__(self, name):
        self.buffer = io.StringIO()
        self.name = name  # what a logging handler shows

    def write(self, text):
        return self.buffer.write(text)

    def flush(self):
        pass


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"record with CPython 3.11 (this is {sys.version.split()[0]})")
    namespace = {"__name__": "__main__"}
    records = []
    stdout, stderr = Redirected("<stdout>"), Redirected("<stderr>")
    sys.stderr = stderr
    for name, code in read_cells(sys.argv[1]):
        # warnings show the source line, as jaxlab does for cells
        linecache.cache[name] = (len(code), None, code.splitlines(True), name)
        stdout.buffer, stderr.buffer = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(stdout):
            try:
                exec(compile(code, name, "exec"), namespace)
            except Exception as error:
                # as make-reference records it, with the name Python's traceback shows
                line = traceback.format_exception_only(type(error), error)[-1].rstrip("\n")
                print(line if ": " in line else line + ": ")
        record = {"cell": name, "code": code, "output": stdout.buffer.getvalue()}
        if stderr.buffer.getvalue():
            record["stderr"] = stderr.buffer.getvalue()
        records.append(record)
    sys.stderr = sys.__stderr__
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(records, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"{len(records)} cells recorded in {sys.argv[2]}")


if __name__ == "__main__":
    main()
