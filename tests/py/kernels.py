"""User kernels through pyopencl: ElementwiseKernel, ReductionKernel (sum,
dot, min/max with map expressions, a struct-typed argmax), a Program with
__local memory and barriers, vector types and atomics, against numpy."""
import numpy as np
import pyopencl as cl
import pyopencl.array as cla
import pyopencl.tools
from pyopencl.elementwise import ElementwiseKernel
from pyopencl.reduction import ReductionKernel

from common import Step, check, close, context, done, equal

ctx, q = context()
rng = np.random.default_rng(3)
N = 250_007

with Step("ElementwiseKernel: linear combination"):
    lin = ElementwiseKernel(ctx,
        "float a, float *x, float b, float *y, float *z",
        "z[i] = a*x[i] + b*y[i]", "lin_comb")
    x, y = rng.random(N).astype(np.float32), rng.random(N).astype(np.float32)
    dx, dy = cla.to_device(q, x), cla.to_device(q, y)
    dz = cla.empty_like(dx)
    lin(np.float32(2.5), dx, np.float32(-1.25), dy, dz)
    close(dz.get(), np.float32(2.5) * x + np.float32(-1.25) * y, "lin_comb", rtol=1e-6, atol=1e-6)

with Step("ElementwiseKernel: int bit tricks, preamble, range and slice"):
    k = ElementwiseKernel(ctx, "unsigned int *a, unsigned int *out",
        "out[i] = popcount(a[i]) + (clz(a[i]) << 8) + (rotate(a[i], 5u) & 0xff0000u) + (hash(i) << 24)",
        "bits", preamble="unsigned int hash(unsigned int v) { return (v * 2654435761u) >> 29; }")
    a = rng.integers(0, 2**32, N, dtype=np.uint64).astype(np.uint32)
    a[:5] = [0, 1, 0x80000000, 0xffffffff, 12345]
    da = cla.to_device(q, a)
    out = cla.zeros(q, N, np.uint32)
    k(da, out)
    pop = np.array([bin(v).count("1") for v in a.tolist()], np.uint32)
    clz = np.array([32 - int(v).bit_length() for v in a.tolist()], np.uint32)
    rot = ((a << np.uint32(5)) | (a >> np.uint32(27))) & np.uint32(0xff0000)
    hsh = ((np.arange(N, dtype=np.uint64) * 2654435761) & 0xFFFFFFFF) >> 29
    want = (pop + (clz << np.uint32(8)) + rot + (hsh.astype(np.uint32) << np.uint32(24))).astype(np.uint32)
    equal(out.get(), want, "popcount/clz/rotate/preamble")
    out.fill(0)
    k(da, out, range=slice(100, 2000, 3))
    w2 = np.zeros(N, np.uint32)
    w2[100:2000:3] = want[100:2000:3]
    equal(out.get(), w2, "range=slice(100, 2000, 3)")

with Step("ElementwiseKernel: double precision math"):
    k = ElementwiseKernel(ctx, "double *x, double *y",
        "y[i] = exp(-x[i]*x[i]) * cos(3.0*x[i]) + sqrt(fabs(x[i])) + pow(x[i]*x[i] + 1.0, 0.25)", "dmath")
    x = rng.random(N) * 8 - 4
    dx = cla.to_device(q, x)
    dy = cla.empty_like(dx)
    k(dx, dy)
    close(dy.get(), np.exp(-x * x) * np.cos(3 * x) + np.sqrt(abs(x)) + (x * x + 1) ** 0.25, "double math", rtol=1e-13)

with Step("ReductionKernel: sum of squares and dot product"):
    x = rng.random(N).astype(np.float32)
    y = rng.random(N).astype(np.float32)
    dx, dy = cla.to_device(q, x), cla.to_device(q, y)
    ssq = ReductionKernel(ctx, np.float32, neutral="0", reduce_expr="a+b",
                          map_expr="x[i]*x[i]", arguments="__global const float *x")
    close(ssq(dx).get(), (x.astype(np.float64) ** 2).sum(), "sum of squares", rtol=1e-4)
    dot = ReductionKernel(ctx, np.float64, neutral="0", reduce_expr="a+b",
                          map_expr="(double)x[i]*(double)y[i]", arguments="__global const float *x, __global const float *y")
    close(dot(dx, dy).get(), x.astype(np.float64) @ y.astype(np.float64), "dot in double", rtol=1e-10)

