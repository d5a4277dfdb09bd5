package secret

import (
	"errors"
	"strings"
	"testing"
)

const armsURL = "http://tracing-analysis-dc-hz.aliyuncs.com/adapt_aokcdqnxyz@123456ff_abcdef123@abcdef123/api/v2/spans"

func TestParseEndpoint(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in, wantErr, wantWarn, wantMasked string
	}{
		{"http://localhost:9411/api/v2/spans", "", "", "http://localhost:9411/api/v2/spans"},
		{"localhost:9411/api/v2/spans", "no scheme", "", ""},
		{"tracing.example.com/adapt_abc@def_x@y/api/v2/spans", "add http:// or https://", "", ""},
		{"ftp://host/api/v2/spans", "not http or https", "", ""},
		{"http://", "no host", "", ""},
		{"http://host:99999999999/api/v2/spans", "malformed", "", ""},
		{"http://localhost:9411/api/v1/spans", "", "legacy v1", "http://localhost:9411/api/v1/spans"},
		{"http://localhost:9411", "", "no path", "http://localhost:9411"},
		{"http://localhost:9411/spans", "", "does not end in /api/v2/spans", "http://localhost:9411/spans"},
		{armsURL, "", "", "http://tracing-analysis-dc-hz.aliyuncs.com/****/api/v2/spans"},
		{"http://h/adapt_aokcdqnxyz@123/api/v2/spans", "", "looks truncated", "http://h/****/api/v2/spans"},
		{"https://user:pw@h/api/v2/spans?token=abc&x=1", "", "", "https://****@h/api/v2/spans?token=****&x=****"},
		{"https://h/k8f3j2k4l5m6n7b8v9c0x1z2/api/v2/spans", "", "", "https://h/****/api/v2/spans"},
	} {
		ep, err := ParseEndpoint(c.in)
		if c.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), c.wantErr) || !errors.Is(err, ErrMalformedEndpoint) {
				t.Errorf("%q: want error containing %q, have %v", c.in, c.wantErr, err)
			}
			if err != nil && strings.Contains(err.Error(), "adapt_abc") {
				t.Errorf("%q: error leaks the token: %v", c.in, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if want, have := c.wantMasked, ep.Masked(); want != have {
			t.Errorf("%q masked: want %q, have %q", c.in, want, have)
		}
		warn := strings.Join(ep.Warnings, "; ")
		if (c.wantWarn == "") != (warn == "") || !strings.Contains(warn, c.wantWarn) {
			t.Errorf("%q warnings: want %q, have %q", c.in, c.wantWarn, warn)
		}
	}
}

func TestMaskerHidesSecretsInFreeText(t *testing.T) {
	t.Parallel()
	ep, err := ParseEndpoint(armsURL)
	if err != nil {
		t.Fatal(err)
	}
	m := NewMasker(ep, []Header{{Name: "Authorization", Value: "Bearer s3cr3t-t0ken"}})
	netErr := `Post "` + armsURL + `": dial tcp: lookup tracing-analysis-dc-hz.aliyuncs.com: no such host`
	for _, in := range []string{
		netErr,
		"token adapt_aokcdqnxyz@123456ff_abcdef123@abcdef123 in a message",
		"header was Bearer s3cr3t-t0ken",
	} {
		out := m.Mask(in)
		for _, secret := range []string{"adapt_aokcdqnxyz", "123456ff_abcdef123", "s3cr3t-t0ken"} {
			if strings.Contains(out, secret) {
				t.Errorf("Mask(%q) = %q still contains %q", in, out, secret)
			}
		}
		if !strings.Contains(out, MaskText) {
			t.Errorf("Mask(%q) = %q shows no mask", in, out)
		}
	}
	if want, have := "no such host", m.Mask(netErr); !strings.Contains(have, want) {
		t.Errorf("masking lost the message: %q", have)
	}
}
