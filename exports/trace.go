package main

/*
void gocl_trace_enable(void);
*/
import "C"

import "gocl/device/trace"

// GOCL_TRACE is written at each context release and when the library is
// unloaded: trace.c's destructor calls gocl_trace_flush, which C programs
// reach when main returns or exit is called (a c-shared library has no Go
// main to defer in). The destructor enters Go only if tracing is on.
func init() {
	if trace.On() {
		C.gocl_trace_enable()
	}
}

//export gocl_trace_flush
func gocl_trace_flush() { trace.Flush() }
