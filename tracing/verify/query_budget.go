package verify

import (
	"errors"
	"fmt"
	"io"
)

// A query answer is read and decoded within a budget, so a hostile or broken
// query API costs tens of MB at most, not gigabytes: decoding multiplies the
// bytes (an empty object "{}" becomes a whole span), so both the bytes read
// and the JSON values decoded are bounded. A trace of several thousand spans
// in Jaeger's JSON fits; verification reads back traces this program sent.
const (
	maxQueryAnswer = 8 << 20
	maxQueryValues = 250_000
)

// errAnswerTooLarge is an answer over the budget.
var errAnswerTooLarge = errors.New("the answer is larger than any trace this program sends")

// readQueryAnswer reads at most maxQueryAnswer bytes of an answer; a longer
// one is an error, not a cut (a cut JSON would only fail later, less clearly).
func readQueryAnswer(r io.Reader) ([]byte, error) {
	body, err := io.ReadAll(io.LimitReader(r, maxQueryAnswer+1))
	if err != nil {
		return nil, err
	}
	if len(body) > maxQueryAnswer {
		return nil, fmt.Errorf("%w (over %d MiB)", errAnswerTooLarge, maxQueryAnswer>>20)
	}
	return body, nil
}

// checkJSONBudget refuses a JSON text with more values than maxQueryValues,
// counted without decoding: every value but the first follows a ':', ',',
// '[' or '{' outside strings.
func checkJSONBudget(body []byte) error {
	n, inString, escaped := 0, false, false
	for _, c := range body {
		switch {
		case escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case c == '"':
			inString = !inString
		case !inString && (c == ':' || c == ',' || c == '[' || c == '{'):
			if n++; n > maxQueryValues {
				return fmt.Errorf("%w (over %d JSON values)", errAnswerTooLarge, maxQueryValues)
			}
		}
	}
	return nil
}
