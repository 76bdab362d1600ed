"""Images through pyopencl: a 2D float image written by the host, read in
a kernel with a sampler (nearest and linear filtering, clamp addressing,
normalized coordinates), written with write_imagef, read back; against
numpy."""
import numpy as np
import pyopencl as cl

from common import Step, check, close, context, done, equal

ctx, q = context()
rng = np.random.default_rng(5)
dev = ctx.devices[0]
check(dev.image_support, "device has image support")

SRC = r"""
constant sampler_t nearest = CLK_NORMALIZED_COORDS_FALSE | CLK_ADDRESS_CLAMP_TO_EDGE | CLK_FILTER_NEAREST;
kernel void flip(read_only image2d_t src, write_only image2d_t dst) {
    int2 p = (int2)(get_global_id(0), get_global_id(1));
    int w = get_image_width(src), h = get_image_height(src);
    float4 v = read_imagef(src, nearest, (int2)(w - 1 - p.x, p.y));
    write_imagef(dst, p, v * 2.0f + (float4)(0, 0, 0, 1));
}
kernel void lerp(read_only image2d_t src, sampler_t s, global float4 *out, float2 off) {
    int x = get_global_id(0), y = get_global_id(1);
    float2 c = ((float2)(x, y) + off) / (float2)(get_image_width(src), get_image_height(src));
    out[y * get_global_size(0) + x] = read_imagef(src, s, c);
}
kernel void ints(read_only image2d_t src, global uint4 *out) {
    int x = get_global_id(0), y = get_global_id(1);
    out[y * get_global_size(0) + x] = read_imageui(src, (int2)(x, y)) + (uint4)(1, 2, 3, 4);
}
"""

W, H = 37, 29
with Step("RGBA float image: host write, kernel read and write, host read"):
    prg = cl.Program(ctx, SRC).build()
    a = rng.random((H, W, 4)).astype(np.float32)
    fmt = cl.ImageFormat(cl.channel_order.RGBA, cl.channel_type.FLOAT)
    src = cl.Image(ctx, cl.mem_flags.READ_ONLY | cl.mem_flags.COPY_HOST_PTR, fmt, shape=(W, H), hostbuf=a)
    dst = cl.Image(ctx, cl.mem_flags.WRITE_ONLY, fmt, shape=(W, H))
    prg.flip(q, (W, H), None, src, dst)
    out = np.empty_like(a)
    cl.enqueue_copy(q, out, dst, origin=(0, 0), region=(W, H))
    want = a[:, ::-1, :] * 2
    want[:, :, 3] += 1
    close(out, want, "flip and scale through images", rtol=1e-6)

with Step("linear filtering with normalized coordinates"):
    prg = cl.Program(ctx, SRC).build()
    a = rng.random((H, W, 4)).astype(np.float32)
    fmt = cl.ImageFormat(cl.channel_order.RGBA, cl.channel_type.FLOAT)
    src = cl.Image(ctx, cl.mem_flags.READ_ONLY | cl.mem_flags.COPY_HOST_PTR, fmt, shape=(W, H), hostbuf=a)
    s = cl.Sampler(ctx, True, cl.addressing_mode.CLAMP_TO_EDGE, cl.filter_mode.LINEAR)
    out = cl.Buffer(ctx, cl.mem_flags.WRITE_ONLY, W * H * 16)
    # sample at pixel centre + (0.5, 0.5): the mean of a 2x2 block
    prg.lerp(q, (W, H), None, src, s, out, cl.cltypes.make_float2(1.0, 1.0))
    got = np.empty((H, W, 4), np.float32)
    cl.enqueue_copy(q, got, out)
    p = np.pad(a, ((0, 1), (0, 1), (0, 0)), mode="edge")
    want = (p[:-1, :-1] + p[1:, :-1] + p[:-1, 1:] + p[1:, 1:]) / 4
    # OpenCL allows the filter weights 1/256 of precision (8 bits)
    close(got, want, "bilinear filtering", rtol=0, atol=1.0 / 128)

with Step("unsigned integer image"):
    prg = cl.Program(ctx, SRC).build()
    a = rng.integers(0, 60000, (H, W, 4)).astype(np.uint16)
    fmt = cl.ImageFormat(cl.channel_order.RGBA, cl.channel_type.UNSIGNED_INT16)
    src = cl.Image(ctx, cl.mem_flags.READ_ONLY | cl.mem_flags.COPY_HOST_PTR, fmt, shape=(W, H), hostbuf=a)
    out = cl.Buffer(ctx, cl.mem_flags.WRITE_ONLY, W * H * 16)
    prg.ints(q, (W, H), None, src, out)
    got = np.empty((H, W, 4), np.uint32)
    cl.enqueue_copy(q, got, out)
    equal(got, a.astype(np.uint32) + np.array([1, 2, 3, 4], np.uint32), "read_imageui")

done()
