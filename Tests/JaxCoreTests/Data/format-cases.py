"""Records how JAX 0.10.2 and NumPy 2.x print arrays, for the array formatter's tests.

Run with the Python that has jax, numpy and ml_dtypes installed:
    python format-cases.py > format-cases.json
Each case stores the dtype, shape and the raw little-endian element bits in hex (`bits`); when
the array is larger than the pattern, the pattern of elements repeats to fill it.
"""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../.."))
import reference_machine  # noqa: E402  pins XLA, NumPy and OpenBLAS to the AVX2+FMA kernels
import json
import sys
import zlib

import jax
import jax.numpy as jnp
import ml_dtypes
import numpy as np
from jax._src.lax import lax as lax_internal

jax.config.update("jax_enable_x64", True)
rng = np.random.default_rng(20261126)

DTYPES = {
    "bool": np.bool_, "uint8": np.uint8, "int8": np.int8, "int16": np.int16,
    "int32": np.int32, "int64": np.int64, "uint32": np.uint32, "uint16": np.uint16,
    "uint64": np.uint64, "float16": np.float16, "bfloat16": ml_dtypes.bfloat16,
    "float32": np.float32, "float64": np.float64,
}
FLOATS = ["float16", "bfloat16", "float32", "float64"]
INTS = ["uint8", "int8", "int16", "int32", "int64", "uint32", "uint16", "uint64"]
BITS_TYPE = {1: np.uint8, 2: np.uint16, 4: np.uint32, 8: np.uint64}
PATTERN_MAX = 257

cases = []


def record(name, values, shape, weak=False):
    values = np.asarray(values)
    size = int(np.prod(shape))
    flat = values.reshape(-1)
    pattern = flat[:PATTERN_MAX] if size > PATTERN_MAX else flat
    full = np.resize(pattern, size).reshape(shape) if size else flat.reshape(shape)
    full = np.array(full, dtype=values.dtype, order="C")
    j = jnp.asarray(full)
    if weak:
        j = lax_internal._convert_element_type(j, j.dtype, weak_type=True)
    case = {
        "name": name,
        "dtype": str(values.dtype),
        "shape": list(shape),
        "weak": weak,
        "bits": pattern.tobytes().hex(),
        "str": str(j),
        "repr": repr(j),
        "numpy_repr": repr(full),
    }
    if str(full) != case["str"]:
        case["numpy_str"] = str(full)
    if full.ndim == 0:
        scalar = full[()]
        case["scalar_repr"] = repr(scalar)
        case["scalar_str"] = str(scalar)
    cases.append(case)


def random_bits(dtype, n):
    t = np.dtype(DTYPES[dtype])
    raw = rng.integers(0, 256, size=n * t.itemsize, dtype=np.uint8)
    return raw.view(t)


