// Vectorised kernels for the float32 samplers (AVX2 + FMA, chosen at run time) and NumPy's
// legacy Gaussian loop. Every floating-point step is an explicit intrinsic or a single operation
// per statement, and contraction is off, so the bits are the ones the Swift reference code and
// XLA produce.
#pragma clang fp contract(off)

#include "CJaxRandomKernels.h"
#include <immintrin.h>
#include <math.h>
#include <string.h>

#define TARGET __attribute__((target("avx2,fma")))

int jaxrandom_has_avx2_fma(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

#define ROUND(a, b, r) do { \
    a = _mm256_add_epi32(a, b); \
    b = _mm256_or_si256(_mm256_slli_epi32(b, r), _mm256_srli_epi32(b, 32 - r)); \
    b = _mm256_xor_si256(b, a); \
} while (0)

#define INJECT(a, b, x, y, n) do { \
    a = _mm256_add_epi32(a, _mm256_set1_epi32((int)(x))); \
    b = _mm256_add_epi32(b, _mm256_set1_epi32((int)((uint32_t)(y) + (uint32_t)(n)))); \
} while (0)

// The counters (high and low words) of the flat indices start .. start + 7.
static TARGET void counters8(uint64_t start, __m256i *hi, __m256i *lo) {
    if ((uint32_t)start <= 0xFFFFFFF8u) {
        *hi = _mm256_set1_epi32((int)(uint32_t)(start >> 32));
        *lo = _mm256_add_epi32(_mm256_set1_epi32((int)(uint32_t)start), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
        return;
    }
    uint32_t h[8], l[8];
    for (int lane = 0; lane < 8; lane++) {
        uint64_t index = start + (uint64_t)lane;
        h[lane] = (uint32_t)(index >> 32);
        l[lane] = (uint32_t)index;
    }
    *hi = _mm256_loadu_si256((const __m256i *)h);
    *lo = _mm256_loadu_si256((const __m256i *)l);
}

// Hashes the eight 64-bit counters start .. start + 7 (high word, low word) under (k0, k1).
static inline TARGET __attribute__((always_inline)) void hash8(uint32_t k0, uint32_t k1, uint64_t start, __m256i *outA, __m256i *outB) {
    uint32_t k2 = k0 ^ k1 ^ 0x1BD11BDAu;
    __m256i hi, lo;
    counters8(start, &hi, &lo);
    __m256i a = _mm256_add_epi32(hi, _mm256_set1_epi32((int)k0));
    __m256i b = _mm256_add_epi32(lo, _mm256_set1_epi32((int)k1));
    ROUND(a, b, 13); ROUND(a, b, 15); ROUND(a, b, 26); ROUND(a, b, 6);
    INJECT(a, b, k1, k2, 1);
    ROUND(a, b, 17); ROUND(a, b, 29); ROUND(a, b, 16); ROUND(a, b, 24);
    INJECT(a, b, k2, k0, 2);
    ROUND(a, b, 13); ROUND(a, b, 15); ROUND(a, b, 26); ROUND(a, b, 6);
    INJECT(a, b, k0, k1, 3);
    ROUND(a, b, 17); ROUND(a, b, 29); ROUND(a, b, 16); ROUND(a, b, 24);
    INJECT(a, b, k1, k2, 4);
    ROUND(a, b, 13); ROUND(a, b, 15); ROUND(a, b, 26); ROUND(a, b, 6);
    INJECT(a, b, k2, k0, 5);
    *outA = a;
    *outB = b;
}

// The mantissa trick: f in [0, 1) from the top 23 of 32 random bits.
static inline TARGET __attribute__((always_inline)) __m256 unit_float(__m256i bits) {
    __m256i m = _mm256_or_si256(_mm256_srli_epi32(bits, 9), _mm256_set1_epi32(0x3F800000));
    return _mm256_sub_ps(_mm256_castsi256_ps(m), _mm256_set1_ps(1.0f));
}

static inline TARGET __attribute__((always_inline)) __m256 k(uint32_t bits) {
    float value;
    memcpy(&value, &bits, sizeof value);
    return _mm256_set1_ps(value);
}

// XLA's log for x > 0 normal (the only inputs normal() gives it).
static inline TARGET __attribute__((always_inline)) __m256 xla_log(__m256 x) {
    __m256 smallest = k(0x00800000u);
    __m256 xc = _mm256_blendv_ps(smallest, x, _mm256_cmp_ps(x, smallest, _CMP_GT_OQ));
    __m256i b = _mm256_castps_si256(xc);
    __m256 exponent = _mm256_sub_ps(
        _mm256_castsi256_ps(_mm256_or_si256(_mm256_srli_epi32(b, 23), _mm256_set1_epi32(0x4B000000))),
        _mm256_set1_ps(8388608.0f));
    __m256 m = _mm256_castsi256_ps(_mm256_or_si256(_mm256_and_si256(b, _mm256_set1_epi32((int)0x807FFFFFu)),
                                                   _mm256_set1_epi32(0x3F000000)));
    __m256 lt = _mm256_cmp_ps(m, k(0x3F3504F3u), _CMP_LT_OQ);
    __m256 one = _mm256_set1_ps(1.0f);
    __m256 r = _mm256_add_ps(_mm256_sub_ps(m, one), _mm256_and_ps(m, lt));
    __m256 e = _mm256_sub_ps(_mm256_add_ps(_mm256_sub_ps(exponent, _mm256_set1_ps(127.0f)), one), _mm256_and_ps(one, lt));
    __m256 x2 = _mm256_mul_ps(r, r);
    __m256 x3 = _mm256_mul_ps(x2, r);
    __m256 y = _mm256_fmadd_ps(_mm256_fmadd_ps(k(0x3D9021BBu), r, k(0xBDEBD1B8u)), r, k(0x3DEF251Au));
    __m256 y1 = _mm256_fmadd_ps(_mm256_fmadd_ps(k(0xBDFE5D4Fu), r, k(0x3E11E9BFu)), r, k(0xBE2AAE50u));
    __m256 y2 = _mm256_fmadd_ps(_mm256_fmadd_ps(k(0x3E4CCEACu), r, k(0xBE7FFFFCu)), r, k(0x3EAAAAAAu));
    y = _mm256_fmadd_ps(y, x3, y1);
    y = _mm256_fmadd_ps(y, x3, y2);
    y = _mm256_fmadd_ps(y, x3, _mm256_mul_ps(e, k(0xB95E8083u)));
    __m256 res = _mm256_add_ps(_mm256_fmadd_ps(_mm256_set1_ps(-0.5f), x2, r), y);
    res = _mm256_fmadd_ps(e, k(0x3F318000u), res);
    __m256 zero = _mm256_setzero_ps();
    res = _mm256_blendv_ps(_mm256_castsi256_ps(_mm256_set1_epi32(-1)), res, _mm256_cmp_ps(x, zero, _CMP_GT_OQ));
    res = _mm256_blendv_ps(res, _mm256_set1_ps(-INFINITY), _mm256_cmp_ps(x, zero, _CMP_EQ_OQ));
    return res;
}

// XLA's log1p for x in [-1, 0] (normal()'s -u*u).
static inline TARGET __attribute__((always_inline)) __m256 xla_log1p(__m256 x) {
    __m256 big = xla_log(_mm256_add_ps(x, _mm256_set1_ps(1.0f)));
    __m256 p = k(0x383DE04Bu);
    __m256 q = _mm256_set1_ps(1.0f);
    p = _mm256_fmadd_ps(p, x, k(0x3EFF40C5u)); q = _mm256_fmadd_ps(q, x, k(0x417101ADu));
    p = _mm256_fmadd_ps(p, x, k(0x40D284FAu)); q = _mm256_fmadd_ps(q, x, k(0x42A6185Bu));
    p = _mm256_fmadd_ps(p, x, k(0x41EF4B9Cu)); q = _mm256_fmadd_ps(q, x, k(0x435DC32Du));
    p = _mm256_fmadd_ps(p, x, k(0x4273CC76u)); q = _mm256_fmadd_ps(q, x, k(0x439A8CA3u));
    p = _mm256_fmadd_ps(p, x, k(0x426473ADu)); q = _mm256_fmadd_ps(q, x, k(0x43586D8Au));
    p = _mm256_fmadd_ps(p, x, k(0x41A05101u)); q = _mm256_fmadd_ps(q, x, k(0x42707982u));
    __m256 ratio = _mm256_div_ps(p, q);
    __m256 x2 = _mm256_mul_ps(x, x);
    __m256 t = _mm256_mul_ps(_mm256_mul_ps(x, x2), ratio);
    __m256 small = _mm256_add_ps(x, _mm256_fmadd_ps(_mm256_set1_ps(-0.5f), x2, t));
    __m256 magnitude = _mm256_and_ps(x, _mm256_castsi256_ps(_mm256_set1_epi32(0x7FFFFFFF)));
    return _mm256_blendv_ps(big, small, _mm256_cmp_ps(magnitude, k(0x3ED413CDu), _CMP_LT_OQ));
}

static inline TARGET __attribute__((always_inline)) __m256 normal8(__m256i a, __m256i b) {
    __m256 lo = k(0xBF7FFFFFu);
    __m256 f = unit_float(_mm256_xor_si256(a, b));
    __m256 v = _mm256_fmadd_ps(f, _mm256_set1_ps(2.0f), lo);
    __m256 u = _mm256_blendv_ps(v, lo, _mm256_cmp_ps(v, lo, _CMP_LT_OQ));
    __m256 negu = _mm256_xor_ps(u, _mm256_castsi256_ps(_mm256_set1_epi32((int)0x80000000u)));
    __m256 l = xla_log1p(_mm256_mul_ps(u, negu));
    __m256 small = _mm256_cmp_ps(l, _mm256_set1_ps(-5.0f), _CMP_GT_OQ);
    __m256 negl = _mm256_xor_ps(l, _mm256_castsi256_ps(_mm256_set1_epi32((int)0x80000000u)));
    __m256 w = _mm256_blendv_ps(_mm256_sub_ps(_mm256_sqrt_ps(negl), _mm256_set1_ps(3.0f)),
                                _mm256_sub_ps(_mm256_set1_ps(-2.5f), l), small);
#define C(x, y) _mm256_blendv_ps(_mm256_set1_ps(y), _mm256_set1_ps(x), small)
    __m256 p = C(2.81022636e-08f, -0.000200214257f);
    p = _mm256_fmadd_ps(w, p, C(3.43273939e-07f, 0.000100950558f));
    p = _mm256_fmadd_ps(w, p, C(-3.5233877e-06f, 0.00134934322f));
    p = _mm256_fmadd_ps(w, p, C(-4.39150654e-06f, -0.00367342844f));
    p = _mm256_fmadd_ps(w, p, C(0.00021858087f, 0.00573950773f));
    p = _mm256_fmadd_ps(w, p, C(-0.00125372503f, -0.0076224613f));
    p = _mm256_fmadd_ps(w, p, C(-0.00417768164f, 0.00943887047f));
    p = _mm256_fmadd_ps(w, p, C(0.246640727f, 1.00167406f));
    p = _mm256_fmadd_ps(w, p, C(1.50140941f, 2.83297682f));
#undef C
    __m256 magnitude = _mm256_and_ps(u, _mm256_castsi256_ps(_mm256_set1_epi32(0x7FFFFFFF)));
    p = _mm256_blendv_ps(p, _mm256_set1_ps(INFINITY), _mm256_cmp_ps(magnitude, _mm256_set1_ps(1.0f), _CMP_EQ_OQ));
    return _mm256_mul_ps(_mm256_mul_ps(u, p), k(0x3FB504F3u));
}

static inline TARGET __attribute__((always_inline)) __m256 uniform8(__m256i a, __m256i b, __m256 lo, __m256 span) {
    __m256 v = _mm256_fmadd_ps(unit_float(_mm256_xor_si256(a, b)), span, lo);
    return _mm256_blendv_ps(v, lo, _mm256_cmp_ps(v, lo, _CMP_LT_OQ));
}

/* Stores the first `n` of eight lanes (all eight when n >= 8: the loops' last block may be short). */
static inline TARGET __attribute__((always_inline)) void store8(float *out, size_t n, __m256 v) {
    if (n >= 8) {
        _mm256_storeu_ps(out, v);
    } else {
        float tail[8];
        _mm256_storeu_ps(tail, v);
        memcpy(out, tail, n * sizeof(float));
    }
}

TARGET void jaxrandom_bits32(uint32_t k0, uint32_t k1, uint64_t start, size_t count, uint32_t *out) {
    for (size_t i = 0; i < count; i += 8) {
        __m256i a, b;
        hash8(k0, k1, start + i, &a, &b);
        /* the words travel as float lanes only to be stored: the bits are unchanged */
        store8((float *)(out + i), count - i, _mm256_castsi256_ps(_mm256_xor_si256(a, b)));
    }
}

TARGET void jaxrandom_uniform_f32(uint32_t k0, uint32_t k1, uint64_t start, size_t count, float lo, float span, float *out) {
    __m256 vlo = _mm256_set1_ps(lo), vspan = _mm256_set1_ps(span);
    for (size_t i = 0; i < count; i += 8) {
        __m256i a, b;
        hash8(k0, k1, start + i, &a, &b);
        store8(out + i, count - i, uniform8(a, b, vlo, vspan));
    }
}

TARGET void jaxrandom_normal_f32(uint32_t k0, uint32_t k1, uint64_t start, size_t count, float *out) {
    for (size_t i = 0; i < count; i += 8) {
        __m256i a, b;
        hash8(k0, k1, start + i, &a, &b);
        store8(out + i, count - i, normal8(a, b));
    }
}

// ---- NumPy legacy Gaussians (numpy/random/src/legacy/legacy-distributions.c, mt19937.c) ----

enum { MT_N = 624, MT_M = 397 };

static void mt_twist(uint32_t *mt) {
    int i;
    uint32_t y;
    for (i = 0; i < MT_N - MT_M; i++) {
        y = (mt[i] & 0x80000000u) | (mt[i + 1] & 0x7FFFFFFFu);
        mt[i] = mt[i + MT_M] ^ (y >> 1) ^ (-(y & 1u) & 0x9908B0DFu);
    }
    for (; i < MT_N - 1; i++) {
        y = (mt[i] & 0x80000000u) | (mt[i + 1] & 0x7FFFFFFFu);
        mt[i] = mt[i + (MT_M - MT_N)] ^ (y >> 1) ^ (-(y & 1u) & 0x9908B0DFu);
    }
    y = (mt[MT_N - 1] & 0x80000000u) | (mt[0] & 0x7FFFFFFFu);
    mt[MT_N - 1] = mt[MT_M - 1] ^ (y >> 1) ^ (-(y & 1u) & 0x9908B0DFu);
}

static inline uint32_t mt_next(uint32_t *mt, int *position) {
    if (*position == MT_N) {
        mt_twist(mt);
        *position = 0;
    }
    uint32_t y = mt[(*position)++];
    y ^= (y >> 11);
    y ^= (y << 7) & 0x9D2C5680u;
    y ^= (y << 15) & 0xEFC60000u;
    y ^= (y >> 18);
    return y;
}

static inline __attribute__((always_inline)) double mt_double(uint32_t *mt, int *position) {
    int32_t a = (int32_t)(mt_next(mt, position) >> 5), b = (int32_t)(mt_next(mt, position) >> 6);
    return (a * 67108864.0 + b) / 9007199254740992.0;
}

void jaxrandom_legacy_gauss_fill(uint32_t *key, int *position, double *cached, int *has_cached,
                                 double loc, double scale, size_t count, double *out) {
    // Work on local copies so the compiler keeps them in registers.
    uint32_t mt[MT_N];
    memcpy(mt, key, sizeof mt);
    int pos = *position;
    double keep = *cached;
    int have = *has_cached;
    for (size_t i = 0; i < count; i++) {
        double g;
        if (have) {
            g = keep;
            have = 0;
            keep = 0.0;
        } else {
            double f, x1, x2, r2;
            do {
                x1 = 2.0 * mt_double(mt, &pos) - 1.0;
                x2 = 2.0 * mt_double(mt, &pos) - 1.0;
                r2 = x1 * x1 + x2 * x2;
            } while (r2 >= 1.0 || r2 == 0.0);
            f = sqrt(-2.0 * log(r2) / r2);
            keep = f * x1;
            have = 1;
            g = f * x2;
        }
        double scaled = scale * g;
        out[i] = loc + scaled;
    }
    memcpy(key, mt, sizeof mt);
    *position = pos;
    *cached = keep;
    *has_cached = have;
}

void jaxrandom_legacy_double_fill(uint32_t *key, int *position, double low, double range, size_t count, double *out) {
    uint32_t mt[MT_N];
    memcpy(mt, key, sizeof mt);
    int pos = *position;
    for (size_t i = 0; i < count; i++) {
        double scaled = range * mt_double(mt, &pos);
        out[i] = low + scaled;
    }
    memcpy(key, mt, sizeof mt);
    *position = pos;
}
