// `jaxlab_f32_*` / `jaxlab_f64_*` are JAX's float32 / float64 values (XLA's approximations and
// denormal rules); `*_libm_*` and the trigonometric ones call glibc per element, as XLA does.
#ifndef C_ELEMENTWISE_KERNELS_UNARY_H
#define C_ELEMENTWISE_KERNELS_UNARY_H

#include <stdint.h>

void jaxlab_f32_libm_exp(const float *x, float *out, long n);
void jaxlab_f32_libm_log(const float *x, float *out, long n);
void jaxlab_f32_libm_atan(const float *x, float *out, long n);
void jaxlab_f32_sin(const float *x, float *out, long n);
void jaxlab_f32_cos(const float *x, float *out, long n);
void jaxlab_f32_tan(const float *x, float *out, long n);
void jaxlab_f32_cbrt(const float *x, float *out, long n);
void jaxlab_f64_sin(const double *x, double *out, long n);
void jaxlab_f64_cos(const double *x, double *out, long n);
void jaxlab_f64_tan(const double *x, double *out, long n);
void jaxlab_f64_atan(const double *x, double *out, long n);
void jaxlab_f64_cbrt(const double *x, double *out, long n);
void jaxlab_f64_log(const double *x, double *out, long n);
void jaxlab_f64_erf(const double *x, double *out, long n);
void jaxlab_f32_rsqrt(const float *x, float *out, long n);
void jaxlab_f32_rsqrt_portable(const float *x, float *out, long n);
void jaxlab_f32_neg(const float *x, float *out, long n);
void jaxlab_f32_neg_portable(const float *x, float *out, long n);
void jaxlab_f64_neg(const double *x, double *out, long n);
void jaxlab_f64_neg_portable(const double *x, double *out, long n);
void jaxlab_f32_abs(const float *x, float *out, long n);
void jaxlab_f32_abs_portable(const float *x, float *out, long n);
void jaxlab_f64_abs(const double *x, double *out, long n);
void jaxlab_f64_abs_portable(const double *x, double *out, long n);
void jaxlab_f32_sign(const float *x, float *out, long n);
void jaxlab_f32_sign_portable(const float *x, float *out, long n);
void jaxlab_f64_sign(const double *x, double *out, long n);
void jaxlab_f64_sign_portable(const double *x, double *out, long n);
void jaxlab_f32_floor(const float *x, float *out, long n);
void jaxlab_f32_floor_portable(const float *x, float *out, long n);
void jaxlab_f32_ceil(const float *x, float *out, long n);
void jaxlab_f32_ceil_portable(const float *x, float *out, long n);
void jaxlab_f32_round(const float *x, float *out, long n);
void jaxlab_f32_round_portable(const float *x, float *out, long n);
void jaxlab_f64_floor(const double *x, double *out, long n);
void jaxlab_f64_floor_portable(const double *x, double *out, long n);
void jaxlab_f64_ceil(const double *x, double *out, long n);
void jaxlab_f64_ceil_portable(const double *x, double *out, long n);
void jaxlab_f64_round(const double *x, double *out, long n);
void jaxlab_f64_round_portable(const double *x, double *out, long n);
void jaxlab_f32_sqrt(const float *x, float *out, long n);
void jaxlab_f32_sqrt_portable(const float *x, float *out, long n);
void jaxlab_f64_sqrt(const double *x, double *out, long n);
void jaxlab_f64_sqrt_portable(const double *x, double *out, long n);
void jaxlab_f32_square(const float *x, float *out, long n);
void jaxlab_f32_square_portable(const float *x, float *out, long n);
void jaxlab_f64_square(const double *x, double *out, long n);
void jaxlab_f64_square_portable(const double *x, double *out, long n);
void jaxlab_f32_cube(const float *x, float *out, long n);
void jaxlab_f32_cube_portable(const float *x, float *out, long n);
void jaxlab_f64_cube(const double *x, double *out, long n);
void jaxlab_f64_cube_portable(const double *x, double *out, long n);
void jaxlab_f32_integer_pow(const float *x, float *out, long n, long y);
void jaxlab_f32_integer_pow_portable(const float *x, float *out, long n, long y);
void jaxlab_f64_integer_pow(const double *x, double *out, long n, long y);
void jaxlab_f64_integer_pow_portable(const double *x, double *out, long n, long y);
void jaxlab_u32_integer_pow(const uint32_t *x, uint32_t *out, long n, long y);
void jaxlab_u32_integer_pow_portable(const uint32_t *x, uint32_t *out, long n, long y);
void jaxlab_u64_integer_pow(const uint64_t *x, uint64_t *out, long n, long y);
void jaxlab_u64_integer_pow_portable(const uint64_t *x, uint64_t *out, long n, long y);
void jaxlab_f32_exp(const float *x, float *out, long n);
void jaxlab_f32_exp_portable(const float *x, float *out, long n);
void jaxlab_f32_logistic(const float *x, float *out, long n);
void jaxlab_f32_logistic_portable(const float *x, float *out, long n);
void jaxlab_f32_tanh(const float *x, float *out, long n);
void jaxlab_f32_tanh_portable(const float *x, float *out, long n);
void jaxlab_f32_expm1(const float *x, float *out, long n);
void jaxlab_f32_expm1_portable(const float *x, float *out, long n);
void jaxlab_f32_erf(const float *x, float *out, long n);
void jaxlab_f32_erf_portable(const float *x, float *out, long n);
void jaxlab_f32_erf_clamped(const float *x, float *out, long n);
void jaxlab_f32_erf_clamped_portable(const float *x, float *out, long n);
void jaxlab_f32_atan(const float *x, float *out, long n);
void jaxlab_f32_atan_portable(const float *x, float *out, long n);
void jaxlab_f64_exp(const double *x, double *out, long n);
void jaxlab_f64_exp_portable(const double *x, double *out, long n);
void jaxlab_f64_logistic(const double *x, double *out, long n);
void jaxlab_f64_logistic_portable(const double *x, double *out, long n);
void jaxlab_f64_tanh(const double *x, double *out, long n);
void jaxlab_f64_tanh_portable(const double *x, double *out, long n);
void jaxlab_f64_expm1(const double *x, double *out, long n);
void jaxlab_f64_expm1_portable(const double *x, double *out, long n);
void jaxlab_f32_log(const float *x, float *out, long n);
void jaxlab_f32_log_portable(const float *x, float *out, long n);
void jaxlab_f32_log1p(const float *x, float *out, long n);
void jaxlab_f32_log1p_portable(const float *x, float *out, long n);
void jaxlab_f32_erf_inv(const float *x, float *out, long n);
void jaxlab_f32_erf_inv_portable(const float *x, float *out, long n);

#endif
