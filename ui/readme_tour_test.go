package ui

import (
	"os"
	"strings"
	"testing"
)

// The README says how many lessons the tour has and where they live: both
// drifted once, when a lesson was added and the lessons moved.
func TestReadmeNamesTheTour(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	words := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"}
	n := Lessons()
	if n >= len(words) {
		t.Fatalf("%d lessons: spell the number", n)
	}
	if want := "guided tour of " + words[n] + " lessons"; !strings.Contains(string(data), want) {
		t.Errorf("README should say %q", want)
	}
	for _, path := range []string{"ui/pane/lessons/lessons.json"} {
		if !strings.Contains(string(data), "`"+path+"`") {
			t.Errorf("README should name %s", path)
		}
		if _, err := os.Stat("../" + path); err != nil {
			t.Errorf("README names %s: %v", path, err)
		}
	}
}
