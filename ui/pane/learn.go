package pane

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"zipkin-playground/ui/component"
)

// The guided tour (L): lessons are data (lessons/lessons.json), each naming
// a check from lessonChecks, a predicate over what the person can change
// (lessonWorld) compared with a
// snapshot taken when the lesson starts, so it notices what the person did
// during the lesson, not what was already on screen.

//go:embed lessons/lessons.json
var lessonsJSON []byte

// Lesson is one step of the tour.
type Lesson struct {
	Title string   `json:"title"`
	Teach string   `json:"teach"` // what it teaches, two or three sentences
	Keys  []string `json:"keys"`  // the keys it asks for (checked against the keymap in tests)
	Do    string   `json:"do"`    // what to press, in words
	// Select is what the lesson selects when it starts, so the keys it asks
	// for act on the right span: "running" (the latest running span), or "".
	Select string `json:"select"`
	Check  string `json:"check"` // a name in lessonChecks
	// Quote is the line the done text points at, quoted in the lesson so it
	// is read even when its pane is short: "delivery" (the last POST), or "".
	Quote string `json:"quote"`
	Done  string `json:"done"` // what just happened, pointing at the screen
	// AttendeeDone, when set, is Done for a workshop attendee: the lesson's
	// own text points at a key or pane the workshop keeps for the presenter.
	AttendeeDone string `json:"attendee_done"`
}

// doneFor is what just happened, in words that fit what p lets the person do.
func (l Lesson) doneFor(p component.Policy) string {
	if p.Locked != "" && l.AttendeeDone != "" {
		return l.AttendeeDone
	}
	return l.Done
}

// loadLessons parses the embedded lessons and checks that every check name
// exists.
func loadLessons(data []byte) ([]Lesson, error) {
	var ls []Lesson
	if err := json.Unmarshal(data, &ls); err != nil {
		return nil, fmt.Errorf("lessons: %v", err)
	}
	if len(ls) == 0 {
		return nil, fmt.Errorf("lessons: none")
	}
	for i, l := range ls {
		if _, ok := lessonChecks[l.Check]; !ok {
			return nil, fmt.Errorf("lessons[%d] %q: unknown check %q", i, l.Title, l.Check)
		}
		if l.Title == "" || l.Teach == "" || l.Do == "" || l.Done == "" {
			return nil, fmt.Errorf("lessons[%d]: title, teach, do and done are all needed", i)
		}
	}
	return ls, nil
}

// BuiltinLessons are the embedded lessons. A broken file is a bug the tests
// catch; should one ship, L says why instead of starting.
func BuiltinLessons() ([]Lesson, error) { return loadLessons(lessonsJSON) }

// Tour is the progress through the lessons; it survives leaving learn mode.
type Tour struct {
	Lessons []Lesson
	current int
	Passed  []bool
	snap    learnSnapshot
	active  bool
}

// lesson is the current lesson.
func (t *Tour) lesson() Lesson { return t.Lessons[t.current] }

// Done says whether the current lesson's check has passed.
func (t *Tour) Done() bool { return t.Passed[t.current] }

// check runs the current lesson's check on w once it is pending; it
// reports whether the lesson has just been completed.
func (t *Tour) check(w lessonWorld) bool {
	if !t.active || t.Passed[t.current] {
		return false
	}
	t.snap.refresh(w)
	if lessonChecks[t.lesson().Check](w, t.snap) {
		t.Passed[t.current] = true
		return true
	}
	return false
}

// completed counts the lessons passed.
func (t *Tour) completed() int {
	n := 0
	for _, d := range t.Passed {
		if d {
			n++
		}
	}
	return n
}

// newTour is a tour of ls, at lesson 1, none passed.
func newTour(ls []Lesson) *Tour {
	return &Tour{Lessons: ls, Passed: make([]bool, len(ls))}
}
