package build

import (
	"sort"
	"strings"

	"gocl/icd"
)

// guessKernels reads the kernels' signatures from the source text, as the
// front end's metadata would describe them, for the one-pass front end
// (stage_frontend.go). It does not preprocess: a guess can be wrong (a
// kernel made by a macro, a type spelled another way), which the front end
// finds out by comparing the entry points; ok is false when the text shows
// something the guess does not handle. A kernel inside conditional
// directives has its guard: it may not exist.
func guessKernels(source string) (kernels []KernelInfo, guards map[string]guard, ok bool) {
	toks, tokGuards := clTokens(source)
	guards = map[string]guard{}
	for i := 0; i < len(toks); i++ {
		if toks[i] != "kernel" && toks[i] != "__kernel" {
			continue
		}
		// [attributes] void [attributes] NAME ( params ) {
		j := skipAttributes(toks, i+1)
		if j >= len(toks) || toks[j] != "void" {
			return nil, nil, false
		}
		j = skipAttributes(toks, j+1)
		if j+1 >= len(toks) || !isIdent(toks[j]) || toks[j+1] != "(" {
			return nil, nil, false
		}
		name := toks[j]
		end := matching(toks, j+1)
		if end < 0 || end+1 >= len(toks) {
			return nil, nil, false
		}
		if toks[end+1] == ";" { // a declaration
			i = end
			continue
		}
		if toks[end+1] != "{" {
			return nil, nil, false
		}
		k := KernelInfo{Name: name, Launchable: true}
		params := splitParams(toks[j+2 : end])
		if len(params) == 1 && len(params[0]) == 1 && params[0][0] == "void" {
			params = nil
		}
		for _, p := range params {
			a, ok := guessArg(withoutAttributes(p))
			if !ok {
				return nil, nil, false
			}
			k.Args = append(k.Args, a)
		}
		kernels = append(kernels, k)
		if g := tokGuards[i]; g.depth > 0 {
			guards[name] = g
		}
		i = end
	}
	if len(kernels) == 0 {
		return nil, nil, false // (kernels made by macros, most likely)
	}
	sort.Slice(kernels, func(i, j int) bool { return kernels[i].Name < kernels[j].Name })
	for i := 1; i < len(kernels); i++ {
		if kernels[i].Name == kernels[i-1].Name {
			return nil, nil, false
		}
	}
	return kernels, guards, true
}

// guessArg describes one parameter's tokens as the metadata would: the
// type without qualifiers ("float*", "uint4"), where it lives and how the
// entry points pass it.
func guessArg(toks []string) (ArgInfo, bool) {
	if len(toks) < 2 || !isIdent(toks[len(toks)-1]) {
		return ArgInfo{}, false
	}
	a := ArgInfo{Name: toks[len(toks)-1], Access: icd.CL_KERNEL_ARG_ACCESS_NONE}
	var space string
	var base []string
	pointer := false
	for _, t := range toks[:len(toks)-1] {
		switch t {
		case "global", "__global", "constant", "__constant", "local", "__local", "private", "__private":
			space = strings.TrimPrefix(t, "__")
		case "read_only", "__read_only":
			a.Access = icd.CL_KERNEL_ARG_ACCESS_READ_ONLY
		case "write_only", "__write_only":
			a.Access = icd.CL_KERNEL_ARG_ACCESS_WRITE_ONLY
		case "read_write", "__read_write":
			a.Access = icd.CL_KERNEL_ARG_ACCESS_READ_WRITE
		case "const", "volatile", "restrict", "__restrict":
		case "*":
			if pointer {
				return ArgInfo{}, false
			}
			pointer = true
		default:
			if !isIdent(t) || pointer || t == "unsigned" || t == "signed" || t == "struct" || t == "union" || t == "enum" || t == "pipe" {
				return ArgInfo{}, false // spellings the metadata changes, arrays, function pointers: not guessed
			}
			base = append(base, t)
		}
	}
	if len(base) != 1 {
		return ArgInfo{}, false
	}
	a.Type = base[0]
	switch {
	case pointer:
		a.Type += "*"
		switch space {
		case "global":
			a.AddrSpace, a.Kind = icd.CL_KERNEL_ARG_ADDRESS_GLOBAL, ArgBuffer
		case "constant":
			a.AddrSpace, a.Kind = icd.CL_KERNEL_ARG_ADDRESS_CONSTANT, ArgBuffer
		case "local":
			a.AddrSpace, a.Kind = icd.CL_KERNEL_ARG_ADDRESS_LOCAL, ArgLocal
		default:
			return ArgInfo{}, false
		}
	case space != "" && space != "private":
		return ArgInfo{}, false
	case imageTypes[a.Type] != 0:
		a.Kind, a.Image, a.AddrSpace = ArgImage, a.Type, icd.CL_KERNEL_ARG_ADDRESS_GLOBAL
		if a.Access == icd.CL_KERNEL_ARG_ACCESS_NONE {
			a.Access = icd.CL_KERNEL_ARG_ACCESS_READ_ONLY
		}
	case msaaImageTypes[a.Type] || a.Type == "queue_t" || a.Type == "clk_event_t":
		return ArgInfo{}, false
	case a.Type == "sampler_t":
		a.Kind, a.AddrSpace = ArgSampler, icd.CL_KERNEL_ARG_ADDRESS_PRIVATE
	default:
		a.Kind, a.AddrSpace = ArgValue, icd.CL_KERNEL_ARG_ADDRESS_PRIVATE
	}
	return a, true
}

