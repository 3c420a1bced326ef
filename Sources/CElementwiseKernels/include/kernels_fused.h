// Kernels that exist only inside fused loops: XLA contracts a multiply feeding an add into one
// fused multiply-add when the product has no other use, so jitted code needs `a * b + c` with
// one rounding. `negate`: 0 for a*b + c, 1 for a*b - c, 2 for c - a*b (negations are exact).
#ifndef C_ELEMENTWISE_KERNELS_FUSED_H
#define C_ELEMENTWISE_KERNELS_FUSED_H

void jaxlab_f32_fma(const float *a, const float *b, const float *c, float *out, long n, int negate);
void jaxlab_f32_fma_portable(const float *a, const float *b, const float *c, float *out, long n, int negate);
void jaxlab_f64_fma(const double *a, const double *b, const double *c, double *out, long n, int negate);
void jaxlab_f64_fma_portable(const double *a, const double *b, const double *c, double *out, long n, int negate);

// `reduce_sum(x[:, :, None] * w[None], axis=1) (+ bias)` for x (rows, k), w (k, n), 1 <= k <= 7,
// as XLA's fused reduction adds a short middle axis: rounded products summed in adjacent pairs.
void jaxlab_f32_linear_pairs(const float *x, const float *w, const float *bias, float *out, long rows, long k, long n);
void jaxlab_f32_linear_pairs_portable(const float *x, const float *w, const float *bias, float *out, long rows, long k, long n);

#endif
