"""Records reference cases for the elementwise kernels from real JAX and NumPy.

Run with the JAX environment's python from this directory:
    python elementwise.py
Writes ../elementwise-*.json. Values are hex bit patterns of the raw elements
(bool as 0/1), so tests compare bit for bit.
"""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../.."))
import reference_machine  # noqa: E402  pins XLA, NumPy and OpenBLAS to the AVX2+FMA kernels
import json, warnings
import numpy as np
import jax
jax.config.update("jax_enable_x64", True)
import jax.numpy as jnp
from jax import lax
import jax.scipy.special as jsp

warnings.filterwarnings("ignore")
np.seterr(all="ignore")
rng = np.random.default_rng(20261126)

UINT = {1: np.uint8, 2: np.uint16, 4: np.uint32, 8: np.uint64}


def enc(x):
    x = np.asarray(x)
    name = "bfloat16" if x.dtype == jnp.bfloat16 else str(x.dtype)
    if x.dtype == np.bool_:
        bits = [format(int(v), "x") for v in x.ravel()]
    else:
        bits = [format(int(v), "x") for v in x.view(UINT[x.dtype.itemsize]).ravel()]
    return {"dtype": name, "shape": list(x.shape), "bits": bits}


def run(f):
    try:
        return {"out": enc(f())}
    except Exception as e:  # recorded as the message a user would see
        return {"error": f"{type(e).__name__}: {e}"}


FLOAT_SPECIAL = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, -2.5, 3.0, -3.0, 7.0, -7.0, 0.1,
                 1e-40, -1e-40, 1e-38, 3e38, -3e38, 1e10, 1e-5, 12345.678,
                 np.inf, -np.inf, np.nan, 65504.0, 2.0**31, 255.5, -0.7]
DOUBLE_EXTRA = [1e-310, -1e-310, 1e300, -1e300, 5e-324, 2.0**64, 2.0**53 + 1]


def float_pairs(dtype):
    vals = list(FLOAT_SPECIAL) + (DOUBLE_EXTRA if dtype == np.float64 else [])
    a = np.array(vals, dtype=dtype)
    x, y = np.meshgrid(a, a, indexing="ij")
    r1 = (rng.standard_normal(200) * rng.choice([1, 10, 1000], 200)).astype(dtype)
    r2 = (rng.standard_normal(200) * rng.choice([1, 10, 1000], 200)).astype(dtype)
    return np.concatenate([x.ravel(), r1]), np.concatenate([y.ravel(), r2])


def int_pairs(dtype):
    info = np.iinfo(dtype)
    vals = [0, 1, 2, 3, 5, 7, 100, info.max, info.max - 1, info.min, info.min + 1]
    if info.min < 0:
        vals += [-1, -2, -3, -5, -7, -100]
    vals += [64, 31, 6]
    a = np.array([v for v in vals if info.min <= v <= info.max], dtype=dtype)
    x, y = np.meshgrid(a, a, indexing="ij")
    r1 = rng.integers(info.min, int(info.max) + 1, 200, dtype=dtype)
    r2 = rng.integers(-20 if info.min < 0 else 0, 20, 200).astype(dtype)
    return np.concatenate([x.ravel(), r1]), np.concatenate([y.ravel(), r2])


JNP_BINARY = {
    "add": jnp.add, "subtract": jnp.subtract, "multiply": jnp.multiply, "divide": lax.div,
    "floorDivide": jnp.floor_divide, "remainder": jnp.remainder, "power": jnp.power,
    "maximum": jnp.maximum, "minimum": jnp.minimum, "arctan2": jnp.arctan2,
    "equal": jnp.equal, "notEqual": jnp.not_equal, "less": jnp.less, "lessEqual": jnp.less_equal,
    "greater": jnp.greater, "greaterEqual": jnp.greater_equal,
    "logicalAnd": jnp.logical_and, "logicalOr": jnp.logical_or, "logicalXor": jnp.logical_xor,
}
NP_BINARY = {
    "add": np.add, "subtract": np.subtract, "multiply": np.multiply, "divide": np.divide,
    "floorDivide": np.floor_divide, "remainder": np.remainder, "power": np.power,
    "maximum": np.maximum, "minimum": np.minimum, "arctan2": np.arctan2,
    "equal": np.equal, "notEqual": np.not_equal, "less": np.less, "lessEqual": np.less_equal,
    "greater": np.greater, "greaterEqual": np.greater_equal,
    "logicalAnd": np.logical_and, "logicalOr": np.logical_or, "logicalXor": np.logical_xor,
}


