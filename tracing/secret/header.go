package secret

// Header is one extra header sent on every POST. Its value is a secret.
type Header struct {
	Name  string
	Value string
}
