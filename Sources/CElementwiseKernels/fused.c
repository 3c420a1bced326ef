// The fused multiply-add of jitted loops (kernels_fused.h): one rounding on every path, since
// the portable copy calls the C library's correctly rounded fma.
#include "internal.h"

#define JL_FMA_LOOPS(name, attrs, T, fma)                                                     \
    attrs void name(const T *a, const T *b, const T *c, T *out, long n, int negate) {         \
        if (negate == 1) {                                                                    \
            JL_VECTORIZE for (long i = 0; i < n; i++) out[i] = fma(a[i], b[i], -c[i]);        \
        } else if (negate == 2) {                                                             \
            JL_VECTORIZE for (long i = 0; i < n; i++) out[i] = fma(-a[i], b[i], c[i]);        \
        } else {                                                                              \
            JL_VECTORIZE for (long i = 0; i < n; i++) out[i] = fma(a[i], b[i], c[i]);         \
        }                                                                                     \
    }

JL_FMA_LOOPS(jaxlab_f32_fma_fast, JL_FAST static, float, fma32)
JL_FMA_LOOPS(jaxlab_f32_fma_portable, , float, fma32)
JL_FMA_LOOPS(jaxlab_f64_fma_fast, JL_FAST static, double, fma64)
JL_FMA_LOOPS(jaxlab_f64_fma_portable, , double, fma64)

void jaxlab_f32_fma(const float *a, const float *b, const float *c, float *out, long n, int negate) {
    if (jl_fast()) jaxlab_f32_fma_fast(a, b, c, out, n, negate);
    else jaxlab_f32_fma_portable(a, b, c, out, n, negate);
}

void jaxlab_f64_fma(const double *a, const double *b, const double *c, double *out, long n, int negate) {
    if (jl_fast()) jaxlab_f64_fma_fast(a, b, c, out, n, negate);
    else jaxlab_f64_fma_portable(a, b, c, out, n, negate);
}