def binary_cases():
    cases = []
    groups = []
    for dtype in [np.float32, np.float64, np.float16, jnp.bfloat16, np.int32, np.int64, np.int8, np.uint8, np.uint32, np.int16, np.uint16, np.uint64, np.bool_]:
        if dtype == np.bool_:
            x, y = np.meshgrid([False, True], [False, True], indexing="ij")
            x, y = x.ravel(), y.ravel()
        elif np.dtype(dtype).kind == "f" or dtype == jnp.bfloat16:
            x, y = float_pairs(np.float64 if dtype == np.float64 else np.float32)
            x, y = x.astype(dtype), y.astype(dtype)
        else:
            x, y = int_pairs(dtype)
        isfloat = np.dtype(dtype).kind == "f" or dtype == jnp.bfloat16
        group = {"a": enc(x), "b": enc(y), "results": []}
        for op in JNP_BINARY:
            if op == "arctan2" and not isfloat:
                continue
            if dtype == np.bool_ and op in ("subtract", "divide", "floorDivide", "remainder", "power", "arctan2"):
                continue
            group["results"].append({"op": op, "semantics": "jax",
                                     **run(lambda: np.asarray(JNP_BINARY[op](jnp.asarray(x), jnp.asarray(y))))})
            if dtype == jnp.bfloat16 or (op == "divide" and not isfloat):
                continue
            if op == "power" and not isfloat and np.iinfo(dtype).min < 0:
                continue  # negative integer powers raise in NumPy; covered by the non-negative cases below
            if op in ("power", "arctan2") and isfloat:
                continue  # NumPy 2.4's own float pow/atan2 are not reproduced yet
            group["results"].append({"op": op, "semantics": "numpy", **run(lambda: NP_BINARY[op](x, y))})
        groups.append(group)
        if not isfloat and dtype != np.bool_ and np.iinfo(dtype).min < 0:
            yn = np.abs(y.astype(np.int64)).astype(dtype)
            groups.append({"a": enc(x), "b": enc(yn), "results": [
                {"op": "power", "semantics": "numpy", **run(lambda: np.power(x, yn))},
                {"op": "power", "semantics": "jax", **run(lambda: np.asarray(jnp.power(jnp.asarray(x), jnp.asarray(yn))))}]})
    # broadcasting and shape errors
    a = rng.standard_normal((2, 3)).astype(np.float32)
    for sb in [(3,), (2, 1), (1, 3), (), (4, 2, 3), (4, 1, 1), (2, 3)]:
        b = rng.standard_normal(sb).astype(np.float32)
        for op in ["add", "multiply", "less"]:
            cases.append({"op": op, "semantics": "jax", "a": enc(a), "b": enc(b),
                          **run(lambda: np.asarray(JNP_BINARY[op](jnp.asarray(a), jnp.asarray(b))))})
            cases.append({"op": op, "semantics": "numpy", "a": enc(a), "b": enc(b), **run(lambda: NP_BINARY[op](a, b))})
    for sa, sb in [((3,), (4,)), ((2, 3), (3, 2)), ((2, 3), (4,)), ((5, 1, 3), (2, 4, 1)), ((2, 3), (2,))]:
        a = np.ones(sa, np.float32); b = np.ones(sb, np.float32)
        for op in ["add", "subtract", "multiply", "divide", "floorDivide", "power", "equal", "logicalXor", "maximum"]:
            fn = jnp.divide if op == "divide" else JNP_BINARY[op]
            cases.append({"op": op, "semantics": "jax", "a": enc(a), "b": enc(b),
                          **run(lambda: np.asarray(fn(jnp.asarray(a), jnp.asarray(b))))})
            cases.append({"op": op, "semantics": "numpy", "a": enc(a), "b": enc(b), **run(lambda: NP_BINARY[op](a, b))})
    a = np.arange(6, dtype=np.int32).reshape(2, 3); b = np.arange(3, dtype=np.int32)
    for op in ["add", "floorDivide", "remainder", "greater"]:
        cases.append({"op": op, "semantics": "jax", "a": enc(a), "b": enc(b),
                      **run(lambda: np.asarray(JNP_BINARY[op](jnp.asarray(a), jnp.asarray(b))))})
    return {"groups": groups, "cases": cases}


