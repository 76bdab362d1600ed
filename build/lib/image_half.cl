/* read_imageh and write_imageh (cl_khr_fp16): read_imagef and write_imagef
 * (image.c, gen/image.py) with the values converted. Every half is exact
 * in float, so a CL_HALF_FLOAT image keeps its bits both ways; other
 * formats round their float value to half once. */
#pragma OPENCL EXTENSION cl_khr_fp16 : enable

#define OVL __attribute__((overloadable))

/* A: the access qualifier, I: the image type, C: its coordinate type */
#define READ_SAMPLED(I, C) \
	OVL half4 read_imageh(read_only I img, sampler_t s, C c) { return convert_half4(read_imagef(img, s, c)); }
#define READ(A, I, C) OVL half4 read_imageh(A I img, C c) { return convert_half4(read_imagef(img, c)); }
#define WRITE(A, I, C) OVL void write_imageh(A I img, C c, half4 v) { write_imagef(img, c, convert_float4(v)); }

#define SAMPLED(I, C, F) READ_SAMPLED(I, C) READ_SAMPLED(I, F)
SAMPLED(image1d_t, int, float)
SAMPLED(image2d_t, int2, float2)
SAMPLED(image3d_t, int4, float4)
SAMPLED(image1d_array_t, int2, float2)
SAMPLED(image2d_array_t, int4, float4)

#define UNSAMPLED(A) \
	READ(A, image1d_t, int) READ(A, image2d_t, int2) READ(A, image3d_t, int4) \
	READ(A, image1d_array_t, int2) READ(A, image2d_array_t, int4) READ(A, image1d_buffer_t, int)
#define WRITES(A) \
	WRITE(A, image1d_t, int) WRITE(A, image2d_t, int2) WRITE(A, image3d_t, int4) \
	WRITE(A, image1d_array_t, int2) WRITE(A, image2d_array_t, int4) WRITE(A, image1d_buffer_t, int)
UNSAMPLED(read_only)
UNSAMPLED(read_write)
WRITES(write_only)
WRITES(read_write)
