package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"

	"skillsim/web"
)

var cmdServe = &Command{
	Name:      "serve",
	UsageLine: "serve [-addr 127.0.0.1:8080] [-public] [-max-sims N] [-classroom [-max-rooms N] [-max-students N] [-room-burst N] [-room-rate R]]",
	Short:     "serve the seminar dashboard: run scenarios live in a browser",
	Long: `Serve serves the seminar dashboard at http://ADDR/ until interrupted.

The page runs a shipped scenario or pasted or uploaded YAML, with sliders
for the main policy levers and a few behavioural parameters, streams the
run live (the indicators, the regime and the partnership network), compares
two configurations on the same seed, and exports the configuration as a
scenario file and the results as CSV and PNG. Its files are built into the
program: it needs no network access. docs/seminar.md is a 60-minute
seminar built on it.

The server listens on the loopback interface by default, so only this
machine can reach it. An -addr that other machines can reach (such as
0.0.0.0:8080 or :8080) is refused unless -public is given: the server has
no authentication, and anyone who can reach it can run simulations.

With -classroom the class plays the region (NetLogo's HubNet for the
stag hunt of the partnership): the teacher opens a room at /room, which
shows a join code on the projector; each student opens /join on their own
device, types the code and plays one employer, deciding each simulated
year whether to co-produce with its college, upgrade and train, while the
model plays every other agent. Students' devices must reach the server,
so the classroom needs an -addr on the room's network and -public. Rooms
take at most -max-students students (default 40), the server at most
-max-rooms rooms (default 4), and each device (by IP address) at most
-room-burst requests at once and -room-rate a second to the classroom
(defaults 20 and 5; raise them if the students reach the server through
one proxy or NAT address, which counts them as one device).

Limits keep one browser tab from exhausting the machine: request bodies of
at most 256 KiB; at most -max-sims simulations at once (a comparison counts
two; more are refused with a message), a check of a scenario counting as
one while it runs (with a reserve of two when all are taken, 5 seconds at
most); regions of at most 100,000 people, 10,000 employers, 20 colleges and
1,200 steps; streams of at most 10 minutes. A simulation stops when its
page pauses, resets or closes; a client that stops reading is dropped
after 30 seconds, or a second past the stream's limit.
`,
	Run: runServe,
}

func runServe(ctx context.Context, cmd *Command, args []string, env *Env) error {
	stdout, stderr := env.Stdout, env.Stderr
	fs := newFlagSet(cmd)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `host:port`")
	public := fs.Bool("public", false, "allow an -addr that other machines can reach")
	maxSims := fs.Int("max-sims", web.DefaultMaxSims, "simulations running at once, at most `N`")
	class := fs.Bool("classroom", false, "open the participatory mode: the class plays the region (/room, /join)")
	maxRooms := fs.Int("max-rooms", web.DefaultMaxRooms, "classroom rooms at once, at most `N`")
	maxStudents := fs.Int("max-students", web.DefaultMaxStudents, "students in one room, at most `N`")
	roomBurst := fs.Int("room-burst", web.DefaultBurst, "classroom requests one device may make at once, at most `N`")
	roomRate := fs.Float64("room-rate", web.DefaultRate, "classroom requests one device may make a second after its burst, at most `R`")
	if err := parseFlags(cmd, fs, args, stdout); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return badInputf("serve: unexpected arguments %q (usage: skillsim %s)", fs.Args(), cmd.UsageLine)
	}
	if *maxSims < 1 {
		return badInputf("serve: -max-sims %d: must be at least 1", *maxSims)
	}
	if *maxRooms < 1 || *maxStudents < 1 || *roomBurst < 1 || !(*roomRate > 0) {
		return badInputf("serve: -max-rooms %d, -max-students %d, -room-burst %d and -room-rate %g: must be at least 1 (the rate above 0)", *maxRooms, *maxStudents, *roomBurst, *roomRate)
	}
	if _, _, err := net.SplitHostPort(*addr); err != nil {
		return badInputf("serve: -addr %q: %v (for example 127.0.0.1:8080)", *addr, err)
	}
	loopback := web.IsLoopback(*addr)
	if !loopback && !*public {
		return badInputf("serve: -addr %s can be reached from other machines; the dashboard has no authentication, so listen on loopback (127.0.0.1:8080) or give -public to accept the risk", *addr)
	}
	logger := log.New(stderr, "skillsim: serve: ", 0)
	if !loopback {
		logger.Printf("warning: listening on %s, reachable from other machines, with no authentication: anyone who can reach it can run simulations", *addr)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return badInputf("serve: %v", err)
	}
	opt := &web.Options{MaxSims: *maxSims, Log: logger}
	if *class {
		opt.Classroom = &web.ClassroomOptions{MaxRooms: *maxRooms, MaxStudents: *maxStudents, Burst: *roomBurst, Rate: *roomRate}
	}
	srv := web.New(opt)
	fmt.Fprintf(stdout, "skillsim: serving the seminar dashboard at http://%s/ (Ctrl-C stops)\n", ln.Addr())
	if *class {
		fmt.Fprintf(stdout, "skillsim: the classroom is open: the teacher's page is http://%s/room, students join at /join\n", ln.Addr())
		if loopback {
			fmt.Fprintf(stdout, "skillsim: %s is this machine only, so students' devices cannot join: to let them, listen on the room's network with -addr 0.0.0.0:8080 -public\n", *addr)
		}
	}
	if err := srv.Serve(ctx, ln); err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}