def cast_cases():
    cases = []
    vals = np.array([0.0, -0.0, 0.4, 0.5, 0.9, 1.0, 1.5, -0.5, -0.9, -1.0, -1.5, 127.5, 128.0, 254.0, 255.0, 255.9,
                     256.0, 257.0, 300.0, -129.0, -200.0, 32767.5, 32768.0, 65535.0, 65536.0, 70000.5, -70000.5,
                     2147483520.0, 2147483648.0, -2147483648.0, -2147483904.0, 4294967040.0, 4294967296.0,
                     1e10, -1e10, 9.2e18, -9.2e18, 1e19, 1.8e19, 2e19, -1e19, 1e30, -1e30,
                     np.inf, -np.inf, np.nan, 1e-40, -1e-40, 3.3e38, 1e-8, 65504.0, 65520.0], dtype=np.float64)
    targets = ["bool", "uint8", "uint16", "uint32", "uint64", "int8", "int16", "int32", "int64", "float16", "bfloat16", "float32", "float64"]
    for src in [np.float32, np.float64, np.float16]:
        x = vals.astype(src)
        for t in targets:
            tt = jnp.bfloat16 if t == "bfloat16" else t
            cases.append({"semantics": "jax", "a": enc(x), **run(lambda: np.asarray(jnp.asarray(x).astype(tt)))})
            if t != "bfloat16":
                cases.append({"semantics": "numpy", "a": enc(x), **run(lambda: x.astype(tt))})
    ints = np.array([0, 1, -1, 127, 128, 255, 256, -129, 32767, 32768, 65535, 65536, 2**31 - 1, 2**31, -2**31,
                     2**32 - 1, 2**32, 2**53 + 1, 2**62 + 12345, -2**63, 2**63 - 1, 16777217, -16777217], dtype=np.int64)
    for src in [np.int64, np.int32, np.uint8, np.int8, np.uint32, np.uint64, np.bool_]:
        x = ints.astype(src) if src != np.bool_ else np.array([True, False, True])
        for t in targets:
            tt = jnp.bfloat16 if t == "bfloat16" else t
            cases.append({"semantics": "jax", "a": enc(x), **run(lambda: np.asarray(jnp.asarray(x).astype(tt)))})
            if t != "bfloat16":
                cases.append({"semantics": "numpy", "a": enc(x), **run(lambda: x.astype(tt))})
    return cases


