package receiver

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"zipkin-playground/tracing/secret"
)

// Real clients, installed by .ci/run (npm's zipkin, zipkin-transport-http and
// @opentelemetry/exporter-zipkin into a cache folder; Debian's
// python3-py-zipkin), send their default formats to the receiver; what they
// sent is read back through the query API, field for field.
//
// ZIPKIN_PLAYGROUND_NODE_MODULES names the npm folder (default: the user
// cache's zipkin-playground/npm-clients/node_modules), ZIPKIN_PLAYGROUND_PYTHON
// the Python with py_zipkin (default /usr/bin/python3). With CI or
// ZIPKIN_PLAYGROUND_REQUIRE_CLIENTS set, a missing client fails the test.

// clientIDs is what every client script prints once its spans were accepted.
type clientIDs struct{ TraceID, ServerID, ClientID string }

func nodeModules() string {
	if d := os.Getenv("ZIPKIN_PLAYGROUND_NODE_MODULES"); d != "" {
		return d
	}
	cache, _ := os.UserCacheDir()
	return filepath.Join(cache, "zipkin-playground", "npm-clients", "node_modules")
}

// requireClient fails (in CI) or skips (locally, saying why) when a client is
// not installed.
func requireClient(t *testing.T, ok bool, what string) {
	t.Helper()
	if ok {
		return
	}
	if os.Getenv("CI") != "" || os.Getenv("ZIPKIN_PLAYGROUND_REQUIRE_CLIENTS") != "" {
		t.Fatalf("%s is not installed; .ci/run installs it", what)
	}
	t.Skipf("%s is not installed (run .ci/run, or install it; CI fails here instead of skipping)", what)
}

func requireNode(t *testing.T, pkg string) []string {
	_, err := exec.LookPath("node")
	_, statErr := os.Stat(filepath.Join(nodeModules(), pkg, "package.json"))
	requireClient(t, err == nil && statErr == nil, "node with npm package "+pkg+" under "+nodeModules())
	return []string{"NODE_PATH=" + nodeModules()}
}

// runClient runs a client script and decodes the IDs it prints.
func runClient(t *testing.T, env []string, name string, args ...string) clientIDs {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), env...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, stderr.String())
	}
	var ids clientIDs
	if err := json.Unmarshal(out, &ids); err != nil || ids.TraceID == "" {
		t.Fatalf("%s printed %q: %v", name, out, err)
	}
	return ids
}

// readBack is the trace as the query API serves it, keyed by kind, with
// times checked present and then removed (they are the client's clock).
func readBack(t *testing.T, r *Receiver, traceID string) map[string]map[string]any {
	t.Helper()
	var spans []map[string]any
	if status, body := getJSON(t, r, "/api/v2/trace/"+traceID, &spans); status != 200 {
		t.Fatalf("trace %s: %d %s", traceID, status, body)
	}
	out := map[string]map[string]any{}
	for _, s := range spans {
		for _, f := range []string{"timestamp", "duration"} {
			if v, ok := s[f].(float64); !ok || v <= 0 {
				t.Errorf("span %v: %s %v", s["id"], f, s[f])
			}
			delete(s, f)
		}
		if anns, ok := s["annotations"].([]any); ok {
			for _, a := range anns {
				delete(a.(map[string]any), "timestamp")
			}
		}
		kind, _ := s["kind"].(string)
		if _, dup := out[kind]; dup {
			t.Errorf("two %q spans in %v", kind, spans)
		}
		out[kind] = s
	}
	return out
}

// wantSpans builds the expected read-back from JSON with the IDs filled in.
func wantSpans(t *testing.T, ids clientIDs, server, client string) map[string]map[string]any {
	t.Helper()
	fill := strings.NewReplacer("$TRACE", ids.TraceID, "$SERVER", ids.ServerID, "$CLIENT", ids.ClientID)
	out := map[string]map[string]any{}
	for kind, raw := range map[string]string{"SERVER": server, "CLIENT": client} {
		var m map[string]any
		if err := json.Unmarshal([]byte(fill.Replace(raw)), &m); err != nil {
			t.Fatal(err)
		}
		out[kind] = m
	}
	return out
}

func compareSpans(t *testing.T, have, want map[string]map[string]any) {
	t.Helper()
	for kind, w := range want {
		if h := have[kind]; !reflect.DeepEqual(h, w) {
			hb, _ := json.Marshal(h)
			wb, _ := json.Marshal(w)
			t.Errorf("%s span read back\nhave %s\nwant %s", kind, hb, wb)
		}
	}
	if len(have) != len(want) {
		t.Errorf("read back %d spans, want %d", len(have), len(want))
	}
}

