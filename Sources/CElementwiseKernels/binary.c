// Two-operand float kernels: arithmetic, XLA's max/min, comparisons, and glibc's pow and atan2.
// Each comes in three block forms -- both operands contiguous, the second one value (`_vs`),
// the first one value (`_sv`) -- compiled for AVX2+FMA and portably from one element function.
// Callers run them under FTZ/DAZ.
#include "internal.h"

#define JL_BINARY_LOOPS(suffix, attributes, VECTORIZE, T, R, element)                                    \
    attributes void suffix(const T *a, const T *b, R *out, long n) {                          \
        VECTORIZE for (long i = 0; i < n; i++) out[i] = element(a[i], b[i]);               \
    }                                                                                         \
    attributes void suffix##_vs(const T *a, T s, R *out, long n) {                            \
        VECTORIZE for (long i = 0; i < n; i++) out[i] = element(a[i], s);                  \
    }                                                                                         \
    attributes void suffix##_sv(T s, const T *b, R *out, long n) {                            \
        VECTORIZE for (long i = 0; i < n; i++) out[i] = element(s, b[i]);                  \
    }

// `name`, `name_vs`, `name_sv`, and the copies the tests compare them with: `name_avx2*`
// (callable when the CPU has AVX2 and FMA) and `name_portable*`.
#define JL_BINARY_BLOCK(name, T, R, element)                                                  \
    JL_BINARY_LOOPS(name##_avx2, JL_FAST, JL_VECTORIZE, T, R, element)                        \
    JL_BINARY_LOOPS(name##_portable, , JL_VECTORIZE, T, R, element)                           \
    void name(const T *a, const T *b, R *out, long n) {                                       \
        if (jl_fast()) name##_avx2(a, b, out, n); else name##_portable(a, b, out, n);         \
    }                                                                                         \
    void name##_vs(const T *a, T s, R *out, long n) {                                         \
        if (jl_fast()) name##_avx2_vs(a, s, out, n); else name##_portable_vs(a, s, out, n);   \
    }                                                                                         \
    void name##_sv(T s, const T *b, R *out, long n) {                                         \
        if (jl_fast()) name##_avx2_sv(s, b, out, n); else name##_portable_sv(s, b, out, n);   \
    }

// glibc per element: one copy.
#define JL_LIBM_BINARY_BLOCK(name, T, element)                                                \
    JL_BINARY_LOOPS(name, , , T, T, element)

JL_INLINE float add32(float a, float b) { return a + b; }
JL_INLINE float sub32(float a, float b) { return a - b; }
JL_INLINE float mul32(float a, float b) { return a * b; }
JL_INLINE float div32(float a, float b) { return a / b; }
JL_INLINE double add64(double a, double b) { return a + b; }
JL_INLINE double sub64(double a, double b) { return a - b; }
JL_INLINE double mul64(double a, double b) { return a * b; }
JL_INLINE double div64(double a, double b) { return a / b; }

// XLA's max on x86 under DAZ: a NaN first operand wins; a NaN second operand wins with the AND
// of both signs; +0 is above -0; subnormals count as zeros.
JL_INLINE float max32(float x, float y) {
    float a = flush32(x), b = flush32(y);
    int a_negative = (bits_of_f32(a) >> 31) != 0;
    float r = a > b ? a : b;
    r = a == b ? (a_negative ? b : a) : r;
    r = b != b ? (a_negative ? b : abs32(b)) : r;
    return a != a ? a : r;
}
// XLA's min: as max, with the OR of the signs and -0 below +0.
JL_INLINE float min32(float x, float y) {
    float a = flush32(x), b = flush32(y);
    int a_negative = (bits_of_f32(a) >> 31) != 0;
    float r = a < b ? a : b;
    r = a == b ? (a_negative ? a : b) : r;
    r = b != b ? (a_negative ? f32_of(bits_of_f32(b) | 0x80000000u) : b) : r;
    return a != a ? a : r;
}
JL_INLINE double max64(double x, double y) {
    double a = flush64(x), b = flush64(y);
    int a_negative = (bits_of_f64(a) >> 63) != 0;
    double r = a > b ? a : b;
    r = a == b ? (a_negative ? b : a) : r;
    r = b != b ? (a_negative ? b : abs64(b)) : r;
    return a != a ? a : r;
}
JL_INLINE double min64(double x, double y) {
    double a = flush64(x), b = flush64(y);
    int a_negative = (bits_of_f64(a) >> 63) != 0;
    double r = a < b ? a : b;
    r = a == b ? (a_negative ? a : b) : r;
    r = b != b ? (a_negative ? f64_of(bits_of_f64(b) | 0x8000000000000000ull) : b) : r;
    return a != a ? a : r;
}

