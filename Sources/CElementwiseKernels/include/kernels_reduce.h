// Reductions in JAX's orders (see reduce.c): whole results of a line, not blocks. The
// `_avx512`, `_avx2` and `_portable` copies are the ones the dispatching forms choose from.
#ifndef C_ELEMENTWISE_KERNELS_REDUCE_H
#define C_ELEMENTWISE_KERNELS_REDUCE_H

// YNNPACK's `sum_float_k1` of n floats, horizontally added: hsum16(k1(a)).
float jaxlab_ynn_k1_sum(const float *a, long n);
float jaxlab_ynn_k1_sum_portable(const float *a, long n);
float jaxlab_ynn_k1_sum_avx2(const float *a, long n);
float jaxlab_ynn_k1_sum_avx512(const float *a, long n);

// `jaxlab_ynn_k1_sum` of a line given in pieces, in order: `feed` takes a piece whose count is
// a multiple of 256, `finish` the last piece (any count, possibly 0) and returns the sum. The
// state starts zeroed.
typedef struct jaxlab_k1_state {
    float acc1[16], acc2[16], err[16];
    long groups;
} jaxlab_k1_state;
void jaxlab_ynn_k1_feed(jaxlab_k1_state *s, const float *a, long n);
float jaxlab_ynn_k1_finish(jaxlab_k1_state *s, const float *a, long n);

// `jaxlab_ynn_k1_sum` of the squared deviations (a[i] - m)^2, each step rounded under FTZ/DAZ:
// the second pass of jnp.var without writing the squares out.
float jaxlab_ynn_k1_squares(const float *a, long n, float m);
float jaxlab_ynn_k1_squares_portable(const float *a, long n, float m);
float jaxlab_ynn_k1_squares_avx2(const float *a, long n, float m);
float jaxlab_ynn_k1_squares_avx512(const float *a, long n, float m);

// YNNPACK's `sum_float_kn`: the column sums of `rows` rows of `cols` floats, row i at
// x + i * stride; `scratch` must hold 5 * cols floats.
void jaxlab_ynn_kn_sum(const float *x, long rows, long cols, long stride, float *out, float *scratch);
void jaxlab_ynn_kn_sum_portable(const float *x, long rows, long cols, long stride, float *out, float *scratch);
void jaxlab_ynn_kn_sum_avx2(const float *x, long rows, long cols, long stride, float *out, float *scratch);
void jaxlab_ynn_kn_sum_avx512(const float *x, long rows, long cols, long stride, float *out, float *scratch);

// The max (max != 0) or min of n floats (or doubles), exact when *saw_nan is 0 and the result is not zero.
float jaxlab_f32_extreme(const float *x, long n, int max, int *saw_nan);
float jaxlab_f32_extreme_max_avx2(const float *x, long n, int *saw_nan);
float jaxlab_f32_extreme_max_portable(const float *x, long n, int *saw_nan);
float jaxlab_f32_extreme_min_avx2(const float *x, long n, int *saw_nan);
float jaxlab_f32_extreme_min_portable(const float *x, long n, int *saw_nan);
double jaxlab_f64_extreme(const double *x, long n, int max, int *saw_nan);
double jaxlab_f64_extreme_max_avx2(const double *x, long n, int *saw_nan);
double jaxlab_f64_extreme_max_portable(const double *x, long n, int *saw_nan);
double jaxlab_f64_extreme_min_avx2(const double *x, long n, int *saw_nan);
double jaxlab_f64_extreme_min_portable(const double *x, long n, int *saw_nan);

// One level of XLA's reduction tree over a line of n elements: windows j in [first, first +
// count) of its centred windows of 32 (offset `low`), each folded in order from 0 (or from 1
// when `product`) into parts[j - first].
void jaxlab_f32_window_fold(const float *x, long n, long low, long first, long count, int product, float *parts);
void jaxlab_f64_window_fold(const double *x, long n, long low, long first, long count, int product, double *parts);
void jaxlab_f32_window_fold_avx2(const float *x, long n, long low, long first, long count, int product, float *parts);
void jaxlab_f32_window_fold_portable(const float *x, long n, long low, long first, long count, int product, float *parts);
void jaxlab_f64_window_fold_avx2(const double *x, long n, long low, long first, long count, int product, double *parts);
void jaxlab_f64_window_fold_portable(const double *x, long n, long low, long first, long count, int product, double *parts);

#endif