// checkBrowse reads the trace as Grafana browses: services, span names, then
// traces of the service.
func checkBrowse(t *testing.T, r *Receiver, service string, names []string, traceID string) {
	t.Helper()
	var services, spanNames []string
	getJSON(t, r, "/api/v2/services", &services)
	getJSON(t, r, "/api/v2/spans?serviceName="+service, &spanNames)
	sort.Strings(names)
	if !reflect.DeepEqual(services, []string{service}) || !reflect.DeepEqual(spanNames, names) {
		t.Errorf("services %v, span names %v; want [%s] %v", services, spanNames, service, names)
	}
	var traces [][]struct{ TraceID string }
	getJSON(t, r, "/api/v2/traces?serviceName="+service, &traces)
	if len(traces) != 1 || len(traces[0]) != 2 || traces[0][0].TraceID != traceID {
		t.Errorf("traces of %s: %+v", service, traces)
	}
}

const (
	zipkinJSServer = `{"traceId":"$TRACE","id":"$SERVER","kind":"SERVER","name":"get /items",
		"localEndpoint":{"serviceName":"js-frontend","ipv4":"10.0.0.1","port":3000},
		"annotations":[{"value":"cache miss"}],"tags":{"http.path":"/items"}}`
	zipkinJSClient = `{"traceId":"$TRACE","parentId":"$SERVER","id":"$CLIENT","kind":"CLIENT","name":"get /db",
		"localEndpoint":{"serviceName":"js-frontend"},
		"remoteEndpoint":{"serviceName":"js-db","ipv4":"10.0.0.2","port":5432},"tags":{"error":"timeout"}}`
)

// zipkin-js's HttpLogger sends v1 JSON by default (with a boolean "sa"), and
// v2 JSON with jsonEncoder JSON_V2: both read back the same.
func TestRealClientZipkinJS(t *testing.T) {
	t.Parallel()
	env := requireNode(t, "zipkin-transport-http")
	script := filepath.Join("testdata", "clients", "zipkinjs.js")
	for _, c := range []struct{ name, path, enc string }{
		{"default v1 JSON", "/api/v1/spans", ""},
		{"JSON_V2", secret.V2Path, "v2"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := startTestReceiver(t)
			ids := runClient(t, env, "node", script, "http://"+r.Addr()+c.path, c.enc)
			compareSpans(t, readBack(t, r, ids.TraceID), wantSpans(t, ids, zipkinJSServer, zipkinJSClient))
			checkBrowse(t, r, "js-frontend", []string{"get /items", "get /db"}, ids.TraceID)
		})
	}
}

// @opentelemetry/exporter-zipkin sends v2 JSON with a 128-bit trace ID, the
// resource's service.name as a tag and an error status as tags.
func TestRealClientOpenTelemetryJS(t *testing.T) {
	t.Parallel()
	env := requireNode(t, "@opentelemetry/exporter-zipkin")
	r := startTestReceiver(t)
	ids := runClient(t, env, "node", filepath.Join("testdata", "clients", "otel.js"), r.URL())
	compareSpans(t, readBack(t, r, ids.TraceID), wantSpans(t, ids,
		`{"traceId":"$TRACE","id":"$SERVER","kind":"SERVER","name":"get /cart","localEndpoint":{"serviceName":"otel-shop"},
			"annotations":[{"value":"cart loaded"}],"tags":{"http.method":"GET","service.name":"otel-Shop"}}`,
		`{"traceId":"$TRACE","parentId":"$SERVER","id":"$CLIENT","kind":"CLIENT","name":"charge","localEndpoint":{"serviceName":"otel-shop"},
			"tags":{"error":"card declined","otel.status_code":"ERROR","peer.service":"payments","service.name":"otel-Shop"}}`))
	checkBrowse(t, r, "otel-shop", []string{"get /cart", "charge"}, ids.TraceID)
}

// py_zipkin sends v1 Thrift to /api/v1/spans by default.
func TestRealClientPyZipkin(t *testing.T) {
	t.Parallel()
	python := os.Getenv("ZIPKIN_PLAYGROUND_PYTHON")
	if python == "" {
		python = "/usr/bin/python3"
	}
	err := exec.Command(python, "-c", "import py_zipkin").Run()
	requireClient(t, err == nil, "py_zipkin (Debian python3-py-zipkin) for "+python)
	r := startTestReceiver(t)
	ids := runClient(t, nil, python, filepath.Join("testdata", "clients", "pyzipkin.py"), "http://"+r.Addr())
	compareSpans(t, readBack(t, r, ids.TraceID), wantSpans(t, ids,
		`{"traceId":"$TRACE","id":"$SERVER","kind":"SERVER","name":"post /orders",
			"localEndpoint":{"serviceName":"py-backend","ipv4":"10.0.0.3","port":8000},"tags":{"http.method":"POST"}}`,
		`{"traceId":"$TRACE","parentId":"$SERVER","id":"$CLIENT","kind":"CLIENT","name":"call billing",
			"localEndpoint":{"serviceName":"py-backend","ipv4":"10.0.0.3","port":8000},
			"remoteEndpoint":{"serviceName":"billing","ipv4":"10.0.0.4","port":9000},
			"annotations":[{"value":"card sent"}],"tags":{"error":"refused"}}`))
	checkBrowse(t, r, "py-backend", []string{"post /orders", "call billing"}, ids.TraceID)
}
