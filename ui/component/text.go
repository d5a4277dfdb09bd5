package component

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/secret"
)

// Safe is text from outside (span and service names, tags, annotations,
// server messages) made harmless for the terminal: control characters and
// escape sequences are shown escaped, never interpreted, so a hostile span
// cannot clear the screen or retitle the window.
func Safe(s string) string { return secret.Sanitize(s) }

// Wrap breaks s (which may hold styles) into lines of at most w columns, at
// spaces where it can and inside a word that is longer than a line. Facts are
// wrapped, never cut.
func Wrap(s string, w int) []string {
	w = max(1, w)
	if !strings.Contains(s, "\n") && lipgloss.Width(s) <= w {
		return []string{s}
	}
	out := strings.Split(lipgloss.NewStyle().Width(w).Render(s), "\n")
	for i, l := range out {
		out[i] = strings.TrimRight(l, " ")
	}
	return out
}

// WrapIndent wraps value to w columns after a label column of indent
// columns: the first line goes beside the label, the rest under the value.
func WrapIndent(label, value string, indent, w int) []string {
	lines := Wrap(value, w-indent)
	pad := strings.Repeat(" ", indent)
	for i := range lines {
		if i == 0 {
			lines[i] = label + lines[i]
		} else {
			lines[i] = pad + lines[i]
		}
	}
	return lines
}

// Quoted is s in Go quotes, escapes shown.
func Quoted(s string) string { return fmt.Sprintf("%q", s) }

// KindName is a span kind as the screen writes it ("none" for no kind).
func KindName(k model.Kind) string {
	if k == model.Undetermined {
		return "none"
	}
	return string(k)
}
