// Float32 multiply-accumulate chains in a fixed order, with hardware FMA where the CPU has it,
// so that matrix products can reproduce the exact rounding of JAX's CPU kernels.
#ifndef JAXLAB_CMATMUL_H
#define JAXLAB_CMATMUL_H

/// For every i < m, j < n: c[i*ldc + j] = chain over k = k0, k0+step, ... < k1 starting from
/// +0, where each step is `c = fma(a[i*lda + k], b[k*ldb + j], c)` (fused != 0, one rounding)
/// or `c = c + round(a*b)` (fused == 0, two roundings).
void jaxlab_sgemm_chain(const float *a, const float *b, float *c, long m, long n,
                        long lda, long ldb, long ldc, long k0, long k1, long step, int fused);

/// XLA's row-major matrix-vector product y = a (m, k) @ x (k): per row, 8 FMA lanes over the
/// first k - k % 8 terms (lane j takes k = j, j+8, ...), an FMA chain over the rest, and the
/// lanes combined as ((l0+l1)+(l2+l3))+((l4+l5)+(l6+l7)) in full tiles of 8 rows or
/// ((l0+l4)+(l2+l6))+((l1+l5)+(l3+l7)) in the last partial tile; y = lanes + chain.
void jaxlab_sgemv_tiled(const float *a, const float *x, float *y, long m, long k);

#endif