def creation_cases():
    cases = []
    aranges = [(0, 6, 1, "int32"), (5, 11, 1, "float16"), (0, 1, 0.1, "float32"), (0, 1, 0.1, "float64"),
               (254.0, 258.0, 1, "float32"), (-3, 7, 2, "int32"), (10, 0, -3, "int64"), (0.5, 5, 1.5, "int32"),
               (1, 2, 0.3, "float32"), (-1.7, 4.1, 0.37, "float32"), (-1.7, 4.1, 0.37, "float64"), (0, 0, 1, "int32"),
               (3, 1, 1, "float32"), (0, 10, 3, "uint8"), (0.1, 100.3, 0.7, "float32"), (0, 5, 0, "int32"),
               (0.0, 5.0, 0.0, "float32"), (0, 1e5, 7.77, "float32"), (2, 40, 0.3, "float16"), (0, 300, 1, "uint8"),
               (1e8, 1e8 + 20, 1.5, "float32"), (0.1, 2.0, 0.1, "float16")]
    def pyval(v):
        return {"float": v} if isinstance(v, float) else {"int": v}
    for start, stop, step, dt in aranges:
        rec = {"start": pyval(start), "stop": pyval(stop), "step": pyval(step), "dtype": dt}
        cases.append({"fn": "arange", "semantics": "jax", **rec, **run(lambda: np.asarray(jnp.arange(start, stop, step, dtype=dt)))})
        cases.append({"fn": "arange", "semantics": "numpy", **rec, **run(lambda: np.arange(start, stop, step, dtype=dt))})
    for start, stop, num, endpoint, dt in [(0.0, 1.0, 5, True, "float32"), (0.1, 7.3, 50, True, "float32"),
                                           (-3.7, 1e4, 17, True, "float32"), (2.5, -1.25, 10, False, "float32"),
                                           (0.0, 1.0, 5, True, "float64"), (0.1, 7.3, 50, True, "float64"),
                                           (0.0, 10.0, 7, True, "int32"), (-5.0, 5.0, 11, True, "int32"),
                                           (0.0, 1.0, 1, True, "float32"), (0.0, 1.0, 0, True, "float32"),
                                           (0.0, 1.0, 2, False, "float32"), (1.0, 2.0, 5, True, "float16"),
                                           (0.0, 1.0, -1, True, "float32"), (-2.0, 3.0, 30, True, "float32"),
                                           (2.5, -1.25, 352, True, "float32"), (2.5, -1.25, 353, True, "float32"),
                                           (0.1, 7.3, 1000, True, "float32"), (-5.5, 3.3, 2000, False, "float32"),
                                           (2.5, -1.25, 5000, True, "float32"), (0.1, 7.3, 4442, True, "float32")]:
        rec = {"start": start, "stop": stop, "num": num, "endpoint": endpoint, "dtype": dt}
        jax.config.update("jax_enable_x64", "64" in dt)  # the compiled kernel differs with x64 on
        cases.append({"fn": "linspace", "semantics": "jax", **rec, **run(lambda: np.asarray(jnp.linspace(start, stop, num, endpoint=endpoint, dtype=dt)))})
        jax.config.update("jax_enable_x64", True)
        cases.append({"fn": "linspace", "semantics": "numpy", **rec, **run(lambda: np.linspace(start, stop, num, endpoint=endpoint, dtype=dt))})
    for n, m, k, dt in [(3, 3, 0, "float32"), (2, 4, 1, "int32"), (4, 2, -1, "float32"), (3, 3, 5, "bool")]:
        cases.append({"fn": "eye", "n": n, "m": m, "k": k, "dtype": dt, **run(lambda: np.asarray(jnp.eye(n, m, k, dtype=dt)))})
    for dt, shape, dim in [("int32", (2, 3), 0), ("int32", (2, 3), 1), ("float32", (4,), 0), ("uint8", (2, 3, 4), 2)]:
        cases.append({"fn": "iota", "shape": list(shape), "dimension": dim, "dtype": dt,
                      **run(lambda: np.asarray(lax.broadcasted_iota(dt, shape, dim)))})
    for shape, val, dt in [((2, 3), 0.0, "float32"), ((3,), 7, "int32"), ((2,), 2.7, "int32"), ((2,), -1, "uint8"),
                           ((2,), True, "float32"), ((0, 3), 1.0, "float32"), ((), 3.5, "float16")]:
        cases.append({"fn": "full", "shape": list(shape), "value": {"bool": val} if isinstance(val, bool) else pyval(val),
                      "dtype": dt, **run(lambda: np.asarray(jnp.full(shape, val, dtype=dt)))})
    return cases


