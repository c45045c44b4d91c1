package web_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"skillsim/web"
)

// roomClient talks to the classroom API as one device.
type roomClient struct {
	t     *testing.T
	ts    *httptest.Server
	token string
}

func (c *roomClient) post(path string, body any) (*http.Response, map[string]any) {
	c.t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", c.ts.URL+path, strings.NewReader(string(b)))
	req.Header.Set("Content-Type", "application/json")
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	var m map[string]any
	json.NewDecoder(resp.Body).Decode(&m)
	return resp, m
}

// view reads the first room event of a stream as the client.
func (c *roomClient) view(code string) map[string]any {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", c.ts.URL+"/api/rooms/"+code+"/stream", nil)
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		c.t.Fatalf("stream: %s", resp.Status)
	}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if d, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
			var m map[string]any
			if err := json.Unmarshal([]byte(d), &m); err != nil {
				c.t.Fatal(err)
			}
			return m
		}
	}
	c.t.Fatal("no room event")
	return nil
}

// TestRoom plays a room of three students for two rounds through the API:
// the rounds close when everyone has answered, the players' firms follow
// their choices, a student sees only their own firm, and only the
// teacher runs the room.
func TestRoom(t *testing.T) {
	t.Parallel()
	ts := newServer(t, &web.Options{Classroom: &web.ClassroomOptions{MaxStudents: 3, MaxRooms: 1, Burst: 1000}}) // every client is 127.0.0.1
	teacher := &roomClient{t: t, ts: ts}
	big := strings.Replace(small, "persons: 2000", "persons: 30000", 1)
	if resp, m := teacher.post("/api/rooms", map[string]any{"yaml": big}); resp.StatusCode != http.StatusBadRequest || !strings.Contains(m["error"].(string), "at most 20,000 people") {
		t.Errorf("a room of 30,000 people: %s %v", resp.Status, m)
	}
	resp, m := teacher.post("/api/rooms", map[string]any{"yaml": small, "seed": 4, "rounds": 2, "round_seconds": 600})
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("open a room: %s %v", resp.Status, m)
	}
	code := m["code"].(string)
	teacher.token = m["teacher"].(string)
	if len(code) != 8 || strings.ContainsAny(code, "01OIL") {
		t.Errorf("room code %q: want 8 letters and digits a projector cannot confuse", code)
	}
	// A second room is over the server's limit.
	if resp, m := (&roomClient{t: t, ts: ts}).post("/api/rooms", map[string]any{"yaml": small}); resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(m["error"].(string), "limit of 1 room") {
		t.Errorf("a second room: %s %v", resp.Status, m)
	}
	var students []*roomClient
	for _, name := range []string{"Ada", "Bo", "Cy"} {
		s := &roomClient{t: t, ts: ts}
		resp, m := s.post("/api/rooms/"+strings.ToLower(code)+"/join", map[string]any{"name": name})
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("join %s: %s %v", name, resp.Status, m)
		}
		s.token = m["token"].(string)
		students = append(students, s)
	}
	if resp, m := (&roomClient{t: t, ts: ts}).post("/api/rooms/"+code+"/join", map[string]any{"name": "Di"}); resp.StatusCode != http.StatusForbidden || !strings.Contains(m["error"].(string), "at most 3 students") {
		t.Errorf("a fourth student: %s %v", resp.Status, m)
	}
	if resp, _ := (&roomClient{t: t, ts: ts}).post("/api/rooms/ZZZZZZZZ/join", map[string]any{"name": "Di"}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a wrong code: %s", resp.Status)
	}
	// Only the teacher starts the game.
	if resp, _ := students[0].post("/api/rooms/"+code+"/control", map[string]any{"action": "start"}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a student started the game: %s", resp.Status)
	}
	if resp, m := teacher.post("/api/rooms/"+code+"/control", map[string]any{"action": "start"}); resp.StatusCode != http.StatusOK {
		t.Fatalf("start: %s %v", resp.Status, m)
	}
	// A student sees their own firm and nobody else's.
	v := students[1].view(code)
	if v["name"] != "Bo" || v["firm"] == nil || v["students"] != nil || v["history"] != nil {
		t.Errorf("Bo's view: %v", v)
	}
	firms := map[float64]bool{}
	for _, s := range students {
		firms[s.view(code)["firm"].(map[string]any)["i"].(float64)] = true
	}
	if len(firms) != 3 {
		t.Errorf("three students play %d firms", len(firms))
	}
	// The teacher pauses and resumes the clock; nothing else changes.
	for _, action := range []string{"pause", "resume"} {
		if resp, m := teacher.post("/api/rooms/"+code+"/control", map[string]any{"action": action}); resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %s %v", action, resp.Status, m)
		}
	}
	if resp, m := teacher.post("/api/rooms/"+code+"/control", map[string]any{"action": "resume"}); resp.StatusCode != http.StatusConflict || !strings.Contains(m["error"].(string), "not paused") {
		t.Errorf("resume a running round: %s %v", resp.Status, m)
	}
	// Two rounds: everyone co-produces, upgrades and trains.
	all := map[string]any{"coproduce": true, "upgrade": true, "train": true}
	for round := 1; round <= 2; round++ {
		for i, s := range students {
			if resp, m := s.post("/api/rooms/"+code+"/choice", all); resp.StatusCode != http.StatusOK {
				t.Fatalf("round %d, student %d: %s %v", round, i, resp.Status, m)
			}
		}
	}
	tv := teacher.view(code)
	if tv["state"] != "done" {
		t.Fatalf("after two rounds of answers the room is %v, want done", tv["state"])
	}
	hist := tv["history"].([]any)
	if len(hist) != 2 {
		t.Fatalf("%d rounds recorded, want 2", len(hist))
	}
	class := hist[1].(map[string]any)["class"].(map[string]any)
	if class["coproduce"] != 1.0 || class["upgrade"] != 1.0 || class["train"] != 1.0 || class["n"] != 3.0 {
		t.Errorf("the class's firms after choosing co-produce, upgrade and train: %v", class)
	}
	if hist[1].(map[string]any)["date"] != "2017-01" || tv["escaped"] == nil {
		t.Errorf("round 2 ends %v (want 2017-01); escaped %v", hist[1].(map[string]any)["date"], tv["escaped"])
	}
	f := students[0].view(code)["firm"].(map[string]any)
	if f["tie"] != "co-production" || f["high_spec"] != true || f["trains"] != true {
		t.Errorf("Ada's firm after two rounds: %v", f)
	}
	// Play again: the same firms from the first year, the last game kept
	// for the debrief. Everyone answers in year 1; the teacher closes
	// year 2 with nobody answering, so every firm keeps last year's
	// choice.
	if resp, m := teacher.post("/api/rooms/"+code+"/control", map[string]any{"action": "replay"}); resp.StatusCode != http.StatusOK {
		t.Fatalf("replay: %s %v", resp.Status, m)
	}
	for i, s := range students {
		if resp, m := s.post("/api/rooms/"+code+"/choice", all); resp.StatusCode != http.StatusOK {
			t.Fatalf("replay, student %d: %s %v", i, resp.Status, m)
		}
	}
	if resp, m := teacher.post("/api/rooms/"+code+"/control", map[string]any{"action": "advance"}); resp.StatusCode != http.StatusOK {
		t.Fatalf("advance: %s %v", resp.Status, m)
	}
	again := teacher.view(code)
	if again["state"] != "done" || len(again["history"].([]any)) != 2 || len(again["previous"].([]any)) != 2 {
		t.Errorf("after replay: %v, %d rounds, %d in the previous game", again["state"], len(again["history"].([]any)), len(again["previous"].([]any)))
	}
	if c := again["history"].([]any)[1].(map[string]any)["class"].(map[string]any); c["coproduce"] != 1.0 || c["upgrade"] != 1.0 {
		t.Errorf("students who did not answer did not keep last year's choice: %v", c)
	}
	// A choice after the game is refused.
	if resp, _ := students[0].post("/api/rooms/"+code+"/choice", all); resp.StatusCode != http.StatusConflict {
		t.Errorf("a choice after the game: %s", resp.Status)
	}
	// Another token cannot read the room.
	intruder := &roomClient{t: t, ts: ts, token: "0123456789abcdef0123456789abcdef"}
	req, _ := http.NewRequest("GET", ts.URL+"/api/rooms/"+code+"/stream", nil)
	req.Header.Set("Authorization", "Bearer "+intruder.token)
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("a stranger's stream: %v %v", resp.Status, err)
	}
}

// TestRoomRateLimit checks the per-client limit and that it is off
// without -classroom.
func TestRoomRateLimit(t *testing.T) {
	t.Parallel()
	ts := newServer(t, &web.Options{Classroom: &web.ClassroomOptions{Burst: 3, Rate: 0.001}})
	c := &roomClient{t: t, ts: ts}
	var last *http.Response
	var m map[string]any
	for range 4 {
		last, m = c.post("/api/rooms/ZZZZZZZZ/join", map[string]any{"name": "x"})
	}
	if last.StatusCode != http.StatusTooManyRequests || !strings.Contains(m["error"].(string), "too many requests from this device") {
		t.Errorf("the fourth request of a burst of 3: %s %v", last.Status, m)
	}
	off := newServer(t, nil)
	if resp, m := (&roomClient{t: t, ts: off}).post("/api/rooms", map[string]any{}); resp.StatusCode != http.StatusNotFound || !strings.Contains(m["error"].(string), "-classroom") {
		t.Errorf("a room on a server without the classroom: %s %v", resp.Status, m)
	}
}
