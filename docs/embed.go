// Package docs holds skillsim's documentation and embeds the pages the
// seminar dashboard links to: the seminar plan and the model description.
package docs

import "embed"

// Files holds seminar.md and ODD.md, served by the dashboard at /docs/.
//
//go:embed seminar.md ODD.md
var Files embed.FS
