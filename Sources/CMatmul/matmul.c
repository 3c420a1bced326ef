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

// Four rows by 16 columns of accumulators held in registers across the whole k loop.
__attribute__((target("avx2,fma")))
static void chain_fma_avx2(const float *a, const float *b, float *c, long m, long n,
                           long lda, long ldb, long ldc, long k0, long k1, long step) {
    long i = 0;
    for (; i + 4 <= m; i += 4) {
        long j = 0;
        for (; j + 16 <= n; j += 16) {
            __m256 c00 = _mm256_setzero_ps(), c01 = _mm256_setzero_ps();
            __m256 c10 = _mm256_setzero_ps(), c11 = _mm256_setzero_ps();
            __m256 c20 = _mm256_setzero_ps(), c21 = _mm256_setzero_ps();
            __m256 c30 = _mm256_setzero_ps(), c31 = _mm256_setzero_ps();
            for (long k = k0; k < k1; k += step) {
                const float *bk = b + k * ldb + j;
                __m256 b0 = _mm256_loadu_ps(bk), b1 = _mm256_loadu_ps(bk + 8);
                __m256 a0 = _mm256_broadcast_ss(a + (i + 0) * lda + k);
                __m256 a1 = _mm256_broadcast_ss(a + (i + 1) * lda + k);
                __m256 a2 = _mm256_broadcast_ss(a + (i + 2) * lda + k);
                __m256 a3 = _mm256_broadcast_ss(a + (i + 3) * lda + k);
                c00 = _mm256_fmadd_ps(a0, b0, c00); c01 = _mm256_fmadd_ps(a0, b1, c01);
                c10 = _mm256_fmadd_ps(a1, b0, c10); c11 = _mm256_fmadd_ps(a1, b1, c11);
                c20 = _mm256_fmadd_ps(a2, b0, c20); c21 = _mm256_fmadd_ps(a2, b1, c21);
                c30 = _mm256_fmadd_ps(a3, b0, c30); c31 = _mm256_fmadd_ps(a3, b1, c31);
            }
            _mm256_storeu_ps(c + (i + 0) * ldc + j, c00); _mm256_storeu_ps(c + (i + 0) * ldc + j + 8, c01);
            _mm256_storeu_ps(c + (i + 1) * ldc + j, c10); _mm256_storeu_ps(c + (i + 1) * ldc + j + 8, c11);
            _mm256_storeu_ps(c + (i + 2) * ldc + j, c20); _mm256_storeu_ps(c + (i + 2) * ldc + j + 8, c21);
            _mm256_storeu_ps(c + (i + 3) * ldc + j, c30); _mm256_storeu_ps(c + (i + 3) * ldc + j + 8, c31);
        }
        if (j < n) {
            for (long r = 0; r < 4; r++) {
                float *ci = c + (i + r) * ldc;
                for (long jj = j; jj < n; jj++) ci[jj] = 0.0f;
                for (long k = k0; k < k1; k += step) {
                    const float aik = a[(i + r) * lda + k];
                    const float *bk = b + k * ldb;
                    for (long jj = j; jj < n; jj++) ci[jj] = fmaf(aik, bk[jj], ci[jj]);
                }
            }
        }
    }
    if (i < m) chain_portable(a + i * lda, b, c + i * ldc, m - i, n, lda, ldb, ldc, k0, k1, step, 1);
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
