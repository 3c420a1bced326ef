#define _GNU_SOURCE
#include "cmemory.h"
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#if defined(__linux__)
#include <malloc.h>
#endif

size_t jl_resident_bytes(void) {
#if defined(__linux__)
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f) return 0;
    unsigned long size = 0, resident = 0;
    int read = fscanf(f, "%lu %lu", &size, &resident);
    fclose(f);
    if (read != 2) return 0;
    return (size_t)resident * (size_t)sysconf(_SC_PAGESIZE);
#else
    return 0;
#endif
}

void jl_release_free_memory(void) {
#if defined(__linux__)
    malloc_trim(0);
#endif
}

// A cgroup limit file's value in bytes; 0 for "max", a missing file or a text that is no number.
static size_t cgroup_limit(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    unsigned long long value = 0;
    int read = fscanf(f, "%llu", &value);
    fclose(f);
    return read == 1 ? (size_t)value : 0;
}

size_t jl_usable_memory(void) {
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    size_t physical = pages > 0 && page > 0 ? (size_t)pages * (size_t)page : 0;
    const char *files[] = {"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"};
    for (int i = 0; i < 2; i++) {
        size_t limit = cgroup_limit(files[i]);
        if (limit > 0 && (physical == 0 || limit < physical)) physical = limit;
    }
    return physical;
}

size_t jl_count_occurrences(const unsigned char *text, size_t length, const unsigned char *needle, size_t size, size_t limit) {
    if (size == 0) return 0;
    size_t found = 0, offset = 0;
    while (found < limit && offset + size <= length) {
        const unsigned char *hit = memmem(text + offset, length - offset, needle, size);
        if (!hit) break;
        found++;
        offset = (size_t)(hit - text) + size;
    }
    return found;
}