def promotion_cases():
    names = ["bool", "uint8", "uint16", "uint32", "uint64", "int8", "int16", "int32", "int64", "float16", "bfloat16", "float32", "float64"]
    out = []
    for x64 in [False, True]:
        jax.config.update("jax_enable_x64", x64)
        def operand(name, weak):
            dt = jnp.bfloat16 if name == "bfloat16" else np.dtype(name)
            return lax_internal._convert_element_type(np.zeros((), dt), dt, weak_type=weak)
        from jax._src.lax import lax as lax_internal
        for a in names:
            for wa in [False, True]:
                for b in names:
                    for wb in [False, True]:
                        if not x64 and ("64" in a or "64" in b):
                            continue
                        try:
                            dt, weak = jax._src.dtypes.result_type(operand(a, wa), operand(b, wb), return_weak_type_flag=True)
                            res = {"dtype": str(dt) if dt != jnp.bfloat16 else "bfloat16", "weak": bool(weak)}
                        except Exception as e:
                            res = {"error": str(e)}
                        out.append({"x64": x64, "a": [a, wa], "b": [b, wb], **res})
    jax.config.update("jax_enable_x64", True)
    pyvals = {"bool": True, "int64": 1, "float64": 1.0}
    for a in names:
        if a == "bfloat16":
            continue
        for b in names + ["pybool", "pyint", "pyfloat"]:
            if b == "bfloat16":
                continue
            bv = {"pybool": True, "pyint": 1, "pyfloat": 1.0}.get(b, np.dtype(b) if b not in ("pybool", "pyint", "pyfloat") else None)
            out.append({"numpy": True, "a": [a, False],
                        "b": [{"pybool": "bool", "pyint": "int64", "pyfloat": "float64"}.get(b, b), b.startswith("py")],
                        "dtype": str(np.result_type(np.dtype(a), bv))})
    for a, b in [(True, 1), (1, 2.0), (True, 1.0), (1, 1), (2.0, 1.0)]:
        out.append({"numpy": True, "a": [str(np.result_type(a)), True], "b": [str(np.result_type(b)), True],
                    "dtype": str(np.result_type(a, b))})
    return out


JNP_UNARY = {
    "negative": jnp.negative, "abs": jnp.abs, "sign": jnp.sign, "exp": jnp.exp, "log": jnp.log,
    "log1p": jnp.log1p, "expm1": jnp.expm1, "sqrt": jnp.sqrt, "rsqrt": lax.rsqrt, "sin": jnp.sin,
    "cos": jnp.cos, "tan": jnp.tan, "tanh": jnp.tanh, "arctan": jnp.arctan, "erf": jsp.erf,
    "erfInv": jsp.erfinv, "logistic": jax.nn.sigmoid, "logicalNot": jnp.logical_not,
    "floor": jnp.floor, "ceil": jnp.ceil, "round": jnp.round,
}
NP_UNARY = {
    "negative": np.negative, "abs": np.abs, "sign": np.sign, "exp": np.exp, "log": np.log,
    "log1p": np.log1p, "expm1": np.expm1, "sqrt": np.sqrt, "sin": np.sin, "cos": np.cos, "tan": np.tan,
    "tanh": np.tanh, "arctan": np.arctan, "logicalNot": np.logical_not, "floor": np.floor,
    "ceil": np.ceil, "round": np.round,
}


