package secret

import "strings"

// Hidden names what Masked hides, in the order it appears in the URL, for a
// screen that shows the masked URL and must say what stands behind each
// mask ("the path before /api/"). It is empty when nothing is masked.
func (e Endpoint) Hidden() []string { return hiddenParts(e.raw) }

func hiddenParts(raw string) []string {
	p := splitURLText(raw)
	var out []string
	if p.hasUser {
		out = append(out, "the user and password before @")
	}
	if maskPath(p.path) != p.path {
		out = append(out, pathHidden(p.path))
	}
	if p.hasQuery && maskQuery(p.query) != p.query {
		out = append(out, "the query values")
	}
	if p.hasFragment {
		out = append(out, "the part after #")
	}
	return out
}

// pathHidden says which part of a path maskPath hides.
func pathHidden(path string) string {
	switch {
	case apiPrefix(path) == "":
		return "each token-like path segment"
	case strings.Contains(path, "/api"):
		return "the path before /api/"
	default:
		return "the path before " + path[len(apiPrefix(path)):]
	}
}
