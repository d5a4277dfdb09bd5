// Package secret keeps credentials out of sight: it parses a Zipkin
// endpoint once and knows which parts of it are secret, masks those parts
// (and extra header values) wherever text leaves the program, and sanitises
// text from outside before it is shown.
package secret
