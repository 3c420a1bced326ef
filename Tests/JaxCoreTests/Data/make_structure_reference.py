"""Records real JAX / NumPy results of shape ops, reductions, indexing and scatter for
ShapeKernelTests / IndexingTests / ScatterTests.
Run: /tmp/jaxenv/bin/python make_structure_reference.py > structure.json
Every input is arange(prod(shape)) (minus an offset) in a dtype, reshaped."""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../.."))
import reference_machine  # noqa: E402  pins XLA, NumPy and OpenBLAS to the AVX2+FMA kernels
import json
import numpy as np
import jax
import jax.numpy as jnp
from jax import lax

def make(lib, spec):
    shape, dtype, offset = spec["shape"], spec["dtype"], spec.get("offset", 0)
    a = np.arange(int(np.prod(shape)), dtype=np.int64) - offset
    if dtype == "bool": a = (a % 3) == 0
    a = a.astype(dtype).reshape(shape)
    return jnp.asarray(a) if lib == "jax" else a

def index_of(lib, items):
    out = []
    for it in items:
        if "int" in it: out.append(it["int"])
        elif "slice" in it: out.append(slice(*it["slice"]))
        elif "none" in it: out.append(None)
        elif "ellipsis" in it: out.append(Ellipsis)
        else: out.append(make(lib, it["array"]) if "offset" in it["array"] else
                         (jnp if lib == "jax" else np).asarray(
                             np.array(it["array"]["values"], it["array"]["dtype"]).reshape(it["array"]["shape"])))
    return tuple(out)

def run(lib, case):
    x = make(lib, case["input"])
    m = jnp if lib == "jax" else np
    op = case["op"]
    if op == "reshape": return x.reshape(case["shape"])
    if op == "transpose": return m.transpose(x, case["perm"])
    if op == "squeeze": return m.squeeze(x, tuple(case["axes"]))
    if op == "expand_dims": return m.expand_dims(x, tuple(case["axes"]))
    if op == "concatenate": return m.concatenate([x, make(lib, case["other"])], axis=case["axis"])
    if op == "slice": return lax.slice(x, case["start"], case["limit"], case["strides"])
    if op == "dynamic_slice": return lax.dynamic_slice(x, case["start"], case["sizes"])
    if op == "reduce":
        f = dict(sum=m.sum, product=m.prod, max=m.max, min=m.min, any=m.any, all=m.all)[case["reduce"]]
        return f(x, axis=tuple(case["axes"]))
    if op == "argmax": return m.argmax(x, axis=case["axis"])
    if op == "argmin": return m.argmin(x, axis=case["axis"])
    if op == "getitem": return x[index_of(lib, case["index"])]
    if op == "scatter":
        u = make(lib, case["updates"])
        idx = index_of(lib, case["index"])
        if lib == "jax": return getattr(x.at[idx], case["mode"])(u)
        y = x.copy()
        if case["mode"] == "set": y[idx] = u
        else: getattr(np, dict(add="add", multiply="multiply", min="minimum", max="maximum")[case["mode"]]).at(y, idx, u)
        return y
    raise ValueError(op)

A = lambda shape, dtype="int32", offset=0: dict(shape=shape, dtype=dtype, offset=offset)
I = lambda v: {"int": v}
S = lambda *a: {"slice": list(a)}
N = {"none": True}
E = {"ellipsis": True}
ARR = lambda values, dtype="int32": {"array": {"values": np.array(values).reshape(-1).tolist(), "dtype": dtype, "shape": list(np.shape(values))}}

cases = []
def add(libs, **case):
    for lib in libs:
        cases.append(dict(case, lib=lib))
both = ["jax", "numpy"]
for shape in [[3, 2], [-1], [2, -1], [4], [-1, 4], [-1, -1], [5, 2], [2, 3, 1], [1, -1, 3]]:
    add(both, op="reshape", input=A([6]), shape=shape)
add(both, op="reshape", input=A([0]), shape=[-1, 0])
for perm in [[1, 0, 2], [2, 0, 1], [-1, 0, 1], [0, 0, 1], [0, 1]]:
    add(both, op="transpose", input=A([2, 3, 4], "float32"), perm=perm)
for axes in [[0], [2], [-1], [0, 2], [1], [0, 0]]:
    add(both, op="squeeze", input=A([1, 3, 1]), axes=axes)
for axes in [[0], [1], [-1], [0, 2], [3], [0, 0]]:
    add(both, op="expand_dims", input=A([2, 3]), axes=axes)
