package web_test

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"skillsim/scenarios"
	"skillsim/web"
)

// chromium returns the path of a Chromium (or Chrome) binary:
// $SKILLSIM_CHROMIUM, Debian's /usr/bin/chromium, or one on $PATH; "" when
// there is none.
func chromium() string {
	if p := os.Getenv("SKILLSIM_CHROMIUM"); p != "" {
		return p
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// smallYAML is a region of 4,000 people and about 470 employers over ten
// years: a run streams in a second or two.
const smallYAML = `name: e2e-small
start: 2015-01
end: 2025-01
population: {persons: 4000}
sectors:
  - {name: digital_tech, employers: {micro: 42, small_medium: 5, large: 1}}
  - {name: creative, employers: {micro: 48, small_medium: 4, large: 0}}
  - {name: social_care, employers: {micro: 18, small_medium: 10, large: 1}}
  - {name: rest, employers: {micro: 230, small_medium: 60, large: 4}}
colleges:
  - {name: newham, places: 60}
  - {name: hackney, places: 60}
`

// badYAML has a problem on line 3 (a negative count).
const badYAML = "name: e2e-bad\npopulation:\n  persons: -5\n"

// TestE2E drives the dashboard in headless Chromium: it loads the page,
// checks that a bad scenario's error is shown at its line, enters a small
// region, switches the network on and moves its budget slider with the
// mouse, runs, and checks that the chart and the regime indicator update.
// It then checks that a run paused and resumed (Step, then Run) gives the
// same results as one straight run, and runs compare mode. Screenshots go
// to t.ArtifactDir() (kept with go test -artifacts).
//
// It skips when no Chromium binary is found, unless SKILLSIM_E2E is set
// (as .ci/run sets it), when it fails instead.
func TestE2E(t *testing.T) {
	bin := chromium()
	if bin == "" {
		if os.Getenv("SKILLSIM_E2E") != "" {
			t.Fatal("SKILLSIM_E2E is set but no Chromium binary was found: install Debian's chromium (apt-get install chromium) or set SKILLSIM_CHROMIUM")
		}
		t.Skip("no Chromium binary found (/usr/bin/chromium or chromium on $PATH): skipping the end-to-end browser test; apt-get install chromium, or set SKILLSIM_CHROMIUM, to run it")
	}
	srv := httptest.NewServer(web.New(nil).Handler())
	defer srv.Close()
	shots := t.ArtifactDir()

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1400, 1100),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancelCtx := chromedp.NewContext(actx)
	defer cancelCtx()
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()

	// Uncaught exceptions and console errors in the page fail the test.
	var (
		mu       sync.Mutex
		jsErrors []string
	)
	if err := chromedp.Listen(ctx, func(ev any) {
		var msg string
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			msg = e.ExceptionDetails.Text
			if x := e.ExceptionDetails.Exception; x != nil {
				msg += " " + x.Description
			}
		case *runtime.EventConsoleAPICalled:
			if e.Type != runtime.ConsoleAPICalledTypeError {
				return
			}
			msg = "console.error:"
			for _, a := range e.Args {
				msg += " " + string(a.Value) + a.Description
			}
		default:
			return
		}
		mu.Lock()
		jsErrors = append(jsErrors, msg)
		mu.Unlock()
	}); err != nil {
		t.Fatalf("start Chromium (%s): %v", bin, err)
	}
	errorsSoFar := func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(jsErrors)
	}

	do := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			shot(t, ctx, filepath.Join(shots, "failure.png"))
			t.Fatalf("%s: %v (JavaScript errors: %q)", what, err, errorsSoFar())
		}
	}
	// setEditor puts text into the YAML editor as a paste would.
	setEditor := func(text string) {
		t.Helper()
		do("fill the editor",
			chromedp.SetValue(chromedp.CSS("#yaml"), text),
			chromedp.Evaluate[chromedp.Void](`document.querySelector('#yaml').dispatchEvent(new Event('input'))`),
		)
	}
	// waitFor polls a JavaScript condition until it holds.
	waitFor := func(what, cond string) {
		t.Helper()
		do("wait for "+what, chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingTimeout(60*time.Second)))
	}
	click := func(sel string) {
		t.Helper()
		do("click "+sel, chromedp.Click(chromedp.CSS(sel)))
	}

	do("load the page",
		chromedp.Navigate(srv.URL),
		chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)),
	)
	nScenarios := js[int](t, ctx, `document.querySelectorAll('#scenario option').length`)
	if nScenarios < 10 {
		t.Errorf("the scenario list has %d entries, want the shipped scenarios", nScenarios)
	}

	// A bad scenario: the error is listed at its line, and clicking it
	// selects that line in the editor.
	click(`#editor-box summary`)
	setEditor(badYAML)
	waitFor("the error list", `document.querySelectorAll('#errors li').length > 0`)
	errText := js[string](t, ctx, `document.querySelector('#errors li').textContent`)
	if !strings.Contains(errText, "line 3:") || !strings.Contains(errText, "population.persons") {
		t.Errorf("error shown as %q, want it at line 3 naming population.persons", errText)
	}
	badLine := js[string](t, ctx, `document.querySelector('#gutter .bad').textContent`)
	if badLine != "3" {
		t.Errorf("gutter marks line %q, want 3", badLine)
	}
	click(`#errors li`)
	selected := js[string](t, ctx, `(() => { const t = document.querySelector('#yaml'); return t.value.slice(t.selectionStart, t.selectionEnd); })()`)
	if selected != "  persons: -5" {
		t.Errorf("clicking the error selected %q, want line 3", selected)
	}
	shot(t, ctx, filepath.Join(shots, "1-error-at-line.png"))

	// The small region.
	setEditor(smallYAML)
	waitFor("the small region to validate", `document.querySelector('#summary').textContent.startsWith('e2e-small') && document.querySelectorAll('#errors li').length === 0`)

	// Switch the network on and move its budget slider with the mouse.
	click(`#in-network`)
	waitFor("the budget slider to enable", `!document.querySelector('#in-network_budget').disabled`)
	before := js[string](t, ctx, `document.querySelector('#lever-network_budget output').textContent`)
	box := js[[]float64](t, ctx, `(() => { const r = document.querySelector('#in-network_budget').getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })()`)
	x, y := box[0]+0.8*box[2], box[1]+box[3]/2
	do("move the budget slider", chromedp.MouseClickXY(x, y))
	waitFor("the slider to register", `document.querySelector('#lever-network_budget').classList.contains('changed')`)
	after := js[string](t, ctx, `document.querySelector('#lever-network_budget output').textContent`)
	if after == before || !strings.HasPrefix(after, "£2.") {
		t.Errorf("network budget shows %q after moving the slider to 80%% (was %q), want about £2.4m", after, before)
	}
	budget := js[float64](t, ctx, `window.skillsim.state.cfg.a.levers.network_budget`)
	if budget < 2e6 || budget > 2.6e6 {
		t.Errorf("network budget override %v, want about 2,400,000", budget)
	}

	// Run, watching the chart draw while it runs.
	click(`#run`)
	waitFor("the chart to draw while running", `Number(document.querySelector('#view-a canvas.chart').dataset.points) >= 5`)
	shot(t, ctx, filepath.Join(shots, "2-running.png"))
	waitFor("the run to finish", `document.querySelector('#status').dataset.status === 'done'`)
	shot(t, ctx, filepath.Join(shots, "3-finished.png"))
	points := js[int](t, ctx, `Number(document.querySelector('#view-a canvas.chart').dataset.points)`)
	if points != 121 {
		t.Errorf("the chart has %d points, want 121 (steps 0 to 120)", points)
	}
	regime := js[string](t, ctx, `document.querySelector('#view-a .regime strong').textContent`)
	if !slices.Contains([]string{"low-skills", "transitional", "co-production"}, regime) {
		t.Errorf("the regime indicator shows %q, want a regime", regime)
	}
	ink := js[int](t, ctx, `(() => { const c = document.querySelector('#view-a canvas.chart');
		const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
		let n = 0; for (let i = 0; i < d.length; i += 4) { if (d[i] < 200 || d[i+1] < 200 || d[i+2] < 200) n++; } return n; })()`)
	if ink < 2000 {
		t.Errorf("the chart has %d dark pixels; it does not look drawn", ink)
	}
	if ties := js[int](t, ctx, `Number(document.querySelector('#view-a canvas.network').dataset.ties)`); ties == 0 {
		t.Errorf("the network view draws no ties")
	}
	caption := js[string](t, ctx, `document.querySelector('#view-a .network-caption').textContent`)
	if !strings.Contains(caption, "2025-01") || !strings.Contains(caption, "skills network is in force") {
		t.Errorf("network caption %q, want the final date and the network in force", caption)
	}
	straight := js[string](t, ctx, `window.skillsim.csvText()`)
	if n := strings.Count(straight, "\n"); n != 122 {
		t.Errorf("the CSV has %d lines, want a header and 121 rows", n)
	}

	// Export the configuration, the results and the charts as downloads.
	downloads := filepath.Join(shots, "downloads")
	do("allow downloads", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
			Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads,
		})
		return err
	}))
	click(`#export-csv`)
	click(`#export-png`)
	click(`#export-yaml`)
	csvFile := waitFile(t, filepath.Join(downloads, "e2e-small-seed1.csv"))
	if string(csvFile) != straight {
		t.Errorf("the downloaded CSV differs from the results shown")
	}
	pngFile := waitFile(t, filepath.Join(downloads, "e2e-small-seed1.png"))
	if img, err := png.Decode(bytes.NewReader(pngFile)); err != nil || img.Bounds().Dx() < 400 || img.Bounds().Dy() < 400 {
		t.Errorf("the downloaded PNG: %v, err %v", img.Bounds(), err)
	}
	yamlFile := waitFile(t, filepath.Join(downloads, "e2e-small.yaml"))
	exported, err := scenarios.Parse("e2e-small.yaml", yamlFile)
	if err != nil {
		t.Fatalf("the exported scenario does not parse: %v", err)
	}
	if n := exported.Policies.Network; exported.Name != "e2e-small" || exported.Population.Persons != 4000 || n == nil || n.Budget != budget {
		t.Errorf("the exported scenario: name %s, %d persons, network %+v; want e2e-small, 4000, a network of £%v", exported.Name, exported.Population.Persons, n, budget)
	}

	// The rest at full speed.
	do("set the speed", chromedp.Evaluate[chromedp.Void](`(() => { const s = document.querySelector('#speed'); s.value = s.max; s.dispatchEvent(new Event('input')); })()`))

	// Reset, Step twice, then Run: the same run as without the pause.
	click(`#reset`)
	click(`#step`)
	waitFor("one step", `document.querySelector('#status').dataset.status === 'paused'`)
	click(`#step`)
	waitFor("two steps", `document.querySelector('#status').dataset.status === 'paused' && Number(document.querySelector('#view-a canvas.chart').dataset.points) === 3`)
	click(`#run`)
	waitFor("the resumed run to finish", `document.querySelector('#status').dataset.status === 'done'`)
	resumed := js[string](t, ctx, `window.skillsim.csvText()`)
	if resumed != straight {
		t.Errorf("a run stepped and resumed differs from the straight run:\n%s", firstDiff(straight, resumed))
	}

	// Compare: B is A without the network, on the same seed.
	click(`#compare`)
	waitFor("configuration B", `!document.querySelector('#view-b').hidden && document.querySelector('#view-b .view-name').textContent === 'e2e-small'`)
	click(`#tab-b`)
	waitFor("tab B", `document.querySelector('#side-tag').textContent === 'B' && document.querySelector('#in-network').checked`)
	click(`#in-network`)
	waitFor("B without network", `window.skillsim.state.cfg.b.levers.network === false && window.skillsim.state.cfg.a.levers.network === true`)
	click(`#run`)
	waitFor("the comparison to finish", `document.querySelector('#status').dataset.status === 'done'`)
	shot(t, ctx, filepath.Join(shots, "4-compare.png"))
	regimes := js[[]string](t, ctx, `Array.from(document.querySelectorAll('.view .regime strong')).map(e => e.textContent)`)
	for i, r := range regimes {
		if !slices.Contains([]string{"low-skills", "transitional", "co-production"}, r) {
			t.Errorf("view %d shows regime %q", i, r)
		}
	}
	compared := js[string](t, ctx, `window.skillsim.csvText()`)
	if !strings.Contains(compared, "\nB,e2e-small,") {
		t.Errorf("the comparison CSV has no rows for B")
	}
	// A's rows in compare mode are A's run alone: the same seed, the same stream.
	var aRows []string
	for _, l := range strings.Split(compared, "\n") {
		if strings.HasPrefix(l, "A,") {
			aRows = append(aRows, l)
		}
	}
	if want := strings.Split(strings.TrimSpace(straight), "\n")[1:]; !slices.Equal(aRows, want) {
		t.Errorf("configuration A in compare mode differs from A run alone")
	}

	// Limits show in the page: a region too large, and a server whose one
	// simulation is taken.
	limited := httptest.NewServer(web.New(&web.Options{MaxSims: 1}).Handler())
	defer limited.Close()
	holdCtx, release := context.WithCancel(context.Background())
	defer release()
	hold, err := http.NewRequestWithContext(holdCtx, "POST", limited.URL+"/api/run",
		strings.NewReader(`{"a": {"scenario": "bistable"}, "delay_ms": 1000}`))
	if err != nil {
		t.Fatal(err)
	}
	held, err := http.DefaultClient.Do(hold)
	if err != nil || held.StatusCode != http.StatusOK {
		t.Fatalf("hold the one simulation: %v %v", err, held.Status)
	}
	defer held.Body.Close()
	do("load the limited page",
		chromedp.Navigate(limited.URL),
		chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)),
	)
	click(`#editor-box summary`)
	setEditor("name: huge\npopulation: {persons: 150000}\n")
	waitFor("the size limit", `document.querySelectorAll('#errors li').length > 0`)
	if msg := js[string](t, ctx, `document.querySelector('#errors li').textContent`); !strings.Contains(msg, "population.persons") || !strings.Contains(msg, "at most 100,000 people") {
		t.Errorf("region too large: the page shows %q, want the limit of 100,000 people", msg)
	}
	setEditor(smallYAML)
	waitFor("the small region", `document.querySelectorAll('#errors li').length === 0 && document.querySelector('#summary').textContent.startsWith('e2e-small')`)
	click(`#run`)
	waitFor("the busy message", `!document.querySelector('#message').hidden`)
	if msg := js[string](t, ctx, `document.querySelector('#message').textContent`); !strings.Contains(msg, "Too many simulations") || !strings.Contains(msg, "limit of 1 simulation at once") {
		t.Errorf("too many simulations: the page shows %q", msg)
	}
	if st := js[string](t, ctx, `document.querySelector('#status').dataset.status`); st != "error" {
		t.Errorf("status %q after a refused run, want error", st)
	}
	shot(t, ctx, filepath.Join(shots, "5-limit.png"))
	release()
	if errs := errorsSoFar(); len(errs) > 0 {
		t.Errorf("JavaScript errors: %q", errs)
	}
	t.Logf("screenshots in %s", shots)
}

// js evaluates a JavaScript expression in the page and returns its value.
func js[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// waitFile waits up to 30 seconds for a downloaded file and returns its contents.
func waitFile(t *testing.T, path string) []byte {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); ; {
		if b, err := os.ReadFile(path); err == nil && len(b) > 0 {
			return b
		}
		if time.Now().After(deadline) {
			entries, _ := os.ReadDir(filepath.Dir(path))
			t.Fatalf("no download %s (the folder holds %v)", filepath.Base(path), entries)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// shot saves a screenshot of the whole page as PNG.
func shot(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Logf("screenshot %s: %v", path, err)
		return
	}
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		t.Errorf("screenshot: %v", err)
	}
}

// firstDiff describes the first line where a and b differ.
func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d:\n  %s\n  %s", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("%d lines against %d", len(la), len(lb))
}