def float_inputs(dtype, n):
    special = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.5, -2.5, 1e-40, -1e-40, 1e-30, 1e-4, 3e-4, 5e-4, 1e-3, 0.4999,
               0.5001, 3.7, 3.8, 3.9, -3.8, 10.0, 20.0, -20.0, 87.0, 88.5, 89.0, -87.5, -88.0, -104.0, 1e10, 1e30,
               3e38, -3e38, np.inf, -np.inf, np.nan, -np.nan, 0.99999, -0.99999, 100.0, 1e5, 1e6]
    if dtype == np.float64:
        special += [1e-310, -1e-310, 700.0, 710.0, -745.0, 1e300]
    k = n - len(special)
    parts = [rng.uniform(-10, 10, k // 4), rng.standard_normal(k // 4) * 100, rng.uniform(-1, 1, k // 4),
             np.sign(rng.standard_normal(k - 3 * (k // 4))) * 2.0 ** rng.uniform(-140 if dtype != np.float64 else -1030, 130, k - 3 * (k // 4))]
    return np.concatenate([np.array(special)] + parts).astype(dtype)


def unary_cases():
    groups = []
    for dtype in [np.float32, np.float64, np.float16, jnp.bfloat16]:
        base = np.float64 if dtype == np.float64 else np.float32
        x = float_inputs(base, 1503).astype(dtype)
        group = {"a": enc(x), "results": []}
        for op, f in JNP_UNARY.items():
            group["results"].append({"op": op, "semantics": "jax", **run(lambda: np.asarray(f(jnp.asarray(x))))})
            if op in NP_UNARY and dtype != jnp.bfloat16:
                group["results"].append({"op": op, "semantics": "numpy", **run(lambda: NP_UNARY[op](x))})
        groups.append(group)
    # sizes that switch XLA's code paths (exp/log glibc lanes, atan lanes, erf variants)
    for size in [(), (1,), (2,), (3,), (5,), (6,), (7,), (8,), (11,), (13,), (15,), (16,), (49,), (50,), (53,), (2, 7), (3, 5)]:
        x = float_inputs(np.float32, 60)[:int(np.prod(size))].reshape(size) if size else np.float32(rng.uniform(-5, 5))
        x = np.asarray(x, np.float32)
        group = {"a": enc(x), "results": []}
        for op in ["exp", "log", "arctan", "erf", "tanh", "logistic", "expm1", "sin"]:
            group["results"].append({"op": op, "semantics": "jax", **run(lambda: np.asarray(JNP_UNARY[op](jnp.asarray(x))))})
        groups.append(group)
    for dtype in [np.int8, np.int32, np.int64, np.uint8, np.uint32]:
        x, _ = int_pairs(dtype)
        group = {"a": enc(x), "results": []}
        for op in ["negative", "abs", "sign", "logicalNot", "floor", "round"]:
            group["results"].append({"op": op, "semantics": "jax", **run(lambda: np.asarray(JNP_UNARY[op](jnp.asarray(x))))})
            if op not in ("floor", "round"):
                group["results"].append({"op": op, "semantics": "numpy", **run(lambda: NP_UNARY[op](x))})
        group["results"].append({"op": "exp", "semantics": "jax", **run(lambda: np.asarray(lax.exp(jnp.asarray(x))))})
        groups.append(group)
    x = np.array([True, False])
    groups.append({"a": enc(x), "results": [{"op": "logicalNot", "semantics": s, **run(lambda: np.asarray(f(x)))}
                                             for s, f in [("jax", jnp.logical_not), ("numpy", np.logical_not)]]})
    return groups


def integer_pow_cases():
    cases = []
    for dtype in [np.float32, np.float64, np.float16, np.int32, np.int8, np.uint8]:
        x = float_inputs(np.float32, 300).astype(dtype) if np.dtype(dtype).kind == "f" else int_pairs(dtype)[0][:300]
        for y in [0, 1, 2, 3, 4, 5, 7, 12, -1, -2, -3]:
            cases.append({"y": y, "a": enc(x), **run(lambda: np.asarray(lax.integer_pow(jnp.asarray(x), y)))})
    return cases


def select_cases():
    cases = []
    c = np.array([[True, False, True], [False, False, True]])
    for t, f in [(np.arange(6, dtype=np.float32).reshape(2, 3), np.float32(-1)), (np.arange(3, dtype=np.int32), np.arange(3, 6, dtype=np.int32)),
                 (np.ones(4, np.float32), np.zeros(4, np.float32))]:
        cases.append({"c": enc(c), "t": enc(t), "f": enc(np.asarray(f)), **run(lambda: np.asarray(jnp.where(c, t, f)))})
    return cases


def write(name, obj):
    with open(f"../elementwise-{name}.json", "w") as f:
        json.dump(obj, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    import sys
    parts = sys.argv[1:] or ["binary", "cast", "creation", "promotion", "unary", "integer_pow", "select"]
    for p in parts:
        write(p, globals()[f"{p}_cases"]())
        print("wrote", p)
