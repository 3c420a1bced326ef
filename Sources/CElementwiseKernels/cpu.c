// The run-time choice of code path, and XLA's floating-point mode.
#include "internal.h"
#if defined(__x86_64__)
#include <xmmintrin.h>
#endif

int jaxlab_kernels_fast_path(void) { return jl_fast(); }
int jaxlab_kernels_wide_path(void) { return jl_wide(); }

// Reading MXCSR is cheap and writing it is not, so a mode already set (a row kernel called
// inside a flushed reduction) is left alone.
unsigned jaxlab_fp_enter_flush(void) {
#if defined(__x86_64__)
    unsigned saved = _mm_getcsr();
    if ((saved & 0x8040u) != 0x8040u) _mm_setcsr(saved | 0x8040u);  // FTZ | DAZ
    return saved;
#else
    return 0;
#endif
}

void jaxlab_fp_restore(unsigned mxcsr) {
#if defined(__x86_64__)
    if (_mm_getcsr() != mxcsr) _mm_setcsr(mxcsr);
#else
    (void)mxcsr;
#endif
}

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void jaxlab_reuse_freed_memory(void) {
#if defined(__GLIBC__)
    mallopt(M_MMAP_MAX, 0);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}
