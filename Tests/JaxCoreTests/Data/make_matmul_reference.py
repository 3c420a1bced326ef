"""Records real JAX / NumPy matrix products as hex bits for MatmulTests.
Run: PYTHONPATH=<notes>/models /tmp/jaxenv/bin/python make_matmul_reference.py > matmul.json
Inputs use the reduction generator's formula (seeded), reshaped.

JAX's order for 2-D float32 products depends on the CPU. The target is the AVX2 (no AVX-512)
machine of the reduction notes, where lab1's reference was recorded; on an AVX-512 machine
YNNPACK and oneDNN choose other kernels for small products. oneDNN (the tiny products,
max(M, K, N) < 8) is held to its AVX2 kernels here through ONEDNN_MAX_CPU_ISA, which makes this
machine's JAX compute them as the AVX2 machine does (every tiny shape agrees with the notes'
model that way; see Tests/reference_machine.py for all the pins); YNNPACK has no such switch. Each JAX float32 case therefore records real JAX's
bits when this machine agrees with the notes' model of the AVX2 machine (source "jax"), and
otherwise the model's bits (source "avx2-model"); the lab's own `x_vec @ W` is checked against
its recorded output separately.
NumPy's products come from its bundled OpenBLAS, pinned by reference_machine as jaxlab pins the
system's: the Haswell (AVX2+FMA) kernels on two threads, whatever this machine's CPU, so that
recording on any machine gives the same file. Pinned alike, the two OpenBLAS builds agree for K < 256; NumPy
products with K > 256 are left out, as there they block k differently."""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../.."))
import reference_machine  # noqa: E402  pins XLA, NumPy and OpenBLAS to the AVX2+FMA kernels
import json
import numpy as np
from fma import fma32
from ynndot import ynn_dot
import jax
import jax.numpy as jnp

def inputs(n, seed, dtype):
    i = np.arange(n, dtype=np.int64)
    h = (i * 2654435761 + seed * 97) % 4294967296 - 2147483648
    a = h.astype(dtype)
    b = ((i % 13) + 1).astype(dtype) * dtype(7)
    return (a / b).astype(dtype)

def bits(r):
    r = np.asarray(r)
    if r.dtype == np.float32: return [format(int(v), "08x") for v in r.reshape(-1).view(np.uint32)]
    if r.dtype == np.float64: return [format(int(v), "016x") for v in r.reshape(-1).view(np.uint64)]
    return [str(int(v)) for v in r.reshape(-1)]

def fnv(words):
    """FNV-1a (64-bit) over the hex words joined by commas: a digest of large results."""
    h = 0xcbf29ce484222325
    for byte in ",".join(words).encode():
        h = ((h ^ byte) * 0x100000001b3) % 2 ** 64
    return format(h, "016x")

def tiny_model(A, B):
    """XLA's elemental loop or oneDNN's sgemm for max(M, K, N) < 8 (reduction notes, rules 3-4)."""
    f32 = np.float32
    M, K = A.shape; N = B.shape[1]
    C = np.zeros((M, N), f32)
    for i in range(M):
        for j in range(N):
            if min(M, K) <= 3 and min(K, N) <= 3:
                s = f32(A[i, 0] * B[0, j])
                for k in range(1, K): s = fma32(A[i, k], B[k, j], s)
            else:
                fused = not (M == 2 or (M == 7 and i == 6))
                step = (lambda s, k: fma32(A[i, k], B[k, j], s)) if fused else (lambda s, k: f32(s + f32(A[i, k] * B[k, j])))
                e = o = f32(0)
                for k in range(0, K & ~1, 2): e = step(e, k); o = step(o, k + 1)
                s = f32(e + o)
                if K % 2: s = step(s, K - 1)
            C[i, j] = s
    return C

