package secret

import "testing"

// A secret that is a plain word is masked where it stands as a word, not
// inside other words: a path segment "auth" must not garble "unauthorized".
func TestMaskLeavesWordsThatHoldASecretAlone(t *testing.T) {
	t.Parallel()
	ep, err := ParseEndpoint("http://collector:9411/auth/api/v2/spans")
	if err != nil {
		t.Fatal(err)
	}
	m := NewMasker(ep, []Header{{Name: "X-User", Value: "admin"}})
	for _, c := range []struct{ in, want string }{
		{`HTTP 401: "unauthorized"`, `HTTP 401: "unauthorized"`},
		{"the administrator said no", "the administrator said no"},
		{"POST /auth/api/v2/spans", "POST /****/api/v2/spans"},
		{"user admin is not allowed", "user **** is not allowed"},
		{"auth failed", "**** failed"},
	} {
		if want, have := c.want, m.Mask(c.in); want != have {
			t.Errorf("Mask(%q): want %q, have %q", c.in, want, have)
		}
	}
}
