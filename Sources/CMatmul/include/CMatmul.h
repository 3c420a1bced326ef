// Float32 multiply-accumulate chains in a fixed order, with hardware FMA where the CPU has it,
// so that matrix products can reproduce the exact rounding of JAX's CPU kernels.
#ifndef JAXLAB_CMATMUL_H
#define JAXLAB_CMATMUL_H

/// For every i < m, j < n: c[i*ldc + j] = chain over k = k0, k0+step, ... < k1 starting from
/// +0, where each step is `c = fma(a[i*lda + k], b[k*ldb + j], c)` (fused != 0, one rounding)
/// or `c = c + round(a*b)` (fused == 0, two roundings).
void jaxlab_sgemm_chain(const float *a, const float *b, float *c, long m, long n,
                        long lda, long ldb, long ldc, long k0, long k1, long step, int fused);

#endif
