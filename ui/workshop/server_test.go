package workshop

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"

	"zipkin-playground/tracing"
	"zipkin-playground/tracing/receiver"
	"zipkin-playground/tracing/secret"
)

func TestTwoAttendeesEachTheirOwnPlayground(t *testing.T) {
	t.Parallel()
	s := startWorkshop(t, Options{})
	ann := playground(t, mustDial(t, s, "Ann"), 80, 24)
	bob := playground(t, mustDial(t, s, "bob"), 80, 24)
	ann.waitFor(t, 0, "service ann")
	bob.waitFor(t, 0, "service bob")

	mark := len(ann.text())
	ann.press(t, "n")
	ann.waitFor(t, mark, "span name")
	ann.press(t, "\r", "f", "F")
	ann.waitFor(t, mark, "Verified")
	waitUntil(t, "ann's span in the receiver and on the board", func() bool {
		a, ok := attendeeNamed(s, "ann")
		return ok && a.Progress.Delivered == 1 && a.Progress.Verified == 1 && !a.LastKey.IsZero() &&
			len(s.Presenter().Receiver().Traces()) == 1
	})
	if b, _ := attendeeNamed(s, "bob"); b.Progress.Spans != 0 {
		t.Errorf("bob has %d spans: ann's keys reached him", b.Progress.Spans)
	}
	sp := s.Presenter().Receiver().Traces()[0].Spans[0]
	if sp.LocalEndpoint == nil || sp.LocalEndpoint.ServiceName != "ann" {
		t.Errorf("the receiver holds %+v, want service ann", sp.LocalEndpoint)
	}
	if strings.Contains(bob.text(), "operation") {
		t.Error("bob's screen shows ann's span")
	}
}

func TestWindowChangeResizesOnlyThatAttendee(t *testing.T) {
	t.Parallel()
	s := startWorkshop(t, Options{})
	ann := playground(t, mustDial(t, s, "ann"), 80, 24)
	ann.waitFor(t, 0, "Welcome")
	// The inspector's first words wrap after "IDs," at 80 columns; only a
	// wide inspector has room for them on one line.
	const wide = "its IDs, tags, annotations"
	if strings.Contains(ann.text(), wide) {
		t.Fatal("the 80-column inspector already has the wide line")
	}
	mark := len(ann.text())
	if err := ann.ses.WindowChange(40, 140); err != nil {
		t.Fatal(err)
	}
	ann.waitFor(t, mark, wide)
}

func TestJoinCode(t *testing.T) {
	t.Parallel()
	s := startWorkshop(t, Options{Code: "tracing42"})
	answer := func(code string) gossh.AuthMethod {
		return gossh.KeyboardInteractive(func(_, _ string, qs []string, _ []bool) ([]string, error) {
			out := make([]string, len(qs))
			for i := range qs {
				out[i] = code
			}
			return out, nil
		})
	}
	for _, tc := range []struct {
		name string
		auth []gossh.AuthMethod
		ok   bool
	}{
		{"right password", []gossh.AuthMethod{gossh.Password("tracing42")}, true},
		{"right keyboard-interactive", []gossh.AuthMethod{answer("tracing42")}, true},
		{"wrong password", []gossh.AuthMethod{gossh.Password("tracing43")}, false},
		{"wrong keyboard-interactive", []gossh.AuthMethod{answer("")}, false},
		{"no auth", nil, false},
	} {
		c, err := dial(s, "ann", tc.auth...)
		if c != nil {
			c.Close()
		}
		if (err == nil) != tc.ok {
			t.Errorf("%s: err %v", tc.name, err)
		}
	}
}

func TestOnlyThePlayground(t *testing.T) {
	t.Parallel()
	s := startWorkshop(t, Options{})
	rcv := s.Presenter().Receiver().Addr()
	session := func() *gossh.Session { // one session per connection
		ses, err := mustDial(t, s, "ann").NewSession()
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ses.Close() })
		return ses
	}
	if err := session().Start("cat /etc/passwd"); err == nil {
		t.Error("exec was accepted")
	}
	if err := session().RequestSubsystem("sftp"); err == nil {
		t.Error("the sftp subsystem was accepted")
	}
	c := mustDial(t, s, "ann")
	if conn, err := c.Dial("tcp", rcv); err == nil {
		conn.Close()
		t.Error("a local port forward (direct-tcpip) was accepted")
	}
	if ln, err := c.Listen("tcp", "127.0.0.1:0"); err == nil {
		ln.Close()
		t.Error("a remote port forward (tcpip-forward) was accepted")
	}
	// A shell without a terminal gets one sentence.
	ses := session()
	var out strings.Builder
	ses.Stdout, ses.Stderr = &out, &out
	err := ses.Shell()
	if err == nil {
		err = ses.Wait()
	}
	var exit *gossh.ExitError
	if !errors.As(err, &exit) || !strings.Contains(out.String(), "ssh -t") {
		t.Errorf("a shell without a terminal: err %v, said %q", err, out.String())
	}
	if got := names(s); got != "[]" {
		t.Errorf("refused sessions joined: %s", got)
	}
}

