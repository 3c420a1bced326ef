"""Records np.random.default_rng(seed) draws (PCG64 + SeedSequence) from NumPy 2.4.
Run: python record_numpy_generator.py > numpy_generator.json"""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../.."))
import reference_machine  # noqa: E402  pins XLA, NumPy and OpenBLAS to the AVX2+FMA kernels
import json
import numpy as np

out = []
for seed in [0, 1, 42, 12345, 2**32 + 7, 2**63 + 5]:
    g = np.random.default_rng(seed)
    a = g.random(5); b = g.integers(0, 10, 7); c = g.integers(-5, 2**40, 4); d = g.integers(100, size=3); e = g.random(3)
    n = g.standard_normal(2000); m = g.normal(1.5, 3.0, 7)
    out.append(dict(seed=str(seed), random=a.view(np.uint64).tolist(), ints=b.tolist(), big=c.tolist(),
                    small=d.tolist(), random2=e.view(np.uint64).tolist(),
                    normal="".join(f"{int(v):016x}" for v in n.view(np.uint64)), scaled=m.view(np.uint64).tolist()))
print(json.dumps(out))
