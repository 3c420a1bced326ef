#ifndef CJAXRANDOMKERNELS_H
#define CJAXRANDOMKERNELS_H

#include <stddef.h>
#include <stdint.h>

/// 1 when the CPU has AVX2 and FMA, which the kernels below require.
int jaxrandom_has_avx2_fma(void);

/// threefry2x32 random bits (hi ^ lo) for the flat indices [start, start + count).
void jaxrandom_bits32(uint32_t k0, uint32_t k1, uint64_t start, size_t count, uint32_t *out);

/// float32 jax.random.uniform for the flat indices [start, start + count): max(lo, fma(f, span, lo)).
void jaxrandom_uniform_f32(uint32_t k0, uint32_t k1, uint64_t start, size_t count, float lo, float span, float *out);

/// float32 jax.random.normal for the flat indices [start, start + count), bit for bit as XLA's CPU
/// kernel computes it.
void jaxrandom_normal_f32(uint32_t k0, uint32_t k1, uint64_t start, size_t count, float *out);

/// NumPy's legacy Gaussians (polar Box-Muller): fills `out` with `count` values drawn from the
/// MT19937 state (`key`, 624 words, and `*position`), `*cached`/`*has_cached` being the cached
/// second value of a pair, exactly as numpy's legacy_gauss does.
void jaxrandom_legacy_gauss_fill(uint32_t *key, int *position, double *cached, int *has_cached,
                                 double loc, double scale, size_t count, double *out);

/// NumPy's legacy `low + range * random_sample()` for `count` draws from the MT19937 state
/// (`random_sample` itself is low 0, range 1: exact).
void jaxrandom_legacy_double_fill(uint32_t *key, int *position, double low, double range, size_t count, double *out);

#endif
