// The flush of GOCL_TRACE at exit (trace.go).
#include "_cgo_export.h"

static int gocl_tracing;

void gocl_trace_enable(void) { gocl_tracing = 1; }

__attribute__((destructor)) static void gocl_trace_at_exit(void) {
	if (gocl_tracing) gocl_trace_flush();
}
