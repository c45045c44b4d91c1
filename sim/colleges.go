package sim

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"skillsim/model"
	"skillsim/number"
)

// WriteColleges writes every college's state at every replication and
// step of res as CSV in long format with the header
//
//	rep,step,date,college,metric,value
//
// ordered by replication, step, college (in configuration order) and
// metric: the college indicators (model.CollegeMetricNames order), then
// for each sector in configuration order the indicators by sector
// (model.CollegeSectorMetricNames order), named metric:sector, e.g.
// places:care. A college merged into another has active 0 and every other
// value 0.
func WriteColleges(w io.Writer, res *Result) error {
	return writeCSV(w, longHeader("college"), func(cw *csv.Writer) error {
		names := model.CollegeMetricNames()
		sectorNames := collegeSectorMetrics(res.Config)
		row := make([]string, 6)
		for _, rep := range res.Reps {
			for i := range rep.Observations {
				o := &rep.Observations[i]
				setStep(row, rep.Index, o.Step, o.Date)
				for c := range o.Colleges {
					co := &o.Colleges[c]
					row[3] = collegeName(res.Config, c)
					for m, v := range co.Values {
						row[4], row[5] = names[m], formatFloat(v)
						if err := cw.Write(row); err != nil {
							return err
						}
					}
					for s := range co.Sectors {
						for m, v := range co.Sectors[s] {
							row[4], row[5] = sectorNames[s][m], formatFloat(v)
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

// collegeSectorMetrics returns the metric names of the college
// indicators by sector: [sector][metric] as name:sector.
func collegeSectorMetrics(cfg *model.Config) [][]string {
	names := model.CollegeSectorMetricNames()
	out := make([][]string, len(cfg.Sectors))
	for s := range out {
		out[s] = make([]string, len(names))
		for m, n := range names {
			out[s][m] = n + ":" + sectorName(cfg, s)
		}
	}
	return out
}

// collegeName returns the name of college c of cfg.
func collegeName(cfg *model.Config, c int) string {
	if c < len(cfg.Colleges) {
		return cfg.Colleges[c].Name
	}
	return "college" + strconv.Itoa(c)
}

// ReadColleges reads colleges.csv as WriteColleges writes it into res,
// the Result ReadTimeseries read of the same run: every college's state at
// every replication and step, Final's included.
func ReadColleges(r io.Reader, res *Result) error {
	nC, nS := len(res.Config.Colleges), len(res.Config.Sectors)
	collegeIndex := map[string]int{}
	for c := range nC {
		collegeIndex[collegeName(res.Config, c)] = c
	}
	sectorIndex := sectorIndex(res.Config)
	metricIndex := indexOf(model.CollegeMetricNames())
	sectorMetricIndex := indexOf(model.CollegeSectorMetricNames())
	for i := range res.Reps {
		for j := range res.Reps[i].Observations {
			o := &res.Reps[i].Observations[j]
			if len(o.Colleges) != nC {
				o.Colleges = make([]model.CollegeObservation, nC)
				for c := range o.Colleges {
					o.Colleges[c].Sectors = make([][model.NumCollegeSectorMetrics]float64, nS)
				}
			}
		}
	}
	err := readCSV(r, "colleges", longHeader("college"), func(line int, row []string) error {
		rep, err1 := strconv.Atoi(row[0])
		step, err2 := strconv.Atoi(row[1])
		c, ok1 := collegeIndex[row[3]]
		v, err3 := number.Parse(row[5])
		o, ok := res.observation(rep, step)
		if errors.Join(err1, err2, err3) != nil || !ok1 || !ok {
			return fmt.Errorf("colleges: line %d: bad row %q", line, row)
		}
		co := &o.Colleges[c]
		if name, sector, ok := strings.Cut(row[4], ":"); ok {
			m, ok2 := sectorMetricIndex[name]
			s, ok3 := sectorIndex[sector]
			if !ok2 || !ok3 {
				return fmt.Errorf("colleges: line %d: bad row %q", line, row)
			}
			co.Sectors[s][m] = v
			return nil
		}
		m, ok2 := metricIndex[row[4]]
		if !ok2 {
			return fmt.Errorf("colleges: line %d: bad row %q", line, row)
		}
		co.Values[m] = v
		return nil
	})
	if err != nil {
		return err
	}
	res.setFinals()
	return nil
}
