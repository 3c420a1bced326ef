// lax.rsqrt in float32 as XLA computes it: the reference machine's `rsqrtps` estimate (read
// from a table, never from this CPU's own approximate instruction) refined by one Newton step.
#include "internal.h"

// The estimate: +-0 (and subnormals, zeros under DAZ) give +-inf, negatives NaN, +inf 0, NaN
// quieted; positive normals from the table.
JL_INLINE float rsqrt_estimate(float x) {
    uint32_t b = bits_of_f32(x);
    int32_t e = (int32_t)(b >> 23) - 127;
    int32_t parity = e & 1;
    int32_t k = (e - parity) / 2;
    uint32_t entry = jaxlab_rsqrt_zen3_table[(uint32_t)parity * 4096u + ((b >> 11) & 0xFFFu)];
    float y = f32_of(entry - ((uint32_t)k << 23));
    y = x == INFINITY ? 0.0f : y;
    y = x < 0.0f ? f32_of(0xFFC00000u) : y;
    y = x == 0.0f ? copysign32(INFINITY, x) : y;
    return x != x ? quiet32(x) : y;
}

// x is flushed by its bits first: the optimiser assumes IEEE subnormals and may turn the
// comparisons with 0 into bit tests, which DAZ does not reach.
JL_INLINE float xla_rsqrt(float input) {
    float x = flush32(input);
    float y0 = rsqrt_estimate(x);
    float inner = fma32(x * y0, y0, -1.0f);
    float refined = fma32(y0 * -0.5f, inner, y0);
    return x > 0.0f && x != INFINITY ? refined : y0;
}

const unsigned *jaxlab_rsqrt_table(void) { return jaxlab_rsqrt_zen3_table; }

JL_UNARY_BLOCK(jaxlab_f32_rsqrt, float, float, xla_rsqrt)
