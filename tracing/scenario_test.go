package tracing_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"

	"github.com/openzipkin/zipkin-go/model"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/tracing/sessiontest"
)

func TestScenarioRoundTripKeepsShapeWithFreshIDs(t *testing.T) {
	t.Parallel()
	sc, err := tracing.LoadScenario("../examples/checkout.json")
	if err != nil {
		t.Fatal(err)
	}
	s := sessiontest.To(t, "http://127.0.0.1:9/api/v2/spans")
	roots, err := s.Replay(sc)
	if err != nil || len(roots) != 1 {
		t.Fatalf("replay: %v", err)
	}
	if want, have := 7, s.Tree().Len(); want != have {
		t.Fatalf("spans: want %d, have %d", want, have)
	}
	var shared, errs int
	for _, n := range s.Tree().Nodes() {
		if n.Key.Shared {
			shared++
		}
		if n.Tags["error"] != "" {
			errs++
		}
	}
	if shared != 2 || errs != 2 {
		t.Errorf("shared SERVER spans %d (want 2), error spans %d (want 2)", shared, errs)
	}
	data, err := tracing.MarshalScenario(s.Scenario("again"))
	if err != nil {
		t.Fatal(err)
	}
	again, err := tracing.ParseScenario(data)
	if err != nil {
		t.Fatalf("saved scenario does not parse: %v\n%s", err, data)
	}
	s2 := sessiontest.To(t, "http://127.0.0.1:9/api/v2/spans")
	if _, err := s2.Replay(again); err != nil {
		t.Fatal(err)
	}
	a, b := s.Tree().Nodes(), s2.Tree().Nodes()
	for i := range a {
		if a[i].Name != b[i].Name || a[i].Kind != b[i].Kind || a[i].Depth != b[i].Depth || a[i].Key.Shared != b[i].Key.Shared ||
			a[i].Duration.Round(1000) != b[i].Duration.Round(1000) || len(a[i].Annotations) != len(b[i].Annotations) {
			t.Errorf("span %d differs after save and load: %s/%s", i, a[i].Name, b[i].Name)
		}
		if a[i].Context.ID == b[i].Context.ID {
			t.Errorf("span %d kept its ID: replay must make fresh IDs", i)
		}
	}
}

func TestParseScenarioRejects(t *testing.T) {
	t.Parallel()
	for name, body := range map[string]string{
		"not json":      "hello",
		"unknown field": `{"version":1,"traces":[{"name":"a","x":1}]}`,
		"no traces":     `{"version":1,"traces":[]}`,
		"bad kind":      `{"version":1,"traces":[{"name":"a","kind":"UP"}]}`,
		"negative":      `{"version":1,"traces":[{"name":"a","durationMs":-1}]}`,
		"debug child":   `{"version":1,"traces":[{"name":"a","children":[{"name":"b","debug":true}]}]}`,
		"empty name":    `{"version":1,"traces":[{"name":" "}]}`,
		"trailing":      `{"version":1,"traces":[{"name":"a"}]} {}`,
	} {
		if _, err := tracing.ParseScenario([]byte(body)); err == nil || !strings.Contains(err.Error(), "bad scenario") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestExportIsWhatWasSent: the exported JSON has the spans the outbox POSTed,
// and the curl command masks the header value.
func TestExportIsWhatWasSent(t *testing.T) {
	t.Parallel()
	var posted []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		posted, _ = io.ReadAll(r.Body)
		w.WriteHeader(202)
	}))
	defer srv.Close()
	s := sessiontest.To(t, srv.URL+secret.V2Path, func(c *tracing.Config) {
		c.Headers = []secret.Header{{Name: "Authorization", Value: "Bearer hunter2hunter2"}}
	})
	sessiontest.Fill(t, s, 2, 3)
	exported, err := s.ExportJSON()
	if err != nil {
		t.Fatal(err)
	}
	sessiontest.FlushAll(s)
	var a, b []model.SpanModel
	if err := json.Unmarshal(exported, &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(posted, &b); err != nil {
		t.Fatal(err)
	}
	if len(a) != 6 || len(b) != 6 {
		t.Fatalf("exported %d, posted %d", len(a), len(b))
	}
	// Same spans, field for field; the order is the tree's vs the finish order.
	for _, list := range [][]model.SpanModel{a, b} {
		sort.Slice(list, func(i, j int) bool { return list[i].ID < list[j].ID })
	}
	ea, _ := json.Marshal(a)
	eb, _ := json.Marshal(b)
	if !bytes.Equal(ea, eb) {
		t.Errorf("export differs from the POST")
	}
	curl := s.CurlCommand("spans.json", false)
	if strings.Contains(curl, "hunter2") || !strings.Contains(curl, "'Authorization: ****'") || !strings.Contains(curl, "'b3: 0'") {
		t.Errorf("curl:\n%s", curl)
	}
}
