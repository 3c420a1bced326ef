// XLA's float32 exp, tanh and sigmoid with one hardware FMA exactly where XLA's kernels
// have one (no other contraction), mirroring JaxCore/Math/XLAMath.swift step for step.
#include "CElementwiseKernels.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

#pragma clang fp contract(off)

#define TARGET __attribute__((target("avx2,fma")))

int jaxlab_elementwise_has_fma(void) {
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

static inline float bits_to_float(uint32_t b) { float f; memcpy(&f, &b, 4); return f; }
static inline uint32_t float_to_bits(float f) { uint32_t b; memcpy(&b, &f, 4); return b; }

// Subnormals as the signed zeros FTZ/DAZ make of them.
static inline float flush(float x) {
    uint32_t b = float_to_bits(x);
    return ((b & 0x7F800000u) == 0) ? bits_to_float(b & 0x80000000u) : x;
}
static inline float quiet(float x) { return bits_to_float(float_to_bits(x) | 0x00400000u); }

TARGET static inline void exp_parts(float input, float *y_out, float *scale_out) {
    float x = input;
    if (x < bits_to_float(0xC2AF999Au)) x = bits_to_float(0xC2AF999Au);
    if (x > bits_to_float(0x42B1999Au)) x = bits_to_float(0x42B1999Au);
    float v = fmaf(x, bits_to_float(0x3FB8AA3Bu), 0.5f);
    float truncated = (float)(int32_t)v;
    float fx = truncated > v ? truncated - 1.0f : truncated;
    if (fx < -127.0f) fx = -127.0f;
    if (fx > 127.0f) fx = 127.0f;
    float r = fmaf(-fx, bits_to_float(0x3F318000u), x);
    r = fmaf(-fx, bits_to_float(0xB95E8083u), r);
    float p = bits_to_float(0x39506967u);
    p = fmaf(p, r, bits_to_float(0x3AB743CEu));
    p = fmaf(p, r, bits_to_float(0x3C088908u));
    p = fmaf(p, r, bits_to_float(0x3D2AA9C1u));
    p = fmaf(p, r, bits_to_float(0x3E2AAAAAu));
    p = fmaf(p, r, 0.5f);
    float y = flush(fmaf(p, flush(r * r), r)) + 1.0f;
    *y_out = y;
    *scale_out = bits_to_float((uint32_t)((int32_t)fx + 127) << 23);
}

TARGET void jaxlab_elementwise_exp_f32(const float *in, float *out, long n) {
    for (long i = 0; i < n; i++) {
        float x = flush(in[i]);
        if (isnan(x)) { out[i] = quiet(x); continue; }
        float y, scale;
        exp_parts(x, &y, &scale);
        out[i] = flush(y * scale);
    }
}

TARGET void jaxlab_elementwise_logistic_f32(const float *in, float *out, long n) {
    for (long i = 0; i < n; i++) {
        float x = flush(in[i]);
        if (isnan(x)) { out[i] = quiet(-x); continue; }
        float y, scale;
        exp_parts(-x, &y, &scale);
        out[i] = flush(1.0f / fmaf(y, scale, 1.0f));
    }
}

TARGET void jaxlab_elementwise_tanh_f32(const float *in, float *out, long n) {
    for (long i = 0; i < n; i++) {
        float x0 = in[i], x = flush(x0);
        if (isnan(x)) { out[i] = quiet(x0); continue; }
        float ax = fabsf(x);
        if (ax < bits_to_float(0x39D1B717u)) { out[i] = x0; continue; }
        if (ax >= 20.0f) { out[i] = copysignf(1.0f, x); continue; }
        float bound = bits_to_float(0x40FFF644u), xc = x;
        if (xc < -bound) xc = -bound;
        if (xc > bound) xc = bound;
        float x2 = flush(xc * xc);
        float p = bits_to_float(0xA59F25C0u);
        p = fmaf(x2, p, bits_to_float(0x2A61337Eu));
        p = fmaf(x2, p, bits_to_float(0xAEBD37FFu));
        p = fmaf(x2, p, bits_to_float(0x335C0041u));
        p = fmaf(x2, p, bits_to_float(0x3779434Au));
        p = fmaf(x2, p, bits_to_float(0x3A270DEDu));
        p = fmaf(x2, p, bits_to_float(0x3BA059DCu));
        p = flush(xc * p);
        float q = bits_to_float(0x35A0D3D8u);
        q = fmaf(x2, q, bits_to_float(0x38F895D6u));
        q = fmaf(x2, q, bits_to_float(0x3B14AA05u));
        q = fmaf(x2, q, bits_to_float(0x3BA059DDu));
        out[i] = flush(p / q);
    }
}
