"""Records jax.random outputs (JAX 0.10.2, CPU) as JSON lines with the raw bits in hex.
Run: python record_jax_random.py > jax_random.jsonl"""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../.."))
import reference_machine  # noqa: E402  pins XLA, NumPy and OpenBLAS to the AVX2+FMA kernels
import json, numpy as np, jax, jax.numpy as jnp
r = jax.random

def hexbits(a):
    a = np.asarray(a)
    if a.dtype == np.bool_:
        return "".join("1" if v else "0" for v in a.ravel())
    width = a.dtype.itemsize
    u = a.view({1: np.uint8, 2: np.uint16, 4: np.uint32, 8: np.uint64}[width]).ravel()
    return "".join(f"{int(v):0{2 * width}x}" for v in u)

def emit(fn, x64, key, out, **kw):
    out = np.asarray(out)
    print(json.dumps(dict(fn=fn, x64=x64, key=key, dtype=str(out.dtype), shape=list(out.shape), out=hexbits(out), **kw)))

SEEDS = [0, 1, 42, 7, 123456789, 2**31 - 1]
SHAPES = [[], [1], [7], [3, 5], [2, 3, 4], [100]]
for x64 in (False, True):
    jax.config.update("jax_enable_x64", x64)
    for seed in [0, 1, 42, -1, 2**32 + 5, -2**40, 2**63 - 1, -2**63, 123456789]:
        emit("key", x64, None, r.key_data(r.key(seed)), seed=str(seed))
    floats = ["float16", "bfloat16", "float32"] + (["float64"] if x64 else [])
    uints = ["uint8", "uint16", "uint32"] + (["uint64"] if x64 else [])
    ints = ["int8", "uint8", "int16", "int32", "uint32"] + (["int64", "uint64"] if x64 else [])
    for seed in SEEDS:
        k = r.key(seed)
        kd = [int(v) for v in r.key_data(k)]
        for num in [[2], [3], [5], [2, 3]]:
            emit("split", x64, kd, r.key_data(r.split(k, tuple(num))), num=num)
        for data in [0, 1, 7, 2**32 - 1]:
            emit("fold_in", x64, kd, r.key_data(r.fold_in(k, data)), data=data)
        for shape in SHAPES:
            for dt in uints:
                emit("bits", x64, kd, r.bits(k, tuple(shape), dt), req=dt)
            for dt in floats:
                emit("normal", x64, kd, r.normal(k, tuple(shape), dt), req=dt)
                for lo, hi in [(0.0, 1.0), (-3.0, 2.5), (0.3, 2.7), (5.0, 2.0)]:
                    emit("uniform", x64, kd, r.uniform(k, tuple(shape), dt, lo, hi), req=dt, minval=lo, maxval=hi)
            for dt in ints:
                for lo, hi in [(0, 10), (-5, 5), (-100, 1000), (5, 2), (0, 256), (-2**31, 2**31 - 1)]:
                    emit("randint", x64, kd, r.randint(k, tuple(shape), lo, hi, dt), req=dt, minval=lo, maxval=hi)
            for p in [0.1, 0.5, 0.9]:
                emit("bernoulli", x64, kd, r.bernoulli(k, p, tuple(shape)), p=p)
        for lo, hi in [(-2.0, 2.0), (-1.0, 3.0), (0.5, 1.5), (-10.0, 10.0), (-3.0, -1.0)]:
            emit("truncated_normal", x64, kd, r.truncated_normal(k, lo, hi, (300,), "float32"), req="float32", minval=lo, maxval=hi)
        emit("normal", x64, kd, r.normal(k, (3000,)), req=None)
        emit("uniform", x64, kd, r.uniform(k, (1000,)), req=None, minval=0.0, maxval=1.0)
        emit("randint", x64, kd, r.randint(k, (1000,), 0, 1000), req=None, minval=0, maxval=1000)
        for n in [1, 5, 10, 100, 2000]:
            emit("permutation", x64, kd, r.permutation(k, n), n=n)
        emit("permutation_array", x64, kd, r.permutation(k, jnp.arange(12.0).reshape(4, 3), axis=1), n=12)
        for shape, replace in [([3], True), ([3], False), ([2, 4], True), ([10], False)]:
            emit("choice", x64, kd, r.choice(k, 10, tuple(shape), replace), n=10, replace=replace, p=None)
            pw = [float(v) for v in np.linspace(0.1, 2.0, 10)]
            emit("choice", x64, kd, r.choice(k, 10, tuple(shape), replace, p=jnp.array(pw)), n=10, replace=replace, p=pw)
