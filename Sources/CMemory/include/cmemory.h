// How much memory jaxlab holds and may hold, for its memory budget (Swift's Glibc module does
// not expose malloc_trim, and reading the cgroup limit is simplest in C), and a byte search
// for sizing string replacements.
#ifndef JAXLAB_CMEMORY_H
#define JAXLAB_CMEMORY_H
#include <stddef.h>

// The process's resident memory in bytes (from /proc/self/statm), or 0 where unknown.
size_t jl_resident_bytes(void);

// Returns freed heap memory to the system (malloc_trim), so that resident memory counts only
// what is still in use.
void jl_release_free_memory(void);

// The machine's physical memory in bytes, or the container's memory limit when smaller
// (cgroup v2 memory.max or v1 memory.limit_in_bytes); 0 where unknown.
size_t jl_usable_memory(void);

// How many non-overlapping times `needle` occurs in `text`, counting at most `limit` (memmem,
// which Swift's Glibc module does not expose).
size_t jl_count_occurrences(const unsigned char *text, size_t length, const unsigned char *needle, size_t size, size_t limit);

#endif