func TestMaxAttendees(t *testing.T) {
	t.Parallel()
	s := startWorkshop(t, Options{MaxAttendees: 1})
	ann := playground(t, mustDial(t, s, "ann"), 80, 24)
	ann.waitFor(t, 0, "Welcome")
	bob := playground(t, mustDial(t, s, "bob"), 80, 24)
	err := bob.ses.Wait()
	if err == nil || !strings.Contains(bob.text(), "The workshop is full (1 attendee): ask the presenter for a place.") {
		t.Errorf("the second attendee: err %v, said %q", err, bob.text())
	}
	if got := names(s); got != "[ann]" {
		t.Errorf("connected: %s", got)
	}
}

func TestOneConnectionPerName(t *testing.T) {
	t.Parallel()
	s := startWorkshop(t, Options{})
	playground(t, mustDial(t, s, "ann"), 80, 24).waitFor(t, 0, "Welcome")
	again := playground(t, mustDial(t, s, "ann"), 80, 24)
	if err := again.ses.Wait(); err == nil || !strings.Contains(again.text(), "Someone named ann is already connected") {
		t.Errorf("a second ann: err %v, said %q", err, again.text())
	}
	// Another user name that comes out as the same service name clashes:
	// it gets a suffix, so that each trace still says whose it is.
	playground(t, mustDial(t, s, "Ann"), 80, 24).waitFor(t, 0, "service ann-2")
	if got := names(s); got != "[ann ann-2]" {
		t.Errorf("connected: %s", got)
	}

	dup := startWorkshop(t, Options{AllowDuplicates: true})
	playground(t, mustDial(t, dup, "ann"), 80, 24).waitFor(t, 0, "service ann")
	playground(t, mustDial(t, dup, "ann"), 80, 24).waitFor(t, 0, "service ann-2")
	if got := names(dup); got != "[ann ann-2]" {
		t.Errorf("connected: %s", got)
	}
}

// panicky is a playground with bugs: p panics in Update, P in a command
// (in a batch, as the playground's commands often are).
type panicky struct{ tea.Model }

func (m panicky) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok {
		switch k.String() {
		case "p":
			panic("a bug in the playground")
		case "P":
			return m, tea.Batch(nil, func() tea.Msg { panic("a bug in a command") })
		}
	}
	inner, cmd := m.Model.Update(msg)
	return panicky{inner}, cmd
}

func TestAPanicEndsOnlyThatAttendee(t *testing.T) {
	t.Parallel()
	s := startWorkshop(t, Options{})
	healthy := s.newModel
	s.newModel = func(ts *tracing.Session, sess ssh.Session) tea.Model {
		if strings.HasPrefix(sess.User(), "crash") {
			return panicky{healthy(ts, sess)}
		}
		return healthy(ts, sess)
	}
	bob := playground(t, mustDial(t, s, "bob"), 80, 24)
	bob.waitFor(t, 0, "Welcome")
	for _, key := range []string{"p", "P"} {
		crash := playground(t, mustDial(t, s, "crash"+key), 80, 24)
		crash.waitFor(t, 0, "Welcome")
		crash.press(t, key)
		if err := crash.ses.Wait(); err != nil {
			t.Logf("the crashed session ended with %v", err)
		}
		crash.waitFor(t, 0, "The playground hit a bug and stopped for you")
		waitUntil(t, "crash has left", func() bool { return names(s) == "[bob]" })
	}

	mark := len(bob.text())
	bob.press(t, "n")
	bob.waitFor(t, mark, "span name")
	playground(t, mustDial(t, s, "carol"), 80, 24).waitFor(t, 0, "service carol")
}

func TestIdleAttendeeIsClosed(t *testing.T) {
	t.Parallel()
	s := startWorkshop(t, Options{Idle: 300 * 1e6}) // 300ms
	ann := playground(t, mustDial(t, s, "ann"), 80, 24)
	if err := ann.ses.Wait(); err != nil {
		t.Logf("ended with %v", err)
	}
	if !strings.Contains(ann.text(), "No key for 300ms") {
		t.Errorf("said %q", lastChars(ann.text(), 500))
	}
}

func TestSpanBudgetIsSplitFairly(t *testing.T) {
	t.Parallel()
	s := startWorkshop(t, Options{MaxAttendees: 4}, func(c *tracing.Config) { c.MaxSpans = 8 })
	ann := playground(t, mustDial(t, s, "ann"), 80, 24)
	ann.waitFor(t, 0, "Welcome")
	ann.press(t, "n", "\r", "n", "\r")
	waitUntil(t, "two spans", func() bool { a, _ := attendeeNamed(s, "ann"); return a.Progress.Spans == 2 })
	mark := len(ann.text())
	ann.press(t, "n")
	ann.waitFor(t, mark, "limit per attendee")
}