with Step("ReductionKernel: min/max of a map, int64 count"):
    v = rng.integers(-10**6, 10**6, N).astype(np.int32)
    dv = cla.to_device(q, v)
    mx = ReductionKernel(ctx, np.int32, neutral="INT_MIN", reduce_expr="max(a, b)",
                         map_expr="(int)abs(v[i] - 17)", arguments="__global const int *v")
    equal(mx(dv).get(), np.abs(v - 17).max(), "max |v-17|")
    mn = ReductionKernel(ctx, np.int32, neutral="INT_MAX", reduce_expr="min(a, b)",
                         map_expr="v[i]", arguments="__global const int *v")
    equal(mn(dv).get(), v.min(), "min v")
    cnt = ReductionKernel(ctx, np.int64, neutral="0", reduce_expr="a+b",
                          map_expr="(v[i] % 3 == 0) ? 1 : 0", arguments="__global const int *v")
    equal(cnt(dv).get(), np.int64(np.sum(np.fmod(v, 3) == 0)), "count of multiples of 3")

with Step("ReductionKernel: argmax with a struct type"):
    dtype = np.dtype([("cur_max", np.float32), ("cur_index", np.int32)])
    dtype, c_decl = pyopencl.tools.match_dtype_to_c_struct(ctx.devices[0], "minmax_t", dtype)
    dtype = pyopencl.tools.get_or_register_dtype("minmax_t", dtype)
    preamble = c_decl + r"""
    minmax_t mm_neutral() { minmax_t r; r.cur_max = -INFINITY; r.cur_index = -1; return r; }
    minmax_t mm_from(float v, int i) { minmax_t r; r.cur_max = v; r.cur_index = i; return r; }
    minmax_t agg(minmax_t a, minmax_t b) {
        if (b.cur_max > a.cur_max || (b.cur_max == a.cur_max && b.cur_index >= 0 && (a.cur_index < 0 || b.cur_index < a.cur_index))) return b;
        return a; }
    """
    am = ReductionKernel(ctx, dtype, neutral="mm_neutral()", reduce_expr="agg(a, b)",
                         map_expr="mm_from(x[i], i)", arguments="__global const float *x", preamble=preamble)
    x = rng.random(N).astype(np.float32)
    r = am(cla.to_device(q, x)).get()
    check(int(r["cur_index"]) == int(np.argmax(x)) and float(r["cur_max"]) == float(x.max()),
          f"argmax: got ({r['cur_max']}, {r['cur_index']}), want ({x.max()}, {np.argmax(x)})")

SRC = r"""
kernel void block_sum(global const float *in, global float *out, local float *scratch) {
    size_t l = get_local_id(0), n = get_local_size(0);
    scratch[l] = in[get_global_id(0)];
    barrier(CLK_LOCAL_MEM_FENCE);
    for (size_t s = n / 2; s > 0; s >>= 1) {
        if (l < s) scratch[l] += scratch[l + s];
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (l == 0) out[get_group_id(0)] = scratch[0];
}
kernel void transpose(global const float *a, global float *t, int w, int h) {
    local float tile[16][17];
    int gx = get_group_id(0) * 16, gy = get_group_id(1) * 16;
    int lx = get_local_id(0), ly = get_local_id(1);
    if (gx + lx < w && gy + ly < h) tile[ly][lx] = a[(gy + ly) * w + gx + lx];
    barrier(CLK_LOCAL_MEM_FENCE);
    if (gy + lx < h && gx + ly < w) t[(gx + ly) * h + gy + lx] = tile[lx][ly];
}
kernel void histogram(global const uint *v, global volatile uint *bins, uint n) {
    local uint lb[64];
    for (uint i = get_local_id(0); i < 64; i += get_local_size(0)) lb[i] = 0;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (uint i = get_global_id(0); i < n; i += get_global_size(0)) atomic_inc(&lb[v[i] & 63]);
    barrier(CLK_LOCAL_MEM_FENCE);
    for (uint i = get_local_id(0); i < 64; i += get_local_size(0)) atomic_add(&bins[i], lb[i]);
}
kernel void vec4(global const float4 *a, global const float4 *b, global float4 *c, global float *d) {
    size_t i = get_global_id(0);
    float4 x = a[i], y = b[i];
    c[i] = mad(x, y.wzyx, (float4)(1.0f, 2.0f, 3.0f, 4.0f)) + select(x, y, isgreater(x, y));
    d[i] = dot(x, y) + length(x.xy) + vload2(1, (global const float *)&b[i]).x;
}
"""