def values_for(dtype, n, style):
    t = DTYPES[dtype]
    if dtype == "bool":
        return rng.integers(0, 2, size=n).astype(np.bool_)
    if dtype in INTS:
        info = np.iinfo(t)
        if style == "small":
            lo = max(int(info.min), -20)
            return rng.integers(lo, 20, size=n, endpoint=True).astype(t)
        if style == "arange":
            return np.arange(n).astype(t)
        return random_bits(dtype, n)
    # floats
    if style == "bits":
        v = random_bits(dtype, n)
        return v
    if style == "arange":
        return np.arange(n).astype(t)
    if style == "normal":
        return rng.standard_normal(n).astype(t)
    if style.startswith("scale"):
        scale = float(style[5:])
        return (rng.standard_normal(n) * scale).astype(t)
    if style == "special":
        pool = np.array([np.nan, np.inf, -np.inf, 0.0, -0.0, 1.0, -2.5, 0.1, 1e-3, 123.25], dtype=np.float64)
        return rng.choice(pool, size=n).astype(t)
    if style == "nonfinite":
        pool = np.array([np.nan, np.inf, -np.inf], dtype=np.float64)
        return rng.choice(pool, size=n).astype(t)
    if style == "nan_normal":
        v = rng.standard_normal(n)
        v[rng.integers(0, n, size=max(1, n // 4))] = np.nan
        return v.astype(t)
    if style == "posinf_small":
        v = rng.random(n) * 10
        v[0] = np.inf
        return v.astype(t)
    if style == "uniform":
        return rng.random(n).astype(t)
    if style == "mixed":
        v = rng.standard_normal(n) * np.power(10.0, rng.integers(-6, 9, size=n))
        return v.astype(t)
    if style == "thirds":
        return (np.arange(n) / 3.0).astype(t)
    if style == "ints_neg":
        return (rng.integers(-1000, 1000, size=n)).astype(t)
    raise ValueError(style)


SHAPES = [(), (1,), (5,), (2, 3), (3, 1, 4), (2, 2, 2, 2), (1, 1, 1), (7, 10), (30,), (3, 40),
          (2, 3, 4, 5), (4, 1), (12,), (0,), (0, 3)]
FLOAT_STYLES = ["normal", "arange", "bits", "scale1e-8", "scale1e-5", "scale1e-3", "scale10",
                "scale1e3", "scale1e5", "scale1e7", "scale1e9", "scale1e20", "special", "nonfinite",
                "nan_normal", "posinf_small", "uniform", "mixed", "thirds", "ints_neg"]
INT_STYLES = ["small", "arange", "bits"]


def count(shape):
    return int(np.prod(shape)) if shape else 1


for dtype in DTYPES:
    styles = FLOAT_STYLES if dtype in FLOATS else (["bits"] if dtype == "bool" else INT_STYLES)
    for style in styles:
        for shape in SHAPES:
            # keep the file small: every style gets a few shapes, rotating
            if zlib.crc32(repr((dtype, style, shape)).encode()) % 3 and shape not in [(), (5,), (2, 3)]:
                continue
            n = count(shape)
            record(f"{dtype}-{style}-{shape}", values_for(dtype, max(n, 1), style)[:n].reshape(shape) if n else
                   np.zeros(shape, dtype=DTYPES[dtype]), shape)

# 0-d scalars of every float style: these print through the scalar str
for dtype in FLOATS:
    for style in FLOAT_STYLES:
        for v in values_for(dtype, 6, style):
            record(f"{dtype}-scalar-{style}", np.asarray(v), ())

# exact thresholds of the scientific switch
for dtype in FLOATS:
    t = DTYPES[dtype]
    for pair in [[1e-4, 0.1], [9.99e-5, 0.5], [1e3, 1.0], [999.0, 1.0], [1e6, 1.0], [999999.0, 1.5],
                 [1e8, 1.0], [99999999.0, 1.0], [1000.0, 1.0], [1001.0, 1.0], [0.001, 1.0], [0.001, 1.001],
                 [1e16, 1.0], [1e-4], [1e6], [1e8], [1e3], [1e16], [65504.0, 1.0], [1.0, 1e30]]:
        record(f"{dtype}-threshold-{pair}", np.array(pair, dtype=np.float64).astype(t), (len(pair),))
        record(f"{dtype}-threshold0d-{pair[0]}", np.array(pair[0], dtype=np.float64).astype(t), ())

# long rows, wrapping, nested dims, large and summarised arrays
for dtype in ["float32", "float64", "int32", "bool", "float16", "bfloat16", "uint8", "int64"]:
    for shape, style in [((100,), "normal"), ((1001,), "normal"), ((2000,), "arange"), ((2, 1000), "arange"),
                         ((10, 10, 11), "normal"), ((4, 300), "mixed"), ((1, 1, 2000), "normal"),
                         ((7, 7, 7, 7), "arange"), ((1000,), "normal"), ((1000, 1000), "normal"),
                         ((3, 2000), "bits"), ((6, 6, 6, 6, 6), "normal"), ((40, 30), "scale1e-5"),
                         ((8, 8, 8, 8), "bits"), ((1001, 2), "mixed"), ((2, 1001), "nan_normal")]:
        if shape == (6, 6, 6, 6, 6) and dtype not in ["float32", "int32"]:
            continue
        if dtype in INTS or dtype == "bool":
            style = {"normal": "small", "mixed": "bits", "scale1e-5": "small"}.get(style, style)
        n = count(shape)
        record(f"{dtype}-big-{style}-{shape}", values_for(dtype, min(n, PATTERN_MAX), style), shape)

# weak-typed arrays (from Python scalars)
for dtype in ["float32", "int32", "float64", "int64", "bool"]:
    for shape in [(), (3,), (2, 2)]:
        n = count(shape)
        style = "normal" if dtype.startswith("float") else ("small" if dtype != "bool" else "bits")
        record(f"{dtype}-weak-{shape}", values_for(dtype, n, style).reshape(shape), shape, weak=True)

# repr line length edge cases: the dtype text moves when the last line is long
for width in range(1, 16):
    record(f"float32-reprwidth-{width}", np.linspace(0.1, 9.9, width).astype(np.float32), (width,))
    record(f"int32-reprwidth-{width}", (np.arange(width) * 1234567).astype(np.int32), (width,))
    record(f"float32-reprwidth-2d-{width}", np.linspace(-0.1, 9.9, 2 * width).astype(np.float32), (2, width))

# weak-typed arrays whose last line is long, so JAX moves the dtype text
for n in [9, 10, 11, 12]:
    record(f"float32-weak-wide-{n}", rng.standard_normal(n).astype(np.float32), (n,), weak=True)
    record(f"int32-weak-wide-{n}", (rng.integers(-10**9, 10**9, size=n)).astype(np.int32), (n,), weak=True)

# random shapes and values mixing every float style
for i in range(120):
    dtype = FLOATS[i % 4] if i % 3 else ["int8", "int32", "uint8", "int64", "uint32", "bool"][i % 6]
    ndim = int(rng.integers(1, 5))
    shape = tuple(int(d) for d in rng.integers(1, 9, size=ndim))
    n = count(shape)
    if dtype in FLOATS:
        style = FLOAT_STYLES[int(rng.integers(0, len(FLOAT_STYLES)))]
    else:
        style = "bits" if dtype == "bool" else INT_STYLES[int(rng.integers(0, 3))]
    record(f"{dtype}-random-{style}-{shape}", values_for(dtype, n, style).reshape(shape), shape)

# arrays the lab prints, computed by real JAX as the lab computes them
def record_jax(name, j):
    v = np.asarray(j)
    record(name, v, v.shape, weak=bool(j.weak_type))


jax.config.update("jax_enable_x64", False)
if True:
    def f(x):
        return ((x + 2) ** 2 + 3).mean()
    lx = jnp.arange(3, dtype=jnp.float32)
    record_jax("lab-mean", f(lx))
    record_jax("lab-grad", jax.grad(f)(lx))
    key = jax.random.key(42)
    key, k1, k2, k3, k4 = jax.random.split(key, 5)
    large = jax.random.normal(k1, (1000,))
    record_jax("lab-large", large)
    record_jax("lab-large-head", large[:5])
    record_jax("lab-grad-large", jax.grad(f)(large)[:5])
    W = jax.random.normal(k2, (4, 3))
    b = jax.random.normal(k3, (3,))
    xv = jax.random.normal(k4, (10, 4))
    record_jax("lab-vmap", xv @ W + b)
    record_jax("lab-scalar-normal", jax.random.normal(k1))
    record_jax("lab-uint8", jnp.arange(254.0, 258.0).astype("uint8"))
    record_jax("lab-weak-scalar", jnp.asarray(2.5) * 2)
    record_jax("lab-float16", jnp.arange(5, 11, dtype=jnp.float16))
    record_jax("lab-linspace", jnp.linspace(0, 1, 7))
    record_jax("lab-thirds", jnp.arange(10.0) / 3)
    record_jax("lab-eye", jnp.eye(3))
    record_jax("lab-bool", jnp.arange(5) > 2)
    record_jax("lab-uniform", jax.random.uniform(k2, (3, 3)))
    record_jax("lab-exp", jnp.exp(jnp.arange(12.0)))
jax.config.update("jax_enable_x64", True)
record_jax("lab-x64-uniform", jax.random.uniform(jax.random.key(0), (1000,), dtype=jnp.float64)[:3])
record_jax("lab-x64-uniform-all", jax.random.uniform(jax.random.key(0), (1000,), dtype=jnp.float64))

# Python floats
python_floats = []
doubles = list(rng.standard_normal(300)) + list(random_bits("float64", 300).astype(np.float64))
doubles += list(rng.integers(-10**6, 10**6, size=100) * 10.0 ** rng.integers(-25, 25, size=100))
doubles += [0.1, 1e-5, 1e16, 1e15, 9999999999999998.0, 12345678901234567.0, 0.0001, 0.00009999, 1e22,
            1.5e-7, -0.0, 0.0, 5e-324, 1.7976931348623157e308, 2.0 ** 53, 2.0 ** 60, 123.0, 1e100, 1 / 3,
            float("nan"), float("inf"), float("-inf"), 0.3, 2.675, 1e-4, 9.999999999999999e-05]
for x in doubles:
    x = float(x)
    python_floats.append({"bits": np.float64(x).tobytes().hex(), "repr": repr(x)})

json.dump({"cases": cases, "python_floats": python_floats}, sys.stdout, indent=0)
