package workshop

import (
	"crypto/ed25519"
	"crypto/rand"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// keyOnlyAuth is a client that offers a public key and nothing else.
func keyOnlyAuth(t *testing.T) gossh.AuthMethod {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return gossh.PublicKeys(signer)
}

// TestKeyOnlyClientTypesTheCode: a client with a key alone gets in, sees
// the join screen (the code masked as it is typed) and, once the code is
// right, their playground.
func TestKeyOnlyClientTypesTheCode(t *testing.T) {
	t.Parallel()
	s := startWorkshop(t, Options{Code: "tracing42"})
	ann := playground(t, mustDial(t, s, "ann", keyOnlyAuth(t)), 80, 24)
	ann.waitFor(t, 0, joinPrompt)
	if strings.Contains(ann.text(), "Welcome") {
		t.Fatal("the playground showed before the join code was typed")
	}
	mark := len(ann.text())
	ann.press(t, "tracing42", "\r")
	ann.waitFor(t, mark, "service ann")
	if strings.Contains(ann.text(), "tracing42") {
		t.Error("the join code was shown as it was typed")
	}
}

// TestKeyOnlyClientWrongCodeThrice: three wrong codes close the session
// with one sentence; the playground never shows.
func TestKeyOnlyClientWrongCodeThrice(t *testing.T) {
	t.Parallel()
	s := startWorkshop(t, Options{Code: "tracing42"})
	bob := playground(t, mustDial(t, s, "bob", keyOnlyAuth(t)), 80, 24)
	bob.waitFor(t, 0, joinPrompt)
	for _, left := range []string{"(2 tries left)", "(1 try left)"} {
		mark := len(bob.text())
		bob.press(t, "tracing24", "\r")
		bob.waitFor(t, mark, left)
	}
	bob.press(t, "tracing24", "\r")
	_ = bob.ses.Wait() // the session ends
	bob.waitFor(t, 0, tooManyTries)
	waitUntil(t, "bob off the roster", func() bool { _, ok := attendeeNamed(s, "bob"); return !ok })
	if strings.Contains(bob.text(), "Welcome") {
		t.Error("the playground showed without the join code")
	}
}

// TestKeyOnlyClientLeaves: esc on the join screen ends the session.
func TestKeyOnlyClientLeaves(t *testing.T) {
	t.Parallel()
	s := startWorkshop(t, Options{Code: "tracing42"})
	cy := playground(t, mustDial(t, s, "cy", keyOnlyAuth(t)), 80, 24)
	cy.waitFor(t, 0, joinPrompt)
	cy.press(t, "\x1b")
	_ = cy.ses.Wait()
	waitUntil(t, "cy off the roster", func() bool { _, ok := attendeeNamed(s, "cy"); return !ok })
}

// TestPasswordSkipsTheJoinScreen: the code given as the SSH password goes
// straight to the playground.
func TestPasswordSkipsTheJoinScreen(t *testing.T) {
	t.Parallel()
	s := startWorkshop(t, Options{Code: "tracing42"})
	dee := playground(t, mustDial(t, s, "dee", gossh.Password("tracing42"), keyOnlyAuth(t)), 80, 24)
	dee.waitFor(t, 0, "service dee")
	if strings.Contains(dee.text(), joinPrompt) {
		t.Error("the join screen showed after the right password")
	}
}

// TestQSaysYouLeft: q in the playground ends the attendee's session with
// one sentence, not a screen that just vanishes.
func TestQSaysYouLeft(t *testing.T) {
	t.Parallel()
	s := startWorkshop(t, Options{})
	eve := playground(t, mustDial(t, s, "eve"), 80, 24)
	eve.waitFor(t, 0, "Welcome")
	mark := len(eve.text())
	eve.press(t, "q")
	_ = eve.ses.Wait()
	eve.waitFor(t, mark, leftSentence)
}

// TestJoinScreenHoldsNoPlace: until the code is typed a key-only
// connection takes no place, no name and no line on the board; a place
// gone meanwhile is said on the join screen.
func TestJoinScreenHoldsNoPlace(t *testing.T) {
	t.Parallel()
	s := startWorkshop(t, Options{Code: "tracing42", MaxAttendees: 1})
	ann := playground(t, mustDial(t, s, "ann", keyOnlyAuth(t)), 80, 24)
	ann.waitFor(t, 0, joinPrompt)
	if got := names(s); got != "[]" {
		t.Errorf("on the join screen, the roster holds %s", got)
	}
	playground(t, mustDial(t, s, "ann", gossh.Password("tracing42")), 80, 24).waitFor(t, 0, "service ann")
	ann.press(t, "tracing42", "\r")
	_ = ann.ses.Wait()
	ann.waitFor(t, 0, "The workshop is full")
}
