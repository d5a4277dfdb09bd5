package ui

import (
	"zipkin-playground/ui/component"
)

// verifyActions is V.
func verifyActions(k *component.KeyMap) []action {
	return []action{{&k.Verify, canVerify, with(verifierOf, component.Verifier.ReadBack)}}
}

func canVerify(m *Model) string {
	switch {
	case m.common.Verify.Running():
		return "a verification is running: wait for its results"
	case m.common.Session.Outbox().Counts().Delivered == 0:
		return "nothing delivered yet: flush ({Flush}) first, then {Verify} reads the traces back from the query API"
	}
	return ""
}

// verifierOf is the verifier, for V.
func verifierOf(m *Model) component.Verifier { return component.Verifier{Common: m.common} }
