// lax.select_n of two cases as block kernels: out[i] = c[i] ? a[i] : b[i], copying the bits of
// elements of 1, 2, 4 or 8 bytes (any dtype), with either case a single broadcast value.
#include "internal.h"
#include <stdbool.h>

// Both cases are read and blended through a mask of the condition: written as `c ? a : b`,
// clang picks one pointer per element with a branch, which random conditions mispredict half the
// time (13x slower on a 1e6-element `jnp.where` of random data).
#define JL_SELECT_LOOPS(name, attributes, T)                                                  \
    JL_INLINE T name##_blend(bool c, T a, T b) {                                              \
        T mask = (T)0 - (T)c;                                                                 \
        return (a & mask) | (b & (T)~mask);                                                   \
    }                                                                                         \
    attributes static void name##_vv(const bool *c, const T *a, const T *b, T *out, long n) { \
        JL_VECTORIZE for (long i = 0; i < n; i++) out[i] = name##_blend(c[i], a[i], b[i]);    \
    }                                                                                         \
    attributes static void name##_vs(const bool *c, const T *a, T b, T *out, long n) {        \
        JL_VECTORIZE for (long i = 0; i < n; i++) out[i] = name##_blend(c[i], a[i], b);       \
    }                                                                                         \
    attributes static void name##_sv(const bool *c, T a, const T *b, T *out, long n) {        \
        JL_VECTORIZE for (long i = 0; i < n; i++) out[i] = name##_blend(c[i], a, b[i]);       \
    }

#define JL_SELECT(name, T)                                                                    \
    JL_SELECT_LOOPS(name##_fast, JL_FAST, T)                                                  \
    JL_SELECT_LOOPS(name##_slow, , T)                                                         \
    void name(const bool *c, const T *a, const T *b, T *out, long n) {                        \
        if (jl_fast()) name##_fast_vv(c, a, b, out, n); else name##_slow_vv(c, a, b, out, n); \
    }                                                                                         \
    void name##_vs(const bool *c, const T *a, T b, T *out, long n) {                          \
        if (jl_fast()) name##_fast_vs(c, a, b, out, n); else name##_slow_vs(c, a, b, out, n); \
    }                                                                                         \
    void name##_sv(const bool *c, T a, const T *b, T *out, long n) {                          \
        if (jl_fast()) name##_fast_sv(c, a, b, out, n); else name##_slow_sv(c, a, b, out, n); \
    }

JL_SELECT(jaxlab_select_8, uint8_t)
JL_SELECT(jaxlab_select_16, uint16_t)
JL_SELECT(jaxlab_select_32, uint32_t)
JL_SELECT(jaxlab_select_64, uint64_t)

// out[i] = x[i * stride]: the inner loop of strided slices and copies, on the bits of 4- or
// 8-byte elements (any dtype).
void jaxlab_copy_strided_32(const uint32_t *x, long stride, uint32_t *out, long n) {
    for (long i = 0; i < n; i++) out[i] = x[i * stride];
}
void jaxlab_copy_strided_64(const uint64_t *x, long stride, uint64_t *out, long n) {
    for (long i = 0; i < n; i++) out[i] = x[i * stride];
}