func TestAgentX11AndASecondSessionAreRefused(t *testing.T) {
	t.Parallel()
	s := startWorkshop(t, Options{AllowDuplicates: true})
	c := mustDial(t, s, "ann")
	ses, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer ses.Close()
	for _, req := range []string{"auth-agent-req@openssh.com", "x11-req"} {
		if ok, err := ses.SendRequest(req, true, nil); ok || err != nil {
			t.Errorf("%s: accepted %v, err %v", req, ok, err)
		}
	}
	accepted := 0
	for i := range 40 {
		payload := gossh.Marshal(struct{ Name, Value string }{fmt.Sprintf("V%d", i), "x"})
		if ok, _ := ses.SendRequest("env", true, payload); ok {
			accepted++
		}
	}
	if accepted != maxEnvRequests {
		t.Errorf("%d env requests accepted, want %d", accepted, maxEnvRequests)
	}
	if second, err := c.NewSession(); err == nil {
		second.Close()
		t.Error("a second session on one connection was opened")
	}
}

func TestAHugeWindowIsDrawnAtMostMaxCols(t *testing.T) {
	t.Parallel()
	s := startWorkshop(t, Options{})
	ann := playground(t, mustDial(t, s, "ann"), 80, 24)
	ann.waitFor(t, 0, "Welcome")
	mark := len(ann.text())
	if err := ann.ses.WindowChange(1_000_000, 1_000_000); err != nil {
		t.Fatal(err)
	}
	ann.waitFor(t, mark, "next kind")
	for _, line := range strings.Split(ann.since(mark), "\n") {
		if n := len([]rune(line)); n > maxCols*2 { // a line may carry a few cursor moves
			t.Fatalf("a line of %d runes for a 1,000,000-column window", n)
		}
	}
	mark = len(ann.text())
	ann.press(t, "n")
	ann.waitFor(t, mark, "span name")
}

func TestASharedBackendGetsTheAttendeesSpans(t *testing.T) {
	t.Parallel()
	backend, err := receiver.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { backend.Close() })
	s := startWorkshop(t, Options{}, func(c *tracing.Config) {
		c.Endpoint = backend.URL()
		c.Query = "http://" + backend.Addr()
		c.Headers = []secret.Header{{Name: "Authorization", Value: "Bearer hunter2"}}
	})
	if s.Presenter().Receiver() != nil {
		t.Error("the workshop started its own receiver beside the shared backend")
	}
	ann := playground(t, mustDial(t, s, "ann"), 120, 40)
	ann.waitFor(t, 0, "Welcome")
	mark := len(ann.text())
	ann.press(t, "n")
	ann.waitFor(t, mark, "span name")
	ann.press(t, "\r", "f", "F")
	ann.waitFor(t, mark, "Verified")
	ann.press(t, "p") // the payload preview and its curl: the header's value stays masked
	ann.waitFor(t, mark, "curl")
	if traces := backend.Traces(); len(traces) != 1 || traces[0].Spans[0].LocalEndpoint.ServiceName != "ann" {
		t.Errorf("the shared backend holds %+v", traces)
	}
	if strings.Contains(ann.text(), "hunter2") {
		t.Error("the workshop's header value reached an attendee's screen")
	}
}

// TestEachAttendeeHasTheirOwnColours: one terminal's colour profile does
// not decide another's (a renderer per session).
func TestEachAttendeeHasTheirOwnColours(t *testing.T) {
	t.Setenv("NO_COLOR", "") // the server's own NO_COLOR would turn colour off for all
	s := startWorkshop(t, Options{})
	colour := func(term string) string {
		c := mustDial(t, s, "ann-"+strings.ReplaceAll(term, "-", ""))
		ses, err := c.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		defer ses.Close()
		sc := &screen{ses: ses}
		ses.Stdout = sc
		sc.in, _ = ses.StdinPipe()
		if err := ses.RequestPty(term, 24, 80, gossh.TerminalModes{}); err != nil {
			t.Fatal(err)
		}
		if err := ses.Shell(); err != nil {
			t.Fatal(err)
		}
		sc.waitFor(t, 0, "Welcome")
		sc.mu.Lock()
		defer sc.mu.Unlock()
		return sc.buf.String()
	}
	if raw := colour("xterm-256color"); !strings.Contains(raw, "\x1b[38;5;") {
		t.Errorf("a 256-colour terminal got no 256-colour sequence:\n%q", lastChars(raw, 400))
	}
	if raw := colour("dumb"); strings.Contains(raw, "\x1b[38;") {
		t.Errorf("a dumb terminal got colours:\n%q", lastChars(raw, 400))
	}
}
