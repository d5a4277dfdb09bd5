package pane

import "testing"

// A lesson naming a check that does not exist is refused when the lessons
// load.
func TestLessonWithAnUnknownCheckIsRefused(t *testing.T) {
	t.Parallel()
	if _, err := loadLessons([]byte(`[{"title":"x","teach":"x","do":"x","done":"x","check":"nope"}]`)); err == nil {
		t.Error("an unknown check must be refused")
	}
}
