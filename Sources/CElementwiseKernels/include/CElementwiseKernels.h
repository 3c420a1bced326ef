// Block kernels: each works on `n` contiguous elements (pointer + count), so that eager
// execution and fused loops share them. Every kernel has an AVX2+FMA path chosen at run time
// (many an AVX-512 one too) and a portable path with the same bits (`*_portable`); the tests
// run every copy this CPU can execute and compare them bit for bit;
// none uses an instruction whose result differs between CPUs. Callers set FTZ/DAZ
// (`jaxlab_fp_enter_flush`) as XLA runs, and may pass out == x (in place).
#ifndef C_ELEMENTWISE_KERNELS_H
#define C_ELEMENTWISE_KERNELS_H

#include "kernels_cpu.h"
#include "kernels_unary.h"
#include "kernels_binary.h"
#include "kernels_cast.h"
#include "kernels_reduce.h"
#include "kernels_cumsum.h"
#include "kernels_select.h"
#include "kernels_fused.h"

#endif
