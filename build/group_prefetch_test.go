package build

import (
	"strings"
	"testing"
)

// A work-group function prefetches, at its entry, what the group two ahead
// will load: the loads whose address comes from the x local id, the group
// id and uniform values, from global memory, as a span, and those whose
// address also comes from the y local id as rows of spans; not a load
// whose address is loaded, nor one from a __local argument, nor one in a
// loop over k.
func TestGroupPrefetch(t *testing.T) {
	needClang(t)
	t.Setenv("GOCL_CACHE_DIR", t.TempDir())
	src := `kernel void reduce(global const float *in, global float *out, local float *s) {
	size_t l = get_local_id(0), n = get_local_size(0);
	size_t i = get_group_id(0) * n * 2 + l;
	s[l] = in[i] + in[i + n];
	barrier(CLK_LOCAL_MEM_FENCE);
	for (size_t k = n / 2; k > 0; k >>= 1) {
		if (l < k) s[l] += s[l + k];
		barrier(CLK_LOCAL_MEM_FENCE);
	}
	if (l == 0) out[get_group_id(0)] = s[0];
}
kernel void gather(global const float *in, global const int *idx, local float *s, global float *out) {
	size_t g = get_global_id(0), l = get_local_id(0);
	s[l] = in[idx[g]];
	barrier(CLK_LOCAL_MEM_FENCE);
	out[g] = s[get_local_size(0) - 1 - l];
}
kernel void rows(global const float *m, global float *out, int n) {
	size_t x = get_global_id(0);
	float acc = 0.0f;
	for (int k = 0; k < n; k++) acc += m[k * get_global_size(0) + x];
	out[x] = acc;
}
kernel void tile(global const float *in, global float *out) {
	local float t[16][17];
	size_t lx = get_local_id(0), ly = get_local_id(1), w = get_global_size(0);
	t[ly][lx] = in[(get_group_id(1) * 16 + ly) * w + get_group_id(0) * 16 + lx];
	barrier(CLK_LOCAL_MEM_FENCE);
	out[(get_group_id(0) * 16 + ly) * get_global_size(1) + get_group_id(1) * 16 + lx] = t[lx][ly];
}
`
	ir := builtIR(t, src)
	for _, c := range []struct {
		kernel      string
		spans, rows int
	}{{"reduce", 2, 0}, {"gather", 1, 0}, {"rows", 0, 0}, {"tile", 0, 1}} {
		start := strings.Index(ir, " @"+c.kernel+"(")
		if start < 0 {
			t.Fatalf("no function %s in\n%s", c.kernel, ir)
		}
		body := ir[start:]
		body = body[:strings.Index(body, "\n}\n")]
		entry, _, _ := strings.Cut(body, "\n\n")
		for _, p := range []struct {
			fn   string
			want int
		}{{"@__gocl_prefetch_span(", c.spans}, {"@__gocl_prefetch_rows(", c.rows}} {
			if n := strings.Count(entry, p.fn); n != p.want || strings.Count(body, p.fn) != n {
				t.Errorf("%s: %d calls of %s (want %d, in the entry block) in\n%s", c.kernel, n, p.fn, p.want, body)
			}
		}
	}
}
