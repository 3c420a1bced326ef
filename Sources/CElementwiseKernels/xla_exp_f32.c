// XLA's float32 exp, sigmoid, expm1, tanh, erf, erfc and atan as its CPU kernels compute them: the
// same operations in the same order as JaxCore's XLAMath (the scalar definition the tests check
// these against), written without branches so that each block loop vectorises.
#include "internal.h"

// exp(x) = y * scale, the two parts of XLA's Cephes-style exp, for an x that is not NaN.
JL_INLINE float exp_parts(float x, float *scale) {
    x = x < f32_of(0xC2AF999Au) ? f32_of(0xC2AF999Au) : x;
    x = x > f32_of(0x42B1999Au) ? f32_of(0x42B1999Au) : x;
    float v = fma32(x, f32_of(0x3FB8AA3Bu), 0.5f);
    float truncated = (float)(int32_t)v;  // |v| < 129: exact, and floor below
    float fx = truncated > v ? truncated - 1.0f : truncated;
    fx = fx < -127.0f ? -127.0f : fx;
    fx = fx > 127.0f ? 127.0f : fx;
    float r = fma32(-fx, f32_of(0x3F318000u), x);
    r = fma32(-fx, f32_of(0xB95E8083u), r);
    float p = f32_of(0x39506967u);
    p = fma32(p, r, f32_of(0x3AB743CEu));
    p = fma32(p, r, f32_of(0x3C088908u));
    p = fma32(p, r, f32_of(0x3D2AA9C1u));
    p = fma32(p, r, f32_of(0x3E2AAAAAu));
    p = fma32(p, r, 0.5f);
    float y = fma32(p, r * r, r) + 1.0f;
    *scale = f32_of((uint32_t)((int32_t)fx + 127) << 23);
    return y;
}

JL_INLINE float xla_exp(float x) {
    int nan = x != x;
    float scale, y = exp_parts(nan ? 0.0f : x, &scale);
    return nan ? quiet32(x) : y * scale;
}

// jax.nn.sigmoid: 1 / fma(y, 2^n, 1) with y and 2^n the parts of exp(-x).
JL_INLINE float xla_logistic(float x) {
    int nan = x != x;
    float scale, y = exp_parts(nan ? 0.0f : -x, &scale);
    return nan ? quiet32(-x) : (1.0f / fma32(y, scale, 1.0f));
}

// tanh by XLA's clamped rational approximation; tiny inputs come back unchanged.
JL_INLINE float xla_tanh(float x) {
    int nan = x != x;
    float ax = abs32(x);
    float bound = f32_of(0x40FFF644u);
    float xc = nan ? 0.0f : x;
    xc = xc < -bound ? -bound : xc;
    xc = xc > bound ? bound : xc;
    float x2 = xc * xc;
    float p = f32_of(0xA59F25C0u);
    p = fma32(x2, p, f32_of(0x2A61337Eu));
    p = fma32(x2, p, f32_of(0xAEBD37FFu));
    p = fma32(x2, p, f32_of(0x335C0041u));
    p = fma32(x2, p, f32_of(0x3779434Au));
    p = fma32(x2, p, f32_of(0x3A270DEDu));
    p = fma32(x2, p, f32_of(0x3BA059DCu));
    p = xc * p;
    float q = f32_of(0x35A0D3D8u);
    q = fma32(x2, q, f32_of(0x38F895D6u));
    q = fma32(x2, q, f32_of(0x3B14AA05u));
    q = fma32(x2, q, f32_of(0x3BA059DDu));
    float r = p / q;
    r = ax >= 20.0f ? copysign32(1.0f, x) : r;
    r = ax < f32_of(0x39D1B717u) ? x : r;
    return nan ? quiet32(x) : r;
}

// e^x - 1: exp(x) - 1 above 0.5 in magnitude, else tanh(x/2) * (exp(x) + 1).
JL_INLINE float xla_expm1(float x) {
    int nan = x != x;
    float xs = nan ? 0.0f : x;
    float scale, y = exp_parts(xs, &scale);
    float e = y * scale;
    float half = xs * 0.5f;
    float r = xla_tanh(half) * (e + 1.0f);
    r = half == 0.0f ? x : r;
    r = abs32(xs) > 0.5f ? (e - 1.0f) : r;
    return nan ? quiet32(x) : r;
}

