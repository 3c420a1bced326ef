"""Records real JAX / NumPy float sums as hex bits for ReductionTests.
Run: /tmp/jaxenv/bin/python make_reduction_reference.py > reductions.json
Inputs come from a formula the tests recompute exactly (integer hash, one float32 rounding,
one correctly rounded division)."""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../.."))
import reference_machine  # noqa: E402  pins XLA, NumPy and OpenBLAS to the AVX2+FMA kernels
import json
import numpy as np
import jax
import jax.numpy as jnp

def inputs(n, seed, dtype):
    i = np.arange(n, dtype=np.int64)
    h = (i * 2654435761 + seed * 97) % 4294967296 - 2147483648
    a = h.astype(dtype)
    b = ((i % 13) + 1).astype(dtype) * dtype(7)
    return (a / b).astype(dtype)

def bits32(a): return [format(int(v), "08x") for v in np.asarray(a, np.float32).reshape(-1).view(np.uint32)]
def bits64(a): return [format(int(v), "016x") for v in np.asarray(a, np.float64).reshape(-1).view(np.uint64)]

cases = []
sizes = list(range(1, 71)) + [100, 127, 128, 129, 1000, 1024, 1025, 4095, 4096, 4097, 10000, 32768, 32769, 65537, 100000, 1000000]
shapes = [((3, 4), [0]), ((3, 4), [1]), ((50, 70), [0]), ((50, 70), [1]), ((64, 64), [0]), ((64, 64), [1]),
          ((100, 300), [0]), ((100, 300), [1]), ((3000, 20), [0]), ((40000, 3), [0]), ((5, 1000), [0]),
          ((10000, 1), [0]), ((2, 3, 700), [1]), ((2, 3, 700), [0, 2]), ((2, 3, 700), [0, 1]), ((7, 9, 11), [2]),
          ((7, 9, 11), [0, 1, 2])]
for n in sizes:
    x = inputs(n, n, np.float32)
    cases.append(dict(lib="jax", dtype="float32", shape=[n], axes=[0], seed=n, bits=bits32(jnp.sum(jnp.asarray(x)))))
    cases.append(dict(lib="numpy", dtype="float32", shape=[n], axes=[0], seed=n, bits=bits32(np.sum(x))))
    x64 = inputs(n, n, np.float64)
    cases.append(dict(lib="numpy", dtype="float64", shape=[n], axes=[0], seed=n, bits=bits64(np.sum(x64))))
for shape, axes in shapes:
    n = int(np.prod(shape))
    x = inputs(n, 7, np.float32).reshape(shape)
    cases.append(dict(lib="jax", dtype="float32", shape=list(shape), axes=axes, seed=7,
                      bits=bits32(jnp.sum(jnp.asarray(x), axis=tuple(axes)))))
    x64 = inputs(n, 7, np.float64).reshape(shape)
    cases.append(dict(lib="numpy", dtype="float64", shape=list(shape), axes=axes, seed=7,
                      bits=bits64(np.sum(x64, axis=tuple(axes)))))
# products (JAX multiplies along the same tree at every size); factors near 1
for n in [5, 32, 33, 100, 1000, 4095, 5000, 20000]:
    x = (np.float32(1) + inputs(n, n, np.float32) / np.float32(1e10)).astype(np.float32)
    cases.append(dict(lib="jax", op="product", dtype="float32", shape=[n], axes=[0], seed=n, bits=bits32(jnp.prod(jnp.asarray(x)))))
for shape, axes in [((50, 70), [0]), ((7, 9, 11), [0, 1, 2]), ((100, 300), [1])]:
    n = int(np.prod(shape))
    x = (np.float32(1) + inputs(n, 7, np.float32) / np.float32(1e10)).astype(np.float32).reshape(shape)
    cases.append(dict(lib="jax", op="product", dtype="float32", shape=list(shape), axes=axes, seed=7,
                      bits=bits32(jnp.prod(jnp.asarray(x), axis=tuple(axes)))))
# full sums of multi-dimensional arrays of 4,096 elements or more (YNNPACK's tiles: the same
# bits on every CPU; below 4,096 XLA's own loop is vectorised by the CPU model's cost tables)
for shape in [(64, 64), (100, 300), (3, 40000), (40000, 3), (200, 200, 3), (7, 1000, 9), (33, 33, 33),
              (300, 700), (2, 3, 700), (17, 257), (5, 7, 11, 13), (1000, 40)]:
    n = int(np.prod(shape))
    x = inputs(n, 13, np.float32).reshape(shape)
    cases.append(dict(lib="jax", dtype="float32", shape=list(shape), axes=list(range(len(shape))), seed=13,
                      bits=bits32(jnp.sum(jnp.asarray(x)))))
# tiny values (around 1e-36): XLA and YNNPACK add with denormals flushed, so subnormal partial
# sums, Kahan corrections and inputs count as zeros
for shape, axes in [((100,), [0]), ((1000,), [0]), ((5000,), [0]), ((40000,), [0]), ((100000,), [0]),
                    ((300, 700), [0]), ((300, 700), [1]), ((3, 70000), [0]), ((50, 70), [0])]:
    n = int(np.prod(shape))
    x = ((inputs(n, 11, np.float32) * np.float32(1e-30)).astype(np.float32) * np.float32(1e-14)).astype(np.float32).reshape(shape)
    cases.append(dict(lib="jax", op="tiny", dtype="float32", shape=list(shape), axes=axes, seed=11,
                      bits=bits32(jnp.sum(jnp.asarray(x), axis=tuple(axes)))))
print(json.dumps(dict(jax=jax.__version__, numpy=np.__version__, cases=cases)))
