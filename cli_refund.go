package main

import (
	"errors"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"secu/content"
	"secu/refund"
	"secu/ui"
)

type refundFlags struct {
	act, mutuelle, price, paid   string
	sector                       int
	optam, outside, under18, ald bool
	maternity, c2s, ame          bool
}

func (a *app) refundCmd() *cobra.Command {
	var rf refundFlags
	cmd := &cobra.Command{
		Use:   "refund",
		Short: "What will I pay? The refund of one act, every line shown",
		Long: "Work out, for one act, what the Assurance Maladie pays, what a mutuelle\n" +
			"pays and what is left for you, with every line of the calculation and\n" +
			"the date of the figures used. An act or situation the guide's sources\n" +
			"cannot settle is refused with the reason (exit 1), never guessed.\n" +
			"Without --act it asks the questions.\n\n" +
			"Acts: " + strings.Join(refund.Acts, ", ") + ".\n\n" +
			"Examples:\n" +
			"  secu refund --act gp --sector 1 --mutuelle 100\n" +
			"  secu refund --act gp --sector 2 --optam --price 40 --mutuelle 150\n" +
			"  secu refund --act medicine-65 --price 7.99 --paid-this-year 12\n" +
			"  secu refund --act specialist --sector 1 --outside-parcours --json",
		Args: noArgs("refund"),
		RunE: func(cmd *cobra.Command, _ []string) error { return a.runRefund(cmd, rf) },
	}
	f := cmd.Flags()
	f.StringVar(&rf.act, "act", "", "the act: "+strings.Join(refund.Acts, ", "))
	f.IntVar(&rf.sector, "sector", 0, "the doctor's sector: 1, 2 or 3 (consultations)")
	f.BoolVar(&rf.optam, "optam", false, "the sector 2 doctor has signed the OPTAM")
	f.StringVar(&rf.price, "price", "", "the price charged in euros (default for a sector 1 doctor: the official fee)")
	f.StringVar(&rf.mutuelle, "mutuelle", "", "your mutuelle's cover in % of the base, such as 100, 150 or 200; none for none")
	f.BoolVar(&rf.outside, "outside-parcours", false, "outside the parcours de soins (no médecin traitant, no referral)")
	f.BoolVar(&rf.under18, "under-18", false, "the patient is under 18")
	f.BoolVar(&rf.ald, "ald", false, "care linked to a long-term illness (ALD)")
	f.BoolVar(&rf.maternity, "maternity", false, "maternity cover: from the 6th month of pregnancy to 12 days after the birth")
	f.BoolVar(&rf.c2s, "c2s", false, "covered by the C2S (complémentaire santé solidaire)")
	f.BoolVar(&rf.ame, "ame", false, "covered by the AME (aide médicale de l'État)")
	f.StringVar(&rf.paid, "paid-this-year", "", "participations (or franchises, for a medicine) already deducted this year, in euros")
	_ = cmd.RegisterFlagCompletionFunc("act", fixedCompletion(refund.Acts...))
	_ = cmd.RegisterFlagCompletionFunc("sector", fixedCompletion("1", "2", "3"))
	_ = cmd.RegisterFlagCompletionFunc("mutuelle", fixedCompletion("none", "100", "125", "150", "200", "300"))
	return cmd
}

// parseEuros reads an amount flag.
func parseEuros(flag, s string) (float64, error) {
	v, err := refund.ParseEuros(s)
	if err != nil {
		return 0, usageErr("--%s must be %s, not %q", flag, err, s)
	}
	return v, nil
}

// parseCover reads --mutuelle.
func parseCover(s string) (int, error) {
	v, err := refund.ParseCover(s)
	if err != nil {
		return 0, usageErr("--mutuelle must be %s, not %q", err, s)
	}
	return v, nil
}

func (a *app) runRefund(cmd *cobra.Command, rf refundFlags) error {
	f := cmd.Flags()
	var in refund.Input
	if f.Changed("act") {
		var err error
		if in, err = rf.input(f.Changed("sector")); err != nil {
			return err
		}
	} else {
		for _, name := range []string{"sector", "optam", "price", "mutuelle", "outside-parcours", "under-18", "ald", "maternity", "c2s", "ame", "paid-this-year"} {
			if f.Changed(name) {
				return usageErr("--%s needs --act too (or run 'secu refund' alone to answer the questions)", name)
			}
		}
	}
	lib, err := a.load()
	if err != nil {
		return err
	}
	if len(lib.Figures) == 0 {
		// Say it before the questions rather than after them.
		return &exitError{1, "cannot compute anything: this folder has no figures table (" + content.FiguresFile + ")"}
	}
	if !f.Changed("act") {
		if in, err = a.askRefund(); err != nil {
			return err
		}
	}
	res, err := refund.Compute(lib.Figure, in)
	var ref *refund.Refusal
	switch {
	case errors.As(err, &ref):
		return &exitError{1, "cannot compute this exactly: " + ref.Reason}
	case err != nil:
		return usageErr("%s", err)
	}
	if a.opts.json {
		return a.writeJSON(res)
	}
	_, err = io.WriteString(a.out, res.Text())
	return writeErr(err)
}

func (rf refundFlags) input(sectorGiven bool) (refund.Input, error) {
	in := refund.Input{
		Act: strings.ToLower(strings.TrimSpace(rf.act)), Sector: rf.sector, OPTAM: rf.optam,
		OutsideParcours: rf.outside, Under18: rf.under18, ALD: rf.ald,
		Maternity: rf.maternity, C2S: rf.c2s, AME: rf.ame,
	}
	if !contains(refund.Acts, in.Act) {
		return in, usageErr("--act must be one of %s, not %q", strings.Join(refund.Acts, ", "), rf.act)
	}
	if !sectorGiven && refund.IsConsultation(in.Act) {
		return in, usageErr("--act %s needs --sector 1, 2 or 3: a consultation needs the doctor's sector", in.Act)
	}
	if sectorGiven && (rf.sector < 1 || rf.sector > 3) {
		return in, usageErr("--sector must be 1, 2 or 3, not %d", rf.sector)
	}
	var err error
	if rf.price != "" {
		if in.Price, err = parseEuros("price", rf.price); err != nil {
			return in, err
		}
	}
	if in.Mutuelle, err = parseCover(rf.mutuelle); err != nil {
		return in, err
	}
	if rf.paid != "" {
		if in.PaidThisYear, err = parseEuros("paid-this-year", rf.paid); err != nil {
			return in, err
		}
	}
	if err := in.Check(); err != nil {
		return in, usageErr("%s", err)
	}
	return in, nil
}

// askRefund asks the questions: a form on a terminal, plain numbered
// questions (huh's accessible mode) when ACCESSIBLE is set or stdin or
// stderr is not a terminal.
func (a *app) askRefund() (refund.Input, error) {
	q := ui.NewRefundQuestions()
	q.Accessible = os.Getenv("ACCESSIBLE") != "" || !isTerminal(a.in) || !isTerminal(a.err)
	qs := q.Questions()
	var err error
	if q.Accessible {
		err = askAccessible(qs, a.in, a.err, "secu refund --act gp --sector 1")
	} else {
		err = runForm(qs, a.in, a.err)
	}
	if err != nil {
		return refund.Input{}, err
	}
	in, err := q.Input()
	if err != nil {
		return in, usageErr("%s", err)
	}
	return in, nil
}
