package nir

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// maxLine bounds a line so that Run never buffers unbounded input.
const maxLine = 1024

// Detail says how much Run tells about a number.
type Detail int

const (
	// Verdict: valid or not and, when not, what is wrong; no decoded field.
	Verdict Detail = iota
	// Private: the decoded fields but the commune and the order number,
	// which with the birth data would rebuild the number. For output
	// that is not a terminal: a file, a pipe, a log.
	Private
	// Full: every decoded field, for a person reading a terminal.
	Full
)

// Options choose Run's output.
type Options struct {
	JSON   bool
	Detail Detail
}

// Run reads numbers one a line from r (blank lines skipped) and writes, for
// each, the Lines(o.Detail) under a header with the masked number, or with
// o.JSON one JSON object a line. checked counts the numbers read (zero
// means empty input, which callers may treat as an error); allValid is
// false if any number is not valid. A line over maxLine bytes gets a
// length error; the run goes on. Output is written as each line is read,
// so it works interactively.
func Run(r io.Reader, w io.Writer, o Options) (checked int, allValid bool, err error) {
	br := bufio.NewReaderSize(r, maxLine+2) // room for the line plus "\r\n"
	allValid = true
	count := 0
	for {
		line, rerr := br.ReadSlice('\n')
		tooLong := false
		for rerr == bufio.ErrBufferFull { // drop the rest of the line
			tooLong = true
			line = nil
			_, rerr = br.ReadSlice('\n')
		}
		if rerr != nil && rerr != io.EOF {
			return count, false, rerr
		}
		text := bytes.TrimSpace(line)
		if tooLong || len(text) > maxLine {
			tooLong = true
		} else if len(text) == 0 {
			if rerr == io.EOF {
				return count, allValid, nil
			}
			continue
		}

		var res Result
		if tooLong {
			res = Result{Error: ErrLength, Masked: "…",
				Message: fmt.Sprintf("The line is longer than %d bytes, but a social security number has 13 characters, or 15 with the key.", maxLine)}
		} else {
			res = Check(string(text))
		}
		count++
		allValid = allValid && res.Valid
		if err := write(w, count, res.Reduce(o.Detail), o); err != nil {
			return count, false, err
		}
		if rerr == io.EOF {
			return count, allValid, nil
		}
	}
}

func write(w io.Writer, count int, res Result, o Options) error {
	if o.JSON {
		return json.NewEncoder(w).Encode(res) // Encode ends with "\n": JSON Lines
	}
	var b bytes.Buffer
	if count > 1 {
		b.WriteByte('\n')
	}
	if res.Masked != "" {
		fmt.Fprintf(&b, "Number %d (%s):\n", count, res.Masked)
	} else {
		fmt.Fprintf(&b, "Number %d:\n", count)
	}
	for _, l := range res.Explain() { // res is already reduced to o.Detail
		b.WriteString("  " + l + "\n")
	}
	_, err := w.Write(b.Bytes())
	return err
}