def model(a, b):
    """The notes' model for a 2-D float32 product, or None where XLA's vector rules apply."""
    if a.ndim > 2 or b.ndim > 2:
        if a.ndim < 2 or b.ndim < 2: return None
        batch = np.broadcast_shapes(a.shape[:-2], b.shape[:-2])
        a = np.broadcast_to(a, batch + a.shape[-2:]); b = np.broadcast_to(b, batch + b.shape[-2:])
        parts = [model(np.ascontiguousarray(a[i]), np.ascontiguousarray(b[i])) for i in np.ndindex(*batch)]
        if any(p is None for p in parts): return None
        return np.stack(parts).reshape(batch + parts[0].shape)
    if a.ndim != 2 or b.ndim != 2 or a.shape[0] == 1 or b.shape[1] == 1: return None
    if max(a.shape + b.shape) < 8: return tiny_model(a, b)
    return ynn_dot(a, b)

pairs = []
for k in [1, 3, 8, 32, 33, 100, 5000]: pairs.append(([k], [k]))
for k in [5, 40]: pairs.append(([1, k], [k]))
for m in [2, 7, 8, 9, 17]:
    for k in [5, 8, 13, 100]: pairs.append(([m, k], [k]))
for n in [3, 7, 16, 20]: pairs.append(([12], [12, n]))
for s in [(2, 3, 4), (4, 3, 2), (4, 4, 4), (2, 5, 6), (7, 5, 7), (7, 6, 3), (3, 4, 5), (6, 7, 5), (1, 3, 4), (5, 1, 5)]:
    pairs.append(([s[0], s[1]], [s[1], s[2]]))
for s in [(10, 4, 3), (8, 8, 8), (64, 64, 64), (100, 784, 10), (128, 784, 256), (33, 17, 9), (200, 300, 50),
          (16, 5000, 16), (256, 256, 256), (9, 9, 9), (50, 3, 40), (1000, 10, 5), (1, 50, 20), (30, 40, 1),
          (12, 7, 12), (40, 9, 30), (5, 100, 100)]:
    pairs.append(([s[0], s[1]], [s[1], s[2]]))
pairs += [([2, 3, 4], [4, 5]), ([3, 1, 4, 5], [2, 5, 2]), ([6], [2, 6, 3]), ([2, 20, 30], [2, 30, 10])]
pairs += [([5, 4], [4, 3]), ([4, 5], [5, 4])]  # oneDNN's even/odd chains (`xs.T @ xs` of a (5, 4) batch)

cases = []
for lib, dtype in [("jax", "float32"), ("numpy", "float32"), ("numpy", "float64"), ("jax", "int32"), ("numpy", "int64")]:
    for s, (sa, sb) in enumerate(pairs):
        if dtype.startswith("int") and np.prod(sa) * np.prod(sb) > 10 ** 7: continue
        if lib == "numpy" and (sa[-1] > 256 or (dtype == "float32" and max(sa + sb) > 300)): continue
        nt = np.dtype(dtype).type
        if dtype.startswith("int"):
            a = (np.arange(int(np.prod(sa))) % 11 - 5).astype(dtype).reshape(sa)
            b = (np.arange(int(np.prod(sb))) % 7 - 3).astype(dtype).reshape(sb)
        else:
            a = inputs(int(np.prod(sa)), 2 * s, nt).reshape(sa)
            b = inputs(int(np.prod(sb)), 2 * s + 1, nt).reshape(sb)
        case = dict(lib=lib, dtype=dtype, a=sa, b=sb, seeds=[2 * s, 2 * s + 1])
        try:
            r = (jnp.asarray(a) @ jnp.asarray(b)) if lib == "jax" else a @ b
            if lib == "jax" and dtype == "float32":
                m = model(a, b)
                case["source"] = "jax"
                if m is not None and not np.array_equal(np.asarray(r), m):
                    r = m; case["source"] = "avx2-model"
            case["shape"] = list(np.shape(r))
            words = bits(r)
            if len(words) <= 1024: case["bits"] = words
            else: case["digest"] = fnv(words); case["head"] = words[:64]
        except Exception as error:
            case["error"] = dict(kind=type(error).__name__, message=str(error))
        cases.append(case)
