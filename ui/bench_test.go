package ui

import (
	"fmt"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// BenchmarkKeyFrame measures one key (Update) plus one frame (View) at
// 120×40 with 100, 1,000, 10,000 and 100,000 spans in the tree.
func BenchmarkKeyFrame(b *testing.B) {
	for _, n := range []int{100, 1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("spans=%d", n), func(b *testing.B) {
			s := newSession(b)
			for i := 0; i < n/10; i++ {
				root, _ := s.NewTrace(fmt.Sprintf("trace %d", i))
				parent := root
				for j := 1; j < 10; j++ {
					c, _ := s.Child(parent, fmt.Sprintf("span %d", j))
					if j%3 == 0 {
						parent = c
					}
					_ = s.Finish(c)
				}
				_ = s.Finish(root)
			}
			var m tea.Model = New(s)
			m, _ = m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
			m, _ = m.Update(keyMsg("G"))
			m, _ = m.Update(keyMsg("g"))
			keys := []tea.KeyMsg{keyMsg("j"), keyMsg("k")}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				m, _ = m.Update(keys[i%2])
				_ = m.View()
			}
		})
	}
}

// BenchmarkKeyFrameLearning is BenchmarkKeyFrame in learn mode, where every
// message also runs the current lesson's check (lesson 3 compares every
// span with the snapshot).
func BenchmarkKeyFrameLearning(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("spans=%d", n), func(b *testing.B) {
			s := newSession(b)
			for i := 0; i < n/10; i++ {
				root, _ := s.NewTrace(fmt.Sprintf("trace %d", i))
				for j := 1; j < 10; j++ {
					c, _ := s.Child(root, fmt.Sprintf("span %d", j))
					_ = s.Finish(c)
				}
			}
			var m tea.Model = New(s)
			m, _ = m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
			mm := m.(*Model)
			m, _ = m.Update(keyMsg("L"))
			mm.gotoLesson(2) // "finished": a pass over every span
			keys := []tea.KeyMsg{keyMsg("j"), keyMsg("k")}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				m, _ = m.Update(keys[i%2])
				_ = m.View()
			}
		})
	}
}
