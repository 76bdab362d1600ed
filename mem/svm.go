package mem

import "unsafe"

// SVMContains reports whether p lies in a live clSVMAlloc allocation.
func SVMContains(p unsafe.Pointer) bool { return false }
