package analysis

// Coproduction is the regime that counts as success in the analyses, as
// runs.csv writes it (model.Coproduction.String()).
const Coproduction = "co-production"

// Success reports whether a run in regime reached co-production:
// regime == "co-production".
func Success(regime string) bool { return regime == Coproduction }
