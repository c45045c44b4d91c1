package sim

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"

	"skillsim/model"
	"skillsim/number"
)

// SurveyMonth is the month of the year (1–12) at which a run surveys its
// employer groups: June, the middle of the year, as the Employer Skills
// Survey interviews employers over several months of its survey year.
// Stocks (employers, jobs, vacancies, skills gaps, wages) are read at the
// survey date and turnover is counted over the year before it, so a
// survey describes the year to June. With steps longer than a month the
// survey is the first observation of the year on or after SurveyMonth.
const SurveyMonth = 6

// AllSectors is the sector name employer_groups.csv gives the groups of
// all sectors together.
const AllSectors = "all"

// surveyDue reports whether the observation at date d, in a run of
// stepMonths-month steps, is the year's survey.
func surveyDue(d model.Month, stepMonths int) bool {
	return (d.MonthOfYear()-SurveyMonth+12)%12 < stepMonths
}

// surveyor takes the employer-group surveys of one replication.
type surveyor struct {
	everyStep bool
	surveys   []model.GroupObservation
}

// start opens the first survey window at step 0.
func (s *surveyor) start(region *model.Region) { region.RestartGroupFlows() }

// observe surveys the region if a survey is due after this step, and then
// opens the next window.
func (s *surveyor) observe(region *model.Region, cfg *model.Config) {
	if !s.everyStep && !surveyDue(region.Date(), cfg.StepMonths) {
		return
	}
	var g model.GroupObservation
	region.ObserveGroups(&g)
	region.RestartGroupFlows()
	s.surveys = append(s.surveys, g)
}

// groupsHeader is the header of employer_groups.csv.
var groupsHeader = []string{"rep", "step", "date", "sector", "group", "metric", "value"}

// WriteEmployerGroups writes the employer-group surveys of every
// replication of res (Rep.Groups) as CSV in long format with the header
//
//	rep,step,date,sector,group,metric,value
//
// ordered by replication, survey, sector (in configuration order, then
// "all" for all sectors together), group (model.GroupNames order) and
// metric (model.GroupMetricNames order).
func WriteEmployerGroups(w io.Writer, res *Result) error {
	return writeCSV(w, groupsHeader, func(cw *csv.Writer) error {
		groups := model.GroupNames()
		metrics := model.GroupMetricNames()
		row := make([]string, len(groupsHeader))
		for _, rep := range res.Reps {
			for i := range rep.Groups {
				o := &rep.Groups[i]
				setStep(row, rep.Index, o.Step, o.Date)
				for s, vals := range o.Sectors {
					row[3] = AllSectors
					if s < len(o.Sectors)-1 {
						row[3] = sectorName(res.Config, s)
					}
					for g := range vals {
						row[4] = groups[g]
						for m, v := range vals[g] {
							row[5] = metrics[m]
							row[6] = formatFloat(v)
							if err := cw.Write(row); err != nil {
								return err
							}
						}
					}
				}
			}
		}
		return nil
	})
}

// ReadEmployerGroups reads employer_groups.csv as WriteEmployerGroups
// writes it for a run of cfg, and returns the surveys of each replication
// indexed by replication number (nil for a replication with no survey).
// WindowMonths is rebuilt from the steps: the months since the previous
// survey of the replication, or since step 0 for the first. Values keep
// the file's 8 significant digits. Every survey must list every sector,
// group and metric once, and surveys must come in step order.
func ReadEmployerGroups(r io.Reader, cfg *model.Config) ([][]model.GroupObservation, error) {
	nS := len(cfg.Sectors)
	sectorIndex := sectorIndex(cfg)
	sectorIndex[AllSectors] = nS
	groupIndex := indexOf(model.GroupNames())
	metricIndex := indexOf(model.GroupMetricNames())
	perSurvey := (nS + 1) * int(model.NumGroups) * int(model.NumGroupMetrics)

	var out [][]model.GroupObservation
	var seen []bool // cells of the current survey already read
	count := 0      // cells read of the current survey
	cur := -1       // replication of the current survey
	complete := func() error {
		if cur >= 0 && count != perSurvey {
			o := out[cur][len(out[cur])-1]
			return fmt.Errorf("employer groups: replication %d, step %d: %d of %d values", cur, o.Step, count, perSurvey)
		}
		return nil
	}
	err := readCSV(r, "employer groups", groupsHeader, func(line int, row []string) error {
		rep, err1 := strconv.Atoi(row[0])
		step, err2 := strconv.Atoi(row[1])
		var date model.Month
		err3 := date.UnmarshalText([]byte(row[2]))
		s, ok1 := sectorIndex[row[3]]
		g, ok2 := groupIndex[row[4]]
		m, ok3 := metricIndex[row[5]]
		v, err4 := number.Parse(row[6])
		if errors.Join(err1, err2, err3, err4) != nil || !ok1 || !ok2 || !ok3 || rep < 0 || step < 0 {
			return fmt.Errorf("employer groups: line %d: bad row %q", line, row)
		}
		if rep < cur || rep >= len(out) || len(out[rep]) == 0 || out[rep][len(out[rep])-1].Step != step {
			// A new survey: it must follow the previous one in order.
			if err := complete(); err != nil {
				return err
			}
			if rep < cur {
				return fmt.Errorf("employer groups: line %d: replication %d after %d", line, rep, cur)
			}
			for len(out) <= rep {
				out = append(out, nil)
			}
			prev := 0
			if n := len(out[rep]); n > 0 {
				prev = out[rep][n-1].Step
				if step <= prev {
					return fmt.Errorf("employer groups: line %d: step %d of replication %d out of order", line, step, rep)
				}
			}
			out[rep] = append(out[rep], model.GroupObservation{
				Step: step, Date: date, WindowMonths: (step - prev) * cfg.StepMonths,
				Sectors: make([][model.NumGroups][model.NumGroupMetrics]float64, nS+1),
			})
			cur, count = rep, 0
			seen = make([]bool, perSurvey)
		}
		o := &out[rep][len(out[rep])-1]
		if date != o.Date {
			return fmt.Errorf("employer groups: line %d: date %s, want %s", line, date, o.Date)
		}
		cell := (s*int(model.NumGroups)+g)*int(model.NumGroupMetrics) + m
		if seen[cell] {
			return fmt.Errorf("employer groups: line %d: %s %s %s given twice", line, row[3], row[4], row[5])
		}
		seen[cell] = true
		count++
		o.Sectors[s][g][m] = v
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := complete(); err != nil {
		return nil, err
	}
	return out, nil
}

// indexOf maps each name to its position.
func indexOf(names []string) map[string]int {
	idx := make(map[string]int, len(names))
	for i, n := range names {
		idx[n] = i
	}
	return idx
}
