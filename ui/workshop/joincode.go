package workshop

import "github.com/charmbracelet/ssh"

// askedKey marks a connection that was asked for the join code already.
type askedKey struct{}

// codeInstruction is what ssh shows above the join code prompt: the second
// time on one connection, that the last answer was wrong (OpenSSH asks
// again, and the same words twice read as if nothing had been typed).
func codeInstruction(ctx ssh.Context) string {
	if ctx.Value(askedKey{}) != nil {
		return "That is not the join code: ask the presenter for it."
	}
	ctx.SetValue(askedKey{}, true)
	return "This workshop needs its join code."
}

// keyOnlyKey marks a connection let in by a public key alone: it has not
// given the join code yet.
type keyOnlyKey struct{}

// acceptKeyOnly lets any key in (a key proves nothing here: the workshop
// knows no one's key) and marks the connection, so that its playground
// starts with the join screen. A client that tries the code first as its
// password never gets here.
func acceptKeyOnly(ctx ssh.Context, _ ssh.PublicKey) bool {
	ctx.SetValue(keyOnlyKey{}, true)
	return true
}

// keyOnly reports whether the connection has still to type the join code.
func keyOnly(ctx ssh.Context) bool {
	v, _ := ctx.Value(keyOnlyKey{}).(bool)
	return v
}
