/* Counter-based random numbers: the draw is a pure function of (seed,
 * scenario id, draw index), so any thread or shard reproduces it. */
#ifndef COMMON_RNG_H
#define COMMON_RNG_H

#include <stdint.h>

/* SplitMix64 finaliser (Steele, Lea, Flood 2014), a bijection on 64 bits. */
static inline uint64_t
rng_mix64(uint64_t z)
{
	z += 0x9e3779b97f4a7c15ULL;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A uniform double in (0, 1) for draw "k" of scenario "id" under "seed". */
static inline double
rng_uniform(uint64_t seed, uint64_t id, uint32_t k)
{
	uint64_t h = rng_mix64(rng_mix64(seed ^ rng_mix64(id)) + k);

	return ((double)(h >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}

#endif