#define JL_COMPARISONS(T, suffix)                                                             \
    JL_INLINE _Bool eq##suffix(T a, T b) { return a == b; }                                   \
    JL_INLINE _Bool ne##suffix(T a, T b) { return a != b; }                                   \
    JL_INLINE _Bool lt##suffix(T a, T b) { return a < b; }                                    \
    JL_INLINE _Bool le##suffix(T a, T b) { return a <= b; }                                   \
    JL_INLINE _Bool gt##suffix(T a, T b) { return a > b; }                                    \
    JL_INLINE _Bool ge##suffix(T a, T b) { return a >= b; }
JL_COMPARISONS(float, 32)
JL_COMPARISONS(double, 64)

// jnp.remainder and jnp.floor_divide on floats as jax.numpy composes them from lax.rem (glibc's
// fmod), comparisons, selects and round (half away from zero).
#define JL_FMOD_RULES(T, suffix, fmod_fn, round_fn)                                           \
    JL_INLINE T lax_sign##suffix(T x) { return x > 0 ? (T)1 : x < 0 ? (T)-1 : x; }            \
    JL_INLINE T remainder##suffix(T x, T y) {                                                 \
        T t = fmod_fn(x, y);                                                                  \
        return ((t < 0) != (y < 0)) && t != 0 ? t + y : t;                                    \
    }                                                                                         \
    JL_INLINE T floor_divide##suffix(T x, T y) {                                              \
        T mod = fmod_fn(x, y);                                                                \
        T corrected = y == 0 ? x : x - mod;                                                   \
        T div = corrected / y;                                                                \
        if (mod != 0 && lax_sign##suffix(y) != lax_sign##suffix(mod)) div = div - 1;          \
        return round_fn(div);                                                                 \
    }
// round (half away from zero) without a library call: below 2^23 (2^52) the fraction a - trunc(a)
// is exact, so comparing it with one half decides; larger values, infinities and NaNs are
// already integral (or pass through as the library's round passes them).
JL_INLINE float round_away32(float x) {
    float a = abs32(x);
    if (!(a < 8388608.0f)) return x;
    float t = (float)(int32_t)a;
    return copysign32(a - t >= 0.5f ? t + 1.0f : t, x);
}
JL_INLINE double round_away64(double x) {
    double a = abs64(x);
    if (!(a < 4503599627370496.0)) return x;
    double t = (double)(int64_t)a;
    return copysign64(a - t >= 0.5 ? t + 1.0 : t, x);
}
JL_FMOD_RULES(float, 32, fmodf, round_away32)
JL_FMOD_RULES(double, 64, fmod, round_away64)

JL_BINARY_BLOCK(jaxlab_f32_add, float, float, add32)
JL_BINARY_BLOCK(jaxlab_f32_sub, float, float, sub32)
JL_BINARY_BLOCK(jaxlab_f32_mul, float, float, mul32)
JL_BINARY_BLOCK(jaxlab_f32_div, float, float, div32)
JL_BINARY_BLOCK(jaxlab_f32_max, float, float, max32)
JL_BINARY_BLOCK(jaxlab_f32_min, float, float, min32)
JL_BINARY_BLOCK(jaxlab_f64_add, double, double, add64)
JL_BINARY_BLOCK(jaxlab_f64_sub, double, double, sub64)
JL_BINARY_BLOCK(jaxlab_f64_mul, double, double, mul64)
JL_BINARY_BLOCK(jaxlab_f64_div, double, double, div64)
JL_BINARY_BLOCK(jaxlab_f64_max, double, double, max64)
JL_BINARY_BLOCK(jaxlab_f64_min, double, double, min64)
JL_BINARY_BLOCK(jaxlab_f32_eq, float, _Bool, eq32)
JL_BINARY_BLOCK(jaxlab_f32_ne, float, _Bool, ne32)
JL_BINARY_BLOCK(jaxlab_f32_lt, float, _Bool, lt32)
JL_BINARY_BLOCK(jaxlab_f32_le, float, _Bool, le32)
JL_BINARY_BLOCK(jaxlab_f32_gt, float, _Bool, gt32)
JL_BINARY_BLOCK(jaxlab_f32_ge, float, _Bool, ge32)
JL_BINARY_BLOCK(jaxlab_f64_eq, double, _Bool, eq64)
JL_BINARY_BLOCK(jaxlab_f64_ne, double, _Bool, ne64)
JL_BINARY_BLOCK(jaxlab_f64_lt, double, _Bool, lt64)
JL_BINARY_BLOCK(jaxlab_f64_le, double, _Bool, le64)
JL_BINARY_BLOCK(jaxlab_f64_gt, double, _Bool, gt64)
JL_BINARY_BLOCK(jaxlab_f64_ge, double, _Bool, ge64)
JL_LIBM_BINARY_BLOCK(jaxlab_f32_pow, float, powf)
JL_LIBM_BINARY_BLOCK(jaxlab_f32_atan2, float, atan2f)
JL_LIBM_BINARY_BLOCK(jaxlab_f64_pow, double, pow)
JL_LIBM_BINARY_BLOCK(jaxlab_f64_atan2, double, atan2)
JL_LIBM_BINARY_BLOCK(jaxlab_f32_remainder, float, remainder32)
JL_LIBM_BINARY_BLOCK(jaxlab_f32_floor_divide, float, floor_divide32)
JL_LIBM_BINARY_BLOCK(jaxlab_f64_remainder, double, remainder64)
JL_LIBM_BINARY_BLOCK(jaxlab_f64_floor_divide, double, floor_divide64)

