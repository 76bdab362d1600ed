package build

import (
	"fmt"
	"strings"
)

// Build, compile and link options.

// Options is a parsed build, compile or link options string.
type Options struct {
	Clang          []string // flags for the front end
	Std            string   // "CL1.2", "CL3.0" …
	OptDisable     bool
	KernelArgInfo  bool
	CreateLibrary  bool
	UniformWGSize  bool
	EnableLinkOpts bool
	Raw            string
}

// ParseOptions validates a build options string (CL_INVALID_BUILD_OPTIONS /
// CL_INVALID_LINKER_OPTIONS for what is not an OpenCL C option).
func ParseOptions(s string, link bool) (*Options, error) {
	o := &Options{Raw: s, Std: ""}
	words, err := splitArgs(s)
	if err != nil {
		return nil, err
	}
	for i := 0; i < len(words); i++ {
		w := words[i]
		next := func() (string, error) {
			if i+1 >= len(words) {
				return "", fmt.Errorf("option %s needs a value", w)
			}
			i++
			return words[i], nil
		}
		switch {
		case !link && (w == "-D" || w == "-I"):
			v, err := next()
			if err != nil {
				return nil, err
			}
			o.Clang = append(o.Clang, w+v)
		case !link && (strings.HasPrefix(w, "-D") || strings.HasPrefix(w, "-I")):
			o.Clang = append(o.Clang, w)
		case !link && strings.HasPrefix(w, "-cl-std="):
			v := strings.TrimPrefix(w, "-cl-std=")
			switch v {
			case "CL1.0", "CL1.1", "CL1.2", "CL2.0", "CL3.0":
			default:
				return nil, fmt.Errorf("unsupported %s", w)
			}
			o.Std = v
		case w == "-cl-opt-disable":
			o.OptDisable = true
		case w == "-cl-kernel-arg-info" && !link:
			o.KernelArgInfo = true
		case w == "-cl-uniform-work-group-size" && !link:
			o.UniformWGSize = true
			o.Clang = append(o.Clang, w)
		case !link && w == "-cl-fp32-correctly-rounded-divide-sqrt":
			o.Clang = append(o.Clang, w)
		case w == "-cl-mad-enable", w == "-cl-no-signed-zeros", w == "-cl-unsafe-math-optimizations",
			w == "-cl-finite-math-only", w == "-cl-fast-relaxed-math":
			o.Clang = append(o.Clang, w)
		case w == "-cl-denorms-are-zero":
			// Denormals "may be flushed": gocl keeps them (clang ignores
			// the flag on x86 and would warn that it is unused).
		case !link && (w == "-cl-single-precision-constant" || w == "-cl-strict-aliasing" || w == "-cl-no-subgroup-ifp"):
			if w == "-cl-single-precision-constant" {
				o.Clang = append(o.Clang, w)
			}
		case !link && (w == "-w" || w == "-Werror"):
			o.Clang = append(o.Clang, w)
		case link && w == "-create-library":
			o.CreateLibrary = true
		case link && w == "-enable-link-options":
			o.EnableLinkOpts = true
		case w == "-g" || strings.HasPrefix(w, "-cl-intel") || strings.HasPrefix(w, "-cl-nv"):
			// Vendor and debug options some applications pass: harmless to ignore.
		default:
			return nil, fmt.Errorf("unknown option %q", w)
		}
	}
	return o, nil
}

// splitArgs splits an options string like a shell would (quotes, backslashes).
func splitArgs(s string) ([]string, error) {
	var out []string
	var cur strings.Builder
	in, quote := false, byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else if c == '\\' && quote == '"' && i+1 < len(s) {
				i++
				cur.WriteByte(s[i])
			} else {
				cur.WriteByte(c)
			}
		case c == '"' || c == '\'':
			quote, in = c, true
		case c == '\\' && i+1 < len(s):
			i++
			cur.WriteByte(s[i])
			in = true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			if in {
				out = append(out, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteByte(c)
			in = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unterminated quote in options")
	}
	if in {
		out = append(out, cur.String())
	}
	return out, nil
}
