"""Records jax.random calls that take array arguments (JAX 0.10.2, CPU), raw bits in hex.
Run: python record_jax_random_arrays.py > jax_random_arrays.jsonl"""
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

X = np.arange(24, dtype=np.float32).reshape(4, 6)
LO = np.array([-1.0, 0.0, 2.0], np.float32)
HI = np.array([1.0, 5.0, 2.5], np.float32)
P = np.array([0.1, 0.5, 0.9], np.float32)
W = np.linspace(0.2, 1.0, 6).astype(np.float32)
for seed in [0, 3, 42, 99]:
    k = r.key(seed)
    kd = [int(v) for v in r.key_data(k)]
    def emit(fn, out, **kw):
        out = np.asarray(out)
        print(json.dumps(dict(fn=fn, key=kd, dtype=str(out.dtype), shape=list(out.shape), out=hexbits(out), **kw)))
    emit("choice_axis1", r.choice(k, jnp.asarray(X), (3,), True, axis=1), replace=True)
    emit("choice_axis1", r.choice(k, jnp.asarray(X), (3,), False, axis=1), replace=False)
    emit("choice_axis1_p", r.choice(k, jnp.asarray(X), (2, 2), True, p=jnp.asarray(W), axis=1), replace=True)
    emit("choice_axis1_p", r.choice(k, jnp.asarray(X), (4,), False, p=jnp.asarray(W), axis=1), replace=False)
    emit("permutation_independent", r.permutation(k, jnp.asarray(X), axis=1, independent=True))
    emit("permutation_rows", r.permutation(k, jnp.asarray(X)))
    emit("uniform_bounds", r.uniform(k, (2, 3), minval=jnp.asarray(LO), maxval=jnp.asarray(HI)))
    emit("randint_bounds", r.randint(k, (2, 3), jnp.array([0, 10, -50]), jnp.array([5, 20, 50])))
    emit("bernoulli_p", r.bernoulli(k, jnp.asarray(P)))
    emit("bernoulli_p", r.bernoulli(k, jnp.asarray(P), (4, 3)))
