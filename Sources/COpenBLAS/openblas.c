// Loads OpenBLAS lazily and pins what decides its bits.
//
// OpenBLAS picks its kernels when the library initialises, from the CPU model, unless
// OPENBLAS_CORETYPE names a kernel set; an OpenBLAS older than the CPU falls back to slow SSE3
// kernels with another summation order. How a product is split over threads also changes the
// bits. So before the library is loaded this file sets OPENBLAS_CORETYPE to Haswell (the AVX2+FMA
// kernels, which run on every Intel CPU since Haswell and every AMD CPU since Zen) and fixes the
// thread count at two, then restores the caller's environment. Loading it here rather than
// linking it also keeps it off the shell's start-up path.
//
// JAXLAB_BLAS=native leaves both choices to OpenBLAS (faster on some CPUs, other last digits).
#include "COpenBLAS.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112, PINNED_THREADS = 2 };
static const char *const PINNED_CORE = "Haswell";

typedef void (*gemm_s)(int, int, int, int, int, int, float, const float *, int, const float *, int,
                       float, float *, int);
typedef void (*gemm_d)(int, int, int, int, int, int, double, const double *, int, const double *,
                       int, double, double *, int);
typedef float (*dot_s)(int, const float *, int, const float *, int);
typedef double (*dot_d)(int, const double *, int, const double *, int);
typedef void (*gemv_s)(int, int, int, int, float, const float *, int, const float *, int, float,
                       float *, int);
typedef void (*gemv_d)(int, int, int, int, double, const double *, int, const double *, int,
                       double, double *, int);

static struct {
    pthread_once_t once;
    int ready, pinned, threads;
    char error[512];
    char core[64];
    void *handle;
    gemm_s sgemm;
    gemm_d dgemm;
    dot_s sdot;
    dot_d ddot;
    gemv_s sgemv;
    gemv_d dgemv;
} blas = {PTHREAD_ONCE_INIT, 0, 0, 0, "", "", 0, 0, 0, 0, 0, 0, 0};

int jaxlab_cpu_has_reference_isa(void) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    return 0;
#endif
}

// An environment variable set for the library's constructor, and how to put it back.
typedef struct {
    const char *name;
    char *saved;
} env_override;

static void override_env(env_override *o, const char *name, const char *value) {
    const char *old = getenv(name);
    o->name = name;
    o->saved = old ? strdup(old) : NULL;
    setenv(name, value, 1);
}

static void restore_env(env_override *o) {
    if (o->saved) {
        setenv(o->name, o->saved, 1);
        free(o->saved);
    } else {
        unsetenv(o->name);
    }
}

static void *open_library(void) {
    static const char *const names[] = {"libopenblas.so.0", "libopenblas.so"};
    void *handle = NULL;
    for (size_t i = 0; i < sizeof names / sizeof *names && !handle; i++)
        handle = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    return handle;
}

