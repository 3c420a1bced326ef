// Ordered float32 multiply-accumulate chains (see include/CMatmul.h). The AVX2+FMA path is
// chosen at run time; the portable path uses fmaf, which rounds once like the hardware.
#include "CMatmul.h"
#include <math.h>

#pragma STDC FP_CONTRACT OFF

static void chain_portable(const float *a, const float *b, float *c, long m, long n,
                           long lda, long ldb, long ldc, long k0, long k1, long step, int fused) {
    for (long i = 0; i < m; i++) {
        float *ci = c + i * ldc;
        for (long j = 0; j < n; j++) ci[j] = 0.0f;
        for (long k = k0; k < k1; k += step) {
            const float aik = a[i * lda + k];
            const float *bk = b + k * ldb;
            if (fused) {
                for (long j = 0; j < n; j++) ci[j] = fmaf(aik, bk[j], ci[j]);
            } else {
                for (long j = 0; j < n; j++) {
                    float p = aik * bk[j];
                    ci[j] = ci[j] + p;
                }
            }
        }
    }
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

// ROWS rows by 16 columns of accumulators held in registers across the whole k loop; each
// accumulator is one output's in-order chain, so the blocking changes no bit.
#define JL_CHAIN_BLOCK(ROWS)                                                                     \
    __attribute__((target("avx2,fma"))) static inline void chain_block##ROWS(                   \
        const float *a, const float *b, float *c, long n, long lda, long ldb, long ldc,          \
        long k0, long k1, long step) {                                                           \
        long j = 0;                                                                              \
        for (; j + 16 <= n; j += 16) {                                                           \
            __m256 lo[ROWS], hi[ROWS];                                                           \
            for (int r = 0; r < ROWS; r++) { lo[r] = _mm256_setzero_ps(); hi[r] = _mm256_setzero_ps(); } \
            for (long k = k0; k < k1; k += step) {                                               \
                const float *bk = b + k * ldb + j;                                               \
                __m256 b0 = _mm256_loadu_ps(bk), b1 = _mm256_loadu_ps(bk + 8);                  \
                for (int r = 0; r < ROWS; r++) {                                                 \
                    __m256 ar = _mm256_broadcast_ss(a + r * lda + k);                            \
                    lo[r] = _mm256_fmadd_ps(ar, b0, lo[r]);                                      \
                    hi[r] = _mm256_fmadd_ps(ar, b1, hi[r]);                                      \
                }                                                                                \
            }                                                                                    \
            for (int r = 0; r < ROWS; r++) {                                                     \
                _mm256_storeu_ps(c + r * ldc + j, lo[r]);                                        \
                _mm256_storeu_ps(c + r * ldc + j + 8, hi[r]);                                    \
            }                                                                                    \
        }                                                                                        \
        if (j < n) {                                                                             \
            for (long r = 0; r < ROWS; r++) {                                                    \
                float *ci = c + r * ldc;                                                         \
                for (long jj = j; jj < n; jj++) ci[jj] = 0.0f;                                   \
                for (long k = k0; k < k1; k += step) {                                           \
                    const float ark = a[r * lda + k];                                            \
                    const float *bk = b + k * ldb;                                               \
                    for (long jj = j; jj < n; jj++) ci[jj] = fmaf(ark, bk[jj], ci[jj]);          \
                }                                                                                \
            }                                                                                    \
        }                                                                                        \
    }
JL_CHAIN_BLOCK(6)
JL_CHAIN_BLOCK(4)
JL_CHAIN_BLOCK(1)

// Six rows at a time (twelve accumulators: enough independent FMAs in flight to keep both FMA
// units busy), then four, then one.
__attribute__((target("avx2,fma")))
static void chain_fma_avx2(const float *a, const float *b, float *c, long m, long n,
                           long lda, long ldb, long ldc, long k0, long k1, long step) {
    long i = 0;
    for (; i + 6 <= m; i += 6) chain_block6(a + i * lda, b, c + i * ldc, n, lda, ldb, ldc, k0, k1, step);
    for (; i + 4 <= m; i += 4) chain_block4(a + i * lda, b, c + i * ldc, n, lda, ldb, ldc, k0, k1, step);
    for (; i < m; i++) chain_block1(a + i * lda, b, c + i * ldc, n, lda, ldb, ldc, k0, k1, step);
}

static int has_fma(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}
#endif

static float combine_lanes(const float *l, int full_tile, float tail) {
    float h;
    if (full_tile) {
        h = ((l[0] + l[1]) + (l[2] + l[3])) + ((l[4] + l[5]) + (l[6] + l[7]));
    } else {
        h = ((l[0] + l[4]) + (l[2] + l[6])) + ((l[1] + l[5]) + (l[3] + l[7]));
    }
    return h + tail;
}

static void gemv_portable(const float *a, const float *x, float *y, long m, long k) {
    const long k8 = k - k % 8, full = m - m % 8;
    for (long i = 0; i < m; i++) {
        float l[8] = {0, 0, 0, 0, 0, 0, 0, 0};
        const float *row = a + i * k;
        for (long k0 = 0; k0 < k8; k0 += 8)
            for (int j = 0; j < 8; j++) l[j] = fmaf(row[k0 + j], x[k0 + j], l[j]);
        float t = 0.0f;
        for (long kk = k8; kk < k; kk++) t = fmaf(row[kk], x[kk], t);
        y[i] = combine_lanes(l, i < full, t);
    }
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
__attribute__((target("avx2,fma")))
static void gemv_fma_avx2(const float *a, const float *x, float *y, long m, long k) {
    const long k8 = k - k % 8, full = m - m % 8;
    for (long i = 0; i < m; i++) {
        const float *row = a + i * k;
        __m256 acc = _mm256_setzero_ps();
        for (long k0 = 0; k0 < k8; k0 += 8)
            acc = _mm256_fmadd_ps(_mm256_loadu_ps(row + k0), _mm256_loadu_ps(x + k0), acc);
        float l[8];
        _mm256_storeu_ps(l, acc);
        float t = 0.0f;
        for (long kk = k8; kk < k; kk++) t = fmaf(row[kk], x[kk], t);
        y[i] = combine_lanes(l, i < full, t);
    }
}
#endif

void jaxlab_sgemv_tiled(const float *a, const float *x, float *y, long m, long k) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    if (has_fma()) {
        gemv_fma_avx2(a, x, y, m, k);
        return;
    }
#endif
    gemv_portable(a, x, y, m, k);
}

void jaxlab_sgemm_chain(const float *a, const float *b, float *c, long m, long n,
                        long lda, long ldb, long ldc, long k0, long k1, long step, int fused) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    if (fused && has_fma()) {
        chain_fma_avx2(a, b, c, m, n, lda, ldb, ldc, k0, k1, step);
        return;
    }
#endif
    chain_portable(a, b, c, m, n, lda, ldb, ldc, k0, k1, step, fused);
}
