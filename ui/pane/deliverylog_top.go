package pane

// AddTop appends a note and, when it is taller than the log, shows it from
// its first line: a shop call's request line and status stay in sight on a
// small screen, the headers under them are j or G away.
func (l *DeliveryLog) AddTop(note string) {
	l.Add(note)
	l.scroll = max(0, len(l.Lines(1))-l.Height)
}