with Step("Program: __local memory, barriers, atomics, vectors"):
    prg = cl.Program(ctx, SRC).build()
    x = rng.random(1 << 16).astype(np.float32)
    dx = cla.to_device(q, x)
    sums = cla.empty(q, (1 << 16) // 128, np.float32)
    prg.block_sum(q, (1 << 16,), (128,), dx.data, sums.data, cl.LocalMemory(128 * 4))
    close(sums.get(), x.reshape(-1, 128).astype(np.float64).sum(axis=1), "block_sum", rtol=1e-5)

    w, h = 333, 200
    a = rng.random((h, w)).astype(np.float32)
    da, dt = cla.to_device(q, a), cla.empty(q, (w, h), np.float32)
    prg.transpose(q, ((w + 15) // 16 * 16, (h + 15) // 16 * 16), (16, 16), da.data, dt.data, np.int32(w), np.int32(h))
    equal(dt.get(), a.T, "transpose 333x200 with a 16x16 tile")

    n = 1_000_003
    v = rng.integers(0, 2**32, n, dtype=np.uint64).astype(np.uint32)
    dv, bins = cla.to_device(q, v), cla.zeros(q, 64, np.uint32)
    prg.histogram(q, (64 * 32,), (64,), dv.data, bins.data, np.uint32(n))
    equal(bins.get(), np.bincount(v & 63, minlength=64).astype(np.uint32), "histogram with local and global atomics")

    m = 4096
    a4 = rng.random((m, 4)).astype(np.float32)
    b4 = rng.random((m, 4)).astype(np.float32)
    d4a, d4b = cla.to_device(q, a4), cla.to_device(q, b4)
    c4, d1 = cla.empty(q, (m, 4), np.float32), cla.empty(q, m, np.float32)
    prg.vec4(q, (m,), None, d4a.data, d4b.data, c4.data, d1.data)
    wc = a4 * b4[:, ::-1] + np.array([1, 2, 3, 4], np.float32) + np.where(a4 > b4, b4, a4)
    close(c4.get(), wc, "float4 mad/swizzle/select", rtol=1e-6)
    # vload2(1, &b[i]) reads b[i].z
    wd = (a4 * b4).sum(axis=1) + np.hypot(a4[:, 0], a4[:, 1]) + b4[:, 2]
    close(d1.get(), wd, "dot/length/vload2", rtol=1e-5)

with Step("printf from a kernel"):
    import os
    import tempfile
    prg = cl.Program(ctx, r"""
    kernel void say(global const int *v) {
        int i = get_global_id(0);
        printf("wi %d: v=%d f=%.3f s=%s x=%#x v4=%v4hld\n", i, v[i], v[i] * 0.5f, "ok", v[i], (int4)(i, 1, 2, 3));
    }""").build()
    v = np.arange(10, 18, dtype=np.int32)
    dv = cla.to_device(q, v)
    q.finish()
    with tempfile.TemporaryFile() as f:
        import sys
        sys.stdout.flush()
        saved = os.dup(1)
        os.dup2(f.fileno(), 1)
        try:
            prg.say(q, (8,), (4,), dv.data)
            q.finish()
        finally:
            os.dup2(saved, 1)
            os.close(saved)
        f.seek(0)
        lines = sorted(f.read().decode().splitlines())
    want = sorted(f"wi {i}: v={10 + i} f={(10 + i) * 0.5:.3f} s=ok x={10 + i:#x} v4={i},1,2,3" for i in range(8))
    check(lines == want, f"printf output (after clFinish): got {lines}, want {want}")

done()
