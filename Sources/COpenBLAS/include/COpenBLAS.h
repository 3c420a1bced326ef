// OpenBLAS, loaded on first use with dlopen so that its kernel set can be chosen before it
// initialises: on every CPU with AVX2 and FMA the Haswell kernels on two threads, whatever the
// CPU model, so that every machine computes the same bits (see openblas.c).
#ifndef JAXLAB_COPENBLAS_H
#define JAXLAB_COPENBLAS_H

// 1 when this CPU has AVX2 and FMA: the reference machine's instruction set.
int jaxlab_cpu_has_reference_isa(void);

// Loads OpenBLAS once (thread-safe); 1 when it is ready, 0 when it could not be loaded.
int jaxlab_blas_load(void);
// Why loading failed (dlerror's text), or "" when it did not fail.
const char *jaxlab_blas_load_error(void);
// The kernel set OpenBLAS runs (openblas_get_corename), or "" before a successful load.
const char *jaxlab_blas_core_name(void);
// 1 when jaxlab chose the kernel set and thread count itself; 0 with JAXLAB_BLAS=native or on a
// CPU without AVX2/FMA, where OpenBLAS chose them.
int jaxlab_blas_is_pinned(void);
// The number of threads OpenBLAS splits a product over.
int jaxlab_blas_threads(void);

// Row-major products with alpha = 1 and beta = 0. Call only after jaxlab_blas_load() returned 1.
void jaxlab_sgemm(long m, long n, long k, const float *a, const float *b, float *c);
void jaxlab_dgemm(long m, long n, long k, const double *a, const double *b, double *c);
float jaxlab_sdot(long n, const float *x, const float *y);
double jaxlab_ddot(long n, const double *x, const double *y);
// y (m) = A (m, k) x, and y (n) = x (k) B (k, n).
void jaxlab_sgemv_rows(long m, long k, const float *a, const float *x, float *y);
void jaxlab_sgemv_columns(long k, long n, const float *x, const float *b, float *y);
void jaxlab_dgemv_rows(long m, long k, const double *a, const double *x, double *y);
void jaxlab_dgemv_columns(long k, long n, const double *x, const double *b, double *y);

// A symbol of the loaded OpenBLAS (loading it first), or NULL.
void *jaxlab_blas_symbol(const char *name);

// LAPACK on column-major matrices (lapack.c): each returns LAPACK's info, or one of these.
enum { JAXLAB_LAPACK_MISSING = -10000, JAXLAB_LAPACK_NO_MEMORY = -10001 };
#define JAXLAB_LAPACK_DECLARE(T, P)                                                              \
    int jaxlab_##P##getrf(int m, int n, T *a, int *ipiv);                                       \
    int jaxlab_##P##potrf(int n, T *a);                                                         \
    int jaxlab_##P##geqrf(int m, int n, T *a, T *tau);                                          \
    int jaxlab_##P##orgqr(int m, int n, int k, T *a, const T *tau);                             \
    int jaxlab_##P##syevd(int lower, int n, T *a, T *w);                                        \
    int jaxlab_##P##gesdd(char job, int m, int n, T *a, T *s, T *u, int ldu, T *vt, int ldvt);  \
    int jaxlab_##P##trsm(int left, int lower, int transpose, int unit, int m, int n, const T *a, T *b);
JAXLAB_LAPACK_DECLARE(float, s)
JAXLAB_LAPACK_DECLARE(double, d)
#undef JAXLAB_LAPACK_DECLARE

#endif
