/* The machine's ceilings (ceiling.c), against which bench.c sets its
 * figures. */
typedef struct {
	int cpus;                /* threads used: one per CPU of the affinity mask */
	int vector_bits;         /* the widest vector the ceiling file was built for */
	const char *vector_name;
	double fp32_gflops;      /* FMA peak, 2 flops per lane */
	double fp64_gflops;
	double triad_gbs;        /* a = b + s c, 3 arrays counted (no write-allocate) */
	size_t triad_bytes;      /* size of each of the 3 arrays */
} ceilings;

void measure_ceilings(ceilings *c);
