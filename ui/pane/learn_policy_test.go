package pane

import (
	"strings"
	"testing"
	"zipkin-playground/tracing"
	"zipkin-playground/tracing/secret"
	"zipkin-playground/ui/component"
	"zipkin-playground/ui/component/componenttest"
)

// lessonDoneText is what the panel of lesson n (1-based) says once done,
// as the person under policy p sees it, its lines joined.
func lessonDoneText(t *testing.T, p component.Policy, n int) string {
	t.Helper()
	c := componenttest.NewCommon(t, p, func(c *tracing.Config) {
		c.Endpoint = "http://127.0.0.1:1/tok3n-s3cret/api/v2/spans"
		c.Headers = []secret.Header{{Name: "Authorization", Value: "Bearer hunter2"}}
	})
	l := NewLearn(c, NewTree(c), NewDeliveryLog(c), func() []AnsweredCall { return nil })
	l.Open(n - 1)
	l.Tour.Passed[l.Tour.current] = true
	return componenttest.Flat(strings.Join(l.parts(60).body, "\n"))
}

// TestAttendeeLessonsNameOnlyTheirKeys: lessons 9 and 10 tell the local
// playground to press E and tab to the Received pane; an attendee has
// neither (the endpoint and the receiver are the workshop's), so their
// text says what the workshop set instead.
func TestAttendeeLessonsNameOnlyTheirKeys(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		lesson      int
		local, them string
	}{
		{9, "Try one: E, ctrl+u", "Here E is off"},
		{10, "tab shows the Received pane", "on the presenter's board"},
	} {
		if v := lessonDoneText(t, component.Policy{}, tc.lesson); !strings.Contains(v, tc.local) {
			t.Errorf("lesson %d, local: no %q:\n%s", tc.lesson, tc.local, v)
		}
		v := lessonDoneText(t, componenttest.AttendeePolicy, tc.lesson)
		if strings.Contains(v, tc.local) || !strings.Contains(v, tc.them) {
			t.Errorf("lesson %d, attendee: want %q and not %q:\n%s", tc.lesson, tc.them, tc.local, v)
		}
	}
}