static void load(void) {
    const char *mode = getenv("JAXLAB_BLAS");
    int native = mode && strcmp(mode, "native") == 0;
    int pin_core = !native && jaxlab_cpu_has_reference_isa();
    env_override core = {0}, threads = {0};
    if (pin_core) override_env(&core, "OPENBLAS_CORETYPE", PINNED_CORE);
    // only the size of the pool created at load; the count is set exactly below
    if (!native) override_env(&threads, "OPENBLAS_NUM_THREADS", "2");
    dlerror();
    void *handle = open_library();
    if (!handle) {
        const char *why = dlerror();
        snprintf(blas.error, sizeof blas.error, "%s", why ? why : "libopenblas.so.0 not found");
    }
    if (pin_core) restore_env(&core);
    if (!native) restore_env(&threads);
    if (!handle) return;

    blas.handle = handle;
    blas.sgemm = (gemm_s)dlsym(handle, "cblas_sgemm");
    blas.dgemm = (gemm_d)dlsym(handle, "cblas_dgemm");
    blas.sdot = (dot_s)dlsym(handle, "cblas_sdot");
    blas.ddot = (dot_d)dlsym(handle, "cblas_ddot");
    blas.sgemv = (gemv_s)dlsym(handle, "cblas_sgemv");
    blas.dgemv = (gemv_d)dlsym(handle, "cblas_dgemv");
    char *(*core_name)(void) = (char *(*)(void))dlsym(handle, "openblas_get_corename");
    void (*set_threads)(int) = (void (*)(int))dlsym(handle, "openblas_set_num_threads");
    int (*get_threads)(void) = (int (*)(void))dlsym(handle, "openblas_get_num_threads");
    if (!blas.sgemm || !blas.dgemm || !blas.sdot || !blas.ddot || !blas.sgemv || !blas.dgemv) {
        snprintf(blas.error, sizeof blas.error, "the OpenBLAS library found lacks the CBLAS functions");
        return;
    }
    // Unlike OPENBLAS_NUM_THREADS, this is not capped at the number of CPUs: two threads split a
    // product the same way on a one-core machine as on a 64-core one.
    if (!native && set_threads) set_threads(PINNED_THREADS);
    blas.threads = get_threads ? get_threads() : 1;
    snprintf(blas.core, sizeof blas.core, "%s", core_name ? core_name() : "unknown");
    blas.pinned = pin_core && strcmp(blas.core, PINNED_CORE) == 0;
    blas.ready = 1;
}

int jaxlab_blas_load(void) {
    pthread_once(&blas.once, load);
    return blas.ready;
}

const char *jaxlab_blas_load_error(void) { return blas.error; }

void *jaxlab_blas_symbol(const char *name) {
    return jaxlab_blas_load() && blas.handle ? dlsym(blas.handle, name) : NULL;
}
const char *jaxlab_blas_core_name(void) { return blas.core; }
int jaxlab_blas_is_pinned(void) { return blas.pinned; }
int jaxlab_blas_threads(void) { return blas.threads; }

void jaxlab_sgemm(long m, long n, long k, const float *a, const float *b, float *c) {
    blas.sgemm(ROW_MAJOR, NO_TRANS, NO_TRANS, (int)m, (int)n, (int)k, 1.0f, a, (int)k, b, (int)n, 0.0f, c,
               (int)n);
}

void jaxlab_dgemm(long m, long n, long k, const double *a, const double *b, double *c) {
    blas.dgemm(ROW_MAJOR, NO_TRANS, NO_TRANS, (int)m, (int)n, (int)k, 1.0, a, (int)k, b, (int)n, 0.0, c,
               (int)n);
}

float jaxlab_sdot(long n, const float *x, const float *y) { return blas.sdot((int)n, x, 1, y, 1); }
double jaxlab_ddot(long n, const double *x, const double *y) { return blas.ddot((int)n, x, 1, y, 1); }

void jaxlab_sgemv_rows(long m, long k, const float *a, const float *x, float *y) {
    blas.sgemv(ROW_MAJOR, NO_TRANS, (int)m, (int)k, 1.0f, a, (int)k, x, 1, 0.0f, y, 1);
}

void jaxlab_sgemv_columns(long k, long n, const float *x, const float *b, float *y) {
    blas.sgemv(ROW_MAJOR, TRANS, (int)k, (int)n, 1.0f, b, (int)n, x, 1, 0.0f, y, 1);
}

void jaxlab_dgemv_rows(long m, long k, const double *a, const double *x, double *y) {
    blas.dgemv(ROW_MAJOR, NO_TRANS, (int)m, (int)k, 1.0, a, (int)k, x, 1, 0.0, y, 1);
}

void jaxlab_dgemv_columns(long k, long n, const double *x, const double *b, double *y) {
    blas.dgemv(ROW_MAJOR, TRANS, (int)k, (int)n, 1.0, b, (int)n, x, 1, 0.0, y, 1);
}
