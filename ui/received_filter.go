package ui

// ShowReceivedOf shows in the Received pane only the traces service took
// part in; "" shows every trace again.
func (m *Model) ShowReceivedOf(service string) {
	m.received.ShowOnly(service)
}

// FocusReceived gives the Received pane the keys (and the most room), as
// for a presenter watching traces arrive.
func (m *Model) FocusReceived() {
	if m.received.Available() {
		m.screen.focus(m.received)
		m.screen.resize(m.status)
	}
}
