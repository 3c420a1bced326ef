// OpenBLAS's CBLAS interface (Debian installs it under openblas-pthread/, found via pkg-config).
#ifndef JAXLAB_CBLAS_SHIM_H
#define JAXLAB_CBLAS_SHIM_H
#include <cblas.h>
#endif
