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
	d := previewOf(m)
	if d == nil || d.Err != nil || d.Payload.Gzipped == nil {
		t.Fatalf("p: %T %+v", m.dialog, d)
	}
	v := m.View() + d.Text() // the curl is wrapped on screen
	for _, want := range []string{"Content-Encoding: gzip ·", component.Plural(len(d.Payload.Gzipped), "byte") + " on the wire", "gzip -c |", "'Content-Encoding: gzip'"} {
		if !strings.Contains(v, want) {
			t.Errorf("the preview lacks %q:\n%s", want, v)
		}
	}
	m, _ = press(t, m, "esc")
	m, cmd := press(t, m, "F")
	m = settle(t, m, cmd)
	posts := coll.Take()
	if len(posts) != 1 || posts[0].Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("posts %+v (status %q)", posts, m.status)
	}
	if !bytes.Equal(posts[0].Body, d.Payload.Gzipped) {
		t.Errorf("the POST's bytes are not the preview's gzip")
	}
	zr, err := gzip.NewReader(bytes.NewReader(posts[0].Body))
	if err != nil {
		t.Fatal(err)
	}
	if body, _ := io.ReadAll(zr); !bytes.Equal(body, d.Payload.Body) {
		t.Errorf("gunzipped POST %q, preview %q", body, d.Payload.Body)
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
