"""Records jnp.log, jnp.log1p and lax.erf_inv (float32, jitted, CPU) of JAX 0.10.2 as hex bits.
Run: python record_xla_log.py > xla_log.txt  (one line: input log log1p erf_inv)."""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../.."))
import reference_machine  # noqa: E402  pins XLA, NumPy and OpenBLAS to the AVX2+FMA kernels
import numpy as np, jax, jax.numpy as jnp

rng = np.random.default_rng(20240)
special = np.array([0, 0x80000000, 0x00000001, 0x807FFFFF, 0x00800000, 0x3F800000, 0xBF800000,
                    0x7F800000, 0xFF800000, 0x7FC00000, 0xFFC00000, 0x7F800001, 0xBF7FFFFF,
                    0x3F7FFFFF, 0x3ED413CD, 0xBED413CD, 0x3ED413CC, 0x3F3504F3, 0x3F3504F2,
                    0x7F7FFFFF, 0xFF7FFFFF, 0xBF000000, 0x3F000000], dtype=np.uint32)
parts = [special,
         rng.integers(0, 1 << 32, size=1500, dtype=np.uint64).astype(np.uint32),        # any bits
         rng.uniform(-1, 1, size=1500).astype(np.float32).view(np.uint32),               # erf_inv's domain
         (-rng.uniform(0, 1, size=500) ** 8).astype(np.float32).view(np.uint32),        # near 0 and -1
         rng.uniform(-0.5, 0.5, size=500).astype(np.float32).view(np.uint32)]           # log1p's small branch
bits = np.concatenate(parts)
x = bits.view(np.float32)
f = jax.jit(lambda x: (jnp.log(x), jnp.log1p(x), jax.lax.erf_inv(x)))
outs = [np.asarray(v).view(np.uint32) for v in f(x)]
for row in zip(bits, *outs):
    print(" ".join(f"{int(v):08x}" for v in row))
