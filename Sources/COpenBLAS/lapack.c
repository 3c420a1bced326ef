// LAPACK's factorisations, from the same pinned OpenBLAS as the products (see openblas.c).
//
// JAX on CPU calls these LAPACK routines (jaxlib's getrf, potrf, geqrf, orgqr, syevd, gesdd and
// BLAS trsm kernels) on column-major matrices; so does jaxlab, with the same arguments and a
// workspace of the size LAPACK asks for, so the same algorithm runs. Each entry point returns
// LAPACK's info, JAXLAB_LAPACK_MISSING when the library lacks the routine, or
// JAXLAB_LAPACK_NO_MEMORY when its workspace could not be allocated.
#include "COpenBLAS.h"
#include <pthread.h>
#include <stdlib.h>

typedef size_t flen;  // gfortran's hidden length of a CHARACTER argument

#define LAPACK_TYPES(T, P)                                                                              \
    typedef void (*P##getrf_t)(const int *, const int *, T *, const int *, int *, int *);              \
    typedef void (*P##potrf_t)(const char *, const int *, T *, const int *, int *, flen);              \
    typedef void (*P##geqrf_t)(const int *, const int *, T *, const int *, T *, T *, const int *, int *); \
    typedef void (*P##orgqr_t)(const int *, const int *, const int *, T *, const int *, const T *, T *,  \
                               const int *, int *);                                                     \
    typedef void (*P##syevd_t)(const char *, const char *, const int *, T *, const int *, T *, T *,      \
                               const int *, int *, const int *, int *, flen, flen);                     \
    typedef void (*P##gesdd_t)(const char *, const int *, const int *, T *, const int *, T *, T *,       \
                               const int *, T *, const int *, T *, const int *, int *, int *, flen);    \
    typedef void (*P##trsm_t)(const char *, const char *, const char *, const char *, const int *,       \
                              const int *, const T *, const T *, const int *, T *, const int *, flen,   \
                              flen, flen, flen);

LAPACK_TYPES(float, s)
LAPACK_TYPES(double, d)

static struct {
    pthread_once_t once;
    sgetrf_t sgetrf; dgetrf_t dgetrf;
    spotrf_t spotrf; dpotrf_t dpotrf;
    sgeqrf_t sgeqrf; dgeqrf_t dgeqrf;
    sorgqr_t sorgqr; dorgqr_t dorgqr;
    ssyevd_t ssyevd; dsyevd_t dsyevd;
    sgesdd_t sgesdd; dgesdd_t dgesdd;
    strsm_t strsm; dtrsm_t dtrsm;
} lapack = {PTHREAD_ONCE_INIT, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

static void resolve(void) {
#define RESOLVE(name) lapack.name = (name##_t)jaxlab_blas_symbol(#name "_")
    RESOLVE(sgetrf); RESOLVE(dgetrf); RESOLVE(spotrf); RESOLVE(dpotrf);
    RESOLVE(sgeqrf); RESOLVE(dgeqrf); RESOLVE(sorgqr); RESOLVE(dorgqr);
    RESOLVE(ssyevd); RESOLVE(dsyevd); RESOLVE(sgesdd); RESOLVE(dgesdd);
    RESOLVE(strsm); RESOLVE(dtrsm);
#undef RESOLVE
}

#define NEED(name)                                  \
    pthread_once(&lapack.once, resolve);            \
    if (!lapack.name) return JAXLAB_LAPACK_MISSING;

// A workspace of the size a query returned (at least one element).
static void *workspace(double size, size_t item) {
    size_t n = size < 1 ? 1 : (size_t)size;
    return malloc(n * item);
}

#define LAPACK_WRAPPERS(T, P)                                                                            \
    int jaxlab_##P##getrf(int m, int n, T *a, int *ipiv) {                                               \
        NEED(P##getrf)                                                                                   \
        int info = 0, lda = m > 1 ? m : 1;                                                               \
        lapack.P##getrf(&m, &n, a, &lda, ipiv, &info);                                                   \
        return info;                                                                                     \
    }                                                                                                    \
    int jaxlab_##P##potrf(int n, T *a) {                                                                 \
        NEED(P##potrf)                                                                                   \
        int info = 0, lda = n > 1 ? n : 1;                                                               \
        lapack.P##potrf("L", &n, a, &lda, &info, 1);                                                     \
        return info;                                                                                     \
    }                                                                                                    \
    int jaxlab_##P##geqrf(int m, int n, T *a, T *tau) {                                                  \
        NEED(P##geqrf)                                                                                   \
        int info = 0, lda = m > 1 ? m : 1, query = -1;                                                   \
        T size = 0;                                                                                      \
        lapack.P##geqrf(&m, &n, a, &lda, tau, &size, &query, &info);                                     \
        if (info != 0) return info;                                                                      \
        int lwork = size < 1 ? 1 : (int)size;                                                            \
        T *work = workspace(size, sizeof(T));                                                            \
        if (!work) return JAXLAB_LAPACK_NO_MEMORY;                                                       \
        lapack.P##geqrf(&m, &n, a, &lda, tau, work, &lwork, &info);                                      \
        free(work);                                                                                      \
        return info;                                                                                     \
    }                                                                                                    \
    int jaxlab_##P##orgqr(int m, int n, int k, T *a, const T *tau) {                                     \
        NEED(P##orgqr)                                                                                   \
        int info = 0, lda = m > 1 ? m : 1, query = -1;                                                   \
        T size = 0;                                                                                      \
        lapack.P##orgqr(&m, &n, &k, a, &lda, tau, &size, &query, &info);                                 \
        if (info != 0) return info;                                                                      \
        int lwork = size < 1 ? 1 : (int)size;                                                            \
        T *work = workspace(size, sizeof(T));                                                            \
        if (!work) return JAXLAB_LAPACK_NO_MEMORY;                                                       \
        lapack.P##orgqr(&m, &n, &k, a, &lda, tau, work, &lwork, &info);                                  \
        free(work);                                                                                      \
        return info;                                                                                     \
    }                                                                                                    \
    int jaxlab_##P##syevd(int lower, int n, T *a, T *w) {                                                \
        NEED(P##syevd)                                                                                   \
        int info = 0, lda = n > 1 ? n : 1, query = -1, isize = 0;                                        \
        T size = 0;                                                                                      \
        const char *uplo = lower ? "L" : "U";                                                            \
        lapack.P##syevd("V", uplo, &n, a, &lda, w, &size, &query, &isize, &query, &info, 1, 1);          \
        if (info != 0) return info;                                                                      \
        int lwork = size < 1 ? 1 : (int)size, liwork = isize < 1 ? 1 : isize;                            \
        T *work = workspace(size, sizeof(T));                                                            \
        int *iwork = workspace(liwork, sizeof(int));                                                     \
        if (!work || !iwork) {                                                                           \
            free(work);                                                                                  \
            free(iwork);                                                                                 \
            return JAXLAB_LAPACK_NO_MEMORY;                                                              \
        }                                                                                                \
        lapack.P##syevd("V", uplo, &n, a, &lda, w, work, &lwork, iwork, &liwork, &info, 1, 1);           \
        free(work);                                                                                      \
        free(iwork);                                                                                     \
        return info;                                                                                     \
    }                                                                                                    \
    int jaxlab_##P##gesdd(char job, int m, int n, T *a, T *s, T *u, int ldu, T *vt, int ldvt) {          \
        NEED(P##gesdd)                                                                                   \
        int info = 0, lda = m > 1 ? m : 1, query = -1;                                                   \
        int k = m < n ? m : n;                                                                           \
        T size = 0;                                                                                      \
        int *iwork = workspace(8.0 * k, sizeof(int));                                                    \
        if (!iwork) return JAXLAB_LAPACK_NO_MEMORY;                                                      \
        lapack.P##gesdd(&job, &m, &n, a, &lda, s, u, &ldu, vt, &ldvt, &size, &query, iwork, &info, 1);   \
        if (info != 0) {                                                                                 \
            free(iwork);                                                                                 \
            return info;                                                                                 \
        }                                                                                                \
        int lwork = size < 1 ? 1 : (int)size;                                                            \
        T *work = workspace(size, sizeof(T));                                                            \
        if (!work) {                                                                                     \
            free(iwork);                                                                                 \
            return JAXLAB_LAPACK_NO_MEMORY;                                                              \
        }                                                                                                \
        lapack.P##gesdd(&job, &m, &n, a, &lda, s, u, &ldu, vt, &ldvt, work, &lwork, iwork, &info, 1);    \
        free(work);                                                                                      \
        free(iwork);                                                                                     \
        return info;                                                                                     \
    }                                                                                                    \
    int jaxlab_##P##trsm(int left, int lower, int transpose, int unit, int m, int n, const T *a, T *b) {  \
        NEED(P##trsm)                                                                                    \
        int k = left ? m : n, lda = k > 1 ? k : 1, ldb = m > 1 ? m : 1;                                  \
        T one = 1;                                                                                       \
        lapack.P##trsm(left ? "L" : "R", lower ? "L" : "U", transpose ? "T" : "N", unit ? "U" : "N", &m,  \
                       &n, &one, a, &lda, b, &ldb, 1, 1, 1, 1);                                          \
        return 0;                                                                                        \
    }

LAPACK_WRAPPERS(float, s)
LAPACK_WRAPPERS(double, d)
