package workshop

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestHostKeyIsCreatedOnceAndReused(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "conf", "host_key")
	first := startWorkshop(t, Options{HostKey: path})
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("the host key is %04o, want 0600", fi.Mode().Perm())
	}
	if dir, _ := os.Stat(filepath.Dir(path)); dir.Mode().Perm() != 0o700 {
		t.Errorf("its directory is %04o, want 0700", dir.Mode().Perm())
	}
	second := startWorkshop(t, Options{HostKey: path})
	if a, b := first.Fingerprint(), second.Fingerprint(); a != b || !strings.HasPrefix(a, "SHA256:") {
		t.Errorf("fingerprints %q then %q: want the same SHA256 twice", a, b)
	}
	if !strings.Contains(second.JoinBlock(), first.Fingerprint()) {
		t.Errorf("the join block lacks the fingerprint:\n%s", second.JoinBlock())
	}
}

func TestHostKeyRefusesWhatIsNotAPrivateKey(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	open := filepath.Join(dir, "readable")
	junk := filepath.Join(dir, "junk")
	os.WriteFile(open, []byte("x"), 0o644)
	os.WriteFile(junk, []byte("not a key"), 0o600)
	for path, want := range map[string]string{open: "can be read by others", junk: "not a private key", dir: "not a regular file"} {
		if _, _, err := hostKey(path); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", filepath.Base(path), err, want)
		}
	}
}

func TestJoinBlock(t *testing.T) {
	t.Parallel()
	s := startWorkshop(t, Options{Code: "tracing42"})
	_, port, _ := strings.Cut(s.Addr().String(), ":")
	block := s.JoinBlock()
	for _, want := range []string{"ssh -p " + port + " NAME@127.0.0.1", "Join code (ssh asks for it, as a password or on a join screen): tracing42", s.Fingerprint(), "embedded receiver http://127.0.0.1:"} {
		if !strings.Contains(block, want) {
			t.Errorf("the join block lacks %q:\n%s", want, block)
		}
	}
}

func TestServiceName(t *testing.T) {
	t.Parallel()
	for user, want := range map[string]string{
		"ann":                    "ann",
		"Ann.Lee":                "ann.lee",
		"bob smith":              "bob-smith",
		"\x1b[2Jevil":            "2jevil",
		"":                       "attendee",
		"---":                    "attendee",
		"élodie":                 "lodie",
		strings.Repeat("a", 100): strings.Repeat("a", maxNameLen),
	} {
		if have := serviceName(user); have != want {
			t.Errorf("serviceName(%q) = %q, want %q", user, have, want)
		}
	}
}

func TestNonLoopbackNeedsACode(t *testing.T) {
	t.Parallel()
	o := Options{SSH: "0.0.0.0:0", MaxAttendees: 1, HostKey: filepath.Join(t.TempDir(), "k")}
	if _, err := Start(defaultTestConfig(), o, nil); err != errCodeNeeded {
		t.Errorf("0.0.0.0 without a code: %v", err)
	}
}
