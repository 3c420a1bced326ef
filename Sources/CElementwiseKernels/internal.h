// What every kernel file shares: bit helpers, XLA's denormal rules, and the macros that compile
// one element function several times -- for AVX-512 and for AVX2+FMA, chosen at run time when
// the CPU has them, and portably -- so that every copy gives the same bits by construction: the
// element functions use only correctly rounded IEEE operations (fma included), never an
// estimate instruction, and the compiler may not contract a multiply and an add that the source
// keeps apart. The wider copies only process more lanes at once.
//
// Kernels run under MXCSR's FTZ and DAZ (XLA's mode, which every caller sets): arithmetic and
// comparisons then see subnormal inputs as zeros and flush subnormal results, so the element
// functions flush explicitly only where a value's bits leave the kernel without passing
// through arithmetic (max/min, the roundings, whose portable copies are bit routines).
#ifndef JAXLAB_KERNELS_INTERNAL_H
#define JAXLAB_KERNELS_INTERNAL_H

#include <math.h>
#include <stdint.h>
#include <string.h>
#include "CElementwiseKernels.h"

#pragma STDC FP_CONTRACT OFF
#pragma clang fp contract(off)

#define JL_INLINE static inline __attribute__((always_inline))
#if defined(__x86_64__)
#define JL_FAST __attribute__((target("avx2,fma")))
#define JL_WIDE __attribute__((target("avx512f,avx512dq,avx512bw,avx512vl,avx2,fma")))
#else
#define JL_FAST
#define JL_WIDE
#endif
// Element i depends on input i only, so in-place blocks (out == x) are safe to vectorise.
#define JL_VECTORIZE _Pragma("clang loop vectorize(assume_safety)")

// The reference machine's rsqrtps estimates (rsqrt_table.c).
extern const uint32_t jaxlab_rsqrt_zen3_table[8192];

JL_INLINE int jl_fast(void) {
#if defined(__x86_64__)
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    return 0;
#endif
}
JL_INLINE int jl_wide(void) {
#if defined(__x86_64__)
    return jl_fast() && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq")
        && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl");
#else
    return 0;
#endif
}

JL_INLINE float f32_of(uint32_t b) { float f; memcpy(&f, &b, 4); return f; }
JL_INLINE uint32_t bits_of_f32(float f) { uint32_t b; memcpy(&b, &f, 4); return b; }
JL_INLINE double f64_of(uint64_t b) { double f; memcpy(&f, &b, 8); return f; }
JL_INLINE uint64_t bits_of_f64(double f) { uint64_t b; memcpy(&b, &f, 8); return b; }

// One rounding, in hardware on the fast path and in the C library otherwise.
JL_INLINE float fma32(float a, float b, float c) { return __builtin_elementwise_fma(a, b, c); }
JL_INLINE double fma64(double a, double b, double c) { return __builtin_elementwise_fma(a, b, c); }

// Subnormals as the signed zeros that MXCSR's FTZ/DAZ make of them.
JL_INLINE float flush32(float x) {
    uint32_t b = bits_of_f32(x);
    return (b & 0x7F800000u) == 0 ? f32_of(b & 0x80000000u) : x;
}
JL_INLINE double flush64(double x) {
    uint64_t b = bits_of_f64(x);
    return (b & 0x7FF0000000000000ull) == 0 ? f64_of(b & 0x8000000000000000ull) : x;
}
// A NaN as the hardware passes it on: quieted, sign and payload kept.
JL_INLINE float quiet32(float x) { return f32_of(bits_of_f32(x) | 0x00400000u); }
JL_INLINE float copysign32(float magnitude, float sign) {
    return f32_of((bits_of_f32(magnitude) & 0x7FFFFFFFu) | (bits_of_f32(sign) & 0x80000000u));
}
JL_INLINE double copysign64(double magnitude, double sign) {
    return f64_of((bits_of_f64(magnitude) & 0x7FFFFFFFFFFFFFFFull) | (bits_of_f64(sign) & 0x8000000000000000ull));
}
JL_INLINE float abs32(float x) { return f32_of(bits_of_f32(x) & 0x7FFFFFFFu); }
JL_INLINE double abs64(double x) { return f64_of(bits_of_f64(x) & 0x7FFFFFFFFFFFFFFFull); }

// A one-operand block kernel `name(x, out, n)` from an element function, plus the copies the
// tests compare it with: `name_avx512` (callable when `jaxlab_kernels_wide_path()`),
// `name_avx2` (callable when the CPU has AVX2 and FMA) and `name_portable`.
#define JL_UNARY_BLOCK(name, In, Out, element)                                                \
    JL_WIDE void name##_avx512(const In *x, Out *out, long n) {                               \
        JL_VECTORIZE for (long i = 0; i < n; i++) out[i] = element(x[i]);                     \
    }                                                                                         \
    JL_FAST void name##_avx2(const In *x, Out *out, long n) {                                 \
        JL_VECTORIZE for (long i = 0; i < n; i++) out[i] = element(x[i]);                     \
    }                                                                                         \
    void name##_portable(const In *x, Out *out, long n) {                                     \
        JL_VECTORIZE for (long i = 0; i < n; i++) out[i] = element(x[i]);                     \
    }                                                                                         \
    void name(const In *x, Out *out, long n) {                                                \
        if (jl_wide()) name##_avx512(x, out, n);                                              \
        else if (jl_fast()) name##_avx2(x, out, n);                                           \
        else name##_portable(x, out, n);                                                      \
    }

// A block kernel that calls the C library per element: one copy (the library picks its own
// code path, which the bits of JAX's recordings come from).
#define JL_LIBM_BLOCK(name, In, Out, element)                                                 \
    void name(const In *x, Out *out, long n) {                                                \
        for (long i = 0; i < n; i++) out[i] = element(x[i]);                                  \
    }

#endif
