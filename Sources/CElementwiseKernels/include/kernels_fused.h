// Kernels that exist only inside fused loops: XLA contracts a multiply feeding an add into one
// fused multiply-add when the product has no other use, so jitted code needs `a * b + c` with
// one rounding. `negate`: 0 for a*b + c, 1 for a*b - c, 2 for c - a*b (negations are exact).
#ifndef C_ELEMENTWISE_KERNELS_FUSED_H
#define C_ELEMENTWISE_KERNELS_FUSED_H

void jaxlab_f32_fma(const float *a, const float *b, const float *c, float *out, long n, int negate);
void jaxlab_f32_fma_portable(const float *a, const float *b, const float *c, float *out, long n, int negate);
void jaxlab_f64_fma(const double *a, const double *b, const double *c, double *out, long n, int negate);
void jaxlab_f64_fma_portable(const double *a, const double *b, const double *c, double *out, long n, int negate);

#endif
