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
