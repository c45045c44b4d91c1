package web_test

import (
	"bytes"
	"context"
	"encoding/json"
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

// startBrowser starts headless Chromium for a test and returns a context for
// its first tab, a function that fails the test with the page's
// JavaScript errors so far, and the path of the Chromium binary. It skips
// the test when no Chromium binary is found, unless SKILLSIM_E2E is set
// (as .ci/run sets it), when it fails instead.
func startBrowser(t *testing.T, timeout time.Duration) (context.Context, func() []string) {
	t.Helper()
	bin := chromium()
	if bin == "" {
		if os.Getenv("SKILLSIM_E2E") != "" {
			t.Fatal("SKILLSIM_E2E is set but no Chromium binary was found: install Debian's chromium (apt-get install chromium) or set SKILLSIM_CHROMIUM")
		}
		t.Skip("no Chromium binary found (/usr/bin/chromium or chromium on $PATH): skipping the end-to-end browser test; apt-get install chromium, or set SKILLSIM_CHROMIUM, to run it")
	}
	// Chromium's profile: not t.TempDir, whose cleanup fails the test
	// when a browser process still writes to it as it exits; removed here
	// after the browser has been stopped (cleanups run last first).
	profile, err := os.MkdirTemp("", "skillsim-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for range 50 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Logf("could not remove Chromium's profile %s", profile)
	})
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.UserDataDir(profile),
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
		chromedp.Flag("hide-scrollbars", true),
		chromedp.WindowSize(1280, 720),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancelCtx := chromedp.NewContext(actx)
	t.Cleanup(cancelCtx)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	t.Cleanup(cancel)

	// Uncaught exceptions and console errors in the page fail the test.
	var (
		mu       sync.Mutex
		jsErrors []string
	)
	listen := func(ev any) {
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
	}
	if err := chromedp.Listen(ctx, listen); err != nil {
		t.Fatalf("start Chromium (%s): %v", bin, err)
	}
	return ctx, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(jsErrors)
	}
}

// page drives one browser tab in a test.
type page struct {
	t      *testing.T
	ctx    context.Context
	shots  string
	errors func() []string
}

func (p *page) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, actions...); err != nil {
		shot(p.t, p.ctx, filepath.Join(p.shots, "failure.png"))
		p.t.Fatalf("%s: %v (JavaScript errors: %q)", what, err, p.errors())
	}
}

// waitFor polls a JavaScript condition until it holds (at most a minute:
// a ceiling, not a timing the test depends on).
func (p *page) waitFor(what, cond string) {
	p.t.Helper()
	p.do("wait for "+what, chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingTimeout(60*time.Second)))
}

func (p *page) click(sel string) {
	p.t.Helper()
	p.do("click "+sel, chromedp.Click(chromedp.CSS(sel)))
}

func (p *page) load(url string) {
	p.t.Helper()
	p.do("load "+url, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)))
}

// setEditor puts text into the YAML editor as a paste would.
func (p *page) setEditor(text string) {
	p.t.Helper()
	p.do("fill the editor",
		chromedp.SetValue(chromedp.CSS("#yaml"), text),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#yaml').dispatchEvent(new Event('input'))`),
	)
}

// viewport sets the size of the page's viewport in CSS pixels.
func (p *page) viewport(w, h int64) {
	p.t.Helper()
	p.do(fmt.Sprintf("viewport %d×%d", w, h), chromedp.EmulateViewport(w, h))
	p.waitFor("the page to lay out again", fmt.Sprintf(`window.innerWidth === %d && window.innerHeight === %d`, w, h))
}

// screenshot saves the viewport as PNG.
func (p *page) screenshot(name string) {
	p.t.Helper()
	buf, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		p.t.Logf("screenshot %s: %v", name, err)
		return
	}
	if err := os.WriteFile(filepath.Join(p.shots, name), buf, 0o644); err != nil {
		p.t.Errorf("screenshot: %v", err)
	}
}

