package receiver

import (
	"encoding/json"
	"net"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// zipkinreceiverModule holds v2 JSON fixtures nobody here wrote: the
// OpenTelemetry collector's Zipkin receiver testdata.
const zipkinreceiverModule = "github.com/open-telemetry/opentelemetry-collector-contrib/receiver/zipkinreceiver@v0.165.1"

// fixtureDir is the module's testdata, fetched with go mod download.
func fixtureDir(t *testing.T) string {
	out, err := exec.Command("go", "mod", "download", "-json", zipkinreceiverModule).Output()
	var mod struct{ Dir string }
	if err == nil {
		err = json.Unmarshal(out, &mod)
	}
	requireClient(t, err == nil && mod.Dir != "", "the module "+zipkinreceiverModule+" (go mod download)")
	return filepath.Join(mod.Dir, "testdata")
}

// Every fixture POSTed reads back as sent, with Zipkin's normalisation:
// span and service names lowercased, IP addresses in canonical form.
func TestReceiverZipkinreceiverFixtures(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob(filepath.Join(fixtureDir(t), "sample*.json"))
	if len(files) < 4 {
		t.Fatalf("fixtures: %v", files)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			r, sent := postFile(t, f)
			for _, s := range sent {
				want := zipkinNormalised(s)
				var back []map[string]any
				getJSON(t, r, "/api/v2/trace/"+s["traceId"].(string), &back)
				if !containsSpan(back, want) {
					wb, _ := json.Marshal(want)
					t.Errorf("span %s not read back as sent:\nwant %s\nin   %v", s["id"], wb, back)
				}
			}
		})
	}
}

// zipkinNormalised is a sent span as Zipkin stores it.
func zipkinNormalised(s map[string]any) map[string]any {
	b, _ := json.Marshal(s)
	var out map[string]any
	_ = json.Unmarshal(b, &out) // a deep copy
	if n, ok := out["name"].(string); ok {
		out["name"] = strings.ToLower(n)
	}
	for _, k := range []string{"localEndpoint", "remoteEndpoint"} {
		e, ok := out[k].(map[string]any)
		if !ok {
			continue
		}
		if n, ok := e["serviceName"].(string); ok {
			e["serviceName"] = strings.ToLower(n)
		}
		for _, ip := range []string{"ipv4", "ipv6"} {
			v, ok := e[ip].(string)
			switch {
			case !ok:
			case strings.Contains(v, ".") && strings.Contains(v, ":") && !strings.HasPrefix(v, "::"):
				// zipkin2.Endpoint.detectFamily reads an IPv4 part only
				// after "::" or "::ffff:"; "7::0.128.128.127" is dropped.
				delete(e, ip)
			default:
				e[ip] = net.ParseIP(v).String()
			}
		}
		if len(e) == 0 {
			delete(out, k)
		}
	}
	return out
}

func containsSpan(spans []map[string]any, want map[string]any) bool {
	for _, s := range spans {
		if reflect.DeepEqual(s, want) {
			return true
		}
	}
	return false
}
