// XLA's float32 log, log1p, atanh and erf_inv (the last also inside jax.random.normal): the same
// operations in the same order as JaxCore's XLALog, branch-free so each block loop vectorises.
// (Subnormal inputs read as zeros under DAZ, so log gives -inf for them.)
#include "internal.h"

JL_INLINE float xla_log(float x) {
    const float smallest_normal = f32_of(0x00800000u);
    // max(x, FLT_MIN) with NaN replaced too, so the bit tricks below see a positive normal
    float xc = x > smallest_normal ? x : smallest_normal;
    uint32_t b = bits_of_f32(xc);
    float e = (float)((int32_t)(b >> 23) - 127) + 1.0f;
    float m = f32_of((b & 0x807FFFFFu) | 0x3F000000u);
    int lt = m < f32_of(0x3F3504F3u);
    float r = (m - 1.0f) + (lt ? m : 0.0f);
    e = lt ? e - 1.0f : e;
    float x2 = r * r;
    float x3 = x2 * r;
    float y = fma32(fma32(f32_of(0x3D9021BBu), r, f32_of(0xBDEBD1B8u)), r, f32_of(0x3DEF251Au));
    float y1 = fma32(fma32(f32_of(0xBDFE5D4Fu), r, f32_of(0x3E11E9BFu)), r, f32_of(0xBE2AAE50u));
    float y2 = fma32(fma32(f32_of(0x3E4CCEACu), r, f32_of(0xBE7FFFFCu)), r, f32_of(0x3EAAAAAAu));
    y = fma32(y, x3, y1);
    y = fma32(y, x3, y2);
    y = fma32(y, x3, e * f32_of(0xB95E8083u));
    float res = fma32(-0.5f, x2, r) + y;
    res = fma32(e, f32_of(0x3F318000u), res);
    res = x > 0.0f ? res : f32_of(0xFFFFFFFFu);
    res = x == 0.0f ? f32_of(0xFF800000u) : res;
    res = x == INFINITY ? f32_of(0x7F800000u) : res;
    return res;
}

JL_INLINE float xla_log1p(float x) {
    float big = xla_log(x + 1.0f);
    float p = f32_of(0x383DE04Bu), q = 1.0f;
    p = fma32(p, x, f32_of(0x3EFF40C5u)); q = fma32(q, x, f32_of(0x417101ADu));
    p = fma32(p, x, f32_of(0x40D284FAu)); q = fma32(q, x, f32_of(0x42A6185Bu));
    p = fma32(p, x, f32_of(0x41EF4B9Cu)); q = fma32(q, x, f32_of(0x435DC32Du));
    p = fma32(p, x, f32_of(0x4273CC76u)); q = fma32(q, x, f32_of(0x439A8CA3u));
    p = fma32(p, x, f32_of(0x426473ADu)); q = fma32(q, x, f32_of(0x43586D8Au));
    p = fma32(p, x, f32_of(0x41A05101u)); q = fma32(q, x, f32_of(0x42707982u));
    float ratio = p / q;
    float x2 = x * x;
    float t = (x * x2) * ratio;
    float small = x + fma32(-0.5f, x2, t);
    return abs32(x) < f32_of(0x3ED413CDu) ? small : big;
}

// jnp.arctanh's fused kernel: (log1p(x) - log1p(-x)) * 0.5, nan where |x| > 1. Inside this
// fusion LLVM contracts log1p's small-argument step the other way round: the product
// (x * x2) * ratio is the fused one and -0.5 * x2 is rounded (measured against JAX on every
// element it differs on).
JL_INLINE float xla_log1p_in_atanh(float x) {
    float big = xla_log(x + 1.0f);
    float p = f32_of(0x383DE04Bu), q = 1.0f;
    p = fma32(p, x, f32_of(0x3EFF40C5u)); q = fma32(q, x, f32_of(0x417101ADu));
    p = fma32(p, x, f32_of(0x40D284FAu)); q = fma32(q, x, f32_of(0x42A6185Bu));
    p = fma32(p, x, f32_of(0x41EF4B9Cu)); q = fma32(q, x, f32_of(0x435DC32Du));
    p = fma32(p, x, f32_of(0x4273CC76u)); q = fma32(q, x, f32_of(0x439A8CA3u));
    p = fma32(p, x, f32_of(0x426473ADu)); q = fma32(q, x, f32_of(0x43586D8Au));
    p = fma32(p, x, f32_of(0x41A05101u)); q = fma32(q, x, f32_of(0x42707982u));
    float ratio = p / q;
    float x2 = x * x;
    float small = x + fma32(x * x2, ratio, -0.5f * x2);
    return abs32(x) < f32_of(0x3ED413CDu) ? small : big;
}

JL_INLINE float xla_atanh(float x) {
    float value = (xla_log1p_in_atanh(x) - xla_log1p_in_atanh(-x)) * 0.5f;
    return abs32(x) > 1.0f ? f32_of(0x7FC00000u) : value;
}

// Giles' approximation: one polynomial in w = -log(1-u^2) - 2.5 for w < 5, another in
// sqrt(w) - 3 beyond; each Horner step a single fused multiply-add.
JL_INLINE float xla_erf_inv(float u) {
    float l = xla_log1p(u * -u);
    int small = l > -5.0f;
    float w = small ? -2.5f - l : __builtin_elementwise_sqrt(-l) - 3.0f;
#define JL_STEP(a, b) p = fma32(w, p, small ? (a) : (b))
    float p = small ? 2.81022636e-08f : -0.000200214257f;
    JL_STEP(3.43273939e-07f, 0.000100950558f);
    JL_STEP(-3.5233877e-06f, 0.00134934322f);
    JL_STEP(-4.39150654e-06f, -0.00367342844f);
    JL_STEP(0.00021858087f, 0.00573950773f);
    JL_STEP(-0.00125372503f, -0.0076224613f);
    JL_STEP(-0.00417768164f, 0.00943887047f);
    JL_STEP(0.246640727f, 1.00167406f);
    JL_STEP(1.50140941f, 2.83297682f);
#undef JL_STEP
    p = abs32(u) == 1.0f ? INFINITY : p;
    // a NaN input comes back quieted with its own sign and payload, as x86 `mulss` keeps it
    return u != u ? quiet32(u) : u * p;
}

JL_UNARY_BLOCK(jaxlab_f32_log, float, float, xla_log)
JL_UNARY_BLOCK(jaxlab_f32_log1p, float, float, xla_log1p)
JL_UNARY_BLOCK(jaxlab_f32_erf_inv, float, float, xla_erf_inv)
JL_UNARY_BLOCK(jaxlab_f32_atanh, float, float, xla_atanh)
