package build

import (
	"fmt"
	"strings"

	"gocl/device"
)

// launchCheck is what a launch of k needs to be checked (GOCL_CHECK,
// stage_check.go): limits are the bytes each argument may access; nil when
// kernels are not checked.
func (k *Kernel) launchCheck(limits []uint64) *device.LaunchCheck {
	if !checkedBuild() {
		return nil
	}
	info := k.Info
	return &device.LaunchCheck{Limits: limits, Describe: func(v device.Violation) string {
		object, size := "", uint64(0)
		switch {
		case v.What >= device.CheckWhatGlobal && int(v.What-device.CheckWhatGlobal) < len(info.CheckGlobals):
			g := info.CheckGlobals[v.What-device.CheckWhatGlobal]
			object = "variable " + strings.TrimPrefix(g.Name, info.Name+".")
			size = g.Size
		case v.What < uint64(len(info.Args)):
			arg := info.Args[v.What]
			kind := "buffer"
			if arg.Kind == ArgLocal {
				kind = "__local"
			}
			object = fmt.Sprintf("argument %d (%s, %s)", v.What, arg.Name, kind)
			size = limits[v.What]
		default:
			object = fmt.Sprintf("object %d", v.What)
		}
		return v.Describe(info.Name, object, size)
	}}
}
