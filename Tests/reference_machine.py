"""Pins what decides the bits of a recording to the reference machine: the AVX2+FMA kernels.

Real JAX, NumPy and OpenBLAS choose code paths by the CPU they run on: XLA emits AVX-512 code and
native float16 arithmetic where it can, NumPy dispatches float64 exp, tanh and friends to Intel's
SVML on AVX-512, and OpenBLAS picks kernels by CPU model and splits products by thread count.
Each of those changes some last bits. jaxlab reproduces the AVX2+FMA machine (which every x86-64
CPU since Haswell and Zen can be), so every recorder imports this module before numpy or jax, and
recording on any such machine gives the same file.

The JAX reference machine was an AMD Zen 3. Two things of its XLA code depend on the CPU model
itself: LLVM's cost model unrolls vector loops 4 times there (jnp.linspace shows it; pinned below),
and `lax.rsqrt` in float32 starts from the CPU's own `rsqrtps` estimate, whose bits differ between
Intel and AMD; jaxlab keeps Zen 3's estimates as a table (JaxCore's RsqrtEstimate). A third is
the order of a full sum (or product) of a multi-dimensional array below 4,096 elements: XLA marks
those adds reassociable and LLVM's loop vectorizer picks the vector width and partial sums by the
CPU model's cost tables (the (7, 9, 11) case of reductions.json comes out differently on an
AVX-512 Xeon capped to AVX2). So record rsqrt cases and full multi-dimensional reductions on a
Zen 3; every other case records identically on any AVX2+FMA machine.

Run another recorder with the same pins (e.g. the shared make-reference tool):
    python3 Tests/reference_machine.py COMMAND [ARGS...]
"""
import os
import sys

PINS = {
    # XLA's generated code: no AVX-512 or native float16, loops unrolled as on Zen 3
    "XLA_FLAGS": "--xla_cpu_max_isa=AVX2 --xla_backend_extra_options=-force-vector-interleave=4",
    "ONEDNN_MAX_CPU_ISA": "AVX2",  # oneDNN, which XLA calls for small matrix products
    "NPY_DISABLE_CPU_FEATURES": "X86_V4 AVX512_ICL AVX512_SPR",  # NumPy's AVX-512/SVML loops
    "OPENBLAS_CORETYPE": "Haswell",  # as jaxlab pins its own OpenBLAS
    "OPENBLAS_NUM_THREADS": "2",
}

if "numpy" in sys.modules or "jax" in sys.modules:
    raise SystemExit("import reference_machine before numpy and jax: they read these settings when they load")
os.environ.update(PINS)

if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    os.execvp(sys.argv[1], sys.argv[1:])
