package ui

import (
	"strings"
	"testing"
	"zipkin-playground/ui/component"
)

// A long status at 80×24 (the endpoint just set, a long URL with its
// warning) wraps whole: every word of it on screen, no line cut with …, and
// the screen still 24 lines.
func TestLongStatusWrapsWholeAt80x24(t *testing.T) {
	t.Parallel()
	m := newModel(t, 80, 24)
	long := "http://collector-" + strings.Repeat("eu-west-", 20) + "example.com:9411/v2/spans"
	m, _ = press(t, m, "E", "ctrl+u")
	m = typeText(t, m, long)
	m, _ = press(t, m, "enter")
	if !strings.HasPrefix(m.status, "Endpoint: "+long) || len(component.Wrap(m.status, 80)) <= 3 {
		t.Fatalf("the status is not the long endpoint with its warning: %q", m.status)
	}
	lines := viewLines(m)
	status := strings.Join(lines[len(lines)-1-m.screen.layout().StatusH:len(lines)-1], "\n")
	if strings.Contains(status, "…") {
		t.Errorf("the status is cut:\n%s", status)
	}
	if got, want := strings.Join(strings.Fields(status), ""), strings.Join(strings.Fields(m.status), ""); got != want {
		t.Errorf("the status lines are not the whole status:\n%s\nwant %q", status, m.status)
	}
	if len(lines) != 24 {
		t.Errorf("%d lines on a 24-line screen", len(lines))
	}
}
