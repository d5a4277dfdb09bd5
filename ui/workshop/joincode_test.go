package workshop

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// TestWrongJoinCodeIsSaid: asked again after a wrong code, ssh shows that
// the code was wrong, not the first request once more; the right code then
// gets in.
func TestWrongJoinCodeIsSaid(t *testing.T) {
	t.Parallel()
	s := startWorkshop(t, Options{Code: "tracing42"})
	var said []string
	answers := []string{"tracing24", "tracing42"}
	auth := gossh.RetryableAuthMethod(gossh.KeyboardInteractive(func(_, instruction string, qs []string, _ []bool) ([]string, error) {
		said = append(said, instruction)
		a := answers[min(len(said), len(answers))-1]
		return []string{a}, nil
	}), 2)
	c := mustDial(t, s, "ann", auth)
	c.Close()
	if len(said) != 2 || said[0] != "This workshop needs its join code." ||
		said[1] != "That is not the join code: ask the presenter for it." {
		t.Errorf("ssh showed %q", said)
	}
}

// TestTurnedAwayIsOnTheBoard: the presenter hears of a join refused for a
// full room, as the attendee does.
func TestTurnedAwayIsOnTheBoard(t *testing.T) {
	t.Parallel()
	lines := make(chan string, 16)
	s, err := Start(defaultTestConfig(), Options{SSH: "127.0.0.1:0", MaxAttendees: 1, HostKey: filepath.Join(t.TempDir(), "host_key")},
		func(format string, args ...any) {
			select {
			case lines <- fmt.Sprintf(format, args...):
			default:
			}
		})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	playground(t, mustDial(t, s, "ann"), 80, 24).waitFor(t, 0, "Welcome")
	bob := playground(t, mustDial(t, s, "bob"), 80, 24)
	if err := bob.ses.Wait(); err == nil {
		t.Fatal("bob got in past --max-attendees 1")
	}
	want := "bob turned away: the workshop is full (1 attendee)"
	for {
		select {
		case l := <-lines:
			if strings.HasPrefix(l, want) {
				return
			}
		default:
			t.Fatalf("no line %q for the presenter", want)
		}
	}
}
