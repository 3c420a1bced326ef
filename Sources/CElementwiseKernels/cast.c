// Dtype conversions as block kernels: float16 through the CPU's F16C instructions (a portable
// bit routine with the same rounding otherwise), bfloat16 by XLA's rounding on the bits, and
// XLA's saturating float-to-int32. Callers run them under FTZ/DAZ where JAX flushes.
#include "internal.h"
#if defined(__x86_64__)
#include <immintrin.h>
#endif

// float32 -> float16, rounding to nearest even as vcvtps2ph does: subnormal float16 results
// kept, overflow to infinity, NaNs quieted with the top of their payload.
JL_INLINE uint16_t half_of_float(float f) {
    uint32_t x = bits_of_f32(f);
    uint32_t sign = (x >> 16) & 0x8000u;
    uint32_t a = x & 0x7FFFFFFFu;
    uint32_t nan = sign | 0x7E00u | ((a >> 13) & 0x03FFu);
    // normal results: rebias the exponent, round the 13 dropped bits to nearest even
    uint32_t normal = ((a - 0x38000000u) + 0x0FFFu + ((a >> 13) & 1u)) >> 13;
    normal = a >= 0x477FF000u ? 0x7C00u : normal;  // rounds past 65504: infinity
    // subnormal results (|f| < 2^-14): shift the significand with its hidden bit, then round
    uint32_t exponent = a >> 23;
    uint32_t shift = 126u - exponent;  // 14 + the distance below 2^-14, at least 13 here
    uint32_t significand = (a & 0x007FFFFFu) | 0x00800000u;
    uint32_t kept = shift < 32u ? significand >> shift : 0u;
    uint32_t rest = shift < 32u ? significand & ((1u << shift) - 1u) : significand;
    uint32_t halfway = shift < 32u ? 1u << (shift - 1u) : 0xFFFFFFFFu;
    uint32_t up = rest > halfway || (rest == halfway && (kept & 1u));
    uint32_t subnormal = a < 0x33000000u ? 0u : kept + up;  // below 2^-25: zero
    uint32_t h = a < 0x38800000u ? subnormal : normal;
    h = a > 0x7F800000u ? nan : (h | sign);
    return (uint16_t)(a > 0x7F800000u ? nan : h);
}

// float16 -> float32, exactly (signalling NaNs quieted, as vcvtph2ps does).
JL_INLINE float float_of_half(uint16_t h) {
    uint32_t sign = (uint32_t)(h & 0x8000u) << 16;
    uint32_t e = (h >> 10) & 0x1Fu, m = h & 0x03FFu;
    // subnormal halves are exact float32 normals: m * 2^-24
    float sub = (float)m * 5.9604644775390625e-08f;
    uint32_t normal = ((e + 112u) << 23) | (m << 13);
    uint32_t special = 0x7F800000u | (m << 13) | (m ? 0x00400000u : 0u);
    uint32_t bits = e == 0 ? bits_of_f32(sub) : e == 31 ? special : normal;
    return f32_of(bits | sign);
}

// XLA's float32 -> bfloat16: round to nearest even on the dropped 16 bits; NaNs quieted.
JL_INLINE uint16_t bfloat_of_float(float f) {
    uint32_t x = bits_of_f32(f);
    uint16_t rounded = (uint16_t)((x + 0x7FFFu + ((x >> 16) & 1u)) >> 16);
    return f != f ? (uint16_t)((x >> 16) | 0x0040u) : rounded;
}
JL_INLINE float float_of_bfloat(uint16_t b) { return f32_of((uint32_t)b << 16); }
// JAX's bfloat16 -> float32 then reads subnormal results as zeros.
JL_INLINE float flushed_float_of_bfloat(uint16_t b) { return flush32(f32_of((uint32_t)b << 16)); }

