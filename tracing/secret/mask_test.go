package secret

import (
	"errors"
	"strings"
	"testing"
)

// Every path segment before /api/ is one mask, whatever it looks like.
func TestMaskedEndpointPathPrefix(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, want string }{
		{"http://h/t/api/v2/spans", "http://h/****/api/v2/spans"},
		{"http://h/secrettoken/api/v2/spans", "http://h/****/api/v2/spans"},
		{"http://h/12345678/api/v2/spans", "http://h/****/api/v2/spans"},
		{"http://h/tenant/k3y/api/v2/spans", "http://h/****/api/v2/spans"},
		{"http://h:9411/api/v2/spans", "http://h:9411/api/v2/spans"},
		{"http://h/spans", "http://h/spans"},
		{armsURL, "http://tracing-analysis-dc-hz.aliyuncs.com/****/api/v2/spans"},
		{"https://alice:pw@h/api/v2/spans", "https://****@h/api/v2/spans"},
	} {
		ep, err := ParseEndpoint(c.in)
		if err != nil {
			t.Fatal(err)
		}
		if have := ep.Masked(); have != c.want {
			t.Errorf("%q: want %q, have %q", c.in, c.want, have)
		}
	}
}

// Each way a secret could leak (userinfo, query values, path segments before
// /api/, header values echoed back), as free text the program shows.
func TestMaskerClosesLeaks(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		endpoint string
		headers  []Header
		text     string
		secrets  []string
	}{
		{"short path token in an error", "http://h/t0k/api/v2/spans", nil,
			`Post "http://h/t0k/api/v2/spans": dial tcp: connection refused`, []string{"/t0k/"}},
		{"all-letter path token echoed", "http://h/secrettoken/api/v2/spans", nil,
			"unknown tenant secrettoken", []string{"secrettoken"}},
		{"all-digit path token echoed", "http://h/12345678/api/v2/spans", nil,
			"tenant 12345678 is suspended", []string{"12345678"}},
		{"two-segment prefix", "http://h/tenant/k3y/api/v2/spans", nil,
			`Post "http://h/tenant/k3y/api/v2/spans": EOF`, []string{"tenant/k3y"}},
		{"token echoed without Bearer", "http://h/api/v2/spans", []Header{{"Authorization", "Bearer s3cr3t-t0ken"}},
			"invalid token s3cr3t-t0ken", []string{"s3cr3t-t0ken"}},
		{"basic credentials echoed", "http://h/api/v2/spans", []Header{{"Authorization", "Basic YWxpY2U6d29uZGVybGFuZA=="}},
			"user alice, password wonderland refused", []string{"alice", "wonderland"}},
		{"username in a redacted URL", "https://alice:wonderland@h/api/v2/spans", nil,
			`Post "https://alice:***@h/api/v2/spans": dial tcp: lookup h: no such host`, []string{"alice"}},
		{"username echoed", "https://alice:wonderland@h/api/v2/spans", nil,
			"hello alice", []string{"alice"}},
	}
	for _, c := range cases {
		ep, err := ParseEndpoint(c.endpoint)
		if err != nil {
			t.Fatal(err)
		}
		out := NewMasker(ep, c.headers).Mask(c.text)
		for _, s := range c.secrets {
			if strings.Contains(out, s) {
				t.Errorf("%s: %q still shows %q", c.name, out, s)
			}
		}
		if !strings.Contains(out, MaskText) {
			t.Errorf("%s: %q shows no mask", c.name, out)
		}
	}
}

// A URL that does not parse still has its query values and userinfo hidden
// in the error (the CLI and the E prompt show it).
func TestMalformedEndpointErrorsMaskSecrets(t *testing.T) {
	t.Parallel()
	for _, raw := range []string{
		"http://h:99x/api/v2/spans?token=hunter22",
		"http://bob:hunter22@h:bad/api/v2/spans",
		"h/t0ken99/api/v2/spans?token=hunter22",
		"http://h/t0ken99/api/v2/spans?token=hunter22\x7f",
	} {
		_, err := ParseEndpoint(raw)
		if err == nil {
			t.Errorf("%q: want an error", raw)
			continue
		}
		for _, s := range []string{"hunter22", "t0ken99", "bob"} {
			if strings.Contains(err.Error(), s) {
				t.Errorf("%q: error leaks %q: %v", raw, s, err)
			}
		}
		if !errors.Is(err, ErrMalformedEndpoint) {
			t.Errorf("%q: %v", raw, err)
		}
	}
}
