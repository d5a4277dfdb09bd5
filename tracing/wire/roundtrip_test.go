package wire_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing/outbox"
	"zipkin-playground/tracing/receiver"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/testkit"
	"zipkin-playground/tracing/wire"
)

// receivedFixtures are real clients' bodies for the formats the outbox never
// writes: the round trip posts them instead of serializing.
var receivedFixtures = map[wire.Encoding]string{
	"thrift": "../zipkinv1/testdata/py_zipkin_v1.thrift", // py_zipkin 0.15.0's default
}

// roundTripSpans are a trace with what every format carries: a SERVER root
// with a tag and an annotation, and a CLIENT child with a remote endpoint.
func roundTripSpans(trace uint64) []model.SpanModel {
	ts := time.Date(2026, 12, 6, 17, 0, 0, 123_456_000, time.UTC)
	root := model.ID(trace<<8 | 1)
	local := &model.Endpoint{ServiceName: "Checkout", IPv4: net.IPv4(10, 0, 0, 1).To4(), Port: 8000}
	return []model.SpanModel{
		{SpanContext: model.SpanContext{TraceID: model.TraceID{Low: trace}, ID: root},
			Name: "GET /checkout", Kind: model.Server, Timestamp: ts, Duration: 120 * time.Millisecond, LocalEndpoint: local,
			Tags: map[string]string{"order.id": "42"}, Annotations: []model.Annotation{{Timestamp: ts.Add(time.Millisecond), Value: "cart loaded"}}},
		{SpanContext: model.SpanContext{TraceID: model.TraceID{Low: trace}, ID: root + 1, ParentID: &root},
			Name: "charge card", Kind: model.Client, Timestamp: ts.Add(10 * time.Millisecond), Duration: 80 * time.Millisecond, LocalEndpoint: local,
			RemoteEndpoint: &model.Endpoint{ServiceName: "payments", IPv4: net.IPv4(10, 0, 0, 2).To4(), Port: 8080},
			Tags:           map[string]string{"card": "visa"}},
	}
}

// describe is a span as Zipkin stores it, in one line: names lowercased,
// times in whole microseconds.
func describe(s model.SpanModel) string {
	parent := ""
	if s.ParentID != nil {
		parent = s.ParentID.String()
	}
	ep := func(e *model.Endpoint) string {
		if e == nil {
			return "-"
		}
		return fmt.Sprintf("%s %s:%d", strings.ToLower(e.ServiceName), e.IPv4, e.Port)
	}
	var notes []string
	for _, a := range s.Annotations {
		notes = append(notes, fmt.Sprintf("%d %s", a.Timestamp.UnixMicro(), a.Value))
	}
	var tags []string
	for k, v := range s.Tags {
		tags = append(tags, k+"="+v)
	}
	sort.Strings(tags)
	return fmt.Sprintf("%s %s parent=%s %q %s ts=%d d=%d %s → %s tags=%v notes=%v",
		s.TraceID, s.ID, parent, strings.ToLower(s.Name), s.Kind, s.Timestamp.UnixMicro(), s.Duration.Microseconds(),
		ep(s.LocalEndpoint), ep(s.RemoteEndpoint), tags, notes)
}

