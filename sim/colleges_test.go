package sim

import (
	"bytes"
	"context"
	"math"
	"strings"
	"testing"

	"skillsim/model"
)

// TestReadCollegesWhatIsWritten writes a run's colleges.csv, reads it back
// and writes it again: the files are the same, an undefined value is read
// back as NaN, and the file holds the budget of a college that exists.
func TestReadCollegesWhatIsWritten(t *testing.T) {
	cfg := model.DefaultConfig()
	cfg.Population.Persons = 300
	cfg.SpinUpYears = 2
	cfg.End = cfg.Start + 12
	res, err := Run(context.Background(), &cfg, Options{Reps: 2, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	res.Reps[1].Observations[1].Colleges[0].Sectors[0][model.CollegeEffort] = math.NaN()
	var ts, col bytes.Buffer
	if err := WriteTimeseries(&ts, res); err != nil {
		t.Fatal(err)
	}
	if err := WriteColleges(&col, res); err != nil {
		t.Fatal(err)
	}
	first := strings.SplitN(col.String(), "\n", 3)
	if first[0] != "rep,step,date,college,metric,value" || !strings.HasPrefix(first[1], "0,0,2015-01,newham,income,") {
		t.Errorf("colleges.csv begins %q", first[:2])
	}
	if !strings.Contains(col.String(), ",places:"+cfg.Sectors[0].Name+",") {
		t.Errorf("colleges.csv has no places:%s", cfg.Sectors[0].Name)
	}
	back, err := ReadTimeseries(bytes.NewReader(ts.Bytes()), &cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := ReadColleges(bytes.NewReader(col.Bytes()), back); err != nil {
		t.Fatal(err)
	}
	if !math.IsNaN(back.Reps[1].Observations[1].Colleges[0].Sectors[0][model.CollegeEffort]) {
		t.Error("an empty cell not read as NaN")
	}
	if v := back.Reps[0].Final.Colleges[0].Values; v[model.CollegeActive] != 1 || v[model.CollegeCosts] <= 0 {
		t.Errorf("final state of the first college read back as %v", v)
	}
	var col2 bytes.Buffer
	if err := WriteColleges(&col2, back); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(col.Bytes(), col2.Bytes()) {
		t.Error("written, read and written again, colleges.csv differs")
	}
	if err := ReadColleges(strings.NewReader("rep,step,date,college,metric,value\n0,0,2015-01,nowhere,income,1\n"), back); err == nil {
		t.Error("a row naming no college was read")
	}
}
