package icd

/*
typedef struct {
	void *dispatch;
	void *dispatch_data;
} gocl_handle_head;

static void gocl_set_dispatch_data(void *h, void *data) { ((gocl_handle_head *)h)->dispatch_data = data; }
*/
import "C"

import (
	"sync/atomic"
	"unsafe"
)

// dispatchData is the pointer clIcdSetPlatformDispatchDataKHR (cl_khr_icd
// 2.0) gave the platform: every handle carries it in its dispatch_data field.
var dispatchData atomic.Pointer[byte]

// SetDispatchData records the loader's dispatch data: handles created
// afterwards carry it, and so do the live ones (the platform and the root
// device already exist when the loader calls it).
func SetDispatchData(p unsafe.Pointer) {
	registry.Lock()
	dispatchData.Store((*byte)(p))
	for _, obj := range registry.objs {
		C.gocl_set_dispatch_data(obj.base().handle, p)
	}
	registry.Unlock()
}

// DispatchData is the pointer new handles carry in dispatch_data.
func DispatchData() unsafe.Pointer { return unsafe.Pointer(dispatchData.Load()) }
