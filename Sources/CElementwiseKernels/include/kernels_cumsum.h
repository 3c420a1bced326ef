// jnp.cumsum and jnp.cumprod in XLA's order (see cumsum.c); `scratch` holds n / 7 + 64 elements.
#ifndef C_ELEMENTWISE_KERNELS_CUMSUM_H
#define C_ELEMENTWISE_KERNELS_CUMSUM_H

void jaxlab_f32_cumsum(const float *x, float *out, long n, int reverse, float *scratch);
void jaxlab_f64_cumsum(const double *x, double *out, long n, int reverse, double *scratch);
void jaxlab_f32_cumprod(const float *x, float *out, long n, int reverse, float *scratch);
void jaxlab_f64_cumprod(const double *x, double *out, long n, int reverse, double *scratch);

#endif
