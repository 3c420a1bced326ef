// The run-time choice of code path, and XLA's floating-point mode.
#include "internal.h"
#if defined(__x86_64__)
#include <xmmintrin.h>
#endif

int jaxlab_kernels_fast_path(void) { return jl_fast(); }

unsigned jaxlab_fp_enter_flush(void) {
#if defined(__x86_64__)
    unsigned saved = _mm_getcsr();
    _mm_setcsr(saved | 0x8040u);  // FTZ | DAZ
    return saved;
#else
    return 0;
#endif
}

void jaxlab_fp_restore(unsigned mxcsr) {
#if defined(__x86_64__)
    _mm_setcsr(mxcsr);
#else
    (void)mxcsr;
#endif
}