for lib in ["jax", "numpy"]:
    for sa, sb in [([2, 3], [2, 3]), ([3], [2]), ([2, 3], []), ([], [3])]:
        a = np.ones(sa, np.float32); b = np.ones(sb, np.float32)
        try:
            (jnp.asarray(a) @ jnp.asarray(b)) if lib == "jax" else np.matmul(a, b)
            raise SystemExit("expected an error")
        except Exception as error:
            cases.append(dict(lib=lib, dtype="float32", a=sa, b=sb, seeds=[0, 0],
                              error=dict(kind=type(error).__name__, message=str(error))))
def lab_case():
    """lab1's `x_vec @ W + b`: the operands from its cells, the output from its reference."""
    import contextlib, io, re
    src = open("/work/shared/reference/lab1.py").read()
    ns = {}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(src[:src.index("# %% task_explicit_batch")], ns)
    ref = {c["cell"]: c["output"] for c in json.load(open("/work/shared/reference/lab1.json"))}
    printed = [np.float32(t) for t in re.findall(r"-?\d+\.\d+(?:e[-+]\d+)?", ref["task_explicit_batch"])]
    return dict(x=bits(ns["x_vec"]), W=bits(ns["W"]), b=bits(ns["b"]), expected=bits(np.array(printed, np.float32)))

def dot_general_cases():
    """lax.dot_general on int32 (the dimension bookkeeping) and float32 vector forms, plus errors."""
    from jax import lax
    out = []
    specs = [([2, 3, 4], [2, 4, 5], [[2], [1]], [[0], [0]]), ([3, 4], [5, 4], [[1], [1]], [[], []]),
             ([4, 3], [4, 5], [[0], [0]], [[], []]), ([2, 3, 4], [4, 3], [[1, 2], [1, 0]], [[], []]),
             ([3, 2, 4], [4, 2, 5], [[2], [0]], [[1], [1]]), ([6], [6], [[0], [0]], [[], []]),
             ([7], [7, 9], [[0], [0]], [[], []]), ([5, 40], [40], [[1], [0]], [[], []]),
             ([2, 3, 4], [2, 4, 5], [[2], [2]], [[0], [0]]), ([2, 3, 4], [2, 4, 5], [[2], [1]], [[0], [1]]),
             ([2, 3, 4], [2, 4, 5], [[5], [1]], [[0], [0]]), ([2, 3, 4], [2, 4, 5], [[2], [1]], [[2], [0]]),
             ([2, 3, 4], [3, 4, 5], [[2], [1]], [[0], [0]])]
    for s, (sa, sb, c, bt) in enumerate(specs):
        for dtype in ["int32", "float32"]:
            if dtype == "float32" and len(sa) + len(sb) > 3: continue
            nt = np.dtype(dtype).type
            if dtype == "int32":
                a = (np.arange(int(np.prod(sa))) % 11 - 5).astype(dtype).reshape(sa)
                b = (np.arange(int(np.prod(sb))) % 7 - 3).astype(dtype).reshape(sb)
            else:
                a = inputs(int(np.prod(sa)), 2 * s, nt).reshape(sa)
                b = inputs(int(np.prod(sb)), 2 * s + 1, nt).reshape(sb)
            case = dict(dtype=dtype, a=sa, b=sb, seeds=[2 * s, 2 * s + 1], contracting=c, batch=bt)
            try:
                r = lax.dot_general(jnp.asarray(a), jnp.asarray(b), (tuple(map(tuple, c)), tuple(map(tuple, bt))))
                case["shape"] = list(r.shape); case["bits"] = bits(r)
            except Exception as error:
                case["error"] = dict(kind=type(error).__name__, message=str(error))
            out.append(case)
    return out

print(json.dumps(dict(jax=jax.__version__, numpy=np.__version__, cases=cases, lab=lab_case(),
                      dot_general=dot_general_cases())))
