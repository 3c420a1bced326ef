// The one-operand kernels that are exact IEEE operations (negation, magnitude, sign, the
// roundings, sqrt, square and the multiplication chains of integer_pow), for float32 and
// float64, with XLA's denormal rules; callers run them under FTZ/DAZ.
#include "internal.h"

JL_INLINE float neg32(float x) { return -x; }
JL_INLINE double neg64(double x) { return -x; }
JL_INLINE float mag32(float x) { return abs32(x); }
JL_INLINE double mag64(double x) { return abs64(x); }
// lax.sign: +-1 by the sign, a zero (or subnormal, seen as zero) keeps its sign, NaN stays.
JL_INLINE float sign32(float x) {
    float r = copysign32(x != 0.0f ? 1.0f : 0.0f, x);  // subnormals compare as zero under DAZ
    return x != x ? x : r;
}
JL_INLINE double sign64(double x) {
    double r = copysign64(x != 0.0 ? 1.0 : 0.0, x);
    return x != x ? x : r;
}
// flushed first: the portable copies round with bit operations, which DAZ does not reach
JL_INLINE float floor32(float x) { return __builtin_elementwise_floor(flush32(x)); }
JL_INLINE float ceil32(float x) { return __builtin_elementwise_ceil(flush32(x)); }
JL_INLINE float round32(float x) { return __builtin_elementwise_roundeven(flush32(x)); }
JL_INLINE double floor64(double x) { return __builtin_elementwise_floor(flush64(x)); }
JL_INLINE double ceil64(double x) { return __builtin_elementwise_ceil(flush64(x)); }
JL_INLINE double round64(double x) { return __builtin_elementwise_roundeven(flush64(x)); }
JL_INLINE float sqrt32(float x) { return __builtin_elementwise_sqrt(x); }
JL_INLINE double sqrt64(double x) { return __builtin_elementwise_sqrt(x); }
JL_INLINE float square32(float x) { return x * x; }
JL_INLINE double square64(double x) { return x * x; }
JL_INLINE float cube32(float x) { return x * (x * x); }
JL_INLINE double cube64(double x) { return x * (x * x); }

JL_INLINE _Bool not8(_Bool x) { return !x; }

JL_UNARY_BLOCK(jaxlab_bool_not, _Bool, _Bool, not8)
JL_UNARY_BLOCK(jaxlab_f32_neg, float, float, neg32)
JL_UNARY_BLOCK(jaxlab_f64_neg, double, double, neg64)
JL_UNARY_BLOCK(jaxlab_f32_abs, float, float, mag32)
JL_UNARY_BLOCK(jaxlab_f64_abs, double, double, mag64)
JL_UNARY_BLOCK(jaxlab_f32_sign, float, float, sign32)
JL_UNARY_BLOCK(jaxlab_f64_sign, double, double, sign64)
JL_UNARY_BLOCK(jaxlab_f32_floor, float, float, floor32)
JL_UNARY_BLOCK(jaxlab_f32_ceil, float, float, ceil32)
JL_UNARY_BLOCK(jaxlab_f32_round, float, float, round32)
JL_UNARY_BLOCK(jaxlab_f64_floor, double, double, floor64)
JL_UNARY_BLOCK(jaxlab_f64_ceil, double, double, ceil64)
JL_UNARY_BLOCK(jaxlab_f64_round, double, double, round64)
JL_UNARY_BLOCK(jaxlab_f32_sqrt, float, float, sqrt32)
JL_UNARY_BLOCK(jaxlab_f64_sqrt, double, double, sqrt64)
JL_UNARY_BLOCK(jaxlab_f32_square, float, float, square32)
JL_UNARY_BLOCK(jaxlab_f64_square, double, double, square64)
JL_UNARY_BLOCK(jaxlab_f32_cube, float, float, cube32)
JL_UNARY_BLOCK(jaxlab_f64_cube, double, double, cube64)

// x ** y for a static y != 0 by binary exponentiation, as lax.integer_pow multiplies: the
// running power squared at each bit, the accumulator multiplied in where the bit is set (the
// first set bit starts it), and 1 / the result for a negative y. One pass per step over a short stretch held in the caller's
// output and a stack buffer, so each step is a vectorised loop.
#define JL_INTEGER_POW(name, T)                                                               \
    JL_FAST static void name##_fast_steps(T *acc, T *power, long n, unsigned long y, int invert) {                 \
        int started = 0;                                                                      \
        for (unsigned long bits = y; bits; bits >>= 1) {                       \
            if (bits & 1) {                                                                   \
                if (started) { JL_VECTORIZE for (long i = 0; i < n; i++) acc[i] = acc[i] * power[i]; } \
                else { JL_VECTORIZE for (long i = 0; i < n; i++) acc[i] = power[i]; }         \
                started = 1;                                                                  \
            }                                                                                 \
            if (bits > 1) { JL_VECTORIZE for (long i = 0; i < n; i++) power[i] = power[i] * power[i]; } \
        }                                                                                     \
        if (invert) { JL_VECTORIZE for (long i = 0; i < n; i++) acc[i] = (T)1 / acc[i]; }     \
    }                                                                                         \
    static void name##_portable_steps(T *acc, T *power, long n, unsigned long y, int invert) {                     \
        int started = 0;                                                                      \
        for (unsigned long bits = y; bits; bits >>= 1) {                       \
            if (bits & 1) {                                                                   \
                if (started) { for (long i = 0; i < n; i++) acc[i] = acc[i] * power[i]; }    \
                else { for (long i = 0; i < n; i++) acc[i] = power[i]; }                      \
                started = 1;                                                                  \
            }                                                                                 \
            if (bits > 1) { for (long i = 0; i < n; i++) power[i] = power[i] * power[i]; }   \
        }                                                                                     \
        if (invert) { for (long i = 0; i < n; i++) acc[i] = (T)1 / acc[i]; }                 \
    }                                                                                         \
    static void name##_run(const T *x, T *out, long n, long y, int fast) {                    \
        enum { STRETCH = 512 };                                                               \
        T power[STRETCH];                                                                     \
        for (long start = 0; start < n; start += STRETCH) {                                   \
            long m = n - start < STRETCH ? n - start : STRETCH;                               \
            memcpy(power, x + start, (size_t)m * sizeof(T));                                  \
            if (fast) name##_fast_steps(out + start, power, m, y < 0 ? 0ul - (unsigned long)y : (unsigned long)y, y < 0);        \
            else name##_portable_steps(out + start, power, m, y < 0 ? 0ul - (unsigned long)y : (unsigned long)y, y < 0);         \
        }                                                                                     \
    }                                                                                         \
    void name(const T *x, T *out, long n, long y) { name##_run(x, out, n, y, jl_fast()); }   \
    void name##_portable(const T *x, T *out, long n, long y) { name##_run(x, out, n, y, 0); }

JL_INTEGER_POW(jaxlab_f32_integer_pow, float)
JL_INTEGER_POW(jaxlab_f64_integer_pow, double)
// Integer powers wrap: unsigned arithmetic gives the bits of both signednesses (y >= 0 only).
JL_INTEGER_POW(jaxlab_u32_integer_pow, uint32_t)
JL_INTEGER_POW(jaxlab_u64_integer_pow, uint64_t)
