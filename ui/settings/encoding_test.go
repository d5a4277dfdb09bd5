package settings

import (
	"strings"
	"testing"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/wire"
)

// The encoding row offers exactly the formats the encoding table says the
// outbox sends, each choice parses to its own row, and a running session
// takes each choice where the row's path takes it and refuses it elsewhere.
func TestEncodingChoicesAreTheTable(t *testing.T) {
	t.Parallel()
	row, ok := Lookup("encoding")
	if !ok {
		t.Fatal("no encoding setting")
	}
	codecs := wire.SendCodecs()
	if len(row.Choices) != len(codecs) {
		t.Fatalf("choices %v, table %d rows the outbox sends", row.Choices, len(codecs))
	}
	for i, c := range codecs {
		ch := row.Choices[i]
		if ch.Value != string(c.Name) || !strings.HasPrefix(ch.Note, c.Title) {
			t.Errorf("choice %d is %+v, the table's row %s (%s)", i, ch, c.Name, c.Title)
		}
		if !strings.Contains(row.Usage, string(c.Name)+" ("+c.Title) {
			t.Errorf("usage %q leaves out %s", row.Usage, c.Name)
		}
		var cfg tracing.Config
		if err := row.Parse(&cfg, ch.Value); err != nil || cfg.Encoding != c.Name {
			t.Errorf("parsing %q: %q, %v", ch.Value, cfg.Encoding, err)
		}
	}
	for _, c := range codecs {
		t.Run(string(c.Name), func(t *testing.T) {
			t.Parallel()
			sess := newSession(t) // its endpoint's path is /api/v2/spans
			err := sess.Reconfigure(func(cfg *tracing.Config) { _ = row.Parse(cfg, string(c.Name)) })
			if want := c.Accepts(secret.V2Path); (err == nil) != want {
				t.Errorf("to %s: %v; the table says the path takes it: %v", secret.V2Path, err, want)
			}
		})
	}
}

// The value O shows says when the endpoint's path chose the encoding.
func TestEncodingValueNamesThePathThatChose(t *testing.T) {
	t.Parallel()
	cfg := tracing.DefaultConfig()
	cfg.Endpoint, cfg.Encoding = "http://zipkin:9411"+tracing.V1Path, wire.V1
	if want, have := "v1 (the /api/v1/spans path)", encodingValue(cfg); want != have {
		t.Errorf("want %q, have %q", want, have)
	}
	cfg.Endpoint = "http://zipkin:9411/collect"
	if want, have := "v1", encodingValue(cfg); want != have {
		t.Errorf("want %q, have %q", want, have)
	}
}
