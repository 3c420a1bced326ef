// C entry points Swift cannot call directly: libedit's variadic el_set/el_get/history
// and the C standard streams, wrapped as plain functions.
#ifndef JAXLAB_CEDITLINE_SHIM_H
#define JAXLAB_CEDITLINE_SHIM_H
#include <histedit.h>
#include <stdio.h>

static inline FILE *jl_stdin(void) { return stdin; }
static inline FILE *jl_stdout(void) { return stdout; }
static inline FILE *jl_stderr(void) { return stderr; }

#endif
