package workshop

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"zipkin-playground/tracing"
)

func TestMain(m *testing.M) {
	wrongCodeDelay = 10 * time.Millisecond // the half second would only slow the tests that type wrong codes
	os.Exit(m.Run())
}

// waitLimit bounds every wait for the server: generous, since the machine
// may be busy; a test that reaches it has failed.
const waitLimit = 20 * time.Second

// startWorkshop is a workshop on free loopback ports with a fresh host key.
func startWorkshop(t *testing.T, o Options, mutate ...func(*tracing.Config)) *Server {
	t.Helper()
	cfg := defaultTestConfig()
	for _, f := range mutate {
		f(&cfg)
	}
	o.SSH = "127.0.0.1:0"
	if o.MaxAttendees == 0 {
		o.MaxAttendees = 10
	}
	if o.HostKey == "" {
		o.HostKey = filepath.Join(t.TempDir(), "host_key")
	}
	s, err := Start(cfg, o, func(string, ...any) {}) // sessions may log after the test ends
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func defaultTestConfig() tracing.Config {
	cfg := tracing.DefaultConfig()
	cfg.Listen = "127.0.0.1:0"
	cfg.IP = "10.0.0.1"
	return cfg
}

// dial connects as user with the auth methods given (none: no auth).
func dial(s *Server, user string, auth ...gossh.AuthMethod) (*gossh.Client, error) {
	return gossh.Dial("tcp", s.Addr().String(), &gossh.ClientConfig{
		User: user, Auth: auth, HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: waitLimit,
	})
}

func mustDial(t *testing.T, s *Server, user string, auth ...gossh.AuthMethod) *gossh.Client {
	t.Helper()
	c, err := dial(s, user, auth...)
	if err != nil {
		t.Fatalf("%s: %v", user, err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// screen is what a session printed, escape sequences removed.
type screen struct {
	mu  sync.Mutex
	buf bytes.Buffer
	in  io.WriteCloser
	ses *gossh.Session
}

// Write records output and answers the background colour and device
// attributes queries as a terminal does (the renderer waits for them).
func (s *screen) Write(p []byte) (int, error) {
	if bytes.Contains(p, []byte("\x1b[c")) {
		go io.WriteString(s.in, "\x1b]11;rgb:0000/0000/0000\x07\x1b[?62;22c")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

var escapes = regexp.MustCompile(`\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]`)

// text is everything printed so far, without escape sequences.
func (s *screen) text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return escapes.ReplaceAllString(s.buf.String(), "")
}

// since is the text printed after mark (a length of text()).
func (s *screen) since(mark int) string {
	t := s.text()
	if mark > len(t) {
		return ""
	}
	return t[mark:]
}

// waitFor waits until the text after mark holds want.
func (s *screen) waitFor(t *testing.T, mark int, want string) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for time.Now().Before(deadline) {
		if strings.Contains(s.since(mark), want) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("the screen never showed %q; it shows:\n%s (raw %q)", want, lastChars(s.since(mark), 3000), lastChars(s.buf.String(), 300))
}

// press types keys, one write each.
func (s *screen) press(t *testing.T, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if _, err := io.WriteString(s.in, k); err != nil {
			t.Fatalf("typing %q: %v", k, err)
		}
		time.Sleep(30 * time.Millisecond) // one key per read, as a person types
	}
}

func lastChars(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// playground opens a terminal session of w×h with a shell: the playground.
func playground(t *testing.T, c *gossh.Client, w, h int) *screen {
	t.Helper()
	ses, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ses.Close() })
	sc := &screen{ses: ses}
	ses.Stdout, ses.Stderr = sc, sc
	if sc.in, err = ses.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := ses.RequestPty("xterm", h, w, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := ses.Shell(); err != nil {
		t.Fatal(err)
	}
	return sc
}

// waitUntil polls cond until it holds.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("never: %s", what)
}

// attendee returns the view of the attendee called name, if connected.
func attendeeNamed(s *Server, name string) (AttendeeView, bool) {
	for _, a := range s.Attendees() {
		if a.Name == name {
			return a, true
		}
	}
	return AttendeeView{}, false
}

func names(s *Server) string {
	var out []string
	for _, a := range s.Attendees() {
		out = append(out, a.Name)
	}
	return fmt.Sprint(out)
}
