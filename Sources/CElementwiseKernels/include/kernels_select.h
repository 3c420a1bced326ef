// select_n of two cases: out[i] = c[i] ? a[i] : b[i] on elements of 8 to 64 bits; `_vs` with b
// one value, `_sv` with a one value.
#ifndef C_ELEMENTWISE_KERNELS_SELECT_H
#define C_ELEMENTWISE_KERNELS_SELECT_H

#include <stdbool.h>
#include <stdint.h>

void jaxlab_select_8(const bool *c, const uint8_t *a, const uint8_t *b, uint8_t *out, long n);
void jaxlab_select_8_vs(const bool *c, const uint8_t *a, uint8_t b, uint8_t *out, long n);
void jaxlab_select_8_sv(const bool *c, uint8_t a, const uint8_t *b, uint8_t *out, long n);
void jaxlab_select_16(const bool *c, const uint16_t *a, const uint16_t *b, uint16_t *out, long n);
void jaxlab_select_16_vs(const bool *c, const uint16_t *a, uint16_t b, uint16_t *out, long n);
void jaxlab_select_16_sv(const bool *c, uint16_t a, const uint16_t *b, uint16_t *out, long n);
void jaxlab_select_32(const bool *c, const uint32_t *a, const uint32_t *b, uint32_t *out, long n);
void jaxlab_select_32_vs(const bool *c, const uint32_t *a, uint32_t b, uint32_t *out, long n);
void jaxlab_select_32_sv(const bool *c, uint32_t a, const uint32_t *b, uint32_t *out, long n);
void jaxlab_select_64(const bool *c, const uint64_t *a, const uint64_t *b, uint64_t *out, long n);
void jaxlab_select_64_vs(const bool *c, const uint64_t *a, uint64_t b, uint64_t *out, long n);
void jaxlab_select_64_sv(const bool *c, uint64_t a, const uint64_t *b, uint64_t *out, long n);

// out[i] = x[i * stride] for n elements of 4 or 8 bytes: the inner loop of strided copies.
void jaxlab_copy_strided_32(const uint32_t *x, long stride, uint32_t *out, long n);
void jaxlab_copy_strided_64(const uint64_t *x, long stride, uint64_t *out, long n);

#endif
