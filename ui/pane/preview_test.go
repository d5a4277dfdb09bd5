package pane

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"
	"zipkin-playground/ui/component"
	"zipkin-playground/ui/component/componenttest"

	tea "github.com/charmbracelet/bubbletea"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/testkit"
)

// The preview's bytes are the POST's: a finished span's preview, then a
// flush to a collector, for JSON and proto, and with gzip the body is the
// preview's gzip, which unzips to the preview's bytes (and its curl gzips).
func TestPreviewBytesAreThePOSTs(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		enc  outbox.Encoding
		gzip bool
	}{{"json", outbox.EncodingJSON, false}, {"proto", outbox.EncodingProto, false}, {"json+gzip", outbox.EncodingJSON, true}} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			coll := &testkit.Collector{}
			url := coll.Serve(t) + secret.V2Path
			cm := componenttest.NewCommon(t, component.Policy{}, func(cfg *tracing.Config) {
				cfg.Endpoint, cfg.Encoding, cfg.Gzip = url, c.enc, c.gzip
			})
			s := cm.Session
			n, err := s.Start(nil, tracing.SpanOptions{Name: "checkout"})
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Tag(n, "order", "42"); err != nil {
				t.Fatal(err)
			}
			if err := s.Finish(n); err != nil {
				t.Fatal(err)
			}
			d := newPreview(cm, n)
			if d.err != nil || (c.gzip != (d.payload.Gzipped != nil)) {
				t.Fatalf("preview: err %v, gzipped %d bytes", d.err, len(d.payload.Gzipped))
			}
			if text := d.text(); c.gzip && (!strings.Contains(text, "gzip -c |") || !strings.Contains(text, "'Content-Encoding: gzip'")) {
				t.Errorf("the curl does not send gzip:\n%s", text)
			}
			if sum := s.Outbox().Flush(t.Context(), nil); sum.Delivered != 1 {
				t.Fatalf("flush: %+v", sum)
			}
			posts := coll.Take()
			if len(posts) != 1 {
				t.Fatalf("posts: %+v", posts)
			}
			body := posts[0].Body
			if c.gzip {
				if !bytes.Equal(body, d.payload.Gzipped) {
					t.Errorf("the POST's bytes are not the preview's gzip")
				}
				zr, err := gzip.NewReader(bytes.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				body, _ = io.ReadAll(zr)
			}
			if !bytes.Equal(body, d.payload.Body) {
				t.Errorf("the preview's bytes are not the POST's:\npreview %q\npost    %q", d.payload.Body, body)
			}
		})
	}
}

// G scrolls a running span's preview to its curl command at the end.
func TestPreviewScrollsToTheCurl(t *testing.T) {
	t.Parallel()
	cm := componenttest.NewCommon(t, component.Policy{})
	n, err := cm.Session.Start(nil, tracing.SpanOptions{Name: "checkout"})
	if err != nil {
		t.Fatal(err)
	}
	d := newPreview(cm, n)
	d.SetSize(80, 24)
	if strings.Contains(d.View(), "--data-raw") {
		t.Fatalf("at 80×24 the curl should be below the fold:\n%s", d.View())
	}
	d.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("G")})
	if d.viewport.YOffset == 0 || !strings.Contains(d.View(), "--data-raw") {
		t.Errorf("G did not scroll to the curl command (offset %d):\n%s", d.viewport.YOffset, d.View())
	}
}
