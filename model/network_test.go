package model

import (
	"math/rand/v2"
	"testing"
)

func TestMembershipGain(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name                                        string
		benefit, peers, threshold, conformity, cost float64
		want                                        float64
	}{
		{"benefit against cost", 0.03, 0, 0, 0, 0.01, 0.02},
		{"cost above benefit", 0.01, 0, 0, 0, 0.03, -0.02},
		{"peers above the threshold add", 0.01, 0.5, 0.25, 0.05, 0.01, 0.0125},
		{"peers below the threshold subtract", 0.01, 0.05, 0.25, 0.05, 0.01, -0.01},
		{"no conformity, no peer effect", 0.02, 0.9, 0.1, 0, 0.01, 0.01},
		{"pure conformity at the threshold", 0, 0.3, 0.3, 1, 0, 0},
	} {
		if got := membershipGain(c.benefit, c.peers, c.threshold, c.conformity, c.cost); !near(got, c.want) {
			t.Errorf("%s: membershipGain = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestMenuBreadth(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ members, half, want float64 }{
		{0, 200, 0},
		{200, 200, 0.5},
		{600, 200, 0.75},
		{1800, 200, 0.9},
	} {
		if got := menuBreadth(c.members, c.half); !near(got, c.want) {
			t.Errorf("menuBreadth(%v, %v) = %v, want %v", c.members, c.half, got, c.want)
		}
	}
}

func TestBrokerSettles(t *testing.T) {
	t.Parallel()
	n := DefaultNetwork() // fee 400, fixed 80,000, per member 300, 3 months' reserve, £2,500 a tie
	for _, c := range []struct {
		name                   string
		reserve, grant, member float64
		dt                     float64
		open                   bool
		wantReserve, wantTies  float64
	}{
		// Income 500,000 + 400,000 against costs 80,000 + 300,000: the
		// surplus of 520,000 a year first fills the reserve to 3 months of
		// costs (95,000), then buys ties at £2,500.
		{"grant, reserve to fill", 0, 500000, 1000, 1, true, 95000, (520000 - 95000) / 2500.0},
		{"grant, reserve full", 95000, 500000, 1000, 1, true, 95000, 520000 / 2500.0},
		{"grant, a month", 95000, 500000, 1000, 1.0 / 12, true, 95000, 520000 / 2500.0},
		// No grant: fees 400,000 cover costs 380,000; 20,000 to spare.
		{"fees cover costs", 95000, 0, 1000, 1, true, 95000, 20000 / 2500.0},
		// No grant, 500 members: fees 200,000 against costs 230,000; the
		// deficit comes out of the reserve.
		{"deficit from the reserve", 95000, 0, 500, 1, true, 65000, 0},
		{"deficit beyond the reserve closes", 20000, 0, 500, 1, false, 0, 0},
		{"no members, no grant closes", 10000, 0, 0, 1, false, 0, 0},
	} {
		b := broker{open: true, reserve: c.reserve}
		open := b.settle(&n, c.grant, c.member, c.dt)
		if open != c.open || !near(b.reserve, c.wantReserve) || !near(b.ties, c.wantTies) {
			t.Errorf("%s: open %v, reserve %v, ties %v; want %v, %v, %v", c.name, open, b.reserve, b.ties, c.open, c.wantReserve, c.wantTies)
		}
		if !open && b != (broker{}) {
			t.Errorf("%s: a closed broker keeps state %+v", c.name, b)
		}
	}
}

// networkRun runs a small region with a network whose public funding
// lasts grantYears from the start, for years in all, and returns the
// observation at the end.
func networkRun(t *testing.T, rep uint64, years, grantYears int, edit func(*Config)) Observation {
	t.Helper()
	cfg := smallConfig(10, years)
	n := DefaultNetwork()
	n.Start = cfg.Start
	if grantYears < years {
		end := cfg.Start + Month(12*grantYears)
		n.End = &end
	}
	// The convener's scale follows the region's (a tenth).
	n.Budget /= 10
	n.FixedCost /= 10
	n.MenuMembers /= 10
	cfg.Policies.Network = &n
	if edit != nil {
		edit(&cfg)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	r, err := New(&cfg, rand.NewPCG(rep, 1))
	if err != nil {
		t.Fatal(err)
	}
	for !r.Done() {
		r.Step()
	}
	var o Observation
	r.Observe(&o)
	return o
}

// TestNetworkOutlivesItsGrantOnlyIfFeesCoverCosts checks the broker: with
// three years of public money and the default fee (above the cost per
// member, with enough members to pay the fixed cost) the network is still
// open and has members three years after the money ends; with no fee its
// reserve runs out, it closes and no one is a member.
func TestNetworkOutlivesItsGrantOnlyIfFeesCoverCosts(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs six small regions")
	}
	for rep := range uint64(3) {
		paid := networkRun(t, rep, 6, 3, nil)
		free := networkRun(t, rep, 6, 3, func(c *Config) { c.Policies.Network.Fee = 0 })
		t.Logf("rep %d: default fee: open %v, members %.3f, reserve %.0f, fees %.0f, costs %.0f; no fee: open %v, members %.3f",
			rep, paid.Region[NetworkBrokerOpen], paid.Region[NetworkMemberShare], paid.Region[NetworkReserve],
			paid.Region[NetworkFees], paid.Region[NetworkCosts], free.Region[NetworkBrokerOpen], free.Region[NetworkMemberShare])
		if paid.Region[NetworkBrokerOpen] != 1 || paid.Region[NetworkMemberShare] < 0.3 || paid.Region[NetworkFees] < paid.Region[NetworkCosts] {
			t.Errorf("rep %d, default fee: open %v, members %.3f, fees %.0f, costs %.0f three years after the grant; want open, at least 0.3, fees covering costs",
				rep, paid.Region[NetworkBrokerOpen], paid.Region[NetworkMemberShare], paid.Region[NetworkFees], paid.Region[NetworkCosts])
		}
		if free.Region[NetworkBrokerOpen] != 0 || free.Region[NetworkMemberShare] != 0 {
			t.Errorf("rep %d, no fee: open %v, members %.3f three years after the grant; want closed, none",
				rep, free.Region[NetworkBrokerOpen], free.Region[NetworkMemberShare])
		}
	}
}