// jnp.clip with one-value bounds in one pass: min(hi, max(lo, x)), XLA's max and min with the
// bounds as first operands, as jax.numpy's clip applies them. The bounds' signs are loop
// constants: the loop is specialised for each pair (`clip_body` with literal signs), so the
// compiler drops max/min's per-element sign and NaN tests of the first operand (a bound that is
// NaN takes the general loop).
#define JL_CLIP(name, T, bits, max_fn, min_fn, sign_fn)                                        \
    JL_INLINE T name##_max_bound(T lo, int lo_negative, T x) {                                \
        T b = flush##bits(x);                                                                 \
        T r = lo > b ? lo : b;                                                                \
        r = lo == b ? (lo_negative ? b : lo) : r;                                             \
        return b != b ? (lo_negative ? b : abs##bits(b)) : r;                                 \
    }                                                                                         \
    JL_INLINE T name##_min_bound(T hi, int hi_negative, T x) {                                \
        T r = hi < x ? hi : x;                                                                \
        r = hi == x ? (hi_negative ? hi : x) : r;                                             \
        return x != x ? (hi_negative ? sign_fn(x) : x) : r;                                   \
    }                                                                                         \
    JL_INLINE void name##_body(const T *x, T lo, int lo_negative, T hi, int hi_negative, T *out, long n) { \
        JL_VECTORIZE for (long i = 0; i < n; i++)                                             \
            out[i] = name##_min_bound(hi, hi_negative, name##_max_bound(lo, lo_negative, x[i])); \
    }                                                                                         \
    JL_INLINE void name##_specialised(const T *x, T lo, T hi, T *out, long n) {               \
        T l = flush##bits(lo), h = flush##bits(hi);                                           \
        int ln = signbit(l) != 0, hn = signbit(h) != 0;                                       \
        if (l != l || h != h) {                                                               \
            JL_VECTORIZE for (long i = 0; i < n; i++) out[i] = min_fn(hi, max_fn(lo, x[i]));  \
        } else if (ln && hn) name##_body(x, l, 1, h, 1, out, n);                              \
        else if (ln) name##_body(x, l, 1, h, 0, out, n);                                      \
        else if (hn) name##_body(x, l, 0, h, 1, out, n);                                      \
        else name##_body(x, l, 0, h, 0, out, n);                                              \
    }                                                                                         \
    JL_FAST static void name##_fast(const T *x, T lo, T hi, T *out, long n) {                 \
        name##_specialised(x, lo, hi, out, n);                                                \
    }                                                                                         \
    static void name##_slow(const T *x, T lo, T hi, T *out, long n) {                         \
        name##_specialised(x, lo, hi, out, n);                                                \
    }                                                                                         \
    void name(const T *x, T lo, T hi, T *out, long n) {                                       \
        if (jl_fast()) name##_fast(x, lo, hi, out, n); else name##_slow(x, lo, hi, out, n);   \
    }
JL_INLINE float negative32(float x) { return f32_of(bits_of_f32(x) | 0x80000000u); }
JL_INLINE double negative64(double x) { return f64_of(bits_of_f64(x) | 0x8000000000000000ull); }
JL_CLIP(jaxlab_f32_clip, float, 32, max32, min32, negative32)
JL_CLIP(jaxlab_f64_clip, double, 64, max64, min64, negative64)