// guard is the conditional directives a kernel's text lies in: the
// directives that open them (with the #elif and #else lines before it in
// each) and how many there are. Its entry points are written in the same
// conditions, so a kernel the preprocessor leaves out has none.
type guard struct {
	open  string
	depth int
}

// wrap puts text in the guard's conditions.
func (g guard) wrap(text string) string {
	if g.depth == 0 {
		return text
	}
	return "\n" + g.open + text + strings.Repeat("#endif\n", g.depth)
}

// clTokens splits OpenCL C text into identifiers, numbers and punctuation,
// without comments, string and character literals, and preprocessor
// lines; guards are the conditional directives each token lies in.
func clTokens(s string) (toks []string, guards []guard) {
	var levels [][]string // the open conditionals' directive lines
	var cur guard
	lineStart := true
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\n':
			lineStart = true
			i++
			continue
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			i++
			continue
		case c == '#' && lineStart: // a directive, with its continuation lines
			start := i
			for i < len(s) && s[i] != '\n' {
				if s[i] == '\\' && i+1 < len(s) && s[i+1] == '\n' {
					i++
				}
				i++
			}
			levels = conditionals(levels, s[start:i])
			var open strings.Builder
			for _, l := range levels {
				open.WriteString(strings.Join(l, ""))
			}
			cur = guard{open.String(), len(levels)}
			continue
		case strings.HasPrefix(s[i:], "//"):
			for i < len(s) && s[i] != '\n' {
				i++
			}
			continue
		case strings.HasPrefix(s[i:], "/*"):
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				return toks, guards
			}
			i += end + 4
			continue
		}
		lineStart = false
		guards = append(guards, cur)
		switch {
		case c == '"' || c == '\'':
			j := i + 1
			for j < len(s) && s[j] != c && s[j] != '\n' {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			toks = append(toks, "literal")
			i = j + 1
		case isIdentByte(c):
			j := i
			for j < len(s) && isIdentByte(s[j]) {
				j++
			}
			toks = append(toks, s[i:j])
			i = j
		default:
			toks = append(toks, s[i:i+1])
			i++
		}
	}
	return toks, guards
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isIdent(t string) bool { return t != "" && isIdentByte(t[0]) && (t[0] < '0' || t[0] > '9') }

// matching is the index of the parenthesis that closes the one at i; -1
// if none does.
func matching(toks []string, i int) int {
	depth := 0
	for j := i; j < len(toks); j++ {
		switch toks[j] {
		case "(":
			depth++
		case ")":
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

// skipAttributes skips __attribute__((...)) groups from i.
func skipAttributes(toks []string, i int) int {
	for i+1 < len(toks) && toks[i] == "__attribute__" && toks[i+1] == "(" {
		end := matching(toks, i+1)
		if end < 0 {
			return len(toks)
		}
		i = end + 1
	}
	return i
}

// withoutAttributes is a parameter's tokens without its __attribute__((…))
// groups, which the metadata does not show (clFFT's kernels give a
// __constant argument max_constant_size after its name).
func withoutAttributes(toks []string) []string {
	var out []string
	for i := 0; i < len(toks); i++ {
		if toks[i] == "__attribute__" && i+1 < len(toks) && toks[i+1] == "(" {
			end := matching(toks, i+1)
			if end < 0 {
				return toks
			}
			i = end
			continue
		}
		out = append(out, toks[i])
	}
	return out
}

// splitParams splits a parameter list at its top-level commas.
func splitParams(toks []string) [][]string {
	if len(toks) == 0 {
		return nil
	}
	var out [][]string
	depth, start := 0, 0
	for j, t := range toks {
		switch t {
		case "(", "[":
			depth++
		case ")", "]":
			depth--
		case ",":
			if depth == 0 {
				out = append(out, toks[start:j])
				start = j + 1
			}
		}
	}
	return append(out, toks[start:])
}

// conditionals is the stack of open conditional directives after line (a
// directive): #if, #ifdef and #ifndef open a level, #elif and #else add
// to it, #endif closes it.
func conditionals(levels [][]string, line string) [][]string {
	d := strings.TrimLeft(strings.TrimPrefix(strings.TrimLeft(line, " \t"), "#"), " \t")
	word := d
	if n := strings.IndexFunc(d, func(r rune) bool { return !isIdentByte(byte(r)) || r > 127 }); n >= 0 {
		word = d[:n]
	}
	switch word {
	case "if", "ifdef", "ifndef":
		return append(levels, []string{line + "\n"})
	case "elif", "elifdef", "elifndef", "else":
		if n := len(levels); n > 0 {
			top := append(append([]string(nil), levels[n-1]...), line+"\n")
			return append(levels[:n-1:n-1], top)
		}
	case "endif":
		if n := len(levels); n > 0 {
			return levels[: n-1 : n-1]
		}
	}
	return levels
}
