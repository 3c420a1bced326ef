"""Records what real JAX 0.10.2 prints for the example cells and solutions of lessons 2 to 5,
as the references ReplayTests compares `jaxlab replay --json` with.

    python3 record.py [NN ...]         # default: every lesson numbered 02 and up

For each lesson Lessons/NN-name.md it writes NN-name.py, the lesson's example cells and task
solutions in lesson order as a cells file ('# %% STEP' before each, STEP the step's id as the
replay names it), then records it with the shared make-reference tool, pinned to the reference
machine's kernels (Tests/reference_machine.py), as NN-name.json. Run it with a Python that has
jax 0.10.2 (`Tests/record lessons` does); MAKE_REFERENCE names the tool if it is elsewhere.
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "../../../.."))
LESSONS = os.path.join(ROOT, "Lessons")
MACHINE = os.path.join(ROOT, "Tests/reference_machine.py")
TOOL = os.environ.get("MAKE_REFERENCE", "/work/shared/tools/make-reference")
FENCE = re.compile(r"^```(\S*)(.*)$")


def cells(path):
    """(step id, code) for each example cell and solution, in order."""
    out, lines, kind, words, task = [], open(path, encoding="utf-8").read().split("\n"), None, "", None
    body = []
    for line in lines:
        if kind is None:
            match = FENCE.match(line)
            if match and line != "```":
                kind, words, body = match.group(1), match.group(2).split(), []
            elif line == "```":
                kind, words, body = "", [], []
            continue
        if line != "```":
            body.append(line)
            continue
        code = "\n".join(body).rstrip("\n") + "\n"
        if kind == "python" and "show" not in words:
            named = [w[3:] for w in words if w.startswith("id=")]
            out.append((named[0] if named else f"cell-{len(out) + 1}", code))
        elif kind == "task":
            task = words[0]
        elif kind == "solution":
            out.append((task, code))
        kind = None
    return out


def main():
    wanted = sys.argv[1:]
    for name in sorted(os.listdir(LESSONS)):
        number = name[:2]
        if not name.endswith(".md") or not number.isdigit() or int(number) < 2:
            continue
        if wanted and number not in wanted:
            continue
        source = os.path.join(HERE, name[:-3] + ".py")
        with open(source, "w", encoding="utf-8") as f:
            f.write(f"# The example cells and solutions of Lessons/{name}, written by record.py.\n")
            for step, code in cells(os.path.join(LESSONS, name)):
                f.write(f"\n# %% {step}\n{code}")
        subprocess.run([sys.executable, MACHINE, sys.executable, TOOL, source,
                        os.path.join(HERE, name[:-3] + ".json")], check=True)


if __name__ == "__main__":
    main()
