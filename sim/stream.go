package sim

import (
	"context"

	"skillsim/model"
)

// RunStream runs one replication of cfg that draws every random number
// from rand.NewPCG(cfg.Seed, stream) and returns its observations and
// employer-group surveys, as Run returns each of its replications (Run's
// replication r is RunStream with stream r). It serves callers that
// number their simulations themselves, such as a calibration's
// (generation, particle). A panic in the model is returned as a
// *PanicError.
func RunStream(ctx context.Context, cfg *model.Config, stream uint64) (Rep, error) {
	if cfg == nil {
		panic("sim: nil config")
	}
	return runRep(ctx, cfg, 0, stream, false, false, newProgress(nil, 0))
}
