// Package wire is the table of the wire formats the playground speaks: for
// each, its name as the encoding setting takes it, its Content-Type, the
// collector paths that take it, its serializer, its decoder and how a
// preview shows it. The outbox, the embedded receiver, verification and the
// settings all read this one table; adding an encoding is a row here plus
// its serializer and decoder.
package wire
