package desk

import (
	"reflect"
	"strings"
	"testing"

	"zipkin-playground/tracing/receiver"
)

func link(p, c string, calls, errs int64) receiver.DependencyLink {
	return receiver.DependencyLink{Parent: p, Child: c, CallCount: calls, ErrorCount: errs}
}

var shopLinks = []receiver.DependencyLink{
	link("playground", "gateway", 1, 0),
	link("gateway", "checkout", 2, 2),
	link("checkout", "inventory", 2, 0),
	link("checkout", "payments", 2, 2),
}

func TestLayoutMapPutsCallersLeftOfWhatTheyCall(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		links []receiver.DependencyLink
		want  [][]string
	}{
		{"the shop", shopLinks, [][]string{{"playground"}, {"gateway"}, {"checkout"}, {"inventory", "payments"}}},
		{"a call that skips a column stands at the longest chain",
			append([]receiver.DependencyLink{link("playground", "checkout", 1, 0)}, shopLinks...),
			[][]string{{"playground"}, {"gateway"}, {"checkout"}, {"inventory", "payments"}}},
		{"a cycle does not loop", []receiver.DependencyLink{link("a", "b", 1, 0), link("b", "a", 1, 0)},
			[][]string{{"a"}, {"b"}}},
		{"a service calling itself stays in one column", []receiver.DependencyLink{link("frontend", "frontend", 3, 0)},
			[][]string{{"frontend"}}},
		{"callees follow their callers' rows",
			[]receiver.DependencyLink{link("a", "z", 1, 0), link("b", "y", 1, 0)},
			[][]string{{"a", "b"}, {"z", "y"}}},
		{"nothing", nil, [][]string{}},
	} {
		g := layoutMap(tc.links)
		if have := g.columns; !reflect.DeepEqual(tc.want, have) && !(len(tc.want) == 0 && len(have) == 0) {
			t.Errorf("%s: want %v, have %v", tc.name, tc.want, have)
		}
	}
}

func TestRenderMapDrawsBoxesArrowsAndCounts(t *testing.T) {
	t.Parallel()
	want := strings.Join([]string{
		"┌──────────┐ 1 call     ┌───────┐ 2 calls    ┌────────┐ 2 calls    ┌─────────┐",
		"│playground├───────────▶│gateway├───────────▶│checkout├┬──────────▶│inventory│",
		"└──────────┘            └───────┘ ✗ 2 errors └────────┘│           └─────────┘",
		"                                                       │",
		"                                                       │2 calls    ┌─────────┐",
		"                                                       └──────────▶│payments │",
		"                                                        ✗ 2 errors └─────────┘",
	}, "\n")
	lines, ok := renderMap(shopLinks, 78)
	if have := strings.Join(lines, "\n"); !ok || want != have {
		t.Errorf("fits %v; want\n%s\nhave\n%s", ok, want, have)
	}
	if _, ok := renderMap(shopLinks, 77); ok {
		t.Error("78 columns do not fit in 77: the list must say it instead")
	}
}

func TestRenderMapKeepsTrunksOffOtherBoxes(t *testing.T) {
	t.Parallel()
	lines, _ := renderMap([]receiver.DependencyLink{link("a", "checkout", 1, 0), link("playground", "gateway", 1, 0), link("gateway", "checkout", 1, 0)}, 200)
	if len(lines) < 2 || !strings.HasPrefix(lines[1], "│a         │ ") {
		t.Errorf("a has no arrow in the picture; its box must not touch playground's trunk:\n%s", strings.Join(lines, "\n"))
	}
}

func TestMapListSpellsOutEveryLink(t *testing.T) {
	t.Parallel()
	want := []string{
		"checkout → inventory  2 calls",
		"checkout → payments  2 calls  ✗ 2 errors",
		"frontend → frontend  1 call  (itself)",
		"gateway → checkout  2 calls  ✗ 2 errors",
		"playground → gateway  1 call",
	}
	if have := mapList(append(shopLinks, link("frontend", "frontend", 1, 0))); !reflect.DeepEqual(want, have) {
		t.Errorf("want\n%s\nhave\n%s", strings.Join(want, "\n"), strings.Join(have, "\n"))
	}
}

func TestLongCountsShrinkToFitTheGap(t *testing.T) {
	t.Parallel()
	lines, _ := renderMap([]receiver.DependencyLink{link("a", "b", 123456, 12345)}, 80)
	joined := strings.Join(lines, "\n")
	if !strings.Contains(joined, "123456") || !strings.Contains(joined, "✗ 12345") || strings.Contains(joined, "errors") {
		t.Errorf("long counts should be bare numbers:\n%s", joined)
	}
}
