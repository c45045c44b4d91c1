package report

import (
	"fmt"
	"html/template"
	"io"
	"os"
	"skillsim/markdown"
	"skillsim/outdir"
	"strings"
)

// writeMarkdownFigures writes the figures of r as PNG files into dir.
func writeMarkdownFigures(dir string, r *report) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, s := range r.Sections {
		for _, f := range s.Figures {
			err := outdir.WriteFile(dir, f.ID+".png", func(w io.Writer) error {
				_, err := w.Write(f.PNG)
				return err
			})
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// markdown writes the report as Markdown, its figures linked from figDir.
func (r *report) markdown(w io.Writer, figDir string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# skillsim report\n\nGenerated %s by skillsim %s.\n\n", r.Generated, r.Version)
	for _, s := range r.Sections {
		fmt.Fprintf(&b, "- [%s](#%s) (%s, `%s`)\n", mdText(s.Title), s.ID, s.Kind, s.Dir)
	}
	for _, s := range r.Sections {
		fmt.Fprintf(&b, "\n<a id=\"%s\"></a>\n\n## %s\n\n", s.ID, mdText(s.Title))
		for _, q := range s.Questions {
			text := q.Text
			if text == "" {
				text = "(no question given)"
			}
			fmt.Fprintf(&b, "**%s**: %s\n\n", mdText(q.Scenario), mdText(text))
		}
		for _, p := range s.Summary {
			fmt.Fprintf(&b, "%s\n\n", mdText(p))
		}
		for _, n := range s.Notes {
			fmt.Fprintf(&b, "*%s*\n\n", mdText(n))
		}
		for _, f := range s.Figures {
			fmt.Fprintf(&b, "![%s](%s/%s.png)\n\n*%s*\n\n", mdText(f.Caption), figDir, f.ID, mdText(f.Caption))
		}
		for _, t := range s.Tables {
			mdTable(&b, t)
		}
		if s.Validation != nil {
			b.WriteString("### Validation\n\n")
			mdTable(&b, *s.Validation)
		}
		b.WriteString("### Provenance\n\n| | |\n|---|---|\n")
		for _, f := range s.Provenance {
			fmt.Fprintf(&b, "| %s | %s |\n", mdCell(f.Name), mdCell(f.Value))
		}
		b.WriteString("\n")
		for _, f := range s.Resolved {
			fmt.Fprintf(&b, "<details><summary>%s</summary>\n\n```yaml\n%s\n```\n\n</details>\n\n", template.HTMLEscapeString(f.Name), strings.TrimRight(strings.ReplaceAll(f.Text, "```", "` ` `"), "\n"))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mdTable writes t as a Markdown pipe table with its caption above it.
func mdTable(b *strings.Builder, t table) {
	fmt.Fprintf(b, "**%s**\n\n", mdText(t.Caption))
	markdown.Table(b, t.Header, t.Rows, mdCell)
}

// mdText escapes the characters Markdown would read as markup.
func mdText(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;", "`", "\\`", "\n", " ")
	return r.Replace(s)
}

// mdCell escapes a table cell: as mdText, and the pipe.
func mdCell(s string) string { return strings.ReplaceAll(mdText(s), "|", `\|`) }