add(both, op="concatenate", input=A([2, 3]), other=A([1, 3]), axis=0)
add(both, op="concatenate", input=A([2, 3]), other=A([2, 2]), axis=1)
add(both, op="concatenate", input=A([2, 3]), other=A([2, 2]), axis=0)
add(both, op="concatenate", input=A([2, 3]), other=A([6]), axis=0)
add(both, op="concatenate", input=A([2, 3]), other=A([2, 1]), axis=-1)
add(both, op="concatenate", input=A([2, 3]), other=A([2, 1]), axis=2)
add(["jax"], op="slice", input=A([5, 6]), start=[1, 0], limit=[4, 6], strides=[2, 3])
add(["jax"], op="slice", input=A([5, 6]), start=[0, 2], limit=[5, 5], strides=[1, 1])
add(["jax"], op="dynamic_slice", input=A([5, 6]), start=[3, -2], sizes=[3, 2])
add(["jax"], op="dynamic_slice", input=A([5, 6]), start=[1, 4], sizes=[2, 4])
for dtype in ["int32", "uint8", "int8", "float32", "float64", "bool", "int64", "float16"]:
    for red in ["sum", "product", "max", "min", "any", "all"]:
        for axes in [[0], [1], [0, 1], [0, 2], []]:
            add(both, op="reduce", input=A([3, 4, 5] if dtype != "uint8" else [4, 30, 3], dtype, 7), reduce=red, axes=axes)
    add(both, op="argmax", input=A([3, 4], dtype, 5), axis=1)
    add(both, op="argmin", input=A([3, 4], dtype, 5), axis=0)
for red in ["max", "min"]:
    for dtype in ["float32", "float64", "int32"]:
        for axes in [[1], [0, 1], [0]]:
            add(both, op="reduce", input=A([4, 50], dtype, 117), reduce=red, axes=axes)
add(both, op="argmax", input=A([4, 50], "float32", 117), axis=1)
add(both, op="argmin", input=A([4, 50], "float32", 117), axis=1)
add(both, op="reduce", input=A([3, 4], "float32"), reduce="sum", axes=[2])
add(both, op="reduce", input=A([3, 4], "float32"), reduce="sum", axes=[-3])
add(both, op="reduce", input=A([3, 4], "float32"), reduce="sum", axes=[1, 1])
add(both, op="reduce", input=A([0, 4], "float32"), reduce="max", axes=[0])
add(both, op="reduce", input=A([0, 4], "float32"), reduce="sum", axes=[0])
add(both, op="argmax", input=A([0], "float32"), axis=0)
add(both, op="argmax", input=A([3, 4], "float32"), axis=2)
for index in [[I(3)], [I(11)], [I(-1)], [I(-11)], [S(1, None, 2)], [S(None, None, -1)], [S(8, 2, -3)], [S(-3, None, None)],
              [S(None, None, 0)], [N, S(2, None, None), N], [E, N], [E, E], [I(1), I(2)],
              [ARR([1, 9, -1])], [ARR([[0, 1], [2, 3]])], [ARR([1.0], "float32")],
              [ARR([True, False] * 5, "bool")], [ARR([True, False], "bool")]]:
    add(both, op="getitem", input=A([10]), index=index)
for index in [[I(1), I(2)], [I(-1)], [S(None, None, 2), I(1)], [E, I(0)], [I(5), I(0)], [I(1), I(9)],
              [S(1, None, None), ARR([0, 3])], [ARR([0, 2]), ARR([1, 3])], [ARR([[0], [2]]), ARR([1, 3])],
              [ARR([0, 2]), ARR([1, 2, 3])], [I(0), S(None, None, None), ARR([1, 2])],
              [S(None, None, None), I(0), ARR([1, 2])], [ARR([[True, False, True, False]] * 3, "bool")],
              [N, I(1), E, N], [ARR([3, -4])]]:
    add(both, op="getitem", input=A([3, 4]), index=index)
add(both, op="getitem", input=A([3, 4, 5]), index=[I(0), S(None, None, None), ARR([1, 2])])
add(both, op="getitem", input=A([3, 4, 5]), index=[S(None, None, None), I(0), ARR([1, 2])])
for mode in ["set", "add", "multiply", "min", "max"]:
    add(both, op="scatter", input=A([6], "float32"), index=[ARR([1, 1, -1])], mode=mode, updates=A([3], "float32", 1))
    add(["jax"], op="scatter", input=A([6]), index=[ARR([1, 9, 2])], mode=mode, updates=A([3], "int32", 5))
    add(both, op="scatter", input=A([3, 4]), index=[S(None, None, None), I(1)], mode=mode, updates=A([3], "int32", 5))
add(both, op="scatter", input=A([6]), index=[I(10)], mode="set", updates=A([], "int32", 1))
add(both, op="scatter", input=A([6]), index=[S(None, None, 2)], mode="set", updates=A([2]))
add(both, op="scatter", input=A([6]), index=[I(1)], mode="set", updates=A([2]))
add(both, op="scatter", input=A([3, 4]), index=[I(1)], mode="set", updates=A([1, 4], "int32", 9))
add(both, op="scatter", input=A([3, 4]), index=[S(None, 2, None)], mode="add", updates=A([4], "int32", 9))

def encode(r):
    r = np.asarray(r)
    vals = r.reshape(-1)
    if r.dtype == np.bool_: vals = [bool(v) for v in vals]
    elif np.issubdtype(r.dtype, np.integer): vals = [int(v) for v in vals]
    else: vals = [float(v) if np.isfinite(v) else str(float(v)) for v in vals]
    return dict(shape=list(r.shape), dtype=str(r.dtype), values=vals)

for case in cases:
    try:
        case["result"] = encode(run(case["lib"], case))
    except Exception as error:
        case["error"] = dict(kind=type(error).__name__, message=str(error))
print(json.dumps(dict(jax=jax.__version__, numpy=np.__version__, cases=cases), indent=0))
