// Which code path the kernels take, and the floating-point mode they run in.
#ifndef C_ELEMENTWISE_KERNELS_CPU_H
#define C_ELEMENTWISE_KERNELS_CPU_H

// 1 when this CPU has AVX2 and FMA, so the kernels take their fast path.
int jaxlab_kernels_fast_path(void);
// 1 when this CPU also has AVX-512 (F, DQ, BW, VL), so the kernels' `*_avx512` copies run.
int jaxlab_kernels_wide_path(void);

// Sets MXCSR's FTZ and DAZ bits (XLA's mode) on this thread; returns the previous MXCSR.
unsigned jaxlab_fp_enter_flush(void);
// Restores an MXCSR value saved by `jaxlab_fp_enter_flush`.
void jaxlab_fp_restore(unsigned mxcsr);

// Makes glibc serve large allocations from its heap and keep freed memory (up to 1 GiB) for
// reuse, instead of mapping each large array anew and unmapping it when freed.
void jaxlab_reuse_freed_memory(void);

// The reference machine's float32 rsqrt estimates (8,192 entries; see rsqrt.c).
const unsigned *jaxlab_rsqrt_table(void);

#endif
