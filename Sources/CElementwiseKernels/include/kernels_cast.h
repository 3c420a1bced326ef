// Dtype conversions as block kernels (`x` of one type into `out` of another). float16 uses the
// CPU's F16C conversions where present (`*_avx2`) and a bit routine with the same rounding
// otherwise (`*_portable`); `_flushed` forms read subnormals as zeros, as JAX does.
#ifndef C_ELEMENTWISE_KERNELS_CAST_H
#define C_ELEMENTWISE_KERNELS_CAST_H

#include <stdbool.h>
#include <stdint.h>

void jaxlab_cast_f32_bf16(const float *x, uint16_t *out, long n);
void jaxlab_cast_f32_bf16_avx2(const float *x, uint16_t *out, long n);
void jaxlab_cast_f32_bf16_avx512(const float *x, uint16_t *out, long n);
void jaxlab_cast_f32_bf16_portable(const float *x, uint16_t *out, long n);
void jaxlab_cast_bf16_f32(const uint16_t *x, float *out, long n);
void jaxlab_cast_bf16_f32_avx2(const uint16_t *x, float *out, long n);
void jaxlab_cast_bf16_f32_avx512(const uint16_t *x, float *out, long n);
void jaxlab_cast_bf16_f32_portable(const uint16_t *x, float *out, long n);
void jaxlab_cast_bf16_f32_flushed(const uint16_t *x, float *out, long n);
void jaxlab_cast_bf16_f32_flushed_avx2(const uint16_t *x, float *out, long n);
void jaxlab_cast_bf16_f32_flushed_avx512(const uint16_t *x, float *out, long n);
void jaxlab_cast_bf16_f32_flushed_portable(const uint16_t *x, float *out, long n);
void jaxlab_cast_f32_i32_saturating(const float *x, int32_t *out, long n);
void jaxlab_cast_f32_i32_saturating_avx2(const float *x, int32_t *out, long n);
void jaxlab_cast_f32_i32_saturating_avx512(const float *x, int32_t *out, long n);
void jaxlab_cast_f32_i32_saturating_portable(const float *x, int32_t *out, long n);
void jaxlab_cast_f32_i32_truncating(const float *x, int32_t *out, long n);
void jaxlab_cast_f32_i32_truncating_avx2(const float *x, int32_t *out, long n);
void jaxlab_cast_f32_i32_truncating_avx512(const float *x, int32_t *out, long n);
void jaxlab_cast_f32_i32_truncating_portable(const float *x, int32_t *out, long n);
void jaxlab_cast_i32_f32(const int32_t *x, float *out, long n);
void jaxlab_cast_i32_f32_avx2(const int32_t *x, float *out, long n);
void jaxlab_cast_i32_f32_avx512(const int32_t *x, float *out, long n);
void jaxlab_cast_i32_f32_portable(const int32_t *x, float *out, long n);
void jaxlab_cast_f32_f64(const float *x, double *out, long n);
void jaxlab_cast_f32_f64_avx2(const float *x, double *out, long n);
void jaxlab_cast_f32_f64_avx512(const float *x, double *out, long n);
void jaxlab_cast_f32_f64_portable(const float *x, double *out, long n);
void jaxlab_cast_f32_f64_flushed(const float *x, double *out, long n);
void jaxlab_cast_f32_f64_flushed_avx2(const float *x, double *out, long n);
void jaxlab_cast_f32_f64_flushed_avx512(const float *x, double *out, long n);
void jaxlab_cast_f32_f64_flushed_portable(const float *x, double *out, long n);
void jaxlab_cast_f64_f32(const double *x, float *out, long n);
void jaxlab_cast_f64_f32_avx2(const double *x, float *out, long n);
void jaxlab_cast_f64_f32_avx512(const double *x, float *out, long n);
void jaxlab_cast_f64_f32_portable(const double *x, float *out, long n);
void jaxlab_cast_f64_f32_flushed(const double *x, float *out, long n);
void jaxlab_cast_f64_f32_flushed_avx2(const double *x, float *out, long n);
void jaxlab_cast_f64_f32_flushed_avx512(const double *x, float *out, long n);
void jaxlab_cast_f64_f32_flushed_portable(const double *x, float *out, long n);
void jaxlab_cast_f32_bool(const float *x, bool *out, long n);
void jaxlab_cast_f32_bool_avx2(const float *x, bool *out, long n);
void jaxlab_cast_f32_bool_avx512(const float *x, bool *out, long n);
void jaxlab_cast_f32_bool_portable(const float *x, bool *out, long n);
void jaxlab_cast_f32_f16(const float *x, uint16_t *out, long n);
void jaxlab_cast_f32_f16_avx2(const float *x, uint16_t *out, long n);
void jaxlab_cast_f32_f16_portable(const float *x, uint16_t *out, long n);
void jaxlab_cast_f16_f32(const uint16_t *x, float *out, long n);
void jaxlab_cast_f16_f32_avx2(const uint16_t *x, float *out, long n);
void jaxlab_cast_f16_f32_portable(const uint16_t *x, float *out, long n);

#endif
