"""Records what plain CPython 3.11 prints for each cell of the cell files in python-sources/
(pure Python: no JAX needed), as the JSON files beside this script that CellTests compares
jaxlab with.

    python3 record_python.py [NAME ...]     # default: every file; NAME as in python-sources/NAME.py

A cells file is Python in the "percent" format: each cell starts with '# %% NAME'; cells
share one namespace and run in order. For each cell the JSON has its standard output
("output") and, when it wrote any, its standard error ("stderr": logging, warnings). An
exception a cell lets escape is recorded as 'ExceptionName: message', as record.py records it,
and the next cell still runs. `Tests/record language` runs this script too.
"""
import contextlib, io, json, linecache, os, subprocess, sys


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


HERE = os.path.dirname(os.path.abspath(__file__))
SOURCES = os.path.join(HERE, "python-sources")


def record(source, target):
    namespace = {"__name__": "__main__"}
    records = []
    stdout, stderr = Redirected("<stdout>"), Redirected("<stderr>")
    sys.stderr = stderr
    for name, code in read_cells(source):
        # warnings show the source line, as jaxlab does for cells
        linecache.cache[name] = (len(code), None, code.splitlines(True), name)
        stdout.buffer, stderr.buffer = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(stdout):
            try:
                exec(compile(code, name, "exec"), namespace)
            except Exception as error:  # recorded as a teaching shell shows it, as record.py does
                print(f"{type(error).__name__}: {error}")
        record = {"cell": name, "code": code, "output": stdout.buffer.getvalue()}
        if stderr.buffer.getvalue():
            record["stderr"] = stderr.buffer.getvalue()
        records.append(record)
    sys.stderr = sys.__stderr__
    with open(target, "w", encoding="utf-8") as f:
        json.dump(records, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"{len(records)} cells recorded in {os.path.relpath(target, HERE)}")


def main():
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"record with CPython 3.11 (this is {sys.version.split()[0]})")
    names = sys.argv[1:] or sorted(f[:-3] for f in os.listdir(SOURCES) if f.endswith(".py"))
    if len(names) > 1:
        # one process per file: nothing a file's cells set up leaks into the next file
        for name in names:
            subprocess.run([sys.executable, os.path.abspath(__file__), name], check=True)
        return
    record(os.path.join(SOURCES, names[0] + ".py"), os.path.join(HERE, names[0] + ".json"))


if __name__ == "__main__":
    main()
