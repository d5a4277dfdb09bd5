package secret

import (
	"reflect"
	"testing"
)

func TestHiddenNamesWhatIsMasked(t *testing.T) {
	t.Parallel()
	for raw, want := range map[string][]string{
		"http://127.0.0.1:9411/api/v2/spans":                 nil,
		"http://127.0.0.1:9411/tok3n/api/v2/spans":           {"the path before /api/"},
		"https://u:pa55@collector/api/v2/spans?token=s3cr3t": {"the user and password before @", "the query values"},
		"https://collector/tok3n/v2/spans":                   {"the path before /v2/spans"},
		"https://collector/x/adapt_abc@def/traces":           {"each token-like path segment"},
		"https://collector/api/v2/spans#frag":                {"the part after #"},
	} {
		ep, err := ParseEndpoint(raw)
		if err != nil {
			t.Fatal(err)
		}
		if got := ep.Hidden(); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: hidden %q, want %q (masked %s)", raw, got, want, ep.Masked())
		}
	}
}
