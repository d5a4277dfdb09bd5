package ui

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"

	"zipkin-playground/tracing"
	"zipkin-playground/ui/component"
)

// --gzip is a row of O: turned on there, the top bar says so, p shows the
// gzipped size and a curl that sends Content-Encoding: gzip, and the next
// flush POSTs the preview's bytes gzipped.
func TestGzipFromOptions(t *testing.T) {
	t.Parallel()
	coll, url := newCollector(t)
	m := newModel(t, 120, 40, func(c *tracing.Config) { c.Endpoint = url })
	m, _ = press(t, m, "O")
	selectOption(t, m, "gzip")
	m, _ = press(t, m, "enter")
	if !m.common.Session.Config().Gzip || !strings.Contains(m.status, "Gzip: off → on") || !optionsOpen(m) {
		t.Fatalf("gzip: config %v, status %q", m.common.Session.Config().Gzip, m.status)
	}
	m, _ = press(t, m, "esc")
	if top := strings.Join(viewLines(m)[:2], "\n"); !strings.Contains(top, "set gzip") {
		t.Errorf("the top bar does not show gzip: %q", top)
	}

	m, _ = press(t, m, "n", "enter", "f", "p")
	if !previewOpen(m) {
		t.Fatalf("p: %T, status %q", m.dialog, m.status)
	}
	v := m.View()
	m, _ = press(t, m, "G") // the curl is at the end, wrapped on screen
	v = strings.Join(strings.Fields(v+" "+m.View()), " ")
	m, _ = press(t, m, "esc")
	m, cmd := press(t, m, "F")
	m = settle(t, m, cmd)
	posts := coll.Take()
	if len(posts) != 1 || posts[0].Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("posts %+v (status %q)", posts, m.status)
	}
	// The size shown is the POST's (that its bytes are the preview's gzip,
	// and its curl gzips, is the pane's own test).
	for _, want := range []string{"Content-Encoding: gzip ·", component.Plural(len(posts[0].Body), "byte") + " on the wire"} {
		if !strings.Contains(v, want) {
			t.Errorf("the preview lacks %q:\n%s", want, v)
		}
	}
	zr, err := gzip.NewReader(bytes.NewReader(posts[0].Body))
	if err != nil {
		t.Fatal(err)
	}
	if body, _ := io.ReadAll(zr); !bytes.Contains(body, []byte(`"localEndpoint"`)) {
		t.Errorf("the gunzipped POST is not the span: %q", body)
	}
}

// O's rows of settings another key changes run that key: E's prompt opens
// in the slot; b changes the view and O comes back.
func TestOptionsRunTheSettingsKey(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	m, _ = press(t, m, "O")
	selectOption(t, m, "endpoint")
	if m, _ = press(t, m, "enter"); promptOf(m) == nil {
		t.Fatalf("the endpoint row opened %T (status %q)", m.dialog, m.status)
	}
	m, _ = press(t, m, "esc")
	m, _ = press(t, m, "O")
	selectOption(t, m, "B3 view")
	before := m.common.Session.Config().B3
	if m, _ = press(t, m, "enter"); m.common.Session.Config().B3 == before || !optionsOpen(m) {
		t.Errorf("B3 view: %s → %s, back in O: %v", before, m.common.Session.Config().B3, optionsOpen(m))
	}
}
