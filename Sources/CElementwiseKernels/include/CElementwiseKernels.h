// XLA's float32 exp, tanh and sigmoid compiled with hardware FMA (the Swift versions call
// the C library's fmaf per step). Same bits as JaxCore's XLAMath; callers set FTZ/DAZ.
#ifndef C_ELEMENTWISE_KERNELS_H
#define C_ELEMENTWISE_KERNELS_H

// 1 when this CPU has FMA (and AVX2), so the functions below may be called.
int jaxlab_elementwise_has_fma(void);

void jaxlab_elementwise_exp_f32(const float *x, float *out, long n);
void jaxlab_elementwise_tanh_f32(const float *x, float *out, long n);
void jaxlab_elementwise_logistic_f32(const float *x, float *out, long n);

#endif
