// Functions JAX takes from glibc, one call per element as XLA's kernels make them (the
// recordings' bits are glibc's): run under FTZ/DAZ like everything else.
#include "internal.h"

JL_INLINE double log64_flushed(double x) { return x < 0.0 ? (double)NAN : log(flush64(x)); }

JL_LIBM_BLOCK(jaxlab_f32_libm_exp, float, float, expf)
JL_LIBM_BLOCK(jaxlab_f32_libm_log, float, float, logf)
JL_LIBM_BLOCK(jaxlab_f32_libm_atan, float, float, atanf)
JL_LIBM_BLOCK(jaxlab_f32_sin, float, float, sinf)
JL_LIBM_BLOCK(jaxlab_f32_cos, float, float, cosf)
JL_LIBM_BLOCK(jaxlab_f32_tan, float, float, tanf)
JL_LIBM_BLOCK(jaxlab_f32_cbrt, float, float, cbrtf)
JL_LIBM_BLOCK(jaxlab_f64_sin, double, double, sin)
JL_LIBM_BLOCK(jaxlab_f64_cos, double, double, cos)
JL_LIBM_BLOCK(jaxlab_f64_tan, double, double, tan)
JL_LIBM_BLOCK(jaxlab_f64_atan, double, double, atan)
JL_LIBM_BLOCK(jaxlab_f64_cbrt, double, double, cbrt)
JL_LIBM_BLOCK(jaxlab_f64_log, double, double, log64_flushed)
JL_LIBM_BLOCK(jaxlab_f64_erf, double, double, erf)
