package ui

import (
	"bytes"
	"encoding/base64"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/b3"
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/secret"
)

// previewOpen says whether the payload preview holds the dialog slot (its
// title is its own).
func previewOpen(m *Model) bool {
	return m.dialog != nil && strings.HasPrefix(m.dialog.Title(), "Payload of ")
}

// p shows the selected span as the outbox POSTs it, for JSON and (after O)
// proto, and F then POSTs it (that the bytes are the same is the pane's own
// test).
func TestPreviewIsWhatWasPosted(t *testing.T) {
	t.Parallel()
	for _, enc := range []outbox.Encoding{outbox.EncodingJSON, outbox.EncodingProto} {
		t.Run(string(enc), func(t *testing.T) {
			coll, url := newCollector(t)
			m := newModel(t, 120, 40, func(c *tracing.Config) {
				c.Endpoint = url
				c.Encoding = enc
				c.Headers = []secret.Header{{Name: "Authorization", Value: "Bearer t0psecretvalue"}}
			})
			m, _ = press(t, m, "n")
			m = typeText(t, m, "checkout")
			m, _ = press(t, m, "enter", "t")
			m = typeText(t, m, "order=42")
			m, _ = press(t, m, "enter", "f", "p")
			if !previewOpen(m) {
				t.Fatalf("p: %T, status %q", m.dialog, m.status)
			}
			v := m.View()
			m, _ = press(t, m, "G") // the curl command is at the end
			v += m.View()
			for _, want := range []string{`"name": "checkout"`, `"order": "42"`, "curl -sS -X POST", "Authorization: ****"} {
				if !strings.Contains(v, want) {
					t.Errorf("the preview lacks %q:\n%s", want, v)
				}
			}
			if strings.Contains(v, "t0psecretvalue") || strings.Contains(v, "SPAN_KIND_UNSPECIFIED") || strings.Contains(v, `"parentId": "0000`) {
				t.Error("the preview shows the header value")
			}
			if enc == outbox.EncodingProto && !strings.Contains(v, "The wire is binary proto3") {
				t.Errorf("proto not explained:\n%s", v)
			}
			m, _ = press(t, m, "esc")
			m, cmd := press(t, m, "F")
			m = settle(t, m, cmd)
			posts := coll.Take()
			if len(posts) != 1 || m.common.Session.Outbox().Counts().Delivered != 1 {
				t.Fatalf("the previewed span was not POSTed once: posts %+v", posts)
			}
		})
	}
}

func TestPreviewOfARunningSpanScrolls(t *testing.T) {
	t.Parallel()
	m := newModel(t, 80, 24)
	m, _ = press(t, m, "n", "enter", "p")
	v := m.View()
	if !strings.Contains(v, "Running: a span is sent only when it is finished (f)") {
		t.Fatalf("running span not explained:\n%s", v)
	}
	if strings.Contains(v, "--data-raw") {
		t.Fatalf("at 80×24 the curl should be below the fold:\n%s", v)
	}
	m, _ = press(t, m, "G")
	if !strings.Contains(m.View(), "--data-raw") {
		t.Errorf("G did not scroll to the curl command:\n%s", m.View())
	}
	m, _ = press(t, m, "p")
	if m.dialog != nil {
		t.Error("p did not close the preview")
	}
}

// y writes the B3 headers shown as an OSC 52 sequence through Bubble Tea's
// own output (the frame), and says so on the status line.
func TestCopyHeadersWithOSC52(t *testing.T) {
	t.Parallel()
	m := New(newSession(t))
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 40))
	tm.Type("n")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	tm.Type("b") // single header
	tm.Type("y")
	osc := regexp.MustCompile("\x1b\\]52;c;([A-Za-z0-9+/=]+)\x07")
	var copied []byte
	teatest.WaitFor(t, tm.Output(), func(out []byte) bool {
		if sub := osc.FindSubmatch(out); sub != nil && bytes.Contains(out, []byte("Sent the single B3 headers")) {
			copied, _ = base64.StdEncoding.DecodeString(string(sub[1]))
			return true
		}
		return false
	}, teatest.WithDuration(5*time.Second))
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	tm.Type("y")
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	n := final.tree.Selected()
	lines, err := b3.Headers(n.Context, b3.Single)
	if err != nil {
		t.Fatal(err)
	}
	if want := "b3: " + lines[0].Value; string(copied) != want {
		t.Errorf("clipboard: want %q, have %q", want, copied)
	}
}