func describeAll(spans []model.SpanModel) string {
	lines := make([]string, len(spans))
	for i, s := range spans {
		lines[i] = describe(s)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// readBack GETs a trace from the receiver's query API, as Zipkin's UI reads it.
func readBack(t *testing.T, r *receiver.Receiver, id model.TraceID) []model.SpanModel {
	t.Helper()
	resp, err := http.Get("http://" + r.Addr() + "/api/v2/trace/" + id.String())
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var spans []model.SpanModel
	if err := json.Unmarshal(body, &spans); resp.StatusCode != http.StatusOK || err != nil {
		t.Fatalf("GET trace %s: %d %v %s", id, resp.StatusCode, err, body)
	}
	return spans
}

// TestEveryCodecRoundTrips walks every row of the table through the embedded
// receiver: its serializer's bytes POSTed to each path that takes it, with its
// Content-Type (and, for the formats the outbox sends, a real flush of an
// outbox set to it), decoded there by the row's decoder, and read back from
// the query API as what was sent. A format the outbox never writes posts a
// real client's body instead.
func TestEveryCodecRoundTrips(t *testing.T) {
	t.Parallel()
	r, err := receiver.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.Close() })
	trace := uint64(0x100)
	for _, c := range wire.Codecs() {
		for _, path := range c.Paths {
			url := "http://" + r.Addr() + path
			if !c.Sends() {
				file, ok := receivedFixtures[c.Name]
				if !ok {
					t.Errorf("%s: the outbox cannot write it and no client's body is here to post", c.Name)
					continue
				}
				postFixture(t, r, c, url, file)
				continue
			}
			trace++
			sent := roundTripSpans(trace)
			body, err := c.Serializer.Serialize([]*model.SpanModel{&sent[0], &sent[1]})
			if err != nil {
				t.Fatal(err)
			}
			if status, msg := testkit.PostSpans(t, url, c.ContentType, "", body); status != http.StatusAccepted {
				t.Fatalf("%s to %s: %d %s", c.Name, path, status, msg)
			}
			if want, have := describeAll(sent), describeAll(readBack(t, r, sent[0].TraceID)); want != have {
				t.Errorf("%s to %s, read back:\nwant\n%s\nhave\n%s", c.Name, path, want, have)
			}

			trace++
			sent = roundTripSpans(trace)
			flushThrough(t, c.Name, url, sent)
			if want, have := describeAll(sent), describeAll(readBack(t, r, sent[0].TraceID)); want != have {
				t.Errorf("%s flushed by the outbox to %s, read back:\nwant\n%s\nhave\n%s", c.Name, path, want, have)
			}
		}
	}
}

// flushThrough sends spans as an outbox set to enc does, to url.
func flushThrough(t *testing.T, enc wire.Encoding, url string, spans []model.SpanModel) {
	t.Helper()
	ep, err := secret.ParseEndpoint(url)
	if err != nil {
		t.Fatal(err)
	}
	o := outbox.New(outbox.Options{Encoding: enc})
	t.Cleanup(func() { _ = o.Close() })
	o.SetEndpoint(ep, secret.NewMasker(ep, nil))
	for _, s := range spans {
		o.Send(s)
	}
	if sum := o.Flush(context.Background(), nil); sum.Delivered != len(spans) {
		t.Fatalf("%s: flushed %+v", enc, sum)
	}
}

// postFixture posts a client's body in c's format and reads its trace back:
// py_zipkin's checkout trace, its loopback "render" RPC split into a CLIENT
// and a shared SERVER span as Zipkin splits it.
func postFixture(t *testing.T, r *receiver.Receiver, c wire.Codec, url, file string) {
	t.Helper()
	body, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	before := map[model.TraceID]bool{}
	for _, tr := range r.Traces() {
		before[tr.TraceID] = true
	}
	if status, msg := testkit.PostSpans(t, url, c.ContentType, "", body); status != http.StatusAccepted {
		t.Fatalf("%s to %s: %d %s", c.Name, url, status, msg)
	}
	var spans []model.SpanModel
	for _, tr := range r.Traces() {
		if !before[tr.TraceID] {
			spans = readBack(t, r, tr.TraceID)
		}
	}
	var names []string
	for _, s := range spans {
		names = append(names, fmt.Sprintf("%s %s shared=%v", s.Name, s.Kind, s.Shared))
	}
	sort.Strings(names)
	want := "charge card CLIENT shared=false|get /checkout SERVER shared=false|render CLIENT shared=false|render SERVER shared=true"
	if have := strings.Join(names, "|"); have != want {
		t.Errorf("%s: read back\n%s\nwant\n%s", c.Name, have, want)
	}
}
