package wire

import (
	"strings"
	"testing"
)

// TestCodecRowsComplete: every row of the table says everything the code
// reads from it, so a new row cannot leave a column out.
func TestCodecRowsComplete(t *testing.T) {
	t.Parallel()
	names := map[string]bool{}
	for _, c := range codecs {
		t.Run(string(c.Name), func(t *testing.T) {
			if c.Name == "" || c.Title == "" || c.ContentType == "" || c.Decode == nil {
				t.Errorf("name, title, content type and decoder are required: %+v", c)
			}
			for _, n := range append([]string{string(c.Name)}, c.Aliases...) {
				if names[n] || n != strings.ToLower(strings.TrimSpace(n)) {
					t.Errorf("name or alias %q is taken twice, or not as the setting reads it", n)
				}
				names[n] = true
			}
			if len(c.Paths) == 0 {
				t.Error("no collector path takes it")
			}
			for _, p := range c.Paths {
				if !strings.HasPrefix(p, "/") || !strings.HasSuffix(p, "/spans") {
					t.Errorf("path %q is not a collector's spans path", p)
				}
			}
			if c.Version != 1 && c.Version != 2 {
				t.Errorf("version %d: Zipkin's models are 1 and 2", c.Version)
			}
			if c.Marker != "" && !strings.Contains(c.ContentType, c.Marker) {
				t.Errorf("marker %q is not in its own content type %q", c.Marker, c.ContentType)
			}
			// The outbox sends the row's Content-Type; the shop's zipkin-go reporter sends the serializer's.
			if c.Sends() && c.Serializer.ContentType() != c.ContentType {
				t.Errorf("the serializer says %q, the row %q", c.Serializer.ContentType(), c.ContentType)
			}
			pv := c.Preview
			if pv.Binary && (pv.AsJSON == nil || pv.Note == "") {
				t.Error("a binary body needs a way to JSON and a note saying what is shown instead")
			}
			if pv.Note != "" && strings.Count(pv.Note, "%d") != 1 {
				t.Errorf("the note %q does not say the size once", pv.Note)
			}
		})
	}
	if !codecs[0].Sends() {
		t.Error("the first row is the outbox's default: it must be one the outbox sends")
	}
}

// TestEveryPathReadsOneFormatPerContentType: on each path exactly one row
// has no marker (what the path reads when the Content-Type names nothing
// else), no two rows share a marker, each row is what its own Content-Type
// picks there, and the outbox can send to every path.
func TestEveryPathReadsOneFormatPerContentType(t *testing.T) {
	t.Parallel()
	for _, p := range SpanPaths() {
		fallbacks, markers := 0, map[string]bool{}
		for _, c := range codecs {
			if !c.Accepts(p) {
				continue
			}
			if c.Marker == "" {
				fallbacks++
			} else if markers[c.Marker] {
				t.Errorf("%s: marker %q twice", p, c.Marker)
			}
			markers[c.Marker] = true
			if got, ok := ForBody(p, c.ContentType+"; charset=utf-8"); !ok || got.Name != c.Name {
				t.Errorf("%s with %q reads as %q, want %q", p, c.ContentType, got.Name, c.Name)
			}
		}
		if fallbacks != 1 {
			t.Errorf("%s: %d rows without a marker, want 1", p, fallbacks)
		}
		if cs := ForPath(p); len(cs) == 0 || cs[0].Marker != "" {
			t.Errorf("%s: the outbox has no default to send there: %v", p, cs)
		}
	}
	if _, ok := ForBody("/api/v3/spans", "application/json"); ok {
		t.Error("a path no row names reads as a format")
	}
}

// Parse takes each sendable row's name and aliases, whatever their case and
// spaces, and refuses the rest naming what it takes.
func TestParse(t *testing.T) {
	t.Parallel()
	for _, c := range codecs {
		for _, n := range append([]string{string(c.Name)}, c.Aliases...) {
			got, err := Parse(" " + strings.ToUpper(n) + " ")
			if c.Sends() && (err != nil || got != c.Name) {
				t.Errorf("Parse(%q) = %q, %v; want %q", n, got, err, c.Name)
			}
			if !c.Sends() && err == nil {
				t.Errorf("Parse(%q) took a format the outbox cannot send", n)
			}
		}
	}
	if got, err := Parse(""); err != nil || got != JSON {
		t.Errorf("Parse(\"\") = %q, %v; want the default", got, err)
	}
	if _, err := Parse("xml"); err == nil || err.Error() != `encoding "xml": use json, proto or v1` {
		t.Errorf("Parse(xml): %v", err)
	}
}

func TestPathOf(t *testing.T) {
	t.Parallel()
	for path, want := range map[string]string{
		"/api/v2/spans": "/api/v2/spans", "/zipkin/api/v1/spans/": "/api/v1/spans", "/collect": "", "": "",
	} {
		if have := PathOf(path); have != want {
			t.Errorf("PathOf(%q) = %q, want %q", path, have, want)
		}
	}
}
