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

// vmap's `x @ W + b` as XLA fuses `reduce_sum(x[:, :, None] * W, axis=1) + b` for 2 to 7 terms:
// each product rounded, the products of an output summed in adjacent pairs level by level
// ((p0+p1)+(p2+p3))+..., then the reduction's +0 and the bias. Rows of x are transposed a
// tile at a time so that every step runs over 64 rows at once.
#define JL_LINEAR_TILE 64
#define JL_LINEAR_TERMS 7
#define JL_LINEAR_PAIRS(name, attrs)                                                          \
    attrs void name(const float *x, const float *w, const float *bias, float *out,           \
                    long rows, long k, long n) {                                              \
        float xt[JL_LINEAR_TERMS][JL_LINEAR_TILE], v[JL_LINEAR_TERMS][JL_LINEAR_TILE];         \
        if (k < 1 || k > JL_LINEAR_TERMS) return;                                             \
        for (long r0 = 0; r0 < rows; r0 += JL_LINEAR_TILE) {                                  \
            long tile = rows - r0 < JL_LINEAR_TILE ? rows - r0 : JL_LINEAR_TILE;              \
            for (long t = 0; t < tile; t++)                                                   \
                for (long j = 0; j < k; j++) xt[j][t] = x[(r0 + t) * k + j];                  \
            for (long c = 0; c < n; c++) {                                                    \
                for (long j = 0; j < k; j++) {                                                \
                    float wj = w[j * n + c];                                                  \
                    JL_VECTORIZE for (long t = 0; t < tile; t++) v[j][t] = xt[j][t] * wj;     \
                }                                                                             \
                for (long m = k; m > 1; m = (m + 1) / 2) {                                    \
                    for (long j = 0; j < m / 2; j++) {                                        \
                        JL_VECTORIZE for (long t = 0; t < tile; t++)                          \
                            v[j][t] = v[2 * j][t] + v[2 * j + 1][t];                          \
                    }                                                                         \
                    if (m & 1) memcpy(v[m / 2], v[m - 1], sizeof(float) * (size_t)tile);     \
                }                                                                             \
                float b = bias ? bias[c] : 0.0f;                                              \
                if (bias) {                                                                   \
                    for (long t = 0; t < tile; t++) out[(r0 + t) * n + c] = (v[0][t] + 0.0f) + b; \
                } else {                                                                      \
                    for (long t = 0; t < tile; t++) out[(r0 + t) * n + c] = v[0][t] + 0.0f;   \
                }                                                                             \
            }                                                                                 \
        }                                                                                     \
    }

JL_LINEAR_PAIRS(jaxlab_f32_linear_pairs_fast, JL_FAST static)
JL_LINEAR_PAIRS(jaxlab_f32_linear_pairs_portable, )

void jaxlab_f32_linear_pairs(const float *x, const float *w, const float *bias, float *out, long rows, long k, long n) {
    if (jl_fast()) jaxlab_f32_linear_pairs_fast(x, w, bias, out, rows, k, n);
    else jaxlab_f32_linear_pairs_portable(x, w, bias, out, rows, k, n);
}