// erf; `clamped` is XLA's variant for 0-d and one-element arrays, which clamps the input first
// and saturates earlier.
JL_INLINE float xla_erf_variant(float x, int clamped) {
    int nan = x != x;
    float xc = nan ? 0.0f : x;
    float bound = clamped ? f32_of(0x406F9C68u) : f32_of(0x407547CBu);
    int saturated = abs32(x) >= bound;
    if (clamped) {
        xc = xc < -bound ? -bound : xc;
        xc = xc > bound ? bound : xc;
    }
    float x2 = xc * xc;
    float p = f32_of(0x39702D51u);
    p = fma32(x2, p, f32_of(0x3B5F5DA2u));
    p = fma32(x2, p, f32_of(0x3D50B6EBu));
    p = fma32(x2, p, f32_of(0x3E3DA740u));
    p = fma32(x2, p, f32_of(0x3F906EBAu));
    float q = f32_of(0xB3FD3906u);
    q = fma32(x2, q, f32_of(0x37C588DFu));
    q = fma32(x2, q, f32_of(0x3A856D28u));
    q = fma32(x2, q, f32_of(0x3C6687D4u));
    q = fma32(x2, q, f32_of(0x3DE34C21u));
    q = fma32(x2, q, f32_of(0x3EFEB44Au));
    q = fma32(x2, q, 1.0f);
    float r = (xc * p) / q;
    r = saturated ? copysign32(1.0f, x) : r;
    return nan ? quiet32(x) : r;
}
JL_INLINE float xla_erf(float x) { return xla_erf_variant(x, 0); }
JL_INLINE float xla_erf_clamped(float x) { return xla_erf_variant(x, 1); }

// erfc as JAX lowers it (chlo.erfc, after Cephes): 1 - x T(x^2) below 1 in magnitude, else
// exp(-x^2) / |x| times P(1/x^2) below 2 or R(1/x^2) above, zero past exp's range, reflected as
// 2 - erfc(|x|) for negative x. The polynomials run from a zero start (so an infinite argument
// gives NaN in the branch not taken), each step one FMA, as XLA's fused loop contracts them.
JL_INLINE float erfc_poly32(const float *c, int n, float x) {
    float p = 0.0f;
    for (int i = 0; i < n; i++) p = fma32(p, x, c[i]);
    return p;
}
JL_INLINE float xla_erfc(float x) {
    static const float P[] = {+2.326819970068386E-2f, -1.387039388740657E-1f, +3.687424674597105E-1f,
                              -5.824733027278666E-1f, +6.210004621745983E-1f, -4.944515323274145E-1f,
                              +3.404879937665872E-1f, -2.741127028184656E-1f, +5.638259427386472E-1f};
    static const float R[] = {-1.047766399936249E+1f, +1.297719955372516E+1f, -7.495518717768503E+0f,
                              +2.921019019210786E+0f, -1.015265279202700E+0f, +4.218463358204948E-1f,
                              -2.820767439740514E-1f, +5.641895067754075E-1f};
    static const float T[] = {+7.853861353153693E-5f, -8.010193625184903E-4f, +5.188327685732524E-3f,
                              -2.685381193529856E-2f, +1.128358514861418E-1f, -3.761262582423300E-1f,
                              +1.128379165726710E+0f};
    float xsq = x * x, z = -xsq, ax = abs32(x);
    float outer = xla_exp(z) * (1.0f / ax);
    float poly = ax < 2.0f ? erfc_poly32(P, 9, 1.0f / xsq) : erfc_poly32(R, 8, 1.0f / xsq);
    float tail = z < -88.72283905206835f ? 0.0f : outer * poly;
    float large = x < 0.0f ? 2.0f - tail : tail;
    float small = fma32(-x, erfc_poly32(T, 7, xsq), 1.0f);
    return ax < 1.0f ? small : large;
}

// XLA's own atan (used where it does not call glibc's atanf).
JL_INLINE float xla_atan(float x) {
    int nan = x != x;
    float ax = nan ? 0.0f : abs32(x);
    int big = ax > 1.0f;
    float t = big ? (1.0f / ax) : ax;
    float t2 = t * t;
    float p = fma32(fma32(t2, f32_of(0x3DE56E67u), f32_of(0x3F3ACBA0u)), t2, f32_of(0x3F4F9D60u));
    float q = fma32(fma32(fma32(t2, f32_of(0x3C2557B4u), f32_of(0x3E90FDB4u)), t2, 1.0f), t2, f32_of(0x3F4F9D60u));
    float r = t * (p / q);
    r = big ? f32_of(0x3FC90FDBu) - r : r;
    r = copysign32(r, x);
    r = abs32(x) < 1e-3f ? x : r;
    return nan ? quiet32(x) : r;
}

JL_UNARY_BLOCK(jaxlab_f32_exp, float, float, xla_exp)
JL_UNARY_BLOCK(jaxlab_f32_logistic, float, float, xla_logistic)
JL_UNARY_BLOCK(jaxlab_f32_tanh, float, float, xla_tanh)
JL_UNARY_BLOCK(jaxlab_f32_expm1, float, float, xla_expm1)
JL_UNARY_BLOCK(jaxlab_f32_erf, float, float, xla_erf)
JL_UNARY_BLOCK(jaxlab_f32_erf_clamped, float, float, xla_erf_clamped)
JL_UNARY_BLOCK(jaxlab_f32_erfc, float, float, xla_erfc)
JL_UNARY_BLOCK(jaxlab_f32_atan, float, float, xla_atan)
