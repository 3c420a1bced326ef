"""Records NumPy's legacy np.random (RandomState) draws as JSON lines, raw bits in hex.
Each line is one seeded sequence of calls. Run: python record_numpy_random.py > numpy_random.jsonl"""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../.."))
import reference_machine  # noqa: E402  pins XLA, NumPy and OpenBLAS to the AVX2+FMA kernels
import json, numpy as np

def hexbits(a):
    a = np.asarray(a)
    if a.dtype == np.bool_:
        return "".join("1" if v else "0" for v in a.ravel())
    width = a.dtype.itemsize
    u = a.view({1: np.uint8, 2: np.uint16, 4: np.uint32, 8: np.uint64}[width]).ravel()
    return "".join(f"{int(v):0{2 * width}x}" for v in u)

def calls(seed):
    """(name, kwargs) steps; every step draws from the same seeded state in order."""
    yield "random", dict(shape=[5])
    yield "normal", dict(shape=[]), 
    yield "normal", dict(shape=[7], loc=1.5, scale=2.0)
    yield "randn", dict(shape=[3, 4])
    yield "normal", dict(shape=[]),
    yield "uniform", dict(shape=[6], low=-2.0, high=3.3)
    yield "randint", dict(shape=[10], low=0, high=10)
    yield "randint", dict(shape=[5], low=-1000, high=2**40)
    yield "randint", dict(shape=[9], low=3, high=None)
    yield "randint", dict(shape=[12], low=0, high=200, dtype="uint8")
    yield "randint", dict(shape=[12], low=-5, high=5, dtype="int16")
    yield "randint", dict(shape=[8], low=0, high=2**31 - 1, dtype="int32")
    yield "randint", dict(shape=[20], low=0, high=2, dtype="bool")
    yield "permutation", dict(n=10)
    yield "shuffle", dict(n=7)
    yield "choice", dict(n=10, shape=[4], replace=True, p=None)
    yield "choice", dict(n=10, shape=[4], replace=False, p=None)
    p = list(np.linspace(1, 3, 6) / np.linspace(1, 3, 6).sum())
    yield "choice", dict(n=6, shape=[5], replace=True, p=p)
    yield "choice", dict(n=6, shape=[4], replace=False, p=p)
    yield "normal", dict(shape=[200])
    yield "random", dict(shape=[100])

def run(rs, name, kw):
    shape = tuple(kw.get("shape", []))
    size = shape if shape else None
    if name == "random": return rs.random_sample(size)
    if name == "normal": return rs.normal(kw.get("loc", 0.0), kw.get("scale", 1.0), size)
    if name == "randn": return rs.randn(*shape)
    if name == "uniform": return rs.uniform(kw["low"], kw["high"], size)
    if name == "randint": return rs.randint(kw["low"], kw["high"], size, dtype=kw.get("dtype", "int64"))
    if name == "permutation": return rs.permutation(kw["n"])
    if name == "shuffle":
        x = np.arange(kw["n"] * 2).reshape(kw["n"], 2); rs.shuffle(x); return x
    if name == "choice": return rs.choice(kw["n"], size, kw["replace"], kw["p"])

for seed in [0, 1, 42, 7, 2024, 123456789, 2**32 - 1]:
    np.random.seed(seed)
    steps = []
    for step in calls(seed):
        name, kw = step[0], step[1]
        out = np.asarray(run(np.random.mtrand._rand, name, kw))
        steps.append(dict(call=name, args=kw, dtype=str(out.dtype), shape=list(out.shape), out=hexbits(out)))
    print(json.dumps(dict(seed=seed, steps=steps)))
np.random.seed(3)
print(json.dumps(dict(seed=3, steps=[dict(call="normal", args=dict(shape=[20000]), dtype="float64", shape=[20000], out=hexbits(np.random.normal(size=20000)))])))