// XLA's conversion: truncate toward zero, saturate at the int32 range, NaN to 0.
JL_INLINE int32_t int32_saturating(float x) {
    int32_t t = (int32_t)(x > -2147483648.0f && x < 2147483648.0f ? x : 0.0f);
    t = x <= -2147483648.0f ? INT32_MIN : t;
    t = x >= 2147483648.0f ? INT32_MAX : t;
    return t;
}
// x86's cvttss2si, which NumPy's casts compile to: out of range and NaN give INT32_MIN.
JL_INLINE int32_t int32_truncating(float x) {
    return x > -2147483648.5f && x < 2147483648.0f ? (int32_t)x : INT32_MIN;
}
JL_INLINE float float_of_int32(int32_t x) { return (float)x; }
JL_INLINE double double_of_float(float x) { return (double)x; }
// The flushed forms: subnormals read as zeros whatever the conversion instruction does.
JL_INLINE double double_of_flushed_float(float x) { return (double)flush32(x); }
JL_INLINE float float_of_flushed_double(double x) { return (float)flush64(x); }
JL_INLINE float float_of_double(double x) { return (float)x; }
JL_INLINE _Bool nonzero32(float x) { return x != 0.0f; }

JL_UNARY_BLOCK(jaxlab_cast_f32_bf16, float, uint16_t, bfloat_of_float)
JL_UNARY_BLOCK(jaxlab_cast_bf16_f32, uint16_t, float, float_of_bfloat)
JL_UNARY_BLOCK(jaxlab_cast_bf16_f32_flushed, uint16_t, float, flushed_float_of_bfloat)
JL_UNARY_BLOCK(jaxlab_cast_f32_i32_saturating, float, int32_t, int32_saturating)
JL_UNARY_BLOCK(jaxlab_cast_f32_i32_truncating, float, int32_t, int32_truncating)
JL_UNARY_BLOCK(jaxlab_cast_i32_f32, int32_t, float, float_of_int32)
JL_UNARY_BLOCK(jaxlab_cast_f32_f64, float, double, double_of_float)
JL_UNARY_BLOCK(jaxlab_cast_f32_f64_flushed, float, double, double_of_flushed_float)
JL_UNARY_BLOCK(jaxlab_cast_f64_f32, double, float, float_of_double)
JL_UNARY_BLOCK(jaxlab_cast_f64_f32_flushed, double, float, float_of_flushed_double)
JL_UNARY_BLOCK(jaxlab_cast_f32_bool, float, _Bool, nonzero32)

// float16: the hardware's conversions where the CPU has F16C, the bit routines otherwise.
void jaxlab_cast_f32_f16_portable(const float *x, uint16_t *out, long n) {
    JL_VECTORIZE for (long i = 0; i < n; i++) out[i] = half_of_float(x[i]);
}
void jaxlab_cast_f16_f32_portable(const uint16_t *x, float *out, long n) {
    JL_VECTORIZE for (long i = 0; i < n; i++) out[i] = float_of_half(x[i]);
}
#if defined(__x86_64__)
__attribute__((target("avx2,f16c"))) void jaxlab_cast_f32_f16_avx2(const float *x, uint16_t *out, long n) {
    long i = 0;
    for (; i + 8 <= n; i += 8) {
        __m128i h = _mm256_cvtps_ph(_mm256_loadu_ps(x + i), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
        _mm_storeu_si128((__m128i *)(out + i), h);
    }
    for (; i < n; i++) out[i] = (uint16_t)_cvtss_sh(x[i], _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
}
__attribute__((target("avx2,f16c"))) void jaxlab_cast_f16_f32_avx2(const uint16_t *x, float *out, long n) {
    long i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(out + i, _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(x + i))));
    for (; i < n; i++) out[i] = _cvtsh_ss(x[i]);
}
JL_INLINE int jl_f16c(void) { return jl_fast() && __builtin_cpu_supports("f16c"); }
#else
void jaxlab_cast_f32_f16_avx2(const float *x, uint16_t *out, long n) { jaxlab_cast_f32_f16_portable(x, out, n); }
void jaxlab_cast_f16_f32_avx2(const uint16_t *x, float *out, long n) { jaxlab_cast_f16_f32_portable(x, out, n); }
JL_INLINE int jl_f16c(void) { return 0; }
#endif
void jaxlab_cast_f32_f16(const float *x, uint16_t *out, long n) {
    if (jl_f16c()) jaxlab_cast_f32_f16_avx2(x, out, n); else jaxlab_cast_f32_f16_portable(x, out, n);
}
void jaxlab_cast_f16_f32(const uint16_t *x, float *out, long n) {
    if (jl_f16c()) jaxlab_cast_f16_f32_avx2(x, out, n); else jaxlab_cast_f16_f32_portable(x, out, n);
}
