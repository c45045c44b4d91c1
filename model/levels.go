package model

// Attainment levels of people, after the English qualification levels.
const (
	LevelEntry = iota // entry level, below level 1
	Level1            // level 1
	Level2            // level 2 (GCSE grades 9–4)
	Level3            // level 3 (A level, T level, advanced apprenticeship)
	Level4            // level 4 or above (higher technical, degree)
	NumLevels         // the number of attainment levels
)

// Job levels, the three layers of the hour-glass.
const (
	JobLow          = iota // needs level 2 or below
	JobIntermediate        // needs level 3 in the sector
	JobHigh                // needs level 4 or above
	NumJobLevels           // the number of job levels
)

// requiredLevel is the attainment a job level needs.
var requiredLevel = [NumJobLevels]uint8{LevelEntry, Level3, Level4}
