/* Clones of a function's vectorised loops for AVX-512 and AVX2 machines,
 * picked at load time, with a portable default. Files that use it for
 * floating-point work are built with -ffp-contract=off (the Makefile), so
 * it has the same IEEE operations, and the same bits, in every clone;
 * integer work (batch/sketch.c) is the same in any case. */
#ifndef COMMON_CLONES_H
#define COMMON_CLONES_H

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && \
    !defined(__SANITIZE_ADDRESS__)
#define SIMD_CLONES \
	__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", \
	    "default")))
#else
#define SIMD_CLONES
#endif

#endif