// inViewport checks that each element (a CSS selector) is displayed
// wholly inside the viewport and that the page itself does not scroll.
func (p *page) inViewport(where string, sels ...string) {
	p.t.Helper()
	for _, sel := range sels {
		box := js[[]float64](p.t, p.ctx, fmt.Sprintf(`(() => { const e = document.querySelector(%q); if (!e) return [-1, -1, -1, -1, 0, 0];
			const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom, window.innerWidth, window.innerHeight]; })()`, sel))
		l, top, r, b, w, h := box[0], box[1], box[2], box[3], box[4], box[5]
		if l < 0 || top < 0 || r > w+0.5 || b > h+0.5 || r-l < 1 || b-top < 1 {
			p.t.Errorf("%s: %s is at (%.0f, %.0f)–(%.0f, %.0f), not wholly inside the %.0f×%.0f viewport", where, sel, l, top, r, b, w, h)
		}
	}
	if sh, h := js[float64](p.t, p.ctx, `document.scrollingElement.scrollHeight`), js[float64](p.t, p.ctx, `window.innerHeight`); sh > h+0.5 {
		p.t.Errorf("%s: the page scrolls (%.0f px high in a %.0f px window)", where, sh, h)
	}
}

// TestE2E drives the dashboard in headless Chromium. It checks the
// one-screen layout at 1280×720, 1024×768, in projector mode, in compare
// mode and at 150% zoom by the positions of the elements a class needs;
// that a bad scenario's error is shown at its line; enters a small region,
// switches the network on and moves its budget slider with the mouse,
// runs, and checks the chart, the regime and the exports; that a run
// paused and resumed gives the same results as one straight run; that a
// lever moved while the region runs changes it from the next step, is
// marked on the chart, and that the page's link replays the run exactly;
// compare mode; and the limits' messages. Screenshots go to
// t.ArtifactDir() (kept with go test -artifacts).
func TestE2E(t *testing.T) {
	ctx, jsErrors := startBrowser(t, 3*time.Minute)
	srv := httptest.NewServer(web.New(nil).Handler())
	defer srv.Close()
	p := &page{t: t, ctx: ctx, shots: t.ArtifactDir(), errors: jsErrors}

	p.load(srv.URL)
	p.viewport(1280, 720)
	nScenarios := js[int](t, ctx, `document.querySelectorAll('#scenario option').length`)
	if nScenarios < 10 {
		t.Errorf("the scenario list has %d entries, want the shipped scenarios", nScenarios)
	}

	// One screen: the buttons, the regime and date, the chart (its legend
	// is drawn inside it) and the exercise's levers, with no scrolling.
	oneScreen := []string{"#run", "#pause", "#step", "#reset", "#view-a .regime", "#view-a .date", "#view-a canvas.chart", "#in-network", "#in-network_budget", "#lever-funding"}
	p.inViewport("1280×720", oneScreen...)
	p.screenshot("layout-1280x720.png")
	p.viewport(1024, 768)
	p.inViewport("1024×768", oneScreen...)
	p.screenshot("layout-1024x768.png")
	// Browser zoom at 150% of a 1280×720 window leaves 853×480 CSS pixels:
	// the panel and the chart stay side by side, the buttons on screen.
	p.viewport(853, 480)
	p.inViewport("1280×720 at 150% zoom", "#run", "#view-a .regime", "#view-a canvas.chart", "#in-network")
	if side, chart := js[float64](t, ctx, `document.querySelector('#side').getBoundingClientRect().right`),
		js[float64](t, ctx, `document.querySelector('#view-a canvas.chart').getBoundingClientRect().left`); chart < side {
		t.Errorf("at 150%% zoom the chart (left %.0f) is stacked under the panel (right %.0f)", chart, side)
	}
	p.screenshot("layout-zoom150.png")
	// Projector mode: chart text of 18 px or more at 1280.
	p.viewport(1280, 720)
	p.click("#projector")
	p.waitFor("projector mode", `document.body.classList.contains('projector')`)
	if fs := js[int](t, ctx, `Number(document.querySelector('#view-a canvas.chart').dataset.fontPx)`); fs < 18 {
		t.Errorf("projector mode draws chart text at %d px, want at least 18", fs)
	}
	p.inViewport("projector at 1280×720", "#run", "#view-a .regime", "#view-a canvas.chart", "#in-network")
	p.screenshot("layout-projector-1280x720.png")
	p.click("#projector")
	// Compare: A and B side by side at 1280.
	p.click("#compare")
	p.waitFor("configuration B", `!document.querySelector('#view-b').hidden && document.querySelector('#view-b .view-name').textContent === 'baseline'`)
	p.inViewport("compare at 1280×720", "#run", "#view-a .regime", "#view-a canvas.chart", "#view-b .regime", "#view-b canvas.chart")
	if a, b := js[[]float64](t, ctx, `(() => { const r = document.querySelector('#view-a canvas.chart').getBoundingClientRect(); return [r.right, r.top]; })()`),
		js[[]float64](t, ctx, `(() => { const r = document.querySelector('#view-b canvas.chart').getBoundingClientRect(); return [r.left, r.top]; })()`); b[0] < a[0] || b[1] != a[1] {
		t.Errorf("compare at 1280: B's chart (left %.0f, top %.0f) is not beside A's (right %.0f, top %.0f)", b[0], b[1], a[0], a[1])
	}
	p.screenshot("layout-compare-1280x720.png")
	p.click("#compare")

	// No silent carry-over: a lever moved, then another scenario chosen,
	// the levers go back to the new scenario's.
	p.click(`#in-devolution`)
	p.waitFor("the override", `window.skillsim.state.cfg.a.levers.devolution !== undefined`)
	p.click(`[data-panel=scenario]`)
	p.do("choose bistable", chromedp.SetValue(chromedp.CSS("#scenario"), "bistable"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#scenario').dispatchEvent(new Event('change'))`))
	p.waitFor("the levers reset", `Object.keys(window.skillsim.state.cfg.a.levers).length === 0 && document.querySelector('#summary').textContent.startsWith('bistable')`)
	if u := js[string](t, ctx, `location.search`); !strings.Contains(u, "scenario=bistable") || strings.Contains(u, "levers=") {
		t.Errorf("the URL %q does not hold the configuration (bistable, no lever overrides)", u)
	}

	// The Info panel: the question, the levers, links to the plan and the model.
	p.click(`[data-panel=info]`)
	if q := js[string](t, ctx, `document.querySelector('#info-question').textContent`); q == "" {
		t.Errorf("the Info panel shows no question")
	}
	if n := js[int](t, ctx, `document.querySelectorAll('#info-levers dt').length`); n != 14 {
		t.Errorf("the Info panel explains %d levers, want 14", n)
	}
	for _, doc := range []string{"/docs/seminar.md", "/docs/ODD.md"} {
		if n := js[int](t, ctx, fmt.Sprintf(`document.querySelectorAll('#panel-info a[href=%q]').length`, doc)); n != 1 {
			t.Errorf("the Info panel has no link to %s", doc)
		}
	}

	// A bad scenario: the error is listed at its line, and clicking it
	// selects that line in the editor.
	p.click(`[data-panel=scenario]`)
	p.click(`#editor-box summary`)
	p.setEditor(badYAML)
	p.waitFor("the error list", `document.querySelectorAll('#errors li').length > 0`)
	errText := js[string](t, ctx, `document.querySelector('#errors li').textContent`)
	if !strings.Contains(errText, "line 3:") || !strings.Contains(errText, "population.persons") {
		t.Errorf("error shown as %q, want it at line 3 naming population.persons", errText)
	}
	if badLine := js[string](t, ctx, `document.querySelector('#gutter .bad').textContent`); badLine != "3" {
		t.Errorf("gutter marks line %q, want 3", badLine)
	}
	p.click(`#errors li`)
	selected := js[string](t, ctx, `(() => { const t = document.querySelector('#yaml'); return t.value.slice(t.selectionStart, t.selectionEnd); })()`)
	if selected != "  persons: -5" {
		t.Errorf("clicking the error selected %q, want line 3", selected)
	}
	p.screenshot("error-at-line.png")

	// The small region.
	p.setEditor(smallYAML)
	p.waitFor("the small region to validate", `document.querySelector('#summary').textContent.startsWith('e2e-small') && document.querySelectorAll('#errors li').length === 0`)

	// Switch the network on and move its budget slider with the mouse.
	p.click(`[data-panel=levers]`)
	p.click(`#in-network`)
	p.waitFor("the budget slider to enable", `!document.querySelector('#in-network_budget').disabled`)
	before := js[string](t, ctx, `document.querySelector('#lever-network_budget output').textContent`)
	box := js[[]float64](t, ctx, `(() => { const r = document.querySelector('#in-network_budget').getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })()`)
	p.do("move the budget slider", chromedp.MouseClickXY(box[0]+0.8*box[2], box[1]+box[3]/2))
	p.waitFor("the slider to register", `document.querySelector('#lever-network_budget').classList.contains('changed')`)
	after := js[string](t, ctx, `document.querySelector('#lever-network_budget output').textContent`)
	if after == before || !strings.HasPrefix(after, "£2.") {
		t.Errorf("network budget shows %q after moving the slider to 80%% (was %q), want about £2.4m", after, before)
	}
	budget := js[float64](t, ctx, `window.skillsim.state.cfg.a.levers.network_budget`)
	if budget < 2e6 || budget > 2.6e6 {
		t.Errorf("network budget override %v, want about 2,400,000", budget)
	}

	// Run, watching the chart draw while it runs.
	p.click(`#run`)
	p.waitFor("the chart to draw while running", `Number(document.querySelector('#view-a canvas.chart').dataset.points) >= 5`)
	p.screenshot("running.png")
	p.waitFor("the run to finish", `document.querySelector('#status').dataset.status === 'done'`)
	p.screenshot("finished.png")
	if points := js[int](t, ctx, `Number(document.querySelector('#view-a canvas.chart').dataset.points)`); points != 121 {
		t.Errorf("the chart has %d points, want 121 (steps 0 to 120)", points)
	}
	regime := js[string](t, ctx, `document.querySelector('#view-a .regime strong').textContent`)
	if !slices.Contains([]string{"low-skills", "transitional", "co-production"}, regime) {
		t.Errorf("the regime indicator shows %q, want a regime", regime)
	}
	if w := js[string](t, ctx, `document.querySelector('#view-a .why').textContent`); !strings.Contains(w, "High-skill strategy") && !strings.Contains(w, "high-skill strategy") {
		t.Errorf("the regime is explained as %q, want its rule in words", w)
	}
	if legend := js[string](t, ctx, `document.querySelector('#view-a canvas.chart').dataset.legend`); !strings.Contains(legend, "High-skill strategy") || !strings.Contains(legend, "Co-production") {
		t.Errorf("the chart's legend reads %q", legend)
	}
	ink := js[int](t, ctx, `(() => { const c = document.querySelector('#view-a canvas.chart');
		const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
		let n = 0; for (let i = 0; i < d.length; i += 4) { if (d[i] < 200 || d[i+1] < 200 || d[i+2] < 200) n++; } return n; })()`)
	if ink < 2000 {
		t.Errorf("the chart has %d dark pixels; it does not look drawn", ink)
	}
	straight := js[string](t, ctx, `window.skillsim.csvText()`)
	if n := strings.Count(straight, "\n"); n != 122 {
		t.Errorf("the CSV has %d lines, want a header and 121 rows", n)
	}

	// An employer group's indicator (the June survey) on the first chart,
	// and a second chart: both stay on screen.
	p.click(`[data-panel=charts]`)
	p.click(`#add-chart`)
	p.waitFor("the second chart", `document.querySelectorAll('#view-a canvas.chart').length === 2`)
	p.do("add an employer group's indicator", chromedp.Evaluate[chromedp.Void](`(() => {
		const sel = document.querySelectorAll('#chart-editors select.add-series')[0];
		sel.value = 'g.coproducing.vacancy_rate'; sel.dispatchEvent(new Event('change')); })()`))
	p.waitFor("the group's line", `(document.querySelectorAll('#view-a canvas.chart')[0].dataset.legend || '').includes('Vacancy rate (co-producing, June survey)')`)
	p.inViewport("two charts at 1280×720", "#run", "#view-a .regime", "#view-a canvas.chart[data-chart='0']", "#view-a canvas.chart[data-chart='1']")
	p.screenshot("two-charts.png")
	p.click(`[data-panel=levers]`)

	// The agents view: click an employer to inspect it.
	p.click(`[data-view=agents]`)
	p.waitFor("the agents view", `Number(document.querySelector('#view-a canvas.network').dataset.agents) > 100`)
	p.do("click an employer", chromedp.Evaluate[chromedp.Void](`(() => {
		const s = window.skillsim.state, t = s.ties.a, c = document.querySelector('#view-a canvas.network');
		const r = c.getBoundingClientRect(), e = t.sample[7];
		const pos = window.skillsim.agentAt(c, t, 7);
		c.dispatchEvent(new MouseEvent('click', { clientX: r.left + pos.x, clientY: r.top + pos.y, bubbles: true }));
	})()`))
	p.waitFor("the inspector", `!document.querySelector('#view-a .inspect').hidden`)
	if txt := js[string](t, ctx, `document.querySelector('#view-a .inspect').textContent`); !strings.Contains(txt, "trust") || !strings.Contains(txt, "vacancies") || !strings.Contains(txt, "mean wage") {
		t.Errorf("the inspector shows %q, want the employer's trust, vacancies and wages", txt)
	}
	p.screenshot("agents.png")
	p.do("click a college", chromedp.Evaluate[chromedp.Void](`(() => {
		const t = window.skillsim.state.ties.a, c = document.querySelector('#view-a canvas.network');
		const r = c.getBoundingClientRect(), pos = window.skillsim.collegeAt(c, t, 1);
		c.dispatchEvent(new MouseEvent('click', { clientX: r.left + pos.x, clientY: r.top + pos.y, bubbles: true }));
	})()`))
	p.waitFor("the college inspector", `document.querySelector('#view-a .inspect').textContent.includes('hackney')`)
	if txt := js[string](t, ctx, `document.querySelector('#view-a .inspect').textContent`); !strings.Contains(txt, "currency") || !strings.Contains(txt, "reciprocates") {
		t.Errorf("the college inspector shows %q, want its currency and reciprocation by sector", txt)
	}
	p.click(`[data-view=charts]`)

	// Export the configuration, the results and the charts as downloads.
	downloads := filepath.Join(p.shots, "downloads")
	p.do("allow downloads", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
			Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads,
		})
		return err
	}))
	p.click(`[data-panel=export]`)
	p.click(`#export-csv`)
	p.click(`#export-png`)
	p.click(`#export-yaml`)
	if csvFile := waitFile(t, filepath.Join(downloads, "e2e-small-seed1.csv")); string(csvFile) != straight {
		t.Errorf("the downloaded CSV differs from the results shown")
	}
	pngFile := waitFile(t, filepath.Join(downloads, "e2e-small-seed1.png"))
	if img, err := png.Decode(bytes.NewReader(pngFile)); err != nil || img.Bounds().Dx() < 400 || img.Bounds().Dy() < 300 {
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
	p.click(`[data-panel=levers]`)

	// The rest at full speed.
	p.do("set the speed", chromedp.Evaluate[chromedp.Void](`(() => { const s = document.querySelector('#speed'); s.value = s.max; s.dispatchEvent(new Event('input')); })()`))

	// Reset, Step twice, then Run: the same run as without the pause.
	p.click(`#reset`)
	p.click(`#step`)
	p.waitFor("one step", `document.querySelector('#status').dataset.status === 'paused'`)
	p.click(`#step`)
	p.waitFor("two steps", `document.querySelector('#status').dataset.status === 'paused' && Number(document.querySelector('#view-a canvas.chart').dataset.points) === 3`)
	p.click(`#run`)
	p.waitFor("the resumed run to finish", `document.querySelector('#status').dataset.status === 'done'`)
	if resumed := js[string](t, ctx, `window.skillsim.csvText()`); resumed != straight {
		t.Errorf("a run stepped and resumed differs from the straight run:\n%s", firstDiff(straight, resumed))
	}

	// A lever moved while the region runs: at a slow speed, switch the
	// network off once the run has passed step 30. The run changes from
	// the step after the one on screen, the change is marked on the chart,
	// and the page's link replays the run exactly.
	p.click(`#reset`)
	p.do("slow down", chromedp.Evaluate[chromedp.Void](`(() => { const s = document.querySelector('#speed'); s.value = 2; s.dispatchEvent(new Event('input')); })()`))
	p.click(`#run`)
	p.waitFor("step 30", `window.skillsim.state.run.step >= 30`)
	p.click(`#in-network`)
	p.waitFor("the change to be recorded", `window.skillsim.state.changes.length === 1`)
	p.do("full speed", chromedp.Evaluate[chromedp.Void](`(() => { const s = document.querySelector('#speed'); s.value = s.max; s.dispatchEvent(new Event('input')); })()`))
	p.waitFor("the changed run to finish", `document.querySelector('#status').dataset.status === 'done'`)
	p.screenshot("lever-moved-mid-run.png")
	at := js[int](t, ctx, `window.skillsim.state.changes[0].step`)
	if at < 30 || at >= 120 {
		t.Fatalf("the change was recorded at step %d, want at or after 30", at)
	}
	if m := js[int](t, ctx, `Number(document.querySelector('#view-a canvas.chart').dataset.markers)`); m != 1 {
		t.Errorf("the chart marks %d lever changes, want 1", m)
	}
	moved := js[string](t, ctx, `window.skillsim.csvText()`)
	sl, ml := strings.Split(straight, "\n"), strings.Split(moved, "\n")
	if len(ml) != len(sl) {
		t.Fatalf("the changed run has %d lines, the straight run %d", len(ml), len(sl))
	}
	if !slices.Equal(sl[:at+2], ml[:at+2]) { // header, steps 0..at
		t.Errorf("the run changed before the step after the change (%d):\n%s", at, firstDiff(strings.Join(sl[:at+2], "\n"), strings.Join(ml[:at+2], "\n")))
	}
	if slices.Equal(sl, ml) {
		t.Errorf("switching the network off at step %d changed nothing", at)
	}
	link := js[string](t, ctx, `location.href`)
	if !strings.Contains(link, fmt.Sprintf("changes=a%%40%d%%2Fnetwork%%3A0", at)) {
		t.Errorf("the link %s does not hold the change", link)
	}
	p.load(link)
	if n := js[int](t, ctx, `window.skillsim.state.changes.length`); n != 1 {
		t.Fatalf("the link restored %d lever changes, want 1", n)
	}
	p.click(`#run`)
	p.waitFor("the replay to finish", `document.querySelector('#status').dataset.status === 'done'`)
	if replay := js[string](t, ctx, `window.skillsim.csvText()`); replay != moved {
		t.Errorf("the replay from the link differs from the run with the lever moved:\n%s", firstDiff(moved, replay))
	}

	// Compare: B is A without the network, on the same seed.
	p.click(`#reset`)
	p.click(`#compare`)
	p.waitFor("configuration B", `!document.querySelector('#view-b').hidden && document.querySelector('#view-b .view-name').textContent === 'e2e-small'`)
	p.click(`#tab-b`)
	p.waitFor("tab B", `document.querySelector('.side-now').textContent === 'B' && document.querySelector('#in-network').checked`)
	p.click(`#in-network`)
	p.waitFor("B without network", `window.skillsim.state.cfg.b.levers.network === false && window.skillsim.state.cfg.a.levers.network === true`)
	p.click(`#run`)
	p.waitFor("the comparison to finish", `document.querySelector('#status').dataset.status === 'done'`)
	p.screenshot("compare.png")
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

	// Two replications of each: the charts draw the mean with a band.
	p.click(`[data-panel=scenario]`)
	p.do("two replications", chromedp.SetValue(chromedp.CSS("#reps"), "2"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#reps').dispatchEvent(new Event('change'))`))
	p.click(`#run`)
	p.waitFor("the replications to finish", `document.querySelector('#status').dataset.status === 'done'`)
	if band := js[string](t, ctx, `document.querySelector('#view-b canvas.chart').dataset.band`); band != "true" {
		t.Errorf("two replications: the chart draws no band (%q)", band)
	}
	if u := js[string](t, ctx, `location.search`); !strings.Contains(u, "reps=2") {
		t.Errorf("the URL %q does not hold the replications", u)
	}
	p.screenshot("replications.png")

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
	p.load(limited.URL)
	p.click(`[data-panel=scenario]`)
	p.click(`#editor-box summary`)
	p.setEditor("name: huge\npopulation: {persons: 150000}\n")
	p.waitFor("the size limit", `document.querySelectorAll('#errors li').length > 0`)
	if msg := js[string](t, ctx, `document.querySelector('#errors li').textContent`); !strings.Contains(msg, "population.persons") || !strings.Contains(msg, "at most 100,000 people") {
		t.Errorf("region too large: the page shows %q, want the limit of 100,000 people", msg)
	}
	p.setEditor(smallYAML)
	p.waitFor("the small region", `document.querySelectorAll('#errors li').length === 0 && document.querySelector('#summary').textContent.startsWith('e2e-small')`)
	p.click(`#run`)
	p.waitFor("the busy message", `!document.querySelector('#message').hidden`)
	if msg := js[string](t, ctx, `document.querySelector('#message').textContent`); !strings.Contains(msg, "Too many simulations") || !strings.Contains(msg, "limit of 1 simulation at once") {
		t.Errorf("too many simulations: the page shows %q", msg)
	}
	if st := js[string](t, ctx, `document.querySelector('#status').dataset.status`); st != "error" {
		t.Errorf("status %q after a refused run, want error", st)
	}
	p.screenshot("limit.png")
	release()
	if errs := jsErrors(); len(errs) > 0 {
		t.Errorf("JavaScript errors: %q", errs)
	}
	t.Logf("screenshots in %s", p.shots)
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

// TestE2EClassroom plays the participatory mode in headless Chromium: a
// teacher's page opens a room on a small region, three students' pages
// (each its own tab) join with the code, and the class plays two rounds;
// the projector page shows their choices as they come in, the region's
// response and the debrief. It then checks the limits' messages: a full
// room, a server's last room, and a device sending too many requests.
func TestE2EClassroom(t *testing.T) {
	ctx, jsErrors := startBrowser(t, 3*time.Minute)
	// Every page comes from 127.0.0.1: a rate limit per client would
	// count them as one device, so this server's is generous.
	srv := httptest.NewServer(web.New(&web.Options{Classroom: &web.ClassroomOptions{MaxStudents: 3, MaxRooms: 1, Burst: 1000}}).Handler())
	// The pages' room streams stay open: close their connections first.
	defer func() { srv.CloseClientConnections(); srv.Close() }()
	shots := t.ArtifactDir()
	teacher := &page{t: t, ctx: ctx, shots: shots, errors: jsErrors}
	teacher.load(srv.URL + "/room")
	teacher.viewport(1280, 720)
	teacher.do("paste the small region", chromedp.SetValue(chromedp.CSS("#yaml"), smallYAML),
		chromedp.SetValue(chromedp.CSS("#rounds"), "2"), chromedp.SetValue(chromedp.CSS("#secs"), "600"))
	teacher.click("#open")
	teacher.waitFor("the room's code", `/^[2-9A-Z]{8}$/.test(document.querySelector('#code').textContent)`)
	code := js[string](t, ctx, `document.querySelector('#code').textContent`)
	teacher.screenshot("room-lobby.png")

	var students []*page
	for i, name := range []string{"Ada", "Bo", "Cy"} {
		tab, cancel := chromedp.NewContext(ctx)
		defer cancel()
		s := &page{t: t, ctx: tab, shots: shots, errors: jsErrors}
		s.load(srv.URL + "/join?code=" + code)
		s.do("type a name", chromedp.SetValue(chromedp.CSS("#name"), name))
		s.click("#join")
		s.waitFor(name+"'s firm", `document.body.dataset.state === 'lobby' && document.querySelector('#firm').children.length > 0`)
		students = append(students, s)
		teacher.waitFor(fmt.Sprintf("%d students on the projector", i+1), fmt.Sprintf(`document.querySelectorAll('#students li').length === %d`, i+1))
	}
	teacher.click("#start")
	for round := 1; round <= 2; round++ {
		for i, s := range students {
			s.waitFor(fmt.Sprintf("round %d open", round), fmt.Sprintf(`document.body.dataset.state === 'deciding' && document.body.dataset.round === '%d'`, round))
			// Ada and Bo co-produce, upgrade and train; Cy stays put.
			v := "1"
			if i == 2 {
				v = "0"
			}
			for _, k := range []string{"coproduce", "upgrade", "train"} {
				s.click(fmt.Sprintf(`input[name=%s][value="%s"]`, k, v))
			}
			s.click("#send")
			if i < 2 {
				s.waitFor("the choice recorded", `document.body.dataset.answered === 'true'`)
				// The projector shows the choices as they come in.
				teacher.waitFor(fmt.Sprintf("round %d: %d answers on the projector", round, i+1),
					fmt.Sprintf(`document.querySelector('#answered').textContent === '%d' && document.querySelector('.bar[data-key=coproduce]').dataset.count === '%d'`, i+1, i+1))
			}
		}
		if round == 1 {
			teacher.screenshot("room-round1.png")
		}
	}
	teacher.waitFor("the debrief", `document.body.dataset.state === 'done' && !document.querySelector('#debrief').hidden`)
	teacher.screenshot("room-debrief.png")
	if n := js[int](t, ctx, `document.querySelectorAll('#table tbody tr').length`); n != 2 {
		t.Errorf("the debrief has %d rounds, want 2", n)
	}
	if n := js[int](t, ctx, `Number(document.querySelector('#chart').dataset.points)`); n != 2 {
		t.Errorf("the projector's chart has %d years, want 2", n)
	}
	verdict := js[string](t, ctx, `document.querySelector('#verdict').textContent`)
	if !strings.Contains(verdict, "escaped the trap") && !strings.Contains(verdict, "did not escape the trap") {
		t.Errorf("the debrief's verdict: %q", verdict)
	}
	if !strings.Contains(verdict, "Your firms: 67% co-producing, 67% upgraded, 67% training") {
		t.Errorf("the debrief does not compare the class's firms (two of three co-producing, upgraded, training): %q", verdict)
	}
	ada := students[0]
	if firm := js[string](t, ada.ctx, `document.querySelector('#firm').textContent`); !strings.Contains(firm, "co-production with") || !strings.Contains(firm, "high specification") {
		t.Errorf("Ada's firm after two rounds of co-producing and upgrading: %q", firm)
	}
	ada.screenshot("student-done.png")

	// The limits: a fourth student, a second room, too many requests.
	di := &page{t: t, ctx: ctx, shots: shots, errors: jsErrors}
	tab, cancel := chromedp.NewContext(ctx)
	defer cancel()
	di.ctx = tab
	di.load(srv.URL + "/join?code=" + code)
	di.do("type a name", chromedp.SetValue(chromedp.CSS("#name"), "Di"))
	di.click("#join")
	di.waitFor("a message", `!document.querySelector('#message').hidden`)
	if msg := js[string](t, tab, `document.querySelector('#message').textContent`); !strings.Contains(msg, "over") && !strings.Contains(msg, "full") {
		t.Errorf("a fourth student joining a finished room of three: %q", msg)
	}
	di.load(srv.URL + "/room")
	di.click("#open")
	di.waitFor("a message", `!document.querySelector('#message').hidden`)
	if msg := js[string](t, tab, `document.querySelector('#message').textContent`); !strings.Contains(msg, "limit of 1 room") {
		t.Errorf("a second room on a server of one: %q", msg)
	}
	full := httptest.NewServer(web.New(&web.Options{Classroom: &web.ClassroomOptions{MaxStudents: 1, Burst: 1000}}).Handler())
	defer func() { full.CloseClientConnections(); full.Close() }()
	fullCode := openRoom(t, full.URL)
	for i, name := range []string{"Ed", "Flo"} {
		// A tab of its own each: a tab keeps its room's token.
		tab, cancel := chromedp.NewContext(ctx)
		defer cancel()
		di.ctx = tab
		di.load(full.URL + "/join?code=" + fullCode)
		di.do("type a name", chromedp.SetValue(chromedp.CSS("#name"), name))
		di.click("#join")
		if i == 1 {
			di.waitFor("the full room's message", `!document.querySelector('#message').hidden`)
			if msg := js[string](t, tab, `document.querySelector('#message').textContent`); !strings.Contains(msg, "this room is full: it takes at most 1 student") {
				t.Errorf("a second student in a room of one: %q", msg)
			}
			di.screenshot("room-full.png")
		} else {
			di.waitFor("Ed's firm", `document.querySelector('#firm').children.length > 0`)
		}
	}
	busy := httptest.NewServer(web.New(&web.Options{Classroom: &web.ClassroomOptions{Burst: 2, Rate: 0.001}}).Handler())
	defer func() { busy.CloseClientConnections(); busy.Close() }()
	di.load(busy.URL + "/join?code=ABCDEFGH")
	di.do("type a name", chromedp.SetValue(chromedp.CSS("#name"), "Gus"))
	// One request at a time (the answers must not overtake each other):
	// the third is over the burst of two.
	for i := range 3 {
		di.do("clear the message", chromedp.Evaluate[chromedp.Void](`document.querySelector('#message').hidden = true`))
		di.click("#join")
		di.waitFor(fmt.Sprintf("the answer to request %d", i+1), `!document.querySelector('#message').hidden`)
	}
	if msg := js[string](t, di.ctx, `document.querySelector('#message').textContent`); !strings.Contains(msg, "too many requests from this device") {
		t.Errorf("a third request in a burst of two: %q", msg)
	}
	if errs := jsErrors(); len(errs) > 0 {
		t.Errorf("JavaScript errors: %q", errs)
	}
}

// openRoom opens a room on the small region through the API and returns
// its code.
func openRoom(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Post(url+"/api/rooms", "application/json", strings.NewReader(fmt.Sprintf(`{"yaml": %q, "rounds": 1}`, smallYAML)))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var m struct{ Code string }
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("open a room: %s %v", resp.Status, err)
	}
	return m.Code
}
