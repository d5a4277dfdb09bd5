package ui

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
)

// updateGolden reads the -update flag that teatest's golden package defines.
func updateGolden() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// TestFlowBuildTagErrorFlush drives the real program (teatest) at two sizes:
// a 3-level trace, a tag, an error, a flush to the embedded receiver; then it
// checks the final model and what the receiver got.
func TestFlowBuildTagErrorFlush(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{120, 40}, {40, 12}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			s := newSession(t)
			tm := teatest.NewTestModel(t, New(s), teatest.WithInitialTermSize(size[0], size[1]))
			send := func(keys ...string) {
				for _, k := range keys {
					tm.Send(keyMsg(k))
				}
			}
			typ := func(text string) { tm.Type(text) }
			send("n")
			typ("checkout")
			send("enter", "K", "c")
			typ("charge")
			send("enter", "c") // K applied to one span: back to no kind
			typ("validate")
			send("enter", "t")
			typ("card.type=visa")
			send("enter", "e")
			typ("card declined")
			send("enter", "f", "up", "f", "up", "f", "F")
			teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
				return bytes.Contains(b, []byte("Delivered 3 spans"))
			}, teatest.WithDuration(5*time.Second))
			send("q")
			fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)

			tree := fm.Session().Tree()
			if tree.Len() != 3 {
				t.Fatalf("tree has %d spans", tree.Len())
			}
			root, client, leaf := tree.At(0), tree.At(1), tree.At(2)
			if root.Name != "checkout" || client.Parent != root || leaf.Parent != client || client.Kind != model.Client || leaf.Kind != "" {
				t.Errorf("tree shape: %s/%s(%s)/%s(%s)", root.Name, client.Name, client.Kind, leaf.Name, leaf.Kind)
			}
			got := s.Receiver().Trace(root.Context.TraceID)
			if len(got) != 3 {
				t.Fatalf("receiver got %d spans of the trace", len(got))
			}
			byName := map[string]model.SpanModel{}
			for _, sp := range got {
				byName[sp.Name] = sp
			}
			v := byName["validate"]
			if v.Tags["card.type"] != "visa" || v.Tags["error"] != "card declined" || len(v.Annotations) != 1 ||
				v.Annotations[0].Value != tracing.ErrorAnnotation("card declined") {
				t.Errorf("received leaf: tags %v annotations %v", v.Tags, v.Annotations)
			}
			if v.ParentID == nil || *v.ParentID != byName["charge"].ID || byName["charge"].Kind != model.Client {
				t.Errorf("received parent links wrong")
			}
		})
	}
}

// TestGoldenScreens checks fixed screens (first screen, full help, a dialog)
// under the Ascii colour profile: each fills its size exactly, shows what a
// user needs on it, and matches its golden file, which catches layout
// regressions the assertions do not name.
func TestGoldenScreens(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		w, h int
		keys []string
		must []string // what the screen is for
	}{
		{"start-120x40", 120, 40, nil, []string{
			"endpoint http://127.0.0.1:9/api/v2/spans", "sampler always", "▸ Spans · 0",
			"Press n to start a new trace", "Inspector", "B3 headers", "Delivery log",
			"Welcome!", "n new trace", "q quit", "? help"}},
		{"start-40x12", 40, 12, nil, []string{"▸ Spans · 0", "No spans yet.", "n new trace", "? help"}},
		{"help-120x40", 120, 40, []string{"?"}, []string{
			"All keys", "n       new trace", "F       flush", "q       quit", "L       learn",
			"no span selected: press n to start a trace first", "?/esc close"}},
		{"sampler-80x24", 80, 24, []string{"S"}, []string{
			"Sampler for new traces", "› always", "never", "modulo", "boundary", "counting",
			"enter accept", "esc cancel"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			// A remote endpoint (not contacted) keeps ports out of the screen.
			m := newModel(t, c.w, c.h, func(cfg *tracing.Config) { cfg.Endpoint = "http://127.0.0.1:9/api/v2/spans" })
			m, _ = press(t, m, c.keys...)
			have := m.View()
			lines := strings.Split(have, "\n")
			if len(lines) != c.h {
				t.Errorf("%d lines, want %d", len(lines), c.h)
			}
			for i, l := range lines {
				if n := lipgloss.Width(l); n != c.w {
					t.Errorf("line %d is %d columns wide, want %d: %q", i+1, n, c.w, l)
				}
			}
			for _, s := range c.must {
				if !strings.Contains(have, s) {
					t.Errorf("the screen lacks %q", s)
				}
			}
			path := filepath.Join("testdata", c.name+".golden")
			if updateGolden() {
				os.MkdirAll("testdata", 0o755)
				if err := os.WriteFile(path, []byte(have), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./ui -run Golden -update)", err)
			}
			if string(want) != have {
				t.Errorf("screen differs from %s:\n%s", path, have)
			}
		})
	}
}

var _ tea.Model = &Model{}
