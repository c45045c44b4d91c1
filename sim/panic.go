package sim

import "fmt"

// PanicError is the error of a replication that panicked: a bug, not bad
// input. Run and Compare return it instead of letting the panic end the
// process from a worker goroutine, where nothing can recover it.
type PanicError struct {
	// Rep is the replication that panicked.
	Rep int
	// Value is the value passed to panic.
	Value any
	// Stack is the panicking goroutine's stack.
	Stack []byte
}

// Error says which replication panicked and with what.
func (e *PanicError) Error() string {
	return fmt.Sprintf("sim: replication %d: internal error: panic: %v", e.Rep, e.Value)
}
