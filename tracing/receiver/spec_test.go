package receiver

import (
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// zipkinAPI is testdata/zipkin-api/zipkin2-api.yaml, read once.
var zipkinAPI = sync.OnceValues(func() (map[string]any, error) {
	b, err := os.ReadFile(filepath.Join("testdata", "zipkin-api", "zipkin2-api.yaml"))
	if err != nil {
		return nil, err
	}
	v, err := readYAMLSubset(string(b))
	m, _ := v.(map[string]any)
	if err == nil && (m["paths"] == nil || m["definitions"] == nil) {
		err = fmt.Errorf("zipkin2-api.yaml: no paths or definitions read")
	}
	return m, err
})

// specPath is the zipkin2-api.yaml path a query URL path answers, "" when it
// is not one of the query API's.
func specPath(path string) string {
	path, _, _ = strings.Cut(strings.TrimPrefix(path, "/zipkin"), "?")
	if !strings.HasPrefix(path, "/api/v2/") {
		return ""
	}
	path = strings.TrimPrefix(path, "/api/v2")
	if strings.HasPrefix(path, "/trace/") {
		return "/trace/{traceId}"
	}
	return path
}

// checkAgainstSpec fails t when a 200 answer of the query API does not
// validate against zipkin2-api.yaml's schema for its path. getJSON calls it,
// so every answer the receiver's tests read is checked.
func checkAgainstSpec(t testing.TB, path string, body []byte) {
	t.Helper()
	p := specPath(path)
	if p == "" {
		return
	}
	api, err := zipkinAPI()
	if err != nil {
		t.Fatal(err)
	}
	schema := dig(api, "paths", p, "get", "responses", "200", "schema")
	if gap, ok := specGaps[p]; ok {
		schema = gap
	}
	if schema == nil {
		t.Errorf("GET %s: zipkin2-api.yaml has no 200 schema for %s", path, p)
		return
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Errorf("GET %s: not JSON: %v", path, err)
		return
	}
	if err := (specValidator{api}).check(schema, v, "$"); err != nil {
		t.Errorf("GET %s: answer does not validate against zipkin2-api.yaml: %v\n%s", path, err, body)
	}
}

// specGaps are the answers zipkin2-api.yaml gets wrong or leaves out, with
// the schema Zipkin's server (ZipkinQueryApiV2) actually answers: GET /spans
// is given the schema ListOfSpans, yet answers span names (a list of
// strings, as its description says); GET /remoteServices is served by Zipkin
// (getRemoteServiceNames) but not in the file.
var specGaps = map[string]any{
	"/spans":          map[string]any{"type": "array", "items": map[string]any{"type": "string"}},
	"/remoteServices": map[string]any{"type": "array", "items": map[string]any{"type": "string"}},
}

func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// specValidator checks a JSON value against the Swagger 2.0 schema keywords
// zipkin2-api.yaml uses: $ref, type, items, properties, required,
// additionalProperties, enum, pattern (whole value), minLength, maxLength,
// minimum, format ipv4/ipv6/int64, uniqueItems.
type specValidator struct{ api map[string]any }

func (sv specValidator) check(schema, v any, at string) error {
	s, _ := schema.(map[string]any)
	if ref, ok := s["$ref"].(string); ok {
		return sv.check(dig(sv.api, "definitions", strings.TrimPrefix(ref, "#/definitions/")), v, at)
	}
	if err := checkType(s, v, at); err != nil {
		return err
	}
	switch x := v.(type) {
	case []any:
		return sv.checkArray(s, x, at)
	case map[string]any:
		return sv.checkObject(s, x, at)
	case string:
		return checkString(s, x, at)
	case float64:
		if min, ok := s["minimum"].(int64); ok && x < float64(min) {
			return fmt.Errorf("%s: %v under the minimum %d", at, x, min)
		}
	}
	return nil
}

func checkType(s map[string]any, v any, at string) error {
	want, _ := s["type"].(string)
	ok := true
	switch want {
	case "array":
		_, ok = v.([]any)
	case "object":
		_, ok = v.(map[string]any)
	case "string":
		_, ok = v.(string)
	case "boolean":
		_, ok = v.(bool)
	case "integer":
		f, isNum := v.(float64)
		ok = isNum && f == float64(int64(f))
	}
	if !ok {
		return fmt.Errorf("%s: %v is not of type %s", at, v, want)
	}
	return nil
}

func (sv specValidator) checkArray(s map[string]any, x []any, at string) error {
	for i, item := range x {
		if err := sv.check(s["items"], item, fmt.Sprintf("%s[%d]", at, i)); err != nil {
			return err
		}
		if s["uniqueItems"] == true {
			for _, earlier := range x[:i] {
				if reflect.DeepEqual(earlier, item) {
					return fmt.Errorf("%s[%d]: a repeat, where items are unique", at, i)
				}
			}
		}
	}
	return nil
}

func (sv specValidator) checkObject(s map[string]any, x map[string]any, at string) error {
	required, _ := s["required"].([]any)
	for _, r := range required {
		if _, ok := x[r.(string)]; !ok {
			return fmt.Errorf("%s: required %s missing", at, r)
		}
	}
	props, _ := s["properties"].(map[string]any)
	for k, v := range x {
		if ps, ok := props[k]; ok {
			if err := sv.check(ps, v, at+"."+k); err != nil {
				return err
			}
		} else if ap, ok := s["additionalProperties"]; ok {
			if err := sv.check(ap, v, at+"."+k); err != nil {
				return err
			}
		}
	}
	return nil
}

func checkString(s map[string]any, x, at string) error {
	if min, ok := s["minLength"].(int64); ok && int64(len(x)) < min {
		return fmt.Errorf("%s: %q shorter than %d", at, x, min)
	}
	if max, ok := s["maxLength"].(int64); ok && int64(len(x)) > max {
		return fmt.Errorf("%s: %q longer than %d", at, x, max)
	}
	if pat, ok := s["pattern"].(string); ok && !regexp.MustCompile("^(?:"+pat+")$").MatchString(x) {
		return fmt.Errorf("%s: %q does not match %s", at, x, pat)
	}
	if enum, ok := s["enum"].([]any); ok && !containsValue(enum, x) {
		return fmt.Errorf("%s: %q not one of %v", at, x, enum)
	}
	ip := net.ParseIP(x)
	switch s["format"] {
	case "ipv4":
		if ip == nil || ip.To4() == nil || strings.Contains(x, ":") {
			return fmt.Errorf("%s: %q is not an IPv4 address", at, x)
		}
	case "ipv6":
		if ip == nil || !strings.Contains(x, ":") {
			return fmt.Errorf("%s: %q is not an IPv6 address", at, x)
		}
	}
	return nil
}

func containsValue(list []any, v any) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// The validator refuses what zipkin2-api.yaml refuses: each of these answers
// is one the receiver served before it cleaned spans up as Zipkin does.
func TestSpecValidatorRefusesWhatTheSpecRefuses(t *testing.T) {
	t.Parallel()
	api, err := zipkinAPI()
	if err != nil {
		t.Fatal(err)
	}
	trace := dig(api, "paths", "/trace/{traceId}", "get", "responses", "200", "schema")
	ok := `{"traceId":"000000000000000a","id":"000000000000000b"}`
	if err := (specValidator{api}).check(trace, decodeAny(t, "["+ok+"]"), "$"); err != nil {
		t.Fatalf("a valid span refused: %v", err)
	}
	for _, bad := range []string{
		`{"traceId":"000000000000000a","id":"000000000000000b","kind":"INTERNAL"}`,
		`{"traceId":"000000000000000a","id":"000000000000000b","localEndpoint":{"ipv6":"10.0.0.1"}}`,
		`{"traceId":"000000000000000a","id":"000000000000000b","annotations":[{"timestamp":1,"value":"a"},{"timestamp":1,"value":"a"}]}`,
		`{"traceId":"000000000000000A","id":"000000000000000b"}`,
		`{"traceId":"000000000000000a","id":"000000000000000b","parentId":"0"}`,
		`{"traceId":"000000000000000a","id":"000000000000000b","tags":{"n":1}}`,
		`{"traceId":"000000000000000a"}`,
	} {
		if err := (specValidator{api}).check(trace, decodeAny(t, "["+bad+"]"), "$"); err == nil {
			t.Errorf("validates, though zipkin2-api.yaml refuses it: %s", bad)
		}
	}
}

func decodeAny(t *testing.T, s string) any {
	var v any
	mustUnmarshal(t, []byte(s), &v)
	return v
}
