package tracing_test

import (
	"bytes"
	"errors"
	"net/http/httptest"
	"os/exec"
	"strings"
	"testing"
	"time"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/sessiontest"
	"zipkin-playground/tracing/testkit"
)

// The preview's bytes are what the outbox POSTs, for every encoding: the
// collector's capture is the reference, not a serializer call of ours.
func TestPayloadIsWhatTheOutboxPosts(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		enc  outbox.Encoding
		path string
	}{{outbox.EncodingJSON, secret.V2Path}, {outbox.EncodingProto, secret.V2Path}, {outbox.EncodingV1, tracing.V1Path}} {
		t.Run(string(c.enc), func(t *testing.T) {
			capture := &testkit.Collector{}
			srv := httptest.NewServer(capture)
			defer srv.Close()
			s := sessiontest.To(t, srv.URL+c.path, func(cfg *tracing.Config) {
				cfg.Encoding = c.enc
				cfg.Headers = []secret.Header{{Name: "X-Token", Value: "abc123secret"}}
			})
			root, _ := s.NewTrace("Checkout")
			testkit.Must(t, s.Tag(root, "order", "42"))
			testkit.Must(t, s.Annotate(root, "paid"))
			testkit.Must(t, s.Finish(root))
			p, err := s.Payload(root, time.Now())
			if err != nil || p.Encoding != c.enc || p.Running {
				t.Fatalf("payload: %+v %v", p, err)
			}
			sessiontest.FlushAll(s)
			posts := capture.Take()
			if len(posts) != 1 || !bytes.Equal(posts[0].Body, p.Body) || posts[0].Header.Get("Content-Type") != p.ContentType {
				t.Fatalf("the preview differs from the POST:\npreview %q\nposted  %+v", p.Body, posts)
			}
			name := `"checkout"` // the JSON serializers lowercase names; proto3 keeps them
			if c.enc == outbox.EncodingProto {
				name = `"Checkout"`
			}
			if !strings.Contains(p.JSON, "\n  ") || !strings.Contains(p.JSON, name) || strings.Contains(p.JSON, `"parentId"`) {
				t.Errorf("not indented JSON: %s", p.JSON)
			}
			// The curl command, run for real, POSTs the same bytes.
			curl := s.CurlFor(p, true)
			if out, err := exec.Command("sh", "-c", curl).CombinedOutput(); err != nil {
				t.Fatalf("%v: %s\n%s", err, out, curl)
			}
			posts = capture.Take()
			if len(posts) != 1 || !bytes.Equal(posts[0].Body, p.Body) || posts[0].Header.Get("X-Token") != "abc123secret" ||
				posts[0].Header.Get("Content-Type") != p.ContentType || posts[0].Header.Get("b3") != "0" {
				t.Errorf("curl posted something else: %+v\n%s", posts, curl)
			}
			if masked := s.CurlFor(p, false); strings.Contains(masked, "abc123secret") {
				t.Errorf("masked curl shows the header value:\n%s", masked)
			}
		})
	}
}

func TestPayloadOfRunningAndUnsampledSpans(t *testing.T) {
	t.Parallel()
	s := sessiontest.To(t, "http://127.0.0.1:9"+secret.V2Path)
	root, _ := s.NewTrace("running")
	testkit.Must(t, s.Tag(root, "k", "v"))
	p, err := s.Payload(root, root.Start.Add(3*time.Millisecond))
	if err != nil || !p.Running || !strings.Contains(p.JSON, `"duration": 3000`) || !strings.Contains(p.JSON, `"k": "v"`) {
		t.Fatalf("running preview: %v\n%s", err, p.JSON)
	}
	testkit.Must(t, s.Finish(root))
	final, _ := s.Payload(root, time.Now())
	if final.Running || !strings.Contains(final.JSON, root.Context.ID.String()) {
		t.Errorf("finished payload: %+v", final)
	}

	never := sessiontest.To(t, "http://127.0.0.1:9"+secret.V2Path, func(c *tracing.Config) { c.Sampler = tracing.SamplerSpec{Kind: tracing.SamplerNever} })
	n, _ := never.NewTrace("dropped")
	if _, err := never.Payload(n, time.Now()); !errors.Is(err, tracing.ErrNotSampled) {
		t.Errorf("unsampled: %v", err)
	}
}
